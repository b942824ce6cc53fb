/**
 * A small in-memory NGSI-LD broker on 127.0.0.1 for the client tests (and the bench when
 * the testkit is not available), with request recording and fault injection.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** What to do with one request before the broker handles it. */
export type Fault =
  | { kind: 'none' }
  | { kind: 'status'; status: number; retryAfter?: string; body?: unknown }
  | { kind: 'reset'; after: 'apply' | 'receive' }
  | { kind: 'hang'; after: 'apply' | 'receive' };

export interface MiniBrokerOptions {
  /** Decides a fault for each request (n counts from 0). */
  fault?: (req: RecordedRequest, n: number) => Fault;
  /** Keep a log of requests (off for big runs). */
  record?: boolean;
}

export interface MiniBroker {
  url: string;
  entities: Map<string, Record<string, unknown>>;
  requests: RecordedRequest[];
  /** Times each entity id was written by a batch/create call. */
  writes: Map<string, number>;
  close(): Promise<void>;
}

const PROBLEM = 'https://uri.etsi.org/ngsi-ld/errors/';

function problem(res: ServerResponse, status: number, type: string, detail: string): undefined {
  return send(
    res,
    status,
    { type: PROBLEM + type, title: type, status, detail },
    'application/problem+json',
  );
}

function send(
  res: ServerResponse,
  status: number,
  body?: unknown,
  type = 'application/json',
  headers: Record<string, string> = {},
): undefined {
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function toKeyValues(e: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    if (k === 'id' || k === 'type' || k === '@context') out[k] = v;
    else if (typeof v === 'object' && v !== null && 'value' in v)
      out[k] = (v as { value: unknown }).value;
    else if (typeof v === 'object' && v !== null && 'object' in v)
      out[k] = (v as { object: unknown }).object;
    else out[k] = v;
  }
  return out;
}

/** Starts the broker; call `close()` when done. */
export async function startMiniBroker(options: MiniBrokerOptions = {}): Promise<MiniBroker> {
  const entities = new Map<string, Record<string, unknown>>();
  const subscriptions = new Map<string, Record<string, unknown>>();
  const requests: RecordedRequest[] = [];
  const writes = new Map<string, number>();
  const sockets = new Set<import('node:net').Socket>();
  let n = 0;

  const notify = (entity: Record<string, unknown>): void => {
    for (const sub of subscriptions.values()) {
      const wanted = (sub.entities as { type?: string }[] | undefined) ?? [];
      if (!wanted.some((w) => w.type === entity.type)) continue;
      const uri = (sub.notification as { endpoint: { uri: string } }).endpoint.uri;
      const body = {
        id: `urn:ngsi-ld:Notification:${Math.random().toString(36).slice(2)}`,
        type: 'Notification',
        subscriptionId: sub.id,
        notifiedAt: new Date().toISOString(),
        data: [entity],
      };
      fetch(uri, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).catch(() => undefined);
    }
  };

  const write = (e: Record<string, unknown>, replace: boolean): void => {
    const id = e.id as string;
    const prev = entities.get(id);
    const next = replace || !prev ? { ...e } : { ...prev, ...e };
    delete next['@context'];
    entities.set(id, next);
    writes.set(id, (writes.get(id) ?? 0) + 1);
    notify(next);
  };

  const valid = (e: unknown): e is Record<string, unknown> =>
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { id?: unknown }).id === 'string' &&
    (e as { id: string }).id.startsWith('urn:') &&
    typeof (e as { type?: unknown }).type === 'string';

  function apply(req: RecordedRequest, res: ServerResponse): undefined {
    const url = new URL(req.url, 'http://x');
    const path = url.pathname.replace(/^\/ngsi-ld\/v1/, '');
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const body = req.body;
    const m = req.method;
    if (parts[0] === 'entityOperations') {
      const items = Array.isArray(body) ? body : [];
      const success: string[] = [];
      const errors: { entityId: string; error: unknown }[] = [];
      for (const item of items) {
        if (parts[1] === 'delete') {
          if (entities.delete(String(item))) success.push(String(item));
          else
            errors.push({
              entityId: String(item),
              error: { type: `${PROBLEM}ResourceNotFound`, title: 'not found', status: 404 },
            });
          continue;
        }
        if (!valid(item)) {
          errors.push({
            entityId: String((item as { id?: unknown })?.id),
            error: {
              type: `${PROBLEM}BadRequestData`,
              title: 'invalid entity',
              status: 400,
              detail: 'id must be a URI',
            },
          });
          continue;
        }
        if (parts[1] === 'create' && entities.has(item.id as string)) {
          errors.push({
            entityId: item.id as string,
            error: { type: `${PROBLEM}AlreadyExists`, title: 'exists', status: 409 },
          });
          continue;
        }
        write(item, parts[1] === 'upsert' ? url.searchParams.get('options') !== 'update' : false);
        success.push(item.id as string);
      }
      if (errors.length > 0) send(res, 207, { success, errors });
      else if (parts[1] === 'create') send(res, 201, success);
      else send(res, 204);
      return;
    }
    if (parts[0] === 'entities' && parts.length === 1) {
      if (m === 'POST') {
        if (!valid(body)) return problem(res, 400, 'BadRequestData', 'invalid entity');
        if (entities.has(body.id as string))
          return problem(res, 409, 'AlreadyExists', `${body.id} exists`);
        write(body, true);
        return send(res, 201, undefined, undefined, {
          location: `/ngsi-ld/v1/entities/${encodeURIComponent(body.id as string)}`,
        });
      }
      const type = url.searchParams.get('type');
      const ids = url.searchParams.get('id')?.split(',');
      let list = [...entities.values()].filter(
        (e) => (!type || e.type === type) && (!ids || ids.includes(e.id as string)),
      );
      const q = url.searchParams.get('q');
      if (q) {
        const mm = /^(\w+)(==|>|<)(.+)$/.exec(q);
        if (!mm) return problem(res, 400, 'BadRequestData', `bad q ${q}`);
        const [, attr, op, raw] = mm as unknown as [string, string, string, string];
        const want = JSON.parse(raw) as unknown;
        list = list.filter((e) => {
          const v = (e[attr] as { value?: unknown } | undefined)?.value;
          return op === '=='
            ? v === want
            : op === '>'
              ? (v as number) > (want as number)
              : (v as number) < (want as number);
        });
      }
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const page = list.slice(offset, offset + limit);
      const kv = url.searchParams.get('options')?.split(',').includes('keyValues');
      const headers: Record<string, string> = {};
      if (url.searchParams.get('count') === 'true')
        headers['NGSILD-Results-Count'] = String(list.length);
      return send(res, 200, kv ? page.map(toKeyValues) : page, 'application/json', headers);
    }
    if (parts[0] === 'entities' && parts[1]) {
      const id = parts[1];
      const e = entities.get(id);
      if (!e) return problem(res, 404, 'ResourceNotFound', `${id} not found`);
      if (parts.length === 2) {
        if (m === 'GET') {
          const kv = url.searchParams.get('options')?.split(',').includes('keyValues');
          return send(res, 200, kv ? toKeyValues(e) : e);
        }
        if (m === 'DELETE') {
          entities.delete(id);
          return send(res, 204);
        }
        if (m === 'PUT') {
          write({ ...(body as object), id }, true);
          return send(res, 204);
        }
        if (m === 'PATCH') {
          write({ ...(body as object), id }, false);
          return send(res, 204);
        }
      }
      if (parts[2] === 'attrs' && parts.length === 3) {
        const fragment = body as Record<string, unknown>;
        if (m === 'POST') {
          const noOverwrite = url.searchParams.get('options') === 'noOverwrite';
          const kept = noOverwrite ? Object.keys(fragment).filter((k) => k in e) : [];
          const applied = Object.fromEntries(
            Object.entries(fragment).filter(([k]) => !kept.includes(k)),
          );
          write({ ...applied, id }, false);
          if (kept.length > 0)
            return send(res, 207, {
              updated: Object.keys(applied),
              notUpdated: kept.map((k) => ({ attributeName: k, reason: 'exists' })),
            });
          return send(res, 204);
        }
        if (m === 'PATCH') {
          const missing = Object.keys(fragment).filter((k) => !(k in e));
          write(
            { ...Object.fromEntries(Object.entries(fragment).filter(([k]) => k in e)), id },
            false,
          );
          if (missing.length > 0)
            return send(res, 207, {
              updated: Object.keys(fragment).filter((k) => k in e),
              notUpdated: missing.map((k) => ({ attributeName: k, reason: 'not present' })),
            });
          return send(res, 204);
        }
      }
      if (parts[2] === 'attrs' && parts[3]) {
        const attr = parts[3];
        if (!(attr in e)) return problem(res, 404, 'ResourceNotFound', `${attr} not found`);
        if (m === 'DELETE') {
          delete e[attr];
          return send(res, 204);
        }
        if (m === 'PATCH') {
          e[attr] = { ...(e[attr] as object), ...(body as object) };
          return send(res, 204);
        }
      }
    }
    if (parts[0] === 'subscriptions') {
      if (m === 'POST' && parts.length === 1) {
        const id =
          (body as { id?: string }).id ?? `urn:ngsi-ld:Subscription:${subscriptions.size + 1}`;
        subscriptions.set(id, { ...(body as object), id });
        return send(res, 201, undefined, undefined, {
          location: `/ngsi-ld/v1/subscriptions/${encodeURIComponent(id)}`,
        });
      }
      if (m === 'GET' && parts.length === 1) return send(res, 200, [...subscriptions.values()]);
      const sub = subscriptions.get(parts[1] ?? '');
      if (!sub) return problem(res, 404, 'ResourceNotFound', 'no such subscription');
      if (m === 'GET') return send(res, 200, sub);
      if (m === 'PATCH') {
        Object.assign(sub, body);
        return send(res, 204);
      }
      if (m === 'DELETE') {
        subscriptions.delete(parts[1] ?? '');
        return send(res, 204);
      }
    }
    if (parts[0] === 'types' && m === 'GET') {
      const types = [...new Set([...entities.values()].map((e) => e.type as string))];
      if (parts[1]) {
        if (!types.includes(parts[1])) return problem(res, 404, 'ResourceNotFound', 'no such type');
        return send(res, 200, {
          id: parts[1],
          type: 'EntityTypeInformation',
          typeName: parts[1],
          entityCount: [...entities.values()].filter((e) => e.type === parts[1]).length,
        });
      }
      return send(res, 200, {
        id: 'urn:ngsi-ld:EntityTypeList:1',
        type: 'EntityTypeList',
        typeList: types,
      });
    }
    problem(res, 404, 'ResourceNotFound', `no route for ${m} ${path}`);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        return problem(res, 400, 'InvalidRequest', 'body is not JSON');
      }
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body,
      };
      if (options.record !== false) requests.push(recorded);
      const fault = options.fault?.(recorded, n++) ?? { kind: 'none' };
      if (fault.kind === 'status') {
        const headers: Record<string, string> = fault.retryAfter
          ? { 'retry-after': fault.retryAfter }
          : {};
        return send(
          res,
          fault.status,
          fault.body ?? { type: 'about:blank', title: 'fault', status: fault.status },
          'application/json',
          headers,
        );
      }
      if (fault.kind === 'reset' || fault.kind === 'hang') {
        if (fault.after === 'apply')
          apply(recorded, {
            writeHead: () => undefined,
            end: () => undefined,
          } as unknown as ServerResponse);
        if (fault.kind === 'reset') req.socket.destroy();
        return; // hang: never answer; the client times out
      }
      apply(recorded, res);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    entities,
    requests,
    writes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

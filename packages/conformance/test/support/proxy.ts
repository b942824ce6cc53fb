/**
 * The mutation harness: an HTTP proxy in front of a testkit broker that injects one
 * non-conformance (a mutant) into requests, answers or notifications.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';

/** A request as the proxy sees it; a mutant may change any part. */
export interface ProxyRequest {
  method: string;
  /** Path below the broker root, e.g. `/ngsi-ld/v1/entities`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: string;
}

/** An answer; mutants may change it, or return one instead of forwarding. */
export interface ProxyAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One injected non-conformance. */
export interface Mutant {
  readonly id: string;
  /** What is broken, in words. */
  readonly fault: string;
  /** The profiles whose checks should catch it (the harness runs only these). */
  readonly profiles: readonly string[];
  /** Changes a request, or answers it without asking the broker. */
  readonly request?: (r: ProxyRequest) => ProxyRequest | ProxyAnswer;
  /** Changes an answer of the broker. */
  readonly answer?: (a: ProxyAnswer, r: ProxyRequest) => ProxyAnswer;
  /** Changes a notification on its way to the subscriber; undefined drops it. */
  readonly notification?: (body: unknown) => unknown;
}

/** A running proxy. */
export interface MutationProxy {
  readonly url: string;
  /** Sets the mutant (undefined: pass everything through unchanged). */
  use(mutant: Mutant | undefined): void;
  close(): Promise<void>;
}

const NOTIFY = '/__notify/';

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function isAnswer(x: ProxyRequest | ProxyAnswer): x is ProxyAnswer {
  return 'status' in x;
}

/** Starts a proxy on 127.0.0.1 in front of `target` (a testkit URL). */
export async function startMutationProxy(target: string): Promise<MutationProxy> {
  let mutant: Mutant | undefined;
  let self = '';
  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await readAll(req);
      const url = new URL(req.url ?? '/', 'http://proxy');
      if (url.pathname.startsWith(NOTIFY)) {
        // A notification from the broker on its way to the kit's receiver.
        const to = decodeURIComponent(url.pathname.slice(NOTIFY.length));
        res.writeHead(200).end();
        let body: unknown = JSON.parse(raw);
        if (mutant?.notification) body = mutant.notification(body);
        if (body === undefined) return;
        await fetch(to, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).catch(() => {});
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (typeof v === 'string' && k !== 'host' && k !== 'content-length' && k !== 'connection')
          headers[k] = v;
      }
      let request: ProxyRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers,
        body: raw,
      };
      if (
        request.method === 'POST' &&
        request.path.endsWith('/subscriptions') &&
        mutant?.notification
      ) {
        request = { ...request, body: rerouteNotifications(request.body, self) };
      }
      const changed = mutant?.request ? mutant.request(request) : request;
      let answer: ProxyAnswer;
      if (isAnswer(changed)) answer = changed;
      else {
        const qs = changed.query.toString();
        const r = await fetch(`${target}${changed.path}${qs ? `?${qs}` : ''}`, {
          method: changed.method,
          headers: changed.headers,
          ...(changed.body && changed.method !== 'GET' ? { body: changed.body } : {}),
          redirect: 'manual',
        });
        const out: Record<string, string> = {};
        r.headers.forEach((v, k) => {
          if (
            k !== 'content-length' &&
            k !== 'connection' &&
            k !== 'keep-alive' &&
            k !== 'transfer-encoding'
          )
            out[k] = v;
        });
        answer = { status: r.status, headers: out, body: await r.text() };
        if (mutant?.answer) answer = mutant.answer(answer, changed);
      }
      res.writeHead(answer.status, answer.headers);
      res.end(answer.status === 204 ? undefined : answer.body);
    })().catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy error: ${String(e)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const addr = server.address();
  self = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    url: self,
    use(m) {
      mutant = m;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Points a subscription's endpoint at the proxy, which forwards notifications to the original URI. */
function rerouteNotifications(body: string, self: string): string {
  try {
    const s = JSON.parse(body) as { notification?: { endpoint?: { uri?: string } } };
    const uri = s.notification?.endpoint?.uri;
    if (s.notification?.endpoint && typeof uri === 'string') {
      s.notification.endpoint.uri = `${self}${NOTIFY}${encodeURIComponent(uri)}`;
    }
    return JSON.stringify(s);
  } catch {
    return body;
  }
}

/**
 * `startBroker`: an NGSI-LD broker (API 1.8, base path /ngsi-ld/v1) running in-process on
 * node:http, for tests and local development.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { CORE_CONTEXT, NgsiLdError } from '@smartcitylab/ngsi-ld';
import { decorate, spacesOf } from './internal/answer.js';
import { BrokerCore } from './internal/core.js';
import { applyCors, type CorsOptions, corsSettingsOf, preflight } from './internal/cors.js';
import { isRecord, renderNormalized } from './internal/entity-model.js';
import { FaultInjector, type FaultOptions } from './internal/faults.js';
import {
  checkBodyHeaders,
  checkMediaType,
  contextOfLink,
  mediaType,
  negotiate,
  parseJsonBody,
  parseQueryString,
  type RequestContext,
  readBody,
  sendJson,
} from './internal/http.js';
import { compactEntity } from './internal/jsonld/entity-terms.js';
import {
  contextsNeeded,
  createResolver,
  type FetchContextsOptions,
} from './internal/jsonld/setup.js';
import { Notifier } from './internal/notifier.js';
import {
  invalidRequest,
  notFound,
  problem,
  RequestProblem,
  toRequestProblem,
} from './internal/problems.js';
import { route } from './internal/router.js';
import { BrokerStore, DEFAULT_TENANT } from './internal/store.js';
import { tenantNameOf } from './internal/tenants.js';

export type { CorsOptions } from './internal/cors.js';
export type { FaultOptions } from './internal/faults.js';
export type { FetchContextsOptions } from './internal/jsonld/setup.js';

/**
 * Options of {@link startBroker}.
 *
 * @example
 * ```ts
 * const options: BrokerOptions = { port: 0, faults: { rate429: 0.1, seed: 42 } };
 * ```
 */
export interface BrokerOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Multi-tenancy via the NGSILD-Tenant header (default true); when false a tenant header gets 501. */
  tenants?: boolean;
  /** Faults to inject (latency, 429, 503, connection resets, hangs), driven by a seeded PRNG. */
  faults?: FaultOptions;
  /** Clock for system timestamps, throttling and expiry (default: the system clock). */
  now?: () => Date;
  /** Largest accepted request body in bytes (default 8 MiB); larger bodies get 413. */
  maxBodyBytes?: number;
  /** Most instances per attribute in one temporal answer before it is paginated (206 + Content-Range; default 1000). */
  temporalPageSize?: number;
  /**
   * JSON-LD context documents to preload, by the URL clients name them with (each a JSON
   * object with an `@context` member). The ETSI core context is built in.
   */
  contexts?: Readonly<Record<string, unknown>>;
  /**
   * Whether contexts that are neither preloaded nor hosted may be fetched over the network
   * (default false: such a request gets 503 LdContextNotAvailable).
   */
  fetchContexts?: boolean | FetchContextsOptions;
  /**
   * Whether names are expanded to IRIs with the request's @context and compacted for the
   * answer, as GS CIM 009 prescribes (default true). `false` keeps names exactly as sent.
   */
  expandTerms?: boolean;
  /** CORS for browser clients (default: any origin; `false` turns CORS headers off). */
  cors?: boolean | CorsOptions;
}

/**
 * Read access to what the broker holds, for assertions in tests.
 *
 * @example
 * ```ts
 * expect(broker.store.entityCount()).toBe(2);
 * ```
 */
export interface BrokerStoreView {
  /** Number of entities in a tenant (default tenant when omitted). */
  entityCount(tenant?: string): number;
  /**
   * An entity in normalized form (a copy), or undefined. Names are compacted with the core
   * context (names from the default vocabulary come back short, others as full IRIs);
   * `expanded: true` gives them as stored.
   */
  getEntity(
    id: string,
    tenant?: string,
    options?: { expanded?: boolean },
  ): Record<string, unknown> | undefined;
  /** Names of the tenants that exist; '' is the default tenant. */
  tenants(): string[];
  /** Forgets all entities, histories, subscriptions, registrations, tenants and hosted contexts. */
  reset(): void;
}

/**
 * A running broker.
 *
 * @example
 * ```ts
 * const broker = await startBroker();
 * await fetch(`${broker.url}/ngsi-ld/v1/types`);
 * await broker.close();
 * ```
 */
export interface Broker {
  /** Base URL, e.g. `http://127.0.0.1:40123` (the API lives under `/ngsi-ld/v1`). */
  readonly url: string;
  /** The API root a client is given, e.g. `http://127.0.0.1:40123/ngsi-ld/v1`. */
  readonly apiUrl: string;
  /** The TCP port listened on. */
  readonly port: number;
  /** Read access to the broker's state. */
  readonly store: BrokerStoreView;
  /**
   * Hosts a JSON-LD context document under `/jsonldContexts/{id}` and returns its URL, which
   * clients can then name in Link headers or `@context`.
   *
   * @throws BrokerError (code 'InvalidContext') when the document has no `@context` member.
   */
  hostContext(document: Readonly<Record<string, unknown>>, id?: string): string;
  /** Replaces the fault settings (and restarts the PRNG from their seed); `{}` turns faults off. */
  setFaults(faults: FaultOptions): void;
  /** Resolves when every notification triggered so far has been delivered or has failed. */
  flushNotifications(): Promise<void>;
  /** Stops listening, drops open connections (including hung ones) and aborts notifications. */
  close(): Promise<void>;
}

/**
 * Error of the testkit itself (not of a request): e.g. the port is taken.
 *
 * @example
 * ```ts
 * try { await startBroker({ port: 1026 }); } catch (e) { if (e instanceof BrokerError) console.error(e.code); }
 * ```
 */
export class BrokerError extends NgsiLdError {
  constructor(message: string, code: string, options: { cause?: unknown } = {}) {
    super(message, { code, ...options });
  }
}

const API_PREFIX = '/ngsi-ld/v1/';
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const KNOWN_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Starts an in-process NGSI-LD broker listening on 127.0.0.1 and a free port.
 *
 * @example
 * ```ts
 * import { startBroker } from '@smartcitylab/testkit';
 *
 * const broker = await startBroker({ faults: { rate503: 0.2, seed: 7 } });
 * const res = await fetch(`${broker.url}/ngsi-ld/v1/entities`, {
 *   method: 'POST',
 *   headers: { 'Content-Type': 'application/json' },
 *   body: JSON.stringify({ id: 'urn:ngsi-ld:Room:1', type: 'Room', temperature: { type: 'Property', value: 21 } }),
 * });
 * await broker.close();
 * ```
 * @throws BrokerError (code 'ListenFailed') when the port cannot be bound.
 */
export async function startBroker(options: BrokerOptions = {}): Promise<Broker> {
  const now = options.now ?? (() => new Date());
  const store = new BrokerStore();
  const notifier = new Notifier(now);
  const cors = corsSettingsOf(options.cors);
  let baseUrl = '';
  const resolver = createResolver(options, store, () => baseUrl);
  const core = new BrokerCore(
    store,
    {
      now,
      coreContext: CORE_CONTEXT,
      multiTenant: options.tenants !== false,
      maxBodyBytes: options.maxBodyBytes ?? 8 * 1024 * 1024,
      temporalPageSize: options.temporalPageSize ?? 1000,
    },
    notifier,
    resolver,
  );
  const faults = new FaultInjector(options.faults ?? {});
  const sockets = new Set<Socket>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawUrl = req.url ?? '/';
    const qAt = rawUrl.indexOf('?');
    const pathname = qAt < 0 ? rawUrl : rawUrl.slice(0, qAt);
    let spaces = 0;
    applyCors(res, cors, header(req, 'origin'));
    if (cors.enabled && req.method === 'OPTIONS') {
      req.resume();
      preflight(res, cors, header(req, 'access-control-request-headers'));
      return;
    }
    try {
      if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
      const decision = faults.decide();
      if (decision === 'timeout') {
        req.resume();
        return; // never answered; the socket is dropped on close()
      }
      if (decision === 'reset') {
        req.socket.resetAndDestroy();
        return;
      }
      if (decision === '429' || decision === '503') {
        req.resume();
        const status = decision === '429' ? 429 : 503;
        sendJson(
          res,
          status,
          {
            type: 'about:blank',
            title: status === 429 ? 'Too Many Requests' : 'Service Unavailable',
            status,
            detail: 'injected by the testkit fault settings',
          },
          { 'Retry-After': String(faults.retryAfterSeconds) },
          0,
        );
        return;
      }
      if (!pathname.startsWith(API_PREFIX)) {
        req.resume();
        throw notFound('Service Not Found', pathname.slice(0, 200));
      }
      const method = (req.method ?? 'GET').toUpperCase();
      if (!KNOWN_METHODS.has(method)) {
        req.resume();
        throw new RequestProblem(
          problem('OperationNotSupported', 'Method not allowed', method),
          405,
        );
      }
      const query = parseQueryString(qAt < 0 ? '' : rawUrl.slice(qAt + 1));
      spaces = spacesOf(query);
      let segments: string[];
      try {
        segments = pathname.slice(API_PREFIX.length).split('/').map(decodeURIComponent);
      } catch {
        req.resume();
        throw invalidRequest('Invalid URL', 'the path is not valid percent-encoding');
      }
      if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop();
      const tenant = tenantNameOf(req.headers, core.settings.multiTenant);
      const negotiated = negotiate(header(req, 'accept'));
      const raw = await readBody(req, core.settings.maxBodyBytes);
      if (raw === 'too-large') {
        res.setHeader('Connection', 'close');
        throw new RequestProblem(
          problem(
            'BadRequestData',
            'Payload Too Large',
            `the body exceeds ${core.settings.maxBodyBytes} bytes`,
          ),
          413,
        );
      }
      const contentType = mediaType(header(req, 'content-type'));
      const link = header(req, 'link');
      let body: unknown;
      let context: unknown;
      // A hosted @context document is not an entity: the @context rules do not apply to it.
      const contextRulesApply = segments[0] !== 'jsonldContexts';
      if (raw.length > 0 && BODY_METHODS.has(method)) {
        // Checked before parsing so a non-JSON body gets 415, not 400.
        checkMediaType(contentType);
        body = parseJsonBody(raw.toString('utf8'));
        context = checkBodyHeaders(contentType, link, contextRulesApply ? body : undefined);
      } else if (link) {
        context = contextOfLink(link);
      }
      const ac = await resolver.resolve(contextRulesApply ? context : undefined);
      for (const extra of contextsNeeded(body, contentType)) await resolver.resolve(extra);
      const ctx: RequestContext = {
        method,
        segments,
        query,
        headers: req.headers,
        tenant,
        body,
        contentType,
        wantsLd: negotiated.ld,
        wantsGeoJson: negotiated.geo,
        context,
        ac,
        acOf: (value) => resolver.peek(value) ?? ac,
        baseUrl,
      };
      const handler = route(ctx);
      const result = handler(core, ctx);
      const out = decorate(result, ctx, core);
      sendJson(res, result.status, out.body, out.headers, spaces);
    } catch (err) {
      const p = toRequestProblem(err);
      sendJson(res, p.status, p.problem, { ...p.headers }, spaces);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error): void => {
      reject(
        new BrokerError(
          `cannot listen on ${host}:${options.port ?? 0}: ${err.message}`,
          'ListenFailed',
          { cause: err },
        ),
      );
    };
    server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 0);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  baseUrl = `http://${urlHost}:${port}`;
  core.baseUrl = baseUrl;

  const view: BrokerStoreView = {
    entityCount: (tenant = DEFAULT_TENANT) => store.tenant(tenant)?.entities.size ?? 0,
    getEntity: (id, tenant = DEFAULT_TENANT, opts = {}) => {
      const e = store.tenant(tenant)?.entities.get(id);
      if (!e) return undefined;
      const stored = renderNormalized(e);
      return structuredClone(opts.expanded ? stored : compactEntity(stored, resolver.coreOnly));
    },
    tenants: () => store.tenantNames(),
    reset: () => {
      store.reset();
      resolver.invalidate();
    },
  };

  let closed: Promise<void> | undefined;
  return {
    url: baseUrl,
    apiUrl: `${baseUrl}/ngsi-ld/v1`,
    port,
    store: view,
    hostContext: (document, id = randomUUID()) => {
      if (!isRecord(document) || document['@context'] === undefined) {
        throw new BrokerError(
          `hostContext: the document${id ? ` '${id}'` : ''} needs an '@context' member`,
          'InvalidContext',
        );
      }
      store.contexts.set(id, {
        id,
        document: { ...document },
        createdAt: now().toISOString(),
        hits: 0,
      });
      resolver.invalidate();
      return `${baseUrl}/ngsi-ld/v1/jsonldContexts/${encodeURIComponent(id)}`;
    },
    setFaults: (f) => faults.configure(f),
    flushNotifications: () => notifier.flush(),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        notifier.stop();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

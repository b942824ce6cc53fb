import type { NgsiLdError } from '@smartcitylab/ngsi-ld';

/**
 * How the client authenticates: a static bearer token, an API key header, or OAuth2
 * client credentials (token fetched and refreshed before expiry, and once on a 401).
 *
 * @example
 * ```ts
 * const auth: AuthOptions = { type: 'bearer', token: process.env.TOKEN ?? '' };
 * ```
 */
export type AuthOptions =
  | { type: 'bearer'; token: string | (() => string | Promise<string>) }
  | { type: 'apiKey'; key: string; header?: string }
  | {
      type: 'oauth2';
      tokenUrl: string;
      clientId: string;
      clientSecret: string;
      scope?: string;
      /** Refresh this many ms before the token expires (default 30 000). */
      refreshMarginMs?: number;
    };

/**
 * Retry policy. Delays use exponential backoff with full jitter:
 * `random(0, min(maxDelayMs, baseDelayMs * 2 ** attempt))`; a `Retry-After` answer wins,
 * capped at `maxRetryAfterMs`.
 *
 * @example
 * ```ts
 * const retry: RetryOptions = { retries: 5, baseDelayMs: 200, maxDelayMs: 10_000 };
 * ```
 */
export interface RetryOptions {
  /** Retries after the first attempt (default 3; 0 disables retries). */
  retries?: number;
  /** Base delay of the backoff (default 100 ms). */
  baseDelayMs?: number;
  /** Cap of one backoff delay (default 5 000 ms). */
  maxDelayMs?: number;
  /** Cap of a delay asked for by `Retry-After` (default 60 000 ms). */
  maxRetryAfterMs?: number;
}

/**
 * What a hook sees about a request: method, URL and headers with credentials redacted.
 *
 * @example
 * ```ts
 * const onRequest = (e: RequestEvent) => log.debug(`${e.method} ${e.url} try ${e.attempt}`);
 * ```
 */
export interface RequestEvent {
  method: string;
  url: string;
  /** Request headers; `Authorization` and the API key header are `[REDACTED]`. */
  headers: Record<string, string>;
  /** 0 for the first try, 1 for the first retry, ... */
  attempt: number;
}

/**
 * What `onResponse` sees: the request event plus status and duration.
 *
 * @example
 * ```ts
 * const onResponse = (e: ResponseEvent) => metrics.observe(e.durationMs, { status: e.status });
 * ```
 */
export interface ResponseEvent extends RequestEvent {
  status: number;
  durationMs: number;
}

/**
 * What `onError` sees: the request event, the typed error, and whether a retry follows.
 *
 * @example
 * ```ts
 * const onError = (e: ErrorEvent) => log.warn(`${e.error.code} on ${e.url}, retry: ${e.willRetry}`);
 * ```
 */
export interface ErrorEvent extends RequestEvent {
  error: NgsiLdError;
  durationMs: number;
  willRetry: boolean;
}

/**
 * Logging and metrics hooks. They never see a token; an exception thrown by a hook is
 * ignored so that observability cannot break a request.
 *
 * @example
 * ```ts
 * const hooks: ClientHooks = { onResponse: (e) => console.log(e.status, e.url) };
 * ```
 */
export interface ClientHooks {
  onRequest?: (event: RequestEvent) => void;
  onResponse?: (event: ResponseEvent) => void;
  onError?: (event: ErrorEvent) => void;
}

/**
 * The part of a fetch `Response` the client reads (the platform's `Response` has it).
 *
 * @example
 * ```ts
 * const res: ResponseLike = await fetch('http://localhost:1026/ngsi-ld/v1/types');
 * ```
 */
export interface ResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/**
 * The request the client hands to its fetch: method, headers as a plain record, an
 * optional JSON text body and an AbortSignal.
 *
 * @example
 * ```ts
 * const init: FetchInit = { method: 'GET', headers: { accept: 'application/json' } };
 * ```
 */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/**
 * The `fetch` the client calls: the platform's by default, or any function with this
 * shape (`createNodeFetch()` from `@smartcitylab/client/node` is a faster one for Node).
 *
 * @example
 * ```ts
 * const myFetch: FetchLike = (input, init) => fetch(input, init);
 * ```
 */
export type FetchLike = (input: string, init: FetchInit) => Promise<ResponseLike>;

/**
 * Options of {@link createClient}.
 *
 * @example
 * ```ts
 * const options: ClientOptions = { baseUrl: 'http://localhost:1026', tenant: 'malmo' };
 * ```
 */
export interface ClientOptions {
  /** Broker root, e.g. `http://localhost:1026` (the `/ngsi-ld/v1` path is added). */
  baseUrl: string;
  /** `NGSILD-Tenant` sent with every request unless a call overrides it. */
  tenant?: string;
  /** User `@context` URL sent in a `Link` header (the core context is implied when absent). */
  context?: string;
  fetch?: FetchLike;
  auth?: AuthOptions;
  /** Per-attempt timeout (default 30 000 ms). */
  timeoutMs?: number;
  retry?: RetryOptions;
  hooks?: ClientHooks;
  /** Entities per batch request (default 1 000). */
  batchSize?: number;
  /** Batch requests in flight at once (default 1). */
  batchConcurrency?: number;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

/**
 * Options every call accepts.
 *
 * @example
 * ```ts
 * await client.getEntity(id, { signal: AbortSignal.timeout(1000), tenant: 'lund' });
 * ```
 */
export interface CallOptions {
  /** Aborts the call (all attempts). */
  signal?: AbortSignal;
  /** Overrides the client's tenant for this call. */
  tenant?: string;
  /** Overrides the client's `@context` for this call. */
  context?: string;
  /** Overrides the client's per-attempt timeout for this call. */
  timeoutMs?: number;
}

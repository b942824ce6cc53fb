import {
  CORE_CONTEXT,
  formatLinkHeader,
  HttpError,
  NetworkError,
  type NgsiLdError,
  TimeoutError,
  withContext,
} from '@smartcitylab/ngsi-ld';
import type {
  CallOptions,
  ClientHooks,
  FetchInit,
  FetchLike,
  ResponseLike,
  RetryOptions,
} from '../options.js';
import type { AuthProvider } from './auth.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | undefined;

/** One logical API call; the transport may send it several times. */
export interface RequestSpec {
  method: HttpMethod;
  /** Path below `/ngsi-ld/v1`, starting with `/`, already percent-encoded. */
  path: string;
  query?: Readonly<Record<string, QueryValue>>;
  body?: unknown;
  /** Defaults: application/json, or application/ld+json when the body carries @context. */
  contentType?: string;
  accept?: string;
  /** Safe to send twice: retried after timeouts, resets and 5xx. */
  idempotent: boolean;
  call?: CallOptions | undefined;
}

export interface TransportResponse {
  status: number;
  headers: ResponseLike['headers'];
  body: unknown;
}

export interface TransportConfig {
  baseUrl: string;
  tenant: string | undefined;
  context: string | undefined;
  fetch: FetchLike;
  auth: AuthProvider | undefined;
  timeoutMs: number;
  retry: Required<RetryOptions>;
  hooks: ClientHooks;
  headers: Record<string, string>;
}

const REDACTED = '[REDACTED]';
/** Errors where the request certainly never reached the server. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** True when the body (an entity or a list of them) carries its own @context. */
export function carriesContext(body: unknown): boolean {
  if (Array.isArray(body)) return body.length > 0 && hasContext(body[0]);
  return hasContext(body);
}

/**
 * An ld+json batch needs @context in every entity: when only some carry one, the others
 * get the call's context (or the core context) so the batch is not rejected as a whole.
 */
export function alignBatchContexts(body: unknown, context: string | undefined): unknown {
  if (!Array.isArray(body) || !body.some(hasContext) || body.every(hasContext)) return body;
  return body.map((e: unknown) =>
    hasContext(e) || typeof e !== 'object' || e === null
      ? e
      : withContext(e, context ?? CORE_CONTEXT),
  );
}

function hasContext(v: unknown): boolean {
  return typeof v === 'object' && v !== null && Object.hasOwn(v, '@context');
}

function errorCode(err: unknown): string | undefined {
  let cur: unknown = err;
  for (let depth = 0; depth < 4 && typeof cur === 'object' && cur !== null; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** `Retry-After` in ms (delta-seconds or HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function safeHook<E>(hook: ((e: E) => void) | undefined, event: E): void {
  if (!hook) return;
  try {
    hook(event);
  } catch {
    // A failing logger must not fail the request.
  }
}

async function readBody(res: ResponseLike): Promise<unknown> {
  const text = await res.text();
  if (text.length === 0) return undefined;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json') || type === '') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * The message of a failed fetch. In a browser a TypeError with no error code is all a page
 * learns about a blocked cross-origin request, a refused connection or an offline network.
 */
function networkMessage(code: string | undefined, cause: unknown): string {
  if (code !== undefined) return `request failed (${code})`;
  const inBrowser = typeof (globalThis as { document?: unknown }).document !== 'undefined';
  if (inBrowser && cause instanceof TypeError) {
    return 'request failed in the browser: the broker is unreachable, or it does not allow this origin (CORS: it must answer preflights and send Access-Control-Allow-Origin)';
  }
  return 'request failed';
}

/** Sends NGSI-LD requests with auth, tenant, @context, timeouts, retries and hooks. */
export class Transport {
  readonly #cfg: TransportConfig;
  readonly #root: string;
  #linkFor: [string, string] | undefined;

  constructor(cfg: TransportConfig) {
    this.#cfg = cfg;
    // The broker root or the API root both work: a trailing /ngsi-ld/v1 is not doubled.
    this.#root = `${cfg.baseUrl.replace(/\/+$/, '').replace(/\/ngsi-ld\/v1$/i, '')}/ngsi-ld/v1`;
  }

  get baseUrl(): string {
    return this.#cfg.baseUrl;
  }

  get tenant(): string | undefined {
    return this.#cfg.tenant;
  }

  get defaultBatchContext(): string | undefined {
    return this.#cfg.context;
  }

  url(spec: RequestSpec): string {
    let url = this.#root + spec.path;
    if (spec.query) {
      let sep = '?';
      for (const key of Object.keys(spec.query)) {
        const value = spec.query[key];
        if (value === undefined || value === '') continue;
        url += `${sep}${key}=${encodeURIComponent(String(value))}`;
        sep = '&';
      }
    }
    return url;
  }

  #headers(spec: RequestSpec, bodyText: string | undefined): Record<string, string> {
    const headers: Record<string, string> = { ...this.#cfg.headers };
    headers.accept = spec.accept ?? 'application/json';
    const tenant = spec.call?.tenant ?? this.#cfg.tenant;
    if (tenant) headers['ngsild-tenant'] = tenant;
    const context = spec.call?.context ?? this.#cfg.context;
    const ldBody = bodyText !== undefined && carriesContext(spec.body);
    if (bodyText !== undefined) {
      headers['content-type'] =
        spec.contentType ?? (ldBody ? 'application/ld+json' : 'application/json');
    }
    // ld+json bodies carry their own @context; a Link header beside it is a BadRequestData.
    if (context && !ldBody) headers.link = this.#link(context);
    return headers;
  }

  #link(context: string): string {
    if (this.#linkFor?.[0] !== context) this.#linkFor = [context, formatLinkHeader(context)];
    return this.#linkFor[1];
  }

  #redacted(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    const secret = this.#cfg.auth?.headerName;
    for (const [k, v] of Object.entries(headers)) out[k] = k === secret ? REDACTED : v;
    return out;
  }

  #backoff(attempt: number): number {
    const { baseDelayMs, maxDelayMs } = this.#cfg.retry;
    const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
    return Math.random() * cap;
  }

  /** Sends the request, retrying as the policy allows; throws a typed error when it fails. */
  async send(request: RequestSpec): Promise<TransportResponse> {
    const cfg = this.#cfg;
    let spec = request;
    const url = this.url(spec);
    if (spec.body !== undefined) {
      spec = { ...spec, body: alignBatchContexts(spec.body, spec.call?.context ?? cfg.context) };
    }
    const bodyText = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const baseHeaders = this.#headers(spec, bodyText);
    const signal = spec.call?.signal;
    const timeoutMs = spec.call?.timeoutMs ?? cfg.timeoutMs;
    const maxRetries = cfg.retry.retries;
    let authRetried = false;
    let retriesUsed = 0;

    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw this.#aborted(spec.method, url, baseHeaders, signal);
      const headers = cfg.auth
        ? { ...baseHeaders, ...(await cfg.auth.headers(signal)) }
        : baseHeaders;
      const hooks = cfg.hooks;
      // Redacting costs a copy per attempt: only pay it when someone listens.
      const redacted =
        hooks.onRequest || hooks.onResponse || hooks.onError ? this.#redacted(headers) : {};
      const event = { method: spec.method, url, headers: redacted, attempt };
      safeHook(cfg.hooks.onRequest, event);
      const started = Date.now();
      const ctrl = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        ctrl.abort();
      }, timeoutMs);
      const onCallerAbort = (): void => ctrl.abort(signal?.reason);
      signal?.addEventListener('abort', onCallerAbort, { once: true });

      let error: NgsiLdError;
      let retryable: boolean;
      let delay: number | undefined;
      let freeRetry = false;
      try {
        const init: FetchInit = { method: spec.method, headers, signal: ctrl.signal };
        if (bodyText !== undefined) init.body = bodyText;
        const res = await cfg.fetch(url, init);
        const body = await readBody(res);
        const durationMs = Date.now() - started;
        if (res.status < 400) {
          safeHook(cfg.hooks.onResponse, { ...event, status: res.status, durationMs });
          return { status: res.status, headers: res.headers, body };
        }
        safeHook(cfg.hooks.onResponse, { ...event, status: res.status, durationMs });
        error = new HttpError(res.status, body, { request: { method: spec.method, url, headers } });
        if (res.status === 401 && !authRetried && cfg.auth?.invalidate()) {
          // A 401 was not processed: refresh the credentials once and try again.
          authRetried = true;
          retryable = true;
          freeRetry = true;
          delay = 0;
        } else if (res.status === 429 || res.status === 503) {
          // The broker refused the request without acting on it, so even POST is safe to resend.
          retryable = true;
          delay = parseRetryAfter(res.headers.get('retry-after'));
          if (delay !== undefined) delay = Math.min(delay, cfg.retry.maxRetryAfterMs);
        } else {
          retryable =
            spec.idempotent &&
            (res.status === 408 || res.status === 502 || res.status === 504 || res.status === 500);
        }
      } catch (cause) {
        if (signal?.aborted) throw this.#aborted(spec.method, url, headers, signal);
        const request = { method: spec.method, url, headers };
        if (timedOut) {
          error = new TimeoutError(`no answer within ${timeoutMs} ms`, {
            request,
            cause,
            timeoutMs,
          });
          retryable = spec.idempotent;
        } else {
          const code = errorCode(cause);
          const notSent = code !== undefined && NOT_SENT_CODES.has(code);
          error = new NetworkError(networkMessage(code, cause), { request, cause });
          retryable = spec.idempotent || notSent;
        }
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onCallerAbort);
      }

      const willRetry = retryable && (freeRetry || retriesUsed < maxRetries);
      if (willRetry && !freeRetry) retriesUsed++;
      safeHook(cfg.hooks.onError, { ...event, error, durationMs: Date.now() - started, willRetry });
      if (!willRetry) throw error;
      try {
        await sleep(delay ?? this.#backoff(retriesUsed - 1), signal);
      } catch {
        throw this.#aborted(spec.method, url, headers, signal);
      }
    }
  }

  #aborted(
    method: string,
    url: string,
    headers: Record<string, string>,
    signal: AbortSignal | undefined,
  ): NetworkError {
    const err = new NetworkError('request aborted by the caller', {
      request: { method, url, headers },
      cause: signal?.reason,
    });
    return err;
  }
}

/**
 * The raw HTTP side of the kit: every request goes through {@link Probe.send}, which applies the
 * read-only guard, the rate limit, the per-request timeout, the response size cap and auth, and
 * records redacted evidence for the check that is running.
 */
import type { AuthHeaders } from '../auth.js';
import type { Evidence } from '../types.js';
import type { RateLimiter } from './rate-limit.js';
import { redact } from './redact.js';

/** A request of a check; `path` is below `/ngsi-ld/v1` (e.g. `/entities`). */
export interface ProbeRequest {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON value (sent with Content-Type application/json unless a header says otherwise). */
  readonly json?: unknown;
  /** A raw body, sent as is. */
  readonly body?: string;
  /** Send without the run's tenant header. */
  readonly noTenant?: boolean;
}

/** An answer, with its body read up to the cap. */
export interface ProbeAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** True when the body was longer than the cap and was cut. */
  readonly truncated: boolean;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly json: unknown;
  /** Media type of the answer, lower case, without parameters ('' when none). */
  readonly mediaType: string;
  /** The request line, as recorded (redacted). */
  readonly requestLine: string;
}

/** Why no answer came. */
export type ProbeFailureKind =
  | 'timeout'
  | 'dns'
  | 'refused'
  | 'tls'
  | 'reset'
  | 'aborted'
  | 'other';

/** No HTTP answer: network error, TLS failure, timeout or abort. */
export class ProbeFailure extends Error {
  override readonly name = 'ProbeFailure';
  constructor(
    readonly kind: ProbeFailureKind,
    message: string,
    readonly requestLine: string,
  ) {
    super(message);
  }
}

/** Settings of a {@link Probe}. */
export interface ProbeSettings {
  /** The API root, e.g. `http://broker:1026/ngsi-ld/v1`. */
  readonly apiRoot: string;
  readonly allowWrite: boolean;
  readonly tenant: string | undefined;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly limiter: RateLimiter;
  readonly auth: AuthHeaders;
  readonly secrets: readonly string[];
  readonly signal: AbortSignal | undefined;
}

const EXCERPT_CHARS = 300;

/** Sends requests for the checks and records evidence. */
export class Probe {
  private recorder: Evidence[] | undefined;

  constructor(readonly settings: ProbeSettings) {}

  /** Starts recording evidence into `into` (one list per check). */
  record(into: Evidence[] | undefined): void {
    this.recorder = into;
  }

  /** Redacts a text with every secret this run knows. */
  redact(text: string): string {
    return redact(text, [...this.settings.secrets, ...this.settings.auth.learnt]);
  }

  /** The URL of a path below the API root, with its query. */
  url(path: string, query?: ProbeRequest['query']): string {
    const url = new URL(this.settings.apiRoot + path);
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    return url.toString();
  }

  /**
   * Sends one request.
   * @throws ProbeFailure when no HTTP answer came.
   */
  async send(req: ProbeRequest): Promise<ProbeAnswer> {
    const method = req.method ?? 'GET';
    const url = this.url(req.path, req.query);
    const line = this.redact(`${method} ${new URL(url).pathname}${new URL(url).search}`);
    if (method !== 'GET' && !this.settings.allowWrite) {
      // A programming guard: write checks are skipped before they get here in read-only mode.
      throw new ProbeFailure('aborted', 'refused to write in read-only mode', line);
    }
    const s = this.settings;
    if (s.signal?.aborted) throw new ProbeFailure('aborted', 'the run was interrupted', line);
    await s.limiter.wait(s.signal);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (s.tenant && !req.noTenant) headers['ngsild-tenant'] = s.tenant;
    let body: string | undefined;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    } else if (req.body !== undefined) body = req.body;
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
    Object.assign(headers, await s.auth.headers());
    const timeout = AbortSignal.timeout(s.timeoutMs);
    const signal = s.signal ? AbortSignal.any([timeout, s.signal]) : timeout;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        redirect: 'manual',
        signal,
      });
    } catch (e) {
      throw this.fail(e, line, timeout.aborted);
    }
    let read: { text: string; truncated: boolean };
    try {
      read = await readCapped(res, s.maxResponseBytes);
    } catch (e) {
      throw this.fail(e, line, timeout.aborted);
    }
    const mediaType =
      (res.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    let json: unknown;
    if (!read.truncated && read.text.length > 0) {
      try {
        json = JSON.parse(read.text);
      } catch {
        json = undefined;
      }
    }
    const excerpt = read.truncated
      ? `${read.text.slice(0, EXCERPT_CHARS)}… [cut at ${s.maxResponseBytes} bytes]`
      : read.text.length > EXCERPT_CHARS
        ? `${read.text.slice(0, EXCERPT_CHARS)}…`
        : read.text;
    this.recorder?.push({ request: line, status: res.status, excerpt: this.redact(excerpt) });
    return {
      status: res.status,
      headers: res.headers,
      text: read.text,
      truncated: read.truncated,
      json,
      mediaType,
      requestLine: line,
    };
  }

  private fail(e: unknown, line: string, timedOut: boolean): ProbeFailure {
    const f = classifyFailure(e, timedOut, this.settings.timeoutMs, this.settings.signal);
    const failure = new ProbeFailure(f.kind, this.redact(f.message), line);
    this.recorder?.push({ request: line, status: 0, excerpt: failure.message });
    return failure;
  }
}

/** Reads at most `cap` bytes of a body; the rest is cancelled, not downloaded. */
async function readCapped(
  res: Response,
  cap: number,
): Promise<{ text: string; truncated: boolean }> {
  if (!res.body) return { text: '', truncated: false };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    chunks.push(value);
    if (size > cap) {
      truncated = true;
      await reader.cancel().catch(() => {});
      break;
    }
  }
  const all = Buffer.concat(chunks);
  return { text: all.subarray(0, Math.min(all.length, cap)).toString('utf8'), truncated };
}

/** Names why a request got no answer, from the error chain of fetch. */
export function classifyFailure(
  e: unknown,
  timedOut: boolean,
  timeoutMs: number,
  runSignal: AbortSignal | undefined,
): { kind: ProbeFailureKind; message: string } {
  if (timedOut) return { kind: 'timeout', message: `no answer within ${timeoutMs} ms` };
  if (runSignal?.aborted) return { kind: 'aborted', message: 'the run was interrupted' };
  const chain: string[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur instanceof Error; i++) {
    const code = (cur as { code?: unknown }).code;
    chain.push(`${typeof code === 'string' ? code : ''} ${cur.message}`);
    cur = cur.cause;
  }
  const text = chain.join(' | ');
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo/i.test(text))
    return { kind: 'dns', message: 'the host name does not resolve (DNS)' };
  if (/ECONNREFUSED/.test(text))
    return { kind: 'refused', message: 'the connection was refused: nothing listens there' };
  if (/CERT|SSL|TLS|self[- ]signed|EPROTO|wrong version number/i.test(text))
    return { kind: 'tls', message: `TLS failed: ${lastMessage(chain)}` };
  if (/ECONNRESET|socket hang up|other side closed|UND_ERR_SOCKET/i.test(text))
    return { kind: 'reset', message: 'the connection was closed without an answer' };
  return { kind: 'other', message: `no answer: ${lastMessage(chain)}` };
}

function lastMessage(chain: string[]): string {
  return (chain[chain.length - 1] ?? 'unknown error').trim().slice(0, 200);
}

/**
 * The `NgsiLdError` family: every error thrown by `@smartcitylab/*` packages.
 * Errors carry a stable `code`, chain their `cause`, and never reveal credentials in
 * `message`, `toString()` or `toJSON()`.
 */
import {
  type ProblemDetails,
  parseProblemDetails,
  problemTypeForStatus,
  problemTypeName,
} from './problem-details.js';

/**
 * Options accepted by {@link NgsiLdError}.
 *
 * @example
 * ```ts
 * const options: NgsiLdErrorOptions = { code: 'BadRequestData', cause: new TypeError('x') };
 * ```
 */
export interface NgsiLdErrorOptions {
  /** Stable machine-readable code; defaults to `'NgsiLdError'`. */
  code?: string;
  /** The underlying error. */
  cause?: unknown;
}

const REDACTED = '[REDACTED]';
const SECRET_HEADER = /authorization|api[-_]?key|token|secret|password|cookie|session|credential/i;
const SECRET_PARAM =
  /^(access_token|id_token|refresh_token|token|api[-_]?key|apikey|key|secret|client_secret|password|sig|signature)$/i;
// A credential after an auth scheme; at least 12 characters so prose such as "token endpoint" stays readable.
const BEARER = /\b(Bearer|Basic|Token|Digest)\s+[A-Za-z0-9\-._~+/=]{12,}/gi;

/** Replaces each known secret value, and anything that looks like a bearer token, in `text`. */
function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out.replace(BEARER, `$1 ${REDACTED}`);
}

/** Removes user info and secret-looking query parameters from a URL. */
function redactUrl(url: string, secrets: string[]): string {
  try {
    const parsed = new URL(url);
    if (parsed.username) secrets.push(decodeURIComponent(parsed.username));
    if (parsed.password) secrets.push(decodeURIComponent(parsed.password));
    if (parsed.username || parsed.password) {
      parsed.username = 'REDACTED';
      parsed.password = '';
    }
    for (const key of [...parsed.searchParams.keys()]) {
      if (SECRET_PARAM.test(key)) {
        for (const v of parsed.searchParams.getAll(key)) secrets.push(v);
        parsed.searchParams.set(key, 'REDACTED');
      }
    }
    return parsed.toString();
  } catch {
    return scrub(url, secrets);
  }
}

/** Header input accepted where a request is recorded on an error. */
export type HeadersLike =
  | Headers
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | readonly (readonly [string, string])[];

/**
 * The request that led to an error, as recorded on the error: secret headers
 * (Authorization, API keys, cookies, tokens) and secret URL parts are already redacted.
 *
 * @example
 * ```ts
 * const r: RedactedRequest = { method: 'GET', url: 'http://broker/ngsi-ld/v1/entities', headers: {} };
 * ```
 */
export interface RedactedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

/**
 * A request as given to an error constructor; it is redacted on construction.
 *
 * @example
 * ```ts
 * const r: RequestInfoLike = { method: 'GET', url: 'http://b/x', headers: { Authorization: 'Bearer t' } };
 * ```
 */
export interface RequestInfoLike {
  method?: string;
  url: string | URL;
  headers?: HeadersLike;
}

function headerEntries(headers: HeadersLike | undefined): [string, string][] {
  if (!headers) return [];
  if (typeof Headers !== 'undefined' && headers instanceof Headers) return [...headers.entries()];
  if (Array.isArray(headers)) return headers.map(([k, v]) => [String(k), String(v)]);
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
    if (v === undefined) continue;
    out.push([k, Array.isArray(v) ? v.join(', ') : String(v)]);
  }
  return out;
}

/**
 * Redacts a request for storage on an error; also returns the secret values it removed so
 * they can be scrubbed from messages.
 */
function redactRequest(request: RequestInfoLike): { request: RedactedRequest; secrets: string[] } {
  const secrets: string[] = [];
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of headerEntries(request.headers)) {
    if (SECRET_HEADER.test(name)) {
      secrets.push(value);
      const scheme = /^(\w+)\s+\S/.exec(value)?.[1];
      if (scheme) secrets.push(value.slice(scheme.length).trim());
      headers[name] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
    } else {
      headers[name] = value;
    }
  }
  const url = redactUrl(String(request.url), secrets);
  return {
    request: { method: (request.method ?? 'GET').toUpperCase(), url, headers: { ...headers } },
    secrets,
  };
}

/**
 * Base class of every error thrown by the SDK, with a stable `code` and a chained `cause`.
 *
 * Two call forms are accepted: `new NgsiLdError(message, { code, cause })` and
 * `new NgsiLdError(code, message, { cause })`.
 *
 * @example
 * ```ts
 * throw new NgsiLdError('q: unexpected ")" at position 7', { code: 'BadRequestData' });
 * ```
 */
export class NgsiLdError extends Error {
  /** Stable machine-readable code, e.g. `'BadRequestData'`, `'NetworkError'`. */
  readonly code: string;

  constructor(message: string, options?: NgsiLdErrorOptions);
  constructor(code: string, message: string, options?: { cause?: unknown });
  constructor(first: string, second?: string | NgsiLdErrorOptions, third?: { cause?: unknown }) {
    const twoStrings = typeof second === 'string';
    const message = twoStrings ? second : first;
    const options: NgsiLdErrorOptions = twoStrings
      ? { code: first, ...(third?.cause !== undefined ? { cause: third.cause } : {}) }
      : (second ?? {});
    super(scrub(message, []), options.cause !== undefined ? { cause: options.cause } : undefined);
    this.code = options.code ?? 'NgsiLdError';
    // Subclasses in this package set their name explicitly so it survives minification;
    // subclasses elsewhere get their class name.
    Object.defineProperty(this, 'name', {
      value: new.target === NgsiLdError ? 'NgsiLdError' : new.target.name,
      enumerable: false,
      configurable: true,
      writable: true,
    });
  }

  /**
   * A JSON-safe view of the error (name, code, message and the cause's name/message).
   *
   * @example
   * ```ts
   * JSON.stringify(new NgsiLdError('boom', { code: 'X' })); // '{"name":"NgsiLdError","code":"X","message":"boom"}'
   * ```
   */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {
      name: this.name,
      code: this.code,
      message: this.message,
    };
    const cause = (this as { cause?: unknown }).cause;
    if (cause instanceof Error) out.cause = { name: cause.name, message: cause.message };
    else if (cause !== undefined) out.cause = String(cause);
    return out;
  }
}

/**
 * Options of {@link HttpError}.
 *
 * @example
 * ```ts
 * const o: HttpErrorOptions = { request: { method: 'GET', url: 'http://b/x' } };
 * ```
 */
export interface HttpErrorOptions {
  /** The request that failed; redacted on construction. */
  request?: RequestInfoLike;
  /** Overrides the generated message. */
  message?: string;
  cause?: unknown;
}

const STATUS_CODE_NAMES: Readonly<Record<number, string>> = {
  401: 'Unauthorized',
  402: 'PaymentRequired',
  403: 'Forbidden',
  406: 'NotAcceptable',
  408: 'RequestTimeout',
  412: 'PreconditionFailed',
  415: 'UnsupportedMediaType',
  416: 'RangeNotSatisfiable',
  429: 'TooManyRequests',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/** The `code` for a problem: its NGSI-LD short name, else derived from the HTTP status. */
function codeFor(problem: ProblemDetails, status: number): string {
  return (
    problemTypeName(problem.type) ??
    problemTypeForStatus(status) ??
    STATUS_CODE_NAMES[status] ??
    `HTTP${status}`
  );
}

function scrubProblem(problem: ProblemDetails, secrets: readonly string[]): ProblemDetails {
  if (secrets.length === 0 && !JSON.stringify(problem).match(BEARER)) return problem;
  return JSON.parse(
    JSON.stringify(problem, (_key, v: unknown) => (typeof v === 'string' ? scrub(v, secrets) : v)),
  ) as ProblemDetails;
}

/**
 * A broker answered with an HTTP error status. `code` is the NGSI-LD problem type short
 * name (`'ResourceNotFound'`, `'AlreadyExists'`, ...), falling back on the status
 * (`'Unauthorized'`, `'ServiceUnavailable'`, `'HTTP418'`) when the type is unknown.
 *
 * @example
 * ```ts
 * const err = new HttpError(404, { type: 'https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound' }, {
 *   request: { method: 'GET', url: 'http://broker/ngsi-ld/v1/entities/x', headers: { Authorization: 'Bearer s3cret' } },
 * });
 * err.code; // 'ResourceNotFound'
 * err.request?.headers.Authorization; // 'Bearer [REDACTED]'
 * ```
 */
export class HttpError extends NgsiLdError {
  readonly status: number;
  /** The broker's ProblemDetails, parsed leniently (never undefined). */
  readonly problem: ProblemDetails;
  /** The failed request with credentials redacted. */
  readonly request?: RedactedRequest;

  /**
   * @param status - HTTP status code.
   * @param body - The response body: a ProblemDetails, a v2 error, text, or undefined.
   */
  constructor(status: number, body: unknown, options: HttpErrorOptions = {}) {
    const redacted = options.request ? redactRequest(options.request) : undefined;
    const secrets = redacted?.secrets ?? [];
    const problem = scrubProblem(parseProblemDetails(body, status), secrets);
    const code = codeFor(problem, status);
    const where = redacted ? ` for ${redacted.request.method} ${redacted.request.url}` : '';
    const text = problem.detail ?? problem.title;
    const message = scrub(
      options.message ?? `HTTP ${status} ${code}${where}${text ? `: ${text}` : ''}`,
      secrets,
    );
    super(message, { code, cause: options.cause });
    this.name = 'HttpError';
    this.status = status;
    this.problem = problem;
    if (redacted) this.request = redacted.request;
  }

  /**
   * Builds an HttpError from a fetch `Response`, reading its body (as JSON when possible).
   *
   * @example
   * ```ts
   * const res = await fetch(url);
   * if (!res.ok) throw await HttpError.fromResponse(res, { method: 'GET', url });
   * ```
   */
  static async fromResponse(response: Response, request?: RequestInfoLike): Promise<HttpError> {
    let body: unknown;
    try {
      body = await response.text();
    } catch {
      body = undefined;
    }
    return new HttpError(response.status, body, request ? { request } : {});
  }

  override toJSON(): Record<string, unknown> {
    const out = super.toJSON();
    out.status = this.status;
    out.problem = this.problem;
    if (this.request) out.request = this.request;
    return out;
  }
}

/**
 * Options of {@link NetworkError} and {@link TimeoutError}.
 *
 * @example
 * ```ts
 * const o: TransportErrorOptions = { request: { url: 'http://b/x' }, cause: new TypeError('fetch failed') };
 * ```
 */
export interface TransportErrorOptions {
  request?: RequestInfoLike;
  cause?: unknown;
}

function transportMessage(
  base: string,
  options: TransportErrorOptions,
): { message: string; request?: RedactedRequest } {
  if (!options.request) return { message: base };
  const { request, secrets } = redactRequest(options.request);
  return {
    message: scrub(`${base} (${request.method} ${request.url})`, secrets),
    request,
  };
}

/**
 * The request never got an HTTP answer (DNS, refused connection, TLS, reset).
 *
 * @example
 * ```ts
 * throw new NetworkError('Broker unreachable', { cause: err, request: { url } });
 * ```
 */
export class NetworkError extends NgsiLdError {
  readonly request?: RedactedRequest;

  constructor(message: string, options: TransportErrorOptions = {}) {
    const built = transportMessage(message, options);
    super(built.message, { code: 'NetworkError', cause: options.cause });
    this.name = 'NetworkError';
    if (built.request) this.request = built.request;
  }

  override toJSON(): Record<string, unknown> {
    const out = super.toJSON();
    if (this.request) out.request = this.request;
    return out;
  }
}

/**
 * Options of {@link TimeoutError}.
 *
 * @example
 * ```ts
 * const o: TimeoutErrorOptions = { timeoutMs: 5000 };
 * ```
 */
export interface TimeoutErrorOptions extends TransportErrorOptions {
  timeoutMs?: number;
}

/**
 * The request (or an operation) took longer than its time limit.
 *
 * @example
 * ```ts
 * throw new TimeoutError('No answer within 5000 ms', { timeoutMs: 5000 });
 * ```
 */
export class TimeoutError extends NgsiLdError {
  readonly request?: RedactedRequest;
  readonly timeoutMs?: number;

  constructor(message: string, options: TimeoutErrorOptions = {}) {
    const built = transportMessage(message, options);
    super(built.message, { code: 'TimeoutError', cause: options.cause });
    this.name = 'TimeoutError';
    if (built.request) this.request = built.request;
    if (options.timeoutMs !== undefined) this.timeoutMs = options.timeoutMs;
  }

  override toJSON(): Record<string, unknown> {
    const out = super.toJSON();
    if (this.request) out.request = this.request;
    if (this.timeoutMs !== undefined) out.timeoutMs = this.timeoutMs;
    return out;
  }
}

/**
 * One problem found in an entity: a JSON path into the input and a message.
 *
 * @example
 * ```ts
 * const issue: EntityIssue = { path: ['temperature', 'value'], message: 'Expected a number' };
 * ```
 */
export interface EntityIssue {
  path: (string | number)[];
  message: string;
  code?: string;
}

/**
 * An entity could not be converted or validated; `issues` lists each problem with its path.
 * `code` is always `'InvalidEntity'`.
 *
 * @example
 * ```ts
 * throw new ConversionError('Entity has no id', [{ path: ['id'], message: 'Required' }]);
 * ```
 */
export class ConversionError extends NgsiLdError {
  readonly issues: EntityIssue[];

  constructor(
    message: string,
    issues: readonly EntityIssue[] = [],
    options: { cause?: unknown } = {},
  ) {
    super(message, { code: 'InvalidEntity', cause: options.cause });
    this.name = 'ConversionError';
    this.issues = issues.map((i) => ({ ...i, path: [...i.path] }));
  }

  override toJSON(): Record<string, unknown> {
    const out = super.toJSON();
    out.issues = this.issues;
    return out;
  }
}

function hasName(value: unknown, names: readonly string[]): value is Error {
  if (typeof value !== 'object' || value === null) return false;
  const name = (value as { name?: unknown }).name;
  return (
    typeof name === 'string' &&
    names.includes(name) &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

const FAMILY = ['NgsiLdError', 'HttpError', 'NetworkError', 'TimeoutError', 'ConversionError'];

/**
 * Whether `value` is an error of the NgsiLdError family (also across duplicate installs,
 * by `name` and `code`).
 *
 * @example
 * ```ts
 * try { parseQuery('a=='); } catch (e) { if (isNgsiLdError(e)) console.log(e.code); }
 * ```
 */
export function isNgsiLdError(value: unknown): value is NgsiLdError {
  if (value instanceof NgsiLdError) return true;
  if (!hasName(value, FAMILY)) {
    // Subclasses in other packages keep their own name; they are still Errors with a code
    // and an NgsiLdError in the prototype chain of another install.
    let proto: unknown =
      value === null || typeof value !== 'object' ? null : Object.getPrototypeOf(value);
    while (proto && proto !== Object.prototype) {
      const ctorName = (proto as { constructor?: { name?: unknown } }).constructor?.name;
      if (ctorName === 'NgsiLdError') return typeof (value as { code?: unknown }).code === 'string';
      proto = Object.getPrototypeOf(proto);
    }
    return false;
  }
  return true;
}

/**
 * Whether `value` is an {@link HttpError} (instanceof or by `name`).
 *
 * @example
 * ```ts
 * if (isHttpError(e) && e.status === 404) return undefined;
 * ```
 */
export function isHttpError(value: unknown): value is HttpError {
  return (
    value instanceof HttpError ||
    (hasName(value, ['HttpError']) && typeof (value as { status?: unknown }).status === 'number')
  );
}

/**
 * Whether `value` is a {@link NetworkError} (instanceof or by `name`).
 *
 * @example
 * ```ts
 * if (isNetworkError(e)) scheduleRetry();
 * ```
 */
export function isNetworkError(value: unknown): value is NetworkError {
  return value instanceof NetworkError || hasName(value, ['NetworkError']);
}

/**
 * Whether `value` is a {@link TimeoutError} (instanceof or by `name`).
 *
 * @example
 * ```ts
 * if (isTimeoutError(e)) scheduleRetry();
 * ```
 */
export function isTimeoutError(value: unknown): value is TimeoutError {
  return value instanceof TimeoutError || hasName(value, ['TimeoutError']);
}

/**
 * Whether `value` is a {@link ConversionError} (instanceof or by `name`).
 *
 * @example
 * ```ts
 * if (isConversionError(e)) for (const i of e.issues) console.log(i.path.join('.'), i.message);
 * ```
 */
export function isConversionError(value: unknown): value is ConversionError {
  return (
    value instanceof ConversionError ||
    (hasName(value, ['ConversionError']) && Array.isArray((value as { issues?: unknown }).issues))
  );
}

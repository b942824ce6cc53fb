/**
 * JSON-LD `@context` handling for NGSI-LD: the well-known context URLs, the JSON-LD
 * `Link` header, and the broker rule that decides where the context travels.
 */
import { NgsiLdError } from './errors.js';
import { isUri } from './ids.js';
import { isPlainObject, setOwn } from './internal/json.js';
import { type ProblemDetails, problemDetails } from './problem-details.js';

/**
 * ETSI NGSI-LD core context, API version 1.6.
 *
 * @example
 * ```ts
 * formatLinkHeader(CORE_CONTEXT_V1_6);
 * ```
 */
export const CORE_CONTEXT_V1_6 = 'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.6.jsonld';

/**
 * ETSI NGSI-LD core context, API version 1.7.
 *
 * @example
 * ```ts
 * formatLinkHeader(CORE_CONTEXT_V1_7);
 * ```
 */
export const CORE_CONTEXT_V1_7 = 'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.7.jsonld';

/**
 * ETSI NGSI-LD core context, API version 1.8 (the version this package implements).
 *
 * @example
 * ```ts
 * formatLinkHeader(CORE_CONTEXT_V1_8);
 * ```
 */
export const CORE_CONTEXT_V1_8 = 'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld';

/**
 * The default core context: {@link CORE_CONTEXT_V1_8}.
 *
 * @example
 * ```ts
 * const entity = { id: 'urn:ngsi-ld:T:1', type: 'T', '@context': CORE_CONTEXT };
 * ```
 */
export const CORE_CONTEXT = CORE_CONTEXT_V1_8;

/**
 * The combined Smart Data Models context (every term of every domain), as served from the
 * `smart-data-models/data-models` repository.
 *
 * @example
 * ```ts
 * contextHeaders({ contentType: 'application/json', context: SMART_DATA_MODELS_CONTEXT });
 * ```
 */
export const SMART_DATA_MODELS_CONTEXT =
  'https://raw.githubusercontent.com/smart-data-models/data-models/master/context.jsonld';

/**
 * The `rel` of a Link header that carries a JSON-LD context.
 *
 * @example
 * ```ts
 * JSON_LD_CONTEXT_REL; // 'http://www.w3.org/ns/json-ld#context'
 * ```
 */
export const JSON_LD_CONTEXT_REL = 'http://www.w3.org/ns/json-ld#context';

/**
 * The two media types an NGSI-LD broker accepts for entity bodies.
 *
 * @example
 * ```ts
 * const ct: NgsiLdContentType = 'application/ld+json';
 * ```
 */
export type NgsiLdContentType = 'application/json' | 'application/ld+json';

/**
 * Formats the JSON-LD context Link header for `url`:
 * `<url>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"`.
 *
 * @example
 * ```ts
 * const headers = { Link: formatLinkHeader(SMART_DATA_MODELS_CONTEXT) };
 * ```
 * @throws {NgsiLdError} code `'BadRequestData'` when `url` is not an absolute URI.
 */
export function formatLinkHeader(url: string): string {
  if (!isUri(url)) {
    throw new NgsiLdError(`formatLinkHeader: "${String(url)}" is not an absolute URI`, {
      code: 'BadRequestData',
    });
  }
  return `<${url}>; rel="${JSON_LD_CONTEXT_REL}"; type="application/ld+json"`;
}

/** Splits a Link header into link-values at commas outside `<...>` and quotes. */
function splitLinks(header: string): string[] {
  const out: string[] = [];
  let start = 0;
  let inAngle = false;
  let inQuote = false;
  for (let i = 0; i < header.length; i++) {
    const c = header[i];
    if (inQuote) {
      if (c === '\\') i++;
      else if (c === '"') inQuote = false;
    } else if (c === '"' && !inAngle) inQuote = true;
    else if (c === '<') inAngle = true;
    else if (c === '>') inAngle = false;
    else if (c === ',' && !inAngle) {
      out.push(header.slice(start, i));
      start = i + 1;
    }
  }
  out.push(header.slice(start));
  return out;
}

/**
 * Finds the JSON-LD context URL in a Link header (the link whose `rel` is
 * `http://www.w3.org/ns/json-ld#context`, quoted or not, among other links).
 * Returns undefined when there is no such link.
 *
 * @example
 * ```ts
 * parseLinkHeader('<https://example.org/ctx.jsonld>; rel="http://www.w3.org/ns/json-ld#context"');
 * // 'https://example.org/ctx.jsonld'
 * ```
 */
export function parseLinkHeader(header: string | null | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  for (const link of splitLinks(header)) {
    const m = /^\s*<([^>]*)>(.*)$/s.exec(link);
    if (m === null) continue;
    for (const param of m[2]!.split(';')) {
      const eq = param.indexOf('=');
      if (eq < 0) continue;
      if (param.slice(0, eq).trim().toLowerCase() !== 'rel') continue;
      const rels = param
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/s, '$1')
        .split(/\s+/);
      if (rels.includes(JSON_LD_CONTEXT_REL)) return m[1]!.trim();
    }
  }
  return undefined;
}

/**
 * Options of {@link contextHeaders}.
 *
 * @example
 * ```ts
 * const o: ContextHeadersOptions = { contentType: 'application/json', context: CORE_CONTEXT };
 * ```
 */
export interface ContextHeadersOptions {
  /** Media type of the body; `application/json` unless given. */
  contentType?: NgsiLdContentType;
  /** Context URL; sent as a Link header with `application/json`, ignored with `ld+json`. */
  context?: string;
}

/**
 * Request headers that follow the broker rule: `application/ld+json` carries the
 * `@context` in the body and must not have a Link header; `application/json` takes the
 * context from the Link header (none means the core context).
 *
 * @example
 * ```ts
 * contextHeaders({ contentType: 'application/json', context: SMART_DATA_MODELS_CONTEXT });
 * // { 'Content-Type': 'application/json', Link: '<https://raw...>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"' }
 * ```
 * @throws {NgsiLdError} code `'BadRequestData'` when `context` is not an absolute URI.
 */
export function contextHeaders(options: ContextHeadersOptions = {}): Record<string, string> {
  const contentType = options.contentType ?? 'application/json';
  const headers: Record<string, string> = { 'Content-Type': contentType };
  if (contentType === 'application/json' && options.context !== undefined) {
    headers.Link = formatLinkHeader(options.context);
  }
  return headers;
}

/** Media type without parameters, lower-cased. */
function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function hasContext(body: unknown): boolean {
  return isPlainObject(body) && Object.hasOwn(body, '@context');
}

/**
 * Applies the broker's `@context` rule to a request with an entity (or array of entities)
 * body. Returns undefined when the request is acceptable, otherwise the BadRequestData
 * ProblemDetails a broker answers with:
 * - `application/ld+json` with a JSON-LD Link header,
 * - `application/ld+json` whose body (or any array element) lacks `@context`,
 * - `application/json` whose body (or any array element) has `@context`.
 *
 * @example
 * ```ts
 * checkContextRules('application/json', undefined, { id: 'urn:ngsi-ld:T:1', type: 'T' }); // undefined
 * checkContextRules('application/ld+json', undefined, { id: 'urn:ngsi-ld:T:1', type: 'T' })?.type;
 * // 'https://uri.etsi.org/ngsi-ld/errors/BadRequestData'
 * ```
 */
export function checkContextRules(
  contentType: string | null | undefined,
  linkHeader: string | null | undefined,
  body: unknown,
): ProblemDetails | undefined {
  const type = mediaType(contentType);
  const items: unknown[] = Array.isArray(body) ? body : [body];
  if (type === 'application/ld+json') {
    if (parseLinkHeader(linkHeader) !== undefined) {
      return problemDetails(
        'BadRequestData',
        "Content-Type is 'application/ld+json' and a JSON-LD Link header is present: send the @context in the body only",
      );
    }
    const missing = items.findIndex((item) => !hasContext(item));
    if (missing >= 0) {
      return problemDetails(
        'BadRequestData',
        Array.isArray(body)
          ? `Content-Type is 'application/ld+json' but entity [${missing}] has no @context member`
          : "Content-Type is 'application/ld+json' but the body has no @context member",
      );
    }
    return undefined;
  }
  if (type === 'application/json' || type === 'application/merge-patch+json') {
    const present = items.findIndex((item) => hasContext(item));
    if (present >= 0) {
      return problemDetails(
        'BadRequestData',
        Array.isArray(body)
          ? `Content-Type is '${type}' but entity [${present}] has an @context member: use application/ld+json or the Link header`
          : `Content-Type is '${type}' but the body has an @context member: use application/ld+json or the Link header`,
      );
    }
  }
  return undefined;
}

/**
 * Returns a copy of `entity` with `@context` set (for `application/ld+json` bodies).
 *
 * @example
 * ```ts
 * withContext({ id: 'urn:ngsi-ld:T:1', type: 'T' }, SMART_DATA_MODELS_CONTEXT)['@context'];
 * ```
 */
export function withContext<T extends object>(
  entity: T,
  context: string | readonly unknown[] | Readonly<Record<string, unknown>>,
): T & { '@context': unknown } {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(entity)) setOwn(out, key, (entity as Record<string, unknown>)[key]);
  out['@context'] = context;
  return out as T & { '@context': unknown };
}

/**
 * Returns a copy of `entity` without its `@context` member (for `application/json` bodies).
 *
 * @example
 * ```ts
 * withoutContext({ id: 'urn:ngsi-ld:T:1', type: 'T', '@context': CORE_CONTEXT }); // { id, type }
 * ```
 */
export function withoutContext<T extends object>(entity: T): Omit<T, '@context'> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(entity)) {
    if (key !== '@context') setOwn(out, key, (entity as Record<string, unknown>)[key]);
  }
  return out as Omit<T, '@context'>;
}

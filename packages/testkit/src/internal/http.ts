/**
 * The HTTP layer: reading bodies with a size cap, parsing JSON defensively, content
 * negotiation, and writing JSON answers. Knows nothing about entities.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkContextRules, type ProblemDetails, parseLinkHeader } from '@smartcitylab/ngsi-ld';
import type { ActiveContext } from './jsonld/active-context.js';
import { badRequest, httpProblem, invalidRequest, RequestProblem } from './problems.js';

/** Deepest JSON nesting accepted in a request body. */
export const MAX_JSON_DEPTH = 64;

/** A parsed request as handlers see it. */
export interface RequestContext {
  method: string;
  /** Path below /ngsi-ld/v1, split on '/' and percent-decoded per segment. */
  segments: string[];
  query: Map<string, string>;
  headers: IncomingMessage['headers'];
  /** Tenant name ('' = default). */
  tenant: string;
  /** Parsed JSON body (undefined when there is none). */
  body: unknown;
  /** Media type of the request body (lower-case, without parameters). */
  contentType: string | undefined;
  /** Whether the answer should be JSON-LD (Accept: application/ld+json). */
  wantsLd: boolean;
  /** Whether the client asked for GeoJSON (Accept: application/geo+json). */
  wantsGeoJson: boolean;
  /**
   * The @context of the request as the client gave it (Link header URL or body @context);
   * undefined when the request named none (the core context alone applies).
   */
  context: unknown;
  /** The request's resolved context: expands the names it sends, compacts the answer. */
  ac: ActiveContext;
  /**
   * The resolved context of another @context value of this request (a batch element's
   * @context, a subscription's jsonldContext); resolved before the handler runs.
   */
  acOf(value: unknown): ActiveContext;
  /** The broker's base URL, e.g. http://127.0.0.1:1026. */
  baseUrl: string;
}

/** What a handler answers. */
export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * What the body holds: entity answers get the @context in the body (JSON-LD) or a Link
   * header, and can be rendered as GeoJSON.
   */
  kind?: 'entity' | 'entities' | 'document';
}

/** Reads a request body up to `maxBytes`. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > maxBytes;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return; // keep draining so the socket can carry the answer
      size += chunk.length;
      if (size > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Parses a JSON body; rejects nesting deeper than {@link MAX_JSON_DEPTH} and `__proto__`
 * keys (which would otherwise reach object spreads as prototype setters).
 *
 * @throws RequestProblem 400 InvalidRequest / BadRequestData.
 */
export function parseJsonBody(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : 'parse error';
    throw invalidRequest('JSON Parse Error', reason);
  }
  checkShape(value);
  return value;
}

function checkShape(root: unknown): void {
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= MAX_JSON_DEPTH) {
      throw badRequest(
        'Payload too deeply nested',
        `JSON nesting deeper than ${MAX_JSON_DEPTH} levels is not accepted`,
      );
    }
    if (Array.isArray(node)) {
      for (const item of node) stack.push([item, depth + 1]);
      continue;
    }
    for (const key of Object.keys(node)) {
      if (key === '__proto__')
        throw badRequest('Invalid key in payload', "the key '__proto__' is not allowed");
      stack.push([(node as Record<string, unknown>)[key], depth + 1]);
    }
  }
}

/** Splits the raw query string without turning '+' into spaces (NGSI-LD q uses '+'). */
export function parseQueryString(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!raw) return out;
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? '' : part.slice(eq + 1);
    try {
      out.set(decodeURIComponent(k), decodeURIComponent(v));
    } catch {
      throw badRequest('Invalid URI parameter', `cannot percent-decode '${part.slice(0, 100)}'`);
    }
  }
  return out;
}

const JSON_TYPES = new Set([
  'application/json',
  'application/ld+json',
  'application/merge-patch+json',
]);

/** Media type of a header value, lower-case and without parameters. */
export function mediaType(header: string | undefined): string | undefined {
  if (!header) return undefined;
  return header.split(';')[0]?.trim().toLowerCase() || undefined;
}

/**
 * Content negotiation for the answer (Accept). Returns whether JSON-LD or GeoJSON is preferred.
 *
 * @throws RequestProblem 406 when nothing the broker produces is acceptable.
 */
export function negotiate(accept: string | undefined): { ld: boolean; geo: boolean } {
  if (!accept || accept.trim() === '') return { ld: false, geo: false };
  const ranges = accept
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const qParam = params.find((p) => p.startsWith('q='));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { type, q: Number.isFinite(q) ? q : 0 };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const r of ranges) {
    if (r.type === 'application/ld+json') return { ld: true, geo: false };
    if (r.type === 'application/geo+json') return { ld: false, geo: true };
    if (r.type === 'application/json' || r.type === 'application/*' || r.type === '*/*') {
      return { ld: false, geo: false };
    }
  }
  throw new RequestProblem(
    httpProblem(
      'Not Acceptable',
      `none of the media types in Accept is supported: ${accept.slice(0, 200)}`,
    ),
    406,
  );
}

/**
 * Checks that a request body is JSON (application/json, ld+json or merge-patch+json).
 *
 * @throws RequestProblem 415 Unsupported Media Type otherwise.
 */
export function checkMediaType(contentType: string | undefined): void {
  if (contentType === undefined || !JSON_TYPES.has(contentType)) {
    throw new RequestProblem(
      httpProblem(
        'Unsupported Media Type',
        `Content-Type '${contentType ?? '(none)'}' is not supported; use application/json or application/ld+json`,
      ),
      415,
    );
  }
}

/**
 * Checks a request body's Content-Type and the @context rules, and works out the
 * request's @context.
 *
 * @throws RequestProblem 415 for unsupported media types, 400 for context rule violations.
 */
export function checkBodyHeaders(
  contentType: string | undefined,
  linkHeader: string | undefined,
  body: unknown,
): unknown {
  checkMediaType(contentType);
  const violation: ProblemDetails | undefined =
    body === undefined ? undefined : checkContextRules(contentType, linkHeader, body);
  if (violation) {
    const p: ProblemDetails = { ...violation };
    delete p.status;
    throw new RequestProblem(p, typeof violation.status === 'number' ? violation.status : 400);
  }
  if (contentType === 'application/ld+json' && body !== null && typeof body === 'object') {
    const first = Array.isArray(body) ? body[0] : body;
    if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
      return (first as Record<string, unknown>)['@context'];
    }
  }
  return contextOfLink(linkHeader);
}

/** The @context URL of a Link header, if any. */
export function contextOfLink(linkHeader: string | undefined): string | undefined {
  if (!linkHeader) return undefined;
  return parseLinkHeader(linkHeader);
}

/** Writes a JSON (or empty) answer. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>,
  spaces: number,
): void {
  if (res.headersSent || res.destroyed) return;
  const payload =
    body === undefined ? '' : JSON.stringify(body, null, spaces > 0 ? spaces : undefined);
  const out: Record<string, string | number> = { ...headers };
  if (body !== undefined && out['Content-Type'] === undefined)
    out['Content-Type'] = 'application/json';
  out['Content-Length'] = Buffer.byteLength(payload);
  res.writeHead(status, out);
  res.end(payload);
}

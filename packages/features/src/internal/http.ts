/** Content negotiation, ETags and the OGC exception body. */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badParam } from './params.js';

export type Format = 'json' | 'html';

export const MEDIA = {
  json: 'application/json',
  geojson: 'application/geo+json',
  openapi: 'application/vnd.oai.openapi+json;version=3.0',
  html: 'text/html; charset=utf-8',
} as const;

/** Picks JSON or HTML from `f=` first, then from the Accept header; JSON by default. */
export function negotiate(req: IncomingMessage, params: URLSearchParams): Format {
  const f = params.get('f');
  if (f !== null) {
    if (f === 'json' || f === 'geojson' || f === 'jsonld') return 'json';
    if (f === 'html') return 'html';
    throw badParam(`f must be "json" or "html", not "${f}"`);
  }
  const accept = req.headers.accept;
  if (!accept) return 'json';
  let best: Format = 'json';
  let bestQ = -1;
  for (const part of accept.split(',')) {
    const [type = '', ...rest] = part.trim().toLowerCase().split(';');
    const qParam = rest.map((s) => s.trim()).find((s) => s.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    const kind: Format | undefined =
      type === 'text/html'
        ? 'html'
        : type.endsWith('json') || type === 'application/*'
          ? 'json'
          : undefined;
    if (kind !== undefined && q > bestQ) {
      best = kind;
      bestQ = q;
    }
  }
  return best;
}

/** A strong ETag of a body. */
export function etagOf(chunks: readonly string[]): string {
  const h = createHash('sha1');
  for (const c of chunks) h.update(c);
  return `"${h.digest('base64url')}"`;
}

function matches(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header
    .split(',')
    .map((s) => s.trim().replace(/^W\//, ''))
    .some((s) => s === etag || s === '*');
}

/** Sends a body made of chunks, with an ETag and a 304 when the client already has it. */
export function sendChunks(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  type: string,
  chunks: readonly string[],
  headers: Record<string, string> = {},
  etagSource: readonly string[] = chunks,
): void {
  // The ETag covers the content only (callers leave out volatile members such as timeStamp).
  const etag = etagOf(etagSource);
  const common = { ETag: etag, Vary: 'Accept', ...headers };
  if (status === 200 && matches(req, etag)) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  let length = 0;
  for (const c of chunks) length += Buffer.byteLength(c);
  res.writeHead(status, { ...common, 'Content-Type': type, 'Content-Length': String(length) });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  for (const c of chunks) res.write(c);
  res.end();
}

/** Sends the OGC API exception body. */
export function sendException(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  code: string,
  description: string,
): void {
  const body = JSON.stringify({ code, description });
  res.writeHead(status, {
    'Content-Type': MEDIA.json,
    'Content-Length': String(Buffer.byteLength(body)),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

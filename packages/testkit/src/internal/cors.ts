/**
 * CORS for browser clients: the testkit listens on loopback only, so any origin is
 * allowed unless the options name one.
 */
import type { ServerResponse } from 'node:http';

/**
 * CORS settings of the broker.
 *
 * @example
 * ```ts
 * const cors: CorsOptions = { origin: 'http://localhost:5173' };
 * ```
 */
export interface CorsOptions {
  /** The allowed origin (default `*`, any origin). */
  origin?: string;
}

/** Resolved CORS settings. */
export interface CorsSettings {
  enabled: boolean;
  origin: string;
}

/** Headers a browser script may read from an answer. */
const EXPOSED = 'Link, Location, NGSILD-Results-Count, Content-Range, NGSILD-Tenant, Retry-After';
const METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const DEFAULT_ALLOWED_HEADERS =
  'Accept, Authorization, Content-Type, Link, NGSILD-Tenant, Fiware-Service';

/** Settings from the `cors` option. */
export function corsSettingsOf(option: boolean | CorsOptions | undefined): CorsSettings {
  if (option === false) return { enabled: false, origin: '' };
  const origin = typeof option === 'object' && option.origin ? option.origin : '*';
  return { enabled: true, origin };
}

/** Sets the CORS headers every answer carries. */
export function applyCors(
  res: ServerResponse,
  cors: CorsSettings,
  requestOrigin: string | undefined,
): void {
  if (!cors.enabled) return;
  if (cors.origin === '*') res.setHeader('Access-Control-Allow-Origin', '*');
  else {
    res.setHeader('Vary', 'Origin');
    if (requestOrigin === cors.origin) res.setHeader('Access-Control-Allow-Origin', cors.origin);
  }
  res.setHeader('Access-Control-Expose-Headers', EXPOSED);
}

/** Answers a preflight (OPTIONS) request. */
export function preflight(
  res: ServerResponse,
  cors: CorsSettings,
  requestedHeaders: string | undefined,
): void {
  res.writeHead(204, {
    'Access-Control-Allow-Methods': METHODS,
    'Access-Control-Allow-Headers':
      requestedHeaders && requestedHeaders.length <= 1000
        ? requestedHeaders
        : DEFAULT_ALLOWED_HEADERS,
    'Access-Control-Max-Age': '600',
    'Content-Length': 0,
    ...(cors.origin === '*' ? {} : { Vary: 'Origin' }),
  });
  res.end();
}

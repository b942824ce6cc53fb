/** Shaping of answers: pretty-printing, GeoJSON, and the @context in the body or a Link header. */
import { formatLinkHeader } from '@smartcitylab/ngsi-ld';
import type { BrokerCore } from './core.js';
import { isRecord } from './entity-model.js';
import type { HandlerResult, RequestContext } from './http.js';

/** Indentation asked for with prettyPrint=yes (and spaces). */
export function spacesOf(query: Map<string, string>): number {
  if (query.get('prettyPrint') !== 'yes') return 0;
  const n = Number(query.get('spaces') ?? 2);
  return Number.isInteger(n) && n >= 0 && n <= 8 ? n : 2;
}

function toFeature(entity: unknown, geoproperty: string): Record<string, unknown> {
  const e = isRecord(entity) ? entity : {};
  const g = e[geoproperty];
  const geometry =
    isRecord(g) && g.type === 'GeoProperty'
      ? g.value
      : isRecord(g) && typeof g.type === 'string'
        ? g
        : null;
  const properties: Record<string, unknown> = {};
  for (const key of Object.keys(e)) if (key !== 'id') properties[key] = e[key];
  return { id: e.id, type: 'Feature', geometry: geometry ?? null, properties };
}

/** Shapes an entity-like answer: JSON-LD (@context in body), GeoJSON, or JSON with a Link header. */
export function decorate(
  result: HandlerResult,
  ctx: RequestContext,
  core: BrokerCore,
): { body: unknown; headers: Record<string, string> } {
  const headers: Record<string, string> = { ...(result.headers ?? {}) };
  let body = result.body;
  if (body === undefined || (result.kind !== 'entity' && result.kind !== 'entities'))
    return { body, headers };
  if (ctx.wantsGeoJson) {
    const gp = ctx.ac.compact(ctx.ac.expand(ctx.query.get('geometryProperty') ?? 'location'));
    body = Array.isArray(body)
      ? { type: 'FeatureCollection', features: body.map((e) => toFeature(e, gp)) }
      : toFeature(body, gp);
    headers['Content-Type'] = 'application/geo+json';
    return { body, headers };
  }
  if (ctx.wantsLd) {
    const context = ctx.context ?? core.settings.coreContext;
    const add = (e: unknown): unknown => (isRecord(e) ? { '@context': context, ...e } : e);
    body = Array.isArray(body) ? body.map(add) : add(body);
    headers['Content-Type'] = 'application/ld+json';
    return { body, headers };
  }
  headers['Content-Type'] = 'application/json';
  headers.Link = formatLinkHeader(core.linkUrlOf(ctx.ac));
  return { body, headers };
}

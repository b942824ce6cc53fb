import { NgsiLdError } from '@smartcitylab/ngsi-ld';
import type { EntityFormat, QueryEntitiesOptions, UpdateResult } from '../types.js';
import type { QueryValue } from './transport.js';

export const seg = (s: string): string => encodeURIComponent(s);
export const list = (v: string | readonly string[] | undefined): string | undefined =>
  v === undefined ? undefined : typeof v === 'string' ? v : v.join(',');

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function formatOptions(
  format: EntityFormat | undefined,
  sysAttrs: boolean | undefined,
): string | undefined {
  const parts: string[] = [];
  if (format === 'keyValues' || format === 'simplified') parts.push('keyValues');
  else if (format === 'concise') parts.push('concise');
  if (sysAttrs) parts.push('sysAttrs');
  return parts.length > 0 ? parts.join(',') : undefined;
}

export function idFromLocation(location: string | null, fallback: unknown): string {
  if (location) {
    const last = location.replace(/\/+$/, '').split('/').pop();
    if (last) return decodeURIComponent(last);
  }
  if (isRecord(fallback) && typeof fallback.id === 'string') return fallback.id;
  return '';
}

export function readUpdateResult(status: number, body: unknown, fragment: unknown): UpdateResult {
  if (status === 207 && isRecord(body)) {
    const updated = Array.isArray(body.updated)
      ? body.updated.filter((x) => typeof x === 'string')
      : [];
    const notUpdated = Array.isArray(body.notUpdated)
      ? body.notUpdated.filter(isRecord).map((x) => ({
          attributeName: String(x.attributeName ?? ''),
          reason: String(x.reason ?? ''),
        }))
      : [];
    return { updated, notUpdated };
  }
  const updated = isRecord(fragment)
    ? Object.keys(fragment).filter((k) => k !== 'id' && k !== 'type' && k !== '@context')
    : [];
  return { updated, notUpdated: [] };
}

export function assertId(id: unknown, what: string): asserts id is string {
  if (typeof id !== 'string' || id.length === 0) {
    throw new NgsiLdError(
      `${what} must be a non-empty string (an entity or resource URI), got ${typeof id}`,
      {
        code: 'BadRequestData',
      },
    );
  }
}

/** The URL parameters of `GET /entities` for query options. */
export function entityQueryParams(o: QueryEntitiesOptions): Record<string, QueryValue> {
  const type =
    typeof o.type === 'object' && o.type !== null && !Array.isArray(o.type)
      ? (o.type as { type: string }).type
      : (o.type as string | readonly string[] | undefined);
  return {
    type: list(type),
    id: list(o.id),
    idPattern: o.idPattern,
    q: o.q === undefined ? undefined : o.q.toString(),
    scopeQ: o.scopeQ,
    georel: o.georel,
    geometry: o.geometry,
    coordinates:
      typeof o.coordinates === 'string' || o.coordinates === undefined
        ? o.coordinates
        : JSON.stringify(o.coordinates),
    geoproperty: o.geoproperty,
    attrs: list(o.attrs),
    pick: list(o.pick),
    omit: list(o.omit),
    lang: o.lang,
    limit: o.limit,
    offset: o.offset,
    count: o.count ? 'true' : undefined,
    options: formatOptions(o.format, o.sysAttrs),
    local: o.local ? 'true' : undefined,
  };
}

import type { QueryValue, RequestSpec, Transport } from './internal/transport.js';
import type { CallOptions } from './options.js';
import type { JsonObject, QueryLike } from './types.js';

/**
 * Temporal representation: full instances, `[value, time]` pairs, or aggregates.
 *
 * @example
 * ```ts
 * const format: TemporalFormat = 'aggregatedValues';
 * ```
 */
export type TemporalFormat = 'normalized' | 'temporalValues' | 'aggregatedValues';

/**
 * Options of the temporal calls. Long histories are fetched page by page (the broker's
 * 206 + `Content-Range`) and merged, up to `maxPages` requests.
 *
 * @example
 * ```ts
 * await client.getTemporalEntity(id, { timerel: 'between', timeAt: '2026-01-01T00:00:00Z', endTimeAt: '2026-02-01T00:00:00Z' });
 * ```
 */
export interface TemporalOptions extends CallOptions {
  attrs?: readonly string[];
  timerel?: 'before' | 'after' | 'between';
  timeAt?: string;
  endTimeAt?: string;
  timeproperty?: string;
  lastN?: number;
  format?: TemporalFormat;
  /** e.g. `['avg', 'max']`; needs `format: 'aggregatedValues'`. */
  aggrMethods?: readonly string[];
  /** ISO 8601 duration, e.g. `'PT1H'`. */
  aggrPeriodDuration?: string;
  /** Stop after this many page requests (default 100). */
  maxPages?: number;
}

/**
 * Options of `queryTemporal`: the temporal options plus entity selection.
 *
 * @example
 * ```ts
 * await client.queryTemporal({ type: 'WaterObserved', timerel: 'after', timeAt: '2026-11-01T00:00:00Z' });
 * ```
 */
export interface TemporalQueryOptions extends TemporalOptions {
  type?: string | readonly string[];
  id?: string | readonly string[];
  idPattern?: string;
  q?: string | QueryLike;
  limit?: number;
  offset?: number;
}

/**
 * A temporal entity: id, type and, per attribute, its instances (normalized) or its
 * `values` / aggregates (temporalValues, aggregatedValues).
 *
 * @example
 * ```ts
 * const h: TemporalEntity = { id: 'urn:ngsi-ld:WaterObserved:1', type: 'WaterObserved', temperature: [] };
 * ```
 */
export type TemporalEntity = JsonObject & { id: string; type: string | string[] };

const list = (v: string | readonly string[] | undefined): string | undefined =>
  v === undefined ? undefined : typeof v === 'string' ? v : v.join(',');

export function temporalQuery(o: TemporalQueryOptions): Record<string, QueryValue> {
  const options =
    o.format === 'temporalValues' || o.format === 'aggregatedValues' ? o.format : undefined;
  return {
    type: list(o.type),
    id: list(o.id),
    idPattern: o.idPattern,
    q: o.q === undefined ? undefined : o.q.toString(),
    attrs: list(o.attrs),
    timerel: o.timerel,
    timeAt: o.timeAt,
    endTimeAt: o.endTimeAt,
    timeproperty: o.timeproperty,
    lastN: o.lastN,
    options,
    aggrMethods: list(o.aggrMethods),
    aggrPeriodDuration: o.aggrPeriodDuration,
    limit: o.limit,
    offset: o.offset,
  };
}

const RANGE =
  /^\s*date-?time\s+(\d{4}-\d\d-\d\dT[^/]*?)-(\d{4}-\d\d-\d\dT[^/\s]*)\s*\/\s*(\*|\d+)\s*$/i;

/** The `[first, last]` times of a temporal page's `Content-Range`, in the order sent. */
export function parseContentRange(
  value: string | null,
): { start: string; end: string } | undefined {
  if (!value) return undefined;
  const m = RANGE.exec(value);
  if (!m) return undefined;
  return { start: m[1] as string, end: m[2] as string };
}

/**
 * The query of the page after one that covered `range`. A `lastN` history pages backwards
 * (older instances come next), any other forwards.
 */
function nextWindow(
  base: Record<string, QueryValue>,
  range: { start: string; end: string },
): Record<string, QueryValue> {
  const a = Date.parse(range.start);
  const b = Date.parse(range.end);
  const timerel = base.timerel;
  const timeAt = base.timeAt as string | undefined;
  if (base.lastN === undefined) {
    const edge = a >= b ? range.start : range.end;
    if (timerel === 'after' || timerel === 'between') return { ...base, timeAt: edge };
    if (timerel === 'before' && timeAt)
      return { ...base, timerel: 'between', timeAt: edge, endTimeAt: timeAt };
    return { ...base, timerel: 'after', timeAt: edge };
  }
  const edge = a <= b ? range.start : range.end;
  if (timerel === 'before') return { ...base, timeAt: edge };
  if (timerel === 'between') return { ...base, endTimeAt: edge };
  if (timerel === 'after' && timeAt)
    return { ...base, timerel: 'between', timeAt, endTimeAt: edge };
  return { ...base, timerel: 'before', timeAt: edge };
}

/** Most instances any attribute of the page carries (for lastN bookkeeping). */
function instancesIn(items: readonly unknown[]): number {
  let most = 0;
  for (const item of items) {
    if (!isRecord(item)) continue;
    for (const key of Object.keys(item)) {
      if (FIXED.has(key)) continue;
      const v = item[key];
      const n = Array.isArray(v)
        ? v.length
        : isRecord(v) && Array.isArray(v.values)
          ? v.values.length
          : 1;
      if (n > most) most = n;
    }
  }
  return most;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function concatUnique(a: readonly unknown[], b: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const item of [...a, ...b]) {
    const key =
      isRecord(item) && typeof item.instanceId === 'string'
        ? item.instanceId
        : JSON.stringify(item);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

function mergeAttribute(a: unknown, b: unknown): unknown {
  if (a === undefined) return b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return concatUnique(Array.isArray(a) ? a : [a], Array.isArray(b) ? b : [b]);
  }
  if (isRecord(a) && isRecord(b)) {
    const out: Record<string, unknown> = { ...a };
    for (const key of Object.keys(b)) {
      if (key === '__proto__') continue;
      const av = a[key];
      const bv = b[key];
      out[key] = Array.isArray(av) && Array.isArray(bv) ? concatUnique(av, bv) : (av ?? bv);
    }
    return out;
  }
  return concatUnique([a], [b]);
}

const FIXED = new Set(['id', 'type', '@context', 'scope']);

/** Folds a later page of one temporal entity into the entity gathered so far. */
export function mergeTemporalEntity(into: TemporalEntity, page: Record<string, unknown>): void {
  for (const key of Object.keys(page)) {
    if (FIXED.has(key) || key === '__proto__' || key === 'constructor') continue;
    into[key] = mergeAttribute(into[key], page[key]);
  }
}

function trimLastN(entity: TemporalEntity, lastN: number): void {
  for (const key of Object.keys(entity)) {
    if (FIXED.has(key)) continue;
    const value = entity[key];
    if (Array.isArray(value) && value.length > lastN) {
      entity[key] = [...value].sort((x, y) => instanceTime(y) - instanceTime(x)).slice(0, lastN);
    }
  }
}

function instanceTime(v: unknown): number {
  if (!isRecord(v)) return 0;
  const t = v.observedAt ?? v.modifiedAt ?? v.createdAt;
  return typeof t === 'string' ? Date.parse(t) : 0;
}

/** GETs a temporal resource, following 206 pages and merging them by entity id. */
export async function fetchTemporal(
  transport: Transport,
  path: string,
  query: Record<string, QueryValue>,
  options: TemporalOptions,
): Promise<TemporalEntity[]> {
  const byId = new Map<string, TemporalEntity>();
  const maxPages = options.maxPages ?? 100;
  let current: Record<string, QueryValue> | undefined = query;
  let lastRange: string | undefined;
  for (let page = 0; current && page < maxPages; page++) {
    const spec: RequestSpec = {
      method: 'GET',
      path,
      query: current,
      idempotent: true,
      call: options,
    };
    const res = await transport.send(spec);
    const items = Array.isArray(res.body) ? res.body : [res.body];
    for (const item of items) {
      if (!isRecord(item) || typeof item.id !== 'string') continue;
      const known = byId.get(item.id);
      if (known) mergeTemporalEntity(known, item);
      else byId.set(item.id, { ...(item as TemporalEntity) });
    }
    if (res.status !== 206) break;
    const range = parseContentRange(res.headers.get('content-range'));
    const key = range ? `${range.start}/${range.end}` : undefined;
    if (!range || key === lastRange) break;
    lastRange = key;
    current = nextWindow(current, range);
    if (typeof current.lastN === 'number') {
      const remaining = current.lastN - instancesIn(items);
      if (remaining <= 0) break;
      current = { ...current, lastN: remaining };
    }
  }
  const out = [...byId.values()];
  if (options.lastN !== undefined) for (const e of out) trimLastN(e, options.lastN);
  return out;
}

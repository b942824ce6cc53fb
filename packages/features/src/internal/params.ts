/**
 * Query parameter parsing for the items endpoint. Every failure is an {@link OgcException}
 * with status 400, which the server turns into the standard exception body.
 */
import { type QueryExpression, q as query } from '@smartcitylab/ngsi-ld';
import type { ResolvedCollection } from '../collection.js';
import { RESERVED } from '../collection.js';
import { parseCrs, type SupportedCrs } from '../crs.js';

/** An error answered with an OGC API exception body `{ code, description }`. */
export class OgcException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    description: string,
  ) {
    super(description);
    this.name = 'OgcException';
  }
}

export function badParam(description: string): OgcException {
  return new OgcException(400, 'InvalidParameterValue', description);
}

/** The parsed parameters of one items request. */
export interface ItemsParams {
  limit: number;
  offset: number;
  bbox: [number, number, number, number] | undefined;
  bboxCrs: SupportedCrs;
  crs: SupportedCrs;
  filter: QueryExpression | undefined;
}

function int(params: URLSearchParams, name: string, min: number): number | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min) {
    throw badParam(`${name} must be a whole number of at least ${min}, not "${raw}"`);
  }
  return Number(raw);
}

function crsParam(params: URLSearchParams, name: string): SupportedCrs {
  const raw = params.get(name);
  try {
    return parseCrs(raw ?? 'http://www.opengis.net/def/crs/OGC/1.3/CRS84');
  } catch (e) {
    throw badParam(`${name}: ${(e as Error).message}`);
  }
}

function parseBbox(raw: string): [number, number, number, number] {
  const n = raw.split(',').map((s) => Number(s.trim()));
  if ((n.length !== 4 && n.length !== 6) || n.some((x) => !Number.isFinite(x)) || raw === '') {
    throw badParam(`bbox must be 4 (or 6) comma-separated numbers, not "${raw}"`);
  }
  // With heights the order is minX,minY,minZ,maxX,maxY,maxZ; the heights are not filtered on.
  const box = (n.length === 6 ? [n[0], n[1], n[3], n[4]] : n) as [number, number, number, number];
  if (box[0] > box[2] || box[1] > box[3]) {
    throw badParam(`bbox "${raw}" has a lower corner above its upper corner`);
  }
  return box;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function instant(text: string, end: boolean): Date {
  if (DATE.test(text)) {
    const d = new Date(`${text}T00:00:00Z`);
    if (!Number.isNaN(d.getTime())) return end ? new Date(d.getTime() + 86_399_999) : d;
  } else if (DATE_TIME.test(text)) {
    const d = new Date(text);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw badParam(
    `datetime "${text}" is not an RFC 3339 date-time (2024-05-01T12:00:00Z), a date, or ".."`,
  );
}

/** `datetime` as an NGSI-LD q expression on the collection's observation-time property. */
function datetimeFilter(raw: string, property: string): QueryExpression {
  const parts = raw.split('/');
  if (parts.length === 1) {
    const text = parts[0] as string;
    if (DATE.test(text)) {
      return query.and(
        query.ge(property, instant(text, false)),
        query.le(property, instant(text, true)),
      );
    }
    return query.eq(property, instant(text, false));
  }
  if (parts.length !== 2) throw badParam(`datetime "${raw}" has more than one "/"`);
  const [from, to] = parts as [string, string];
  const open = (s: string): boolean => s === '..' || s === '';
  if (open(from) && open(to)) throw badParam(`datetime "${raw}" is open at both ends`);
  const terms: QueryExpression[] = [];
  const start = open(from) ? undefined : instant(from, false);
  const stop = open(to) ? undefined : instant(to, true);
  if (start && stop && start > stop) throw badParam(`datetime "${raw}" ends before it starts`);
  if (start) terms.push(query.ge(property, start));
  if (stop) terms.push(query.le(property, stop));
  return terms.length === 1 ? (terms[0] as QueryExpression) : query.and(...terms);
}

function propertyFilter(name: string, value: string): QueryExpression {
  // A URL carries no types: "12" may be the number 12 or the text "12", so match either.
  if (value.trim() !== '' && Number.isFinite(Number(value))) {
    return query.or(query.eq(name, Number(value)), query.eq(name, value));
  }
  if (value === 'true' || value === 'false') {
    return query.or(query.eq(name, value === 'true'), query.eq(name, value));
  }
  return query.eq(name, value);
}

/**
 * Parses and checks the parameters of `/collections/{id}/items`.
 *
 * @throws {OgcException} 400 for an unknown parameter or a bad value.
 */
export function parseItemsParams(
  params: URLSearchParams,
  collection: ResolvedCollection,
  limits: { defaultLimit: number; maxLimit: number },
): ItemsParams {
  for (const name of new Set(params.keys())) {
    if (!RESERVED.has(name) && !collection.queryables.includes(name)) {
      const allowed = [...RESERVED, ...collection.queryables].join(', ');
      throw badParam(`unknown parameter "${name}"; this collection accepts ${allowed}`);
    }
    if (params.getAll(name).length > 1) throw badParam(`parameter "${name}" is given twice`);
  }
  // A limit above the maximum is not an error (OGC API Features, /req/core/fc-limit-response-1).
  const limit = Math.min(int(params, 'limit', 1) ?? limits.defaultLimit, limits.maxLimit);
  const offset = int(params, 'offset', 0) ?? 0;
  const rawBbox = params.get('bbox');
  const terms: QueryExpression[] = [];
  const datetime = params.get('datetime');
  if (datetime !== null) terms.push(datetimeFilter(datetime, collection.datetime));
  for (const name of collection.queryables) {
    const v = params.get(name);
    if (v !== null) terms.push(propertyFilter(name, v));
  }
  return {
    limit,
    offset,
    bbox: rawBbox === null ? undefined : parseBbox(rawBbox),
    bboxCrs: crsParam(params, 'bbox-crs'),
    crs: crsParam(params, 'crs'),
    filter: terms.length === 0 ? undefined : query.and(...terms),
  };
}

/**
 * Checks that a metadata endpoint gets no parameters but `f` (and, where allowed, `crs`).
 *
 * @throws {OgcException} 400 for any other parameter.
 */
export function onlyParams(params: URLSearchParams, allowed: readonly string[]): void {
  for (const name of params.keys()) {
    if (!allowed.includes(name)) {
      throw badParam(`unknown parameter "${name}"; this resource accepts ${allowed.join(', ')}`);
    }
  }
}

/**
 * NGSI-LD geo-queries (ETSI GS CIM 009 V1.8 §4.10): `georel`, `geometry`, `coordinates`
 * and `geoproperty`, with a builder, a lenient parser, GeoJSON validation, and an
 * evaluator used by the testkit broker.
 *
 * `near` distances are great-circle (haversine) metres. The topological relations
 * (within, contains, intersects, disjoint, equals, overlaps) are computed in the plane of
 * longitude/latitude degrees: exact for points, a close approximation for city-sized
 * lines and polygons, and not meant for shapes spanning the antimeridian or a pole.
 */
import { NgsiLdError } from './errors.js';
import {
  decompose,
  distance,
  equals,
  GEOMETRY_TYPES,
  type GeometryIssue,
  geometryIssues,
  intersects,
  overlaps,
  type Position,
  type QueryGeometry,
  within,
} from './internal/query-geometry.js';

export type { GeometryIssue, Position, QueryGeometry };

/** Names of the NGSI-LD geo-relations. */
export type GeoRelationName =
  | 'near'
  | 'within'
  | 'contains'
  | 'intersects'
  | 'disjoint'
  | 'equals'
  | 'overlaps';

/**
 * A parsed `georel`: `near` with a maximum and/or minimum distance in metres, or one of the
 * topological relations (the entity's geometry is the subject: `within` means the
 * entity lies within the query geometry).
 *
 * @example
 * ```ts
 * const rel: GeoRelation = { relation: 'near', maxDistance: 2000 };
 * ```
 */
export type GeoRelation =
  | { relation: 'near'; maxDistance?: number; minDistance?: number }
  | { relation: Exclude<GeoRelationName, 'near'> };

/**
 * A parsed geo-query.
 *
 * @example
 * ```ts
 * const gq: GeoQuery = {
 *   georel: { relation: 'within' },
 *   geometry: { type: 'Polygon', coordinates: [[[18, 59], [19, 59], [19, 60], [18, 59]]] },
 *   geoproperty: 'location',
 * };
 * ```
 */
export interface GeoQuery {
  georel: GeoRelation;
  geometry: QueryGeometry;
  /** The GeoProperty to test; NGSI-LD's default is `location`. */
  geoproperty: string;
}

/**
 * Geo-query URL parameters as strings, ready for `URLSearchParams`.
 *
 * @example
 * ```ts
 * const p: GeoQueryParams = { georel: 'near;maxDistance==2000', geometry: 'Point', coordinates: '[18.07,59.33]' };
 * ```
 */
export interface GeoQueryParams {
  georel: string;
  geometry: string;
  coordinates: string;
  geoproperty?: string;
}

const RELATIONS: readonly GeoRelationName[] = [
  'near',
  'within',
  'contains',
  'intersects',
  'disjoint',
  'equals',
  'overlaps',
];

function bad(message: string): never {
  throw new NgsiLdError(message, { code: 'BadRequestData' });
}

/**
 * Parses a `georel` value such as `near;maxDistance==2000` or `within`.
 *
 * @example
 * ```ts
 * parseGeoRel('near;maxDistance==15000'); // { relation: 'near', maxDistance: 15000 }
 * ```
 * @throws {NgsiLdError} code `'BadRequestData'` for an unknown relation or distance.
 */
export function parseGeoRel(text: string): GeoRelation {
  if (typeof text !== 'string' || text.length > 256) bad('Invalid georel: expected a short string');
  const [head = '', ...mods] = text.trim().split(';');
  const relation = head.trim() as GeoRelationName;
  if (!RELATIONS.includes(relation)) {
    bad(`Invalid georel "${text.slice(0, 64)}": relation must be one of ${RELATIONS.join(', ')}`);
  }
  if (relation !== 'near') {
    if (mods.some((m) => m.trim() !== ''))
      bad(`Invalid georel "${text}": ${relation} takes no modifiers`);
    return { relation };
  }
  const out: { relation: 'near'; maxDistance?: number; minDistance?: number } = {
    relation: 'near',
  };
  for (const mod of mods) {
    const m = /^\s*(maxDistance|minDistance)\s*(?:==|:)\s*([0-9.eE+-]+)\s*$/.exec(mod);
    const n = m ? Number(m[2]) : Number.NaN;
    if (!m || !Number.isFinite(n) || n < 0) {
      bad(
        `Invalid georel "${text}": expected near;maxDistance==<metres> or near;minDistance==<metres>`,
      );
    }
    out[m[1] as 'maxDistance' | 'minDistance'] = n;
  }
  if (out.maxDistance === undefined && out.minDistance === undefined) {
    bad(`Invalid georel "${text}": near needs maxDistance==<metres> or minDistance==<metres>`);
  }
  return out;
}

/**
 * Formats a {@link GeoRelation} as `georel` text.
 *
 * @example
 * ```ts
 * formatGeoRel({ relation: 'near', maxDistance: 500 }); // 'near;maxDistance==500'
 * ```
 */
export function formatGeoRel(rel: GeoRelation): string {
  if (rel.relation !== 'near') return rel.relation;
  let out = 'near';
  if (rel.maxDistance !== undefined) out += `;maxDistance==${rel.maxDistance}`;
  if (rel.minDistance !== undefined) out += `;minDistance==${rel.minDistance}`;
  return out;
}

/**
 * Validates a GeoJSON geometry: type, nesting, finite coordinates in range, lines of at
 * least two positions, and closed polygon rings of at least four positions.
 *
 * @example
 * ```ts
 * validateGeometry({ type: 'Point', coordinates: [59.3, 18.1] }); // success (in range)
 * validateGeometry({ type: 'Point', coordinates: [200, 0] });
 * // { success: false, issues: [{ path: ['coordinates', 0], code: 'LongitudeOutOfRange', ... }] }
 * ```
 */
export function validateGeometry(
  input: unknown,
): { success: true; data: QueryGeometry } | { success: false; issues: GeometryIssue[] } {
  const issues = geometryIssues(input);
  return issues.length === 0
    ? { success: true, data: input as QueryGeometry }
    : { success: false, issues };
}

function parseCoordinates(text: string): unknown {
  if (text.length > 1_000_000) bad('Invalid coordinates: longer than 1,000,000 characters');
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    try {
      return JSON.parse(`[${trimmed}]`) as unknown;
    } catch {
      return bad(
        `Invalid coordinates "${trimmed.slice(0, 64)}": expected a JSON array such as [18.07,59.33]`,
      );
    }
  }
}

function toGeometry(geometry: unknown, coordinates: unknown): QueryGeometry {
  const type = typeof geometry === 'string' ? geometry.trim() : geometry;
  if (typeof type !== 'string' || !(GEOMETRY_TYPES as readonly string[]).includes(type)) {
    bad(
      `Invalid geometry "${String(type).slice(0, 64)}": must be one of ${GEOMETRY_TYPES.join(', ')}`,
    );
  }
  const coords = typeof coordinates === 'string' ? parseCoordinates(coordinates) : coordinates;
  const candidate = { type, coordinates: coords };
  const result = validateGeometry(candidate);
  if (!result.success) {
    const first = result.issues[0] as GeometryIssue;
    bad(`Invalid coordinates for ${type} at ${first.path.join('.')}: ${first.message}`);
  }
  return result.data;
}

/**
 * Input of {@link geoQuery}.
 *
 * @example
 * ```ts
 * const input: GeoQueryInput = { georel: { relation: 'near', maxDistance: 500 }, geometry: 'Point', coordinates: [18.07, 59.33] };
 * ```
 */
export interface GeoQueryInput {
  georel: GeoRelation | string;
  /** A geometry type name (with `coordinates`) or a whole GeoJSON geometry. */
  geometry: QueryGeometry['type'] | QueryGeometry;
  coordinates?: unknown;
  geoproperty?: string;
}

function normalise(input: GeoQueryInput | GeoQueryParams | URLSearchParams): GeoQuery {
  let georel: unknown;
  let geometry: unknown;
  let coordinates: unknown;
  let geoproperty: unknown;
  if (typeof URLSearchParams !== 'undefined' && input instanceof URLSearchParams) {
    georel = input.get('georel') ?? undefined;
    geometry = input.get('geometry') ?? undefined;
    coordinates = input.get('coordinates') ?? undefined;
    geoproperty = input.get('geoproperty') ?? undefined;
  } else {
    const i = input as GeoQueryInput;
    georel = i.georel;
    geometry = i.geometry;
    coordinates = i.coordinates;
    geoproperty = i.geoproperty;
  }
  if (georel === undefined) bad('Invalid geo-query: georel is missing');
  if (geometry === undefined) bad('Invalid geo-query: geometry is missing');
  const rel =
    typeof georel === 'string'
      ? parseGeoRel(georel)
      : parseGeoRel(formatGeoRel(georel as GeoRelation));
  let geo: QueryGeometry;
  if (typeof geometry === 'object' && geometry !== null) {
    const g = geometry as { type?: unknown; coordinates?: unknown };
    geo = toGeometry(g.type, g.coordinates);
  } else {
    if (coordinates === undefined) bad('Invalid geo-query: coordinates are missing');
    geo = toGeometry(geometry, coordinates);
  }
  if (rel.relation === 'near' && geo.type !== 'Point') {
    bad(`Invalid geo-query: near needs geometry Point, got ${geo.type}`);
  }
  const prop = geoproperty === undefined || geoproperty === '' ? 'location' : geoproperty;
  if (typeof prop !== 'string' || !/^[A-Za-z0-9_:@#-]{1,256}$/.test(prop)) {
    bad('Invalid geoproperty: expected an attribute name');
  }
  return { georel: rel, geometry: geo, geoproperty: prop };
}

/**
 * Builds validated geo-query URL parameters.
 *
 * @example
 * ```ts
 * const params = geoQuery({ georel: { relation: 'near', maxDistance: 2000 }, geometry: 'Point', coordinates: [18.0686, 59.3293] });
 * // { georel: 'near;maxDistance==2000', geometry: 'Point', coordinates: '[18.0686,59.3293]' }
 * new URLSearchParams({ type: 'ParkingSpot', ...params });
 * ```
 * @throws {NgsiLdError} code `'BadRequestData'` for an invalid relation, geometry or coordinates.
 */
export function geoQuery(input: GeoQueryInput): GeoQueryParams {
  const parsed = normalise(input);
  const out: GeoQueryParams = {
    georel: formatGeoRel(parsed.georel),
    geometry: parsed.geometry.type,
    coordinates: JSON.stringify(parsed.geometry.coordinates),
  };
  if (input.geoproperty !== undefined) out.geoproperty = parsed.geoproperty;
  return out;
}

/**
 * Parses geo-query parameters (an object of strings or `URLSearchParams`) into a
 * {@link GeoQuery}; `geoproperty` defaults to `location`.
 *
 * @example
 * ```ts
 * const url = new URL('http://b/ngsi-ld/v1/entities?georel=near;maxDistance==15000&geometry=Point&coordinates=[-3.69,40.41]');
 * parseGeoQuery(url.searchParams).georel; // { relation: 'near', maxDistance: 15000 }
 * ```
 * @throws {NgsiLdError} code `'BadRequestData'` for missing or invalid parameters.
 */
export function parseGeoQuery(input: GeoQueryParams | GeoQueryInput | URLSearchParams): GeoQuery {
  const parsed = normalise(input);
  validated.add(parsed);
  return parsed;
}

// Queries that came out of parseGeoQuery; anything else is validated again before use.
const validated = new WeakSet<object>();

function isGeometryLike(v: unknown): v is QueryGeometry {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { type?: unknown }).type === 'string' &&
    (GEOMETRY_TYPES as readonly string[]).includes((v as { type: string }).type) &&
    Array.isArray((v as { coordinates?: unknown }).coordinates)
  );
}

function entityGeometries(entity: object, geoproperty: string): QueryGeometry[] {
  if (!Object.hasOwn(entity, geoproperty)) return [];
  const attr = (entity as Record<string, unknown>)[geoproperty];
  const out: QueryGeometry[] = [];
  for (const inst of Array.isArray(attr) ? attr : [attr]) {
    const value =
      typeof inst === 'object' && inst !== null && 'value' in inst
        ? (inst as { value: unknown }).value
        : inst;
    if (isGeometryLike(value) && geometryIssues(value).length === 0) out.push(value);
  }
  return out;
}

function holds(query: GeoQuery, subject: QueryGeometry): boolean {
  const a = decompose(subject);
  const b = decompose(query.geometry);
  const rel = query.georel;
  switch (rel.relation) {
    case 'near': {
      const d = distance(a, b);
      return (
        (rel.maxDistance === undefined || d <= rel.maxDistance) &&
        (rel.minDistance === undefined || d >= rel.minDistance)
      );
    }
    case 'within':
      return within(a, b);
    case 'contains':
      return within(b, a);
    case 'intersects':
      return intersects(a, b);
    case 'disjoint':
      return !intersects(a, b);
    case 'equals':
      return equals(a, b);
    case 'overlaps':
      return overlaps(a, b);
  }
}

/**
 * Whether a GeoJSON geometry, or a normalized entity's GeoProperty (`query.geoproperty`,
 * any instance), satisfies a geo-query. An entity without a valid geometry never matches.
 *
 * @example
 * ```ts
 * const gq = parseGeoQuery({ georel: 'near;maxDistance==1000', geometry: 'Point', coordinates: '[18.0686,59.3293]' });
 * evaluateGeoQuery(gq, { type: 'Point', coordinates: [18.07, 59.33] }); // true
 * ```
 * @throws {NgsiLdError} code `'BadRequestData'` when `query` is given as invalid parameters.
 */
export function evaluateGeoQuery(
  query: GeoQuery | GeoQueryParams | GeoQueryInput,
  target: object,
): boolean {
  const parsed = validated.has(query) ? (query as GeoQuery) : normalise(query as GeoQueryInput);
  const subjects = isGeometryLike(target)
    ? geometryIssues(target).length === 0
      ? [target]
      : []
    : entityGeometries(target, parsed.geoproperty);
  return subjects.some((g) => holds(parsed, g));
}

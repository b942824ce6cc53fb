/**
 * `@smartcitylab/ngsi-ld/geo`: SWEREF 99 (EPSG:3006 and the twelve local zones
 * EPSG:3007–3018) ⇄ WGS84 conversion for points and GeoJSON geometries, and a
 * coordinate sanity check that catches swapped latitude/longitude and projected metres
 * in WGS84 fields. A separate entry because the conversions need proj4; the checks and the
 * projection parameters do not, and a bundle that imports only them leaves proj4 out.
 *
 * SWEREF 99 is the Swedish realisation of ETRS89; like EPSG's own transformation
 * (EPSG:1208) it is treated as identical to WGS84, which holds to well under a metre.
 */
import { NgsiLdError } from './errors.js';
import { type Proj4Converter, proj4Converter } from './internal/proj4.js';
import type { Position, QueryGeometry } from './internal/query-geometry.js';

export type { Position, QueryGeometry };

/**
 * A SWEREF 99 projection: `'TM'` (EPSG:3006) or a local zone by its central meridian
 * (`'12 00'` = EPSG:3007 ... `'23 15'` = EPSG:3018), or the EPSG code.
 *
 * @example
 * ```ts
 * const crs: SwerefCrs = '18 00'; // same as 3011 or 'EPSG:3011'
 * ```
 */
export type SwerefCrs =
  | 'TM'
  | '12 00'
  | '13 30'
  | '15 00'
  | '16 30'
  | '18 00'
  | '14 15'
  | '15 45'
  | '17 15'
  | '18 45'
  | '20 15'
  | '21 45'
  | '23 15'
  | 3006
  | 3007
  | 3008
  | 3009
  | 3010
  | 3011
  | 3012
  | 3013
  | 3014
  | 3015
  | 3016
  | 3017
  | 3018
  | `EPSG:${number}`;

/**
 * A projected SWEREF 99 coordinate in metres.
 *
 * @example
 * ```ts
 * const p: SwerefPoint = { northing: 6580822, easting: 674032 };
 * ```
 */
export interface SwerefPoint {
  northing: number;
  easting: number;
}

/**
 * A WGS84 coordinate in decimal degrees.
 *
 * @example
 * ```ts
 * const p: Wgs84Point = { latitude: 59.3293, longitude: 18.0686 };
 * ```
 */
export interface Wgs84Point {
  latitude: number;
  longitude: number;
}

/**
 * A SWEREF 99 projection's published parameters.
 *
 * @example
 * ```ts
 * swerefProjection('TM').proj4; // '+proj=utm +zone=33 +ellps=GRS80 ...'
 * ```
 */
export interface SwerefProjection {
  epsg: number;
  name: string;
  /** Central meridian in degrees east. */
  centralMeridian: number;
  scale: number;
  falseEasting: number;
  proj4: string;
}

// EPSG:3007–3018 in EPSG order; the zone name is the central meridian in degrees and minutes.
const LOCAL_ZONES = [
  '12 00',
  '13 30',
  '15 00',
  '16 30',
  '18 00',
  '14 15',
  '15 45',
  '17 15',
  '18 45',
  '20 15',
  '21 45',
  '23 15',
] as const;

const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';

function tmerc(lon0: number, k: number, x0: number): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=${k} +x_0=${x0} +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs`;
}

/**
 * The parameters of a SWEREF 99 projection.
 *
 * @example
 * ```ts
 * swerefProjection(3011); // { epsg: 3011, name: 'SWEREF99 18 00', centralMeridian: 18, scale: 1, falseEasting: 150000, ... }
 * ```
 * @throws {NgsiLdError} code `'UnknownProjection'` for anything but EPSG:3006–3018.
 */
export function swerefProjection(crs: SwerefCrs = 'TM'): SwerefProjection {
  let epsg: number | undefined;
  if (crs === 'TM') epsg = 3006;
  else if (typeof crs === 'number') epsg = crs;
  else if (typeof crs === 'string' && /^EPSG:\d{4}$/i.test(crs)) epsg = Number(crs.slice(5));
  else {
    const i = (LOCAL_ZONES as readonly string[]).indexOf(crs as string);
    if (i >= 0) epsg = 3007 + i;
  }
  if (epsg === 3006) {
    return {
      epsg,
      name: 'SWEREF99 TM',
      centralMeridian: 15,
      scale: 0.9996,
      falseEasting: 500000,
      proj4: tmerc(15, 0.9996, 500000),
    };
  }
  if (epsg !== undefined && epsg >= 3007 && epsg <= 3018) {
    const zone = LOCAL_ZONES[epsg - 3007] as string;
    const lon0 = Number(zone.slice(0, 2)) + Number(zone.slice(3)) / 60;
    return {
      epsg,
      name: `SWEREF99 ${zone}`,
      centralMeridian: lon0,
      scale: 1,
      falseEasting: 150000,
      proj4: tmerc(lon0, 1, 150000),
    };
  }
  throw new NgsiLdError(
    `Unknown SWEREF 99 projection ${JSON.stringify(crs)}: use 'TM', a zone such as '18 00', or EPSG:3006–3018`,
    { code: 'UnknownProjection' },
  );
}

// Converters are built on first use, not at import, and cached by the caller's crs value.
const converters = new Map<SwerefCrs, Proj4Converter>();

function converter(crs: SwerefCrs): Proj4Converter {
  let c = converters.get(crs);
  if (!c) {
    c = proj4Converter(swerefProjection(crs).proj4, WGS84);
    // Bounded: only valid crs values reach this line, and there are 13 projections × 3 spellings.
    converters.set(crs, c);
  }
  return c;
}

function invalid(message: string): never {
  throw new NgsiLdError(message, { code: 'InvalidCoordinates' });
}

function checkLonLat(lon: number, lat: number): void {
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    invalid(
      `WGS84 position [${lon}, ${lat}] is out of range; expected [longitude, latitude] in degrees`,
    );
  }
}

/**
 * Northings in Sweden are 6.1 to 7.7 million metres in every SWEREF 99 projection, eastings stay
 * below about 1.1 million. An easting in the millions with a northing that is not is a swapped
 * pair, which proj4 would turn into a point in the Indian Ocean.
 */
const MIN_SWEDISH_NORTHING = 6_000_000;
const MAX_SWEREF_EASTING = 2_000_000;

function checkSwerefOrder(easting: number, northing: number, where: string): void {
  if (easting >= MIN_SWEDISH_NORTHING && northing < MAX_SWEREF_EASTING) {
    invalid(
      `SWEREF 99 ${where} has easting ${easting} and northing ${northing}: they look swapped (northings in Sweden are 6.1-7.7 million m, eastings below 1.1 million). ${where === 'point' ? `Pass { northing: ${easting}, easting: ${northing} }` : 'Write positions as [easting, northing]'}.`,
    );
  }
}

function finite(...ns: unknown[]): boolean {
  return ns.every((n) => typeof n === 'number' && Number.isFinite(n));
}

function isGeometry(v: unknown): v is QueryGeometry {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { type?: unknown }).type === 'string' &&
    Array.isArray((v as { coordinates?: unknown }).coordinates)
  );
}

const NESTING: Readonly<Record<string, number>> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

function mapPositions(
  value: unknown,
  depth: number,
  fn: (p: Position) => Position,
  path: number[],
): unknown {
  if (depth === 0) {
    if (!Array.isArray(value) || value.length < 2 || !finite(value[0], value[1])) {
      invalid(
        `Invalid position at coordinates.${path.join('.')}: expected [x, y] with finite numbers`,
      );
    }
    return fn(value as Position);
  }
  if (!Array.isArray(value))
    invalid(`Invalid coordinates at coordinates.${path.join('.')}: expected an array`);
  const out: unknown[] = new Array(value.length);
  // One shared path stack: no string or array is built per position unless one is invalid.
  for (let i = 0; i < value.length; i++) {
    path.push(i);
    out[i] = mapPositions(value[i], depth - 1, fn, path);
    path.pop();
  }
  return out;
}

function mapGeometry<G extends QueryGeometry>(g: G, fn: (p: Position) => Position): G {
  const depth = NESTING[g.type];
  if (depth === undefined) invalid(`Unsupported geometry type ${JSON.stringify(g.type)}`);
  return { ...g, coordinates: mapPositions(g.coordinates, depth, fn, []) } as G;
}

/**
 * Converts a SWEREF 99 point (or a GeoJSON geometry whose positions are
 * `[easting, northing]`) to WGS84.
 *
 * @example
 * ```ts
 * swerefToWgs84({ northing: 6580822, easting: 674032 }); // { latitude: 59.33, longitude: 18.06 } (approx.)
 * swerefToWgs84({ type: 'Point', coordinates: [153801, 6580870] }, '18 00'); // { type: 'Point', coordinates: [lon, lat] }
 * ```
 * @throws {NgsiLdError} code `'InvalidCoordinates'` for non-finite input or easting and northing swapped, `'UnknownProjection'` for an unknown `crs`.
 */
export function swerefToWgs84(point: SwerefPoint, crs?: SwerefCrs): Wgs84Point;
export function swerefToWgs84<G extends QueryGeometry>(geometry: G, crs?: SwerefCrs): G;
export function swerefToWgs84(
  input: SwerefPoint | QueryGeometry,
  crs: SwerefCrs = 'TM',
): Wgs84Point | QueryGeometry {
  const c = converter(crs);
  if (isGeometry(input)) {
    return mapGeometry(input, (p) => {
      checkSwerefOrder(p[0] as number, p[1] as number, 'position');
      const [lon, lat] = c.forward([p[0] as number, p[1] as number]);
      return p.length > 2
        ? [lon as number, lat as number, p[2] as number]
        : [lon as number, lat as number];
    });
  }
  const { northing, easting } = input as SwerefPoint;
  if (!finite(northing, easting)) invalid('SWEREF 99 point needs finite northing and easting');
  checkSwerefOrder(easting, northing, 'point');
  const out = c.forward([easting, northing]);
  return { latitude: out[1] as number, longitude: out[0] as number };
}

/**
 * Converts a WGS84 point (or a GeoJSON geometry with `[longitude, latitude]` positions) to
 * SWEREF 99; geometry positions become `[easting, northing]`.
 *
 * @example
 * ```ts
 * wgs84ToSweref({ latitude: 59.3293, longitude: 18.0686 }); // { northing: ..., easting: ... } in EPSG:3006
 * wgs84ToSweref({ type: 'Point', coordinates: [18.0686, 59.3293] }, 3011);
 * ```
 * @throws {NgsiLdError} code `'InvalidCoordinates'` for non-finite or out-of-range input, `'UnknownProjection'` for an unknown `crs`.
 */
export function wgs84ToSweref(point: Wgs84Point, crs?: SwerefCrs): SwerefPoint;
export function wgs84ToSweref<G extends QueryGeometry>(geometry: G, crs?: SwerefCrs): G;
export function wgs84ToSweref(
  input: Wgs84Point | QueryGeometry,
  crs: SwerefCrs = 'TM',
): SwerefPoint | QueryGeometry {
  const c = converter(crs);
  if (isGeometry(input)) {
    return mapGeometry(input, (p) => {
      checkLonLat(p[0] as number, p[1] as number);
      const [e, n] = c.inverse([p[0] as number, p[1] as number]);
      return p.length > 2 ? [e as number, n as number, p[2] as number] : [e as number, n as number];
    });
  }
  const { latitude, longitude } = input as Wgs84Point;
  if (!finite(latitude, longitude)) invalid('WGS84 point needs finite latitude and longitude');
  checkLonLat(longitude, latitude);
  const out = c.inverse([longitude, latitude]);
  return { northing: out[1] as number, easting: out[0] as number };
}

/**
 * What {@link checkCoordinates} found; `path` points at the first affected position and
 * `count` tells how many positions share the finding.
 *
 * @example
 * ```ts
 * const f: CoordinateFinding = { code: 'LatLonSwapped', severity: 'error', message: '...', path: ['coordinates'], count: 1 };
 * ```
 */
export interface CoordinateFinding {
  code: 'InvalidPosition' | 'OutOfRange' | 'ProjectedCoordinates' | 'LatLonSwapped' | 'OutsideBbox';
  severity: 'error' | 'warning';
  message: string;
  path: (string | number)[];
  count: number;
}

/**
 * Options of {@link checkCoordinates}.
 *
 * @example
 * ```ts
 * const o: CheckCoordinatesOptions = { bbox: [17.5, 59, 18.5, 59.7] }; // Stockholm area
 * ```
 */
export interface CheckCoordinatesOptions {
  /** `[minLon, minLat, maxLon, maxLat]` where data is expected; defaults to Sweden. `false` disables. */
  bbox?: readonly [number, number, number, number] | false;
}

/**
 * Sweden with a margin, `[minLon, minLat, maxLon, maxLat]`: longitude 10.5–24.5, latitude 55–69.5.
 *
 * @example
 * ```ts
 * checkCoordinates(geometry, { bbox: SWEDEN_BBOX });
 * ```
 */
export const SWEDEN_BBOX: readonly [number, number, number, number] = [10.5, 55, 24.5, 69.5];

const inBox = (x: number, y: number, b: readonly [number, number, number, number]): boolean =>
  x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];

// Ranges of SWEREF 99 TM and local-zone metres over Sweden, with a margin.
const isEasting = (v: number): boolean => v >= 0 && v <= 1_200_000;
const isNorthing = (v: number): boolean => v >= 6_000_000 && v <= 7_800_000;

function classify(
  p: unknown,
  bbox: readonly [number, number, number, number] | false,
): [CoordinateFinding['code'], string] | undefined {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((n) => finite(n))) {
    return ['InvalidPosition', 'a position must be [longitude, latitude] with finite numbers'];
  }
  const [x, y] = p as [number, number];
  if (Math.abs(x) > 180 || Math.abs(y) > 90) {
    if (isEasting(x) && isNorthing(y)) {
      return [
        'ProjectedCoordinates',
        `[${x}, ${y}] looks like SWEREF 99 metres [easting, northing], not WGS84 degrees; convert with swerefToWgs84()`,
      ];
    }
    if (isNorthing(x) && isEasting(y)) {
      return [
        'ProjectedCoordinates',
        `[${x}, ${y}] looks like SWEREF 99 metres with northing first, not WGS84 degrees; convert with swerefToWgs84({ northing: ${x}, easting: ${y} })`,
      ];
    }
    if (Math.abs(x) > 1000 || Math.abs(y) > 1000) {
      return [
        'ProjectedCoordinates',
        `[${x}, ${y}] looks like projected metres, not WGS84 degrees`,
      ];
    }
    return ['OutOfRange', `[${x}, ${y}] is outside longitude -180..180 / latitude -90..90`];
  }
  if (!bbox || inBox(x, y, bbox)) return undefined;
  if (inBox(y, x, bbox)) {
    return [
      'LatLonSwapped',
      `[${x}, ${y}] is [latitude, longitude]; GeoJSON wants [longitude, latitude] = [${y}, ${x}]`,
    ];
  }
  return ['OutsideBbox', `[${x}, ${y}] is outside the expected area [${bbox.join(', ')}]`];
}

/**
 * Flags suspicious WGS84 coordinates in a GeoJSON geometry (or a single position):
 * latitude/longitude swapped (for Sweden a "longitude" of 55–69), SWEREF 99 metres in a
 * WGS84 field, values out of range, and positions outside the expected area. Returns an
 * empty list when all is well; never throws.
 *
 * @example
 * ```ts
 * checkCoordinates({ type: 'Point', coordinates: [59.3293, 18.0686] });
 * // [{ code: 'LatLonSwapped', severity: 'error', path: ['coordinates'], count: 1, message: '...' }]
 * ```
 */
export function checkCoordinates(
  geometry: QueryGeometry | Position | unknown,
  options: CheckCoordinatesOptions = {},
): CoordinateFinding[] {
  const bbox = options.bbox === undefined ? SWEDEN_BBOX : options.bbox;
  const found = new Map<CoordinateFinding['code'], CoordinateFinding>();
  const record = (path: (string | number)[], p: unknown): void => {
    const hit = classify(p, bbox);
    if (!hit) return;
    const existing = found.get(hit[0]);
    if (existing) {
      existing.count++;
      return;
    }
    const severity = hit[0] === 'OutsideBbox' ? 'warning' : 'error';
    found.set(hit[0], { code: hit[0], severity, message: hit[1], path, count: 1 });
  };
  const walk = (value: unknown, depth: number, path: (string | number)[]): void => {
    if (depth === 0) {
      record(path, value);
      return;
    }
    if (!Array.isArray(value)) {
      record(path, value);
      return;
    }
    value.forEach((v, i) => {
      walk(v, depth - 1, [...path, i]);
    });
  };
  if (Array.isArray(geometry)) {
    walk(geometry, 0, []);
  } else if (isGeometry(geometry) && NESTING[geometry.type] !== undefined) {
    walk(geometry.coordinates, NESTING[geometry.type] as number, ['coordinates']);
  } else {
    return [
      {
        code: 'InvalidPosition',
        severity: 'error',
        message:
          'expected a GeoJSON geometry (Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon) or a position',
        path: [],
        count: 1,
      },
    ];
  }
  return [...found.values()];
}

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
import { finite, isGeometry, NESTING } from './internal/geometry.js';
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

export {
  type CheckCoordinatesOptions,
  type CoordinateFinding,
  checkCoordinates,
  SWEDEN_BBOX,
} from './coordinates.js';

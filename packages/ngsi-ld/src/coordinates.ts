/**
 * A coordinate sanity check for WGS84 GeoJSON: swapped latitude/longitude, SWEREF 99 metres in a
 * WGS84 field, values out of range, positions outside the expected area. It needs no proj4, so it
 * is exported from the package root as well as from `@smartcitylab/ngsi-ld/geo`: a Node program
 * that only checks coordinates does not have to install proj4.
 */
import { finite, isGeometry, NESTING } from './internal/geometry.js';
import type { Position, QueryGeometry } from './internal/query-geometry.js';

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

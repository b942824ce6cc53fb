/**
 * The coordinate reference systems the server offers (OGC API Features Part 2): CRS84,
 * EPSG:4326, SWEREF 99 TM (EPSG:3006) and the twelve local SWEREF 99 zones (EPSG:3007–3018).
 * NGSI-LD stores WGS84 longitude/latitude, so CRS84 is the storage CRS of every collection.
 */
import { type QueryGeometry, swerefToWgs84, wgs84ToSweref } from '@smartcitylab/ngsi-ld/geo';
import { FeaturesError } from './errors.js';

/**
 * URI of OGC CRS84 (WGS84 longitude, latitude), the default CRS of OGC API Features.
 *
 * @example
 * ```ts
 * fetch(`${url}/collections/x/items?crs=${encodeURIComponent(CRS84)}`);
 * ```
 */
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

/**
 * URI of an EPSG CRS in the OGC register.
 *
 * @example
 * ```ts
 * epsgUri(3006); // 'http://www.opengis.net/def/crs/EPSG/0/3006'
 * ```
 */
export function epsgUri(code: number): string {
  return `http://www.opengis.net/def/crs/EPSG/0/${code}`;
}

/**
 * One supported CRS: its URI, EPSG code (undefined for CRS84) and whether its first axis is
 * northing/latitude (EPSG:4326 and every SWEREF 99 projection) rather than easting/longitude.
 *
 * @example
 * ```ts
 * const c: SupportedCrs = parseCrs(epsgUri(3006)); // { uri, epsg: 3006, northFirst: true }
 * ```
 */
export interface SupportedCrs {
  readonly uri: string;
  readonly epsg: number | undefined;
  readonly northFirst: boolean;
}

/**
 * The URIs of every supported CRS, CRS84 first.
 *
 * @example
 * ```ts
 * supportedCrsUris().length; // 15
 * ```
 */
export function supportedCrsUris(): string[] {
  const out = [CRS84, epsgUri(4326)];
  for (let code = 3006; code <= 3018; code++) out.push(epsgUri(code));
  return out;
}

const EPSG_URI = /^https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/0\/(\d+)$/;
const EPSG_CURIE = /^\[?EPSG:(\d+)\]?$/i;

/**
 * Reads a CRS given as an OGC URI (`http://www.opengis.net/def/crs/EPSG/0/3006`), a safe
 * CURIE (`[EPSG:3006]`) or `EPSG:3006`.
 *
 * @example
 * ```ts
 * parseCrs('http://www.opengis.net/def/crs/OGC/1.3/CRS84').epsg; // undefined
 * parseCrs('EPSG:3011').northFirst; // true
 * ```
 * @throws {FeaturesError} code `UnsupportedCrs` for any other CRS.
 */
export function parseCrs(text: string): SupportedCrs {
  const t = text.trim();
  if (t === CRS84 || t === CRS84.replace('http:', 'https:') || /^\[?OGC:CRS84\]?$/i.test(t)) {
    return { uri: CRS84, epsg: undefined, northFirst: false };
  }
  const m = EPSG_URI.exec(t) ?? EPSG_CURIE.exec(t);
  const code = m ? Number(m[1]) : Number.NaN;
  if (code === 4326 || (code >= 3006 && code <= 3018)) {
    return { uri: epsgUri(code), epsg: code, northFirst: true };
  }
  throw new FeaturesError(
    `CRS "${text}" is not supported; use one of ${supportedCrsUris().join(', ')}`,
    { code: 'UnsupportedCrs' },
  );
}

/** A GeoJSON geometry as it appears in entities (the GeometryCollection is passed through). */
export type Geometry = QueryGeometry | { type: 'GeometryCollection'; geometries: Geometry[] };

function swapAxes(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  if (typeof value[0] === 'number') {
    const p = value as number[];
    return p.length > 2 ? [p[1], p[0], ...p.slice(2)] : [p[1], p[0]];
  }
  return value.map(swapAxes);
}

/**
 * Converts a WGS84 (longitude, latitude) geometry into `crs`, in that CRS's axis order.
 *
 * @example
 * ```ts
 * fromCrs84({ type: 'Point', coordinates: [17.3, 62.39] }, parseCrs('EPSG:4326')); // coordinates [62.39, 17.3]
 * ```
 * @throws {NgsiLdError} code `InvalidCoordinates` when a position is not a finite WGS84 position.
 */
export function fromCrs84(geometry: Geometry, crs: SupportedCrs): Geometry {
  if (geometry.type === 'GeometryCollection') {
    return { ...geometry, geometries: geometry.geometries.map((g) => fromCrs84(g, crs)) };
  }
  if (crs.epsg === undefined) return geometry;
  const projected = crs.epsg === 4326 ? geometry : wgs84ToSweref(geometry, `EPSG:${crs.epsg}`);
  return { ...projected, coordinates: swapAxes(projected.coordinates) } as Geometry;
}

/**
 * Converts a geometry in `crs` (in its axis order) to WGS84 longitude/latitude.
 *
 * @example
 * ```ts
 * toCrs84({ type: 'Point', coordinates: [6921700, 617000] }, parseCrs('EPSG:3006')); // [lon, lat]
 * ```
 * @throws {NgsiLdError} code `InvalidCoordinates` for non-finite positions.
 */
export function toCrs84(geometry: Geometry, crs: SupportedCrs): Geometry {
  if (geometry.type === 'GeometryCollection') {
    return { ...geometry, geometries: geometry.geometries.map((g) => toCrs84(g, crs)) };
  }
  if (crs.epsg === undefined) return geometry;
  const swapped = { ...geometry, coordinates: swapAxes(geometry.coordinates) } as QueryGeometry;
  return crs.epsg === 4326 ? swapped : swerefToWgs84(swapped, `EPSG:${crs.epsg}`);
}

/**
 * Turns a `bbox` given in `crs` (in its axis order: `[minX, minY, maxX, maxY]` of that CRS)
 * into a CRS84 polygon for an NGSI-LD `intersects` geo-query. The edges of a projected box are
 * densified, so the polygon follows the box closely.
 *
 * @example
 * ```ts
 * bboxPolygon([62, 17, 63, 18], parseCrs('EPSG:4326')).coordinates[0][0]; // [17, 62]
 * ```
 * @throws {NgsiLdError} code `InvalidCoordinates` when the box is not a valid area in `crs`.
 */
export function bboxPolygon(
  bbox: readonly [number, number, number, number],
  crs: SupportedCrs,
): { type: 'Polygon'; coordinates: number[][][] } {
  const [a, b, c, d] = bbox;
  const steps = crs.epsg === undefined || crs.epsg === 4326 ? 1 : 16;
  const ring: number[][] = [];
  // Walk the box counter-clockwise in its own axes: (a,b) -> (c,b) -> (c,d) -> (a,d).
  const edge = (x0: number, y0: number, x1: number, y1: number): void => {
    for (let i = 0; i < steps; i++) {
      const t = i / steps;
      ring.push([x0 + (x1 - x0) * t, y0 + (y1 - y0) * t]);
    }
  };
  edge(a, b, c, b);
  edge(c, b, c, d);
  edge(c, d, a, d);
  edge(a, d, a, b);
  ring.push([a, b]);
  const g = toCrs84({ type: 'LineString', coordinates: ring }, crs) as { coordinates: number[][] };
  return { type: 'Polygon', coordinates: [g.coordinates] };
}

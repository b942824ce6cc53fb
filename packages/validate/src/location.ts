import { geoJsonGeometrySchema, type NormalizedEntity } from '@smartcitylab/ngsi-ld';
import { checkCoordinates } from '@smartcitylab/ngsi-ld/geo';
import { jsonPath, type ReportBuilder } from './report.js';

/** A GeoJSON polygon or multipolygon, in WGS84 longitude/latitude. */
export interface RegionPolygon {
  readonly type: 'Polygon' | 'MultiPolygon';
  readonly coordinates: readonly unknown[];
}

/** Where the locations of checked entities must lie. */
export interface Region {
  /** A name for messages, e.g. "Sweden" or "Sundsvalls kommun". */
  readonly name: string;
  /** `[minLon, minLat, maxLon, maxLat]` in WGS84. */
  readonly bbox: readonly [number, number, number, number];
  /** A precise boundary; when given, points must lie inside it, not only inside the box. */
  readonly polygon?: RegionPolygon;
}

/** Sweden's bounding box, including its territorial waters and the islands in the Baltic. */
export const SWEDEN: Region = { name: 'Sweden', bbox: [10.5, 55.0, 24.5, 69.5] };

const GEO_ATTRIBUTES = ['location', 'observationSpace', 'operationSpace'];

/** Runs the location rules on every GeoProperty that holds an entity's position. */
export function checkLocation(r: ReportBuilder, entity: NormalizedEntity, region: Region): void {
  for (const name of GEO_ATTRIBUTES) {
    const attr: unknown = (entity as Record<string, unknown>)[name];
    if (attr === undefined || attr === null || typeof attr !== 'object') continue;
    const list = Array.isArray(attr) ? attr : [attr];
    list.forEach((item: unknown, i) => {
      const path = Array.isArray(attr) ? [name, i, 'value'] : [name, 'value'];
      const value = (item as { value?: unknown }).value;
      checkGeometry(r, value, path, region);
    });
  }
}

function checkGeometry(
  r: ReportBuilder,
  value: unknown,
  path: (string | number)[],
  region: Region,
): void {
  const parsed = geoJsonGeometrySchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    r.fail('location.geojson', 'error', jsonPath(...path), {
      en: `Location is not a valid GeoJSON geometry: ${first?.message ?? 'unknown problem'}.`,
      sv: `Platsen är ingen giltig GeoJSON-geometri: ${first?.message ?? 'okänt fel'}.`,
    });
    return;
  }
  r.pass('location.geojson');
  const findings = checkCoordinates(parsed.data, { bbox: region.bbox });
  let swapped = false;
  let projected = false;
  for (const f of findings) {
    if (f.code === 'LatLonSwapped' && !swapped) {
      swapped = true;
      r.fail('location.swapped', 'error', jsonPath(...path, 'coordinates'), {
        en: `Latitude and longitude look swapped: ${f.message}.`,
        sv: 'Latitud och longitud verkar omkastade: GeoJSON kräver [longitud, latitud].',
      });
    } else if (f.code === 'ProjectedCoordinates' && !projected) {
      projected = true;
      r.fail('location.projected', 'error', jsonPath(...path, 'coordinates'), {
        en: `Coordinates are projected metres, not WGS84 degrees: ${f.message}.`,
        sv: 'Koordinaterna ser ut som projicerade meter (t.ex. SWEREF 99 TM), inte WGS84-grader; konvertera dem med @smartcitylab/ngsi-ld/geo.',
      });
    } else if (f.code === 'OutOfRange' || f.code === 'InvalidPosition') {
      r.fail('location.geojson', 'error', jsonPath(...path, 'coordinates'), {
        en: `Invalid position: ${f.message}.`,
        sv: `Ogiltig position: longitud måste ligga mellan -180 och 180, latitud mellan -90 och 90.`,
      });
      return;
    }
  }
  if (!swapped) r.pass('location.swapped');
  if (!projected) r.pass('location.projected');
  if (swapped || projected) return;
  const outside = positions('coordinates' in parsed.data ? parsed.data.coordinates : []).find(
    (p) => !insideRegion(p, region),
  );
  if (outside) {
    r.fail('location.region', 'warning', jsonPath(...path, 'coordinates'), {
      en: `Position [${outside.join(', ')}] lies outside ${region.name}.`,
      sv: `Positionen [${outside.join(', ')}] ligger utanför ${region.name}.`,
    });
  } else r.pass('location.region');
}

/** Every position of a geometry's coordinate array, without recursion. */
function positions(coordinates: unknown): [number, number][] {
  const out: [number, number][] = [];
  const stack: unknown[] = [coordinates];
  while (stack.length > 0) {
    const c = stack.pop();
    if (!Array.isArray(c)) continue;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') out.push([c[0], c[1]]);
    else for (const child of c) stack.push(child);
  }
  return out;
}

function insideRegion([lon, lat]: [number, number], region: Region): boolean {
  const [minLon, minLat, maxLon, maxLat] = region.bbox;
  if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) return false;
  if (!region.polygon) return true;
  const polygons =
    region.polygon.type === 'Polygon' ? [region.polygon.coordinates] : region.polygon.coordinates;
  return polygons.some((poly) => insidePolygon(lon, lat, poly as readonly unknown[]));
}

/** Ray casting: inside the outer ring and outside every hole. */
function insidePolygon(lon: number, lat: number, rings: readonly unknown[]): boolean {
  let inside = false;
  rings.forEach((ring, i) => {
    const inRing = insideRing(lon, lat, ring as readonly (readonly number[])[]);
    if (i === 0) inside = inRing;
    else if (inRing) inside = false;
  });
  return inside;
}

function insideRing(lon: number, lat: number, ring: readonly (readonly number[])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

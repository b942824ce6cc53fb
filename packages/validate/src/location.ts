import { decodeCountries, decodeRings } from './internal/geo-codec.js';
import { buildRegionIndex, type RegionIndex } from './internal/region-index.js';
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
  /** The name in Swedish messages (defaults to `name`). */
  readonly nameSv?: string;
  /** `[minLon, minLat, maxLon, maxLat]` in WGS84. */
  readonly bbox: readonly [number, number, number, number];
  /** A precise boundary; when given, points must lie inside it, not only inside the box. */
  readonly polygon?: RegionPolygon;
  /**
   * Loads a precise boundary on first use (the async entry points `validateEntity`,
   * `validateBatch`, `validateStream` and `Validator.ready` wait for it); until then the box is used.
   */
  readonly loadPolygon?: () => Promise<RegionPolygon>;
  /** Points this close to the boundary (km) still count as inside: coastlines are generalised. Default 0. */
  readonly marginKm?: number;
  /**
   * Points this close to the boundary (km) that do not lie on a neighbour's land (see
   * `loadNeighbours`) count as inside: territorial waters and islands the outline leaves out.
   */
  readonly seaMarginKm?: number;
  /** Loads the land of neighbouring countries, which never counts as inside (used with `seaMarginKm`). */
  readonly loadNeighbours?: () => Promise<RegionPolygon>;
}

/**
 * Sweden: its land outline from Natural Earth (1:10m, simplified to about 600 m, loaded only when
 * the location rule first runs) with a 2 km margin for the generalised coast, inside a box that
 * covers the territorial waters and the Baltic islands.
 */
export const SWEDEN: Region = {
  name: 'Sweden',
  nameSv: 'Sverige',
  bbox: [10.5, 55.0, 24.5, 69.5],
  marginKm: 2,
  seaMarginKm: 15,
  loadPolygon: async () => multiPolygon((await swedenOutline()).land),
  loadNeighbours: async () => multiPolygon((await swedenOutline()).neighbours),
};

// Decoded once, on first use, not on import.
let swedenRings: Promise<{ land: number[][]; neighbours: number[][] }> | undefined;

function swedenOutline(): Promise<{ land: number[][]; neighbours: number[][] }> {
  swedenRings ??= import('./generated/sweden-outline.js').then((m) => ({
    land: decodeRings(m.SWEDEN_RINGS),
    neighbours: decodeRings(m.NEIGHBOUR_RINGS),
  }));
  return swedenRings;
}

function multiPolygon(rings: readonly (readonly number[])[]): RegionPolygon {
  return {
    type: 'MultiPolygon',
    coordinates: rings.map((flat) => {
      const ring: [number, number][] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) ring.push([flat[i] ?? 0, flat[i + 1] ?? 0]);
      return [ring];
    }),
  };
}

/** What the location rules know about the region and the world. */
export interface LocationContext {
  readonly region: Region;
  /** The index of the region's outline, once built. */
  index: RegionIndex | undefined;
  /** Country boxes and names, once loaded, for `addressCountry`-based swap detection. */
  countries: CountryTables | undefined;
}

/** The lazily loaded country tables. */
export interface CountryTables {
  readonly boxes: Readonly<Record<string, readonly (readonly number[])[]>>;
  readonly aliases: Readonly<Record<string, string>>;
}

/** Creates the location context of a validator; a given polygon is indexed at once. */
export function locationContext(region: Region): LocationContext {
  return {
    region,
    index: region.polygon ? indexOf(region.polygon, region.marginKm ?? 0) : undefined,
    countries: undefined,
  };
}

// Filled on first use, not on import: an outline is indexed once per region, however many
// validators use it.
const loadedIndexes = new WeakMap<Region, Promise<RegionIndex>>();
let countryTables: Promise<CountryTables> | undefined;

/** Loads what the location rules load lazily: the region outline and the country tables. */
export async function prepareLocation(ctx: LocationContext): Promise<void> {
  const region = ctx.region;
  if (!ctx.index && region.loadPolygon) {
    let index = loadedIndexes.get(region);
    if (!index) {
      const load = region.loadPolygon;
      index = load().then(async (p) => {
        const land = indexOf(p, region.marginKm ?? 0);
        const sea = region.seaMarginKm;
        if (sea === undefined || sea <= 0) return land;
        const near = indexOf(p, sea);
        const neighbours = region.loadNeighbours
          ? indexOf(await region.loadNeighbours(), 0)
          : undefined;
        return {
          contains: (lon: number, lat: number) =>
            land.contains(lon, lat) ||
            (near.contains(lon, lat) && !(neighbours?.contains(lon, lat) ?? false)),
        };
      });
      loadedIndexes.set(region, index);
    }
    ctx.index = await index;
  }
  if (!ctx.countries) {
    countryTables ??= import('./generated/country-boxes.js').then((m) =>
      decodeCountries(m.COUNTRIES),
    );
    ctx.countries = await countryTables;
  }
}

function indexOf(polygon: RegionPolygon, marginKm: number): RegionIndex {
  const polygons = (
    polygon.type === 'Polygon' ? [polygon.coordinates] : polygon.coordinates
  ) as unknown[][];
  return buildRegionIndex(
    polygons.map((rings) => ({
      outer: flatRing(rings[0]),
      holes: rings.slice(1).map(flatRing),
    })),
    marginKm,
  );
}

function flatRing(ring: unknown): number[] {
  const out: number[] = [];
  if (!Array.isArray(ring)) return out;
  for (const p of ring) {
    if (Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number')
      out.push(p[0], p[1]);
  }
  return out;
}

// The names of the geometry attributes checkLocation reads, in the order it loads them by name.
const GEO_ATTRIBUTES = ['location', 'observationSpace', 'operationSpace'];
/** The GeoJSON geometry types. */
export const GEOMETRY_TYPES: ReadonlySet<string> = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);
/** How many array levels `coordinates` has per geometry type. */
const NESTING: Readonly<Record<string, number>> = {
  Point: 1,
  MultiPoint: 2,
  LineString: 2,
  MultiLineString: 3,
  Polygon: 3,
  MultiPolygon: 4,
};
const SHAPE: Readonly<Record<string, { en: string; sv: string }>> = {
  Point: { en: 'a position [longitude, latitude]', sv: 'en position [longitud, latitud]' },
  MultiPoint: { en: 'an array of positions', sv: 'en array av positioner' },
  LineString: { en: 'an array of positions', sv: 'en array av positioner' },
  MultiLineString: {
    en: 'an array of lines (arrays of positions)',
    sv: 'en array av linjer (arrayer av positioner)',
  },
  Polygon: {
    en: 'an array of linear rings (arrays of positions)',
    sv: 'en array av linjära ringar (arrayer av positioner)',
  },
  MultiPolygon: {
    en: 'an array of polygons (arrays of linear rings)',
    sv: 'en array av polygoner (arrayer av linjära ringar)',
  },
};

/**
 * Runs the location rules on every GeoProperty that holds an entity's position. `keyValues`: the
 * entity was sent as keyValues, so a geometry's path has no `value` step.
 */
export function checkLocation(
  r: ReportBuilder,
  entity: Readonly<Record<string, unknown>>,
  ctx: LocationContext,
  keyValues?: boolean,
): void {
  let country: string | undefined;
  let countryLooked = false;
  // Named loads, in GEO_ATTRIBUTES order: a keyed load of a name the entity lacks is a slow lookup.
  const geo = [entity.location, entity.observationSpace, entity.operationSpace];
  for (let g = 0; g < 3; g++) {
    const name = GEO_ATTRIBUTES[g] as string;
    const attr: unknown = geo[g];
    if (attr === undefined || attr === null || typeof attr !== 'object') continue;
    const list = Array.isArray(attr) ? attr : [attr];
    for (let i = 0; i < list.length; i++) {
      const item: unknown = list[i];
      const path = Array.isArray(attr) ? [name, i, 'value'] : keyValues ? [name] : [name, 'value'];
      if (!countryLooked) {
        countryLooked = true;
        country = addressCountry(entity, ctx.countries);
      }
      checkGeometry(r, (item as { value?: unknown }).value, path, ctx, country, 0);
    }
  }
}

/** The alpha-2 code of the entity's `address.addressCountry`, when the tables know it. */
function addressCountry(
  entity: Readonly<Record<string, unknown>>,
  countries: CountryTables | undefined,
): string | undefined {
  if (!countries) return undefined;
  const address = entity.address as { value?: unknown } | undefined;
  const value = address?.value as { addressCountry?: unknown } | undefined;
  const c = value?.addressCountry;
  if (typeof c !== 'string' || c.length < 2) return undefined;
  if (c.length === 2 && Object.hasOwn(countries.boxes, c.toUpperCase())) return c.toUpperCase();
  // Deliveries name a few countries over and over: each name is normalized once.
  let names = countryNames.get(countries);
  if (!names) {
    names = new Map();
    countryNames.set(countries, names);
  }
  if (names.has(c)) return names.get(c);
  const key = c
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();
  const found = Object.hasOwn(countries.aliases, key) ? countries.aliases[key] : undefined;
  if (names.size >= 1024) names.clear();
  names.set(c, found);
  return found;
}

const countryNames = new WeakMap<CountryTables, Map<string, string | undefined>>();

function checkGeometry(
  r: ReportBuilder,
  value: unknown,
  path: (string | number)[],
  ctx: LocationContext,
  country: string | undefined,
  depth: number,
): void {
  const shape = describeGeometry(value, depth);
  if (shape) {
    r.fail('location.geojson', 'error', jsonPath(...path, ...shape.at), {
      en: `Location is not a valid GeoJSON geometry: ${shape.en}.`,
      sv: `Platsen är ingen giltig GeoJSON-geometri: ${shape.sv}.`,
    });
    return;
  }
  const g = value as { type: string; coordinates?: unknown; geometries?: unknown[] };
  if (g.type === 'GeometryCollection') {
    (g.geometries ?? []).forEach((child, i) => {
      checkGeometry(r, child, [...path, 'geometries', i], ctx, country, depth + 1);
    });
    return;
  }
  // The path is formatted only for a finding.
  const list = positions(g.coordinates);
  let swapped: [number, number] | undefined;
  let projected: [number, number] | undefined;
  let outOfRange: [number, number] | undefined;
  let placeholder = false;
  let outside: [number, number] | undefined;
  let swapReason: 'range' | 'region' | 'country' = 'range';
  for (const p of list) {
    const [x, y] = p;
    if (Math.abs(x) > 1000 || Math.abs(y) > 1000) {
      projected ??= p;
      continue;
    }
    if (Math.abs(x) > 180 || Math.abs(y) > 90) {
      if (Math.abs(y) <= 180 && Math.abs(x) <= 90) {
        swapped ??= p;
        swapReason = 'range';
      } else outOfRange ??= p;
      continue;
    }
    if (x === 0 && y === 0) {
      placeholder = true;
      continue;
    }
    if (insideRegion(x, y, ctx)) continue;
    if (insideRegion(y, x, ctx)) {
      swapped ??= p;
      swapReason = 'region';
      continue;
    }
    if (country !== undefined && ctx.countries) {
      const boxes = ctx.countries.boxes[country] ?? [];
      if (!inBoxes(x, y, boxes) && inBoxes(y, x, boxes)) {
        swapped ??= p;
        swapReason = 'country';
        continue;
      }
    }
    outside ??= p;
  }
  if (outOfRange) {
    r.fail('location.geojson', 'error', coordinatesPath(path), {
      en: `Position [${outOfRange.join(', ')}] is not on Earth: longitude must lie between -180 and 180, latitude between -90 and 90.`,
      sv: `Positionen [${outOfRange.join(', ')}] ligger inte på jorden: longitud måste ligga mellan -180 och 180, latitud mellan -90 och 90.`,
    });
    return;
  }
  r.pass('location.geojson');
  if (projected) {
    r.fail('location.projected', 'error', coordinatesPath(path), {
      en: `Coordinates [${projected.join(', ')}] are projected metres (e.g. SWEREF 99 TM), not WGS84 degrees; convert them with @smartcitylab/ngsi-ld/geo.`,
      sv: `Koordinaterna [${projected.join(', ')}] ser ut som projicerade meter (t.ex. SWEREF 99 TM), inte WGS84-grader; konvertera dem med @smartcitylab/ngsi-ld/geo.`,
    });
  } else r.pass('location.projected');
  if (swapped) {
    const why =
      swapReason === 'range'
        ? { en: 'a latitude cannot exceed 90', sv: 'en latitud kan inte vara större än 90' }
        : swapReason === 'region'
          ? {
              en: `only the swapped order lies in ${ctx.region.name}`,
              sv: `bara den omvända ordningen ligger i ${regionSv(ctx.region)}`,
            }
          : {
              en: `only the swapped order lies in the address country ${country}`,
              sv: `bara den omvända ordningen ligger i adressens land ${country}`,
            };
    const at = `${swapped[0]}, ${swapped[1]}`;
    const fixed = `${swapped[1]}, ${swapped[0]}`;
    r.fail('location.swapped', 'error', coordinatesPath(path), {
      en: `Latitude and longitude look swapped in [${at}] (${why.en}); GeoJSON wants [longitude, latitude] = [${fixed}].`,
      sv: `Latitud och longitud verkar omkastade i [${at}] (${why.sv}); GeoJSON kräver [longitud, latitud] = [${fixed}].`,
    });
  } else r.pass('location.swapped');
  if (placeholder) {
    r.fail('location.placeholder', 'error', coordinatesPath(path), {
      en: 'Position [0, 0] is a placeholder (the Gulf of Guinea), not a real location; leave location out until it is known.',
      sv: 'Positionen [0, 0] är en platshållare (Guineabukten), ingen verklig plats; utelämna location tills den är känd.',
    });
  } else r.pass('location.placeholder');
  if (swapped || projected || placeholder) return;
  if (outside) {
    // Numbers are formatted once for both languages: most official examples lie outside Sweden.
    // A position is a pair, written out by hand: Array#join skips V8's number-to-text cache.
    const at = `${outside[0]}, ${outside[1]}`;
    r.fail('location.region', 'warning', coordinatesPath(path), {
      en: `Position [${at}] lies outside ${ctx.region.name}.`,
      sv: `Positionen [${at}] ligger utanför ${regionSv(ctx.region)}.`,
    });
  } else r.pass('location.region');
}

function coordinatesPath(path: readonly (string | number)[]): string {
  return jsonPath(...path, 'coordinates');
}

function regionSv(region: Region): string {
  return region.nameSv ?? region.name;
}

/**
 * What is wrong with the shape of a geometry, in both languages, with the path inside it, or
 * undefined when it is well-formed; also for a structure finding on a GeoProperty, so the message
 * names the actual problem.
 */
export function describeGeometry(
  value: unknown,
  depth = 0,
): { en: string; sv: string; at: (string | number)[] } | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      en: 'expected an object such as {"type": "Point", "coordinates": [17.3, 62.4]}',
      sv: 'förväntade ett objekt som {"type": "Point", "coordinates": [17.3, 62.4]}',
      at: [],
    };
  }
  const g = value as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (typeof g.type !== 'string' || !GEOMETRY_TYPES.has(g.type)) {
    return {
      en: `"type" must be one of ${[...GEOMETRY_TYPES].join(', ')}, got ${JSON.stringify(g.type) ?? 'nothing'}`,
      sv: `"type" måste vara en av ${[...GEOMETRY_TYPES].join(', ')}, fick ${JSON.stringify(g.type) ?? 'ingenting'}`,
      at: ['type'],
    };
  }
  if (g.type === 'GeometryCollection') {
    if (depth > 4 || !Array.isArray(g.geometries)) {
      return {
        en: 'a GeometryCollection needs a "geometries" array (nested at most 4 deep)',
        sv: 'en GeometryCollection behöver en array "geometries" (högst 4 nivåer djup)',
        at: ['geometries'],
      };
    }
    return undefined;
  }
  const want = NESTING[g.type] ?? 1;
  const got = nesting(g.coordinates);
  if (got !== want) {
    const shape = SHAPE[g.type] ?? SHAPE.Point!;
    const detail =
      got === 0
        ? { en: 'is missing or not an array', sv: 'saknas eller är ingen array' }
        : got < want
          ? {
              en: `has ${want - got} level(s) of [ ] too few`,
              sv: `har ${want - got} nivå(er) [ ] för lite`,
            }
          : {
              en: `has ${got - want} level(s) of [ ] too many`,
              sv: `har ${got - want} nivå(er) [ ] för mycket`,
            };
    return {
      en: `coordinates of a ${g.type} must be ${shape.en}; this one ${detail.en}`,
      sv: `coordinates för en ${g.type} måste vara ${shape.sv}; den här ${detail.sv}`,
      at: ['coordinates'],
    };
  }
  return elementProblem(g.type, g.coordinates);
}

/** Array nesting depth along the first elements (0 when not an array). */
function nesting(v: unknown): number {
  let d = 0;
  let cur: unknown = v;
  while (Array.isArray(cur)) {
    d++;
    cur = cur[0];
    if (d > 8) break;
  }
  return d;
}

function elementProblem(
  type: string,
  coordinates: unknown,
): { en: string; sv: string; at: (string | number)[] } | undefined {
  const found = elementAt(type, coordinates, NESTING[type] ?? 1);
  if (found) found.at.unshift('coordinates');
  return found;
}

/**
 * The first problem of a coordinate array, children last to first (the order reports name);
 * its path is built on the way back up, so a well-formed geometry allocates none.
 */
function elementAt(
  type: string,
  v: unknown,
  level: number,
): { en: string; sv: string; at: (string | number)[] } | undefined {
  if (!Array.isArray(v)) return { en: 'expected an array', sv: 'förväntade en array', at: [] };
  if (level === 1) {
    // every() skips holes, as the reports always have.
    if (v.length < 2 || v.length > 3 || !v.every(Number.isFinite)) {
      return {
        en: `a position is [longitude, latitude] (optionally with altitude) of numbers, got ${JSON.stringify(v).slice(0, 60)}`,
        sv: `en position är [longitud, latitud] (ev. med höjd) som tal, fick ${JSON.stringify(v).slice(0, 60)}`,
        at: [],
      };
    }
    return undefined;
  }
  if (level === 2 && (type === 'Polygon' || type === 'MultiPolygon')) {
    if (v.length < 4) {
      return {
        en: `a linear ring needs at least 4 positions (the first repeated last), got ${v.length}`,
        sv: `en linjär ring behöver minst 4 positioner (den första upprepad sist), fick ${v.length}`,
        at: [],
      };
    }
    const a = v[0] as unknown[];
    const b = v[v.length - 1] as unknown[];
    if (Array.isArray(a) && Array.isArray(b) && (a[0] !== b[0] || a[1] !== b[1])) {
      return {
        en: 'a linear ring must end with its first position (close the ring)',
        sv: 'en linjär ring måste sluta med sin första position (stäng ringen)',
        at: [],
      };
    }
  }
  if (level === 2 && (type === 'LineString' || type === 'MultiLineString') && v.length < 2) {
    return {
      en: `a line needs at least 2 positions, got ${v.length}`,
      sv: `en linje behöver minst 2 positioner, fick ${v.length}`,
      at: [],
    };
  }
  for (let i = v.length - 1; i >= 0; i--) {
    if (!(i in v)) continue; // a hole, which forEach skipped
    const found = elementAt(type, v[i], level - 1);
    if (found) {
      found.at.unshift(i);
      return found;
    }
  }
  return undefined;
}

/** Every position of a well-formed coordinate array, without recursion. */
function positions(coordinates: unknown): [number, number][] {
  const out: [number, number][] = [];
  const stack: unknown[] = [coordinates];
  while (stack.length > 0) {
    const c = stack.pop();
    if (!Array.isArray(c)) continue;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') out.push([c[0], c[1]]);
    else for (let i = c.length - 1; i >= 0; i--) stack.push(c[i]);
  }
  return out;
}

function insideRegion(lon: number, lat: number, ctx: LocationContext): boolean {
  const [minLon, minLat, maxLon, maxLat] = ctx.region.bbox;
  if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) return false;
  return ctx.index ? ctx.index.contains(lon, lat) : true;
}

function inBoxes(x: number, y: number, boxes: readonly (readonly number[])[]): boolean {
  for (const b of boxes) {
    if (x >= (b[0] ?? 0) && x <= (b[2] ?? 0) && y >= (b[1] ?? 0) && y <= (b[3] ?? 0)) return true;
  }
  return false;
}

/**
 * `readFeatures`: pages through an OGC API Features collection (or a WFS 2.0 feature type with
 * GeoJSON output) and maps each feature to an NGSI-LD entity, reprojecting SWEREF 99 and
 * EPSG:4326 coordinates to WGS84 longitude/latitude.
 */
import type { NormalizedEntity } from '@smartcitylab/ngsi-ld';
import { CRS84, type Geometry, parseCrs, type SupportedCrs, toCrs84 } from './crs.js';
import { FeaturesError } from './errors.js';
import { mapFeature } from './internal/mapping.js';

/**
 * How features become entities of one model.
 *
 * @example
 * ```ts
 * const m: FeatureMapping = {
 *   type: 'WasteContainer',
 *   id: 'urn:ngsi-ld:WasteContainer:sundsvall:{objectId}',
 *   attributes: { fillingLevel: 'fyllnadsgrad', status: 'status' },
 * };
 * ```
 */
export interface FeatureMapping {
  /** NGSI-LD entity type of every entity. */
  type: string;
  /**
   * Entity id template: `{id}` is the feature id, `{name}` a feature property. Default: the
   * feature id when it is already a URN, else `urn:ngsi-ld:<type>:{id}`.
   */
  id?: string;
  /**
   * Attribute name → feature property name (a plain Property), or `{ from, kind }` for a
   * Relationship whose object is the property value. Default: every property, its name made
   * a valid attribute name (å, ä, ö → a, a, o; other characters → `_`).
   */
  attributes?: Readonly<
    Record<string, string | { from: string; kind: 'Property' | 'Relationship' }>
  >;
  /** GeoProperty the geometry goes to (default `location`); features without geometry get none. */
  geoproperty?: string;
}

/**
 * Options of {@link readFeatures}.
 *
 * @example
 * ```ts
 * const o: ReadFeaturesOptions = { pageSize: 1000, crs: 'EPSG:3006' };
 * ```
 */
export interface ReadFeaturesOptions {
  /** `'oapif'` or `'wfs'`; by default WFS when the URL has `service=WFS`, else OGC API Features. */
  protocol?: 'oapif' | 'wfs';
  /** Features per request (default 1 000). */
  pageSize?: number;
  /** CRS to ask the server for (default CRS84 / the server's default); answers are reprojected. */
  crs?: string;
  /**
   * CRS of the coordinates when the answer does not say (no `Content-Crs`, no GeoJSON `crs`
   * member). Default CRS84.
   */
  sourceCrs?: string;
  /**
   * Axis order of the coordinates: `'crs'` (the CRS's own order: northing first for
   * EPSG:3006/4326, as OGC API Features Part 2 requires) or `'east-north'` (GeoJSON's
   * convention, which WFS servers such as GeoServer use). Default: `'crs'` for OGC API
   * Features, `'east-north'` for WFS.
   */
  axisOrder?: 'crs' | 'east-north';
  /** Stop after this many features. */
  maxFeatures?: number;
  /** The fetch to use (default the global fetch). */
  fetch?: typeof fetch;
  /** Extra request headers (an API key, for example). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

interface GeoJsonFeature {
  type: 'Feature';
  id?: string | number;
  geometry: Geometry | null;
  properties: Record<string, unknown> | null;
}

interface Page {
  features: GeoJsonFeature[];
  next: string | undefined;
  crs: SupportedCrs | undefined;
  numberMatched: number | undefined;
}

function crsFromGeoJson(body: Record<string, unknown>): string | undefined {
  const crs = body.crs as { properties?: { name?: unknown } } | undefined;
  const name = crs?.properties?.name;
  if (typeof name !== 'string') return undefined;
  // urn:ogc:def:crs:EPSG::3006, urn:ogc:def:crs:OGC:1.3:CRS84, EPSG:3006
  const m = /EPSG:{1,2}(\d+)$/i.exec(name);
  if (m) return `EPSG:${m[1]}`;
  if (/CRS84$/i.test(name)) return CRS84;
  return name;
}

async function getPage(url: string, options: ReadFeaturesOptions): Promise<Page> {
  const doFetch = options.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url, {
      headers: { Accept: 'application/geo+json, application/json;q=0.9', ...options.headers },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (e) {
    throw new FeaturesError(`could not reach ${url}: ${(e as Error).message}; check the URL`, {
      code: 'InvalidResponse',
      cause: e,
    });
  }
  const text = await res.text();
  if (!res.ok) {
    throw new FeaturesError(`${url} answered ${res.status}: ${text.slice(0, 300)}`, {
      code: 'InvalidResponse',
    });
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new FeaturesError(
      `${url} did not answer JSON (got ${res.headers.get('content-type') ?? 'no content type'}); ask for GeoJSON output`,
      { code: 'InvalidResponse', cause: e },
    );
  }
  if (body.type !== 'FeatureCollection' || !Array.isArray(body.features)) {
    throw new FeaturesError(`${url} did not answer a GeoJSON FeatureCollection`, {
      code: 'InvalidResponse',
    });
  }
  const links = Array.isArray(body.links)
    ? (body.links as { rel?: unknown; href?: unknown; type?: unknown }[])
    : [];
  const next = links.find(
    (l) =>
      l.rel === 'next' &&
      typeof l.href === 'string' &&
      (l.type === undefined || /json/.test(String(l.type))),
  );
  const header = res.headers.get('content-crs');
  const named = header ? header.replace(/^<|>$/g, '') : crsFromGeoJson(body);
  let crs: SupportedCrs | undefined;
  if (named !== undefined) {
    try {
      crs = parseCrs(named);
    } catch (e) {
      throw new FeaturesError(
        `${url} answered in CRS ${named}, which cannot be reprojected: ${(e as Error).message}`,
        {
          code: 'UnsupportedCrs',
          cause: e,
        },
      );
    }
  }
  return {
    features: body.features as GeoJsonFeature[],
    next: next ? new URL(String(next.href), url).toString() : undefined,
    crs,
    numberMatched: typeof body.numberMatched === 'number' ? body.numberMatched : undefined,
  };
}

function firstUrl(url: string, collection: string, o: ReadFeaturesOptions, wfs: boolean): URL {
  const u = new URL(url);
  const size = String(o.pageSize ?? 1000);
  if (wfs) {
    for (const [k, v] of Object.entries({
      service: 'WFS',
      version: '2.0.0',
      request: 'GetFeature',
      typeNames: collection,
      outputFormat: 'application/json',
      count: size,
      startIndex: '0',
    })) {
      const existing = [...u.searchParams.keys()].find((x) => x.toLowerCase() === k.toLowerCase());
      if (existing) u.searchParams.delete(existing);
      u.searchParams.set(k, v);
    }
    if (o.crs !== undefined) u.searchParams.set('srsName', o.crs);
    return u;
  }
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/collections/${encodeURIComponent(collection)}/items`;
  u.searchParams.set('limit', size);
  if (o.crs !== undefined) u.searchParams.set('crs', parseCrs(o.crs).uri);
  return u;
}

function swap(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  if (typeof value[0] === 'number') return [value[1], value[0], ...value.slice(2)];
  return value.map(swap);
}

function toWgs84(g: Geometry, crs: SupportedCrs, eastFirst: boolean): Geometry {
  if (!eastFirst || !crs.northFirst) return toCrs84(g, crs);
  if (g.type === 'GeometryCollection') {
    return { ...g, geometries: g.geometries.map((x) => toWgs84(x, crs, eastFirst)) };
  }
  return toCrs84({ ...g, coordinates: swap(g.coordinates) } as Geometry, crs);
}

/**
 * Pages through a collection of an OGC API Features endpoint (following its `next` links) or
 * a WFS 2.0 feature type (`count`/`startIndex`, GeoJSON output), and yields one normalized
 * NGSI-LD entity per feature, in WGS84.
 *
 * @example
 * ```ts
 * for await (const entity of readFeatures('https://geo.example.se/ogc', 'avfallskarl', { type: 'WasteContainer' })) {
 *   console.log(entity.id);
 * }
 * ```
 * @throws {FeaturesError} code `InvalidResponse` when the endpoint cannot be read,
 * `UnsupportedCrs` for coordinates in a CRS other than CRS84, EPSG:4326 and SWEREF 99,
 * `InvalidMapping` for a mapping that yields no valid id.
 */
export async function* readFeatures(
  url: string,
  collection: string,
  mapping: FeatureMapping,
  options: ReadFeaturesOptions = {},
): AsyncGenerator<NormalizedEntity, void, undefined> {
  let start: URL;
  try {
    start = new URL(url);
  } catch (e) {
    throw new FeaturesError(`"${url}" is not a URL; give the endpoint as http(s)://...`, {
      code: 'InvalidResponse',
      cause: e,
    });
  }
  const wfs = options.protocol
    ? options.protocol === 'wfs'
    : [...start.searchParams].some(
        ([k, v]) => k.toLowerCase() === 'service' && v.toLowerCase() === 'wfs',
      );
  const eastFirst = (options.axisOrder ?? (wfs ? 'east-north' : 'crs')) === 'east-north';
  const fallback = parseCrs(options.sourceCrs ?? CRS84);
  const pageSize = options.pageSize ?? 1000;
  const max = options.maxFeatures ?? Number.POSITIVE_INFINITY;
  let next: string | undefined = firstUrl(url, collection, options, wfs).toString();
  const seen = new Set<string>();
  let read = 0;
  while (next !== undefined && read < max) {
    if (seen.has(next)) {
      throw new FeaturesError(
        `${next} links back to a page already read; the server's paging loops`,
        { code: 'InvalidResponse' },
      );
    }
    seen.add(next);
    const page: Page = await getPage(next, options);
    const crs = options.sourceCrs !== undefined ? fallback : (page.crs ?? fallback);
    for (const f of page.features) {
      if (read >= max) return;
      const geometry = f.geometry ? toWgs84(f.geometry, crs, eastFirst) : null;
      yield mapFeature({ ...f, geometry }, mapping);
      read += 1;
    }
    if (wfs) {
      const u: URL = new URL(next);
      const startIndex: number =
        Number(u.searchParams.get('startIndex') ?? '0') + page.features.length;
      const done: boolean =
        page.features.length < pageSize ||
        (page.numberMatched !== undefined && startIndex >= page.numberMatched);
      u.searchParams.set('startIndex', String(startIndex));
      next = done ? undefined : u.toString();
    } else {
      next = page.features.length === 0 ? undefined : page.next;
    }
  }
}

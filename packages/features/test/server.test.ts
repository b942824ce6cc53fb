import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONFORMANCE_CLASSES,
  createFeaturesHandler,
  epsgUri,
  FeaturesError,
} from '../src/index.js';
import { type Setup, setup, streetlights } from './helpers.js';

interface Fc {
  type: string;
  features: {
    id: string;
    geometry: { coordinates: number[] };
    properties: Record<string, unknown>;
  }[];
  links: { rel: string; href: string; type?: string }[];
  numberMatched?: number;
  numberReturned: number;
}

let s: Setup;
beforeAll(async () => {
  s = await setup(streetlights(250));
});
afterAll(() => s.close());

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${s.url}${path}`, { headers });
const items = async (query: string): Promise<Fc> => {
  const res = await get(`/collections/streetlights/items?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Fc;
};

describe('landing page, conformance, API', () => {
  it('links to the API, conformance and collections', async () => {
    const body = (await (await get('/')).json()) as { links: { rel: string; href: string }[] };
    const rels = body.links.map((l) => l.rel);
    expect(rels).toEqual(expect.arrayContaining(['self', 'service-desc', 'conformance', 'data']));
    for (const l of body.links) expect(l.href.startsWith(s.url)).toBe(true);
  });

  it('declares Core, GeoJSON, HTML, OpenAPI 3.0 and CRS by reference', async () => {
    const body = (await (await get('/conformance')).json()) as { conformsTo: string[] };
    expect(body.conformsTo).toEqual([...CONFORMANCE_CLASSES]);
  });

  it('serves an OpenAPI 3.0 document with the OpenAPI media type', async () => {
    const res = await get('/api');
    expect(res.headers.get('content-type')).toBe('application/vnd.oai.openapi+json;version=3.0');
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\.0\./);
    expect(Object.keys(doc.paths)).toContain('/collections/{collectionId}/items/{featureId}');
  });
});

describe('collections', () => {
  it('computes the spatial and temporal extent from the data and declares the CRSs', async () => {
    const c = (await (await get('/collections/streetlights')).json()) as {
      extent: { spatial: { bbox: number[][] }; temporal: { interval: string[][] } };
      crs: string[];
      storageCrs: string;
    };
    const [minX, minY, maxX, maxY] = c.extent.spatial.bbox[0] as number[];
    expect(minX).toBeCloseTo(17.2, 9);
    expect(minY).toBeCloseTo(62.3, 9);
    expect(maxX).toBeCloseTo(17.398, 9);
    expect(maxY).toBeCloseTo(62.302, 9);
    expect(c.extent.temporal.interval[0]).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-01-30T00:00:00.000Z',
    ]);
    expect(c.crs).toContain(epsgUri(3006));
    expect(c.crs).toContain(epsgUri(3018));
    expect(c.crs).toHaveLength(15);
    expect(c.storageCrs).toBe('http://www.opengis.net/def/crs/OGC/1.3/CRS84');
  });

  it('answers 404 with an exception for an unknown collection', async () => {
    const res = await get('/collections/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'NotFound' });
  });
});

describe('items', () => {
  it('pages with limit, next and prev links, numberMatched and numberReturned', async () => {
    const first = await items('limit=100');
    expect(first.numberMatched).toBe(250);
    expect(first.numberReturned).toBe(100);
    expect(first.links.find((l) => l.rel === 'prev')).toBeUndefined();
    const ids: string[] = first.features.map((f) => f.id);
    let next = first.links.find((l) => l.rel === 'next')?.href;
    let pages = 1;
    while (next) {
      const page = (await (await fetch(next)).json()) as Fc;
      expect(page.links.some((l) => l.rel === 'prev')).toBe(true);
      ids.push(...page.features.map((f) => f.id));
      next = page.links.find((l) => l.rel === 'next')?.href;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
  });

  it('defaults to 10 features and caps limit at the maximum instead of failing', async () => {
    expect((await items('')).numberReturned).toBe(10);
    const big = await items('limit=999999');
    expect(big.numberReturned).toBe(250);
  });

  it('keeps only features inside bbox', async () => {
    const fc = await items('bbox=17.2,62.3,17.2041,62.3011&limit=1000');
    // columns 0,1,2 (lon 17.200..17.204) of rows 0,1 (lat 62.300, 62.301)
    expect(fc.features.map((f) => f.id).sort()).toEqual(
      ['00000', '00001', '00002', '00100', '00101', '00102'].map(
        (n) => `urn:ngsi-ld:Streetlight:${n}`,
      ),
    );
    expect(fc.numberMatched).toBe(6);
  });

  it('reads bbox in bbox-crs: EPSG:4326 (lat, lon) and SWEREF 99 TM (northing, easting)', async () => {
    const latLon = await items(`bbox=62.3,17.2,62.3011,17.2041&bbox-crs=${epsgUri(4326)}`);
    expect(latLon.numberMatched).toBe(6);
    const one = await items(`crs=${epsgUri(3006)}&limit=1`);
    const [n, e] = one.features[0]!.geometry.coordinates as number[];
    const box = [(n as number) - 1, (e as number) - 1, (n as number) + 1, (e as number) + 1].join(
      ',',
    );
    const sweref = await items(`bbox=${box}&bbox-crs=${epsgUri(3006)}`);
    expect(sweref.features.map((f) => f.id)).toEqual(['urn:ngsi-ld:Streetlight:00000']);
  });

  it('filters on the observation time with datetime', async () => {
    const day = await items('datetime=2024-01-02&limit=1000');
    expect(day.numberMatched).toBe(9); // i % 30 === 1 for i < 250
    expect(
      day.features.every((f) => f.properties.dateObserved === '2024-01-02T00:00:00.000Z'),
    ).toBe(true);
    const open = await items('datetime=../2024-01-01T00:00:00Z&limit=1000');
    expect(open.numberMatched).toBe(9);
    const range = await items('datetime=2024-01-29T00:00:00Z/..&limit=1000');
    expect(range.numberMatched).toBe(16); // days 29 and 30
  });

  it('applies simple property filters on declared queryables', async () => {
    const broken = await items('status=broken&limit=1000');
    expect(broken.numberMatched).toBe(84);
    expect(broken.features.every((f) => f.properties.status === 'broken')).toBe(true);
    const power = await items('powerConsumption=7&limit=1000');
    expect(power.features.map((f) => f.id)).toEqual(
      ['00007', '00057', '00107', '00157', '00207'].map((n) => `urn:ngsi-ld:Streetlight:${n}`),
    );
  });

  it.each([
    ['unknown parameter', 'colour=red'],
    ['a limit that is not a number', 'limit=ten'],
    ['a zero limit', 'limit=0'],
    ['a bbox of three numbers', 'bbox=1,2,3'],
    ['an upside-down bbox', 'bbox=18,63,17,62'],
    ['an unsupported crs', `crs=${epsgUri(3857)}`],
    ['an unsupported bbox-crs', 'bbox=1,2,3,4&bbox-crs=EPSG:2400'],
    ['a malformed datetime', 'datetime=yesterday'],
    ['an interval open at both ends', 'datetime=../..'],
    ['an unknown format', 'f=xml'],
    ['a repeated parameter', 'limit=1&limit=2'],
  ])('answers 400 with an exception for %s', async (_, query) => {
    const res = await get(`/collections/streetlights/items?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = (await res.json()) as { code: string; description: string };
    expect(body.code).toBe('InvalidParameterValue');
    expect(body.description.length).toBeGreaterThan(10);
  });
});

describe('CRS by reference', () => {
  it('answers in the requested CRS, in its axis order, with Content-Crs', async () => {
    const wgs = await items('limit=1');
    const [lon, lat] = wgs.features[0]!.geometry.coordinates as number[];
    const res4326 = await get(`/collections/streetlights/items?limit=1&crs=${epsgUri(4326)}`);
    expect(res4326.headers.get('content-crs')).toBe(`<${epsgUri(4326)}>`);
    const fc4326 = (await res4326.json()) as Fc;
    expect(fc4326.features[0]?.geometry.coordinates).toEqual([lat, lon]);
    const res = await get(`/collections/streetlights/items?limit=1&crs=${epsgUri(3006)}`);
    expect(res.headers.get('content-crs')).toBe(`<${epsgUri(3006)}>`);
    const [n, e] = ((await res.json()) as Fc).features[0]!.geometry.coordinates as number[];
    // 17.2 E, 62.3 N is about 614 km east (false easting 500 km) and 6 910 km north in SWEREF 99 TM.
    expect(n).toBeGreaterThan(6_900_000);
    expect(n).toBeLessThan(6_920_000);
    expect(e).toBeGreaterThan(600_000);
    expect(e).toBeLessThan(625_000);
  });

  it('serves every local SWEREF 99 zone', async () => {
    for (let code = 3007; code <= 3018; code++) {
      const res = await get(
        `/collections/streetlights/items/urn:ngsi-ld:Streetlight:00000?crs=${epsgUri(code)}`,
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-crs')).toBe(`<${epsgUri(code)}>`);
      const [n, e] = ((await res.json()) as { geometry: { coordinates: number[] } }).geometry
        .coordinates as number[];
      expect(n).toBeGreaterThan(6_800_000);
      expect(e).toBeGreaterThan(-200_000);
      expect(e).toBeLessThan(600_000);
    }
  });
});

describe('one feature', () => {
  it('serves the entity under its id', async () => {
    const res = await get('/collections/streetlights/items/urn:ngsi-ld:Streetlight:00042');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/geo+json');
    const f = (await res.json()) as { id: string; properties: Record<string, unknown> };
    expect(f.id).toBe('urn:ngsi-ld:Streetlight:00042');
    expect(f.properties).toMatchObject({
      type: 'Streetlight',
      status: 'broken',
      powerConsumption: 42,
    });
  });

  it('answers 404 for an unknown id and for an entity of another collection', async () => {
    expect(
      (await get('/collections/streetlights/items/urn:ngsi-ld:Streetlight:99999')).status,
    ).toBe(404);
    await s.client.createEntity({
      id: 'urn:ngsi-ld:Other:1',
      type: 'Other',
      name: { type: 'Property', value: 'x' },
    });
    expect((await get('/collections/streetlights/items/urn:ngsi-ld:Other:1')).status).toBe(404);
  });
});

describe('formats and caching', () => {
  it('negotiates HTML by Accept and f=, JSON otherwise', async () => {
    const html = await get('/collections/streetlights/items?limit=3', {
      Accept: 'text/html,application/xhtml+xml',
    });
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const text = await html.text();
    expect(text).toContain('urn:ngsi-ld:Streetlight:00002');
    expect(text).toContain('<table>');
    const viaF = await get('/?f=html', { Accept: 'application/json' });
    expect(viaF.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const json = await get('/collections', { Accept: 'application/json, text/html;q=0.5' });
    expect(json.headers.get('content-type')).toBe('application/json');
  });

  it('escapes entity text in HTML', async () => {
    await s.client.createEntity({
      id: 'urn:ngsi-ld:Streetlight:xss',
      type: 'Streetlight',
      status: { type: 'Property', value: '<script>alert(1)</script>' },
    });
    const text = await (
      await get('/collections/streetlights/items/urn:ngsi-ld:Streetlight:xss?f=html')
    ).text();
    expect(text).not.toContain('<script>');
    expect(text).toContain('&lt;script&gt;');
    await s.client.deleteEntity('urn:ngsi-ld:Streetlight:xss');
  });

  it('sends ETags and answers 304 when nothing changed, 200 when the data changed', async () => {
    const path = '/collections/streetlights/items?limit=5';
    const first = await get(path);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const same = await get(path, { 'If-None-Match': etag as string });
    expect(same.status).toBe(304);
    await s.client.mergeEntity('urn:ngsi-ld:Streetlight:00001', {
      status: { type: 'Property', value: 'repaired' },
    });
    const changed = await get(path, { 'If-None-Match': etag as string });
    expect(changed.status).toBe(200);
    await s.client.mergeEntity('urn:ngsi-ld:Streetlight:00001', {
      status: { type: 'Property', value: 'ok' },
    });
  });

  it('answers HEAD without a body and refuses other methods with 405', async () => {
    const head = await fetch(`${s.url}/collections`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await fetch(`${s.url}/collections`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('configuration', () => {
  it.each([
    ['no collections', { collections: [] }],
    ['a duplicate id', { collections: ['A', 'A'] }],
    ['an id with a slash', { collections: [{ id: 'a/b', type: 'A' }] }],
    [
      'a queryable that clashes with a standard parameter',
      { collections: [{ id: 'a', type: 'A', queryables: ['limit'] }] },
    ],
    ['a default limit above the maximum', { collections: ['A'], defaultLimit: 50, maxLimit: 10 }],
  ])('rejects %s', (_, options) => {
    expect(() => createFeaturesHandler({ client: s.client, ...options })).toThrow(FeaturesError);
  });
});

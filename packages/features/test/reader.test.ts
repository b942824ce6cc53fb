import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { wgs84ToSweref } from '@smartcitylab/ngsi-ld/geo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FeatureMapping,
  FeaturesError,
  type ReadFeaturesOptions,
  readFeatures,
} from '../src/index.js';
import { listen, type Setup, setup, streetlights } from './helpers.js';

async function collect(
  url: string,
  collection: string,
  mapping: FeatureMapping,
  options?: ReadFeaturesOptions,
) {
  const out: Record<string, unknown>[] = [];
  for await (const e of readFeatures(url, collection, mapping, options))
    out.push(e as Record<string, unknown>);
  return out;
}

async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  return { url: await listen(server), server };
}

const close = (server: Server): Promise<void> => new Promise((r) => server.close(() => r()));

describe('reading an OGC API Features endpoint', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup(streetlights(1200));
  });
  afterAll(() => s.close());

  it('pages through the next links and maps every feature back to the same entity', {
    timeout: 180_000,
  }, async () => {
    const entities = await collect(
      s.url,
      'streetlights',
      { type: 'Streetlight' },
      { pageSize: 500 },
    );
    expect(entities).toHaveLength(1200);
    expect(new Set(entities.map((e) => e.id)).size).toBe(1200);
    const e = entities.find((x) => x.id === 'urn:ngsi-ld:Streetlight:00042');
    expect(e).toEqual({
      id: 'urn:ngsi-ld:Streetlight:00042',
      type: 'Streetlight',
      status: { type: 'Property', value: 'broken' },
      powerConsumption: { type: 'Property', value: 42 },
      dateObserved: { type: 'Property', value: '2024-01-13T00:00:00.000Z' },
      location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [17.284, 62.3] } },
    });
  });

  it('asks for SWEREF 99 TM and reprojects the answer back to WGS84', {
    timeout: 180_000,
  }, async () => {
    const entities = await collect(
      s.url,
      'streetlights',
      { type: 'Streetlight' },
      { crs: 'EPSG:3006', maxFeatures: 150, pageSize: 100 },
    );
    expect(entities).toHaveLength(150);
    for (const e of entities) {
      const want = (
        s.broker.store.getEntity(String(e.id)) as { location: { value: { coordinates: number[] } } }
      ).location.value.coordinates;
      const got = (e.location as { value: { coordinates: number[] } }).value.coordinates;
      expect(got[0]).toBeCloseTo(want[0] as number, 8);
      expect(got[1]).toBeCloseTo(want[1] as number, 8);
    }
  });

  it('maps chosen properties to attributes and relationships with an id template', {
    timeout: 180_000,
  }, async () => {
    const mapping: FeatureMapping = {
      type: 'Device',
      id: 'urn:ngsi-ld:Device:lamp-{powerConsumption}-{id}',
      attributes: {
        deviceState: 'status',
        controlledAsset: { from: 'type', kind: 'Relationship' },
      },
      geoproperty: 'location',
    };
    const [first] = await collect(s.url, 'streetlights', mapping, { maxFeatures: 1 });
    expect(first).toEqual({
      id: 'urn:ngsi-ld:Device:lamp-0-urn:ngsi-ld:Streetlight:00000',
      type: 'Device',
      deviceState: { type: 'Property', value: 'broken' },
      controlledAsset: { type: 'Relationship', object: 'Streetlight' },
      location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [17.2, 62.3] } },
    });
  });
});

describe('reading a WFS 2.0 GetFeature endpoint with GeoJSON output', () => {
  // Containers in SWEREF 99 TM, east/north as GeoServer writes GeoJSON, with Swedish names.
  const points = Array.from({ length: 23 }, (_, i) => ({
    latitude: 62.39 + i * 0.001,
    longitude: 17.3 + i * 0.001,
  }));
  const requests: URLSearchParams[] = [];
  let wfs: { url: string; server: Server };
  beforeAll(async () => {
    wfs = await serve((req, res) => {
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      requests.push(q);
      if (q.get('request') !== 'GetFeature' || q.get('outputFormat') !== 'application/json') {
        res.writeHead(400, { 'Content-Type': 'text/xml' }).end('<ows:ExceptionReport/>');
        return;
      }
      const start = Number(q.get('startIndex'));
      const count = Number(q.get('count'));
      const features = points.slice(start, start + count).map((p, k) => {
        const i = start + k;
        const { easting, northing } = wgs84ToSweref(p, 'TM');
        return {
          type: 'Feature',
          id: `avfallskarl.${i}`,
          geometry: { type: 'Point', coordinates: [easting, northing] },
          properties: { 'fyllnadsgrad (%)': i * 4, kärltyp: 'mat', objektid: 1000 + i },
        };
      });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          type: 'FeatureCollection',
          numberMatched: points.length,
          numberReturned: features.length,
          features,
          crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3006' } },
        }),
      );
    });
  });
  afterAll(() => close(wfs.server));

  it('pages with count and startIndex and reprojects SWEREF 99 TM to WGS84', {
    timeout: 180_000,
  }, async () => {
    requests.length = 0;
    const entities = await collect(
      `${wfs.url}/geoserver/wfs?service=WFS`,
      'sundsvall:avfallskarl',
      { type: 'WasteContainer', id: 'urn:ngsi-ld:WasteContainer:sundsvall:{objektid}' },
      { pageSize: 10 },
    );
    expect(requests.map((q) => q.get('startIndex'))).toEqual(['0', '10', '20']);
    expect(requests[0]?.get('typeNames')).toBe('sundsvall:avfallskarl');
    expect(entities).toHaveLength(23);
    expect(entities[5]).toMatchObject({
      id: 'urn:ngsi-ld:WasteContainer:sundsvall:1005',
      type: 'WasteContainer',
      fyllnadsgrad____: { type: 'Property', value: 20 },
      karltyp: { type: 'Property', value: 'mat' },
    });
    const [lon, lat] = (entities[5]!.location as { value: { coordinates: number[] } }).value
      .coordinates;
    expect(lon).toBeCloseTo(17.305, 8);
    expect(lat).toBeCloseTo(62.395, 8);
  });
});

describe('reader errors name the input and what to do', () => {
  let bad: { url: string; server: Server };
  beforeAll(async () => {
    bad = await serve((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const fc = (extra: Record<string, unknown>, headers: Record<string, string> = {}) => {
        res.writeHead(200, { 'Content-Type': 'application/geo+json', ...headers });
        res.end(
          JSON.stringify({
            type: 'FeatureCollection',
            features: [
              {
                type: 'Feature',
                id: 'a',
                geometry: { type: 'Point', coordinates: [1, 2] },
                properties: {},
              },
            ],
            ...extra,
          }),
        );
      };
      if (path.startsWith('/html/'))
        res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html></html>');
      else if (path.startsWith('/loop/')) fc({ links: [{ rel: 'next', href: req.url }] });
      else if (path.startsWith('/mercator/'))
        fc({}, { 'Content-Crs': '<http://www.opengis.net/def/crs/EPSG/0/3857>' });
      else if (path.startsWith('/ok/')) fc({});
      else res.writeHead(404).end('not here');
    });
  });
  afterAll(() => close(bad.server));

  it.each([
    ['an answer that is not JSON', '/html', 'InvalidResponse', /did not answer JSON/],
    ['a missing collection', '/missing', 'InvalidResponse', /answered 404/],
    ['paging that loops', '/loop', 'InvalidResponse', /links back to a page already read/],
    ['an answer in a CRS that cannot be reprojected', '/mercator', 'UnsupportedCrs', /3857/],
  ])('%s', async (_, path, code, message) => {
    const err = await collect(`${bad.url}${path}`, 'x', { type: 'T' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeaturesError);
    expect((err as FeaturesError).code).toBe(code);
    expect((err as Error).message).toMatch(message);
  });

  it('an id template naming a property the feature lacks', async () => {
    const err = await collect(`${bad.url}/ok`, 'x', {
      type: 'T',
      id: 'urn:ngsi-ld:T:{objektid}',
    }).catch((e: unknown) => e);
    expect((err as FeaturesError).code).toBe('InvalidMapping');
    expect((err as Error).message).toMatch(/needs "objektid"/);
  });

  it('a URL that is not one', async () => {
    const err = await collect('geo.example.se', 'x', { type: 'T' }).catch((e: unknown) => e);
    expect((err as FeaturesError).code).toBe('InvalidResponse');
  });
});

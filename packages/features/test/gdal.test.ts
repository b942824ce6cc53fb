import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wgs84ToSweref } from '@smartcitylab/ngsi-ld/geo';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { epsgUri } from '../src/index.js';
import { describeWithGdal, gdal } from './gdal.js';
import { type Setup, setup, streetlights } from './helpers.js';

interface GeoJsonOut {
  features: {
    properties: Record<string, unknown>;
    geometry: { type: string; coordinates: number[] };
  }[];
}

const N = 10_000;
// Generous hang guards: GDAL and a 10,000-entity broker share two busy cores.
const SLOW = { timeout: 300_000 };

describeWithGdal('GDAL OAPIF driver reads the served features', () => {
  let s: Setup;
  let dir: string;
  const requests: string[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'features-gdal-'));
    s = await setup(
      streetlights(N),
      {
        collections: [
          { id: 'streetlights', type: 'Streetlight', queryables: ['status'] },
          {
            id: 'broken-streetlights',
            type: 'Streetlight',
            q: 'status=="broken"',
            title: 'Broken streetlights',
          },
        ],
      },
      (url) => requests.push(url),
    );
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const oapif = (): string => `OAPIF:${s.url}`;
  const readGeoJson = async (file: string): Promise<GeoJsonOut> =>
    JSON.parse(await readFile(file, 'utf8')) as GeoJsonOut;
  const brokerPosition = (id: string): number[] => {
    const e = s.broker.store.getEntity(id) as { location: { value: { coordinates: number[] } } };
    return e.location.value.coordinates;
  };

  it('ogrinfo lists the collections', SLOW, async () => {
    const out = await gdal('ogrinfo', ['-ro', oapif()]);
    expect(out).toMatch(/1: streetlights \(title: Streetlight\) \(Point\)/);
    expect(out).toMatch(/2: broken-streetlights \(title: Broken streetlights\) \(Point\)/);
  });

  it(
    'ogr2ogr copies all 10,000 features to a GeoPackage through the paging links, with the broker ids and coordinates',
    SLOW,
    async () => {
      requests.length = 0;
      const gpkg = join(dir, 'all.gpkg');
      await gdal('ogr2ogr', ['-f', 'GPKG', gpkg, oapif(), 'streetlights', '-oo', 'PAGE_SIZE=1000']);
      const info = await gdal('ogrinfo', ['-ro', '-so', gpkg, 'streetlights']);
      expect(info).toContain(`Feature Count: ${N}`);
      const pages = requests.filter((u) => u.startsWith('/collections/streetlights/items'));
      // GDAL reads the first page once more to learn the schema; after it, the next links.
      const offsets = new Set(
        pages.map((u) => new URL(u, s.url).searchParams.get('offset') ?? '0'),
      );
      expect([...offsets].map(Number).sort((a, b) => a - b)).toEqual(
        Array.from({ length: N / 1000 }, (_, i) => i * 1000),
      );
      const json = join(dir, 'all.geojson');
      await gdal('ogr2ogr', [
        '-f',
        'GeoJSON',
        json,
        gpkg,
        'streetlights',
        '-lco',
        'COORDINATE_PRECISION=12',
      ]);
      const fc = await readGeoJson(json);
      expect(fc.features).toHaveLength(N);
      const ids = new Set(fc.features.map((f) => String(f.properties.id)));
      expect(ids.size).toBe(N);
      for (const f of fc.features) {
        const [lon, lat] = brokerPosition(String(f.properties.id));
        expect(f.geometry.coordinates[0]).toBeCloseTo(lon as number, 9);
        expect(f.geometry.coordinates[1]).toBeCloseTo(lat as number, 9);
      }
    },
  );

  it(
    "a GeoPackage in SWEREF 99 TM (EPSG:3006) matches the broker and the server's own crs=EPSG:3006 answer",
    SLOW,
    async () => {
      const gpkg = join(dir, 'sweref.gpkg');
      await gdal('ogr2ogr', [
        '-f',
        'GPKG',
        gpkg,
        oapif(),
        'broken-streetlights',
        '-oo',
        'PAGE_SIZE=1000',
        '-t_srs',
        'EPSG:3006',
      ]);
      const info = await gdal('ogrinfo', ['-ro', '-so', gpkg, 'broken-streetlights']);
      expect(info).toContain('Feature Count: 3334');
      expect(info).toMatch(/ID\["EPSG",3006\]\]\s*Data axis/);
      const json = join(dir, 'sweref.geojson');
      await gdal('ogr2ogr', [
        '-f',
        'GeoJSON',
        json,
        gpkg,
        '-lco',
        'COORDINATE_PRECISION=4',
        '-lco',
        'RFC7946=NO',
      ]);
      const fc = await readGeoJson(json);
      expect(fc.features).toHaveLength(3334);
      const served = (await (
        await fetch(
          `${s.url}/collections/broken-streetlights/items?limit=10000&crs=${encodeURIComponent(epsgUri(3006))}`,
        )
      ).json()) as { features: { id: string; geometry: { coordinates: number[] } }[] };
      const byId = new Map(served.features.map((f) => [f.id, f.geometry.coordinates]));
      for (const f of fc.features) {
        const id = String(f.properties.id);
        const [lon, lat] = brokerPosition(id);
        const want = wgs84ToSweref({ longitude: lon as number, latitude: lat as number }, 'TM');
        const [e, n] = f.geometry.coordinates as [number, number];
        expect(Math.abs(e - want.easting)).toBeLessThan(0.01);
        expect(Math.abs(n - want.northing)).toBeLessThan(0.01);
        // The server answers EPSG:3006 in its axis order: northing, easting.
        const [sn, se] = byId.get(id) as number[];
        expect(Math.abs((sn as number) - n)).toBeLessThan(0.01);
        expect(Math.abs((se as number) - e)).toBeLessThan(0.01);
      }
    },
  );

  it(
    'honours bbox: the spatial filter reaches the server and only the features inside come back',
    SLOW,
    async () => {
      requests.length = 0;
      const json = join(dir, 'bbox.geojson');
      await gdal('ogr2ogr', [
        '-f',
        'GeoJSON',
        json,
        oapif(),
        'streetlights',
        '-spat',
        '17.2',
        '62.3',
        '17.2041',
        '62.3011',
      ]);
      const fc = await readGeoJson(json);
      expect(fc.features.map((f) => String(f.properties.id)).sort()).toEqual(
        ['00000', '00001', '00002', '00100', '00101', '00102'].map(
          (n) => `urn:ngsi-ld:Streetlight:${n}`,
        ),
      );
      expect(requests.some((u) => u.includes('/items?') && u.includes('bbox='))).toBe(true);
    },
  );

  it('ogr2ogr -f GeoJSON gives each feature its entity id and geometry', SLOW, async () => {
    const json = join(dir, 'broken.geojson');
    await gdal('ogr2ogr', [
      '-f',
      'GeoJSON',
      json,
      oapif(),
      'broken-streetlights',
      '-oo',
      'PAGE_SIZE=1000',
      '-lco',
      'COORDINATE_PRECISION=12',
    ]);
    const fc = await readGeoJson(json);
    expect(fc.features).toHaveLength(3334);
    for (const f of fc.features) {
      const id = String(f.properties.id);
      expect(Number(id.slice(-5)) % 3).toBe(0);
      expect(f.properties.status).toBe('broken');
      expect(f.geometry.type).toBe('Point');
      const [lon, lat] = brokerPosition(id);
      expect(f.geometry.coordinates[0]).toBeCloseTo(lon as number, 9);
      expect(f.geometry.coordinates[1]).toBeCloseTo(lat as number, 9);
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  bboxPolygon,
  CRS84,
  epsgUri,
  FeaturesError,
  fromCrs84,
  parseCrs,
  supportedCrsUris,
  toCrs84,
} from '../src/index.js';

describe('parseCrs', () => {
  it.each([
    [CRS84, undefined, false],
    ['[OGC:CRS84]', undefined, false],
    [epsgUri(4326), 4326, true],
    ['EPSG:3006', 3006, true],
    ['[EPSG:3018]', 3018, true],
    ['https://www.opengis.net/def/crs/EPSG/0/3011', 3011, true],
  ])('reads %s', (text, epsg, northFirst) => {
    const c = parseCrs(text);
    expect(c.epsg).toBe(epsg);
    expect(c.northFirst).toBe(northFirst);
    expect(supportedCrsUris()).toContain(c.uri);
  });

  it.each([[epsgUri(3857)], ['EPSG:3019'], ['WGS84'], ['']])(
    'rejects %j, naming the supported ones',
    (text) => {
      expect(() => parseCrs(text)).toThrow(FeaturesError);
      expect(() => parseCrs(text)).toThrow(/use one of .*EPSG\/0\/3006/);
    },
  );
});

describe('reprojection', () => {
  const sundsvall = { type: 'Point' as const, coordinates: [17.3069, 62.3908] };

  it('puts latitude first for EPSG:4326 and northing first for SWEREF 99', () => {
    expect(fromCrs84(sundsvall, parseCrs('EPSG:4326'))).toEqual({
      type: 'Point',
      coordinates: [62.3908, 17.3069],
    });
    const [n, e] = (fromCrs84(sundsvall, parseCrs('EPSG:3006')) as { coordinates: number[] })
      .coordinates as number[];
    // Sundsvall town centre in SWEREF 99 TM: about N 6 920 000, E 616 000.
    expect(n).toBeGreaterThan(6_915_000);
    expect(n).toBeLessThan(6_925_000);
    expect(e).toBeGreaterThan(610_000);
    expect(e).toBeLessThan(620_000);
  });

  it('round-trips a polygon through every supported CRS', () => {
    const polygon = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [17.3, 62.39],
          [17.31, 62.39],
          [17.31, 62.4],
          [17.3, 62.39],
        ],
      ],
    };
    for (const uri of supportedCrsUris()) {
      const crs = parseCrs(uri);
      const back = toCrs84(fromCrs84(polygon, crs), crs) as { coordinates: number[][][] };
      back.coordinates[0]?.forEach((p, i) => {
        expect(p[0]).toBeCloseTo(polygon.coordinates[0]?.[i]?.[0] as number, 9);
        expect(p[1]).toBeCloseTo(polygon.coordinates[0]?.[i]?.[1] as number, 9);
      });
    }
  });

  it('reads a bbox in the axis order of its CRS', () => {
    expect(bboxPolygon([62, 17, 63, 18], parseCrs('EPSG:4326')).coordinates[0]).toEqual([
      [17, 62],
      [17, 63],
      [18, 63],
      [18, 62],
      [17, 62],
    ]);
    const ring = bboxPolygon([6_900_000, 600_000, 6_910_000, 610_000], parseCrs('EPSG:3006'))
      .coordinates[0] as number[][];
    expect(ring.length).toBe(65);
    for (const [lon, lat] of ring) {
      expect(lon).toBeGreaterThan(16.9);
      expect(lon).toBeLessThan(17.3);
      expect(lat).toBeGreaterThan(62.1);
      expect(lat).toBeLessThan(62.4);
    }
  });
});

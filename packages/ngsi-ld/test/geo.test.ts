import {
  type CoordinateFinding,
  checkCoordinates,
  type SwerefCrs,
  swerefProjection,
  swerefToWgs84,
  wgs84ToSweref,
} from '@smartcitylab/ngsi-ld/geo';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/**
 * Independent reference: Krüger's series for the Gauss conformal projection, geodetic to
 * grid, as published by Lantmäteriet for SWEREF 99 (GRS 80: a = 6378137, 1/f = 298.257222101).
 * Accurate to well under a millimetre inside Sweden.
 */
function kruger(
  latDeg: number,
  lonDeg: number,
  lon0: number,
  k0: number,
  fe: number,
): { n: number; e: number } {
  const a = 6378137;
  const f = 1 / 298.257222101;
  const e2 = f * (2 - f);
  const n = f / (2 - f);
  const aHat = (a / (1 + n)) * (1 + n ** 2 / 4 + n ** 4 / 64);
  const A = e2;
  const B = (5 * e2 ** 2 - e2 ** 3) / 6;
  const C = (104 * e2 ** 3 - 45 * e2 ** 4) / 120;
  const D = (1237 * e2 ** 4) / 1260;
  const phi = (latDeg * Math.PI) / 180;
  const dl = ((lonDeg - lon0) * Math.PI) / 180;
  const s = Math.sin(phi);
  const c = Math.cos(phi);
  const phiStar = phi - s * c * (A + B * s ** 2 + C * s ** 4 + D * s ** 6);
  const xi = Math.atan(Math.tan(phiStar) / Math.cos(dl));
  const eta = Math.atanh(Math.cos(phiStar) * Math.sin(dl));
  const b1 = n / 2 - (2 * n ** 2) / 3 + (5 * n ** 3) / 16 + (41 * n ** 4) / 180;
  const b2 = (13 * n ** 2) / 48 - (3 * n ** 3) / 5 + (557 * n ** 4) / 1440;
  const b3 = (61 * n ** 3) / 240 - (103 * n ** 4) / 140;
  const b4 = (49561 * n ** 4) / 161280;
  const beta = [b1, b2, b3, b4];
  let x = xi;
  let y = eta;
  beta.forEach((b, i) => {
    const j = 2 * (i + 1);
    x += b * Math.sin(j * xi) * Math.cosh(j * eta);
    y += b * Math.cos(j * xi) * Math.sinh(j * eta);
  });
  return { n: k0 * aHat * x, e: k0 * aHat * y + fe };
}

const ZONES: { crs: SwerefCrs; epsg: number; lon0: number }[] = [
  { crs: 'TM', epsg: 3006, lon0: 15 },
  { crs: '12 00', epsg: 3007, lon0: 12 },
  { crs: '13 30', epsg: 3008, lon0: 13.5 },
  { crs: '15 00', epsg: 3009, lon0: 15 },
  { crs: '16 30', epsg: 3010, lon0: 16.5 },
  { crs: '18 00', epsg: 3011, lon0: 18 },
  { crs: '14 15', epsg: 3012, lon0: 14.25 },
  { crs: '15 45', epsg: 3013, lon0: 15.75 },
  { crs: '17 15', epsg: 3014, lon0: 17.25 },
  { crs: '18 45', epsg: 3015, lon0: 18.75 },
  { crs: '20 15', epsg: 3016, lon0: 20.25 },
  { crs: '21 45', epsg: 3017, lon0: 21.75 },
  { crs: '23 15', epsg: 3018, lon0: 23.25 },
];

// Landmarks (WGS84) spread over Sweden.
const PLACES: { name: string; lat: number; lon: number }[] = [
  { name: 'Stockholm City Hall', lat: 59.32745, lon: 18.05451 },
  { name: 'Boden fortress Rödberget', lat: 65.82485, lon: 21.67083 },
  { name: 'Lund Cathedral', lat: 55.70418, lon: 13.19366 },
  { name: 'Kiruna church', lat: 67.85117, lon: 20.21924 },
  { name: 'Göteborg Poseidon', lat: 57.69713, lon: 11.97997 },
  { name: 'Treriksröset', lat: 69.05995, lon: 20.54889 },
];

describe('SWEREF 99 projections', () => {
  for (const z of ZONES) {
    it(`${z.crs} is EPSG:${z.epsg} with central meridian ${z.lon0}`, () => {
      const p = swerefProjection(z.crs);
      expect(p.epsg).toBe(z.epsg);
      expect(p.centralMeridian).toBe(z.lon0);
      expect(p.scale).toBe(z.epsg === 3006 ? 0.9996 : 1);
      expect(p.falseEasting).toBe(z.epsg === 3006 ? 500000 : 150000);
      expect(swerefProjection(z.epsg as SwerefCrs)).toEqual(p);
      expect(swerefProjection(`EPSG:${z.epsg}`)).toEqual(p);
    });
  }

  it('rejects unknown projections', () => {
    expect(() => swerefProjection(3019 as SwerefCrs)).toThrow(
      expect.objectContaining({ code: 'UnknownProjection' }),
    );
    expect(() => swerefProjection('RT90' as SwerefCrs)).toThrow(
      expect.objectContaining({ code: 'UnknownProjection' }),
    );
  });

  it('puts the central meridian at the false easting, and the equator at northing 0', () => {
    const p = wgs84ToSweref({ latitude: 0, longitude: 15 });
    expect(p.easting).toBeCloseTo(500000, 6);
    expect(p.northing).toBeCloseTo(0, 6);
  });
});

describe('WGS84 → SWEREF 99 against Krüger formulas (< 1 mm)', () => {
  for (const z of ZONES) {
    for (const place of PLACES) {
      // Local zones are meant for ±~1.5° around their meridian; TM covers the country.
      if (z.epsg !== 3006 && Math.abs(place.lon - z.lon0) > 3) continue;
      it(`${place.name} in ${z.crs}`, () => {
        const k0 = z.epsg === 3006 ? 0.9996 : 1;
        const fe = z.epsg === 3006 ? 500000 : 150000;
        const want = kruger(place.lat, place.lon, z.lon0, k0, fe);
        const got = wgs84ToSweref({ latitude: place.lat, longitude: place.lon }, z.crs);
        expect(Math.abs(got.northing - want.n)).toBeLessThan(0.001);
        expect(Math.abs(got.easting - want.e)).toBeLessThan(0.001);
      });
    }
  }

  it('Stockholm City Hall lands where the map says (SWEREF 99 TM ≈ N 6580, E 673 km)', () => {
    const got = wgs84ToSweref({ latitude: 59.32745, longitude: 18.05451 });
    expect(got.northing).toBeGreaterThan(6_579_000);
    expect(got.northing).toBeLessThan(6_581_000);
    expect(got.easting).toBeGreaterThan(672_000);
    expect(got.easting).toBeLessThan(674_500);
  });
});

describe('round trips', () => {
  it('WGS84 → SWEREF → WGS84 within 1e-9° for every zone (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 55, max: 69.5, noNaN: true }),
        fc.double({ min: 10.5, max: 24.5, noNaN: true }),
        fc.constantFrom(...ZONES),
        (lat, lon, z) => {
          const p = wgs84ToSweref({ latitude: lat, longitude: lon }, z.crs);
          const back = swerefToWgs84(p, z.crs);
          expect(Math.abs(back.latitude - lat)).toBeLessThan(1e-9);
          expect(Math.abs(back.longitude - lon)).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('SWEREF → WGS84 matches Krüger when projected back (< 1 mm)', () => {
    for (const place of PLACES) {
      const want = kruger(place.lat, place.lon, 15, 0.9996, 500000);
      const ll = swerefToWgs84({ northing: want.n, easting: want.e });
      expect(Math.abs(ll.latitude - place.lat) * 111_000).toBeLessThan(0.001);
      expect(
        Math.abs(ll.longitude - place.lon) * 111_000 * Math.cos((place.lat * Math.PI) / 180),
      ).toBeLessThan(0.001);
    }
  });

  it('converts whole geometries, keeping altitude and the input untouched', () => {
    const polygon = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [18.0, 59.3, 10],
          [18.1, 59.3, 11],
          [18.1, 59.4, 12],
          [18.0, 59.3, 10],
        ],
      ],
    };
    const copy = structuredClone(polygon);
    const projected = wgs84ToSweref(polygon, '18 00');
    expect(polygon).toEqual(copy);
    expect(projected.type).toBe('Polygon');
    const first = projected.coordinates[0]?.[0] ?? [];
    expect(first[0]).toBeCloseTo(150000, 3); // on the zone's central meridian
    expect(first[2]).toBe(10);
    const back = swerefToWgs84(projected, '18 00');
    back.coordinates[0]?.forEach((p, i) => {
      const orig = polygon.coordinates[0]?.[i] ?? [];
      expect(p[0]).toBeCloseTo(orig[0] as number, 9);
      expect(p[1]).toBeCloseTo(orig[1] as number, 9);
    });
    const points = wgs84ToSweref({
      type: 'MultiPoint',
      coordinates: [
        [18, 59],
        [19, 60],
      ],
    });
    expect(points.coordinates).toHaveLength(2);
  });

  const bad: { name: string; run: () => unknown }[] = [
    { name: 'NaN northing', run: () => swerefToWgs84({ northing: Number.NaN, easting: 1 }) },
    { name: 'latitude out of range', run: () => wgs84ToSweref({ latitude: 95, longitude: 18 }) },
    {
      name: 'a malformed geometry position',
      run: () => wgs84ToSweref({ type: 'Point', coordinates: ['a', 1] as unknown as number[] }),
    },
    {
      name: 'an unsupported geometry',
      run: () => wgs84ToSweref({ type: 'Circle', coordinates: [1, 2] } as never),
    },
  ];
  for (const c of bad) {
    it(`refuses ${c.name} with a typed error`, () => {
      expect(c.run).toThrow(expect.objectContaining({ code: 'InvalidCoordinates' }));
    });
  }
});

describe('checkCoordinates', () => {
  const codes = (f: CoordinateFinding[]): string[] => f.map((x) => x.code);
  const cases: {
    name: string;
    given: unknown;
    bbox?: [number, number, number, number] | false;
    want: string[];
  }[] = [
    {
      name: 'a correct Stockholm point',
      given: { type: 'Point', coordinates: [18.0686, 59.3293] },
      want: [],
    },
    {
      name: 'swapped latitude/longitude',
      given: { type: 'Point', coordinates: [59.3293, 18.0686] },
      want: ['LatLonSwapped'],
    },
    {
      name: 'SWEREF 99 TM metres',
      given: { type: 'Point', coordinates: [674032, 6580822] },
      want: ['ProjectedCoordinates'],
    },
    {
      name: 'SWEREF metres, northing first',
      given: { type: 'Point', coordinates: [6580822, 674032] },
      want: ['ProjectedCoordinates'],
    },
    {
      name: 'local-zone metres',
      given: { type: 'Point', coordinates: [153801, 6580870] },
      want: ['ProjectedCoordinates'],
    },
    {
      name: 'a point in Madrid',
      given: { type: 'Point', coordinates: [-3.69, 40.41] },
      want: ['OutsideBbox'],
    },
    {
      name: 'a point in Madrid without bbox',
      given: { type: 'Point', coordinates: [-3.69, 40.41] },
      bbox: false,
      want: [],
    },
    {
      name: 'out of range degrees',
      given: { type: 'Point', coordinates: [18, 95] },
      want: ['OutOfRange'],
    },
    {
      name: 'a non-number',
      given: { type: 'Point', coordinates: ['18', 59] },
      want: ['InvalidPosition'],
    },
    { name: 'a bare position', given: [59.3, 18.0], want: ['LatLonSwapped'] },
    { name: 'not a geometry', given: { type: 'Feature' }, want: ['InvalidPosition'] },
    {
      name: 'a custom bbox',
      given: { type: 'Point', coordinates: [18.0686, 59.3293] },
      bbox: [21, 65, 22.5, 66.5],
      want: ['OutsideBbox'],
    },
  ];
  for (const c of cases) {
    it(`${c.want.length === 0 ? 'accepts' : 'flags'} ${c.name}`, () => {
      const options = c.bbox === undefined ? {} : { bbox: c.bbox };
      expect(codes(checkCoordinates(c.given, options))).toEqual(c.want);
    });
  }

  it('groups findings with a count and the first path', () => {
    const line = {
      type: 'LineString',
      coordinates: [
        [18.0, 59.3],
        [59.31, 18.01],
        [59.32, 18.02],
      ],
    };
    expect(checkCoordinates(line)).toEqual([
      expect.objectContaining({
        code: 'LatLonSwapped',
        severity: 'error',
        path: ['coordinates', 1],
        count: 2,
      }),
    ]);
  });

  it('tells what to do in the message', () => {
    const [finding] = checkCoordinates({ type: 'Point', coordinates: [674032, 6580822] });
    expect(finding?.message).toContain('swerefToWgs84');
  });
});

import {
  evaluateGeoQuery,
  formatGeoRel,
  type GeoRelation,
  geoQuery,
  parseGeoQuery,
  parseGeoRel,
  type QueryGeometry,
  validateGeometry,
} from '@smartcitylab/ngsi-ld';
import { describe, expect, it } from 'vitest';
import { describeWithFixtures, readFixtureJson } from '../../../test-support/fixtures.js';

describe('georel', () => {
  const cases: { given: string; want: GeoRelation; text: string }[] = [
    {
      given: 'near;maxDistance==15000',
      want: { relation: 'near', maxDistance: 15000 },
      text: 'near;maxDistance==15000',
    },
    {
      given: 'near;minDistance==2.5',
      want: { relation: 'near', minDistance: 2.5 },
      text: 'near;minDistance==2.5',
    },
    {
      given: 'near;maxDistance==100;minDistance==10',
      want: { relation: 'near', maxDistance: 100, minDistance: 10 },
      text: 'near;maxDistance==100;minDistance==10',
    },
    {
      given: 'near;maxDistance:500',
      want: { relation: 'near', maxDistance: 500 },
      text: 'near;maxDistance==500',
    },
    { given: 'within', want: { relation: 'within' }, text: 'within' },
    { given: 'contains', want: { relation: 'contains' }, text: 'contains' },
    { given: 'intersects', want: { relation: 'intersects' }, text: 'intersects' },
    { given: 'disjoint', want: { relation: 'disjoint' }, text: 'disjoint' },
    { given: 'equals', want: { relation: 'equals' }, text: 'equals' },
    { given: 'overlaps', want: { relation: 'overlaps' }, text: 'overlaps' },
  ];
  for (const c of cases) {
    it(`parses ${c.given}`, () => {
      expect(parseGeoRel(c.given)).toEqual(c.want);
      expect(formatGeoRel(c.want)).toBe(c.text);
    });
  }

  for (const bad of [
    '',
    'nearby',
    'near',
    'near;maxDistance==-1',
    'near;maxDistance==abc',
    'near;radius==5',
    'within;maxDistance==5',
  ]) {
    it(`rejects ${JSON.stringify(bad)} with BadRequestData`, () => {
      expect(() => parseGeoRel(bad)).toThrow(expect.objectContaining({ code: 'BadRequestData' }));
    });
  }
});

describe('validateGeometry', () => {
  const ring = [
    [18, 59],
    [18.1, 59],
    [18.1, 59.1],
    [18, 59],
  ];
  const cases: { name: string; given: unknown; codes: string[] }[] = [
    { name: 'a point', given: { type: 'Point', coordinates: [18.07, 59.33] }, codes: [] },
    {
      name: 'a point with altitude',
      given: { type: 'Point', coordinates: [18.07, 59.33, 12] },
      codes: [],
    },
    { name: 'a polygon', given: { type: 'Polygon', coordinates: [ring] }, codes: [] },
    { name: 'a multipolygon', given: { type: 'MultiPolygon', coordinates: [[ring]] }, codes: [] },
    {
      name: 'longitude out of range',
      given: { type: 'Point', coordinates: [181, 0] },
      codes: ['LongitudeOutOfRange'],
    },
    {
      name: 'latitude out of range',
      given: { type: 'Point', coordinates: [18, 91] },
      codes: ['LatitudeOutOfRange'],
    },
    {
      name: 'a non-number',
      given: { type: 'Point', coordinates: ['18', 59] },
      codes: ['InvalidPosition'],
    },
    {
      name: 'NaN',
      given: { type: 'Point', coordinates: [Number.NaN, 59] },
      codes: ['InvalidPosition'],
    },
    {
      name: 'a 1-D position',
      given: { type: 'Point', coordinates: [18] },
      codes: ['InvalidPosition'],
    },
    {
      name: 'a short line',
      given: { type: 'LineString', coordinates: [[18, 59]] },
      codes: ['LineTooShort'],
    },
    {
      name: 'an open ring',
      given: {
        type: 'Polygon',
        coordinates: [
          [
            [18, 59],
            [18.1, 59],
            [18.1, 59.1],
            [18, 59.1],
          ],
        ],
      },
      codes: ['RingNotClosed'],
    },
    {
      name: 'a short ring',
      given: {
        type: 'Polygon',
        coordinates: [
          [
            [18, 59],
            [18.1, 59],
            [18, 59],
          ],
        ],
      },
      codes: ['RingTooShort'],
    },
    {
      name: 'an empty polygon',
      given: { type: 'Polygon', coordinates: [] },
      codes: ['InvalidCoordinates'],
    },
    {
      name: 'wrong nesting',
      given: { type: 'LineString', coordinates: [18, 59] },
      codes: ['InvalidPosition', 'InvalidPosition'],
    },
    {
      name: 'a GeometryCollection',
      given: { type: 'GeometryCollection', geometries: [] },
      codes: ['UnsupportedGeometryType'],
    },
    { name: 'not an object', given: 'Point', codes: ['InvalidGeometry'] },
  ];
  for (const c of cases) {
    it(`${c.codes.length === 0 ? 'accepts' : 'flags'} ${c.name}`, () => {
      const result = validateGeometry(c.given);
      expect(result.success ? [] : result.issues.map((i) => i.code)).toEqual(c.codes);
    });
  }
});

describe('geoQuery builder and parser', () => {
  it('builds URL parameters', () => {
    const params = geoQuery({
      georel: { relation: 'near', maxDistance: 2000 },
      geometry: 'Point',
      coordinates: [18.0686, 59.3293],
    });
    expect(params).toEqual({
      georel: 'near;maxDistance==2000',
      geometry: 'Point',
      coordinates: '[18.0686,59.3293]',
    });
    expect(new URLSearchParams({ ...params }).toString()).toContain(
      'georel=near%3BmaxDistance%3D%3D2000',
    );
  });

  it('takes a whole geometry and a geoproperty', () => {
    const polygon: QueryGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [18, 59],
          [19, 59],
          [19, 60],
          [18, 59],
        ],
      ],
    };
    expect(
      geoQuery({ georel: 'within', geometry: polygon, geoproperty: 'observationSpace' }),
    ).toEqual({
      georel: 'within',
      geometry: 'Polygon',
      coordinates: '[[[18,59],[19,59],[19,60],[18,59]]]',
      geoproperty: 'observationSpace',
    });
  });

  it('parses URLSearchParams, defaulting geoproperty to location', () => {
    const sp = new URLSearchParams(
      'georel=intersects&geometry=LineString&coordinates=[[18,59],[18.1,59.1]]',
    );
    expect(parseGeoQuery(sp)).toEqual({
      georel: { relation: 'intersects' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [18, 59],
          [18.1, 59.1],
        ],
      },
      geoproperty: 'location',
    });
  });

  const invalid: { name: string; given: Record<string, unknown>; mention: string }[] = [
    {
      name: 'missing georel',
      given: { geometry: 'Point', coordinates: '[1,2]' },
      mention: 'georel is missing',
    },
    {
      name: 'missing geometry',
      given: { georel: 'within', coordinates: '[1,2]' },
      mention: 'geometry is missing',
    },
    {
      name: 'missing coordinates',
      given: { georel: 'within', geometry: 'Point' },
      mention: 'coordinates are missing',
    },
    {
      name: 'unknown geometry',
      given: { georel: 'within', geometry: 'Circle', coordinates: '[1,2]' },
      mention: 'Invalid geometry',
    },
    {
      name: 'non-JSON coordinates',
      given: { georel: 'within', geometry: 'Point', coordinates: '[1,' },
      mention: 'Invalid coordinates',
    },
    {
      name: 'out-of-range coordinates',
      given: { georel: 'within', geometry: 'Point', coordinates: '[1,200]' },
      mention: 'Latitude 200',
    },
    {
      name: 'an open ring',
      given: { georel: 'within', geometry: 'Polygon', coordinates: '[[[0,0],[1,0],[1,1],[0,1]]]' },
      mention: 'first position',
    },
    {
      name: 'near with a polygon',
      given: {
        georel: 'near;maxDistance==5',
        geometry: 'Polygon',
        coordinates: '[[[0,0],[1,0],[1,1],[0,0]]]',
      },
      mention: 'near needs geometry Point',
    },
    {
      name: 'a bad geoproperty',
      given: { georel: 'within', geometry: 'Point', coordinates: '[1,2]', geoproperty: 'a;b' },
      mention: 'geoproperty',
    },
  ];
  for (const c of invalid) {
    it(`rejects ${c.name}`, () => {
      expect(() => parseGeoQuery(c.given as never)).toThrow(
        expect.objectContaining({
          code: 'BadRequestData',
          message: expect.stringContaining(c.mention),
        }),
      );
    });
  }

  it('accepts coordinates without the outer brackets', () => {
    expect(
      parseGeoQuery({ georel: 'within', geometry: 'Point', coordinates: '18.07,59.33' }).geometry,
    ).toEqual({
      type: 'Point',
      coordinates: [18.07, 59.33],
    });
  });
});

// Shapes in a small area of Stockholm; relations are planar on lon/lat.
const X = 18;
const Y = 59;
const sq = (x0: number, y0: number, x1: number, y1: number): number[][] => [
  [X + x0, Y + y0],
  [X + x1, Y + y0],
  [X + x1, Y + y1],
  [X + x0, Y + y1],
  [X + x0, Y + y0],
];
const pt = (x: number, y: number): QueryGeometry => ({
  type: 'Point',
  coordinates: [X + x, Y + y],
});
const line = (...xy: [number, number][]): QueryGeometry => ({
  type: 'LineString',
  coordinates: xy.map(([x, y]) => [X + x, Y + y]),
});
const poly = (...rings: number[][][]): QueryGeometry => ({ type: 'Polygon', coordinates: rings });

const BIG = poly(sq(0, 0, 0.1, 0.1));
const WITH_HOLE = poly(sq(0, 0, 0.1, 0.1), sq(0.04, 0.04, 0.06, 0.06));

describe('evaluateGeoQuery relations (subject = entity geometry, object = query geometry)', () => {
  const cases: {
    name: string;
    subject: QueryGeometry;
    rel: string;
    object: QueryGeometry;
    want: boolean;
  }[] = [
    {
      name: 'point within polygon',
      subject: pt(0.05, 0.05),
      rel: 'within',
      object: BIG,
      want: true,
    },
    {
      name: 'point outside polygon',
      subject: pt(0.2, 0.05),
      rel: 'within',
      object: BIG,
      want: false,
    },
    {
      name: 'point in a hole',
      subject: pt(0.05, 0.05),
      rel: 'within',
      object: WITH_HOLE,
      want: false,
    },
    {
      name: 'point beside the hole',
      subject: pt(0.02, 0.02),
      rel: 'within',
      object: WITH_HOLE,
      want: true,
    },
    {
      name: 'small square within big',
      subject: poly(sq(0.01, 0.01, 0.02, 0.02)),
      rel: 'within',
      object: BIG,
      want: true,
    },
    {
      name: 'square around a hole is not within',
      subject: poly(sq(0.03, 0.03, 0.07, 0.07)),
      rel: 'within',
      object: WITH_HOLE,
      want: false,
    },
    {
      name: 'straddling square is not within',
      subject: poly(sq(0.05, 0.05, 0.15, 0.15)),
      rel: 'within',
      object: BIG,
      want: false,
    },
    {
      name: 'line within polygon',
      subject: line([0.01, 0.01], [0.09, 0.09]),
      rel: 'within',
      object: BIG,
      want: true,
    },
    {
      name: 'line leaving polygon',
      subject: line([0.01, 0.01], [0.2, 0.05]),
      rel: 'within',
      object: BIG,
      want: false,
    },
    {
      name: 'line leaving a concave polygon between inside vertices',
      subject: line([0.01, 0.09], [0.09, 0.09]),
      rel: 'within',
      object: poly([
        [X, Y],
        [X + 0.1, Y],
        [X + 0.1, Y + 0.1],
        [X + 0.05, Y + 0.02],
        [X, Y + 0.1],
        [X, Y],
      ]),
      want: false,
    },
    {
      name: 'polygon contains point',
      subject: BIG,
      rel: 'contains',
      object: pt(0.05, 0.05),
      want: true,
    },
    {
      name: 'polygon does not contain far point',
      subject: BIG,
      rel: 'contains',
      object: pt(1, 1),
      want: false,
    },
    {
      name: 'line contains its own vertex',
      subject: line([0, 0], [0.1, 0]),
      rel: 'contains',
      object: pt(0.05, 0),
      want: true,
    },
    {
      name: 'crossing lines intersect',
      subject: line([0, 0], [0.1, 0.1]),
      rel: 'intersects',
      object: line([0, 0.1], [0.1, 0]),
      want: true,
    },
    {
      name: 'parallel lines do not intersect',
      subject: line([0, 0], [0.1, 0]),
      rel: 'intersects',
      object: line([0, 0.01], [0.1, 0.01]),
      want: false,
    },
    {
      name: 'line through polygon intersects',
      subject: line([-0.1, 0.05], [0.2, 0.05]),
      rel: 'intersects',
      object: BIG,
      want: true,
    },
    {
      name: 'polygon inside polygon intersects',
      subject: poly(sq(0.01, 0.01, 0.02, 0.02)),
      rel: 'intersects',
      object: BIG,
      want: true,
    },
    {
      name: 'touching squares intersect',
      subject: poly(sq(0.1, 0, 0.2, 0.1)),
      rel: 'intersects',
      object: BIG,
      want: true,
    },
    {
      name: 'separate squares are disjoint',
      subject: poly(sq(0.2, 0, 0.3, 0.1)),
      rel: 'disjoint',
      object: BIG,
      want: true,
    },
    {
      name: 'touching squares are not disjoint',
      subject: poly(sq(0.1, 0, 0.2, 0.1)),
      rel: 'disjoint',
      object: BIG,
      want: false,
    },
    {
      name: 'same point equals',
      subject: pt(0.01, 0.02),
      rel: 'equals',
      object: pt(0.01, 0.02),
      want: true,
    },
    {
      name: 'other point does not equal',
      subject: pt(0.01, 0.02),
      rel: 'equals',
      object: pt(0.01, 0.03),
      want: false,
    },
    {
      name: 'polygon equals itself with another start vertex',
      subject: poly([
        [X + 0.1, Y],
        [X + 0.1, Y + 0.1],
        [X, Y + 0.1],
        [X, Y],
        [X + 0.1, Y],
      ]),
      rel: 'equals',
      object: BIG,
      want: true,
    },
    {
      name: 'polygon does not equal a smaller one',
      subject: poly(sq(0, 0, 0.05, 0.05)),
      rel: 'equals',
      object: BIG,
      want: false,
    },
    {
      name: 'partly overlapping squares overlap',
      subject: poly(sq(0.05, 0.05, 0.15, 0.15)),
      rel: 'overlaps',
      object: BIG,
      want: true,
    },
    {
      name: 'touching squares do not overlap',
      subject: poly(sq(0.1, 0, 0.2, 0.1)),
      rel: 'overlaps',
      object: BIG,
      want: false,
    },
    {
      name: 'contained square does not overlap',
      subject: poly(sq(0.01, 0.01, 0.02, 0.02)),
      rel: 'overlaps',
      object: BIG,
      want: false,
    },
    {
      name: 'point and polygon never overlap',
      subject: pt(0.05, 0.05),
      rel: 'overlaps',
      object: BIG,
      want: false,
    },
    {
      name: 'collinear lines sharing a piece overlap',
      subject: line([0, 0], [0.1, 0]),
      rel: 'overlaps',
      object: line([0.05, 0], [0.2, 0]),
      want: true,
    },
    {
      name: 'crossing lines do not overlap',
      subject: line([0, 0], [0.1, 0.1]),
      rel: 'overlaps',
      object: line([0, 0.1], [0.1, 0]),
      want: false,
    },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.want}`, () => {
      const query = parseGeoQuery({ georel: c.rel, geometry: c.object });
      expect(evaluateGeoQuery(query, c.subject)).toBe(c.want);
    });
  }
});

describe('near', () => {
  // 0.001° of latitude is about 111.2 m.
  const cases: { name: string; subject: QueryGeometry; georel: string; want: boolean }[] = [
    {
      name: 'a point 111 m away within 120 m',
      subject: pt(0, 0.001),
      georel: 'near;maxDistance==120',
      want: true,
    },
    {
      name: 'a point 111 m away not within 100 m',
      subject: pt(0, 0.001),
      georel: 'near;maxDistance==100',
      want: false,
    },
    {
      name: 'a point 111 m away beyond 100 m',
      subject: pt(0, 0.001),
      georel: 'near;minDistance==100',
      want: true,
    },
    {
      name: 'a line passing 111 m away',
      subject: line([-0.01, 0.001], [0.01, 0.001]),
      georel: 'near;maxDistance==112',
      want: true,
    },
    {
      name: 'a line passing 111 m away, 110 m limit',
      subject: line([-0.01, 0.001], [0.01, 0.001]),
      georel: 'near;maxDistance==110',
      want: false,
    },
    {
      name: 'a polygon around the point is at distance 0',
      subject: poly(sq(-0.01, -0.01, 0.01, 0.01)),
      georel: 'near;maxDistance==0',
      want: true,
    },
    {
      name: 'a ring of distances',
      subject: pt(0, 0.001),
      georel: 'near;minDistance==100;maxDistance==120',
      want: true,
    },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.want}`, () => {
      const query = parseGeoQuery({ georel: c.georel, geometry: 'Point', coordinates: [X, Y] });
      expect(evaluateGeoQuery(query, c.subject)).toBe(c.want);
    });
  }

  it('measures great-circle distance: Stockholm–Göteborg is about 397 km', () => {
    const stockholm: QueryGeometry = { type: 'Point', coordinates: [18.0686, 59.3293] };
    const goteborg: QueryGeometry = { type: 'Point', coordinates: [11.9746, 57.7089] };
    expect(
      evaluateGeoQuery({ georel: 'near;maxDistance==398000', geometry: stockholm }, goteborg),
    ).toBe(true);
    expect(
      evaluateGeoQuery({ georel: 'near;maxDistance==396000', geometry: stockholm }, goteborg),
    ).toBe(false);
  });
});

describe('evaluateGeoQuery on entities', () => {
  const entity = {
    id: 'urn:ngsi-ld:Sensor:1',
    type: 'Sensor',
    location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [X + 0.05, Y + 0.05] } },
    area: [
      {
        type: 'GeoProperty',
        value: { type: 'Point', coordinates: [X + 5, Y] },
        datasetId: 'urn:a',
      },
      {
        type: 'GeoProperty',
        value: { type: 'Point', coordinates: [X + 0.01, Y + 0.01] },
        datasetId: 'urn:b',
      },
    ],
    broken: { type: 'GeoProperty', value: { type: 'Point', coordinates: [500000, 6600000] } },
  };
  const cases: { name: string; geoproperty?: string; want: boolean }[] = [
    { name: 'uses location by default', want: true },
    { name: 'matches any instance of a multi-attribute', geoproperty: 'area', want: true },
    { name: 'an invalid geometry never matches', geoproperty: 'broken', want: false },
    { name: 'a missing GeoProperty never matches', geoproperty: 'nowhere', want: false },
    { name: 'prototype members are not GeoProperties', geoproperty: 'constructor', want: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const query = parseGeoQuery({
        georel: 'within',
        geometry: BIG,
        ...(c.geoproperty ? { geoproperty: c.geoproperty } : {}),
      });
      expect(evaluateGeoQuery(query, entity)).toBe(c.want);
    });
  }
});

interface Exchange {
  setup: { request: { method: string; path: string; body: { id: string } } }[];
  request: { path: string };
  response: { body: { id: string }[] };
}

describeWithFixtures('geo-query against a recorded Orion-LD exchange', 'ngsi-ld/recorded', () => {
  const ex = readFixtureJson<Exchange>('ngsi-ld/recorded', '26-geoquery-near-maxdistance.json');
  const params = new URL(ex.request.path, 'http://broker.invalid').searchParams;
  const created = ex.setup.filter((s) => s.request.method === 'POST').map((s) => s.request.body);
  // Cities the broker did not have; they must not match.
  const others = [
    {
      id: 'urn:ngsi-ld:City:Toledo',
      type: 'T_City',
      location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [-4.0273, 39.8628] } },
    },
    {
      id: 'urn:ngsi-ld:City:Guadalajara',
      type: 'T_City',
      location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [-3.1667, 40.6333] } },
    },
    {
      id: 'urn:ngsi-ld:City:Getafe',
      type: 'T_City',
      location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [-3.7325, 40.3047] } },
    },
  ];

  it('26: parses the request parameters', () => {
    expect(parseGeoQuery(params)).toEqual({
      georel: { relation: 'near', maxDistance: 15000 },
      geometry: { type: 'Point', coordinates: [-3.691944, 40.418889] },
      geoproperty: 'location',
    });
  });

  it('26: the broker-returned cities match, farther ones do not', () => {
    const query = parseGeoQuery(params);
    const returned = ex.response.body.map((e) => e.id);
    expect(created.filter((e) => evaluateGeoQuery(query, e)).map((e) => e.id)).toEqual(returned);
    // Getafe (~13 km) is within 15 km as well; Toledo (~67 km) and Guadalajara (~55 km) are not.
    expect(others.filter((e) => evaluateGeoQuery(query, e)).map((e) => e.id)).toEqual([
      'urn:ngsi-ld:City:Getafe',
    ]);
  });

  it('26: tighter radii split the same cities by distance', () => {
    const center = params.get('coordinates') ?? '';
    const ids = (georel: string): string[] =>
      created
        .filter((e) => evaluateGeoQuery({ georel, geometry: 'Point', coordinates: center }, e))
        .map((e) => e.id.split(':').pop() ?? '');
    expect(ids('near;maxDistance==1')).toEqual(['Madrid']);
    expect(ids('near;maxDistance==13000')).toEqual(['Madrid', 'Leganes']);
    expect(ids('near;minDistance==13000')).toEqual(['Alcobendas']);
  });
});

import {
  type ConciseEntity,
  ConversionError,
  detectRepresentation,
  fromKeyValues,
  isConversionError,
  type NormalizedEntity,
  safeFromKeyValues,
  safeToConcise,
  safeToKeyValues,
  safeToNormalized,
  toConcise,
  toKeyValues,
  toNormalized,
} from '@smartcitylab/ngsi-ld';
import { describe, expect, it } from 'vitest';

const id = 'urn:ngsi-ld:Thing:t1';
const entity = (attrs: Record<string, unknown>): NormalizedEntity =>
  ({ id, type: 'Thing', ...attrs }) as NormalizedEntity;
const point = { type: 'Point', coordinates: [14.8, 56.88] };

describe('normalized → concise compaction (clause 4.5.3)', () => {
  const cases: { name: string; given: unknown; want: unknown }[] = [
    {
      name: 'a Property with only a value becomes the bare value',
      given: { type: 'Property', value: 21.5 },
      want: 21.5,
    },
    { name: 'a string value stays bare', given: { type: 'Property', value: 'on' }, want: 'on' },
    {
      name: 'an array of scalars stays bare',
      given: { type: 'Property', value: [1, 'a'] },
      want: [1, 'a'],
    },
    {
      name: 'an object without reserved keys stays bare',
      given: { type: 'Property', value: { a: 1 } },
      want: { a: 1 },
    },
    {
      name: 'metadata keeps the {value, ...} form',
      given: { type: 'Property', value: 3, unitCode: 'MTR', observedAt: '2024-01-01T00:00:00Z' },
      want: { value: 3, unitCode: 'MTR', observedAt: '2024-01-01T00:00:00Z' },
    },
    {
      name: 'an object value with a "value" key is wrapped',
      given: { type: 'Property', value: { value: 1 } },
      want: { value: { value: 1 } },
    },
    {
      name: 'an object value with an attribute "type" is wrapped',
      given: { type: 'Property', value: { type: 'Relationship', object: 'urn:x:y' } },
      want: { value: { type: 'Relationship', object: 'urn:x:y' } },
    },
    {
      name: 'a GeoJSON-looking Property value keeps its type',
      given: { type: 'Property', value: point },
      want: { type: 'Property', value: point },
    },
    {
      name: 'an array of attribute-looking objects is wrapped (else it reads as instances)',
      given: { type: 'Property', value: [{ value: 1 }] },
      want: { value: [{ value: 1 }] },
    },
    {
      name: 'a GeoProperty becomes its geometry',
      given: { type: 'GeoProperty', value: point },
      want: point,
    },
    {
      name: 'a GeoProperty with metadata keeps {value}',
      given: { type: 'GeoProperty', value: point, observedAt: '2024-01-01T00:00:00Z' },
      want: { value: point, observedAt: '2024-01-01T00:00:00Z' },
    },
    {
      name: 'Relationship → {object}',
      given: { type: 'Relationship', object: 'urn:x:y' },
      want: { object: 'urn:x:y' },
    },
    {
      name: 'LanguageProperty → {languageMap}',
      given: { type: 'LanguageProperty', languageMap: { sv: 'gata' } },
      want: { languageMap: { sv: 'gata' } },
    },
    {
      name: 'VocabProperty → {vocab}',
      given: { type: 'VocabProperty', vocab: 'residential' },
      want: { vocab: 'residential' },
    },
    {
      name: 'ListProperty → {valueList}',
      given: { type: 'ListProperty', valueList: [1, 2] },
      want: { valueList: [1, 2] },
    },
    {
      name: 'ListRelationship → {objectList}',
      given: { type: 'ListRelationship', objectList: ['urn:a:1', 'urn:a:2'] },
      want: { objectList: ['urn:a:1', 'urn:a:2'] },
    },
    {
      name: 'JsonProperty → {json}',
      given: { type: 'JsonProperty', json: { '@id': 'x' } },
      want: { json: { '@id': 'x' } },
    },
    {
      name: 'sub-attributes are compacted too',
      given: {
        type: 'Property',
        value: 1,
        accuracy: { type: 'Property', value: 0.5 },
        by: { type: 'Relationship', object: 'urn:d:1' },
      },
      want: { value: 1, accuracy: 0.5, by: { object: 'urn:d:1' } },
    },
  ];
  for (const { name, given, want } of cases) {
    it(name, () => {
      const concise = toConcise(entity({ a: given }));
      expect(concise.a).toEqual(want);
      expect(toNormalized(concise)).toEqual(entity({ a: given }));
    });
  }
});

describe('concise → normalized inference', () => {
  const cases: { name: string; given: unknown; want: unknown }[] = [
    { name: 'a bare number is a Property', given: 5, want: { type: 'Property', value: 5 } },
    {
      name: 'a bare boolean is a Property',
      given: false,
      want: { type: 'Property', value: false },
    },
    {
      name: 'a bare geometry is a GeoProperty',
      given: point,
      want: { type: 'GeoProperty', value: point },
    },
    {
      name: '{value: geometry} is a GeoProperty',
      given: { value: point },
      want: { type: 'GeoProperty', value: point },
    },
    {
      name: 'an object of plain keys (even with a non-NGSI "type") is a Property value',
      given: { type: 'PostalAddress', streetAddress: 'Storgatan 1' },
      want: { type: 'Property', value: { type: 'PostalAddress', streetAddress: 'Storgatan 1' } },
    },
    {
      name: 'an array of plain objects is a Property value',
      given: [{ opens: '08:00' }],
      want: { type: 'Property', value: [{ opens: '08:00' }] },
    },
    {
      name: 'an array of attribute objects is a multi-attribute',
      given: [{ value: 1 }, { value: 2, datasetId: 'urn:ds:2' }],
      want: [
        { type: 'Property', value: 1 },
        { type: 'Property', value: 2, datasetId: 'urn:ds:2' },
      ],
    },
    {
      name: 'an empty array is a Property value',
      given: [],
      want: { type: 'Property', value: [] },
    },
  ];
  for (const { name, given, want } of cases) {
    it(name, () => {
      expect(toNormalized({ id, type: 'Thing', a: given } as NormalizedEntity).a).toEqual(want);
    });
  }
});

describe('→ keyValues (lossy)', () => {
  it('keeps values only, per attribute type', () => {
    const e = entity({
      p: { type: 'Property', value: 1, unitCode: 'CEL', sub: { type: 'Property', value: 2 } },
      r: { type: 'Relationship', object: 'urn:x:1' },
      g: { type: 'GeoProperty', value: point },
      l: { type: 'LanguageProperty', languageMap: { sv: 'a', en: 'b' } },
      v: { type: 'VocabProperty', vocab: 'x' },
      vl: { type: 'ListProperty', valueList: [1, 2] },
      ol: { type: 'ListRelationship', objectList: [{ object: 'urn:x:1' }, 'urn:x:2'] },
      j: { type: 'JsonProperty', json: { k: [1] } },
    });
    expect(toKeyValues(e)).toEqual({
      id,
      type: 'Thing',
      p: 1,
      r: 'urn:x:1',
      g: point,
      l: { sv: 'a', en: 'b' },
      v: 'x',
      vl: [1, 2],
      ol: ['urn:x:1', 'urn:x:2'],
      j: { k: [1] },
    });
  });

  it('keeps id, type, scope and @context', () => {
    const e = {
      id,
      type: ['A', 'B'],
      scope: '/Sweden/Vaxjo',
      '@context': 'https://example.org/ctx.jsonld',
    } as NormalizedEntity;
    expect(toKeyValues(e)).toEqual(e);
  });
});

describe('keyValues → normalized with hints', () => {
  it('uses hints for what keyValues lost', () => {
    const kv = {
      id,
      type: 'Thing',
      temperature: 21,
      owner: 'urn:ngsi-ld:Person:p1',
      stops: ['urn:ngsi-ld:Stop:1'],
      name: { sv: 'Torget', en: 'The square' },
      category: 'park',
      raw: { '@id': 'x' },
      order: [3, 1],
      location: point,
      area: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
    };
    const n = fromKeyValues(kv, {
      relationships: ['owner'],
      listRelationships: ['stops'],
      languageProperties: ['name'],
      vocabProperties: ['category'],
      jsonProperties: ['raw'],
      listProperties: ['order'],
      unitCodes: { temperature: 'CEL' },
    });
    expect(n).toEqual({
      id,
      type: 'Thing',
      temperature: { type: 'Property', value: 21, unitCode: 'CEL' },
      owner: { type: 'Relationship', object: 'urn:ngsi-ld:Person:p1' },
      stops: { type: 'ListRelationship', objectList: ['urn:ngsi-ld:Stop:1'] },
      name: { type: 'LanguageProperty', languageMap: { sv: 'Torget', en: 'The square' } },
      category: { type: 'VocabProperty', vocab: 'park' },
      raw: { type: 'JsonProperty', json: { '@id': 'x' } },
      order: { type: 'ListProperty', valueList: [3, 1] },
      location: { type: 'GeoProperty', value: point },
      area: { type: 'GeoProperty', value: kv.area },
    });
    expect(toKeyValues(n)).toEqual(kv);
  });

  it('reports a hinted relationship whose value is not a URI', () => {
    const r = safeFromKeyValues(
      { id, type: 'Thing', owner: 'Kalle' },
      { relationships: ['owner'] },
    );
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error).toBeInstanceOf(ConversionError);
      expect(r.error.issues[0]?.path).toEqual(['owner', 'object']);
    }
  });
});

describe('invalid input never gives a half-converted entity', () => {
  const bad: { name: string; given: unknown; path: (string | number)[] }[] = [
    { name: 'id is not a URI', given: { id: 'sl-42', type: 'T' }, path: ['id'] },
    { name: 'missing type', given: { id }, path: ['type'] },
    {
      name: 'attribute without type (normalized)',
      given: { id, type: 'T', a: { value: 1 } },
      path: ['a', 'type'],
    },
    {
      name: 'null Property value',
      given: { id, type: 'T', a: { type: 'Property', value: null } },
      path: ['a', 'value'],
    },
    {
      name: 'bad observedAt',
      given: { id, type: 'T', a: { type: 'Property', value: 1, observedAt: 'yesterday' } },
      path: ['a', 'observedAt'],
    },
    {
      name: 'two default instances',
      given: {
        id,
        type: 'T',
        a: [
          { type: 'Property', value: 1 },
          { type: 'Property', value: 2 },
        ],
      },
      path: ['a', 1],
    },
    {
      name: 'duplicate datasetId',
      given: {
        id,
        type: 'T',
        a: [
          { type: 'Property', value: 1, datasetId: 'urn:ds:1' },
          { type: 'Property', value: 2, datasetId: 'urn:ds:1' },
        ],
      },
      path: ['a', 1, 'datasetId'],
    },
    {
      name: 'location that is not a GeoProperty',
      given: { id, type: 'T', location: { type: 'Property', value: 'here' } },
      path: ['location'],
    },
    {
      name: 'open polygon ring',
      given: {
        id,
        type: 'T',
        g: {
          type: 'GeoProperty',
          value: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 1],
              ],
            ],
          },
        },
      },
      path: ['g', 'value', 'coordinates'],
    },
    {
      name: 'non-JSON value',
      given: { id, type: 'T', a: { type: 'Property', value: { when: new Date(0) } } },
      path: ['a', 'value', 'when'],
    },
    {
      name: 'NaN value',
      given: { id, type: 'T', a: { type: 'Property', value: [1, Number.NaN] } },
      path: ['a', 'value', 1],
    },
    {
      name: 'attribute name with a space',
      given: { id, type: 'T', 'my attr': { type: 'Property', value: 1 } },
      path: ['my attr'],
    },
    {
      name: 'reserved attribute name',
      given: { id, type: 'T', observedAt: { type: 'Property', value: 1 } },
      path: ['observedAt'],
    },
    {
      name: 'Relationship to a non-URI',
      given: { id, type: 'T', r: { type: 'Relationship', object: 'kalle' } },
      path: ['r', 'object'],
    },
    { name: 'not an object', given: 'urn:ngsi-ld:T:1', path: [] },
  ];
  for (const { name, given, path } of bad) {
    it(`${name} → ConversionError with path [${path.join(', ')}]`, () => {
      let thrown: unknown;
      try {
        toConcise(given as NormalizedEntity);
      } catch (e) {
        thrown = e;
      }
      expect(isConversionError(thrown)).toBe(true);
      const err = thrown as ConversionError;
      expect(err.code).toBe('InvalidEntity');
      expect(err.issues.map((i) => i.path)).toContainEqual(path);
      expect(err.message).toMatch(/^toConcise: /);
      const safe = safeToConcise(given as NormalizedEntity);
      expect(safe.success).toBe(false);
    });
  }

  it('safe variants return data on valid input and an error on invalid input', () => {
    const e = entity({ a: { type: 'Property', value: 1 } });
    expect(safeToConcise(e)).toEqual({ success: true, data: { id, type: 'Thing', a: 1 } });
    expect(safeToNormalized({ id, type: 'Thing', a: 1 } as ConciseEntity)).toEqual({
      success: true,
      data: e,
    });
    expect(safeToKeyValues(e)).toEqual({ success: true, data: { id, type: 'Thing', a: 1 } });
    expect(safeToNormalized({ id: 'x', type: 'T' } as NormalizedEntity).success).toBe(false);
    expect(
      safeToKeyValues({ id, type: 'T', a: { value: 1, object: 'urn:a:b' } } as NormalizedEntity)
        .success,
    ).toBe(false);
  });
});

describe('detectRepresentation', () => {
  const cases: { given: unknown; want: string }[] = [
    { given: { id, type: 'T' }, want: 'normalized' },
    { given: { id, type: 'T', a: { type: 'Property', value: 1 } }, want: 'normalized' },
    { given: { id, type: 'T', a: [{ type: 'Property', value: 1 }] }, want: 'normalized' },
    { given: { id, type: 'T', a: { value: 1 } }, want: 'concise' },
    { given: { id, type: 'T', a: 1, b: { object: 'urn:x:y' } }, want: 'concise' },
    { given: { id, type: 'T', a: 1, b: 'urn:x:y' }, want: 'keyValues' },
  ];
  for (const { given, want } of cases) {
    it(`${JSON.stringify(given)} → ${want}`, () => {
      expect(detectRepresentation(given)).toBe(want);
    });
  }
  it('throws a ConversionError for a non-object', () => {
    expect(() => detectRepresentation(42)).toThrow(ConversionError);
  });
});

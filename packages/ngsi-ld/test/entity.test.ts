import { type NormalizedEntity, toConcise, toKeyValues, toNormalized } from '@smartcitylab/ngsi-ld';
import {
  checkEntityStructure,
  conciseEntitySchema,
  geoJsonGeometrySchema,
  keyValuesEntitySchema,
  normalizedAttributeSchema,
  normalizedEntitySchema,
  validateEntity,
} from '@smartcitylab/ngsi-ld/schema';
import { describe, expect, it } from 'vitest';

const id = 'urn:ngsi-ld:Thing:t1';

describe('checkEntityStructure: valid entities per representation', () => {
  const valid: { name: string; rep: 'normalized' | 'concise' | 'keyValues'; given: unknown }[] = [
    { name: 'minimal entity', rep: 'normalized', given: { id, type: 'T' } },
    {
      name: 'multi-typed entity with scope',
      rep: 'normalized',
      given: { id, type: ['A', 'B'], scope: ['/Sweden', '/Sweden/Vaxjo'] },
    },
    {
      name: 'every attribute type',
      rep: 'normalized',
      given: {
        id,
        type: 'T',
        p: {
          type: 'Property',
          value: { nested: [1, null, 'x'] },
          observedAt: '2024-05-01T12:00:00Z',
          unitCode: 'CEL',
        },
        r: { type: 'Relationship', object: 'urn:ngsi-ld:Device:d1', objectType: 'Device' },
        g: {
          type: 'GeoProperty',
          value: {
            type: 'GeometryCollection',
            geometries: [{ type: 'Point', coordinates: [1, 2] }],
          },
        },
        l: {
          type: 'LanguageProperty',
          languageMap: { sv: 'hej', 'en-GB': ['hi', 'hello'], '@none': 'x' },
        },
        v: { type: 'VocabProperty', vocab: ['a', 'b'] },
        vl: { type: 'ListProperty', valueList: [] },
        ol: { type: 'ListRelationship', objectList: [{ object: 'urn:a:1' }] },
        j: { type: 'JsonProperty', json: [1, { '@type': 'kept' }] },
      },
    },
    {
      name: 'system attributes and instanceId',
      rep: 'normalized',
      given: {
        id,
        type: 'T',
        createdAt: '2024-01-01T00:00:00Z',
        modifiedAt: '2024-01-02T00:00:00Z',
        p: {
          type: 'Property',
          value: 1,
          createdAt: '2024-01-01T00:00:00Z',
          instanceId: 'urn:ngsi-ld:Instance:1',
        },
      },
    },
    {
      name: 'expanded attribute names (URIs)',
      rep: 'normalized',
      given: { id, type: 'T', 'https://example.org/ns#speed': { type: 'Property', value: 1 } },
    },
    {
      name: 'concise with bare values',
      rep: 'concise',
      given: {
        id,
        type: 'T',
        a: 1,
        b: 'x',
        c: [1],
        location: { type: 'Point', coordinates: [1, 2] },
      },
    },
    {
      name: 'keyValues with objects and arrays',
      rep: 'keyValues',
      given: { id, type: 'T', a: { value: 1 }, b: [{ type: 'Property' }] },
    },
    {
      name: '@context array',
      rep: 'keyValues',
      given: { id, type: 'T', '@context': ['https://a/ctx.jsonld', { x: 'https://x' }] },
    },
  ];
  for (const { name, rep, given } of valid) {
    it(`${name} (${rep})`, () => {
      const r = checkEntityStructure(given, rep);
      expect(r.success ? [] : r.issues).toEqual([]);
      if (r.success) expect(r.data).toBe(given);
    });
  }
});

describe('checkEntityStructure: issues with JSON paths', () => {
  const invalid: {
    name: string;
    rep: 'normalized' | 'concise' | 'keyValues';
    given: unknown;
    want: { path: (string | number)[]; code: string }[];
  }[] = [
    {
      name: 'every problem of an entity is listed',
      rep: 'normalized',
      given: { id: 'x', type: '', a: { type: 'Prop', value: 1 } },
      want: [
        { path: ['id'], code: 'invalid_id' },
        { path: ['type'], code: 'invalid_type_name' },
        { path: ['a', 'type'], code: 'invalid_attribute_type' },
      ],
    },
    {
      name: 'missing value member',
      rep: 'normalized',
      given: { id, type: 'T', a: { type: 'Property' } },
      want: [{ path: ['a', 'value'], code: 'missing_member' }],
    },
    {
      name: 'nested sub-attribute problem',
      rep: 'normalized',
      given: {
        id,
        type: 'T',
        a: { type: 'Property', value: 1, s: { type: 'Relationship', object: 'nope' } },
      },
      want: [{ path: ['a', 's', 'object'], code: 'invalid_uri' }],
    },
    {
      name: 'bad language tag',
      rep: 'normalized',
      given: { id, type: 'T', l: { type: 'LanguageProperty', languageMap: { 'not a tag': 'x' } } },
      want: [{ path: ['l', 'languageMap', 'not a tag'], code: 'invalid_language_tag' }],
    },
    {
      name: 'objectType on a Property',
      rep: 'normalized',
      given: { id, type: 'T', a: { type: 'Property', value: 1, objectType: 'X' } },
      want: [{ path: ['a', 'objectType'], code: 'member_not_allowed' }],
    },
    {
      name: 'two value members in concise',
      rep: 'concise',
      given: { id, type: 'T', a: { value: 1, object: 'urn:a:b' } },
      want: [{ path: ['a'], code: 'ambiguous_attribute' }],
    },
    {
      name: 'null in concise',
      rep: 'concise',
      given: { id, type: 'T', a: null },
      want: [{ path: ['a'], code: 'null_value' }],
    },
    {
      name: 'null in keyValues',
      rep: 'keyValues',
      given: { id, type: 'T', a: null },
      want: [{ path: ['a'], code: 'null_value' }],
    },
    {
      name: 'keyValues location must be a geometry',
      rep: 'keyValues',
      given: { id, type: 'T', location: 'Växjö' },
      want: [{ path: ['location'], code: 'invalid_geometry' }],
    },
    {
      name: 'position with one number',
      rep: 'concise',
      given: { id, type: 'T', location: { type: 'Point', coordinates: [1] } },
      want: [{ path: ['location', 'coordinates'], code: 'invalid_geometry' }],
    },
    {
      name: 'sub-attribute array in normalized',
      rep: 'normalized',
      given: {
        id,
        type: 'T',
        a: { type: 'Property', value: 1, s: [{ type: 'Property', value: 1 }] },
      },
      want: [{ path: ['a', 's'], code: 'invalid_type' }],
    },
    {
      name: 'empty multi-attribute',
      rep: 'normalized',
      given: { id, type: 'T', a: [] },
      want: [{ path: ['a'], code: 'empty_multi_attribute' }],
    },
    {
      name: 'bad scope',
      rep: 'normalized',
      given: { id, type: 'T', scope: 'has space' },
      want: [{ path: ['scope'], code: 'invalid_scope' }],
    },
  ];
  for (const { name, rep, given, want } of invalid) {
    it(name, () => {
      const r = checkEntityStructure(given, rep);
      expect(r.success).toBe(false);
      if (!r.success) {
        expect(r.issues.map(({ path, code }) => ({ path, code }))).toEqual(want);
        for (const issue of r.issues) expect(issue.message.length).toBeGreaterThan(10);
      }
    });
  }

  it('a keyValues name seen before is still checked with its value and as a sub-attribute', () => {
    // The first entity makes each name one the check has accepted.
    const seen = { id, type: 'T', temp: 1, note: 'x', flag: true, value: 2 };
    expect(checkEntityStructure(seen, 'keyValues').success).toBe(false);
    const cases: { given: Record<string, unknown>; want: unknown[] }[] = [
      { given: { id, type: 'T', temp: 1, note: 'x', flag: false }, want: [] },
      { given: { id, type: 'T', temp: Number.NaN }, want: [{ path: ['temp'], code: 'not_json' }] },
      { given: { id, type: 'T', temp: null }, want: [{ path: ['temp'], code: 'null_value' }] },
      { given: { id, type: 'T', value: 'x' }, want: [{ path: ['value'], code: 'reserved_name' }] },
      {
        given: { id, type: 'T', location: 'x' },
        want: [{ path: ['location'], code: 'invalid_geometry' }],
      },
    ];
    for (const { given, want } of cases) {
      for (let round = 0; round < 2; round++) {
        const r = checkEntityStructure(given, 'keyValues');
        const issues = r.success ? [] : r.issues.map(({ path, code }) => ({ path, code }));
        expect(issues).toEqual(want);
      }
    }
  });

  it('an unknown representation name is an issue, not a crash', () => {
    const r = checkEntityStructure({ id, type: 'T' }, 'compact' as 'concise');
    expect(r.success).toBe(false);
  });

  it('the deprecated name validateEntity is the same function, kept for one release', () => {
    expect(validateEntity).toBe(checkEntityStructure);
    expect(validateEntity({ id: 'not a uri', type: 'T' }, 'normalized').success).toBe(false);
  });
});

describe('zod schemas (Standard Schema)', () => {
  it('normalizedEntitySchema reports zod issues with the same paths', () => {
    const r = normalizedEntitySchema.safeParse({
      id,
      type: 'T',
      a: { type: 'Property', value: 1, observedAt: 'now' },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['a', 'observedAt']);
  });

  it('exposes ~standard.validate on every entity schema', async () => {
    for (const schema of [normalizedEntitySchema, conciseEntitySchema, keyValuesEntitySchema]) {
      const ok = await schema['~standard'].validate({ id, type: 'T' });
      expect(ok).toEqual({ value: { id, type: 'T' } });
      const bad = await schema['~standard'].validate({ id: 'x', type: 'T' });
      expect('issues' in bad && bad.issues?.[0]?.path).toEqual(['id']);
    }
  });

  it('composes inside other zod schemas', async () => {
    const { z } = await import('zod');
    const batch = z.array(normalizedEntitySchema);
    const r = batch.safeParse([
      { id, type: 'T' },
      { id, type: 'T', a: 1 },
    ]);
    expect(r.error?.issues[0]?.path).toEqual([1, 'a']);
  });

  it('normalizedAttributeSchema checks one attribute', () => {
    expect(
      normalizedAttributeSchema.safeParse({ type: 'Relationship', object: 'urn:a:b' }).success,
    ).toBe(true);
    expect(
      normalizedAttributeSchema.safeParse({ type: 'Relationship', object: 'b' }).error?.issues[0]
        ?.path,
    ).toEqual(['object']);
  });

  const geometries: { given: unknown; ok: boolean }[] = [
    { given: { type: 'Point', coordinates: [14.8, 56.88] }, ok: true },
    { given: { type: 'Point', coordinates: [14.8, 56.88, 160] }, ok: true },
    { given: { type: 'Point', coordinates: [14.8] }, ok: false },
    { given: { type: 'LineString', coordinates: [[0, 0]] }, ok: false },
    {
      given: {
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
      ok: true,
    },
    {
      given: {
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
      ok: false,
    },
    {
      given: { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }] },
      ok: true,
    },
    { given: { type: 'GeometryCollection', geometries: [{ type: 'Point' }] }, ok: false },
    { given: { type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] } }, ok: false },
  ];
  for (const { given, ok } of geometries) {
    it(`geoJsonGeometrySchema ${ok ? 'accepts' : 'rejects'} ${JSON.stringify(given)}`, () => {
      expect(geoJsonGeometrySchema.safeParse(given).success).toBe(ok);
    });
  }
});

describe('hostile input', () => {
  it('__proto__ and constructor keys stay data and never pollute prototypes', () => {
    const text =
      '{"id":"urn:ngsi-ld:T:1","type":"T","__proto__":{"type":"Property","value":{"polluted":true}},' +
      '"constructor":{"type":"Property","value":1,"__proto__":{"type":"Property","value":2}}}';
    const e = JSON.parse(text) as NormalizedEntity;
    const outputs = [toConcise(e), toNormalized(toConcise(e)), toKeyValues(e)];
    for (const out of outputs) {
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
      expect(Object.hasOwn(out, '__proto__')).toBe(true);
      expect(Object.hasOwn(out, 'constructor')).toBe(true);
    }
    const concise = outputs[0] as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(concise, '__proto__')?.value).toEqual({
      polluted: true,
    });
    const ctor = concise.constructor as unknown as Record<string, unknown>;
    expect(Object.getPrototypeOf(ctor)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(ctor, '__proto__')?.value).toBe(2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(JSON.stringify(outputs[1]))).toEqual(JSON.parse(text));
  });

  const DEPTH = 10_000;
  const deep = (leaf: () => unknown, wrap: (inner: unknown) => unknown): unknown => {
    let v = leaf();
    for (let i = 0; i < DEPTH; i++) v = wrap(v);
    return v;
  };
  const cases: { name: string; rep: 'normalized' | 'concise' | 'keyValues'; attr: unknown }[] = [
    {
      name: '10,000-deep sub-attributes',
      rep: 'normalized',
      attr: deep(
        () => ({ type: 'Property', value: 1 }),
        (s) => ({ type: 'Property', value: 1, s }),
      ),
    },
    {
      name: '10,000-deep concise sub-attributes',
      rep: 'concise',
      attr: deep(
        () => 1,
        (s) => ({ value: 1, s }),
      ),
    },
    {
      name: '10,000-deep array value',
      rep: 'normalized',
      attr: {
        type: 'Property',
        value: deep(
          () => 1,
          (v) => [v],
        ),
      },
    },
    {
      name: '10,000-deep object value',
      rep: 'keyValues',
      attr: deep(
        () => 1,
        (v) => ({ v }),
      ),
    },
    {
      name: '10,000-deep GeometryCollection',
      rep: 'normalized',
      attr: {
        type: 'GeoProperty',
        value: deep(
          () => ({ type: 'Point', coordinates: [1, 2] }),
          (g) => ({ type: 'GeometryCollection', geometries: [g] }),
        ),
      },
    },
  ];
  for (const { name, rep, attr } of cases) {
    it(`${name} gives a too_deep issue instead of a stack overflow`, () => {
      const e = { id, type: 'T', a: attr };
      const r = checkEntityStructure(e, rep);
      expect(r.success).toBe(false);
      if (!r.success) expect(r.issues.map((i) => i.code)).toContain('too_deep');
      const convert =
        rep === 'keyValues'
          ? () => toNormalized(e as NormalizedEntity)
          : () => toKeyValues(e as NormalizedEntity);
      expect(convert).toThrow(/InvalidEntity|invalid/);
    });
  }

  it('caps the issue list on huge garbage input', () => {
    const e: Record<string, unknown> = { id, type: 'T' };
    for (let i = 0; i < 5000; i++) e[`a${i}`] = { type: 'Nope' };
    const r = checkEntityStructure(e, 'normalized');
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues.length).toBe(100);
  });
});

describe('NGSI-LD 1.8 members seen in broker answers', () => {
  it('accepts valueType and the lang member a broker adds for ?lang=', () => {
    const e = {
      id,
      type: 'T',
      depths: {
        type: 'ListProperty',
        valueList: [300, 120],
        valueType: 'Integer',
        unitCode: 'MMT',
      },
      street: { type: 'Property', value: 'Grand Place', lang: 'fr' },
      passengers: {
        type: 'Relationship',
        objectType: 'Person',
        object: ['urn:ngsi-ld:Person:Alice', 'urn:ngsi-ld:Person:Bob'],
      },
    };
    const r = checkEntityStructure(e, 'normalized');
    expect(r.success ? [] : r.issues).toEqual([]);
    expect(toNormalized(toConcise(e as NormalizedEntity))).toEqual(e);
  });

  it('rejects a lang that is not a language tag', () => {
    const r = checkEntityStructure(
      { id, type: 'T', s: { type: 'Property', value: 'x', lang: 'French!' } },
      'normalized',
    );
    expect(r.success ? [] : r.issues.map((i) => i.path)).toEqual([['s', 'lang']]);
  });
});

describe('checkEntityStructure: objects that are not JSON data', () => {
  it('says so instead of "got an object"', () => {
    class Entity {
      id = id;
      type = 'Thing';
    }
    const r = checkEntityStructure(new Entity(), 'keyValues');
    expect(r.success).toBe(false);
    expect(r.success ? [] : r.issues.map((i) => i.message)).toEqual([
      'Expected an entity object, got an object that is not JSON data (pass a plain copy, such as JSON.parse gives)',
    ]);
    const plain = checkEntityStructure({ id, type: 'Thing', at: new Map() }, 'keyValues');
    expect(plain.success ? [] : plain.issues.map((i) => i.message).join(' ')).not.toContain(
      'got an object,',
    );
  });
});

import {
  isConversionError,
  type KeyValuesEntity,
  type NormalizedEntity,
  normalizeKeyValues,
  safeFromKeyValues,
  safeToConcise,
  safeToKeyValues,
  safeToNormalized,
  toConcise,
  toKeyValues,
  toNormalized,
} from '@smartcitylab/ngsi-ld';
import { checkEntityStructure } from '@smartcitylab/ngsi-ld/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// ---- arbitraries of valid normalized entities -----------------------------------------

const RESERVED = new Set([
  'id',
  'type',
  'scope',
  'createdAt',
  'modifiedAt',
  'deletedAt',
  'value',
  'object',
  'objectList',
  'languageMap',
  'vocab',
  'valueList',
  'json',
  'observedAt',
  'unitCode',
  'datasetId',
  'instanceId',
  'objectType',
  'valueType',
  'lang',
  'location',
  'observationSpace',
  'operationSpace',
]);
const name = fc
  .oneof(
    fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_-]{0,7}$/),
    fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'https://example.org/ns#speed',
      'ex:term',
    ),
  )
  .filter((n) => !RESERVED.has(n));

const position = fc.tuple(
  fc.double({ min: -180, max: 180, noNaN: true }),
  fc.double({ min: -90, max: 90, noNaN: true }),
);
const geometry = fc.oneof(
  position.map((p) => ({ type: 'Point', coordinates: p })),
  fc
    .array(position, { minLength: 2, maxLength: 4 })
    .map((c) => ({ type: 'LineString', coordinates: c })),
  fc
    .array(position, { minLength: 3, maxLength: 5 })
    .map((c) => ({ type: 'Polygon', coordinates: [[...c, c[0]!]] })),
  fc.array(position, { maxLength: 3 }).map((c) => ({ type: 'MultiPoint', coordinates: c })),
);

// Values chosen to trip a naive compaction: they look like attributes or geometries.
const tricky = fc.constantFrom<unknown>(
  { value: 1 },
  { value: 1, observedAt: '2024-01-01T00:00:00Z' },
  { type: 'Property', value: 2 },
  { type: 'Relationship', object: 'urn:x:y' },
  { type: 'Point', coordinates: [1, 2] },
  { type: 'Point' },
  { type: 'GeometryCollection', geometries: [] },
  { type: 'Feature', geometry: null },
  { object: 'urn:a:b' },
  { languageMap: { en: 'x' } },
  { vocab: 'v' },
  { valueList: [] },
  { objectList: [] },
  { json: null },
  { type: 'PostalAddress', streetAddress: 'Storgatan 1' },
  [{ value: 1 }],
  [{ type: 'Property', value: 1 }],
  [{ value: 1 }, 2],
  [[{ value: 1 }]],
  [],
  {},
  [null],
  { a: null },
  '',
  0,
  -0,
  false,
  'urn:ngsi-ld:Thing:1',
);
const jsonValue = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }).filter((v) => v !== null) },
  { weight: 2, arbitrary: tricky },
  { weight: 1, arbitrary: geometry },
);
const dateTime = fc.constantFrom(
  '2024-05-01T12:00:00Z',
  '2022-04-01T18:07:00.987Z',
  '2020-01-01T00:00:00+01:00',
);
const uri = fc.constantFrom(
  'urn:ngsi-ld:Device:d1',
  'urn:ngsi-ld:Building:b%2F2',
  'https://example.org/e/1',
  'urn:E2',
);
const languageMap = fc.dictionary(
  fc.constantFrom('sv', 'en', 'fi', 'se', 'en-GB', '@none'),
  fc.string(),
  { minKeys: 1 },
);

const metadata = fc.record(
  {
    observedAt: dateTime,
    unitCode: fc.constantFrom('CEL', 'MTR', 'KMH'),
    createdAt: dateTime,
    modifiedAt: dateTime,
  },
  { requiredKeys: [] },
);

type Attr = Record<string, unknown>;
const withSubs = (base: fc.Arbitrary<Attr>, sub: fc.Arbitrary<Attr>): fc.Arbitrary<Attr> =>
  fc.tuple(base, metadata, fc.dictionary(name, sub, { maxKeys: 2 })).map(([b, m, s]) => {
    const out: Attr = {};
    for (const [k, v] of Object.entries(s))
      Object.defineProperty(out, k, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return Object.assign(out, m, b);
  });

const { attribute } = fc.letrec<{ attribute: Attr; leaf: Attr }>((tie) => {
  const sub = fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    tie('attribute'),
  );
  const bases: fc.Arbitrary<Attr>[] = [
    jsonValue.map((value) => ({ type: 'Property', value })),
    uri.map((object) => ({ type: 'Relationship', object })),
    fc
      .tuple(uri, fc.constantFrom('Device', 'Building'))
      .map(([object, objectType]) => ({ type: 'Relationship', object, objectType })),
    geometry.map((value) => ({ type: 'GeoProperty', value })),
    languageMap.map((languageMap) => ({ type: 'LanguageProperty', languageMap })),
    fc.constantFrom('residential', ['a', 'b']).map((vocab) => ({ type: 'VocabProperty', vocab })),
    fc
      .array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 })
      .map((valueList) => ({ type: 'ListProperty', valueList })),
    fc.array(uri, { maxLength: 3 }).map((objectList) => ({ type: 'ListRelationship', objectList })),
    fc
      .jsonValue({ maxDepth: 2 })
      .filter((j) => j !== null)
      .map((json) => ({ type: 'JsonProperty', json })),
  ];
  return {
    leaf: fc.oneof(...bases),
    attribute: fc.oneof(...bases.map((b) => withSubs(b, sub))),
  };
});

const multiAttribute = fc
  .tuple(fc.array(attribute, { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([instances, withDefault]) =>
    instances.map((inst, i) =>
      withDefault && i === 0 ? inst : { ...inst, datasetId: `urn:ngsi-ld:Dataset:${i}` },
    ),
  );

export const normalizedEntity: fc.Arbitrary<NormalizedEntity> = fc
  .tuple(
    fc.constantFrom('Streetlight', 'WasteContainer', 'https://example.org/ns#Thing'),
    fc.stringMatching(/^[a-z0-9-]{1,8}$/),
    fc.dictionary(
      name,
      fc.oneof({ weight: 4, arbitrary: attribute }, { weight: 1, arbitrary: multiAttribute }),
      { maxKeys: 5 },
    ),
    fc.option(geometry, { nil: undefined }),
    fc.option(fc.constantFrom('/Sweden/Vaxjo', ['/a', '/b/c']), { nil: undefined }),
  )
  .map(([type, local, attrs, location, scope]) => {
    const e: Record<string, unknown> = { id: `urn:ngsi-ld:Thing:${local}`, type };
    for (const [k, v] of Object.entries(attrs))
      Object.defineProperty(e, k, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    if (location !== undefined) e.location = { type: 'GeoProperty', value: location };
    if (scope !== undefined) e.scope = scope;
    return e as NormalizedEntity;
  });

describe('property: conversions of any valid normalized entity', () => {
  it('the arbitrary only produces valid normalized entities', () => {
    fc.assert(
      fc.property(normalizedEntity, (e) => {
        const r = checkEntityStructure(e, 'normalized');
        expect(r.success ? [] : r.issues).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('normalized → concise → normalized is unchanged, and concise is valid concise', () => {
    fc.assert(
      fc.property(normalizedEntity, (e) => {
        const concise = toConcise(e);
        expect(checkEntityStructure(concise, 'concise').success).toBe(true);
        expect(toNormalized(concise)).toEqual(e);
        // through JSON too, as it would cross the wire
        expect(toNormalized(JSON.parse(JSON.stringify(concise)))).toEqual(
          JSON.parse(JSON.stringify(e)),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('toNormalized is idempotent on normalized input', () => {
    fc.assert(
      fc.property(normalizedEntity, (e) => {
        expect(toNormalized(e)).toEqual(e);
      }),
      { numRuns: 200 },
    );
  });

  it('keyValues from normalized equals keyValues from concise, and is valid keyValues', () => {
    fc.assert(
      fc.property(normalizedEntity, (e) => {
        const kv = toKeyValues(e);
        expect(toKeyValues(toConcise(e))).toEqual(kv);
        expect(checkEntityStructure(kv, 'keyValues').success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('property: any input at all', () => {
  it('validators and safe converters never throw, and only return ConversionErrors', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (x) => {
        for (const rep of ['normalized', 'concise', 'keyValues'] as const)
          checkEntityStructure(x, rep);
        for (const r of [
          safeToConcise(x as NormalizedEntity),
          safeToNormalized(x as NormalizedEntity),
          safeToKeyValues(x as NormalizedEntity),
          safeFromKeyValues(x as KeyValuesEntity),
        ]) {
          if (!r.success) expect(isConversionError(r.error)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('entity-shaped random JSON never throws either', () => {
    const shaped = fc.record({
      id: fc.oneof(fc.constant('urn:ngsi-ld:T:1'), fc.string()),
      type: fc.oneof(fc.constant('T'), fc.jsonValue()),
      a: fc.jsonValue({ maxDepth: 4 }),
      b: fc.oneof(tricky, fc.array(tricky)),
    });
    fc.assert(
      fc.property(shaped, (x) => {
        for (const r of [
          safeToConcise(x as NormalizedEntity),
          safeToNormalized(x as NormalizedEntity),
          safeToKeyValues(x as NormalizedEntity),
        ]) {
          if (r.success) expect(toNormalized(r.data as NormalizedEntity)).toBeDefined();
          else expect(r.error.issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('property: normalizeKeyValues answers as safeFromKeyValues does', () => {
  const hintSets = [
    {},
    { relationships: ['a', 'location'], geoProperties: ['b'] },
    { unitCodes: { a: 'CEL', b: '' } },
    { languageProperties: ['a'], vocabProperties: ['b'], listProperties: ['location'] },
  ];
  const shaped = fc.record({
    id: fc.oneof(fc.constant('urn:ngsi-ld:T:1'), fc.string()),
    type: fc.oneof(fc.constant('T'), fc.jsonValue()),
    a: fc.oneof(fc.constant('urn:ngsi-ld:X:1'), fc.jsonValue({ maxDepth: 3 })),
    b: fc.oneof(
      fc.constant({ type: 'Point', coordinates: [18, 59] }),
      fc.jsonValue({ maxDepth: 3 }),
    ),
    location: fc.oneof(fc.constant({ type: 'Point', coordinates: [18, 59] }), fc.jsonValue()),
  });
  it('gives the same entity, or the issues the error carries', () => {
    fc.assert(
      fc.property(shaped, fc.constantFrom(...hintSets), (x, hints) => {
        const safe = safeFromKeyValues(x as KeyValuesEntity, hints);
        const plain = normalizeKeyValues(x, hints);
        if (safe.success) expect(plain).toEqual({ success: true, data: safe.data });
        else expect(plain).toEqual({ success: false, issues: safe.error.issues });
      }),
      { numRuns: 500, seed: 20261206 },
    );
  });

  it('follows hint lists changed after a first call', () => {
    const hints = { relationships: ['a'] };
    const e = { id: 'urn:ngsi-ld:T:1', type: 'T', a: 'urn:ngsi-ld:X:1', b: 'urn:ngsi-ld:X:2' };
    expect(normalizeKeyValues(e, hints)).toMatchObject({
      success: true,
      data: { b: { type: 'Property' } },
    });
    hints.relationships.push('b');
    expect(normalizeKeyValues(e, hints)).toMatchObject({
      success: true,
      data: { b: { type: 'Relationship', object: 'urn:ngsi-ld:X:2' } },
    });
  });
});

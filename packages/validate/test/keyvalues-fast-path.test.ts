import { readFileSync } from 'node:fs';
import { listModels, loadModel } from '@smartcitylab/models';
import { type AttributeHints, detectRepresentation } from '@smartcitylab/ngsi-ld';
import { describe, expect, it, vi } from 'vitest';
import { fixturePath } from '../../../test-support/fixtures.js';
import { instances, KEY_VALUES } from '../src/internal/attributes.js';
import { checkStructure, isKeyValuesValue, readKeyValues } from '../src/internal/structure.js';

// Switches the keyValues fast path off, so each report can be made through both paths.
const path = vi.hoisted(() => ({ fast: true, taken: 0 }));
vi.mock('../src/internal/structure.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../src/internal/structure.js')>();
  return {
    ...mod,
    readKeyValues: (...args: Parameters<typeof mod.readKeyValues>) => {
      if (!path.fast) return undefined;
      const r = mod.readKeyValues(...args);
      if (r !== undefined) path.taken++;
      return r;
    },
  };
});

const { createValidator } = await import('@smartcitylab/validate');

const NOW = new Date('2026-11-25T12:00:00Z');
const models = await Promise.all(listModels().map((info) => loadModel(info.type)));
const examples = listModels().map(
  (info) =>
    JSON.parse(
      readFileSync(
        fixturePath('smart-data-models', info.domain, info.type, 'example.json'),
        'utf8',
      ),
    ) as Record<string, unknown>,
);

const ID = 'urn:ngsi-ld:WeatherObserved:1';
const point = { type: 'Point', coordinates: [17.3, 62.4] };

/** keyValues the fast path reads, or hands on to the general path, with the hints they need. */
const cases: { name: string; entity: Record<string, unknown>; hints?: AttributeHints }[] = [
  { name: 'plain readings', entity: { id: ID, type: 'WeatherObserved', temperature: 4 } },
  {
    name: 'a relationship that is a URN',
    entity: { id: ID, type: 'WeatherObserved', refDevice: 'urn:ngsi-ld:Device:1' },
    hints: { relationships: ['refDevice'] },
  },
  {
    name: 'a relationship that is not a URI',
    entity: { id: ID, type: 'WeatherObserved', refDevice: 'dev-1' },
    hints: { relationships: ['refDevice'] },
  },
  {
    name: 'a relationship also listed as a language property, with a non-URI id',
    entity: { id: 'station-1', type: 'WeatherObserved', owner: ['urn:ngsi-ld:Person:1'] },
    hints: { relationships: ['owner'], languageProperties: ['owner'] },
  },
  {
    name: 'a relationship that is an empty array',
    entity: { id: ID, type: 'WeatherObserved', owner: [] },
    hints: { relationships: ['owner'] },
  },
  {
    name: 'a non-URI id alone',
    entity: { id: 'station-1', type: 'WeatherObserved', temperature: 4, location: point },
  },
  {
    name: 'a non-URI id and a broken attribute',
    entity: { id: 'station-1', type: 'WeatherObserved', temperature: null },
  },
  { name: 'a missing id', entity: { type: 'WeatherObserved', temperature: 4 } },
  {
    name: 'unit codes',
    entity: { id: ID, type: 'WeatherObserved', temperature: 4, windSpeed: 3 },
    hints: { unitCodes: { temperature: 'CEL', windSpeed: 'MTS' } },
  },
  {
    name: 'unit codes, good and bad',
    entity: { id: ID, type: 'WeatherObserved', temperature: 4, windSpeed: 3 },
    hints: { unitCodes: { temperature: 'CEL', windSpeed: '' } },
  },
  {
    name: 'a unit code that is not a string',
    entity: { id: ID, type: 'WeatherObserved', temperature: 4 },
    hints: { unitCodes: { temperature: 5 } as unknown as Record<string, string> },
  },
  {
    name: 'a geometry under a name that is not a GeoProperty name',
    entity: { id: ID, type: 'WeatherObserved', area: point, location: point },
  },
  {
    name: 'a location that is an array',
    entity: { id: ID, type: 'WeatherObserved', location: [point] },
  },
  {
    name: 'location hinted as a relationship',
    entity: { id: ID, type: 'WeatherObserved', location: 'urn:ngsi-ld:Place:1', address: {} },
    hints: { relationships: ['location'] },
  },
  {
    name: 'geo names hinted as geoProperties, as the models hint location',
    entity: {
      id: ID,
      type: 'WeatherObserved',
      location: point,
      operationSpace: point,
      area: point,
    },
    hints: { geoProperties: ['location', 'operationSpace', 'area'] },
  },
  {
    name: 'a location hinted as a geoProperty holding no geometry',
    entity: { id: ID, type: 'WeatherObserved', location: 'here' },
    hints: { geoProperties: ['location'] },
  },
  {
    name: 'a location hinted as a geoProperty that is an array',
    entity: { id: 'station-1', type: 'WeatherObserved', location: [point] },
    hints: { geoProperties: ['location'] },
  },
  {
    name: 'a location hinted as a geoProperty and a list property',
    entity: { id: ID, type: 'WeatherObserved', location: [1, 2] },
    hints: { listProperties: ['location'], geoProperties: ['location'] },
  },
  {
    name: 'every kind of hint',
    entity: {
      id: ID,
      type: 'WeatherObserved',
      name: { sv: 'Väder', en: 'Weather' },
      category: 'weather',
      config: { a: 1 },
      readings: [1, 2],
      refs: ['urn:ngsi-ld:Device:1'],
      address: { addressCountry: 'SE' },
      observationSpace: point,
    },
    hints: {
      languageProperties: ['name'],
      vocabProperties: ['category'],
      jsonProperties: ['config'],
      listProperties: ['readings'],
      listRelationships: ['refs'],
      geoProperties: ['observationSpace'],
    },
  },
  {
    name: 'a hint list that is not an array',
    entity: { id: ID, type: 'WeatherObserved', refDevice: 'urn:ngsi-ld:Device:1' },
    hints: { relationships: 'refDevice' as unknown as string[] },
  },
  {
    name: 'a __proto__ attribute and an index-like name',
    entity: JSON.parse(
      `{"id":"${ID}","type":"WeatherObserved","__proto__":{"a":1},"12":3,"temperature":4}`,
    ) as Record<string, unknown>,
  },
];

describe('keyValues read without the normalized entity', () => {
  it.each(cases)('$name: the same structure result as the conversion', ({ entity, hints }) => {
    const fast = readKeyValues(entity, hints);
    const general = checkStructure(entity, 'keyValues', hints);
    if (fast === undefined) return;
    // Structure issues beyond a non-URI id: the general path's result, taken from the issues found.
    if (fast.instances === undefined) {
      expect(fast).toEqual(general);
      return;
    }
    expect(fast.issues).toEqual(general.issues);
    expect(fast.badId).toBe(general.badId);
    expect(general.normalized).toBeDefined();
    const normalized = general.normalized as unknown as Record<string, unknown>;
    expect(fast.instances).toEqual(instances(general.normalized as never, KEY_VALUES));
    for (const name of ['location', 'observationSpace', 'operationSpace', 'address'])
      expect((fast.normalized as unknown as Record<string, unknown>)[name]).toEqual(
        normalized[name],
      );
  });

  it('reads most of the table and hands the rest on', () => {
    const read = cases.filter((c) => readKeyValues(c.entity, c.hints)?.instances !== undefined);
    expect(read.length).toBeGreaterThanOrEqual(8);
    expect(read.length).toBeLessThan(cases.length);
  });

  it('gives byte-identical reports through both paths', () => {
    const validator = createValidator({ now: () => NOW, maxAge: 'P3650D', models });
    const inputs: unknown[] = [...examples, ...cases.map((c) => c.entity)];
    // Variants an ordinary delivery has: a unit-less reading out of range, a dropped attribute.
    for (const e of examples) {
      inputs.push({ ...e, temperature: 900, dateObserved: '2026-11-25T11:00:00' });
      const { location: _dropped, ...rest } = e;
      inputs.push(rest);
    }
    path.taken = 0;
    for (const input of inputs) {
      path.fast = true;
      const viaFast = JSON.stringify(validator.check(input));
      path.fast = false;
      const viaGeneral = JSON.stringify(validator.check(input));
      path.fast = true;
      expect(viaFast).toBe(viaGeneral);
    }
    expect(path.taken).toBeGreaterThan(inputs.length / 2);
  });
});

describe('representation told by the depth walk', () => {
  const values: [string, object][] = [
    ['a geometry', point],
    ['an address', { type: 'PostalAddress', addressCountry: 'SE' }],
    ['a value object', { value: 1 }],
    ['a typed attribute', { type: 'Property', value: 1 }],
    ['a relationship object', { object: 'urn:ngsi-ld:Device:1' }],
    ['two value members', { value: 1, object: 'urn:ngsi-ld:Device:1' }],
    ['a pre-release type name', { type: 'VocabularyProperty', vocab: 'x' }],
    ['a typed object without its member', { type: 'Property' }],
    ['an empty array', []],
    ['an array of numbers', [1, 2]],
    ['an array of attribute objects', [{ type: 'Property', value: 1 }]],
    ['an array led by a value', [1, { type: 'Property', value: 1 }]],
    ['an array led by an attribute object', [{ value: 1 }, 5]],
    ['an array led by null', [null]],
    ['a null-prototype object', Object.create(null) as object],
    ['a date', new Date(0)],
    ['a json member', { json: { a: 1 } }],
  ];
  it.each(values)('%s: keyValues exactly when detectRepresentation says so', (_, v) => {
    const alone = detectRepresentation({ id: ID, type: 'T', a: v }) === 'keyValues';
    // True only when certain: an array led by an object is left to detectRepresentation.
    if (isKeyValuesValue(v)) expect(alone).toBe(true);
    else if (!Array.isArray(v)) expect(alone).toBe(false);
    const validator = createValidator({ now: () => NOW });
    for (const entity of [
      { id: ID, type: 'T', a: v },
      { id: ID, type: 'T', a: v, b: 1 },
      { id: ID, type: 'T', b: { value: 2 }, a: v },
      { id: ID, type: 'T' },
    ])
      expect(validator.check(entity).representation).toBe(detectRepresentation(entity));
  });
});

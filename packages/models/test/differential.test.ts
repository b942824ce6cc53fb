/**
 * Differential test: our keyValues verdict (the generated fast checker behind `validate`)
 * must equal ajv's verdict on the official JSON Schema, for the official examples and for
 * mutated variants of them; the zod schema must agree with both. Known, documented
 * disagreements (README "Disagreements with ajv") are excluded by name below.
 */
import { listModels, loadModel, loadModelSchemas, type SmartDataModel } from '@smartcitylab/models';
import type { ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { describeWithFixtures } from '../../../test-support/fixtures.js';
import { officialAjv, officialSchemaId, readOfficial, SDM } from './support.js';

const RUNS = 250;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

/** Official examples that ajv rejects, repaired so mutations start from a valid entity. */
const REPAIRS: Record<string, (e: Obj) => void> = {
  // dateObserved lacks the RFC 3339 offset; tsp is 73.3 where the schema says integer.
  AirQualityObserved: (e) => {
    e.dateObserved = '2016-03-15T11:00:00Z';
    e.tsp = 73;
  },
  // opens/closes are written "10:00" (no seconds, no offset); some endDates lack an offset.
  CityWork: (e) => {
    delete e.openingHoursSpecification;
    delete e.workDisposition;
    delete e.derogation;
  },
};

/** Values of every JSON type, to put where the schema expects another one. */
const WRONG_TYPES: Json[] = ['text', 42, 4.5, -1, true, null, [], [1, 'a'], {}, { type: 'Point' }];
const BAD_STRINGS = [
  '',
  'not a date',
  '2024-13-45T99:00:00Z',
  'has space:x',
  '::',
  '1.2.3',
  'a'.repeat(300),
];

interface Mutation {
  path: Array<string | number>;
  /** `undefined` deletes the member. */
  value: Json | undefined;
}

/** Every path into a JSON value (objects and arrays), the root excluded. */
function paths(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => [[...prefix, i], ...paths(v, [...prefix, i])]);
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
  }
  return [];
}

/**
 * The base with the mutations applied, on a copy. Each value is cloned before it is placed: the
 * values are shared constants (WRONG_TYPES) or values fast-check replays while shrinking, and a
 * later mutation of the same list may write inside an earlier one's value, which would otherwise
 * change the constant for every later run (it once made `[1, 'a']` contain itself). Paths walk own
 * members only, so no mutation can reach a prototype.
 */
function apply(base: Obj, mutations: readonly Mutation[]): Obj {
  const copy = structuredClone(base);
  for (const { path, value } of mutations) {
    let node: Json | undefined = copy;
    for (const key of path.slice(0, -1)) {
      if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) {
        node = undefined;
        break;
      }
      node = (node as Obj)[key as string];
    }
    if (node === undefined || node === null || typeof node !== 'object') continue;
    const last = path[path.length - 1] as string | number;
    if (value === undefined) {
      if (Array.isArray(node)) node.splice(last as number, 1);
      else delete (node as Obj)[last];
    } else {
      Object.defineProperty(node, last, {
        value: structuredClone(value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return copy;
}

/** Mutations built from the model's facts: the rule each one aims to break (or keep). */
function mutationArbitrary(model: SmartDataModel, base: Obj): fc.Arbitrary<Mutation[]> {
  const attrs = model.metadata.attributes;
  const names = attrs.map((a) => a.name);
  const allPaths = paths(base);
  const one: fc.Arbitrary<Mutation>[] = [
    // drop a required (or any) attribute
    fc
      .constantFrom(...model.metadata.required, ...names)
      .map((n) => ({ path: [n], value: undefined })),
    // wrong JSON type for an attribute
    fc
      .tuple(fc.constantFrom(...names), fc.constantFrom(...WRONG_TYPES))
      .map(([n, v]) => ({ path: [n], value: v })),
    // bad strings (formats, patterns, lengths, enums)
    fc
      .tuple(fc.constantFrom('id', ...names), fc.constantFrom(...BAD_STRINGS))
      .map(([n, v]) => ({ path: [n], value: v })),
    // change the entity type
    fc.constantFrom<Json>('Other', model.type, 1).map((v) => ({ path: ['type'], value: v })),
    // a random JSON value at any nested path of the example
    fc
      .tuple(fc.constantFrom(...allPaths), fc.jsonValue({ maxDepth: 2 }))
      .map(([p, v]) => ({ path: p, value: v as Json })),
    // a wrong type or deletion at any nested path
    fc
      .tuple(
        fc.constantFrom(...allPaths),
        fc.constantFrom<Json | undefined>(...WRONG_TYPES, undefined),
      )
      .map(([p, v]) => ({ path: p, value: v })),
    // an unknown extra attribute (allowed by the schema)
    fc
      .tuple(fc.constantFrom('xExtra', 'customField'), fc.jsonValue({ maxDepth: 1 }))
      .map(([n, v]) => ({ path: [n], value: v as Json })),
  ];
  const withEnums = attrs.filter((a) => a.enum && a.enum.length > 0 && !a.type.startsWith('array'));
  if (withEnums.length > 0) {
    one.push(
      fc
        .constantFrom(...withEnums)
        .chain((a) =>
          fc
            .constantFrom<Json>(...(a.enum as Json[]), 'notAnAllowedValue')
            .map((v) => ({ path: [a.name], value: v })),
        ),
    );
  }
  const numeric = attrs.filter(
    (a) => a.minimum !== undefined || a.maximum !== undefined || a.exclusiveMinimum !== undefined,
  );
  if (numeric.length > 0) {
    one.push(
      fc.constantFrom(...numeric).chain((a) => {
        const edges = [a.minimum, a.maximum, a.exclusiveMinimum].filter(
          (x): x is number => x !== undefined,
        );
        const candidates = edges.flatMap((e) => [e - 1, e - 0.5, e, e + 0.5, e + 1]);
        return fc.constantFrom<Json>(...candidates).map((v) => ({ path: [a.name], value: v }));
      }),
    );
  }
  return fc.array(fc.oneof(...one), { minLength: 1, maxLength: 3 });
}

/**
 * README disagreement: ajv-formats does not implement `idn-email` (ajv accepts any
 * string there), while `validate` checks the address shape; skip mutations of such members.
 */
function touchesEmail(mutations: readonly Mutation[]): boolean {
  return mutations.some((m) => m.path.some((k) => k === 'email' || k === 'contactPoint'));
}

/** README: zod's `int()` is a safe integer; JSON Schema (ajv, `validate`) accepts any integer. */
function hasUnsafeInteger(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value);
  if (value !== null && typeof value === 'object')
    return Object.values(value).some(hasUnsafeInteger);
  return false;
}

describeWithFixtures('keyValues verdicts equal ajv on the official schemas', SDM, () => {
  let ajv: ReturnType<typeof officialAjv>;
  beforeAll(() => {
    ajv = officialAjv();
  });

  for (const { type } of listModels()) {
    it(`${type}: official example and ${RUNS} mutations`, async () => {
      const model = await loadModel(type);
      const schemas = await loadModelSchemas(type);
      const validate = ajv.getSchema(officialSchemaId(type)) as ValidateFunction;
      const example = readOfficial(type, 'example.json') as Obj;
      expect(model.validate(example).success).toBe(validate(example));
      const base = structuredClone(example);
      REPAIRS[type]?.(base);
      expect(validate(base), JSON.stringify(validate.errors)).toBe(true);
      expect(model.validate(base).success).toBe(true);

      let invalidSeen = 0;
      fc.assert(
        fc.property(mutationArbitrary(model, base), (mutations) => {
          const entity = apply(base, mutations);
          const ours = model.validate(entity);
          const zod = schemas.keyValues.safeParse(entity).success;
          if (!ours.success) invalidSeen++;
          if (touchesEmail(mutations)) return;
          const theirs = validate(entity);
          expect(
            ours.success,
            `ajv: ${JSON.stringify(validate.errors)}; ours: ${JSON.stringify(ours.success ? [] : ours.issues)}`,
          ).toBe(theirs);
          if (!hasUnsafeInteger(entity)) {
            expect(zod, 'zod schema and fast checker disagree').toBe(ours.success);
          }
        }),
        { numRuns: RUNS, seed: 20261125 },
      );
      // The mutations must actually break rules, or the comparison proves little.
      expect(invalidSeen).toBeGreaterThan(RUNS / 3);
    });
  }
});

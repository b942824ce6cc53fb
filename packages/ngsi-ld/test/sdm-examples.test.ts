import { readFileSync } from 'node:fs';
import { type NormalizedEntity, toConcise, toKeyValues, toNormalized } from '@smartcitylab/ngsi-ld';
import { checkEntityStructure } from '@smartcitylab/ngsi-ld/schema';
import { describe, expect, it } from 'vitest';
import { describeWithFixtures, listFixtureFiles } from '../../../test-support/fixtures.js';

/**
 * Official Smart Data Models examples that are themselves invalid NGSI-LD, each with the
 * reason. The test checks that our validator reports exactly that reason, so a fixture or
 * validator change shows up here.
 */
const KNOWN_INVALID: Record<
  string,
  { file: string; path: (string | number)[]; code: string; reason: string }[]
> = {
  Device: [
    {
      file: 'example-normalized.jsonld',
      path: ['value'],
      code: 'reserved_name',
      reason: "has an attribute named 'value', which the core @context maps to ngsi-ld:hasValue",
    },
    {
      file: 'example.jsonld',
      path: ['value'],
      code: 'reserved_name',
      reason: "same 'value' attribute in the concise/keyValues example",
    },
  ],
  DeviceMeasurement: [
    {
      file: 'example-normalized.jsonld',
      path: ['location'],
      code: 'not_geo_property',
      reason: "'location' is typed Property instead of GeoProperty",
    },
  ],
  FloodMonitoring: [
    {
      file: 'example-normalized.jsonld',
      path: ['floodLevelStatus', 'type'],
      code: 'invalid_attribute_type',
      reason: 'attributes carry JSON Schema types ("string") instead of NGSI-LD attribute types',
    },
  ],
  WaterObserved: [
    {
      file: 'example-normalized.jsonld',
      path: ['dateObserved', 'object'],
      code: 'invalid_uri',
      reason: "'dateObserved' is a Relationship whose object is a date, not an entity id",
    },
  ],
  CityWork: [
    {
      file: 'example-normalized.jsonld',
      path: ['workDisposition', 'tramwayImpacted', 'type'],
      code: 'invalid_attribute_type',
      reason: 'sub-attributes typed "Property " with a trailing space',
    },
  ],
  KeyPerformanceIndicator: [
    {
      file: 'example-normalized.jsonld',
      path: ['modifiedAt'],
      code: 'invalid_date_time',
      reason:
        "uses the reserved name 'modifiedAt' for an attribute (a Property object), where NGSI-LD keeps it for the system timestamp",
    },
  ],
  WeatherForecast: [
    {
      file: 'example-normalized.jsonld',
      path: ['id'],
      code: 'invalid_id',
      reason: 'the id is not a URI (no scheme: "Spain-WeatherForecast-...")',
    },
    {
      file: 'example.jsonld',
      path: ['id'],
      code: 'invalid_id',
      reason: 'same id in the concise example',
    },
  ],
};

/** Official examples that are not even JSON. */
const NOT_JSON: Record<string, string> = {
  'PointOfInterest/example.jsonld': 'a missing comma before "@context" (line 43)',
};

describeWithFixtures('Smart Data Models official examples', 'smart-data-models', () => {
  const normalizedFiles = listFixtureFiles('smart-data-models', 'example-normalized.jsonld');
  const conciseFiles = listFixtureFiles('smart-data-models', 'example.jsonld');
  const modelOf = (f: string) => f.split('/').at(-2)!;
  const parse = (f: string): unknown => JSON.parse(readFileSync(f, 'utf8'));

  it('finds a normalized and a concise example in every model folder', () => {
    // The shared fixtures grow (KeyPerformanceIndicator arrived for MIM8); pair them instead of counting.
    expect(normalizedFiles.map(modelOf)).toEqual(conciseFiles.map(modelOf));
    expect(normalizedFiles.length).toBeGreaterThanOrEqual(28);
  });

  for (const file of [...normalizedFiles, ...conciseFiles]) {
    const model = modelOf(file);
    const name = file.split('/').at(-1)!;
    const notJson = NOT_JSON[`${model}/${name}`];
    if (notJson !== undefined) {
      it(`${model}/${name} is not JSON (${notJson})`, () => {
        expect(() => parse(file)).toThrow(SyntaxError);
      });
      continue;
    }
    const known = KNOWN_INVALID[model]?.find((k) => k.file === name);
    const representations =
      name === 'example-normalized.jsonld'
        ? (['normalized'] as const)
        : (['concise', 'keyValues'] as const);
    for (const rep of representations) {
      if (known !== undefined) {
        it(`${model}/${name} is invalid ${rep}: ${known.reason}`, () => {
          const r = checkEntityStructure(parse(file), rep);
          expect(r.success).toBe(false);
          if (!r.success) {
            expect(r.issues).toContainEqual(
              expect.objectContaining({ path: known.path, code: known.code }),
            );
          }
        });
      } else {
        it(`${model}/${name} is valid ${rep}`, () => {
          const r = checkEntityStructure(parse(file), rep);
          expect(r.success ? [] : r.issues).toEqual([]);
        });
      }
    }
  }

  describe('conversions of every valid normalized example', () => {
    for (const file of normalizedFiles) {
      const model = modelOf(file);
      if (KNOWN_INVALID[model]?.some((k) => k.file === 'example-normalized.jsonld')) continue;
      it(`${model}: normalized → concise → normalized is unchanged; keyValues is valid`, () => {
        const e = parse(file) as NormalizedEntity;
        const concise = toConcise(e);
        expect(checkEntityStructure(concise, 'concise').success).toBe(true);
        expect(toNormalized(concise)).toEqual(e);
        const kv = toKeyValues(e);
        expect(checkEntityStructure(kv, 'keyValues').success).toBe(true);
        expect(toKeyValues(concise)).toEqual(kv);
      });
    }
  });
});

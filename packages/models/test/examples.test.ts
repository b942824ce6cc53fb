/**
 * Every official example validates in its own representation, except the ones listed
 * below, each with the reason the official file is invalid and the exact paths we report.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listModels, loadModel, type ModelIssue } from '@smartcitylab/models';
import type { Representation } from '@smartcitylab/ngsi-ld';
import { expect, it } from 'vitest';
import { describeWithFixtures } from '../../../test-support/fixtures.js';
import { modelDir, SDM } from './support.js';

const FILES: ReadonlyArray<readonly [file: string, representation: Representation]> = [
  ['example.json', 'keyValues'],
  ['example-normalized.jsonld', 'normalized'],
  // NGSI-LD keyValues with @context; keyValues is also valid concise.
  ['example.jsonld', 'concise'],
];

const CITY_WORK_TIMES = [0, 1, 2, 3, 4, 5].flatMap((i) => [
  `openingHoursSpecification.${i}.opens`,
  `openingHoursSpecification.${i}.closes`,
]);

/** Official examples that are not valid against their own schema (or NGSI-LD), and why. */
const KNOWN_INVALID: Record<string, { reason: string; paths: string[] }> = {
  'AirQualityObserved/example.json': {
    reason:
      'dateObserved has no UTC offset (RFC 3339 date-time); tsp is 73.3, the schema says integer',
    paths: ['dateObserved', 'tsp'],
  },
  'AirQualityObserved/example-normalized.jsonld': {
    reason: 'same dateObserved and tsp; windDirection is 186, above the schema maximum of 180',
    paths: ['dateObserved.value', 'windDirection.value', 'tsp.value'],
  },
  'AirQualityObserved/example.jsonld': {
    reason: 'dateObserved has no UTC offset (RFC 3339 date-time)',
    paths: ['dateObserved'],
  },
  'WaterObserved/example-normalized.jsonld': {
    reason: 'dateObserved is written as a Relationship whose object is a timestamp, not a URI',
    paths: ['dateObserved.object'],
  },
  'FloodMonitoring/example-normalized.jsonld': {
    reason: 'three attributes use the JSON type name "string" as their NGSI-LD attribute type',
    paths: ['floodLevelStatus.type', 'observationDateTime.type', 'stationID.type'],
  },
  'WeatherForecast/example-normalized.jsonld': {
    reason: 'the entity id is not a URI (NGSI-LD requires an absolute URI)',
    paths: ['id'],
  },
  'WeatherForecast/example.jsonld': {
    reason: 'the entity id is not a URI (NGSI-LD requires an absolute URI)',
    paths: ['id'],
  },
  'CityWork/example.json': {
    reason:
      'opens/closes are "HH:MM" without seconds or offset (the fixtures README names this), and two endDates lack an offset',
    paths: [...CITY_WORK_TIMES, 'workDisposition.1.endDate', 'derogation.0.endDate'],
  },
  'CityWork/example.jsonld': {
    reason: 'same opens/closes and endDate values as example.json',
    paths: [...CITY_WORK_TIMES, 'workDisposition.1.endDate', 'derogation.0.endDate'],
  },
  'CityWork/example-normalized.jsonld': {
    reason: 'sub-attributes of workDisposition use the attribute type "Property " (trailing space)',
    paths: [
      'workDisposition.tramwayImpacted.type',
      'workDisposition.railwayImpacted.type',
      'workDisposition.stationImpacted.type',
    ],
  },
  'Device/example-normalized.jsonld': {
    reason: 'an attribute is named "value", a reserved NGSI-LD core term',
    paths: ['value'],
  },
  'Device/example.jsonld': {
    reason: 'an attribute is named "value", a reserved NGSI-LD core term',
    paths: ['value'],
  },
  'DeviceMeasurement/example-normalized.jsonld': {
    reason: 'location is a Property; NGSI-LD reserves location for a GeoProperty',
    paths: ['location'],
  },
  'DataQualityAssessment/example-normalized.jsonld': {
    reason:
      'outlier/duplicate/synthetic hold normalized sub-attributes inside their value, where the schema expects plain values',
    paths: [
      'outlier.value.isOutlier',
      'outlier.value.outlierScore',
      'outlier.value.methodology',
      'duplicate.value.isDuplicate',
      'duplicate.value.foundMatches',
      'synthetic.value.isSynthetic',
      'synthetic.value.methodology',
    ],
  },
  'KeyPerformanceIndicator/example-normalized.jsonld': {
    reason:
      'an attribute is named "modifiedAt", the reserved NGSI-LD system timestamp, and its value is a Property object rather than a date-time',
    paths: ['modifiedAt'],
  },
};

/** Official files that are not JSON at all. */
const NOT_JSON: Record<string, string> = {
  'PointOfInterest/example.jsonld': 'a missing comma makes the file invalid JSON',
};

const paths = (issues: readonly ModelIssue[]): string[] => issues.map((i) => i.path.join('.'));

describeWithFixtures('official examples validate in their representation', SDM, () => {
  const seen = new Set<string>();
  for (const { type } of listModels()) {
    for (const [file, representation] of FILES) {
      const key = `${type}/${file}`;
      it(`${key} as ${representation}`, async () => {
        const path = join(modelDir(type), file);
        expect(existsSync(path), `${path} exists`).toBe(true);
        const text = readFileSync(path, 'utf8');
        if (NOT_JSON[key]) {
          expect(() => JSON.parse(text), NOT_JSON[key]).toThrow(SyntaxError);
          return;
        }
        const model = await loadModel(type);
        const result = model.validate(JSON.parse(text), representation);
        const known = KNOWN_INVALID[key];
        if (known) {
          expect(result.success, known.reason).toBe(false);
          if (!result.success) expect(paths(result.issues), known.reason).toEqual(known.paths);
        } else {
          expect(result.success ? [] : result.issues).toEqual([]);
        }
        seen.add(key);
      });
    }
  }
  it('lists no example that does not exist', () => {
    for (const key of [...Object.keys(KNOWN_INVALID), ...Object.keys(NOT_JSON)]) {
      const [type = '', file = ''] = key.split('/');
      expect(existsSync(join(modelDir(type), file)), key).toBe(true);
    }
  });
});

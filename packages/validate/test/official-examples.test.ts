import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { type StreamEntityResult, validateStream } from '@smartcitylab/validate';
import { expect, it } from 'vitest';
import {
  describeWithFixtures,
  fixturePath,
  listFixtureFiles,
} from '../../../test-support/fixtures.js';

const NOW = new Date('2026-11-25T12:00:00Z');

/**
 * Official NGSI-LD examples (`*.jsonld`) that are invalid as published, each with the reason and
 * the rules that must find it. Every other official example must come out without errors.
 * The `*.json` files beside them are NGSI v2 and are out of scope here.
 */
const KNOWN_INVALID: Readonly<Record<string, { reason: string; rules: readonly string[] }>> = {
  'DataQuality/DataQualityAssessment/example-normalized.jsonld': {
    reason:
      'outlier, duplicate and synthetic nest NGSI-LD attribute objects inside their values, where the schema wants plain booleans and numbers',
    rules: ['schema'],
  },
  'Device/Device/example-normalized.jsonld': {
    reason: 'the model names an attribute "value", an NGSI-LD core term',
    rules: ['structure'],
  },
  'Device/Device/example.jsonld': {
    reason: 'the model names an attribute "value", an NGSI-LD core term',
    rules: ['structure'],
  },
  'Device/DeviceMeasurement/example-normalized.jsonld': {
    reason: 'location is typed Property instead of GeoProperty',
    rules: ['structure'],
  },
  'Device/DeviceMeasurement/example.jsonld': {
    reason: 'Helsinki is written [latitude, longitude] while the address says Finland',
    rules: ['location.swapped'],
  },
  'Environment/AirQualityObserved/example-normalized.jsonld': {
    reason:
      'dateObserved has no time zone, windDirection 186 exceeds the schema maximum 180, tsp is not an integer',
    rules: ['timeliness.zone', 'schema'],
  },
  'Environment/AirQualityObserved/example.jsonld': {
    reason: 'dateObserved has no time zone',
    rules: ['timeliness.zone'],
  },
  'Environment/FloodMonitoring/example-normalized.jsonld': {
    reason: 'attributes carry NGSI v2 types ("string") instead of Property',
    rules: ['structure'],
  },
  'Environment/IndoorEnvironmentObserved/example-normalized.jsonld': {
    reason:
      'the dateObserved interval has no time zone; [40, 11] is swapped for its Italian address',
    rules: ['timeliness.zone', 'location.swapped'],
  },
  'Environment/IndoorEnvironmentObserved/example.jsonld': {
    reason:
      'the dateObserved interval has no time zone; [40, 11] is swapped for its Italian address',
    rules: ['timeliness.zone', 'location.swapped'],
  },
  'Environment/WaterObserved/example-normalized.jsonld': {
    reason: 'dateObserved is typed Relationship and holds a date',
    rules: ['structure'],
  },
  'KeyPerformanceIndicator/KeyPerformanceIndicator/example-normalized.jsonld': {
    reason: 'uses the reserved entity member modifiedAt as an attribute',
    rules: ['structure'],
  },
  'Transportation/CityWork/example-normalized.jsonld': {
    reason:
      'sub-attributes with NGSI v2 types, opening hours without time zone, contactPoint a string where the schema wants an object, workLevel "underGround" not in the enum',
    rules: ['structure', 'schema'],
  },
  'Transportation/CityWork/example.jsonld': {
    reason: 'opening hours and end dates without time zone',
    rules: ['schema'],
  },
  'Transportation/RoadAccident/example.jsonld': {
    reason: 'latitude 168 is impossible: the position is written [latitude, longitude]',
    rules: ['location.swapped'],
  },
  'Transportation/TrafficFlowObserved/example-normalized.jsonld': {
    reason: 'the typed dateObserved value has no time zone',
    rules: ['timeliness.zone'],
  },
  'Transportation/TrafficFlowObserved/example.jsonld': {
    reason: 'the dateObserved interval has no time zone',
    rules: ['timeliness.zone'],
  },
  'Weather/WeatherForecast/example-normalized.jsonld': {
    reason: 'the id is not a URI',
    rules: ['structure'],
  },
  'Weather/WeatherForecast/example.jsonld': {
    reason: 'the id is not a URI',
    rules: ['structure'],
  },
};

/** Official examples that are not JSON at all, with the reason. */
const UNREADABLE: Readonly<Record<string, string>> = {
  'PointOfInterest/PointOfInterest/example.jsonld': 'a missing comma before "@context"',
};

/** Types in the fixtures that no shipped model covers yet (none today; the fixtures may grow). */
const NO_SHIPPED_MODEL = new Set<string>();

describeWithFixtures(
  'every official NGSI-LD example through the full validation (the CLI path)',
  'smart-data-models',
  () => {
    const root = fixturePath('smart-data-models');
    const files = listFixtureFiles('smart-data-models', '.jsonld').filter((f) =>
      /\/example(-normalized)?\.jsonld$/.test(f),
    );

    it('finds the examples', () => {
      expect(files.length).toBe(58);
    });

    it('passes each valid example and finds the named problem in each known-invalid one', {
      timeout: 180_000,
    }, async () => {
      for (const file of files) {
        const name = relative(root, file).split('\\').join('/');
        const text = readFileSync(file, 'utf8');
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          // The CLI reports such a file as unreadable, naming the JSON error.
          expect(Object.hasOwn(UNREADABLE, name), `${name} is not JSON`).toBe(true);
          continue;
        }
        expect(Object.hasOwn(UNREADABLE, name), `${name} is JSON now`).toBe(false);
        // As the CLI does for a file holding one JSON object.
        const results = [];
        for await (const r of validateStream([parsed], { now: () => NOW })) results.push(r);
        const entity = results.find((r): r is StreamEntityResult => r.kind === 'entity');
        expect(entity, name).toBeDefined();
        const report = entity!.report;
        const type = name.split('/')[1] ?? '';
        if (NO_SHIPPED_MODEL.has(type)) expect(report.model, name).toBeUndefined();
        else expect(report.model, name).toBe(type);
        const errors = report.issues.filter((i) => i.severity === 'error');
        const known = KNOWN_INVALID[name];
        if (known) {
          expect(report.valid, `${name}: ${known.reason}`).toBe(false);
          const found = report.issues.map((i) => i.rule);
          for (const rule of known.rules) expect(found, `${name}: ${known.reason}`).toContain(rule);
        } else {
          expect(
            errors.map((i) => `${i.rule} ${i.path} ${i.message}`),
            name,
          ).toEqual([]);
        }
      }
    });
  },
);

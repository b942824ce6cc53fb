import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { listModels, loadModel } from '@smartcitylab/models';
import { createValidator, type QualityReport } from '@smartcitylab/validate';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  describeWithFixtures,
  fixturePath,
  listFixtureFiles,
} from '../../../test-support/fixtures.js';

const NOW = new Date('2026-11-25T12:00:00Z');

// Findings about something absent name where it belongs, which the input cannot hold yet.
const ABSENT = new Set([
  'completeness.required',
  'completeness.recommended',
  'timeliness.missing',
  'model.unknown',
]);

/** Reads a path as `jsonPath` writes it (`$.a[0]["@value"]`) into its segments. */
function segments(path: string): (string | number)[] {
  expect(path.startsWith('$')).toBe(true);
  const out: (string | number)[] = [];
  const re = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  re.lastIndex = 1;
  while (re.lastIndex < path.length) {
    const at = re.lastIndex;
    const m = re.exec(path);
    if (!m) throw new Error(`unreadable path ${path} at ${at}`);
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(JSON.parse(m[3] as string) as string);
  }
  return out;
}

/** Whether `path` names a member the input has (or, for a structure finding, could have). */
function resolves(input: unknown, path: string): boolean {
  let cur: unknown = input;
  for (const s of segments(path)) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, s)) return false;
    cur = (cur as Record<string | number, unknown>)[s];
  }
  return true;
}

function unresolved(input: unknown, report: QualityReport): string[] {
  return report.issues
    .filter((i) => !ABSENT.has(i.rule) && !(i.rule === 'structure' && i.path === '$'))
    .filter((i) => !resolves(input, i.path))
    .map((i) => `${i.rule} ${i.path}`);
}

const validator = createValidator({ now: () => NOW, maxAge: 'P30D' });

beforeAll(async () => {
  for (const info of listModels()) validator.addModel(await loadModel(info.type));
  await validator.ready();
}, 60_000);

describe('finding paths name the input as it was sent', () => {
  // One Sundsvall weather reading as keyValues, with one problem per case.
  const kv = (change: Record<string, unknown>) => ({
    id: 'urn:ngsi-ld:WeatherObserved:sundsvall-1',
    type: 'WeatherObserved',
    dateObserved: '2026-11-25T11:00:00Z',
    location: { type: 'Point', coordinates: [17.3069, 62.3908] },
    temperature: -2,
    ...change,
  });
  const cases: { name: string; entity: Record<string, unknown>; want: string }[] = [
    {
      name: 'an implausible reading',
      entity: kv({ temperature: 900 }),
      want: 'plausibility.range $.temperature',
    },
    {
      name: 'an observation time in the future',
      entity: kv({ dateObserved: '2027-01-01T00:00:00Z' }),
      want: 'timeliness.future $.dateObserved',
    },
    {
      name: 'an old observation time',
      entity: kv({ dateObserved: '2026-01-01T00:00:00Z' }),
      want: 'timeliness.max-age $.dateObserved',
    },
    {
      name: 'a time without a zone',
      entity: kv({ dateObserved: '2026-11-25T11:00:00' }),
      want: 'timeliness.zone $.dateObserved',
    },
    {
      name: 'a typed time without a zone',
      entity: kv({ dateObserved: { '@type': 'DateTime', '@value': '2026-11-25T11:00:00' } }),
      want: 'timeliness.zone $.dateObserved["@value"]',
    },
    {
      name: 'swapped coordinates',
      entity: kv({ location: { type: 'Point', coordinates: [62.3908, 17.3069] } }),
      want: 'location.swapped $.location.coordinates',
    },
    {
      name: 'projected coordinates',
      entity: kv({ location: { type: 'Point', coordinates: [616_000, 6_919_000] } }),
      want: 'location.projected $.location.coordinates',
    },
    {
      name: 'a position outside Sweden',
      entity: kv({ location: { type: 'Point', coordinates: [2.35, 48.85] } }),
      want: 'location.region $.location.coordinates',
    },
    {
      name: 'a malformed geometry',
      entity: kv({ location: { type: 'Point', coordinates: [17.3] } }),
      want: 'location.geojson $.location.coordinates',
    },
  ];
  it.each(cases)('keyValues, $name: $want', ({ entity, want }) => {
    const report = validator.check(entity);
    expect(report.representation).toBe('keyValues');
    expect(report.issues.map((i) => `${i.rule} ${i.path}`)).toContain(want);
    expect(unresolved(entity, report)).toEqual([]);
  });

  it('normalized input keeps the attribute member in the path', () => {
    const entity = {
      id: 'urn:ngsi-ld:WeatherObserved:sundsvall-1',
      type: 'WeatherObserved',
      dateObserved: { type: 'Property', value: '2027-01-01T00:00:00Z' },
      location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [2.35, 48.85] } },
      temperature: { type: 'Property', value: 900 },
    };
    const report = validator.check(entity);
    expect(report.representation).toBe('normalized');
    expect(report.issues.map((i) => `${i.rule} ${i.path}`)).toEqual(
      expect.arrayContaining([
        'plausibility.range $.temperature.value',
        'timeliness.future $.dateObserved.value',
        'location.region $.location.value.coordinates',
      ]),
    );
    expect(unresolved(entity, report)).toEqual([]);
  });

  it('a bad time is reported once, whatever the representation', () => {
    for (const entity of [
      kv({ dateObserved: 'yesterday' }),
      kv({ dateObserved: { type: 'Property', value: 'yesterday' } }),
    ]) {
      const found = validator
        .check(entity)
        .issues.filter((i) => i.path.startsWith('$.dateObserved'))
        .map((i) => i.rule);
      expect(found).toEqual(['timeliness.invalid']);
    }
  });
});

describeWithFixtures('finding paths of the official examples', 'smart-data-models', (dir) => {
  const files = listFixtureFiles('smart-data-models').filter((f) =>
    /\/example(-normalized)?\.(json|jsonld)$/.test(f),
  );
  it('finds the examples', () => {
    expect(files.length).toBeGreaterThan(28);
  });
  it.each(files.map((f) => relative(dir, f)))('%s', (file) => {
    const text = readFileSync(fixturePath('smart-data-models', file), 'utf8');
    // One official example is not JSON (a missing comma); official-examples.test.ts covers it.
    if (file === 'PointOfInterest/PointOfInterest/example.jsonld') {
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
      return;
    }
    const input = JSON.parse(text);
    // The `.json` files beside the NGSI-LD ones are NGSI v2: paths must still resolve in them.
    for (const entity of Array.isArray(input) ? input : [input]) {
      expect(unresolved(entity, validator.check(entity))).toEqual([]);
    }
  });
});

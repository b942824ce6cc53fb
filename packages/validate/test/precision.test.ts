import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type QualityReport,
  type RuleId,
  validateBatch,
  validateEntity,
} from '@smartcitylab/validate';
import { describe, expect, it } from 'vitest';

const NOW = new Date('2026-11-25T12:00:00Z');
const check = (e: unknown): Promise<QualityReport> => validateEntity(e, { now: () => NOW });
const rulesOf = (r: QualityReport): RuleId[] => [...new Set(r.issues.map((i) => i.rule))];

/** A clean Sundsvall weather reading in normalized form; each case changes one thing. */
function weather(change: Record<string, unknown> = {}): Record<string, unknown> {
  const e: Record<string, unknown> = {
    id: 'urn:ngsi-ld:WeatherObserved:sundsvall-1',
    type: 'WeatherObserved',
    dateObserved: { type: 'Property', value: '2026-11-25T11:50:00Z' },
    location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [17.3069, 62.3908] } },
    temperature: { type: 'Property', value: -4.5, unitCode: 'CEL' },
  };
  for (const [k, v] of Object.entries(change)) {
    if (v === undefined) delete e[k];
    else e[k] = v;
  }
  return e;
}
const prop = (value: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'Property',
  value,
  ...extra,
});
const point = (coordinates: unknown) => ({
  type: 'GeoProperty',
  value: { type: 'Point', coordinates },
});

/**
 * For each rule, inputs it must accept (stay silent on) and inputs it must reject (report),
 * written from the NGSI-LD specification and the Smart Data Models schemas.
 */
const CASES: Partial<Record<RuleId, { accept: [string, unknown][]; reject: [string, unknown][] }>> =
  {
    structure: {
      accept: [
        ['a clean normalized entity', weather()],
        ['lang "@none" on a Property', weather({ note: prop('x', { lang: '@none' }) })],
        [
          'a keyValues reference the model declares, as a URN',
          {
            id: 'urn:ngsi-ld:ParkingSpot:p1',
            type: 'ParkingSpot',
            category: ['onStreet'],
            status: 'free',
            refParkingSite: 'urn:ngsi-ld:OnStreetParking:s1',
            location: { type: 'Point', coordinates: [17.3, 62.39] },
          },
        ],
        [
          'a keyValues "relationship" of the model whose value is no reference (feederID "F1")',
          {
            id: 'urn:ngsi-ld:Streetlight:s1',
            type: 'Streetlight',
            status: 'ok',
            feederID: 'F1',
            location: { type: 'Point', coordinates: [17.3, 62.39] },
          },
        ],
      ],
      reject: [
        ['an id that is not a URI', weather({ id: 'sundsvall-1' })],
        ['an NGSI v2 attribute type', weather({ temperature: { type: 'Number', value: 3 } })],
        ['the reserved name "value" as an attribute', weather({ value: prop(3) })],
        [
          'a Relationship whose object is no URI',
          weather({ refDevice: { type: 'Relationship', object: 'dev 1' } }),
        ],
      ],
    },
    schema: {
      accept: [
        [
          'a single vocab where the model wants an array',
          {
            id: 'urn:ngsi-ld:ParkingSpot:p2',
            type: 'ParkingSpot',
            category: { type: 'VocabProperty', vocab: 'onStreet' },
            status: prop('free'),
            refParkingSite: { type: 'Relationship', object: 'urn:ngsi-ld:OnStreetParking:s1' },
            location: point([17.3, 62.39]),
          },
        ],
        [
          'a LanguageProperty where the model wants a string',
          weather({
            name: { type: 'LanguageProperty', languageMap: { sv: 'Torget', en: 'Square' } },
          }),
        ],
        [
          'a typed DateTime value object in keyValues',
          {
            id: 'urn:ngsi-ld:WeatherObserved:kv1',
            type: 'WeatherObserved',
            dateObserved: { '@type': 'DateTime', '@value': '2026-11-25T11:00:00Z' },
            location: { type: 'Point', coordinates: [17.3, 62.39] },
          },
        ],
        [
          'relative humidity 64.42 in percent (P1)',
          weather({ relativeHumidity: prop(64.42, { unitCode: 'P1' }) }),
        ],
        [
          'two instances with distinct datasetIds, both valid',
          weather({
            temperature: [
              prop(-3, { datasetId: 'urn:ngsi-ld:Dataset:a' }),
              prop(-2, { datasetId: 'urn:ngsi-ld:Dataset:b' }),
            ],
          }),
        ],
      ],
      reject: [
        [
          'a typed value whose @type is Property',
          weather({
            dateObserved: prop({ '@type': 'Property', '@value': '2026-11-25T11:00:00Z' }),
          }),
        ],
        [
          'relative humidity 64.42 without a unit (a fraction is wanted)',
          weather({ relativeHumidity: prop(64.42) }),
        ],
        [
          'a second instance that is not a number',
          weather({
            temperature: [
              prop(-3, { datasetId: 'urn:ngsi-ld:Dataset:a' }),
              prop('cold', { datasetId: 'urn:ngsi-ld:Dataset:b' }),
            ],
          }),
        ],
        ['a value outside the enum', weather({ weatherType: prop(7) })],
      ],
    },
    'schema.attribute-name': {
      accept: [
        ['a model attribute', weather({ relativeHumidity: prop(0.5) })],
        ['an unrelated extra attribute', weather({ stationCode: prop('SDL-1') })],
      ],
      reject: [
        ['humidity for relativeHumidity', weather({ humidity: prop(0.5) })],
        ['atmosfericPressure', weather({ atmosfericPressure: prop(1000) })],
        ['a case variant (Temperature)', weather({ temperature: undefined, Temperature: prop(3) })],
      ],
    },
    'completeness.required': {
      accept: [['all required attributes', weather()]],
      reject: [['no location', weather({ location: undefined })]],
    },
    'completeness.recommended': {
      accept: [
        [
          'a DataQualityAssessment without location',
          {
            id: 'urn:ngsi-ld:DataQualityAssessment:1',
            type: 'DataQualityAssessment',
            dateCalculated: '2026-11-25T11:00:00Z',
          },
        ],
        [
          'a Device without readings and without dateObserved',
          {
            id: 'urn:ngsi-ld:Device:d1',
            type: 'Device',
            controlledProperty: ['temperature'],
            location: { type: 'Point', coordinates: [17.3, 62.39] },
          },
        ],
      ],
      reject: [
        [
          'a Device with a reading and no dateObserved',
          {
            id: 'urn:ngsi-ld:Device:d2',
            type: 'Device',
            controlledProperty: ['temperature'],
            temperature: 3,
            location: { type: 'Point', coordinates: [17.3, 62.39] },
          },
        ],
      ],
    },
    'plausibility.range': {
      accept: [
        ['-4.5 °C', weather()],
        ['23 °F (converted)', weather({ temperature: prop(23, { unitCode: 'FAH' }) })],
        [
          '880 hPa at a mountain station',
          weather({ atmosphericPressure: prop(880, { unitCode: 'A97' }) }),
        ],
      ],
      reject: [
        ['900 °C', weather({ temperature: prop(900, { unitCode: 'CEL' }) })],
        ['45 °C in Sweden', weather({ temperature: prop(45, { unitCode: 'CEL' }) })],
      ],
    },
    'plausibility.placeholder': {
      accept: [['a real reading', weather()]],
      reject: [['-9999 °C', weather({ temperature: prop(-9999, { unitCode: 'CEL' }) })]],
    },
    'plausibility.season': {
      accept: [
        ['+5 °C in Sundsvall in November', weather({ temperature: prop(5, { unitCode: 'CEL' }) })],
        [
          '+22 °C in Sundsvall in July',
          weather({
            dateObserved: prop('2026-07-15T12:00:00Z'),
            temperature: prop(22, { unitCode: 'CEL' }),
          }),
        ],
      ],
      reject: [
        [
          '+22 °C in Sundsvall in November',
          weather({ temperature: prop(22, { unitCode: 'CEL' }) }),
        ],
      ],
    },
    'units.known': {
      accept: [
        ['CEL', weather()],
        ['5K (counts per minute)', weather({ flow: prop(3, { unitCode: '5K' }) })],
      ],
      reject: [['"C" for Celsius', weather({ temperature: prop(3, { unitCode: 'C' }) })]],
    },
    'units.fit': {
      accept: [
        ['CO2 in mg/m³ (convertible to ppm)', weather({ co2: prop(0.8, { unitCode: 'GP' }) })],
      ],
      reject: [
        ['metres for a temperature', weather({ temperature: prop(3, { unitCode: 'MTR' }) })],
      ],
    },
    'timeliness.missing': {
      accept: [['dateObserved present', weather()]],
      reject: [
        [
          'an observation type without any time',
          {
            id: 'urn:ngsi-ld:NoiseLevelObserved:n1',
            type: 'NoiseLevelObserved',
            location: { type: 'Point', coordinates: [17.3, 62.39] },
          },
        ],
      ],
    },
    'timeliness.invalid': {
      accept: [['an ISO 8601 time', weather()]],
      reject: [['"yesterday"', weather({ dateObserved: prop('yesterday') })]],
    },
    'timeliness.zone': {
      accept: [
        ['Z', weather()],
        ['+01:00', weather({ dateObserved: prop('2026-11-25T12:50:00+01:00') })],
      ],
      reject: [
        ['no zone on dateObserved', weather({ dateObserved: prop('2026-11-25T11:50:00') })],
        [
          'no zone on observedAt',
          weather({ temperature: prop(3, { observedAt: '2026-11-25T11:50:00' }) }),
        ],
        ['no zone on createdAt', weather({ createdAt: '2026-11-25T11:50:00' })],
      ],
    },
    'timeliness.future': {
      accept: [['ten minutes ago', weather()]],
      reject: [['tomorrow', weather({ dateObserved: prop('2026-11-26T12:00:00Z') })]],
    },
    'timeliness.max-age': {
      accept: [['ten minutes ago', weather()]],
      reject: [['last year', weather({ dateObserved: prop('2025-11-25T12:00:00Z') })]],
    },
    'location.geojson': {
      accept: [['a Point', weather()]],
      reject: [
        [
          'a Polygon missing a level of nesting',
          weather({
            location: {
              type: 'GeoProperty',
              value: {
                type: 'Polygon',
                coordinates: [
                  [17.3, 62.3],
                  [17.4, 62.3],
                  [17.4, 62.4],
                  [17.3, 62.3],
                ],
              },
            },
          }),
        ],
      ],
    },
    'location.region': {
      accept: [
        ['Sundsvall', weather()],
        ['Visby on Gotland', weather({ location: point([18.2948, 57.6348]) })],
        ['Kiruna', weather({ location: point([20.2253, 67.8558]) })],
        ['Malmö harbour', weather({ location: point([12.9987, 55.6137]) })],
        [
          'Alnö, an island the outline leaves out',
          weather({ location: point([17.4431, 62.4286]) }),
        ],
        ['Sandhamn in the Stockholm archipelago', weather({ location: point([18.912, 59.288]) })],
        ['Ven in Öresund', weather({ location: point([12.69, 55.91]) })],
      ],
      reject: [
        ['Copenhagen', weather({ location: point([12.5683, 55.6761]) })],
        ['Oslo', weather({ location: point([10.7522, 59.9139]) })],
        ['Riga', weather({ location: point([24.1052, 56.9496]) })],
        ['Helsinki', weather({ location: point([24.9384, 60.1699]) })],
      ],
    },
    'location.swapped': {
      accept: [['Sundsvall as [lon, lat]', weather()]],
      reject: [
        ['Sundsvall as [lat, lon]', weather({ location: point([62.3908, 17.3069]) })],
        [
          'Nice as [lat, lon] with a French address',
          weather({
            location: point([43.66, 7.19]),
            address: prop({ addressCountry: 'France', addressLocality: 'Nice' }),
          }),
        ],
        ['a latitude of 168', weather({ location: point([-56.64, 168.37]) })],
      ],
    },
    'location.projected': {
      accept: [['WGS84 degrees', weather()]],
      reject: [['SWEREF 99 TM metres', weather({ location: point([616_542, 6_917_657]) })]],
    },
    'location.placeholder': {
      accept: [['a real position', weather()]],
      reject: [['[0, 0]', weather({ location: point([0, 0]) })]],
    },
    'identifiers.urn': {
      accept: [['urn:ngsi-ld:WeatherObserved:sundsvall-1', weather()]],
      reject: [['an https id', weather({ id: 'https://example.org/sensors/1' })]],
    },
    'identifiers.type-match': {
      accept: [['id names the type', weather()]],
      reject: [['id names another type', weather({ id: 'urn:ngsi-ld:AirQualityObserved:1' })]],
    },
  };

describe('precision per rule: what each rule must accept and must reject', () => {
  for (const [rule, { accept, reject }] of Object.entries(CASES)) {
    describe(rule, () => {
      for (const [name, entity] of accept) {
        it(`accepts ${name}`, async () => {
          expect(rulesOf(await check(entity))).not.toContain(rule);
        });
      }
      for (const [name, entity] of reject) {
        it(`rejects ${name}`, async () => {
          expect(rulesOf(await check(entity))).toContain(rule);
        });
      }
    });
  }

  it('reports one issue per problem: no completeness.required + schema pair, no structure + identifiers.urn pair', async () => {
    const noLocation = await check(weather({ location: undefined }));
    expect(noLocation.issues.filter((i) => i.path === '$.location').map((i) => i.rule)).toEqual([
      'completeness.required',
    ]);
    const badId = await check(weather({ id: 'sundsvall-1' }));
    expect(badId.issues.filter((i) => i.path === '$.id').map((i) => i.rule)).toEqual(['structure']);
  });

  it('keeps going after a structure error: the rest of the entity is still checked', async () => {
    const r = await check(
      weather({
        id: 'sundsvall-1',
        temperature: prop(900, { unitCode: 'CEL' }),
        location: point([62.3908, 17.3069]),
      }),
    );
    expect(rulesOf(r)).toEqual(
      expect.arrayContaining(['structure', 'plausibility.range', 'location.swapped']),
    );
  });

  it('says "array of linear rings" for a ring missing a level of nesting', async () => {
    const r = await check(
      weather({
        location: {
          type: 'GeoProperty',
          value: {
            type: 'Polygon',
            coordinates: [
              [17.3, 62.3],
              [17.4, 62.3],
              [17.4, 62.4],
              [17.3, 62.3],
            ],
          },
        },
      }),
    );
    const issue = r.issues.find((i) => i.rule === 'location.geojson');
    expect(issue?.message).toMatch(/array of linear rings/);
    expect(issue?.messageSv).toMatch(/linjära ringar/);
  });

  it('names the Smart Data Model conflict when Device uses the attribute "value"', async () => {
    const r = await check({
      id: 'urn:ngsi-ld:Device:d3',
      type: 'Device',
      controlledProperty: ['temperature'],
      value: '3',
    });
    const issue = r.issues.find((i) => i.rule === 'structure');
    expect(issue?.message).toMatch(/Smart Data Model Device .* conflicts with NGSI-LD/);
  });

  it('reports two versions of a static entity as a duplicate, not a conflict', async () => {
    const spot = (status: string) => ({
      id: 'urn:ngsi-ld:ParkingSpot:p9',
      type: 'ParkingSpot',
      category: ['onStreet'],
      status,
      refParkingSite: 'urn:ngsi-ld:OnStreetParking:s1',
      location: { type: 'Point', coordinates: [17.3, 62.39] },
    });
    const [, second] = await validateBatch([spot('free'), spot('occupied')], { now: () => NOW });
    expect(rulesOf(second!)).toContain('consistency.duplicate');
    expect(rulesOf(second!)).not.toContain('consistency.conflict');
  });
});

describe('Swedish output is Swedish throughout', () => {
  it('translates every schema, structure and location detail of a broken entity', async () => {
    const r = await check(
      weather({
        id: 'sundsvall-1',
        weatherType: prop(7),
        relativeHumidity: prop(64),
        refDevice: { type: 'Relationship', object: 'dev 1' },
        location: point([12.5683, 55.6761]),
      }),
    );
    expect(r.issues.length).toBeGreaterThan(3);
    const english = /\b(Expected|Must be|Does not match|is not|must be|lies outside|Sweden)\b/;
    for (const i of r.issues) expect(i.messageSv, i.message).not.toMatch(english);
    expect(r.issues.find((i) => i.rule === 'location.region')?.messageSv).toContain('Sverige');
  });
});

interface CorpusEntry {
  readonly name: string;
  readonly source: string;
  readonly want: readonly RuleId[];
  readonly entity: unknown;
}

describe('third-party corpus (test/corpus, provenance in its README)', () => {
  const corpus = JSON.parse(
    readFileSync(join(import.meta.dirname, 'corpus', 'entities.json'), 'utf8'),
  ) as CorpusEntry[];

  for (const entry of corpus) {
    it(`${entry.name}: exactly ${entry.want.join(', ') || 'no findings'}`, async () => {
      const found = rulesOf(await check(entry.entity)).sort();
      expect(found, entry.source).toEqual([...entry.want].sort());
    });
  }
});

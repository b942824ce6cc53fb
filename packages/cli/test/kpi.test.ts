import { createClient } from '@smartcitylab/client';
import { KeyPerformanceIndicator } from '@smartcitylab/models/key-performance-indicator';
import { type Broker, startBroker } from '@smartcitylab/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './harness.js';

let broker: Broker;
beforeAll(async () => {
  broker = await startBroker();
  const client = createClient({ baseUrl: broker.url });
  const reading = (value: number, observedAt: string) => ({ type: 'Property', value, observedAt });
  // Two stations on 25 November: means 15 and 50; the reading of the 26th is outside the day.
  await client.createEntity({
    id: 'urn:ngsi-ld:AirQualityObserved:a',
    type: 'AirQualityObserved',
    no2: reading(10, '2026-11-25T06:00:00Z'),
  });
  await client.appendTemporalInstances('urn:ngsi-ld:AirQualityObserved:a', {
    no2: [reading(20, '2026-11-25T18:00:00Z'), reading(500, '2026-11-26T06:00:00Z')],
  });
  await client.createEntity({
    id: 'urn:ngsi-ld:AirQualityObserved:b',
    type: 'AirQualityObserved',
    no2: reading(50, '2026-11-25T12:00:00Z'),
  });
});
afterAll(() => broker.close());

describe('smartcity kpi', () => {
  it('is listed in the overview and has help with examples', async () => {
    expect((await cli(['--help'])).stdout).toMatch(/\n {2}kpi {2,}Computes an indicator/);
    const help = await cli(['kpi', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
  });

  it('prints the daily mean NO2 per station with its period, formula and source', async () => {
    const run = await cli(['kpi', broker.url, '--preset', 'no2-daily', '--at', '2026-11-25']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[2]).toMatch(/^urn:ngsi-ld:AirQualityObserved:a\s+15\s+1\s+2$/);
    expect(lines[3]).toMatch(/^urn:ngsi-ld:AirQualityObserved:b\s+50\s+1\s+1$/);
    expect(run.stdout).toContain('period:  [2026-11-25T00:00:00.000Z, 2026-11-26T00:00:00.000Z)');
    expect(run.stdout).toContain('formula: mean(no2) over the AirQualityObserved observations');
    expect(run.stdout).toContain('source:  http://127.0.0.1:');
  });

  it('prints valid KPI entities as JSON and publishes them', async () => {
    const run = await cli([
      'kpi',
      broker.url,
      '--preset',
      'no2-daily',
      '--at',
      '2026-11-25',
      '--json',
      '--publish',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('published 2 KeyPerformanceIndicator entities\n');
    const entities = JSON.parse(run.stdout) as unknown[];
    expect(entities).toHaveLength(2);
    for (const e of entities) expect(KeyPerformanceIndicator.validate(e).success).toBe(true);
    const stored = await createClient({ baseUrl: broker.url }).getEntity(
      'urn:ngsi-ld:KeyPerformanceIndicator:no2-daily-mean:b:20261125',
      { format: 'keyValues' },
    );
    expect(stored).toMatchObject({ kpiValue: 50, calculationFrequency: 'daily' });
  });

  it('computes a custom indicator from flags', async () => {
    const run = await cli([
      'kpi',
      broker.url,
      '--type',
      'AirQualityObserved',
      '--attr',
      'no2',
      '--stat',
      'share-above',
      '--threshold',
      '40',
      '--from',
      '2026-11-25T00:00:00Z',
      '--to',
      '2026-11-27T00:00:00Z',
    ]);
    expect(run.code).toBe(0);
    // 500 and 50 of the four readings are above 40.
    expect(run.stdout.split('\n')[2]).toMatch(/^all\s+0\.5\s+2\s+4$/);
  });

  it.each([
    [['--preset', 'pollen'], /--preset must be one of waste-full, no2-daily/],
    [['--type', 'X'], /Give --preset, or --type, --attr and --stat/],
    [['--preset', 'no2-daily', '--at', 'tuesday'], /"tuesday" is not a date/],
    [
      ['--type', 'X', '--attr', 'y', '--stat', 'share-above'],
      /shareAbove needs a numeric threshold/,
    ],
    [['--preset', 'waste-full', '--from', '2026-11-25'], /Give both --from and --to/],
  ])('refuses %j in one line', async (flags, want) => {
    const run = await cli(['kpi', broker.url, ...flags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(want);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

import { runConformance } from '@smartcitylab/conformance';
import { type Broker, startBroker } from '@smartcitylab/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWeather } from './support/seed.js';

const NOW = new Date('2026-11-25T08:00:00Z');
let broker: Broker;
beforeAll(async () => {
  broker = await startBroker();
  await seedWeather(broker.url, 250, '2026-11-25T07:00:00Z');
});
afterAll(() => broker.close());

describe('the MIM2 data audit', () => {
  it('pages through every entity of a type and finds them valid', async () => {
    const report = await runConformance({
      endpoint: broker.url,
      profiles: ['mim2-data'],
      audit: { types: ['WeatherObserved'], sample: 1000, pageSize: 40, now: () => NOW },
      rps: 0,
    });
    expect(report.checks.map((c) => [c.id, c.status, c.reason])).toEqual([
      ['data.entities-present', 'pass', undefined],
      ['data.schema-valid', 'pass', undefined],
      ['data.model-known', 'pass', undefined],
      ['data.quality-score', 'pass', undefined],
    ]);
    expect(report.audit?.[0]).toMatchObject({
      type: 'WeatherObserved',
      entitiesSeen: 250,
      schemaValidPercent: 100,
      modelKnown: true,
    });
    expect(report.mode).toBe('read-only');
  });
});

import { createClient, type NgsiLdClient } from '@smartcitylab/client';
import {
  computeIndicator,
  dailyMeanNo2,
  type IndicatorDefinition,
  kpiEntityId,
  periodOf,
  publishIndicators,
  toKpiEntity,
  wasteContainersOverThreshold,
} from '@smartcitylab/indicators';
import { KeyPerformanceIndicator } from '@smartcitylab/models/key-performance-indicator';
import { type Broker, startBroker } from '@smartcitylab/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let broker: Broker;

beforeAll(async () => {
  broker = await startBroker();
});
afterAll(() => broker.close());

const WEEK = periodOf('week', '2026-11-25'); // Monday 23 to Monday 30 November

/** Creates an entity and appends observations of one attribute at the given times. */
async function seed(
  tenant: NgsiLdClient,
  id: string,
  type: string,
  attribute: string,
  observations: ReadonlyArray<readonly [value: number, at: string]>,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const [first, ...rest] = observations;
  await tenant.createEntity({
    id,
    type,
    ...extra,
    ...(first ? { [attribute]: { type: 'Property', value: first[0], observedAt: first[1] } } : {}),
  });
  if (rest.length > 0) {
    await tenant.appendTemporalInstances(id, {
      [attribute]: rest.map(([value, observedAt]) => ({ type: 'Property', value, observedAt })),
    });
  }
}

const town = (name: string) => ({
  address: { type: 'Property', value: { addressLocality: name, addressCountry: 'SE' } },
});

describe('share of waste containers over 80 % full this week, per municipality', () => {
  let c: NgsiLdClient;
  beforeAll(async () => {
    c = createClient({ baseUrl: broker.url, tenant: 'waste' });
    const w = (id: string) => `urn:ngsi-ld:WasteContainer:${id}`;
    // Sundsvall: a (0.9 inside) and d (0.81) are over; b stays at 0.5; c was 0.85 only
    // before the week. e has no reading this week. 2 of 4 containers with data: 0.5.
    await seed(
      c,
      w('a'),
      'WasteContainer',
      'fillingLevel',
      [
        [0.2, '2026-11-23T08:00:00Z'],
        [0.9, '2026-11-26T08:00:00Z'],
        [0.1, '2026-11-27T08:00:00Z'],
      ],
      town('Sundsvall'),
    );
    await seed(
      c,
      w('b'),
      'WasteContainer',
      'fillingLevel',
      [[0.5, '2026-11-24T08:00:00Z']],
      town('Sundsvall'),
    );
    await seed(
      c,
      w('c'),
      'WasteContainer',
      'fillingLevel',
      [
        [0.85, '2026-11-22T23:59:59Z'],
        [0.3, '2026-11-23T00:00:00Z'],
      ],
      town('Sundsvall'),
    );
    await seed(
      c,
      w('d'),
      'WasteContainer',
      'fillingLevel',
      [
        [0.81, '2026-11-29T23:59:59Z'],
        [0.99, '2026-11-30T00:00:00Z'],
      ],
      town('Sundsvall'),
    );
    await seed(
      c,
      w('e'),
      'WasteContainer',
      'fillingLevel',
      [[0.95, '2026-11-10T10:00:00Z']],
      town('Sundsvall'),
    );
    // Timrå: f over, g exactly 0.8 (not above), h low: 1 of 3.
    await seed(
      c,
      w('f'),
      'WasteContainer',
      'fillingLevel',
      [[0.95, '2026-11-25T12:00:00Z']],
      town('Timrå'),
    );
    await seed(
      c,
      w('g'),
      'WasteContainer',
      'fillingLevel',
      [[0.8, '2026-11-25T12:00:00Z']],
      town('Timrå'),
    );
    await seed(
      c,
      w('h'),
      'WasteContainer',
      'fillingLevel',
      [[0.2, '2026-11-25T12:00:00Z']],
      town('Timrå'),
    );
    // No address: cannot be grouped by municipality.
    await seed(c, w('i'), 'WasteContainer', 'fillingLevel', [[0.9, '2026-11-25T12:00:00Z']]);
  });

  it('computes the known shares, names the entities left out, and states query, formula and period', async () => {
    const definition = wasteContainersOverThreshold({
      at: '2026-11-25',
      organization: 'Sundsvalls kommun',
    });
    expect(definition.period).toEqual(WEEK);
    const report = await computeIndicator(c, definition);
    expect(report.results.map((r) => [r.group, r.value, r.entities, r.observations])).toEqual([
      ['Sundsvall', 0.5, 4, 6],
      ['Timrå', 1 / 3, 3, 3],
    ]);
    expect(report.withoutData).toEqual(['urn:ngsi-ld:WasteContainer:e']);
    expect(report.ungrouped).toEqual(['urn:ngsi-ld:WasteContainer:i']);
    const [first] = report.results;
    expect(first?.formula).toBe(
      'count(max(fillingLevel) of each WasteContainer entity > 0.8) / count(max(fillingLevel) of each WasteContainer entity) with observedAt in [2026-11-23T00:00:00.000Z, 2026-11-30T00:00:00.000Z), per municipality (address.addressLocality)',
    );
    expect(first?.sourceQuery).toContain(
      `${broker.url}: GET /ngsi-ld/v1/entities?type=WasteContainer`,
    );
    expect(first?.sourceQuery).toContain(
      'GET /ngsi-ld/v1/temporal/entities?type=WasteContainer&attrs=fillingLevel&timerel=between&timeAt=2026-11-23T00%3A00%3A00.000Z&endTimeAt=2026-11-30T00%3A00%3A00.000Z',
    );
  });

  it('publishes valid KeyPerformanceIndicator entities that a recomputation replaces', async () => {
    const definition = wasteContainersOverThreshold({
      at: '2026-11-25',
      organization: 'Sundsvalls kommun',
    });
    const report = await computeIndicator(c, definition);
    const now = new Date('2026-11-30T06:00:00Z');
    const first = await publishIndicators(c, report.results, { now });
    expect(first.errors).toEqual([]);
    const again = await publishIndicators(c, report.results, { now });
    expect(again.errors).toEqual([]);
    const kpis = await c.queryEntities({ type: 'KeyPerformanceIndicator', limit: 100 });
    expect(kpis.entities.map((e) => e.id).sort()).toEqual([
      'urn:ngsi-ld:KeyPerformanceIndicator:waste-containers-over-80:sundsvall:20261123',
      'urn:ngsi-ld:KeyPerformanceIndicator:waste-containers-over-80:timra:20261123',
    ]);
    for (const e of kpis.entities) {
      const normalized = KeyPerformanceIndicator.validate(e, 'normalized');
      expect(normalized.success ? [] : normalized.issues).toEqual([]);
    }
    const timra = await c.getEntity(
      'urn:ngsi-ld:KeyPerformanceIndicator:waste-containers-over-80:timra:20261123',
      { format: 'keyValues' },
    );
    expect(timra).toMatchObject({
      kpiValue: 1 / 3,
      calculationPeriod: { from: '2026-11-23', to: '2026-11-29' },
      calculationFrequency: 'weekly',
      calculationMethod: 'automatic',
      dateNextCalculation: '2026-12-07',
      address: { addressLocality: 'Timrå' },
      organization: 'Sundsvalls kommun',
      aggregatedData: [{ entityType: 'WasteContainer', attrs: ['fillingLevel'] }],
    });
  });
});

describe('daily mean NO2 per station', () => {
  let c: NgsiLdClient;
  beforeAll(async () => {
    c = createClient({ baseUrl: broker.url, tenant: 'air' });
    const a = (id: string) => `urn:ngsi-ld:AirQualityObserved:${id}`;
    await seed(c, a('storgatan'), 'AirQualityObserved', 'no2', [
      [10, '2026-11-25T00:00:00Z'],
      [20, '2026-11-25T08:00:00Z'],
      [30, '2026-11-25T23:59:59Z'],
      [1000, '2026-11-26T00:00:00Z'],
    ]);
    await seed(c, a('esplanaden'), 'AirQualityObserved', 'no2', [
      [999, '2026-11-24T23:59:59Z'],
      [40, '2026-11-25T10:00:00Z'],
      [41, '2026-11-25T11:00:00Z'],
    ]);
  });

  it('averages the day of each station, end exclusive', async () => {
    const report = await computeIndicator(c, dailyMeanNo2({ at: '2026-11-25T15:00:00+01:00' }));
    expect(report.results.map((r) => [r.group, r.value, r.observations])).toEqual([
      ['urn:ngsi-ld:AirQualityObserved:esplanaden', 40.5, 2],
      ['urn:ngsi-ld:AirQualityObserved:storgatan', 20, 3],
    ]);
    const kpi = toKpiEntity(report.results[1]!, { now: new Date('2026-11-26T01:00:00Z') });
    expect(kpi).toMatchObject({
      id: 'urn:ngsi-ld:KeyPerformanceIndicator:no2-daily-mean:storgatan:20261125',
      kpiValue: 20,
      calculationFrequency: 'daily',
      calculationPeriod: { from: '2026-11-25', to: '2026-11-25' },
      seeAlso: 'urn:ngsi-ld:AirQualityObserved:storgatan',
    });
    expect(KeyPerformanceIndicator.validate(kpi).success).toBe(true);
  });

  it('gives min, max, sum and count over all stations', async () => {
    const base = dailyMeanNo2({ at: '2026-11-25' });
    const run = async (statistic: IndicatorDefinition['statistic']) =>
      (await computeIndicator(c, { ...base, statistic, groupBy: 'all' })).results.map(
        (r) => r.value,
      );
    expect(await run('min')).toEqual([10]);
    expect(await run('max')).toEqual([41]);
    expect(await run('sum')).toEqual([141]);
    expect(await run('count')).toEqual([5]);
    expect(await run('mean')).toEqual([141 / 5]);
  });
});

describe('generated data', () => {
  it('matches a direct computation on 60 containers in 3 areas, read in small pages', async () => {
    const c = createClient({ baseUrl: broker.url, tenant: 'generated' });
    // A small linear congruential generator: the same data on every run.
    let state = 42;
    const next = () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
    const areas = ['Centrum', 'Haga', 'Skönsberg'];
    const expected = new Map<string, { over: number; total: number }>();
    for (let i = 0; i < 60; i++) {
      const area = areas[i % 3] as string;
      const readings = Array.from(
        { length: 5 },
        (_, k) =>
          [
            Math.round(next() * 100) / 100,
            `2026-11-${String(23 + k).padStart(2, '0')}T12:00:00Z`,
          ] as const,
      );
      const max = Math.max(...readings.map(([v]) => v));
      const e = expected.get(area) ?? { over: 0, total: 0 };
      e.total++;
      if (max > 0.8) e.over++;
      expected.set(area, e);
      await seed(
        c,
        `urn:ngsi-ld:WasteContainer:g${i}`,
        'WasteContainer',
        'fillingLevel',
        readings,
        {
          areaServed: { type: 'Property', value: area },
        },
      );
    }
    const report = await computeIndicator(
      c,
      { ...wasteContainersOverThreshold({ at: '2026-11-25' }), groupBy: 'area' },
      { pageSize: 7 },
    );
    expect(report.results.map((r) => [r.group, r.value, r.entities])).toEqual(
      [...expected]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([area, e]) => [area, e.over / e.total, e.total]),
    );
    expect(kpiEntityId(report.results[2]!)).toBe(
      'urn:ngsi-ld:KeyPerformanceIndicator:waste-containers-over-80:skonsberg:20261123',
    );
  }, 180_000);
});

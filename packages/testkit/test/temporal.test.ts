import { type Broker, startBroker } from '@smartcitylab/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, room } from './support.js';

let broker: Broker;
beforeEach(async () => {
  broker = await startBroker({ temporalPageSize: 5 });
});
afterEach(async () => {
  await broker.close();
});

const ID = 'urn:ngsi-ld:Sensor:1';
const at = (minute: number): string =>
  new Date(Date.parse('2026-03-01T10:00:00Z') + minute * 60_000)
    .toISOString()
    .replace('.000Z', 'Z');

async function seedHistory(values: number[]): Promise<void> {
  const res = await call(broker, 'POST', '/temporal/entities', {
    id: ID,
    type: 'Sensor',
    temperature: values.map((v, k) => ({ type: 'Property', value: v, observedAt: at(k * 10) })),
  });
  expect(res.status).toBe(201);
}

describe('temporal history', () => {
  it('records every create and update of a current entity', async () => {
    await call(broker, 'POST', '/entities', room(1, 20));
    await call(broker, 'PATCH', '/entities/urn:ngsi-ld:Room:1/attrs', { temperature: 21 });
    await call(broker, 'POST', '/entityOperations/upsert?options=update', [room(1, 22)]);
    const got = await call(
      broker,
      'GET',
      '/temporal/entities/urn:ngsi-ld:Room:1?options=temporalValues',
    );
    expect(got.status).toBe(200);
    const values = (got.body as { temperature: { values: Array<[number, string]> } }).temperature
      .values;
    expect(values.map(([v]) => v)).toEqual([20, 21, 22]);
  });

  it('returns normalized instances with instanceIds, and temporalValues', async () => {
    await seedHistory([1, 2, 3]);
    const normalized = await call(broker, 'GET', `/temporal/entities/${ID}`);
    expect(normalized.body).toEqual({
      id: ID,
      type: 'Sensor',
      temperature: [1, 2, 3].map((v, k) => ({
        type: 'Property',
        value: v,
        observedAt: at(k * 10),
        instanceId: expect.stringMatching(/^urn:ngsi-ld:attribute:instance:/),
      })),
    });
    const simplified = await call(broker, 'GET', `/temporal/entities/${ID}?format=temporalValues`);
    expect(simplified.body).toEqual({
      id: ID,
      type: 'Sensor',
      temperature: {
        type: 'Property',
        values: [
          [1, at(0)],
          [2, at(10)],
          [3, at(20)],
        ],
      },
    });
  });

  it.each([
    { name: 'timerel before', query: `timerel=before&timeAt=${at(15)}`, want: [1, 2] },
    { name: 'timerel after', query: `timerel=after&timeAt=${at(15)}`, want: [3, 4] },
    {
      name: 'timerel between',
      query: `timerel=between&timeAt=${at(10)}&endTimeAt=${at(30)}`,
      want: [2, 3],
    },
    { name: 'lastN', query: 'lastN=2', want: [3, 4] },
  ])('filters instances by $name', async ({ query, want }) => {
    await seedHistory([1, 2, 3, 4]);
    const got = await call(
      broker,
      'GET',
      `/temporal/entities/${ID}?options=temporalValues&${query}`,
    );
    expect(got.status, got.text).toBe(200);
    expect(
      (got.body as { temperature: { values: Array<[number]> } }).temperature.values.map(([v]) => v),
    ).toEqual(want);
  });

  it.each([
    {
      methods: 'avg,min,max',
      period: 'PT20M',
      want: { avg: [1.5, 3.5], min: [1, 3], max: [2, 4] },
    },
    {
      methods: 'sum,totalCount,distinctCount',
      period: 'PT1H',
      want: { sum: [10], totalCount: [4], distinctCount: [4] },
    },
    { methods: 'sumsq,stddev', period: 'PT1H', want: { sumsq: [30], stddev: [Math.sqrt(1.25)] } },
  ])('aggregates $methods over $period', async ({ methods, period, want }) => {
    await seedHistory([1, 2, 3, 4]);
    const got = await call(
      broker,
      'GET',
      `/temporal/entities/${ID}?options=aggregatedValues&aggrMethods=${methods}&aggrPeriodDuration=${period}`,
    );
    expect(got.status, got.text).toBe(200);
    const attr = (got.body as { temperature: Record<string, Array<[number, string, string]>> })
      .temperature;
    for (const [method, values] of Object.entries(want)) {
      expect(
        attr[method]?.map(([v]) => v),
        method,
      ).toEqual(values);
    }
    if (period === 'PT20M') {
      expect(attr.avg?.[1]).toEqual([3.5, at(20), at(40)]);
    }
  });

  it('paginates long histories with 206 and Content-Range', async () => {
    await seedHistory([1, 2, 3, 4, 5, 6, 7, 8]);
    const got = await call(broker, 'GET', `/temporal/entities/${ID}?options=temporalValues`);
    expect(got.status).toBe(206);
    expect(got.headers.get('content-range')).toBe(`date-time ${at(0)}-${at(40)}/*`);
    const next = await call(
      broker,
      'GET',
      `/temporal/entities/${ID}?options=temporalValues&timerel=after&timeAt=${encodeURIComponent('2026-03-01T10:41:00Z')}`,
    );
    expect(next.status).toBe(200);
    expect(
      (next.body as { temperature: { values: Array<[number]> } }).temperature.values.map(
        ([v]) => v,
      ),
    ).toEqual([6, 7, 8]);
  });

  it('appends, patches and deletes instances', async () => {
    await seedHistory([1]);
    expect(
      (
        await call(broker, 'POST', `/temporal/entities/${ID}/attrs`, {
          temperature: [{ type: 'Property', value: 2, observedAt: at(5) }],
        })
      ).status,
    ).toBe(204);
    const before = await call(broker, 'GET', `/temporal/entities/${ID}`);
    const instances = (before.body as { temperature: Array<{ instanceId: string; value: number }> })
      .temperature;
    expect(instances.map((i) => i.value)).toEqual([1, 2]);
    const first = instances[0]?.instanceId as string;
    expect(
      (
        await call(broker, 'PATCH', `/temporal/entities/${ID}/attrs/temperature/${first}`, {
          temperature: { type: 'Property', value: 10, observedAt: at(0) },
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await call(
          broker,
          'DELETE',
          `/temporal/entities/${ID}/attrs/temperature/${instances[1]?.instanceId}`,
        )
      ).status,
    ).toBe(204);
    const after = await call(broker, 'GET', `/temporal/entities/${ID}?options=temporalValues`);
    expect(after.body).toMatchObject({ temperature: { values: [[10, at(0)]] } });
    expect((await call(broker, 'DELETE', `/temporal/entities/${ID}`)).status).toBe(204);
    expect((await call(broker, 'GET', `/temporal/entities/${ID}`)).status).toBe(404);
  });

  it('queries histories by type', async () => {
    await seedHistory([1, 2]);
    await call(broker, 'POST', '/entities', room(1));
    const got = await call(broker, 'GET', '/temporal/entities?type=Sensor&options=temporalValues');
    expect(got.body).toEqual([
      {
        id: ID,
        type: 'Sensor',
        temperature: {
          type: 'Property',
          values: [
            [1, at(0)],
            [2, at(10)],
          ],
        },
      },
    ]);
    expect((await call(broker, 'GET', '/temporal/entities')).status).toBe(400);
  });

  it.each([
    { name: 'aggregatedValues without aggrMethods', query: 'options=aggregatedValues' },
    { name: 'an unknown aggrMethod', query: 'options=aggregatedValues&aggrMethods=median' },
    {
      name: 'a bad duration',
      query: 'options=aggregatedValues&aggrMethods=avg&aggrPeriodDuration=1h',
    },
    { name: 'timerel without timeAt', query: 'timerel=before' },
    { name: 'a bad lastN', query: 'lastN=zero' },
  ])('rejects $name', async ({ query }) => {
    await seedHistory([1]);
    expect((await call(broker, 'GET', `/temporal/entities/${ID}?${query}`)).status).toBe(400);
  });
});

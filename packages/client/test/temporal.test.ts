import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '@smartcitylab/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ID = 'urn:ngsi-ld:WaterObserved:1';
const T0 = Date.parse('2026-11-01T00:00:00Z');
const HOUR = 3_600_000;
/** 25 hourly instances; the server sends at most 10 per page, like a broker's limit. */
const history = Array.from({ length: 25 }, (_, i) => ({
  type: 'Property',
  value: i,
  observedAt: new Date(T0 + i * HOUR).toISOString(),
  instanceId: `urn:ngsi-ld:Instance:${i}`,
}));
const PAGE = 10;

let url = '';
const seen: URLSearchParams[] = [];
let close: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      seen.push(u.searchParams);
      if (req.method === 'POST' || req.method === 'DELETE') {
        res.writeHead(204);
        res.end();
        return;
      }
      const p = u.searchParams;
      const at = p.get('timeAt') ? Date.parse(p.get('timeAt') as string) : undefined;
      const end = p.get('endTimeAt') ? Date.parse(p.get('endTimeAt') as string) : undefined;
      const rel = p.get('timerel');
      let match = history.filter((h) => {
        const t = Date.parse(h.observedAt);
        if (rel === 'after') return at === undefined || t >= at;
        if (rel === 'before') return at === undefined || t < at;
        if (rel === 'between')
          return (at === undefined || t >= at) && (end === undefined || t < end);
        return true;
      });
      const lastN = p.get('lastN');
      if (lastN) match = match.slice(-Number(lastN)).reverse();
      const page = match.slice(0, PAGE);
      const temporalValues = p.get('options') === 'temporalValues';
      const attr = temporalValues
        ? { type: 'Property', values: page.map((h) => [h.value, h.observedAt]) }
        : page;
      const body = JSON.stringify({ id: ID, type: 'WaterObserved', temperature: attr });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      let status = 200;
      if (match.length > PAGE) {
        status = 206;
        headers['content-range'] = `date-time ${page[0]?.observedAt}-${page.at(-1)?.observedAt}/*`;
      }
      res.writeHead(status, headers);
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise<void>((r) => server.close(() => r()));
});
afterAll(() => close());

describe('temporal', () => {
  const client = () => createClient({ baseUrl: url });
  const cases = [
    {
      name: 'ascending history after a time (normalized)',
      options: { timerel: 'after' as const, timeAt: '2026-11-01T00:00:00Z' },
      want: history.map((h) => h.value),
    },
    {
      name: 'a window between two times',
      options: {
        timerel: 'between' as const,
        timeAt: '2026-11-01T03:00:00Z',
        endTimeAt: '2026-11-01T20:00:00Z',
      },
      want: history.slice(3, 20).map((h) => h.value),
    },
    {
      name: 'lastN newest first over several pages',
      options: { timerel: 'before' as const, timeAt: '2026-11-02T00:00:00Z', lastN: 15 },
      want: history
        .slice(9, 24)
        .map((h) => h.value)
        .reverse(),
    },
  ];
  it.each(cases)('follows 206 pages: $name', async ({ options, want }) => {
    const e = await client().getTemporalEntity(ID, { attrs: ['temperature'], ...options });
    const values = (e.temperature as { value: number }[]).map((x) => x.value);
    if (options.lastN) expect([...values].sort((a, b) => b - a)).toEqual(want);
    else expect([...values].sort((a, b) => a - b)).toEqual(want);
  });

  it('merges temporalValues pages without duplicates', async () => {
    const e = await client().getTemporalEntity(ID, {
      format: 'temporalValues',
      timerel: 'after',
      timeAt: '2026-11-01T00:00:00Z',
    });
    const values = (e.temperature as { values: [number, string][] }).values.map((v) => v[0]);
    expect(values).toEqual(history.map((h) => h.value));
    expect(seen.at(-1)?.get('options')).toBe('temporalValues');
  });

  it('sends aggregation parameters', async () => {
    await client().queryTemporal({
      type: 'WaterObserved',
      format: 'aggregatedValues',
      aggrMethods: ['avg', 'max'],
      aggrPeriodDuration: 'PT1H',
      timerel: 'before',
      timeAt: '2026-11-01T05:00:00Z',
    });
    const p = seen.at(-1);
    expect([
      p?.get('options'),
      p?.get('aggrMethods'),
      p?.get('aggrPeriodDuration'),
      p?.get('type'),
    ]).toEqual(['aggregatedValues', 'avg,max', 'PT1H', 'WaterObserved']);
  });

  it('stops after maxPages', async () => {
    const before = seen.length;
    await client().getTemporalEntity(ID, {
      timerel: 'after',
      timeAt: '2026-11-01T00:00:00Z',
      maxPages: 2,
    });
    expect(seen.length - before).toBe(2);
  });
});

import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import {
  type QualityReport,
  type StreamEmit,
  type StreamResult,
  validateBatch,
  validateEntity,
  validateStream,
} from '@smartcitylab/validate';
import { describe, expect, it } from 'vitest';
import { describeWithFixtures, listFixtureFiles } from '../../../test-support/fixtures.js';

const NOW = new Date('2026-11-25T12:00:00Z');

function entity(i: number, temperature = 2 + (i % 5)): Record<string, unknown> {
  return {
    id: `urn:ngsi-ld:WeatherObserved:s${i}`,
    type: 'WeatherObserved',
    dateObserved: '2026-11-25T11:00:00Z',
    temperature,
    location: { type: 'Point', coordinates: [17.3, 62.4] },
  };
}

describe('validateStream pulls its input only as fast as the consumer takes results', () => {
  it('keeps the records read ahead of a slow consumer bounded', { timeout: 60_000 }, async () => {
    const count = 3_000;
    let produced = 0;
    let consumed = 0;
    let maxAhead = 0;
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < count; i += 10) {
          let block = '';
          for (let j = i; j < i + 10; j++) block += `${JSON.stringify(entity(j))}\n`;
          produced += 10;
          maxAhead = Math.max(maxAhead, produced - consumed);
          yield block;
        }
      })(),
    );
    for await (const r of validateStream(source, { now: () => NOW })) {
      if (r.kind !== 'entity') continue;
      consumed++;
      // A slow consumer: one event-loop turn per result.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(consumed).toBe(count);
    // Readable.from reads ahead up to its high-water mark (16 blocks of 10); nothing more piles up.
    expect(maxAhead).toBeLessThanOrEqual(200);
  });
});

describe('validateStream emits only what is asked for and counts everything', () => {
  const input = [entity(1), entity(2, 900), entity(3, 25), '{not json'];
  const text = input.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('\n');
  const cases: { emit: StreamEmit; want: string[] }[] = [
    { emit: 'all', want: ['entity 0', 'entity 1', 'entity 2', 'unreadable 3'] },
    { emit: 'issues', want: ['entity 1', 'entity 2', 'unreadable 3'] },
    { emit: 'invalid', want: ['entity 1', 'unreadable 3'] },
    { emit: 'none', want: [] },
  ];
  for (const c of cases) {
    it(`emit: ${c.emit}`, async () => {
      const seen: string[] = [];
      let last: StreamResult | undefined;
      for await (const r of validateStream([text], { now: () => NOW, emit: c.emit })) {
        last = r;
        if (r.kind !== 'summary') seen.push(`${r.kind} ${r.index}`);
      }
      expect(seen).toEqual(c.want);
      expect(last).toMatchObject({
        kind: 'summary',
        total: 4,
        valid: 2,
        invalid: 1,
        unreadable: 1,
        issuesByRule: { 'plausibility.range': 1, 'plausibility.season': 1 },
      });
    });
  }
});

describeWithFixtures(
  'validateStream gives the reports validateEntity and validateBatch give',
  'smart-data-models',
  () => {
    it('on every official NGSI-LD example, streamed as one NDJSON text', {
      timeout: 120_000,
    }, async () => {
      const entities: unknown[] = [];
      for (const file of listFixtureFiles('smart-data-models', '.jsonld')) {
        if (!/\/example(-normalized)?\.jsonld$/.test(file)) continue;
        try {
          entities.push(JSON.parse(readFileSync(file, 'utf8')));
        } catch {
          // an example that is not JSON is covered by official-examples.test.ts
        }
      }
      expect(entities.length).toBeGreaterThan(50);
      const ndjson = entities.map((e) => JSON.stringify(e)).join('\n');
      const streamed: QualityReport[] = [];
      // Awkward chunk sizes, so records straddle chunk borders.
      const chunks: string[] = [];
      for (let i = 0; i < ndjson.length; i += 997) chunks.push(ndjson.slice(i, i + 997));
      for await (const r of validateStream(Readable.from(chunks), { now: () => NOW })) {
        if (r.kind === 'entity') streamed.push(r.report);
      }
      expect(streamed).toHaveLength(entities.length);
      // A batch runs the same cross-entity checks as a stream: identical reports.
      expect(streamed).toEqual(await validateBatch(entities, { now: () => NOW }));
      // One entity alone has no duplicate check (the examples hold each entity twice, keyValues
      // and normalized: a stream rightly finds those); everything else is the same.
      const own = (issues: QualityReport['issues']) =>
        issues.filter((i) => !i.rule.startsWith('consistency.'));
      for (const [i, e] of entities.entries()) {
        const alone = await validateEntity(e, { now: () => NOW });
        const s = streamed[i] as QualityReport;
        expect(own(s.issues), alone.entityId).toEqual(alone.issues);
        expect(own(s.issues).some((x) => x.severity === 'error')).toBe(!alone.valid);
        expect({ ...s.dimensions, consistency: null }).toEqual({
          ...alone.dimensions,
          consistency: null,
        });
      }
    });
  },
);

describe('the duplicate check tells repeats from conflicts by content, not by layout', () => {
  const base = {
    id: 'urn:ngsi-ld:WeatherObserved:fp',
    type: 'WeatherObserved',
    dateObserved: '2026-11-25T11:00:00Z',
    temperature: 2.5,
    location: { type: 'Point', coordinates: [17.3, 62.4] },
  };
  const cases: { name: string; second: Record<string, unknown>; want: string }[] = [
    { name: 'the same reading', second: { ...base }, want: 'consistency.duplicate' },
    {
      name: 'the same reading, attributes in another order',
      second: {
        location: base.location,
        temperature: 2.5,
        type: base.type,
        dateObserved: base.dateObserved,
        id: base.id,
      },
      want: 'consistency.duplicate',
    },
    {
      name: 'an undefined member, which JSON leaves out',
      second: { ...base, note: undefined },
      want: 'consistency.duplicate',
    },
    {
      name: 'another fraction',
      second: { ...base, temperature: 2.25 },
      want: 'consistency.conflict',
    },
    {
      name: 'a number as text',
      second: { ...base, temperature: '2.5' },
      want: 'consistency.conflict',
    },
    {
      name: 'another position',
      second: { ...base, location: { type: 'Point', coordinates: [17.3, 62.41] } },
      want: 'consistency.conflict',
    },
    {
      name: 'an array split differently',
      second: { ...base, tags: ['ab', 'c'], location: base.location },
      want: 'consistency.conflict',
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const first = c.name === 'an array split differently' ? { ...base, tags: ['a', 'bc'] } : base;
      const [, second] = await validateBatch([first, c.second], { now: () => NOW });
      expect(second?.issues.map((i) => i.rule).filter((r) => r.startsWith('consistency'))).toEqual([
        c.want,
      ]);
    });
  }
});

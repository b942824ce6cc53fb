import { Readable } from 'node:stream';
import { type StreamResult, type StreamSummary, validateStream } from '@smartcitylab/validate';
import { describe, expect, it } from 'vitest';

const NOW = new Date('2026-11-25T12:00:00Z');

function entity(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `urn:ngsi-ld:WeatherObserved:s${i}`,
    type: 'WeatherObserved',
    dateObserved: '2026-11-25T11:00:00Z',
    temperature: 2 + (i % 5),
    location: { type: 'Point', coordinates: [17.3, 62.4] },
    ...extra,
  };
}

async function collect(
  source: Parameters<typeof validateStream>[0],
  options: Parameters<typeof validateStream>[1] = {},
): Promise<{ results: StreamResult[]; summary: StreamSummary }> {
  const results: StreamResult[] = [];
  for await (const r of validateStream(source, { now: () => NOW, ...options })) results.push(r);
  const summary = results.at(-1);
  if (summary?.kind !== 'summary') throw new TypeError('stream ended without a summary');
  return { results: results.slice(0, -1), summary };
}

/** Splits text into chunks of awkward sizes so records straddle chunk borders. */
function chunked(text: string, size = 7): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

describe('validateStream reads every source kind', () => {
  const lines = [entity(1), entity(2), entity(3)].map((e) => JSON.stringify(e)).join('\n');
  const array = JSON.stringify([entity(1), entity(2), entity(3)], null, 2);
  const cases: { name: string; source: () => Parameters<typeof validateStream>[0] }[] = [
    { name: 'NDJSON from a Node stream', source: () => Readable.from(chunked(lines)) },
    {
      name: 'NDJSON as bytes',
      source: () => chunked(lines).map((c) => new TextEncoder().encode(c)),
    },
    { name: 'a JSON array from a Node stream', source: () => Readable.from(chunked(array, 5)) },
    {
      name: 'a JSON array from a web ReadableStream',
      source: () =>
        new ReadableStream<Uint8Array>({
          start(c) {
            for (const part of chunked(array, 11)) c.enqueue(new TextEncoder().encode(part));
            c.close();
          },
        }),
    },
    {
      name: 'parsed entities from an async iterable',
      source: () =>
        (async function* () {
          yield entity(1);
          yield entity(2);
          yield entity(3);
        })(),
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { results, summary } = await collect(c.source());
      expect(results.map((r) => (r.kind === 'entity' ? r.report.entityId : r.kind))).toEqual([
        'urn:ngsi-ld:WeatherObserved:s1',
        'urn:ngsi-ld:WeatherObserved:s2',
        'urn:ngsi-ld:WeatherObserved:s3',
      ]);
      expect(summary).toMatchObject({ total: 3, valid: 3, invalid: 0, unreadable: 0 });
    });
  }
});

describe('validateStream reads one large chunk without a line break', () => {
  // A minified one-line JSON array handed over as a single buffer: decoded in parts that cannot
  // end at a line break.
  it('gives the results of the same bytes in small chunks', async () => {
    const entities = Array.from({ length: 3000 }, (_, i) =>
      entity(i, { name: `Å-${'ö'.repeat(i % 300)}` }),
    );
    const bytes = new TextEncoder().encode(JSON.stringify(entities));
    const small = Array.from({ length: Math.ceil(bytes.length / 4093) }, (_, i) =>
      bytes.subarray(i * 4093, (i + 1) * 4093),
    );
    const one = await collect([bytes], { emit: 'all' });
    const many = await collect(small, { emit: 'all' });
    expect(one.summary).toMatchObject({ total: 3000, unreadable: 0 });
    expect(JSON.stringify(one.results)).toBe(JSON.stringify(many.results));
  });
});

describe('validateStream names the line a record starts on', () => {
  // Blank lines before the first record used to be skipped without being counted for it.
  const text = `\n\n${JSON.stringify(entity(1))}\n\n${JSON.stringify(entity(2))}\nnot json\n`;
  const arrayText = `\n\n[\n${JSON.stringify(entity(1))},\n\n${JSON.stringify(entity(2))}\n]`;
  const lines = (results: StreamResult[]) =>
    results.map((r) => `${r.kind}@${r.kind === 'summary' ? '' : r.line}`);
  for (const [name, source, want] of [
    ['NDJSON in one chunk', () => [text], ['entity@3', 'entity@5', 'unreadable@6']],
    [
      'NDJSON a character at a time',
      () => chunked(text, 1),
      ['entity@3', 'entity@5', 'unreadable@6'],
    ],
    ['a JSON array', () => chunked(arrayText, 3), ['entity@4', 'entity@6']],
  ] as const) {
    it(name, async () => {
      const { results } = await collect(source());
      expect(lines(results)).toEqual(want);
    });
  }
});

describe('validateStream reads large byte chunks as it reads the text', () => {
  // Chunks of 64 KiB bytes are decoded in parts that end at a line break: records with
  // multi-byte characters, a line longer than a part and a chunk ending mid-record must come out
  // as they do from the same text handed over as one string.
  const records = Array.from({ length: 600 }, (_, i) =>
    JSON.stringify(
      entity(i, {
        name: `Göteborg – Järntorget ${'ö'.repeat(i % 7)}`,
        ...(i === 300 ? { description: `Mätstation ${'å'.repeat(40_000)}` } : {}),
      }),
    ),
  );
  const text = `${records.join('\n')}\n{"id": broken\n${records[5]}`;
  const bytes = new TextEncoder().encode(text);
  const cases: { name: string; size: number }[] = [
    { name: 'chunks of 64 KiB', size: 65_536 },
    { name: 'chunks of 16 KiB + 1', size: 16_385 },
    { name: 'one chunk', size: bytes.length },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const want = await collect([text]);
      const parts: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += c.size) parts.push(bytes.subarray(i, i + c.size));
      const got = await collect(parts);
      expect(JSON.stringify(got)).toBe(JSON.stringify(want));
      expect(want.summary).toMatchObject({ total: 602, unreadable: 1 });
    });
  }
});

describe('validateStream on bad input goes on and counts everything', () => {
  it('reports not-JSON and truncated lines by line number', async () => {
    const text = [
      JSON.stringify(entity(1)),
      '{"id": "urn:ngsi-ld:WeatherObserved:2", "type": ',
      'this is not json',
      JSON.stringify(entity(4)),
      '{"id":"urn:ngsi-ld:WeatherObserved:5"',
    ].join('\n');
    const { results, summary } = await collect(Readable.from(chunked(text, 13)));
    expect(results.map((r) => r.kind)).toEqual([
      'entity',
      'unreadable',
      'unreadable',
      'entity',
      'unreadable',
    ]);
    const lines = results.map((r) => (r.kind === 'unreadable' ? r.line : undefined));
    expect(lines).toEqual([undefined, 2, 3, undefined, 5]);
    expect(summary).toMatchObject({ total: 5, valid: 2, unreadable: 3 });
  });

  it('reports a JSON array cut off in the middle', async () => {
    const text = `[${JSON.stringify(entity(1))}, {"id": "urn:ngsi-ld:X:2", "type": "X", "a": [1, 2`;
    const { results, summary } = await collect([text]);
    expect(results.map((r) => r.kind)).toEqual(['entity', 'unreadable']);
    expect(summary.unreadable).toBe(1);
  });

  it('reports an unknown type as a finding, not a crash', async () => {
    const { results } = await collect(
      [JSON.stringify(entity(1, { type: 'NoSuchModel', id: 'urn:ngsi-ld:NoSuchModel:1' }))],
      {
        loadModel: async () => undefined,
      },
    );
    const first = results[0];
    expect(first?.kind === 'entity' && first.report.issues.map((i) => i.rule)).toContain(
      'model.unknown',
    );
  });

  it('skips a 100 MB string without holding it and goes on', async () => {
    const big = 'x'.repeat(1024 * 1024);
    async function* source(): AsyncGenerator<string> {
      yield `${JSON.stringify(entity(1))}\n{"id":"urn:ngsi-ld:WeatherObserved:2","type":"WeatherObserved","note":"`;
      for (let i = 0; i < 100; i++) yield big;
      yield `"}\n${JSON.stringify(entity(3))}\n`;
    }
    const { results, summary } = await collect(source(), { maxEntityBytes: 1024 * 1024 });
    expect(results.map((r) => r.kind)).toEqual(['entity', 'unreadable', 'entity']);
    const bad = results[1];
    expect(bad?.kind === 'unreadable' && bad.message).toMatch(/Line 2: .*exceeds maxEntityBytes/);
    expect(summary).toMatchObject({ total: 3, valid: 2, unreadable: 1 });
  });

  it('reports 10,000-deep nesting as a structure error', async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const text = `{"id":"urn:ngsi-ld:WeatherObserved:1","type":"WeatherObserved","x":{"type":"Property","value":${deep}}}\n`;
    const { results, summary } = await collect([text]);
    const r = results[0];
    expect(r?.kind === 'entity' && r.report.issues[0]?.rule).toBe('structure');
    expect(summary).toMatchObject({ total: 1, invalid: 1 });
  });

  it('keeps __proto__ and constructor keys from polluting prototypes', async () => {
    const text =
      '{"id":"urn:ngsi-ld:WeatherObserved:1","type":"WeatherObserved","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}\n';
    const { summary } = await collect([text]);
    expect(summary.total).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('flags duplicates and conflicting updates across the stream', async () => {
    const a = entity(1);
    const conflict = entity(1, { temperature: 30 });
    const { results, summary } = await collect([a, a, conflict]);
    const found = results.map((r) =>
      r.kind === 'entity'
        ? r.report.issues.map((i) => i.rule).filter((x) => x.startsWith('consistency'))
        : [],
    );
    expect(found).toEqual([[], ['consistency.duplicate'], ['consistency.conflict']]);
    expect(summary.invalid).toBe(1);
  });

  it('remembers only the last duplicateWindow readings, in constant memory', async () => {
    const [a, b, c] = [entity(1), entity(2), entity(3)];
    const rulesOf = (results: StreamResult[]): string[][] =>
      results.map((r) =>
        r.kind === 'entity'
          ? r.report.issues.map((i) => i.rule).filter((x) => x.startsWith('consistency'))
          : [],
      );
    const within = await collect([a, b, a], { duplicateWindow: 2 });
    expect(rulesOf(within.results)).toEqual([[], [], ['consistency.duplicate']]);
    const beyond = await collect([a, b, c, a], { duplicateWindow: 2 });
    expect(rulesOf(beyond.results)).toEqual([[], [], [], []]);
  });
});

describe('validateStream reads its options as given, with its own clock', () => {
  const line = JSON.stringify({
    id: 'urn:ngsi-ld:Thing:1',
    type: 'Thing',
    temperature: 500,
    dateObserved: new Date().toISOString(),
  });
  const rules = { 'plausibility.range': { enabled: false } } as const;

  async function rulesOf(options: Parameters<typeof validateStream>[1]): Promise<string[]> {
    const out: string[] = [];
    for await (const r of validateStream(Readable.from([line]), options))
      if (r.kind === 'entity') out.push(...r.report.issues.map((i) => i.rule));
    return out;
  }

  it('honours options a getter or a prototype gives when no now is set', async () => {
    // Without the rule switched off the reading of 500 degrees is a plausibility error.
    expect(await rulesOf({ loadModel: false })).toContain('plausibility.range');
    class Options {
      readonly loadModel = false;
      get rules() {
        return rules;
      }
    }
    expect(await rulesOf(new Options())).not.toContain('plausibility.range');
    const inherited = Object.create({ rules, loadModel: false }) as Parameters<
      typeof validateStream
    >[1];
    expect(await rulesOf(inherited)).not.toContain('plausibility.range');
  }, 60_000);
});

describe('validateStream results are an async generator object', () => {
  it('say so, and are disposable where the runtime has Symbol.asyncDispose', async () => {
    const lines = [entity(1), entity(2), entity(3)].map((e) => JSON.stringify(e)).join('\n');
    const results = validateStream([lines]);
    expect(Object.prototype.toString.call(results)).toBe('[object AsyncGenerator]');
    expect((await results.next()).done).toBe(false);
    const dispose = (Symbol as { asyncDispose?: symbol }).asyncDispose;
    if (dispose === undefined) return;
    const disposeOf = (results as unknown as Record<symbol, () => Promise<void>>)[dispose];
    expect(typeof disposeOf).toBe('function');
    await disposeOf?.call(results);
    expect(await results.next()).toEqual({ value: undefined, done: true });
  });
});

import { createClient } from '@smartcitylab/client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Fault,
  type MiniBroker,
  type RecordedRequest,
  startMiniBroker,
} from './support/mini-broker.js';

const entity = (n: number) => ({
  id: `urn:ngsi-ld:Streetlight:${n}`,
  type: 'Streetlight',
  powerState: { type: 'Property', value: n % 2 === 0 ? 'on' : 'off' },
});
const fast = { retries: 6, baseDelayMs: 1, maxDelayMs: 4, maxRetryAfterMs: 2 };

let broker: MiniBroker | undefined;
afterEach(async () => {
  await broker?.close();
  broker = undefined;
});

describe('batch operations', () => {
  it('chunks to batchSize and folds 201/204/207 answers into one result', async () => {
    broker = await startMiniBroker();
    broker.entities.set('urn:ngsi-ld:Streetlight:3', entity(3));
    const client = createClient({ baseUrl: broker.url, batchSize: 4 });
    const input = [
      ...Array.from({ length: 10 }, (_, i) => entity(i)),
      { id: 'bad id', type: 'Streetlight' },
    ];
    const result = await client.createEntities(input);
    expect(broker.requests.map((r) => (r.body as unknown[]).length)).toEqual([4, 4, 3]);
    expect(result.success).toEqual(
      ['0', '1', '2', '4', '5', '6', '7', '8', '9'].map((n) => `urn:ngsi-ld:Streetlight:${n}`),
    );
    expect(result.errors.map((e) => [e.entityId, e.error.type])).toEqual([
      ['urn:ngsi-ld:Streetlight:3', 'https://uri.etsi.org/ngsi-ld/errors/AlreadyExists'],
      ['bad id', 'https://uri.etsi.org/ngsi-ld/errors/BadRequestData'],
    ]);
  });

  const modes = [
    {
      name: 'upsert replace (default)',
      run: (c: ReturnType<typeof createClient>) =>
        c.upsertEntities([{ ...entity(1), extra: { type: 'Property', value: 1 } }]),
      wantPath: '/entityOperations/upsert',
      want: { extra: { type: 'Property', value: 1 }, keepsOld: false },
    },
    {
      name: 'upsert update',
      run: (c: ReturnType<typeof createClient>) =>
        c.upsertEntities(
          [{ id: entity(1).id, type: 'Streetlight', extra: { type: 'Property', value: 1 } }],
          { mode: 'update' },
        ),
      wantPath: '/entityOperations/upsert?options=update',
      want: { extra: { type: 'Property', value: 1 }, keepsOld: true },
    },
    {
      name: 'merge',
      run: (c: ReturnType<typeof createClient>) =>
        c.mergeEntities([
          { id: entity(1).id, type: 'Streetlight', extra: { type: 'Property', value: 2 } },
        ]),
      wantPath: '/entityOperations/merge',
      want: { extra: { type: 'Property', value: 2 }, keepsOld: true },
    },
  ];
  it.each(modes)('$name', async ({ run, wantPath, want }) => {
    broker = await startMiniBroker();
    broker.entities.set(entity(1).id, { ...entity(1), old: { type: 'Property', value: 0 } });
    const client = createClient({ baseUrl: broker.url });
    const result = await run(client);
    expect(result).toEqual({ success: [entity(1).id], errors: [] });
    expect(broker.requests[0]?.url).toBe(`/ngsi-ld/v1${wantPath}`);
    expect(broker.entities.get(entity(1).id)?.extra).toEqual(want.extra);
    expect(broker.entities.get(entity(1).id)?.old !== undefined).toBe(want.keepsOld);
  });

  it('deletes by id and reports unknown ids', async () => {
    broker = await startMiniBroker();
    broker.entities.set(entity(1).id, entity(1));
    const client = createClient({ baseUrl: broker.url });
    const result = await client.deleteEntities([entity(1).id, entity(2).id]);
    expect(result.success).toEqual([entity(1).id]);
    expect(result.errors).toMatchObject([{ entityId: entity(2).id, error: { status: 404 } }]);
  });

  it('reports every entity of a chunk that fails as a whole, with the reason', async () => {
    broker = await startMiniBroker({
      fault: (r) =>
        (r.body as { id: string }[])[0]?.id === entity(4).id
          ? {
              kind: 'status',
              status: 500,
              body: {
                type: 'https://uri.etsi.org/ngsi-ld/errors/InternalError',
                title: 'db down',
                detail: 'disk full',
              },
            }
          : { kind: 'none' },
    });
    const client = createClient({ baseUrl: broker.url, batchSize: 4, retry: fast });
    const result = await client.createEntities(Array.from({ length: 10 }, (_, i) => entity(i)));
    expect(result.errors.map((e) => e.entityId)).toEqual([4, 5, 6, 7].map((n) => entity(n).id));
    expect(result.errors[0]?.error).toMatchObject({ title: 'db down', detail: 'disk full' });
    expect(result.success).toHaveLength(6);
    // create is not idempotent: the 500 is not resent.
    expect(broker.requests).toHaveLength(3);
  });
});

/** A tiny deterministic PRNG so the fault pattern is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fault injection: batch upsert of 10 000 entities', () => {
  it('leaves every entity in the broker or reported failed with its reason; none lost, none duplicated', async () => {
    const random = mulberry32(42);
    const poison = 'urn:ngsi-ld:Streetlight:5000';
    const counts = { 429: 0, 503: 0, reset: 0, hang: 0, poison: 0 };
    const attempts = new Map<string, number>();
    const fault = (r: RecordedRequest): Fault => {
      const ids = (r.body as { id: string }[]).map((e) => e.id);
      if (ids.includes(poison)) {
        counts.poison++;
        return { kind: 'status', status: 503 };
      }
      // At most four faults in a row per chunk, so the outcome does not hang on arrival order.
      const first = ids[0] ?? '';
      const attempt = attempts.get(first) ?? 0;
      attempts.set(first, attempt + 1);
      if (attempt >= 4) return { kind: 'none' };
      const roll = random();
      if (roll < 0.12) {
        counts[429]++;
        return { kind: 'status', status: 429, retryAfter: '1' };
      }
      if (roll < 0.22) {
        counts[503]++;
        return {
          kind: 'status',
          status: 503,
          retryAfter: new Date(Date.now() + 2000).toUTCString(),
        };
      }
      if (roll < 0.32) {
        counts.reset++;
        return { kind: 'reset', after: random() < 0.5 ? 'apply' : 'receive' };
      }
      if (roll < 0.36) {
        counts.hang++;
        return { kind: 'hang', after: random() < 0.5 ? 'apply' : 'receive' };
      }
      return { kind: 'none' };
    };
    broker = await startMiniBroker({ fault, record: false });
    const client = createClient({
      baseUrl: broker.url,
      batchSize: 100,
      batchConcurrency: 4,
      // Long enough that a loaded CI machine never times out a healthy chunk (the outcome
      // would change), short enough that the few injected hangs cost seconds, not minutes.
      timeoutMs: 3000,
      retry: fast,
    });
    const input = Array.from({ length: 10_000 }, (_, i) => entity(i));
    // A few invalid entities must come back as per-entity errors, not sink the chunk.
    input[123] = {
      id: 'not-a-uri-123',
      type: 'Streetlight',
      powerState: { type: 'Property', value: 'on' },
    };

    const result = await client.upsertEntities(input);

    expect(counts[429] + counts[503] + counts.reset + counts.hang).toBeGreaterThan(20);
    const successes = new Set(result.success);
    const failures = new Map(result.errors.map((e) => [e.entityId, e.error]));
    // Every entity reported exactly once.
    expect(result.success.length + result.errors.length).toBe(input.length);
    expect(successes.size).toBe(result.success.length);
    expect(failures.size).toBe(result.errors.length);
    for (const e of input) expect(successes.has(e.id) !== failures.has(e.id)).toBe(true);
    // Every success is in the broker; nothing the caller did not send is there.
    for (const id of successes) expect(broker.entities.has(id)).toBe(true);
    for (const id of broker.entities.keys())
      expect(successes.has(id) || failures.has(id)).toBe(true);
    // Failures carry their reason.
    expect(failures.get('not-a-uri-123')).toMatchObject({
      type: 'https://uri.etsi.org/ngsi-ld/errors/BadRequestData',
      status: 400,
    });
    expect(failures.get(poison)).toMatchObject({ status: 503 });
    expect(result.errors.filter((e) => e.error.status === 503)).toHaveLength(100);
    expect(failures.size).toBe(101);
    expect(broker.entities.size).toBe(10_000 - 101);
    // Re-sent chunks never produce a second copy: one entity per id, with the value sent.
    expect(broker.entities.get('urn:ngsi-ld:Streetlight:7')).toEqual(entity(7));
  });
});

import { createClient, type NgsiLdClient } from '@smartcitylab/client';
import { NgsiLdError } from '@smartcitylab/ngsi-ld';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

interface Broker {
  client: NgsiLdClient;
  /** The offset of every page request, in order. */
  offsets: number[];
}

/** A broker of `total` entities behind a fake fetch; `failAt` answers that offset with a 500. */
function broker(total: number, failAt?: number): Broker {
  const offsets: number[] = [];
  const client = createClient({
    baseUrl: 'https://broker.example',
    retry: { retries: 0 },
    fetch: async (url) => {
      const query = new URL(url).searchParams;
      const offset = Number(query.get('offset') ?? 0);
      const limit = Number(query.get('limit'));
      offsets.push(offset);
      if (offset === failAt) {
        return new Response(JSON.stringify({ type: 'about:blank', title: 'boom', status: 500 }), {
          status: 500,
          headers: { 'content-type': 'application/problem+json' },
        });
      }
      const page = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => ({
        id: `urn:ngsi-ld:T:${offset + i}`,
        type: 'T',
      }));
      return new Response(JSON.stringify(page), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    },
  });
  return { client, offsets };
}

/** queryAll as the `async function*` it was written as before: the behaviour to keep. */
async function* reference(
  client: NgsiLdClient,
  options: { type: string; limit?: number },
): AsyncGenerator<{ id: string }, void, undefined> {
  const limit = options.limit ?? 1000;
  let offset = 0;
  let previousFirst: unknown;
  for (;;) {
    const page = await client.queryEntities({ ...options, limit, offset, count: false });
    const first = (page.entities[0] as { id?: unknown } | undefined)?.id;
    if (first !== undefined && first === previousFirst) {
      throw new NgsiLdError('same page', { code: 'OperationNotSupported' });
    }
    previousFirst = first;
    for (const entity of page.entities) yield entity as { id: string };
    if (page.entities.length < limit) return;
    offset += page.entities.length;
  }
}

type Call = 'next' | 'return' | 'return7' | 'throw';

/**
 * Makes each group of calls at once, and records what every call settled to and the order in
 * which the calls of a group settled.
 */
async function drive(
  it: AsyncGenerator<{ id: string }, void, undefined>,
  groups: readonly (readonly Call[])[],
) {
  const log: unknown[] = [];
  for (const group of groups) {
    const order: number[] = [];
    const calls = group.map((call, k) => {
      const p =
        call === 'next'
          ? it.next()
          : call === 'return'
            ? it.return()
            : call === 'return7'
              ? // A value the generator's return type does not allow, as plain JavaScript may pass.
                it.return(7 as unknown as undefined)
              : it.throw(new Error('thrown'));
      const settled = (): void => {
        order.push(k);
      };
      p.then(settled, settled);
      return p;
    });
    const all = await Promise.allSettled(calls);
    log.push({ order });
    for (const settled of all) {
      log.push(
        settled.status === 'fulfilled'
          ? {
              done: settled.value.done,
              id: (settled.value.value as { id?: string } | undefined)?.id,
              value: settled.value.done ? settled.value.value : undefined,
            }
          : { error: (settled.reason as { code?: unknown; message?: unknown }).code ?? 'x' },
      );
    }
  }
  return log;
}

describe('queryAll', () => {
  it('requests nothing before the first next(), and nothing after return()', async () => {
    const { client, offsets } = broker(5);
    const all = client.queryAll({ type: 'T', limit: 2 });
    expect(offsets).toEqual([]);
    expect(await all.return()).toEqual({ value: undefined, done: true });
    expect(await all.next()).toEqual({ value: undefined, done: true });
    expect(offsets).toEqual([]);
  });

  it('answers calls made at once in order, across page boundaries', async () => {
    const { client, offsets } = broker(5);
    const all = client.queryAll({ type: 'T', limit: 2 });
    const results = await Promise.all(Array.from({ length: 7 }, () => all.next()));
    expect(results.map((r) => r.value?.id ?? null)).toEqual([
      'urn:ngsi-ld:T:0',
      'urn:ngsi-ld:T:1',
      'urn:ngsi-ld:T:2',
      'urn:ngsi-ld:T:3',
      'urn:ngsi-ld:T:4',
      null,
      null,
    ]);
    expect(offsets).toEqual([0, 2, 4]);
  });

  it('is done after a failed page, without requesting more', async () => {
    const { client, offsets } = broker(6, 2);
    const seen: string[] = [];
    const all = client.queryAll({ type: 'T', limit: 2 });
    await expect(
      (async () => {
        for await (const e of all) seen.push(e.id);
      })(),
    ).rejects.toMatchObject({ code: 'InternalError' });
    expect(seen).toEqual(['urn:ngsi-ld:T:0', 'urn:ngsi-ld:T:1']);
    expect(await all.next()).toEqual({ value: undefined, done: true });
    expect(offsets).toEqual([0, 2]);
  });

  it('looks like an async generator object, and is disposable where the runtime is', async () => {
    const { client, offsets } = broker(5);
    const all = client.queryAll({ type: 'T', limit: 2 });
    expect(Object.prototype.toString.call(all)).toBe('[object AsyncGenerator]');
    expect((await all.next()).value?.id).toBe('urn:ngsi-ld:T:0');
    const dispose = (Symbol as { asyncDispose?: symbol }).asyncDispose;
    if (dispose === undefined) return;
    const disposeOf = (all as unknown as Record<symbol, () => Promise<void>>)[dispose];
    expect(typeof disposeOf).toBe('function');
    await disposeOf?.call(all);
    expect(await all.next()).toEqual({ value: undefined, done: true });
    expect(offsets).toEqual([0]);
  });

  it('settles every sequence of next, return and throw as an async generator does', async () => {
    const call = fc.constantFrom<Call>(
      'next',
      'next',
      'next',
      'next',
      'return',
      'return7',
      'throw',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 4 }),
        fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
        fc.array(fc.array(call, { minLength: 1, maxLength: 4 }), { maxLength: 12 }),
        async (total, limit, failAt, groups) => {
          const ours = broker(total, failAt);
          const theirs = broker(total, failAt);
          const want = await drive(reference(theirs.client, { type: 'T', limit }), groups);
          const got = await drive(ours.client.queryAll({ type: 'T', limit }), groups);
          expect(got).toEqual(want);
          expect(ours.offsets).toEqual(theirs.offsets);
        },
      ),
      { numRuns: 300 },
    );
  });
});

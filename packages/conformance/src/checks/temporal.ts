/** mim1-temporal: the history of an entity through the temporal API. */
import {
  type CheckContext,
  createEntity,
  expectObject,
  expectProblem,
  expectStatus,
  isObject,
  newId,
  probeEntity,
  requireWrite,
  send,
} from '../internal/context.js';
import { CheckNotApplicable, expectThat } from '../internal/outcome.js';
import type { CheckFn } from './registry.js';

/** An entity with three temperature instances (10, 11, 12), each with its own observedAt. */
function history(ctx: CheckContext): Promise<string> {
  let p = ctx.memo.get('temporal.entity') as Promise<string> | undefined;
  if (!p) {
    p = (async () => {
      const id = newId(ctx, 'temporal');
      const at = (n: number) => new Date(Date.UTC(2026, 0, 1, n)).toISOString();
      await createEntity(ctx, {
        ...probeEntity(ctx, id),
        temperature: { type: 'Property', value: 10, observedAt: at(1) },
      });
      for (const [value, hour] of [
        [11, 2],
        [12, 3],
      ] as const) {
        const res = await send(ctx, {
          method: 'PATCH',
          path: `/entities/${encodeURIComponent(id)}/attrs`,
          json: { temperature: { type: 'Property', value, observedAt: at(hour) } },
        });
        expectStatus(res, [204], 'updating the temperature');
      }
      return id;
    })();
    ctx.memo.set('temporal.entity', p);
  }
  return p;
}

function temporalPath(id: string): string {
  return `/temporal/entities/${encodeURIComponent(id)}`;
}

export const temporalChecks: Record<string, CheckFn> = {
  async 'temporal.retrieve'(ctx) {
    requireWrite(ctx);
    const id = await history(ctx);
    const res = await send(ctx, { path: temporalPath(id) });
    if (res.status === 501)
      throw new CheckNotApplicable('the endpoint does not offer the temporal API (501)');
    expectStatus(res, [200, 206], 'retrieving the temporal evolution');
    const e = expectObject(res, 'retrieving the temporal evolution');
    const t = e.temperature;
    expectThat(
      Array.isArray(t),
      `temporal temperature must be an array of instances, got ${JSON.stringify(t)?.slice(0, 80)}`,
    );
    const values = t.map((i) => (isObject(i) ? i.value : undefined));
    for (const v of [10, 11, 12]) {
      expectThat(
        values.includes(v),
        `the history must hold temperature ${v}; it holds ${JSON.stringify(values)}`,
      );
    }
  },

  async 'temporal.timerel'(ctx) {
    requireWrite(ctx);
    const id = await history(ctx);
    const res = await send(ctx, {
      path: temporalPath(id),
      query: {
        timerel: 'after',
        timeAt: new Date(Date.UTC(2026, 0, 1, 2, 30)).toISOString(),
        attrs: 'temperature',
      },
    });
    if (res.status === 501)
      throw new CheckNotApplicable('the endpoint does not offer the temporal API (501)');
    expectStatus(res, [200, 206], 'timerel=after');
    const e = expectObject(res, 'timerel=after');
    const t = e.temperature;
    const list = Array.isArray(t) ? t : t === undefined ? [] : [t];
    const values = list.map((i) => (isObject(i) ? i.value : undefined));
    expectThat(
      values.length === 1 && values[0] === 12,
      `timerel=after 02:30 must keep only the 03:00 instance (12), got ${JSON.stringify(values)}`,
    );
  },

  async 'temporal.temporal-values'(ctx) {
    requireWrite(ctx);
    const id = await history(ctx);
    const res = await send(ctx, {
      path: temporalPath(id),
      query: { options: 'temporalValues', attrs: 'temperature' },
    });
    if (res.status === 400 || res.status === 501)
      throw new CheckNotApplicable(`the endpoint does not offer temporalValues (${res.status})`);
    expectStatus(res, [200, 206], 'options=temporalValues');
    const e = expectObject(res, 'options=temporalValues');
    const t = e.temperature;
    expectThat(
      isObject(t) && Array.isArray(t.values) && t.values.length >= 3,
      `options=temporalValues must give {"values":[[value, time], ...]}, got ${JSON.stringify(t)?.slice(0, 80)}`,
    );
  },

  async 'temporal.missing-404'(ctx) {
    const res = await send(ctx, { path: temporalPath(`${ctx.idPrefix}:does-not-exist`) });
    if (res.status === 501)
      throw new CheckNotApplicable('the endpoint does not offer the temporal API (501)');
    expectProblem(
      res,
      [404],
      'ResourceNotFound',
      'the temporal evolution of an entity that does not exist',
    );
  },
};

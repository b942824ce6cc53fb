/** mim1-batch: batch create, upsert, update and delete, with 207 partial results. */
import {
  type CheckContext,
  createEntity,
  expectObject,
  expectStatus,
  isObject,
  newId,
  probeEntity,
  requireWrite,
  send,
} from '../internal/context.js';
import type { ProbeAnswer } from '../internal/http.js';
import { expectThat } from '../internal/outcome.js';
import type { CheckFn } from './registry.js';

function track(ctx: CheckContext, ids: string[]): void {
  for (const id of ids) ctx.ledger.track('entity', id);
}

async function keyValues(
  ctx: CheckContext,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  const res = await send(ctx, {
    path: `/entities/${encodeURIComponent(id)}`,
    query: { options: 'keyValues' },
  });
  if (res.status === 404) return undefined;
  expectStatus(res, [200], `retrieving ${id}`);
  return expectObject(res, `retrieving ${id}`);
}

/** Checks a 207 BatchOperationResult: `ok` ids in success, `bad` ids in errors with a ProblemDetails. */
function expectMultiStatus(res: ProbeAnswer, ok: string[], bad: string[], doing: string): void {
  expectStatus(res, [207], doing);
  const body = expectObject(res, doing);
  const success = Array.isArray(body.success) ? body.success : [];
  const errors = Array.isArray(body.errors) ? body.errors : [];
  const okIds = success.map((s) => (typeof s === 'string' ? s : isObject(s) ? s.id : undefined));
  for (const id of ok) expectThat(okIds.includes(id), `${doing}: ${id} must be listed in success`);
  for (const id of bad) {
    const err = errors.find((e) => isObject(e) && e.entityId === id);
    expectThat(isObject(err), `${doing}: ${id} must be listed in errors`);
    expectThat(
      isObject(err.error) && typeof err.error.type === 'string',
      `${doing}: the error of ${id} must carry a ProblemDetails`,
    );
  }
}

export const batchChecks: Record<string, CheckFn> = {
  async 'batch.create-201'(ctx) {
    requireWrite(ctx);
    const ids = [newId(ctx, 'bc'), newId(ctx, 'bc'), newId(ctx, 'bc')];
    track(ctx, ids);
    const res = await send(ctx, {
      method: 'POST',
      path: '/entityOperations/create',
      json: ids.map((id) => probeEntity(ctx, id)),
    });
    expectStatus(res, [201], 'batch create of three new entities');
    const body = res.json;
    expectThat(
      Array.isArray(body) && ids.every((id) => body.includes(id)),
      'batch create must answer 201 with the array of created ids',
    );
    for (const id of ids)
      expectThat((await keyValues(ctx, id)) !== undefined, `batch create: ${id} was not created`);
  },

  async 'batch.create-partial-207'(ctx) {
    requireWrite(ctx);
    const existing = newId(ctx, 'bp');
    await createEntity(ctx, probeEntity(ctx, existing));
    const fresh = newId(ctx, 'bp');
    track(ctx, [fresh]);
    const res = await send(ctx, {
      method: 'POST',
      path: '/entityOperations/create',
      json: [probeEntity(ctx, fresh), probeEntity(ctx, existing)],
    });
    expectMultiStatus(res, [fresh], [existing], 'batch create with one existing entity');
  },

  async 'batch.upsert'(ctx) {
    requireWrite(ctx);
    const existing = newId(ctx, 'bu');
    await createEntity(ctx, probeEntity(ctx, existing, { temperature: 1 }));
    const fresh = newId(ctx, 'bu');
    track(ctx, [fresh]);
    const res = await send(ctx, {
      method: 'POST',
      path: '/entityOperations/upsert',
      json: [
        probeEntity(ctx, existing, { temperature: 2 }),
        probeEntity(ctx, fresh, { temperature: 3 }),
      ],
    });
    expectStatus(res, [201, 204], 'batch upsert of one existing and one new entity');
    const a = await keyValues(ctx, existing);
    const b = await keyValues(ctx, fresh);
    expectThat(
      a?.temperature === 2,
      `batch upsert must replace the existing entity (temperature 2), got ${JSON.stringify(a?.temperature)}`,
    );
    expectThat(b?.temperature === 3, 'batch upsert must create the new entity');
  },

  async 'batch.update-207'(ctx) {
    requireWrite(ctx);
    const existing = newId(ctx, 'bd');
    await createEntity(ctx, probeEntity(ctx, existing, { temperature: 1 }));
    const missing = newId(ctx, 'bd-missing');
    track(ctx, [missing]);
    const res = await send(ctx, {
      method: 'POST',
      path: '/entityOperations/update',
      json: [
        { id: existing, type: ctx.probeType, temperature: { type: 'Property', value: 5 } },
        { id: missing, type: ctx.probeType, temperature: { type: 'Property', value: 5 } },
      ],
    });
    expectMultiStatus(
      res,
      [existing],
      [missing],
      'batch update of one existing and one missing entity',
    );
    const a = await keyValues(ctx, existing);
    expectThat(
      a?.temperature === 5,
      `batch update must change the existing entity (temperature 5), got ${JSON.stringify(a?.temperature)}`,
    );
  },

  async 'batch.delete'(ctx) {
    requireWrite(ctx);
    const ids = [newId(ctx, 'bx'), newId(ctx, 'bx')];
    for (const id of ids) await createEntity(ctx, probeEntity(ctx, id));
    const res = await send(ctx, { method: 'POST', path: '/entityOperations/delete', json: ids });
    expectStatus(res, [204], 'batch delete of two entities');
    for (const id of ids) {
      expectThat((await keyValues(ctx, id)) === undefined, `batch delete: ${id} still exists`);
      ctx.ledger.forget('entity', id);
    }
  },

  async 'batch.delete-partial-207'(ctx) {
    requireWrite(ctx);
    const existing = newId(ctx, 'by');
    await createEntity(ctx, probeEntity(ctx, existing));
    const missing = newId(ctx, 'by-missing');
    const res = await send(ctx, {
      method: 'POST',
      path: '/entityOperations/delete',
      json: [existing, missing],
    });
    expectMultiStatus(
      res,
      [existing],
      [missing],
      'batch delete of one existing and one missing entity',
    );
  },
};

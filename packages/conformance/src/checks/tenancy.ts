/** mim1-tenancy: entities in one tenant are invisible from another; unknown tenants are refused. */
import {
  type CheckContext,
  expectObject,
  expectProblem,
  expectStatus,
  newId,
  probeEntity,
  requireWrite,
  send,
} from '../internal/context.js';
import { CheckNotApplicable, expectThat } from '../internal/outcome.js';
import type { CheckFn } from './registry.js';

/** The tenant the run creates for the isolation check (distinct from `--tenant`). */
function probeTenant(ctx: CheckContext): string {
  return `conformanceprobe${ctx.runId}`.toLowerCase();
}

export const tenancyChecks: Record<string, CheckFn> = {
  async 'tenancy.isolation'(ctx) {
    requireWrite(ctx);
    const tenant = probeTenant(ctx);
    const id = newId(ctx, 'tenant');
    ctx.ledger.track('entity', id, tenant);
    const created = await send(ctx, {
      method: 'POST',
      path: '/entities',
      json: probeEntity(ctx, id),
      headers: { 'ngsild-tenant': tenant },
    });
    if (created.status === 501)
      throw new CheckNotApplicable('the endpoint has no multi-tenancy (501 NoMultiTenantSupport)');
    expectStatus(created, [201], `creating an entity in tenant ${tenant}`);
    ctx.ledger.trackTenant(tenant);
    const inside = await send(ctx, {
      path: `/entities/${encodeURIComponent(id)}`,
      headers: { 'ngsild-tenant': tenant },
    });
    expectStatus(inside, [200], `retrieving the entity in tenant ${tenant}`);
    expectThat(
      expectObject(inside, 'retrieving in the tenant').id === id,
      'the tenant answered another entity',
    );
    const outside = await send(ctx, { path: `/entities/${encodeURIComponent(id)}` });
    expectThat(
      outside.status === 404,
      `an entity created in tenant ${tenant} must not be visible without the tenant header; got ${outside.status}`,
    );
  },

  async 'tenancy.unknown-tenant-404'(ctx) {
    const res = await send(ctx, {
      path: '/entities',
      query: { type: ctx.probeType },
      headers: { 'ngsild-tenant': `${probeTenant(ctx)}x` },
    });
    if (res.status === 501)
      throw new CheckNotApplicable('the endpoint has no multi-tenancy (501 NoMultiTenantSupport)');
    expectProblem(res, [404], 'NonexistentTenant', 'querying a tenant that does not exist');
  },
};

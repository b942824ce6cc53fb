/** Tenant resolution (NGSILD-Tenant header; Fiware-Service is accepted as an alias). */
import type { BrokerCore } from './core.js';
import type { RequestContext } from './http.js';
import { problem, RequestProblem } from './problems.js';
import type { TenantState } from './store.js';

/** The tenant named by the request headers ('' when none). */
export function tenantNameOf(headers: RequestContext['headers'], multiTenant: boolean): string {
  const raw = headers['ngsild-tenant'] ?? headers['fiware-service'];
  const name = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
  if (name !== '' && !multiTenant) {
    throw new RequestProblem(
      problem(
        'NoMultiTenantSupport',
        'No multi-tenancy support',
        'this broker was started with tenants: false',
      ),
      501,
    );
  }
  if (name.length > 64 || /[^\w\-.]/.test(name)) {
    throw new RequestProblem(
      problem('BadRequestData', 'Invalid tenant name', name.slice(0, 100)),
      400,
    );
  }
  return name;
}

/** The request's tenant for reading; 404 NonexistentTenant when it was never created. */
export function readTenant(core: BrokerCore, ctx: RequestContext): TenantState {
  const t = core.store.tenant(ctx.tenant);
  if (!t) throw new RequestProblem(problem('NonexistentTenant', 'No such tenant', ctx.tenant), 404);
  return t;
}

/** The request's tenant for creating things (created when missing). */
export function writeTenant(core: BrokerCore, ctx: RequestContext): TenantState {
  return core.store.tenantForWrite(ctx.tenant);
}

/** /csourceRegistrations CRUD (stored and listed; the broker does not forward requests). */
import { randomUUID } from 'node:crypto';
import { isUri } from '@smartcitylab/ngsi-ld';
import type { BrokerCore } from '../core.js';
import { isRecord } from '../entity-model.js';
import type { HandlerResult, RequestContext } from '../http.js';
import type { ActiveContext } from '../jsonld/active-context.js';
import { pagingOf } from '../params.js';
import { alreadyExists, badRequest, invalidRequest, notFound } from '../problems.js';
import type { StoredRegistration, TenantState } from '../store.js';
import { readTenant, writeTenant } from '../tenants.js';

const BASE = '/ngsi-ld/v1';

function checkRegistration(
  body: Record<string, unknown>,
  partial: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(body)) {
    if (
      key === 'id' ||
      key === 'type' ||
      key === '@context' ||
      key === 'createdAt' ||
      key === 'modifiedAt'
    )
      continue;
    out[key] = body[key];
  }
  if (!partial && body.type !== undefined && body.type !== 'ContextSourceRegistration') {
    throw badRequest('Invalid Registration', "'type' must be 'ContextSourceRegistration'");
  }
  if (!partial || out.information !== undefined) {
    if (
      !Array.isArray(out.information) ||
      out.information.length === 0 ||
      !out.information.every(isRecord)
    ) {
      throw badRequest(
        'Invalid Registration',
        "'information' must be a non-empty array of objects",
      );
    }
  }
  if (!partial || out.endpoint !== undefined) {
    if (typeof out.endpoint !== 'string' || !isUri(out.endpoint)) {
      throw badRequest('Invalid Registration', "'endpoint' must be a URI");
    }
  }
  return out;
}

/** Maps the names in `information` (entity types, property and relationship names). */
function mapInformation(
  body: Record<string, unknown>,
  f: (name: string) => string,
): Record<string, unknown> {
  if (!Array.isArray(body.information)) return body;
  const information = body.information.map((i) => {
    if (!isRecord(i)) return i;
    const out: Record<string, unknown> = { ...i };
    if (Array.isArray(i.entities)) {
      out.entities = i.entities.map((e) =>
        isRecord(e) && typeof e.type === 'string' ? { ...e, type: f(e.type) } : e,
      );
    }
    for (const key of ['propertyNames', 'relationshipNames']) {
      const list = i[key];
      if (Array.isArray(list)) out[key] = list.map((n) => (typeof n === 'string' ? f(n) : n));
    }
    return out;
  });
  return { ...body, information };
}

function render(reg: StoredRegistration, ac: ActiveContext): Record<string, unknown> {
  return {
    id: reg.id,
    type: 'ContextSourceRegistration',
    ...mapInformation(reg.body, (n) => ac.compact(n)),
  };
}

function requireRegistration(tenant: TenantState, id: string): StoredRegistration {
  const reg = tenant.registrations.get(id);
  if (!reg) throw notFound('Context Source Registration Not Found', id);
  return reg;
}

/** POST /csourceRegistrations */
export function createRegistrationHandler(core: BrokerCore, ctx: RequestContext): HandlerResult {
  if (ctx.body === undefined)
    throw invalidRequest('Payload body is missing', 'a registration is needed');
  if (!isRecord(ctx.body))
    throw badRequest('Invalid payload body', 'a registration must be a JSON object');
  const id =
    ctx.body.id === undefined
      ? `urn:ngsi-ld:ContextSourceRegistration:${randomUUID()}`
      : ctx.body.id;
  if (typeof id !== 'string' || !isUri(id))
    throw badRequest('Invalid Registration Id', String(id).slice(0, 100));
  const body = mapInformation(checkRegistration(ctx.body, false), (n) => ctx.ac.expand(n));
  const tenant = writeTenant(core, ctx);
  if (tenant.registrations.has(id)) throw alreadyExists('Registration already exists', id);
  const now = core.nowIso();
  tenant.registrations.set(id, { id, body, createdAt: now, modifiedAt: now });
  return { status: 201, headers: { Location: `${BASE}/csourceRegistrations/${id}` } };
}

/** GET /csourceRegistrations */
export function listRegistrationsHandler(core: BrokerCore, ctx: RequestContext): HandlerResult {
  const tenant = readTenant(core, ctx);
  const paging = pagingOf(ctx);
  const raw = ctx.query.get('type');
  const type = raw === undefined ? undefined : ctx.ac.expand(raw);
  const all = [...tenant.registrations.values()].filter(
    (r) => type === undefined || registrationTypes(r).includes(type),
  );
  const headers: Record<string, string> = {};
  if (paging.count) headers['NGSILD-Results-Count'] = String(all.length);
  return {
    status: 200,
    kind: 'entities',
    headers,
    body: all.slice(paging.offset, paging.offset + paging.limit).map((r) => render(r, ctx.ac)),
  };
}

/** GET /csourceRegistrations/{id} */
export function retrieveRegistrationHandler(
  core: BrokerCore,
  ctx: RequestContext,
  id: string,
): HandlerResult {
  return {
    status: 200,
    kind: 'entity',
    body: render(requireRegistration(readTenant(core, ctx), id), ctx.ac),
  };
}

/** PATCH /csourceRegistrations/{id} */
export function updateRegistrationHandler(
  core: BrokerCore,
  ctx: RequestContext,
  id: string,
): HandlerResult {
  const reg = requireRegistration(readTenant(core, ctx), id);
  if (!isRecord(ctx.body))
    throw badRequest('Invalid payload body', 'a registration fragment must be a JSON object');
  const patch = mapInformation(checkRegistration(ctx.body, true), (n) => ctx.ac.expand(n));
  reg.body = { ...reg.body, ...patch };
  reg.modifiedAt = core.nowIso();
  return { status: 204 };
}

/** DELETE /csourceRegistrations/{id} */
export function deleteRegistrationHandler(
  core: BrokerCore,
  ctx: RequestContext,
  id: string,
): HandlerResult {
  const tenant = readTenant(core, ctx);
  requireRegistration(tenant, id);
  tenant.registrations.delete(id);
  return { status: 204 };
}

/** Entity types a registration names. */
export function registrationTypes(reg: StoredRegistration): string[] {
  const out: string[] = [];
  const info = reg.body.information;
  if (!Array.isArray(info)) return out;
  for (const i of info) {
    if (!isRecord(i) || !Array.isArray(i.entities)) continue;
    for (const e of i.entities) if (isRecord(e) && typeof e.type === 'string') out.push(e.type);
  }
  return out;
}

/** Attribute names a registration names. */
export function registrationAttributes(reg: StoredRegistration): string[] {
  const out: string[] = [];
  const info = reg.body.information;
  if (!Array.isArray(info)) return out;
  for (const i of info) {
    if (!isRecord(i)) continue;
    for (const key of ['propertyNames', 'relationshipNames']) {
      const list = i[key];
      if (Array.isArray(list)) for (const n of list) if (typeof n === 'string') out.push(n);
    }
  }
  return out;
}

/** /entityOperations: create, upsert, update, merge, delete (query lives with /entities). */
import type { ProblemDetails } from '@smartcitylab/ngsi-ld';
import type { BrokerCore } from '../core.js';
import { isRecord, type ParsedEntity, parseEntityBody } from '../entity-model.js';
import {
  appendAttrs,
  checkSameType,
  createEntity,
  deleteEntity,
  mergeAttrs,
  replaceEntity,
} from '../entity-ops.js';
import type { HandlerResult, RequestContext } from '../http.js';
import { expandParsed } from '../jsonld/entity-terms.js';
import { optionsOf } from '../params.js';
import {
  badRequest,
  invalidRequest,
  problemWithStatus,
  RequestProblem,
  toRequestProblem,
} from '../problems.js';
import { writeTenant } from '../tenants.js';

/** Largest number of entities in one batch request. */
export const MAX_BATCH = 1000;

interface BatchError {
  entityId: string;
  error: ProblemDetails;
}

function batchArray(ctx: RequestContext): unknown[] {
  if (ctx.body === undefined)
    throw invalidRequest('Payload body is missing', 'a batch operation needs a JSON array');
  if (!Array.isArray(ctx.body))
    throw badRequest('Invalid payload body', 'a batch operation needs a JSON array');
  if (ctx.body.length === 0) throw badRequest('Invalid payload body', 'the array is empty');
  if (ctx.body.length > MAX_BATCH) {
    throw badRequest('Too many entities', `at most ${MAX_BATCH} entities per batch operation`);
  }
  return ctx.body;
}

function errorOf(err: unknown): ProblemDetails {
  const p = toRequestProblem(err);
  return { ...p.problem, status: p.status };
}

function idOf(item: unknown): string {
  if (isRecord(item) && typeof item.id === 'string') return item.id;
  if (typeof item === 'string') return item;
  return '';
}

/** Parses each element (names expanded with its own @context or the request's), collecting per-entity errors. */
function parseAll(items: unknown[], errors: BatchError[], ctx: RequestContext): ParsedEntity[] {
  const out: ParsedEntity[] = [];
  for (const item of items) {
    try {
      const ac =
        isRecord(item) && item['@context'] !== undefined ? ctx.acOf(item['@context']) : ctx.ac;
      out.push(expandParsed(parseEntityBody(item), ac));
    } catch (err) {
      errors.push({ entityId: idOf(item), error: errorOf(err) });
    }
  }
  return out;
}

function answer(success: string[], errors: BatchError[], allOk: HandlerResult): HandlerResult {
  if (errors.length > 0) return { status: 207, body: { success, errors } };
  return allOk;
}

/** POST /entityOperations/create */
export function batchCreateHandler(core: BrokerCore, ctx: RequestContext): HandlerResult {
  const items = batchArray(ctx);
  const tenant = writeTenant(core, ctx);
  const errors: BatchError[] = [];
  const success: string[] = [];
  for (const parsed of parseAll(items, errors, ctx)) {
    if (tenant.entities.has(parsed.id)) {
      errors.push({
        entityId: parsed.id,
        error: problemWithStatus(
          'AlreadyExists',
          409,
          'Entity already exists',
          'Cannot create an existing entity',
        ),
      });
      continue;
    }
    try {
      createEntity(core, ctx.tenant, tenant, parsed);
      success.push(parsed.id);
    } catch (err) {
      errors.push({ entityId: parsed.id, error: errorOf(err) });
    }
  }
  return answer(success, errors, { status: 201, body: success });
}

/** POST /entityOperations/upsert (options=replace, the default, or options=update) */
export function batchUpsertHandler(core: BrokerCore, ctx: RequestContext): HandlerResult {
  const items = batchArray(ctx);
  const update = optionsOf(ctx).has('update');
  const tenant = writeTenant(core, ctx);
  const errors: BatchError[] = [];
  const success: string[] = [];
  const created: string[] = [];
  for (const parsed of parseAll(items, errors, ctx)) {
    try {
      const existing = tenant.entities.get(parsed.id);
      if (!existing) {
        createEntity(core, ctx.tenant, tenant, parsed);
        created.push(parsed.id);
      } else {
        checkSameType(existing, parsed);
        if (update) appendAttrs(core, ctx.tenant, tenant, existing, parsed.attrs, false);
        else replaceEntity(core, ctx.tenant, tenant, existing, parsed);
      }
      success.push(parsed.id);
    } catch (err) {
      errors.push({ entityId: parsed.id, error: errorOf(err) });
    }
  }
  if (errors.length > 0) return { status: 207, body: { success, errors } };
  if (created.length > 0) return { status: 201, body: created };
  return { status: 204 };
}

/** POST /entityOperations/update (options=noOverwrite) */
export function batchUpdateHandler(core: BrokerCore, ctx: RequestContext): HandlerResult {
  return batchOnExisting(core, ctx, (tenant, existing, parsed) => {
    const result = appendAttrs(
      core,
      ctx.tenant,
      tenant,
      existing,
      parsed.attrs,
      optionsOf(ctx).has('noOverwrite'),
    );
    if (result.notUpdated.length > 0 && result.updated.length === 0) {
      throw badRequest(
        'Nothing updated',
        result.notUpdated.map((n) => `${n.attributeName}: ${n.reason}`).join('; '),
      );
    }
  });
}

/** POST /entityOperations/merge */
export function batchMergeHandler(core: BrokerCore, ctx: RequestContext): HandlerResult {
  return batchOnExisting(core, ctx, (tenant, existing, parsed) => {
    mergeAttrs(core, ctx.tenant, tenant, existing, parsed.attrs);
  });
}

function batchOnExisting(
  core: BrokerCore,
  ctx: RequestContext,
  apply: (
    tenant: ReturnType<typeof writeTenant>,
    existing: NonNullable<ReturnType<ReturnType<typeof writeTenant>['entities']['get']>>,
    parsed: ParsedEntity,
  ) => void,
): HandlerResult {
  const items = batchArray(ctx);
  const tenant = writeTenant(core, ctx);
  const errors: BatchError[] = [];
  const success: string[] = [];
  for (const parsed of parseAll(items, errors, ctx)) {
    const existing = tenant.entities.get(parsed.id);
    if (!existing) {
      errors.push({
        entityId: parsed.id,
        error: problemWithStatus('ResourceNotFound', 404, 'Entity Not Found', parsed.id),
      });
      continue;
    }
    try {
      checkSameType(existing, parsed);
      apply(tenant, existing, parsed);
      success.push(parsed.id);
    } catch (err) {
      errors.push({ entityId: parsed.id, error: errorOf(err) });
    }
  }
  return answer(success, errors, { status: 204 });
}

/** POST /entityOperations/delete (body: array of entity ids) */
export function batchDeleteHandler(core: BrokerCore, ctx: RequestContext): HandlerResult {
  const items = batchArray(ctx);
  const tenant = core.store.tenant(ctx.tenant);
  const errors: BatchError[] = [];
  const success: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string' || item.length === 0) {
      errors.push({
        entityId: idOf(item),
        error: errorOf(badRequest('Invalid Entity ID', 'not a string')),
      });
      continue;
    }
    const existing = tenant?.entities.get(item);
    if (!tenant || !existing) {
      errors.push({
        entityId: item,
        error: problemWithStatus(
          'ResourceNotFound',
          404,
          'Entity Not Found',
          'Cannot delete entities that do not exist',
        ),
      });
      continue;
    }
    deleteEntity(core, ctx.tenant, tenant, existing);
    success.push(item);
  }
  if (!tenant && errors.length === items.length) {
    // Nothing could have been deleted in a tenant that does not exist.
    throw new RequestProblem(
      problemWithStatus('NonexistentTenant', 404, 'No such tenant', ctx.tenant),
      404,
    );
  }
  return answer(success, errors, { status: 204 });
}

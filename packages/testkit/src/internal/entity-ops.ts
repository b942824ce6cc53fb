/**
 * Entity mutations shared by the single-entity endpoints and the batch operations.
 * Each returns what it changed so the core can record history and notify.
 */
import type { BrokerCore, ChangedAttrs } from './core.js';
import {
  type AttrInstance,
  datasetKey,
  mergeInstance,
  NGSI_LD_NULL,
  type ParsedEntity,
  type StoredEntity,
} from './entity-model.js';
import { alreadyExists, badRequest, notFound } from './problems.js';
import type { TenantState } from './store.js';

/** Attribute names that were and were not changed (NGSI-LD UpdateResult). */
export interface UpdateResult {
  updated: string[];
  notUpdated: Array<{ attributeName: string; reason: string }>;
}

/** Sets the system timestamps; instances are freshly parsed or merged, so this mutates in place. */
function stamp(inst: AttrInstance, now: string, createdAt?: unknown): AttrInstance {
  inst.createdAt = typeof createdAt === 'string' ? createdAt : now;
  inst.modifiedAt = now;
  return inst;
}

function stampAll(attrs: Map<string, AttrInstance[]>, now: string): Map<string, AttrInstance[]> {
  const out = new Map<string, AttrInstance[]>();
  for (const [name, list] of attrs)
    out.set(
      name,
      list.map((i) => stamp(i, now)),
    );
  return out;
}

/** The entity, or a 404 naming it. */
export function requireEntity(tenant: TenantState | undefined, id: string): StoredEntity {
  const e = tenant?.entities.get(id);
  if (!e) throw notFound('Entity Not Found', id);
  return e;
}

/** Creates an entity; 409 AlreadyExists when the id is taken. */
export function createEntity(
  core: BrokerCore,
  tenantName: string,
  tenant: TenantState,
  parsed: ParsedEntity,
): StoredEntity {
  if (tenant.entities.has(parsed.id)) throw alreadyExists('Entity already exists', parsed.id);
  const now = core.nowIso();
  const entity: StoredEntity = {
    id: parsed.id,
    types: parsed.types,
    createdAt: now,
    modifiedAt: now,
    attrs: stampAll(parsed.attrs, now),
  };
  if (parsed.scope !== undefined) entity.scope = parsed.scope;
  tenant.entities.set(entity.id, entity);
  core.entityChanged(tenantName, tenant, entity, entity.attrs, true);
  return entity;
}

/** Rejects a type change (an entity's type can only grow via append/merge). */
export function checkSameType(entity: StoredEntity, parsed: ParsedEntity): void {
  if (
    !parsed.types.every((t) => entity.types.includes(t)) &&
    !entity.types.every((t) => parsed.types.includes(t))
  ) {
    throw badRequest('Invalid Entity', 'the Entity Type cannot be altered');
  }
}

/** Replaces all attributes of an entity (PUT, upsert with options=replace). */
export function replaceEntity(
  core: BrokerCore,
  tenantName: string,
  tenant: TenantState,
  entity: StoredEntity,
  parsed: ParsedEntity,
): void {
  const now = core.nowIso();
  entity.attrs = stampAll(parsed.attrs, now);
  entity.types = [...new Set([...entity.types, ...parsed.types])];
  if (parsed.scope !== undefined) entity.scope = parsed.scope;
  core.entityChanged(tenantName, tenant, entity, entity.attrs);
}

/**
 * Appends attributes (POST /entities/{id}/attrs, batch update, upsert with
 * options=update). Existing instances are overwritten unless `noOverwrite`.
 */
export function appendAttrs(
  core: BrokerCore,
  tenantName: string,
  tenant: TenantState,
  entity: StoredEntity,
  attrs: Map<string, AttrInstance[]>,
  noOverwrite: boolean,
  types?: string[],
): UpdateResult {
  const now = core.nowIso();
  const result: UpdateResult = { updated: [], notUpdated: [] };
  const changed: ChangedAttrs = new Map();
  for (const [name, instances] of attrs) {
    const current = entity.attrs.get(name) ?? [];
    const next = [...current];
    const written: AttrInstance[] = [];
    for (const inst of instances) {
      const key = datasetKey(inst);
      const at = next.findIndex((i) => datasetKey(i) === key);
      if (at >= 0 && noOverwrite) continue;
      const stamped = stamp(inst, now, at >= 0 ? next[at]?.createdAt : undefined);
      if (at >= 0) next[at] = stamped;
      else next.push(stamped);
      written.push(stamped);
    }
    if (written.length === 0) {
      result.notUpdated.push({
        attributeName: name,
        reason: 'attribute exists and options=noOverwrite',
      });
      continue;
    }
    entity.attrs.set(name, next);
    changed.set(name, written);
    result.updated.push(name);
  }
  if (types) entity.types = [...new Set([...entity.types, ...types])];
  if (changed.size > 0 || types) core.entityChanged(tenantName, tenant, entity, changed);
  return result;
}

/** Updates existing attributes only (PATCH /entities/{id}/attrs). */
export function updateAttrs(
  core: BrokerCore,
  tenantName: string,
  tenant: TenantState,
  entity: StoredEntity,
  attrs: Map<string, AttrInstance[]>,
): UpdateResult {
  const now = core.nowIso();
  const result: UpdateResult = { updated: [], notUpdated: [] };
  const changed: ChangedAttrs = new Map();
  for (const [name, instances] of attrs) {
    const current = entity.attrs.get(name);
    if (!current) {
      result.notUpdated.push({ attributeName: name, reason: 'attribute not found' });
      continue;
    }
    const next = [...current];
    const written: AttrInstance[] = [];
    for (const inst of instances) {
      const at = next.findIndex((i) => datasetKey(i) === datasetKey(inst));
      if (at < 0) continue;
      const stamped = stamp(inst, now, next[at]?.createdAt);
      next[at] = stamped;
      written.push(stamped);
    }
    if (written.length === 0) {
      result.notUpdated.push({ attributeName: name, reason: 'no instance with that datasetId' });
      continue;
    }
    entity.attrs.set(name, next);
    changed.set(name, written);
    result.updated.push(name);
  }
  if (changed.size > 0) core.entityChanged(tenantName, tenant, entity, changed);
  return result;
}

/**
 * Merges attributes (PATCH /entities/{id}, batch merge): new attributes are added,
 * existing ones merged member by member, `urn:ngsi-ld:null` deletes.
 */
export function mergeAttrs(
  core: BrokerCore,
  tenantName: string,
  tenant: TenantState,
  entity: StoredEntity,
  attrs: Map<string, AttrInstance[]>,
  types?: string[],
): void {
  const now = core.nowIso();
  const changed: ChangedAttrs = new Map();
  for (const [name, instances] of attrs) {
    const current = entity.attrs.get(name) ?? [];
    let next = [...current];
    const written: AttrInstance[] = [];
    for (const inst of instances) {
      const at = next.findIndex((i) => datasetKey(i) === datasetKey(inst));
      if (inst.value === NGSI_LD_NULL || inst.object === NGSI_LD_NULL) {
        if (at >= 0) next = next.filter((_, k) => k !== at);
        continue;
      }
      const merged = at >= 0 ? mergeInstance(next[at] as AttrInstance, inst) : inst;
      const stamped = stamp(merged, now, at >= 0 ? next[at]?.createdAt : undefined);
      if (at >= 0) next[at] = stamped;
      else next.push(stamped);
      written.push(stamped);
    }
    if (next.length === 0) entity.attrs.delete(name);
    else entity.attrs.set(name, next);
    changed.set(name, written);
  }
  if (types) entity.types = [...new Set([...entity.types, ...types])];
  core.entityChanged(tenantName, tenant, entity, changed);
}

/** Partial update of one attribute (PATCH /entities/{id}/attrs/{attr}). */
export function patchAttr(
  core: BrokerCore,
  tenantName: string,
  tenant: TenantState,
  entity: StoredEntity,
  name: string,
  patch: AttrInstance,
): void {
  const current = entity.attrs.get(name);
  if (!current) throw notFound('Attribute Not Found', `${entity.id}: ${name}`);
  const at = current.findIndex((i) => datasetKey(i) === datasetKey(patch));
  if (at < 0)
    throw notFound(
      'Attribute instance Not Found',
      `${entity.id}: ${name} datasetId ${datasetKey(patch) || '(default)'}`,
    );
  const now = core.nowIso();
  const stamped = stamp(
    mergeInstance(current[at] as AttrInstance, patch),
    now,
    current[at]?.createdAt,
  );
  const next = [...current];
  next[at] = stamped;
  entity.attrs.set(name, next);
  core.entityChanged(tenantName, tenant, entity, new Map([[name, [stamped]]]));
}

/** Deletes an attribute, one datasetId's instance, or all instances (deleteAll=true). */
export function deleteAttr(
  core: BrokerCore,
  tenantName: string,
  tenant: TenantState,
  entity: StoredEntity,
  name: string,
  datasetId: string | undefined,
  deleteAll: boolean,
): void {
  const current = entity.attrs.get(name);
  if (!current) throw notFound('Attribute Not Found', `${entity.id}: ${name}`);
  if (deleteAll) entity.attrs.delete(name);
  else {
    const key = datasetId ?? '';
    const next = current.filter((i) => datasetKey(i) !== key);
    if (next.length === current.length) {
      throw notFound(
        'Attribute instance Not Found',
        `${entity.id}: ${name} datasetId ${key || '(default)'}`,
      );
    }
    if (next.length === 0) entity.attrs.delete(name);
    else entity.attrs.set(name, next);
  }
  entity.view = undefined;
  entity.modifiedAt = core.nowIso();
  core.entityRemoved(tenantName, tenant, entity, name);
}

/** Deletes an entity (its temporal history stays). */
export function deleteEntity(
  core: BrokerCore,
  tenantName: string,
  tenant: TenantState,
  entity: StoredEntity,
): void {
  tenant.entities.delete(entity.id);
  core.entityRemoved(tenantName, tenant, entity);
}

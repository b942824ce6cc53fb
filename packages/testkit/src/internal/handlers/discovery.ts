/** /types and /attributes: what entity types and attributes the broker knows. */
import { randomUUID } from 'node:crypto';
import type { BrokerCore } from '../core.js';
import type { HandlerResult, RequestContext } from '../http.js';
import { notFound } from '../problems.js';
import type { TenantState } from '../store.js';
import { readTenant } from '../tenants.js';
import { registrationAttributes, registrationTypes } from './registrations.js';

interface TypeInfo {
  count: number;
  attributes: Map<string, Set<string>>;
}

function collectTypes(tenant: TenantState): Map<string, TypeInfo> {
  const types = new Map<string, TypeInfo>();
  const info = (t: string): TypeInfo => {
    let i = types.get(t);
    if (!i) {
      i = { count: 0, attributes: new Map() };
      types.set(t, i);
    }
    return i;
  };
  for (const e of tenant.entities.values()) {
    for (const t of e.types) {
      const i = info(t);
      i.count += 1;
      for (const [name, instances] of e.attrs) {
        let kinds = i.attributes.get(name);
        if (!kinds) {
          kinds = new Set();
          i.attributes.set(name, kinds);
        }
        for (const inst of instances) if (typeof inst.type === 'string') kinds.add(inst.type);
      }
    }
  }
  for (const reg of tenant.registrations.values()) for (const t of registrationTypes(reg)) info(t);
  return types;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** GET /types (details=true for EntityType objects) */
export function listTypesHandler(core: BrokerCore, ctx: RequestContext): HandlerResult {
  const types = collectTypes(readTenant(core, ctx));
  const names = [...types.keys()].sort(byName);
  if (ctx.query.get('details') === 'true') {
    return {
      status: 200,
      kind: 'entities',
      body: names.map((n) => ({
        id: n,
        type: 'EntityType',
        typeName: n,
        attributeNames: [...(types.get(n)?.attributes.keys() ?? [])].sort(byName),
      })),
    };
  }
  return {
    status: 200,
    kind: 'entity',
    body: {
      id: `urn:ngsi-ld:EntityTypeList:${randomUUID()}`,
      type: 'EntityTypeList',
      typeList: names,
    },
  };
}

/** GET /types/{type} */
export function retrieveTypeHandler(
  core: BrokerCore,
  ctx: RequestContext,
  typeName: string,
): HandlerResult {
  const info = collectTypes(readTenant(core, ctx)).get(typeName);
  if (!info) throw notFound('Entity Type Not Found', typeName);
  return {
    status: 200,
    kind: 'entity',
    body: {
      id: typeName,
      type: 'EntityTypeInfo',
      typeName,
      entityCount: info.count,
      attributeDetails: [...info.attributes.entries()]
        .sort(([a], [b]) => byName(a, b))
        .map(([name, kinds]) => ({
          id: name,
          type: 'Attribute',
          attributeName: name,
          attributeTypes: [...kinds].sort(byName),
        })),
    },
  };
}

interface AttributeInfo {
  count: number;
  kinds: Set<string>;
  typeNames: Set<string>;
}

function collectAttributes(tenant: TenantState): Map<string, AttributeInfo> {
  const attrs = new Map<string, AttributeInfo>();
  const info = (n: string): AttributeInfo => {
    let i = attrs.get(n);
    if (!i) {
      i = { count: 0, kinds: new Set(), typeNames: new Set() };
      attrs.set(n, i);
    }
    return i;
  };
  for (const e of tenant.entities.values()) {
    for (const [name, instances] of e.attrs) {
      const i = info(name);
      i.count += instances.length;
      for (const inst of instances) if (typeof inst.type === 'string') i.kinds.add(inst.type);
      for (const t of e.types) i.typeNames.add(t);
    }
  }
  for (const reg of tenant.registrations.values()) {
    for (const n of registrationAttributes(reg)) {
      const i = info(n);
      for (const t of registrationTypes(reg)) i.typeNames.add(t);
    }
  }
  return attrs;
}

function attributeObject(name: string, i: AttributeInfo): Record<string, unknown> {
  return {
    id: name,
    type: 'Attribute',
    attributeName: name,
    attributeCount: i.count,
    attributeTypes: [...i.kinds].sort(byName),
    typeNames: [...i.typeNames].sort(byName),
  };
}

/** GET /attributes (details=true for Attribute objects) */
export function listAttributesHandler(core: BrokerCore, ctx: RequestContext): HandlerResult {
  const attrs = collectAttributes(readTenant(core, ctx));
  const names = [...attrs.keys()].sort(byName);
  if (ctx.query.get('details') === 'true') {
    return {
      status: 200,
      kind: 'entities',
      body: names.map((n) => attributeObject(n, attrs.get(n) as AttributeInfo)),
    };
  }
  return {
    status: 200,
    kind: 'entity',
    body: {
      id: `urn:ngsi-ld:EntityAttributeList:${randomUUID()}`,
      type: 'EntityAttributeList',
      attributeList: names,
    },
  };
}

/** GET /attributes/{attr} */
export function retrieveAttributeHandler(
  core: BrokerCore,
  ctx: RequestContext,
  name: string,
): HandlerResult {
  const info = collectAttributes(readTenant(core, ctx)).get(name);
  if (!info) throw notFound('Attribute Not Found', name);
  return { status: 200, kind: 'entity', body: attributeObject(name, info) };
}

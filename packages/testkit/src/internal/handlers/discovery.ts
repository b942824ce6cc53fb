/** /types and /attributes: what entity types and attributes the broker knows. */
import { randomUUID } from 'node:crypto';
import { CORE_TERMS } from '../../generated/core-context.js';
import type { BrokerCore } from '../core.js';
import type { HandlerResult, RequestContext } from '../http.js';
import type { ActiveContext } from '../jsonld/active-context.js';
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

/** The full IRI of a stored name (core terms are stored short); names as sent when not expanding. */
function iriOf(stored: string, ac: ActiveContext): string {
  if (ac.passthrough) return stored;
  return CORE_TERMS[stored] ?? stored;
}

/** GET /types (details=true for EntityType objects) */
export function listTypesHandler(core: BrokerCore, ctx: RequestContext): HandlerResult {
  const types = collectTypes(readTenant(core, ctx));
  const ac = ctx.ac;
  const names = [...types.keys()].sort(byName);
  if (ctx.query.get('details') === 'true') {
    return {
      status: 200,
      kind: 'entities',
      body: names.map((n) => ({
        id: iriOf(n, ac),
        type: 'EntityType',
        typeName: ac.compact(n),
        attributeNames: [...(types.get(n)?.attributes.keys() ?? [])]
          .map((a) => ac.compact(a))
          .sort(byName),
      })),
    };
  }
  return {
    status: 200,
    kind: 'entity',
    body: {
      id: `urn:ngsi-ld:EntityTypeList:${randomUUID()}`,
      type: 'EntityTypeList',
      typeList: names.map((n) => ac.compact(n)).sort(byName),
    },
  };
}

/** GET /types/{type} */
export function retrieveTypeHandler(
  core: BrokerCore,
  ctx: RequestContext,
  typeName: string,
): HandlerResult {
  const ac = ctx.ac;
  const stored = ac.expand(typeName);
  const info = collectTypes(readTenant(core, ctx)).get(stored);
  if (!info) throw notFound('Entity Type Not Found', typeName);
  return {
    status: 200,
    kind: 'entity',
    body: {
      id: iriOf(stored, ac),
      type: 'EntityTypeInfo',
      typeName: ac.compact(stored),
      entityCount: info.count,
      attributeDetails: [...info.attributes.entries()]
        .sort(([a], [b]) => byName(a, b))
        .map(([name, kinds]) => ({
          id: iriOf(name, ac),
          type: 'Attribute',
          attributeName: ac.compact(name),
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

function attributeObject(
  name: string,
  i: AttributeInfo,
  ac: ActiveContext,
): Record<string, unknown> {
  return {
    id: iriOf(name, ac),
    type: 'Attribute',
    attributeName: ac.compact(name),
    attributeCount: i.count,
    attributeTypes: [...i.kinds].sort(byName),
    typeNames: [...i.typeNames].map((t) => ac.compact(t)).sort(byName),
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
      body: names.map((n) => attributeObject(n, attrs.get(n) as AttributeInfo, ctx.ac)),
    };
  }
  return {
    status: 200,
    kind: 'entity',
    body: {
      id: `urn:ngsi-ld:EntityAttributeList:${randomUUID()}`,
      type: 'EntityAttributeList',
      attributeList: names.map((n) => ctx.ac.compact(n)).sort(byName),
    },
  };
}

/** GET /attributes/{attr} */
export function retrieveAttributeHandler(
  core: BrokerCore,
  ctx: RequestContext,
  name: string,
): HandlerResult {
  const stored = ctx.ac.expand(name);
  const info = collectAttributes(readTenant(core, ctx)).get(stored);
  if (!info) throw notFound('Attribute Not Found', name);
  return { status: 200, kind: 'entity', body: attributeObject(stored, info, ctx.ac) };
}

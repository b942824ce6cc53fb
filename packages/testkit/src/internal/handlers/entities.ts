/** /entities endpoints: create, retrieve, query, replace, merge, attribute operations, delete. */
import type { BrokerCore } from '../core.js';
import {
  type AttrInstance,
  isRecord,
  parseEntityBody,
  renderEntity,
  type StoredEntity,
} from '../entity-model.js';
import {
  appendAttrs,
  checkSameType,
  createEntity,
  deleteAttr,
  deleteEntity,
  mergeAttrs,
  patchAttr,
  replaceEntity,
  requireEntity,
  type UpdateResult,
  updateAttrs,
} from '../entity-ops.js';
import type { HandlerResult, RequestContext } from '../http.js';
import { expandInstance, expandParsed } from '../jsonld/entity-terms.js';
import { datasetIdOf, formatOf, optionsOf, pagingOf, projectionOf } from '../params.js';
import { badRequest, invalidRequest } from '../problems.js';
import {
  compileQuery,
  type EntitySelector,
  type QuerySpec,
  runQuery,
  splitList,
} from '../query-engine.js';
import { readTenant, writeTenant } from '../tenants.js';

const BASE = '/ngsi-ld/v1';

/** An UpdateResult with the attribute names as the requester calls them. */
function compactResult(r: UpdateResult, ctx: RequestContext): UpdateResult {
  return {
    updated: r.updated.map((n) => ctx.ac.compact(n)),
    notUpdated: r.notUpdated.map((n) => ({ ...n, attributeName: ctx.ac.compact(n.attributeName) })),
  };
}

/** The answer to an attribute update without any attribute (same for POST/PATCH .../attrs and PATCH .../attrs/{attr}). */
function emptyFragment() {
  return badRequest(
    'Empty payload',
    'the body names no attribute to append or update; send at least one attribute',
  );
}

function requireBody(ctx: RequestContext): unknown {
  if (ctx.body === undefined)
    throw invalidRequest('Payload body is missing', 'this operation needs a JSON body');
  return ctx.body;
}

/** POST /entities */
export function createEntityHandler(core: BrokerCore, ctx: RequestContext): HandlerResult {
  const parsed = expandParsed(parseEntityBody(requireBody(ctx)), ctx.ac);
  const tenant = writeTenant(core, ctx);
  createEntity(core, ctx.tenant, tenant, parsed);
  return { status: 201, headers: { Location: `${BASE}/entities/${parsed.id}` } };
}

/** GET /entities/{id} */
export function retrieveEntityHandler(
  core: BrokerCore,
  ctx: RequestContext,
  id: string,
): HandlerResult {
  const tenant = readTenant(core, ctx);
  const entity = requireEntity(tenant, id);
  const format = formatOf(ctx);
  const sysAttrs = optionsOf(ctx).has('sysAttrs');
  const lang = ctx.query.get('lang');
  return {
    status: 200,
    kind: 'entity',
    body: renderEntity(entity, format, { ...projectionOf(ctx), sysAttrs, lang, ac: ctx.ac }),
  };
}

/** Builds the query of GET /entities from its URI parameters. */
function querySpecOf(ctx: RequestContext): QuerySpec {
  const q = ctx.query;
  const selector: EntitySelector = {};
  const type = q.get('type');
  const id = q.get('id');
  const idPattern = q.get('idPattern');
  if (type !== undefined) selector.type = type;
  if (id !== undefined) selector.id = id;
  if (idPattern !== undefined) selector.idPattern = idPattern;
  const spec: QuerySpec = {
    selectors: Object.keys(selector).length > 0 ? [selector] : [],
    ac: ctx.ac,
  };
  const attrs = splitList(q.get('attrs'));
  if (attrs) spec.attrs = attrs;
  if (q.get('q') !== undefined) spec.q = q.get('q');
  const georel = q.get('georel');
  const geometry = q.get('geometry');
  const coordinates = q.get('coordinates');
  if (georel !== undefined || geometry !== undefined || coordinates !== undefined) {
    if (georel === undefined || geometry === undefined || coordinates === undefined) {
      throw badRequest(
        'Incomplete geo-query',
        "a geo-query needs 'georel', 'geometry' and 'coordinates'",
      );
    }
    spec.geo = { georel, geometry, coordinates, geoproperty: q.get('geoproperty') };
  }
  return spec;
}

/** Runs a query and renders the page (GET /entities and POST /entityOperations/query). */
export function answerQuery(core: BrokerCore, ctx: RequestContext, spec: QuerySpec): HandlerResult {
  const paging = pagingOf(ctx);
  const format = formatOf(ctx);
  const sysAttrs = optionsOf(ctx).has('sysAttrs');
  const projection = projectionOf(ctx);
  const lang = ctx.query.get('lang');
  const tenant = readTenant(core, ctx);
  const predicate = compileQuery(spec);
  const page = runQuery(
    tenant.entities.values(),
    predicate,
    paging.offset,
    paging.limit,
    paging.count,
  );
  const headers: Record<string, string> = {};
  if (paging.count) headers['NGSILD-Results-Count'] = String(page.total);
  return {
    status: 200,
    kind: 'entities',
    headers,
    body: page.items.map((e) =>
      renderEntity(e, format, { ...projection, sysAttrs, lang, ac: ctx.ac }),
    ),
  };
}

/** GET /entities */
export function queryEntitiesHandler(core: BrokerCore, ctx: RequestContext): HandlerResult {
  const spec = querySpecOf(ctx);
  const local = ctx.query.get('local') === 'true';
  if (spec.selectors.length === 0 && !spec.attrs && spec.q === undefined && !spec.geo && !local) {
    throw badRequest(
      'Too broad query',
      'Need at least one of: entity type, entity id, q, geoQ, attrs, or local=true',
    );
  }
  return answerQuery(core, ctx, spec);
}

/** POST /entityOperations/query */
export function postQueryHandler(core: BrokerCore, ctx: RequestContext): HandlerResult {
  const body = requireBody(ctx);
  if (!isRecord(body)) throw badRequest('Invalid payload body', 'a Query must be a JSON object');
  const spec: QuerySpec = { selectors: [], ac: ctx.ac };
  if (body.entities !== undefined) {
    if (!Array.isArray(body.entities))
      throw badRequest('Invalid Query', "'entities' must be an array");
    for (const sel of body.entities) {
      if (!isRecord(sel))
        throw badRequest('Invalid Query', "each member of 'entities' must be an object");
      const s: EntitySelector = {};
      if (typeof sel.type === 'string') s.type = sel.type;
      if (typeof sel.id === 'string') s.id = sel.id;
      if (typeof sel.idPattern === 'string') s.idPattern = sel.idPattern;
      spec.selectors.push(s);
    }
  }
  if (Array.isArray(body.attrs))
    spec.attrs = body.attrs.filter((a): a is string => typeof a === 'string');
  if (typeof body.q === 'string') spec.q = body.q;
  if (isRecord(body.geoQ)) {
    const g = body.geoQ;
    if (typeof g.georel !== 'string' || typeof g.geometry !== 'string') {
      throw badRequest('Invalid Query', "geoQ needs 'georel', 'geometry' and 'coordinates'");
    }
    spec.geo = {
      georel: g.georel,
      geometry: g.geometry,
      coordinates: g.coordinates,
      geoproperty: typeof g.geoproperty === 'string' ? g.geoproperty : undefined,
    };
  }
  return answerQuery(core, ctx, spec);
}

/** Parses an attributes-only body (the id/type of the entity are known). */
export function parseAttrsBody(
  body: unknown,
  entity: StoredEntity,
  ctx: RequestContext,
  allowEmpty = true,
): { attrs: Map<string, AttrInstance[]>; types?: string[] } {
  if (!isRecord(body))
    throw badRequest('Invalid payload body', 'attributes must be sent as a JSON object');
  if (body.id !== undefined && body.id !== entity.id) {
    throw badRequest(
      'Mismatching Entity ID',
      `the body names ${String(body.id)}, the URL ${entity.id}`,
    );
  }
  if (
    !allowEmpty &&
    !Object.keys(body).some((k) => k !== 'id' && k !== 'type' && k !== '@context')
  ) {
    throw emptyFragment();
  }
  const parsed = expandParsed(
    parseEntityBody(body, { fallbackId: entity.id, fallbackType: entity.types }),
    ctx.ac,
  );
  const out: { attrs: Map<string, AttrInstance[]>; types?: string[] } = { attrs: parsed.attrs };
  if (body.type !== undefined) out.types = parsed.types;
  return out;
}

/** PUT /entities/{id} */
export function replaceEntityHandler(
  core: BrokerCore,
  ctx: RequestContext,
  id: string,
): HandlerResult {
  const tenant = readTenant(core, ctx);
  const entity = requireEntity(tenant, id);
  const body = requireBody(ctx);
  if (isRecord(body) && body.id !== undefined && body.id !== id) {
    throw badRequest('Mismatching Entity ID', `the body names ${String(body.id)}, the URL ${id}`);
  }
  const parsed = expandParsed(
    parseEntityBody(body, { fallbackId: id, fallbackType: entity.types }),
    ctx.ac,
  );
  checkSameType(entity, parsed);
  replaceEntity(core, ctx.tenant, tenant, entity, parsed);
  return { status: 204 };
}

/** PATCH /entities/{id} (merge-patch) */
export function mergeEntityHandler(
  core: BrokerCore,
  ctx: RequestContext,
  id: string,
): HandlerResult {
  const tenant = readTenant(core, ctx);
  const entity = requireEntity(tenant, id);
  const { attrs, types } = parseAttrsBody(requireBody(ctx), entity, ctx);
  mergeAttrs(core, ctx.tenant, tenant, entity, attrs, types);
  return { status: 204 };
}

/** POST /entities/{id}/attrs (append; options=noOverwrite) */
export function appendAttrsHandler(
  core: BrokerCore,
  ctx: RequestContext,
  id: string,
): HandlerResult {
  const tenant = readTenant(core, ctx);
  const entity = requireEntity(tenant, id);
  const { attrs, types } = parseAttrsBody(requireBody(ctx), entity, ctx, false);
  const noOverwrite = optionsOf(ctx).has('noOverwrite');
  const result = appendAttrs(core, ctx.tenant, tenant, entity, attrs, noOverwrite, types);
  if (result.notUpdated.length > 0) return { status: 207, body: compactResult(result, ctx) };
  return { status: 204 };
}

/** PATCH /entities/{id}/attrs (update existing attributes) */
export function updateAttrsHandler(
  core: BrokerCore,
  ctx: RequestContext,
  id: string,
): HandlerResult {
  const tenant = readTenant(core, ctx);
  const entity = requireEntity(tenant, id);
  const { attrs } = parseAttrsBody(requireBody(ctx), entity, ctx, false);
  const result = updateAttrs(core, ctx.tenant, tenant, entity, attrs);
  if (result.notUpdated.length > 0) return { status: 207, body: compactResult(result, ctx) };
  return { status: 204 };
}

/** PATCH /entities/{id}/attrs/{attr} */
export function patchAttrHandler(
  core: BrokerCore,
  ctx: RequestContext,
  id: string,
  attrName: string,
): HandlerResult {
  const tenant = readTenant(core, ctx);
  const entity = requireEntity(tenant, id);
  const body = requireBody(ctx);
  if (!isRecord(body))
    throw badRequest('Invalid payload body', 'an attribute fragment must be a JSON object');
  if (!Object.keys(body).some((k) => k !== '@context')) throw emptyFragment();
  const attr = ctx.ac.expand(attrName);
  const fragment =
    typeof body.type === 'string' ? body : { ...body, type: guessType(entity, attr, body) };
  const parsed = parseEntityBody({ id, type: entity.types, [attrName]: fragment });
  const raw = parsed.attrs.get(attrName)?.[0];
  if (!raw) throw badRequest('Invalid attribute', attrName);
  const inst = expandInstance(raw, ctx.ac);
  // Keep only the members the client sent (plus type), so the patch merges.
  const patch: AttrInstance = { type: inst.type };
  for (const key of Object.keys(fragment)) {
    const stored = ctx.ac.expand(key);
    if (stored in inst) patch[stored] = inst[stored];
  }
  patchAttr(core, ctx.tenant, tenant, entity, attr, patch);
  return { status: 204 };
}

function guessType(entity: StoredEntity, attr: string, body: Record<string, unknown>): string {
  const ds = typeof body.datasetId === 'string' ? body.datasetId : '';
  const current = entity.attrs
    .get(attr)
    ?.find((i) => (typeof i.datasetId === 'string' ? i.datasetId : '') === ds);
  if (current && typeof current.type === 'string') return current.type;
  if ('object' in body) return 'Relationship';
  if ('languageMap' in body) return 'LanguageProperty';
  if ('vocab' in body) return 'VocabProperty';
  if ('json' in body) return 'JsonProperty';
  return 'Property';
}

/** DELETE /entities/{id}/attrs/{attr} (datasetId, deleteAll) */
export function deleteAttrHandler(
  core: BrokerCore,
  ctx: RequestContext,
  id: string,
  attr: string,
): HandlerResult {
  const tenant = readTenant(core, ctx);
  const entity = requireEntity(tenant, id);
  deleteAttr(
    core,
    ctx.tenant,
    tenant,
    entity,
    ctx.ac.expand(attr),
    datasetIdOf(ctx),
    ctx.query.get('deleteAll') === 'true',
  );
  return { status: 204 };
}

/** DELETE /entities/{id} */
export function deleteEntityHandler(
  core: BrokerCore,
  ctx: RequestContext,
  id: string,
): HandlerResult {
  const tenant = readTenant(core, ctx);
  deleteEntity(core, ctx.tenant, tenant, requireEntity(tenant, id));
  return { status: 204 };
}

/**
 * /temporal/entities: the attribute history every create/update appends to, in the
 * normalized, temporalValues and aggregatedValues representations, with lastN and
 * Content-Range pagination of long histories.
 */
import type { BrokerCore } from '../core.js';
import { type AttrInstance, isRecord, parseEntityBody } from '../entity-model.js';
import type { HandlerResult, RequestContext } from '../http.js';
import type { ActiveContext } from '../jsonld/active-context.js';
import { compactEntity, expandInstance, expandNames } from '../jsonld/entity-terms.js';
import { listParam, optionsOf } from '../params.js';
import { badRequest, invalidRequest, notFound } from '../problems.js';
import { compileQuery, type EntitySelector, splitList } from '../query-engine.js';
import type { TemporalEntity, TemporalInstance, TenantState } from '../store.js';
import { readTenant, writeTenant } from '../tenants.js';

const BASE = '/ngsi-ld/v1';
const ENTITY_MEMBERS = new Set(['id', 'type', '@context', 'scope', 'createdAt', 'modifiedAt']);
const AGGREGATIONS = new Set([
  'totalCount',
  'distinctCount',
  'sum',
  'avg',
  'min',
  'max',
  'stddev',
  'sumsq',
]);

/** Parses a temporal entity body: each attribute is one instance or an array of instances over time. */
function parseTemporalBody(
  body: unknown,
  ac: ActiveContext,
  fallback?: { id: string; types: string[] },
): {
  id: string;
  types: string[];
  attrs: Map<string, AttrInstance[]>;
} {
  if (!isRecord(body))
    throw badRequest('Invalid payload body', 'a temporal entity must be a JSON object');
  const head = parseEntityBody(
    { id: body.id ?? fallback?.id, type: body.type ?? fallback?.types },
    fallback ? { fallbackId: fallback.id, fallbackType: fallback.types } : {},
  );
  const attrs = new Map<string, AttrInstance[]>();
  for (const key of Object.keys(body)) {
    if (ENTITY_MEMBERS.has(key)) continue;
    const raw = body[key];
    const list = Array.isArray(raw) && raw.every(isRecord) ? raw : [raw];
    const instances: AttrInstance[] = [];
    for (const inst of list) {
      const one = parseEntityBody({ id: head.id, type: head.types, [key]: inst });
      const parsed = one.attrs.get(key)?.[0];
      if (parsed) instances.push(expandInstance(parsed, ac));
    }
    attrs.set(ac.expand(key), instances);
  }
  const types =
    fallback && body.type === undefined ? head.types : head.types.map((t) => ac.expand(t));
  return { id: head.id, types, attrs };
}

/** POST /temporal/entities (create, or append when the history exists) */
export function createTemporalHandler(core: BrokerCore, ctx: RequestContext): HandlerResult {
  if (ctx.body === undefined)
    throw invalidRequest('Payload body is missing', 'a temporal entity is needed');
  const parsed = parseTemporalBody(ctx.body, ctx.ac);
  const tenant = writeTenant(core, ctx);
  const existed = tenant.temporal.has(parsed.id);
  core.recordTemporal(tenant, parsed.id, parsed.types, parsed.attrs, core.nowIso());
  if (existed) return { status: 204 };
  return { status: 201, headers: { Location: `${BASE}/temporal/entities/${parsed.id}` } };
}

/** POST /temporal/entities/{id}/attrs */
export function appendTemporalHandler(
  core: BrokerCore,
  ctx: RequestContext,
  id: string,
): HandlerResult {
  const tenant = readTenant(core, ctx);
  const history = requireHistory(tenant, id);
  if (ctx.body === undefined)
    throw invalidRequest('Payload body is missing', 'attribute instances are needed');
  const parsed = parseTemporalBody(ctx.body, ctx.ac, { id, types: history.types });
  core.recordTemporal(tenant, id, history.types, parsed.attrs, core.nowIso());
  return { status: 204 };
}

function requireHistory(tenant: TenantState, id: string): TemporalEntity {
  const h = tenant.temporal.get(id);
  if (!h) throw notFound('Entity Not Found', id);
  return h;
}

/** DELETE /temporal/entities/{id} */
export function deleteTemporalHandler(
  core: BrokerCore,
  ctx: RequestContext,
  id: string,
): HandlerResult {
  const tenant = readTenant(core, ctx);
  requireHistory(tenant, id);
  tenant.temporal.delete(id);
  return { status: 204 };
}

/** DELETE /temporal/entities/{id}/attrs/{attr} (all instances, or those of one datasetId) */
export function deleteTemporalAttrHandler(
  core: BrokerCore,
  ctx: RequestContext,
  id: string,
  attrName: string,
): HandlerResult {
  const attr = ctx.ac.expand(attrName);
  const history = requireHistory(readTenant(core, ctx), id);
  const list = history.attrs.get(attr);
  if (!list) throw notFound('Attribute Not Found', `${id}: ${attrName}`);
  const ds = ctx.query.get('datasetId');
  if (ctx.query.get('deleteAll') === 'true' || ds === undefined) history.attrs.delete(attr);
  else
    history.attrs.set(
      attr,
      list.filter((i) => i.attr.datasetId !== ds),
    );
  return { status: 204 };
}

/** DELETE /temporal/entities/{id}/attrs/{attr}/{instanceId} */
export function deleteInstanceHandler(
  core: BrokerCore,
  ctx: RequestContext,
  id: string,
  attrName: string,
  instanceId: string,
): HandlerResult {
  const attr = ctx.ac.expand(attrName);
  const history = requireHistory(readTenant(core, ctx), id);
  const list = history.attrs.get(attr);
  const at = list?.findIndex((i) => core.instanceIdOf(i) === instanceId) ?? -1;
  if (!list || at < 0) throw notFound('Attribute instance Not Found', instanceId);
  list.splice(at, 1);
  return { status: 204 };
}

/** PATCH /temporal/entities/{id}/attrs/{attr}/{instanceId} */
export function patchInstanceHandler(
  core: BrokerCore,
  ctx: RequestContext,
  id: string,
  attrName: string,
  instanceId: string,
): HandlerResult {
  const attr = ctx.ac.expand(attrName);
  const history = requireHistory(readTenant(core, ctx), id);
  const list = history.attrs.get(attr);
  const at = list?.findIndex((i) => core.instanceIdOf(i) === instanceId) ?? -1;
  if (!list || at < 0) throw notFound('Attribute instance Not Found', instanceId);
  if (!isRecord(ctx.body) || ctx.body[attrName] === undefined) {
    throw badRequest('Invalid payload body', `the body must hold the attribute '${attrName}'`);
  }
  const parsed = parseTemporalBody({ [attrName]: ctx.body[attrName] }, ctx.ac, {
    id,
    types: history.types,
  }).attrs.get(attr)?.[0];
  if (!parsed) throw badRequest('Invalid attribute', attr);
  const old = list[at] as TemporalInstance;
  list[at] = { attr: parsed, seq: old.seq, recordedAt: core.nowIso() };
  return { status: 204 };
}

/** Parsed temporal query parameters. */
interface TemporalQuery {
  timeproperty: string;
  timerel?: 'before' | 'after' | 'between';
  timeAt?: number;
  endTimeAt?: number;
  lastN?: number;
  attrs?: Set<string>;
  mode: 'normalized' | 'temporalValues' | 'aggregatedValues';
  sysAttrs: boolean;
  aggrMethods: string[];
  periodMs?: number;
}

function timeParam(ctx: RequestContext, name: string): number | undefined {
  const raw = ctx.query.get(name);
  if (raw === undefined) return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms))
    throw badRequest(`Invalid value for URI parameter /${name}/`, raw.slice(0, 60));
  return ms;
}

/** Parses an ISO 8601 duration (PnYnMnDTnHnMnS; a year counts 365 days, a month 30). */
export function parseDuration(text: string): number | undefined {
  const m =
    /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      text,
    );
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const n = (i: number): number => Number(m[i] ?? 0);
  const day = 86_400_000;
  return (
    n(1) * 365 * day +
    n(2) * 30 * day +
    n(3) * 7 * day +
    n(4) * day +
    n(5) * 3_600_000 +
    n(6) * 60_000 +
    n(7) * 1000
  );
}

function temporalQueryOf(ctx: RequestContext): TemporalQuery {
  const opts = optionsOf(ctx);
  const format = ctx.query.get('format');
  const mode =
    format === 'temporalValues' || opts.has('temporalValues')
      ? 'temporalValues'
      : format === 'aggregatedValues' || opts.has('aggregatedValues')
        ? 'aggregatedValues'
        : 'normalized';
  const tq: TemporalQuery = {
    timeproperty: ctx.query.get('timeproperty') ?? 'observedAt',
    mode,
    sysAttrs: opts.has('sysAttrs'),
    aggrMethods: [],
  };
  const timerel = ctx.query.get('timerel');
  if (timerel !== undefined) {
    if (timerel !== 'before' && timerel !== 'after' && timerel !== 'between') {
      throw badRequest('Invalid value for URI parameter /timerel/', timerel.slice(0, 40));
    }
    tq.timerel = timerel;
    const at = timeParam(ctx, 'timeAt');
    if (at === undefined)
      throw badRequest('Missing URI parameter /timeAt/', 'timerel needs timeAt');
    tq.timeAt = at;
    if (timerel === 'between') {
      const end = timeParam(ctx, 'endTimeAt');
      if (end === undefined)
        throw badRequest('Missing URI parameter /endTimeAt/', 'timerel=between needs endTimeAt');
      tq.endTimeAt = end;
    }
  }
  const lastN = ctx.query.get('lastN');
  if (lastN !== undefined) {
    if (!/^\d+$/.test(lastN) || Number(lastN) < 1)
      throw badRequest('Invalid value for URI parameter /lastN/', lastN.slice(0, 20));
    tq.lastN = Number(lastN);
  }
  const attrs = listParam(ctx, 'attrs') ?? listParam(ctx, 'pick');
  if (attrs) tq.attrs = new Set(expandNames(attrs, ctx.ac));
  if (mode === 'aggregatedValues') {
    const methods = listParam(ctx, 'aggrMethods');
    if (!methods || methods.length === 0)
      throw badRequest('Missing URI parameter /aggrMethods/', 'aggregatedValues needs aggrMethods');
    for (const m of methods)
      if (!AGGREGATIONS.has(m))
        throw badRequest('Invalid value for URI parameter /aggrMethods/', m.slice(0, 40));
    tq.aggrMethods = methods;
    const period = ctx.query.get('aggrPeriodDuration');
    if (period !== undefined && period !== 'P0D') {
      const ms = parseDuration(period);
      if (ms === undefined || ms <= 0)
        throw badRequest(
          'Invalid value for URI parameter /aggrPeriodDuration/',
          period.slice(0, 40),
        );
      tq.periodMs = ms;
    }
  }
  return tq;
}

/** The raw time of an instance for a timeproperty (system times fall back on when it was recorded). */
function rawTime(ti: TemporalInstance, property: string): unknown {
  const v = ti.attr[property];
  if (v !== undefined || property === 'observedAt') return v;
  return ti.recordedAt;
}

function instantOf(ti: TemporalInstance, property: string): number | undefined {
  const raw = rawTime(ti, property);
  if (typeof raw !== 'string') return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : ms;
}

/** ISO time without milliseconds when they are zero (as the temporal representations show it). */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

interface Selected {
  name: string;
  instances: TemporalInstance[];
  truncated: boolean;
}

function selectInstances(history: TemporalEntity, tq: TemporalQuery, pageSize: number): Selected[] {
  const out: Selected[] = [];
  for (const [name, all] of history.attrs) {
    if (tq.attrs && !tq.attrs.has(name)) continue;
    const timed = all
      .map((inst) => ({
        inst,
        t: instantOf(inst, tq.timeproperty) ?? instantOf(inst, 'modifiedAt') ?? 0,
      }))
      .filter(({ inst, t }) => {
        if (!tq.timerel) return true;
        if (instantOf(inst, tq.timeproperty) === undefined) return false;
        const at = tq.timeAt as number;
        if (tq.timerel === 'before') return t < at;
        if (tq.timerel === 'after') return t >= at;
        return t >= at && t < (tq.endTimeAt as number);
      })
      .sort((a, b) => a.t - b.t);
    let list = timed.map((x) => x.inst);
    if (tq.lastN !== undefined && list.length > tq.lastN) list = list.slice(list.length - tq.lastN);
    let truncated = false;
    if (list.length > pageSize) {
      truncated = true;
      list = tq.lastN !== undefined ? list.slice(list.length - pageSize) : list.slice(0, pageSize);
    }
    if (list.length > 0 || !tq.timerel) out.push({ name, instances: list, truncated });
  }
  return out;
}

function renderInstance(
  core: BrokerCore,
  ti: TemporalInstance,
  sysAttrs: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(ti.attr))
    if (key !== 'createdAt' && key !== 'modifiedAt') out[key] = ti.attr[key];
  out.instanceId = core.instanceIdOf(ti);
  if (sysAttrs) {
    out.createdAt = ti.recordedAt;
    out.modifiedAt = ti.recordedAt;
  }
  return out;
}

const VALUE_MEMBER: Record<string, [string, string]> = {
  Relationship: ['object', 'objects'],
  LanguageProperty: ['languageMap', 'languageMaps'],
  VocabProperty: ['vocab', 'vocabs'],
  JsonProperty: ['json', 'jsons'],
  ListProperty: ['valueList', 'valueLists'],
  ListRelationship: ['objectList', 'objectLists'],
};

function aggregate(method: string, values: unknown[]): unknown {
  const nums = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  switch (method) {
    case 'totalCount':
      return values.length;
    case 'distinctCount':
      return new Set(values.map((v) => JSON.stringify(v))).size;
    case 'sum':
      return nums.reduce((a, b) => a + b, 0);
    case 'sumsq':
      return nums.reduce((a, b) => a + b * b, 0);
    case 'avg':
      return nums.length === 0 ? null : nums.reduce((a, b) => a + b, 0) / nums.length;
    case 'stddev': {
      if (nums.length === 0) return null;
      const mean = nums.reduce((a, b) => a + b, 0) / nums.length;
      return Math.sqrt(nums.reduce((a, b) => a + (b - mean) ** 2, 0) / nums.length);
    }
    case 'min':
    case 'max': {
      if (nums.length > 0) return method === 'min' ? Math.min(...nums) : Math.max(...nums);
      const strings = values.filter((v): v is string => typeof v === 'string').sort();
      if (strings.length === 0) return null;
      return method === 'min' ? strings[0] : strings[strings.length - 1];
    }
    default:
      return null;
  }
}

/** Renders one history in the requested temporal representation. */
function renderHistory(
  core: BrokerCore,
  history: TemporalEntity,
  tq: TemporalQuery,
  pageSize: number,
): { body: Record<string, unknown>; truncated: boolean; from?: number; to?: number } {
  const selected = selectInstances(history, tq, pageSize);
  const body: Record<string, unknown> = {
    id: history.id,
    type: history.types.length === 1 ? history.types[0] : history.types,
  };
  let truncated = false;
  let from: number | undefined;
  let to: number | undefined;
  const when = (inst: TemporalInstance): number =>
    instantOf(inst, tq.timeproperty) ?? instantOf(inst, 'modifiedAt') ?? 0;
  for (const s of selected) {
    truncated ||= s.truncated;
    for (const inst of s.instances) {
      const t = when(inst);
      from = from === undefined ? t : Math.min(from, t);
      to = to === undefined ? t : Math.max(to, t);
    }
  }
  const periodStart = tq.timeAt ?? from ?? 0;
  for (const s of selected) {
    const firstType = s.instances[0]?.attr.type;
    const kind = typeof firstType === 'string' ? firstType : 'Property';
    if (tq.mode === 'normalized') {
      body[s.name] = s.instances.map((i) => renderInstance(core, i, tq.sysAttrs));
      continue;
    }
    const [member, plural] = VALUE_MEMBER[kind] ?? ['value', 'values'];
    if (tq.mode === 'temporalValues') {
      body[s.name] = {
        type: kind,
        [plural]: s.instances.map((i) => [
          i.attr[member],
          rawTime(i, tq.timeproperty) ?? i.recordedAt,
        ]),
      };
      continue;
    }
    const out: Record<string, unknown> = { type: kind };
    const lastT =
      s.instances.length > 0
        ? when(s.instances[s.instances.length - 1] as TemporalInstance)
        : periodStart;
    const period = tq.periodMs ?? Math.max(1, (tq.endTimeAt ?? lastT + 1) - periodStart);
    const buckets = new Map<number, unknown[]>();
    for (const inst of s.instances) {
      const k = Math.floor((when(inst) - periodStart) / period);
      if (k < 0) continue;
      let b = buckets.get(k);
      if (!b) {
        b = [];
        buckets.set(k, b);
      }
      b.push(inst.attr[member]);
    }
    const keys = [...buckets.keys()].sort((a, b) => a - b);
    for (const m of tq.aggrMethods) {
      out[m] = keys.map((k) => [
        aggregate(m, buckets.get(k) as unknown[]),
        formatInstant(periodStart + k * period),
        formatInstant(periodStart + (k + 1) * period),
      ]);
    }
    body[s.name] = out;
  }
  const result: { body: Record<string, unknown>; truncated: boolean; from?: number; to?: number } =
    { body, truncated };
  if (from !== undefined) result.from = from;
  if (to !== undefined) result.to = to;
  return result;
}

function contentRange(
  from: number | undefined,
  to: number | undefined,
  tq: TemporalQuery,
): Record<string, string> {
  if (from === undefined || to === undefined) return {};
  return {
    'Content-Range': `date-time ${formatInstant(from)}-${formatInstant(to)}/${tq.lastN ?? '*'}`,
  };
}

/** GET /temporal/entities/{id} */
export function retrieveTemporalHandler(
  core: BrokerCore,
  ctx: RequestContext,
  id: string,
): HandlerResult {
  const history = requireHistory(readTenant(core, ctx), id);
  const tq = temporalQueryOf(ctx);
  const r = renderHistory(core, history, tq, core.settings.temporalPageSize);
  const body = compactEntity(r.body, ctx.ac);
  if (r.truncated)
    return { status: 206, kind: 'entity', body, headers: contentRange(r.from, r.to, tq) };
  return { status: 200, kind: 'entity', body };
}

/** GET /temporal/entities */
export function queryTemporalHandler(core: BrokerCore, ctx: RequestContext): HandlerResult {
  const tenant = readTenant(core, ctx);
  const tq = temporalQueryOf(ctx);
  const selector: EntitySelector = {};
  for (const k of ['type', 'id', 'idPattern'] as const) {
    const v = ctx.query.get(k);
    if (v !== undefined) selector[k] = v;
  }
  const attrs = splitList(ctx.query.get('attrs'));
  if (Object.keys(selector).length === 0 && !attrs) {
    throw badRequest(
      'Too broad query',
      'Need at least one of: entity type, entity id, idPattern or attrs',
    );
  }
  const predicate = compileQuery({
    selectors: Object.keys(selector).length > 0 ? [selector] : [],
    attrs,
    ac: ctx.ac,
  });
  const bodies: Record<string, unknown>[] = [];
  let truncated = false;
  let from: number | undefined;
  let to: number | undefined;
  for (const history of tenant.temporal.values()) {
    const attrs = new Map<string, AttrInstance[]>();
    for (const name of history.attrs.keys()) attrs.set(name, []);
    const view = {
      id: history.id,
      types: history.types,
      createdAt: history.createdAt,
      modifiedAt: history.modifiedAt,
      attrs,
    };
    if (!predicate(view)) continue;
    const r = renderHistory(core, history, tq, core.settings.temporalPageSize);
    bodies.push(compactEntity(r.body, ctx.ac));
    truncated ||= r.truncated;
    if (r.from !== undefined) from = from === undefined ? r.from : Math.min(from, r.from);
    if (r.to !== undefined) to = to === undefined ? r.to : Math.max(to, r.to);
  }
  if (truncated)
    return { status: 206, kind: 'entities', body: bodies, headers: contentRange(from, to, tq) };
  return { status: 200, kind: 'entities', body: bodies };
}

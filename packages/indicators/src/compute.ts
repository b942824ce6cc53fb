import type { NgsiLdClient } from '@smartcitylab/client';
import { IndicatorError } from './errors.js';
import { type Period, periodBounds } from './period.js';
import {
  applyStatistic,
  type EntityReduction,
  type Observation,
  reduceEntity,
  type Statistic,
} from './statistics.js';

/**
 * How results are grouped: by `address.addressLocality` (`municipality`), by `areaServed`
 * or else `address.district` (`area`), per source entity (`entity`, e.g. per station), or
 * not at all (`all`).
 *
 * @example
 * ```ts
 * import type { Grouping } from '@smartcitylab/indicators';
 * const g: Grouping = 'municipality';
 * ```
 */
export type Grouping = 'municipality' | 'area' | 'entity' | 'all';

/**
 * KPI calculation frequencies of the KeyPerformanceIndicator model.
 *
 * @example
 * ```ts
 * import type { CalculationFrequency } from '@smartcitylab/indicators';
 * const f: CalculationFrequency = 'weekly';
 * ```
 */
export type CalculationFrequency =
  | 'hourly'
  | 'daily'
  | 'weekly'
  | 'monthly'
  | 'yearly'
  | 'quarterly'
  | 'bimonthly'
  | 'biweekly';

/**
 * What to compute: from which entities and attribute, which statistic, grouped how, over
 * which period. Values are read from the broker's temporal API (observations whose
 * `observedAt` lies in the period); the entity set and the group of each entity come from
 * the entities' current state (`type` and optional `q`).
 *
 * @example
 * ```ts
 * import { type IndicatorDefinition, periodOf } from '@smartcitylab/indicators';
 * const d: IndicatorDefinition = {
 *   id: 'no2-daily-mean', name: 'Daily mean NO2', entityType: 'AirQualityObserved', attribute: 'no2',
 *   statistic: 'mean', groupBy: 'entity', period: periodOf('day', '2026-11-25'),
 * };
 * ```
 */
export interface IndicatorDefinition {
  /** Short stable id, part of each KPI entity id (letters, digits, `-`). */
  id: string;
  /** Human name, e.g. "Waste containers over 80 % full". */
  name: string;
  description?: string;
  /** NGSI-LD type of the source entities. */
  entityType: string;
  /** Attribute whose observations are aggregated. */
  attribute: string;
  /** NGSI-LD `q` on the entities' current state, selecting which entities count. */
  q?: string;
  statistic: Statistic;
  /** Needed by `shareAbove`: values strictly above it count. */
  threshold?: number;
  /** Reduce each entity to one value first (each entity then counts once). */
  perEntity?: EntityReduction;
  /** Default `all`. */
  groupBy?: Grouping;
  period: Period;
  /** Written to the KPI's `calculationFrequency`. */
  frequency?: CalculationFrequency;
  /** Written to the KPI's `organization` and `calculatedBy`. */
  organization?: string;
}

/**
 * One computed indicator value for one group, with the query, formula and period it was
 * computed from.
 *
 * @example
 * ```ts
 * import type { IndicatorResult } from '@smartcitylab/indicators';
 * const show = (r: IndicatorResult) => `${r.group}: ${r.value} (${r.formula})`;
 * ```
 */
export interface IndicatorResult {
  definition: IndicatorDefinition;
  /** The group: a municipality or area name, an entity id, or `all`. */
  group: string;
  /** `null` when the group has no value to compute from. */
  value: number | null;
  /** Observations in the period that entered the value. */
  observations: number;
  /** Entities with at least one observation in the period. */
  entities: number;
  period: Period;
  /** The two broker queries the value comes from (entities, then their history). */
  sourceQuery: string;
  formula: string;
}

/**
 * Everything {@link computeIndicator} found: one result per group, plus the entities that
 * could not count.
 *
 * @example
 * ```ts
 * import type { IndicatorReport } from '@smartcitylab/indicators';
 * const gaps = (r: IndicatorReport) => r.withoutData.length + r.ungrouped.length;
 * ```
 */
export interface IndicatorReport {
  results: IndicatorResult[];
  /** Matching entities with no observation of the attribute in the period. */
  withoutData: string[];
  /** Entities left out because they lack the grouping attribute. */
  ungrouped: string[];
}

/** Options of {@link computeIndicator}. */
export interface ComputeOptions {
  /** Entities per temporal request (default 100). */
  pageSize?: number;
  signal?: AbortSignal;
}

const NGSI = '/ngsi-ld/v1';

function check(d: IndicatorDefinition): void {
  const bad = (msg: string): never => {
    throw new IndicatorError('InvalidIndicator', `indicator ${JSON.stringify(d.id)}: ${msg}`);
  };
  if (typeof d.id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(d.id))
    bad('id must be letters, digits, "-" or "_" (it becomes part of the KPI entity id)');
  if (!d.name) bad('give a name');
  if (!d.entityType) bad('give the entityType of the source entities');
  if (!d.attribute) bad('give the attribute to aggregate');
  const stats: readonly Statistic[] = ['count', 'sum', 'mean', 'min', 'max', 'shareAbove'];
  if (!stats.includes(d.statistic)) bad(`statistic must be one of ${stats.join(', ')}`);
  if (d.statistic === 'shareAbove' && !Number.isFinite(d.threshold))
    bad('shareAbove needs a numeric threshold');
  if (d.perEntity !== undefined && !['max', 'min', 'mean', 'last'].includes(d.perEntity))
    bad('perEntity must be one of max, min, mean, last');
  if (d.groupBy !== undefined && !['municipality', 'area', 'entity', 'all'].includes(d.groupBy))
    bad('groupBy must be one of municipality, area, entity, all');
  periodBounds(d.period);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** The group key of an entity in keyValues form, or undefined when it has none. */
function groupOf(entity: Record<string, unknown>, groupBy: Grouping): string | undefined {
  const address =
    typeof entity.address === 'object' && entity.address !== null
      ? (entity.address as Record<string, unknown>)
      : {};
  switch (groupBy) {
    case 'municipality':
      return str(address.addressLocality);
    case 'area':
      return str(entity.areaServed) ?? str(address.district);
    case 'entity':
      return String(entity.id);
    case 'all':
      return 'all';
  }
}

function timeOf(instance: Record<string, unknown>): number | undefined {
  const t = instance.observedAt ?? instance.modifiedAt;
  if (typeof t !== 'string') return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Observations of one attribute of a temporal entity, in any temporal representation. */
export function observationsOf(attribute: unknown): Observation[] {
  const out: Observation[] = [];
  const list = Array.isArray(attribute) ? attribute : [attribute];
  for (const item of list) {
    if (typeof item !== 'object' || item === null) continue;
    const rec = item as Record<string, unknown>;
    if (Array.isArray(rec.values)) {
      // temporalValues: [[value, time], ...]
      for (const pair of rec.values) {
        if (!Array.isArray(pair) || typeof pair[1] !== 'string') continue;
        const time = Date.parse(pair[1]);
        if (!Number.isNaN(time)) out.push({ value: pair[0], time });
      }
      continue;
    }
    const time = timeOf(rec);
    if (time !== undefined && 'value' in rec) out.push({ value: rec.value, time });
  }
  return out;
}

function queryString(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  return q.toString();
}

function grouping(g: Grouping): string {
  switch (g) {
    case 'municipality':
      return 'per municipality (address.addressLocality)';
    case 'area':
      return 'per area (areaServed, else address.district)';
    case 'entity':
      return `per entity`;
    case 'all':
      return 'over all entities';
  }
}

/**
 * The formula of an indicator in words and symbols, as written to the KPI's
 * `calculationFormula`.
 *
 * @example
 * ```ts
 * import { describeFormula, periodOf } from '@smartcitylab/indicators';
 * describeFormula({ id: 'x', name: 'x', entityType: 'AirQualityObserved', attribute: 'no2', statistic: 'mean', groupBy: 'entity', period: periodOf('day', '2026-11-25') });
 * // 'mean(no2) over the AirQualityObserved observations with observedAt in [2026-11-25T00:00:00.000Z, 2026-11-26T00:00:00.000Z), per entity'
 * ```
 */
export function describeFormula(d: IndicatorDefinition): string {
  const a = d.attribute;
  const per = d.perEntity;
  const unit = per
    ? `${per}(${a}) of each ${d.entityType} entity`
    : `${a} of the ${d.entityType} observations`;
  let body: string;
  switch (d.statistic) {
    case 'count':
      body = per
        ? `count of ${d.entityType} entities with ${a} observed`
        : `count of ${a} observations of ${d.entityType}`;
      break;
    case 'shareAbove':
      body = `count(${unit} > ${d.threshold}) / count(${unit})`;
      break;
    default:
      body = per
        ? `${d.statistic} over entities of ${unit}`
        : `${d.statistic}(${a}) over the ${d.entityType} observations`;
  }
  return `${body} with observedAt in [${d.period.from}, ${d.period.to}), ${grouping(d.groupBy ?? 'all')}`;
}

/**
 * Computes an indicator from a broker: selects the entities (`type`, `q`), reads the
 * attribute's observations in the period through the temporal API, groups them and applies
 * the statistic. Groups without any observation are left out (their entities are listed in
 * `withoutData`).
 *
 * @example
 * ```ts
 * import { createClient } from '@smartcitylab/client';
 * import { computeIndicator, periodOf } from '@smartcitylab/indicators';
 * const client = createClient({ baseUrl: 'http://localhost:1026' });
 * const report = await computeIndicator(client, {
 *   id: 'no2-daily-mean', name: 'Daily mean NO2', entityType: 'AirQualityObserved',
 *   attribute: 'no2', statistic: 'mean', groupBy: 'entity', period: periodOf('day'),
 * });
 * for (const r of report.results) console.log(r.group, r.value);
 * ```
 * @throws {IndicatorError} code `InvalidIndicator` or `InvalidPeriod` on a bad definition.
 * @throws {HttpError} (from the client) when the broker refuses a query.
 */
export async function computeIndicator(
  client: NgsiLdClient,
  definition: IndicatorDefinition,
  options: ComputeOptions = {},
): Promise<IndicatorReport> {
  check(definition);
  const { from, to } = periodBounds(definition.period);
  const groupBy = definition.groupBy ?? 'all';
  const call = options.signal ? { signal: options.signal } : {};

  // 1. The entity set and each entity's group, from the current state.
  const groupOfId = new Map<string, string>();
  const ungrouped: string[] = [];
  for await (const e of client.queryAll({
    type: definition.entityType,
    ...(definition.q ? { q: definition.q } : {}),
    // attrs also selects: an entity is returned when it has one of them (NGSI-LD 4.x).
    attrs: [definition.attribute, 'address', 'areaServed'],
    format: 'keyValues',
    ...call,
  })) {
    const entity = e as Record<string, unknown>;
    const group = groupOf(entity, groupBy);
    if (group === undefined) ungrouped.push(String(entity.id));
    else groupOfId.set(String(entity.id), group);
  }

  // 2. Their observations in the period, page by page. A broker that ignores limit/offset
  // answers every page with the same entities; paging stops when a page brings no new id.
  const pageSize = options.pageSize ?? 100;
  const byEntity = new Map<string, Observation[]>();
  const seen = new Set<string>();
  for (let offset = 0; ; offset += pageSize) {
    const page = await client.queryTemporal({
      type: definition.entityType,
      attrs: [definition.attribute],
      timerel: 'between',
      timeAt: definition.period.from,
      endTimeAt: definition.period.to,
      limit: pageSize,
      offset,
      ...call,
    });
    let fresh = 0;
    for (const t of page) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      fresh++;
      if (!groupOfId.has(t.id)) continue;
      // Brokers differ on whether endTimeAt is inclusive; the period is half-open.
      const obs = observationsOf(t[definition.attribute]).filter(
        (o) => o.time >= from && o.time < to,
      );
      if (obs.length > 0) byEntity.set(t.id, obs);
    }
    if (page.length < pageSize || fresh === 0) break;
  }

  // 3. Group, reduce, compute.
  const groups = new Map<string, { obs: Observation[]; entities: number; count: number }>();
  const withoutData: string[] = [];
  for (const [id, group] of groupOfId) {
    const obs = byEntity.get(id);
    if (!obs) {
      withoutData.push(id);
      continue;
    }
    let g = groups.get(group);
    if (!g) {
      g = { obs: [], entities: 0, count: 0 };
      groups.set(group, g);
    }
    g.entities++;
    g.count += obs.length;
    if (definition.perEntity) {
      const one = reduceEntity(obs, definition.perEntity);
      if (one) g.obs.push(one);
    } else g.obs.push(...obs);
  }

  const entitiesUrl = `GET ${NGSI}/entities?${queryString({ type: definition.entityType, q: definition.q, attrs: `${definition.attribute},address,areaServed` })}`;
  const temporalUrl = `GET ${NGSI}/temporal/entities?${queryString({
    type: definition.entityType,
    attrs: definition.attribute,
    timerel: 'between',
    timeAt: definition.period.from,
    endTimeAt: definition.period.to,
  })}`;
  const sourceQuery = `${client.toJSON().baseUrl}: ${entitiesUrl}; ${temporalUrl}`;
  const formula = describeFormula(definition);
  const results = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(
      ([group, g]): IndicatorResult => ({
        definition,
        group,
        value: applyStatistic(g.obs, definition.statistic, definition.threshold),
        observations: g.count,
        entities: g.entities,
        period: definition.period,
        sourceQuery,
        formula,
      }),
    );
  return { results, withoutData: withoutData.sort(), ungrouped: ungrouped.sort() };
}

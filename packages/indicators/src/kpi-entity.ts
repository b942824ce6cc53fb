import type { BatchResult, NgsiLdClient } from '@smartcitylab/client';
import {
  KeyPerformanceIndicator,
  type KeyPerformanceIndicatorKeyValues,
} from '@smartcitylab/models/key-performance-indicator';
import type { NormalizedEntity } from '@smartcitylab/ngsi-ld';
import type { IndicatorResult } from './compute.js';
import { periodBounds } from './period.js';

const DAY = 86_400_000;
const date = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Lower-case ASCII letters, digits and `-`: safe inside a URN (å, ä, ö lose their marks). */
function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The local part of an NGSI-LD URN (`urn:ngsi-ld:Type:local` → `local`), else the text. */
function localPart(id: string): string {
  const m = /^urn:ngsi-ld:[^:]+:(.+)$/i.exec(id);
  return m ? (m[1] as string) : id;
}

/**
 * The KPI entity id of a result: `urn:ngsi-ld:KeyPerformanceIndicator:<indicator>:<group>:<from>`,
 * so a recomputation of the same period replaces the same entity.
 *
 * @example
 * ```ts
 * import { kpiEntityId, type IndicatorResult } from '@smartcitylab/indicators';
 * declare const result: IndicatorResult;
 * kpiEntityId(result); // e.g. 'urn:ngsi-ld:KeyPerformanceIndicator:waste-full:sundsvall:20261123'
 * ```
 */
export function kpiEntityId(result: IndicatorResult): string {
  const group =
    result.definition.groupBy === 'entity' ? slug(localPart(result.group)) : slug(result.group);
  const from = result.period.from.slice(0, 10).replace(/-/g, '');
  return `urn:ngsi-ld:KeyPerformanceIndicator:${result.definition.id}:${group || 'all'}:${from}`;
}

/**
 * Turns a computed result into a `KeyPerformanceIndicator` entity (keyValues), validated by
 * the model. It states the source query (`source`), the formula (`calculationFormula`), the
 * period (`calculationPeriod`, dates; the exact instants are in `source` and the formula)
 * and the group (`address.addressLocality` for a municipality, `area` for an area,
 * `seeAlso` for a source entity).
 *
 * @example
 * ```ts
 * import { toKpiEntity, type IndicatorResult } from '@smartcitylab/indicators';
 * declare const result: IndicatorResult;
 * const kpi = toKpiEntity(result, { now: new Date('2026-11-30T06:00:00Z') });
 * kpi.kpiValue; // the computed value
 * ```
 * @throws {ModelValidationError} when the entity does not satisfy the model (for example an
 * `organization` that is not a string).
 */
export function toKpiEntity(
  result: IndicatorResult,
  options: { now?: Date } = {},
): KeyPerformanceIndicatorKeyValues {
  const d = result.definition;
  const { from, to } = periodBounds(result.period);
  const groupBy = d.groupBy ?? 'all';
  const label = groupBy === 'all' ? '' : ` (${result.group})`;
  const input: Record<string, unknown> = {
    id: kpiEntityId(result),
    type: 'KeyPerformanceIndicator',
    name: `${d.name}${label}`,
    description:
      d.description ??
      `${d.name}${label}: ${result.observations} observations from ${result.entities} ${d.entityType} entities.`,
    category: ['quantitative'],
    calculationMethod: 'automatic',
    calculationFormula: result.formula,
    calculationPeriod: { from: date(from), to: date(to - 1) },
    // The next value is due once the next period of the same length has ended.
    dateNextCalculation: date(to + (to - from)),
    aggregatedData: [{ entityType: d.entityType, attrs: [d.attribute] }],
    source: result.sourceQuery,
    dateCreated: (options.now ?? new Date()).toISOString(),
  };
  if (result.value !== null) input.kpiValue = result.value;
  if (d.frequency) input.calculationFrequency = d.frequency;
  else if (to - from === DAY) input.calculationFrequency = 'daily';
  else if (to - from === 7 * DAY) input.calculationFrequency = 'weekly';
  if (d.organization) {
    input.organization = d.organization;
    input.calculatedBy = d.organization;
  }
  if (groupBy === 'municipality') input.address = { addressLocality: result.group };
  if (groupBy === 'area') input.area = result.group;
  if (groupBy === 'entity') input.seeAlso = result.group;
  return KeyPerformanceIndicator.create(
    input as Parameters<typeof KeyPerformanceIndicator.create>[0],
    {
      representation: 'keyValues',
    },
  );
}

/**
 * Writes computed results to a broker as normalized `KeyPerformanceIndicator` entities
 * (batch upsert; a recomputation replaces the entity of the same indicator, group and
 * period). Results without a value are skipped. Never throws on partial failure: the
 * batch result names each failed entity.
 *
 * @example
 * ```ts
 * import { createClient } from '@smartcitylab/client';
 * import { publishIndicators, type IndicatorReport } from '@smartcitylab/indicators';
 * declare const report: IndicatorReport;
 * const client = createClient({ baseUrl: 'http://localhost:1026' });
 * const { success, errors } = await publishIndicators(client, report.results);
 * ```
 * @throws {ModelValidationError} when a result does not make a valid KPI entity.
 */
export function publishIndicators(
  client: NgsiLdClient,
  results: readonly IndicatorResult[],
  options: { now?: Date } = {},
): Promise<BatchResult> {
  const entities: NormalizedEntity[] = results
    .filter((r) => r.value !== null)
    .map((r) =>
      KeyPerformanceIndicator.create(
        toKpiEntity(r, options) as Parameters<typeof KeyPerformanceIndicator.create>[0],
      ),
    ) as NormalizedEntity[];
  return client.upsertEntities(entities);
}

/**
 * The MIM2 data audit: pages through the live entities of each type, validates each against its
 * Smart Data Model and the quality rules, and keeps only running totals (bounded memory).
 */
import { createValidator, loadSmartDataModel, type QualityReport } from '@smartcitylab/validate';
import { expectArray, expectStatus } from './internal/context.js';
import type { Probe } from './internal/http.js';
import type { AuditIssue, AuditTypeResult } from './types.js';

/** Settings of the data audit. */
export interface AuditSettings {
  /** Entity types to audit, e.g. `['WasteContainer']`. */
  readonly types: readonly string[];
  /** At most this many entities per type (default 1 000). */
  readonly sample?: number;
  /** Entities per page request (default 100). */
  readonly pageSize?: number;
  /** Oldest acceptable observation for the timeliness rules (default `P7D`). */
  readonly maxAge?: string;
  /** The clock used by the timeliness rules (default: now). */
  readonly now?: () => Date;
  /** Called after each page with the entities audited so far for the type. */
  readonly onProgress?: (type: string, seen: number) => void;
}

const MAX_DISTINCT_ISSUES = 500;
const EXAMPLES = 3;

interface IssueTally {
  rule: string;
  path: string;
  message: string;
  count: number;
  examples: string[];
}

/** Rule ids that make an entity not schema-valid. */
const SCHEMA_RULES = new Set(['schema', 'structure']);

/** Audits one type; only the current page and the tallies are held in memory. */
export async function auditType(
  probe: Probe,
  type: string,
  settings: AuditSettings,
): Promise<AuditTypeResult> {
  const model = await loadSmartDataModel(type).catch(() => undefined);
  const validator = createValidator({
    ...(model ? { models: [model] } : {}),
    maxAge: settings.maxAge ?? 'P7D',
    ...(settings.now ? { now: settings.now } : {}),
  });
  const sample = settings.sample ?? 1000;
  const pageSize = Math.max(1, Math.min(settings.pageSize ?? 100, sample));
  const tallies = new Map<string, IssueTally>();
  let seen = 0;
  let valid = 0;
  let scoreSum = 0;
  for (let offset = 0; seen < sample; offset += pageSize) {
    const limit = Math.min(pageSize, sample - seen);
    const res = await probe.send({ path: '/entities', query: { type, limit, offset } });
    expectStatus(res, [200], `paging through ${type} (offset ${offset})`);
    const page = expectArray(res, `paging through ${type}`);
    probe.record(undefined); // one page of evidence is enough; keep the report small
    for (const entity of page) {
      const report = validator.check(entity);
      seen += 1;
      scoreSum += report.score;
      if (!report.issues.some((i) => i.severity === 'error' && SCHEMA_RULES.has(i.rule)))
        valid += 1;
      tally(tallies, report);
    }
    settings.onProgress?.(type, seen);
    if (page.length < limit) break;
  }
  const topIssues: AuditIssue[] = [...tallies.values()]
    .sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule))
    .slice(0, 10)
    .map((t) => ({ ...t }));
  return {
    type,
    modelKnown: model !== undefined,
    entitiesSeen: seen,
    schemaValidPercent: seen === 0 ? 0 : Math.round((valid / seen) * 10_000) / 100,
    meanScore: seen === 0 ? 0 : Math.round((scoreSum / seen) * 1000) / 1000,
    topIssues,
  };
}

function tally(tallies: Map<string, IssueTally>, report: QualityReport): void {
  const id = report.entityId ?? '(no id)';
  for (const issue of report.issues) {
    if (issue.severity === 'info') continue;
    // Array indices differ per entity; the same fault at another index is the same issue.
    const path = issue.path.replace(/\[\d+\]/g, '[*]');
    const key = `${issue.rule}\u0000${path}`;
    let t = tallies.get(key);
    if (!t) {
      if (tallies.size >= MAX_DISTINCT_ISSUES) continue;
      t = { rule: issue.rule, path, message: issue.message, count: 0, examples: [] };
      tallies.set(key, t);
    }
    t.count += 1;
    if (t.examples.length < EXAMPLES && !t.examples.includes(id)) t.examples.push(id);
  }
}

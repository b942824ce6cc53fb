/** mim2-data: the checks that rest on the data audit. */
import { auditType } from '../audit.js';
import type { CheckContext } from '../internal/context.js';
import { CheckFailed, CheckSkipped } from '../internal/outcome.js';
import type { AuditTypeResult } from '../types.js';
import type { CheckFn } from './registry.js';

/** Runs the audit once per run (the first mim2 check pays for it). */
export function auditResults(ctx: CheckContext): Promise<AuditTypeResult[]> {
  const a = ctx.audit;
  if (!a || a.settings.types.length === 0)
    return Promise.reject(new CheckSkipped('no entity types to audit; give --types A,B'));
  let p = ctx.memo.get('audit') as Promise<AuditTypeResult[]> | undefined;
  if (!p) {
    p = (async () => {
      const out: AuditTypeResult[] = [];
      for (const type of a.settings.types) out.push(await auditType(ctx.probe, type, a.settings));
      a.results = out;
      return out;
    })();
    ctx.memo.set('audit', p);
  }
  return p;
}

function failIf(lines: string[]): void {
  if (lines.length > 0) throw new CheckFailed(lines.join('; '));
}

export const dataChecks: Record<string, CheckFn> = {
  async 'data.entities-present'(ctx) {
    const results = await auditResults(ctx);
    failIf(results.filter((r) => r.entitiesSeen === 0).map((r) => `no entities of type ${r.type}`));
  },

  async 'data.schema-valid'(ctx) {
    const results = await auditResults(ctx);
    const min = ctx.audit?.minValidPercent ?? 100;
    failIf(
      results
        .filter((r) => r.entitiesSeen > 0 && r.schemaValidPercent < min)
        .map((r) => {
          const top = r.topIssues.find((i) => i.rule === 'schema' || i.rule === 'structure');
          return `${r.type}: ${r.schemaValidPercent}% schema-valid (needs ${min}%)${top ? `, e.g. ${top.path}: ${top.message} (${top.examples[0] ?? ''})` : ''}`;
        }),
    );
  },

  async 'data.model-known'(ctx) {
    const results = await auditResults(ctx);
    failIf(
      results
        .filter((r) => !r.modelKnown)
        .map((r) => `${r.type} has no Smart Data Model in @smartcitylab/models`),
    );
  },

  async 'data.quality-score'(ctx) {
    const results = await auditResults(ctx);
    const min = ctx.audit?.minScore ?? 0.8;
    failIf(
      results
        .filter((r) => r.entitiesSeen > 0 && r.meanScore < min)
        .map((r) => `${r.type}: mean quality score ${r.meanScore} (needs ${min})`),
    );
  },
};

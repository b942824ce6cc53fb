import type { ConformanceReport, RunOutcome } from '../types.js';

/** The `$id` of the JSON Schema that describes {@link reportToJson} output (shipped as `report.schema.json`). */
export const REPORT_SCHEMA_ID = 'urn:npm:@smartcitylab/conformance:report-schema:1';

/**
 * Renders a report as JSON, with a `$schema` member naming the published JSON Schema.
 *
 * @example
 * ```ts
 * writeFileSync('conformance.json', reportToJson(report));
 * ```
 */
export function reportToJson(report: ConformanceReport): string {
  return `${JSON.stringify({ $schema: REPORT_SCHEMA_ID, ...report }, null, 2)}\n`;
}

/**
 * The process exit code of a report: 0 every must check passed, 1 a must check failed, 2 the
 * check could not run.
 *
 * @example
 * ```ts
 * process.exitCode = exitCodeOf(report);
 * ```
 */
export function exitCodeOf(report: { readonly outcome: RunOutcome }): 0 | 1 | 2 {
  return report.outcome === 'pass' ? 0 : report.outcome === 'fail' ? 1 : 2;
}

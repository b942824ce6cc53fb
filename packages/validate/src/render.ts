import {
  buildEntityId,
  fromKeyValues,
  type KeyValuesEntity,
  type NormalizedEntity,
} from '@smartcitylab/ngsi-ld';
import { DIMENSIONS, type QualityReport } from './report.js';

/** Language of rendered reports. */
export type ReportLanguage = 'en' | 'sv';

/**
 * Renders reports as JSON text (stable key order, two-space indent).
 *
 * @example
 * ```ts
 * import { createValidator, reportToJson } from '@smartcitylab/validate';
 * const text = reportToJson(createValidator().check({ id: 'urn:ngsi-ld:X:1', type: 'X' }));
 * ```
 */
export function reportToJson(report: QualityReport | readonly QualityReport[]): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const LABELS = {
  en: {
    title: 'Data quality report',
    entity: 'Entity',
    type: 'Type',
    score: 'Score',
    valid: 'Valid',
    yes: 'yes',
    no: 'no',
    dimension: 'Dimension',
    checks: 'Checks',
    failed: 'Failed',
    issues: 'Issues',
    none: 'No issues found.',
    severity: 'Severity',
    rule: 'Rule',
    path: 'Path',
    message: 'Message',
    notApplicable: 'n/a',
  },
  sv: {
    title: 'Datakvalitetsrapport',
    entity: 'Entitet',
    type: 'Typ',
    score: 'Poäng',
    valid: 'Giltig',
    yes: 'ja',
    no: 'nej',
    dimension: 'Dimension',
    checks: 'Kontroller',
    failed: 'Underkända',
    issues: 'Anmärkningar',
    none: 'Inga anmärkningar.',
    severity: 'Allvarlighet',
    rule: 'Regel',
    path: 'Sökväg',
    message: 'Meddelande',
    notApplicable: 'ej tillämplig',
  },
} as const;

const DIMENSION_NAMES: Record<ReportLanguage, Record<(typeof DIMENSIONS)[number], string>> = {
  en: {
    completeness: 'completeness',
    validity: 'validity',
    plausibility: 'plausibility',
    timeliness: 'timeliness',
    location: 'location',
    consistency: 'consistency',
  },
  sv: {
    completeness: 'fullständighet',
    validity: 'giltighet',
    plausibility: 'rimlighet',
    timeliness: 'aktualitet',
    location: 'position',
    consistency: 'konsistens',
  },
};

/**
 * Renders one or more reports as Markdown, in English or Swedish.
 *
 * @example
 * ```ts
 * import { createValidator, reportToMarkdown } from '@smartcitylab/validate';
 * const md = reportToMarkdown(createValidator().check({ id: 'urn:ngsi-ld:X:1', type: 'X' }), { lang: 'sv' });
 * ```
 */
export function reportToMarkdown(
  report: QualityReport | readonly QualityReport[],
  options: { readonly lang?: ReportLanguage } = {},
): string {
  const lang = options.lang ?? 'en';
  const l = LABELS[lang];
  const reports = isReportList(report) ? report : [report];
  const parts: string[] = [`# ${l.title}`, ''];
  for (const r of reports) {
    parts.push(`## ${l.entity} \`${r.entityId ?? '?'}\``, '');
    parts.push(
      `- ${l.type}: ${r.type ?? '?'}`,
      `- ${l.score}: ${percent(r.score)}`,
      `- ${l.valid}: ${r.valid ? l.yes : l.no}`,
      '',
    );
    parts.push(
      `| ${l.dimension} | ${l.score} | ${l.checks} | ${l.failed} |`,
      '| --- | --- | --- | --- |',
    );
    for (const d of DIMENSIONS) {
      const s = r.dimensions[d];
      const shown = s.score === null ? l.notApplicable : percent(s.score);
      parts.push(`| ${DIMENSION_NAMES[lang][d]} | ${shown} | ${s.checks} | ${s.failed} |`);
    }
    parts.push('', `### ${l.issues}`, '');
    if (r.issues.length === 0) parts.push(l.none, '');
    else {
      parts.push(
        `| ${l.severity} | ${l.rule} | ${l.path} | ${l.message} |`,
        '| --- | --- | --- | --- |',
      );
      for (const i of r.issues) {
        const msg = lang === 'sv' ? i.messageSv : i.message;
        parts.push(`| ${i.severity} | \`${i.rule}\` | \`${cell(i.path)}\` | ${cell(msg)} |`);
      }
      parts.push('');
    }
  }
  return parts.join('\n');
}

/** Options of {@link reportToDataQualityAssessment}. */
export interface AssessmentOptions {
  /** `normalized` (default) or `keyValues`. */
  readonly representation?: 'normalized' | 'keyValues';
  /** Who made the assessment, written to `source`. */
  readonly source?: string;
}

/**
 * Turns a report into a Smart Data Models `DataQualityAssessment` entity about the checked entity,
 * so the assessment can be stored in the broker next to the data.
 *
 * @example
 * ```ts
 * import { createValidator, reportToDataQualityAssessment } from '@smartcitylab/validate';
 * const report = createValidator().check({ id: 'urn:ngsi-ld:X:1', type: 'X' });
 * const dqa = reportToDataQualityAssessment(report);
 * ```
 */
export function reportToDataQualityAssessment(
  report: QualityReport,
  options: { readonly representation: 'keyValues'; readonly source?: string },
): KeyValuesEntity;
export function reportToDataQualityAssessment(
  report: QualityReport,
  options?: AssessmentOptions,
): NormalizedEntity;
export function reportToDataQualityAssessment(
  report: QualityReport,
  options: AssessmentOptions = {},
): NormalizedEntity | KeyValuesEntity {
  const subject = report.entityId ?? 'unidentified';
  const plausibility = report.dimensions.plausibility;
  const duplicates = report.issues.filter((i) => i.rule === 'consistency.duplicate');
  const domains: Record<string, number[]> = {};
  for (const d of ['completeness', 'consistency', 'timeliness', 'validity'] as const) {
    const s = report.dimensions[d].score;
    if (s !== null) domains[d] = [s];
  }
  const kv: Record<string, unknown> = {
    id: buildEntityId('DataQualityAssessment', subject),
    type: 'DataQualityAssessment',
    dateCalculated: report.checkedAt,
    source: options.source ?? 'https://www.npmjs.com/package/@smartcitylab/validate',
    description: `Quality of ${subject}: score ${report.score}, ${report.issues.length} issue(s).`,
    dataQualityAssessmentVariableNames: [subject],
    dataQualityAssessmentDomains: domains,
    outlier: {
      isOutlier: plausibility.failed > 0,
      outlierScore:
        plausibility.score === null ? 0 : Math.round((1 - plausibility.score) * 1000) / 1000,
    },
    duplicate: {
      isDuplicate: duplicates.length > 0,
      foundMatches: duplicates.length > 0 ? [subject] : [],
    },
  };
  const completeness = report.dimensions.completeness.score;
  if (completeness !== null) kv.completeness = completeness;
  if (options.representation === 'keyValues') return kv as KeyValuesEntity;
  return fromKeyValues(kv as KeyValuesEntity);
}

function isReportList(r: QualityReport | readonly QualityReport[]): r is readonly QualityReport[] {
  return Array.isArray(r);
}

function percent(n: number): string {
  return `${Math.round(n * 100)} %`;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

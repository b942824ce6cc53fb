import { buildEntityId, type KeyValuesEntity, type NormalizedEntity } from '@smartcitylab/ngsi-ld';
import { DIMENSIONS, type QualityReport, type Severity } from './report.js';

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

// What a reader sees in the severity column; the JSON output keeps the English codes.
const SEVERITY_NAMES: Record<ReportLanguage, Record<Severity, string>> = {
  en: { error: 'error', warning: 'warning', info: 'info' },
  sv: { error: 'fel', warning: 'varning', info: 'information' },
};

/**
 * A finding's severity as a reader of a report in `lang` sees it (`'fel'` for an `'error'` in
 * Swedish). Machine-readable output keeps the codes themselves.
 *
 * @example
 * ```ts
 * severityLabel('warning', 'sv'); // 'varning'
 * ```
 */
export function severityLabel(severity: Severity, lang: ReportLanguage = 'en'): string {
  return SEVERITY_NAMES[lang][severity];
}

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
        parts.push(
          `| ${severityLabel(i.severity, lang)} | \`${i.rule}\` | \`${cell(i.path)}\` | ${cell(msg)} |`,
        );
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

/** Who made the assessment when {@link AssessmentOptions.source} is not given. */
const DEFAULT_SOURCE = 'https://www.npmjs.com/package/@smartcitylab/validate';

/** The dimensions written to `dataQualityAssessmentDomains`, in the order they are written. */
const DOMAIN_DIMENSIONS = ['completeness', 'consistency', 'timeliness', 'validity'] as const;

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
 * @throws {NgsiLdError} when the report's entity id holds an unpaired surrogate, so no
 * assessment id can be built from it.
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
  const duplicate = hasDuplicate(report);
  const domains: Record<string, number[]> = {};
  for (const d of DOMAIN_DIMENSIONS) {
    const s = report.dimensions[d].score;
    if (s !== null) domains[d] = [s];
  }
  const kv: Record<string, unknown> = {
    id: buildEntityId('DataQualityAssessment', subject),
    type: 'DataQualityAssessment',
    dateCalculated: report.checkedAt,
    source: options.source ?? DEFAULT_SOURCE,
    description: describe(report, subject),
    dataQualityAssessmentVariableNames: [subject],
    dataQualityAssessmentDomains: domains,
    outlier: { isOutlier: plausibility.failed > 0, outlierScore: outlierScore(report) },
    duplicate: { isDuplicate: duplicate, foundMatches: duplicate ? [subject] : [] },
  };
  const completeness = report.dimensions.completeness.score;
  if (completeness !== null) kv.completeness = completeness;
  if (options.representation === 'keyValues') return kv as KeyValuesEntity;
  // Every attribute is a plain Property with a JSON value, so the normalized form is the same
  // members wrapped; going through fromKeyValues would check the entity twice per report, which
  // is most of the cost when a stream turns a million reports into assessments.
  const normalized: Record<string, unknown> = { id: kv.id, type: kv.type };
  for (const key of Object.keys(kv)) {
    if (key !== 'id' && key !== 'type') normalized[key] = { type: 'Property', value: kv[key] };
  }
  return normalized as NormalizedEntity;
}

/**
 * The JSON text of {@link reportToDataQualityAssessment}: the same characters as
 * `JSON.stringify(reportToDataQualityAssessment(report, options))`, written straight from the
 * report without building the entity first. Meant for writers of NDJSON that turn every report of
 * a long stream into an assessment (`smartcity validate --format dqa`), where the intermediate
 * objects are garbage the moment they are serialized.
 *
 * @example
 * ```ts
 * import { createValidator, reportToDataQualityAssessmentJson } from '@smartcitylab/validate';
 * const report = createValidator().check({ id: 'urn:ngsi-ld:X:1', type: 'X' });
 * process.stdout.write(`${reportToDataQualityAssessmentJson(report)}\n`);
 * ```
 * @throws {NgsiLdError} when the report's entity id holds an unpaired surrogate, so no
 * assessment id can be built from it.
 */
export function reportToDataQualityAssessmentJson(
  report: QualityReport,
  options: AssessmentOptions = {},
): string {
  const subject = report.entityId ?? 'unidentified';
  const dims = report.dimensions;
  const kv = options.representation === 'keyValues';
  const open = kv ? '' : '{"type":"Property","value":';
  const close = kv ? '' : '}';
  const s = quoted(subject);
  const description = quoted(describe(report, subject));
  const source = options.source === undefined ? DEFAULT_SOURCE_JSON : quoted(options.source);
  let domains = '';
  for (const d of DOMAIN_DIMENSIONS) {
    const score = dims[d].score;
    if (score !== null) domains += `${domains === '' ? '' : ','}"${d}":[${num(score)}]`;
  }
  const duplicate = hasDuplicate(report);
  const completeness = dims.completeness.score;
  // buildEntityId percent-encodes everything outside the URN characters, so its result needs no
  // JSON escaping.
  return `{"id":"${buildEntityId('DataQualityAssessment', subject)}","type":"DataQualityAssessment","dateCalculated":${open}${quoted(report.checkedAt)}${close},"source":${open}${source}${close},"description":${open}${description}${close},"dataQualityAssessmentVariableNames":${open}[${s}]${close},"dataQualityAssessmentDomains":${open}{${domains}}${close},"outlier":${open}{"isOutlier":${dims.plausibility.failed > 0},"outlierScore":${num(outlierScore(report))}}${close},"duplicate":${open}{"isDuplicate":${duplicate},"foundMatches":[${duplicate ? s : ''}]}${close}${completeness === null ? '' : `,"completeness":${open}${num(completeness)}${close}`}}`;
}

/** Characters JSON.stringify escapes in a string (any surrogate, to leave pairs to it too). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON escapes the control characters, so the test must find them.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

const DEFAULT_SOURCE_JSON = JSON.stringify(DEFAULT_SOURCE);

/** A string as JSON text. */
function quoted(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function describe(report: QualityReport, subject: string): string {
  return `Quality of ${subject}: score ${report.score}, ${report.issues.length} issue(s).`;
}

function outlierScore(report: QualityReport): number {
  const s = report.dimensions.plausibility.score;
  return s === null ? 0 : Math.round((1 - s) * 1000) / 1000;
}

function hasDuplicate(report: QualityReport): boolean {
  const issues = report.issues;
  for (let i = 0; i < issues.length; i++) {
    if (issues[i]?.rule === 'consistency.duplicate') return true;
  }
  return false;
}

/** A number as JSON.stringify writes it (`null` for NaN and the infinities). */
function num(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
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

import {
  type QualityReport,
  type RuleId,
  reportToDataQualityAssessmentJson,
  type StreamEntityResult,
  type StreamRecordError,
  severityLabel,
} from '@smartcitylab/validate';
import type { CliIo } from './io.js';
import { LineWriter } from './io.js';
import { renderTable } from './table.js';

/** Output formats of `smartcity validate`. */
export const VALIDATE_FORMATS = ['table', 'markdown', 'json', 'ndjson', 'dqa'] as const;

/** One output format of `smartcity validate`. */
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

/** The totals over every input, as printed at the end. */
export interface ValidateTotals {
  total: number;
  valid: number;
  invalid: number;
  unreadable: number;
  meanScore: number;
  issuesByRule: Partial<Record<RuleId, number>>;
}

/** One finding kept for the table or Markdown output. */
interface Finding {
  readonly entityId: string;
  readonly type: string;
  readonly score: number;
  readonly severity: string;
  readonly rule: string;
  readonly path: string;
  readonly message: string;
}

/**
 * Writes the results of `smartcity validate` as they arrive, holding at most `limit` findings
 * and `limit` unreadable-record messages, whatever the size of the input:
 * - `json`: one JSON document written incrementally, one report per line in `reports`, then the
 *   first `limit` unreadable records and the summary;
 * - `ndjson`: one line per record (`kind` entity or unreadable), then a `summary` line;
 * - `dqa`: a DataQualityAssessment entity per line;
 * - `table` and `markdown`: the summary, the findings per rule and the first `limit` findings.
 */
export class ValidateOutput {
  readonly #format: ValidateFormat;
  readonly #lang: 'en' | 'sv';
  readonly #limit: number;
  readonly #out: LineWriter;
  readonly #err: LineWriter;
  readonly #findings: Finding[] = [];
  readonly #unreadable: string[] = [];
  #file = '';
  #fileText = '""';
  #findingsTotal = 0;
  #unreadableTotal = 0;
  #reports = 0;

  constructor(io: CliIo, format: ValidateFormat, lang: 'en' | 'sv', limit: number) {
    this.#format = format;
    this.#lang = lang;
    this.#limit = limit;
    this.#out = new LineWriter(io.stdout);
    this.#err = new LineWriter(io.stderr);
  }

  /** Whether the format needs every report, or only those with findings. */
  get needsEveryReport(): boolean {
    return this.#format === 'json' || this.#format === 'ndjson' || this.#format === 'dqa';
  }

  /** Writes what comes before the first record. */
  async start(): Promise<void> {
    if (this.#format === 'json') await this.#out.line('{"reports":[');
  }

  /** Handles the result of one entity of `file`. */
  async entity(r: StreamEntityResult, file: string): Promise<void> {
    const report = r.report;
    switch (this.#format) {
      case 'json':
        await this.#out.line(`${this.#reports++ === 0 ? '' : ','}${JSON.stringify(report)}`);
        return;
      case 'ndjson':
        // JSON.stringify({ ...r, file }) written without the copy of the result: the members in
        // the same order, `line` left out when undefined as JSON.stringify does.
        await this.#out.line(
          `{"kind":"entity","index":${r.index}${r.line === undefined ? '' : `,"line":${r.line}`},"report":${JSON.stringify(report)},"file":${this.#fileJson(file)}}`,
        );
        return;
      case 'dqa':
        // Written straight from the report: building the entity first only to serialize it made
        // this format allocate about twice what json does per record.
        await this.#out.line(reportToDataQualityAssessmentJson(report));
        return;
      default:
        this.#keep(report);
    }
  }

  /** Handles a record that was not JSON, truncated or too large. */
  async unreadable(r: StreamRecordError, file: string): Promise<void> {
    const text = `${file}: ${this.#lang === 'sv' ? r.messageSv : r.message}`;
    if (this.#format === 'ndjson') await this.#out.line(JSON.stringify({ ...r, file }));
    if (this.#unreadableTotal++ < this.#limit) {
      if (this.#format === 'json') this.#unreadable.push(text);
      await this.#err.line(text);
    }
  }

  /** Writes the summary and everything kept for it; returns after the output is flushed. */
  async finish(totals: ValidateTotals): Promise<void> {
    const omitted = this.#unreadableTotal - Math.min(this.#unreadableTotal, this.#limit);
    if (this.#format === 'json') {
      await this.#out.line(
        `],\n"unreadable":${JSON.stringify(this.#unreadable)},\n"summary":${JSON.stringify({
          total: totals.total,
          valid: totals.valid,
          invalid: totals.invalid,
          unreadable: totals.unreadable,
          meanScore: totals.meanScore,
          issuesByRule: totals.issuesByRule,
        })}}`,
      );
    } else if (this.#format === 'ndjson') {
      await this.#out.line(JSON.stringify({ kind: 'summary', ...totals }));
    } else if (this.#format === 'markdown') {
      for (const line of this.#markdown(totals)) await this.#out.line(line);
    } else if (this.#format === 'table') {
      for (const line of this.#table(totals)) await this.#out.line(line);
    }
    if (omitted > 0) {
      await this.#err.line(
        this.#lang === 'sv'
          ? `… och ${omitted} ${omitted === 1 ? 'oläsbar post' : 'oläsbara poster'} till (visa fler med --limit).`
          : `… and ${omitted} more unreadable ${omitted === 1 ? 'record' : 'records'} (show more with --limit).`,
      );
    }
    await this.#out.flush();
    await this.#err.flush();
  }

  /** The file name as JSON text, kept from one record to the next. */
  #fileJson(file: string): string {
    if (file !== this.#file) {
      this.#file = file;
      this.#fileText = JSON.stringify(file);
    }
    return this.#fileText;
  }

  #keep(report: QualityReport): void {
    for (const i of report.issues) {
      if (this.#findingsTotal++ >= this.#limit) continue;
      this.#findings.push({
        entityId: report.entityId ?? '?',
        type: report.type ?? '?',
        score: report.score,
        severity: severityLabel(i.severity, this.#lang),
        rule: i.rule,
        path: i.path,
        message: this.#lang === 'sv' ? i.messageSv : i.message,
      });
    }
  }

  #moreNote(): string | undefined {
    const more = this.#findingsTotal - this.#findings.length;
    if (more <= 0) return undefined;
    return this.#lang === 'sv'
      ? `… och ${more} ${more === 1 ? 'anmärkning' : 'anmärkningar'} till (visa fler med --limit).`
      : `… and ${more} more ${more === 1 ? 'finding' : 'findings'} (show more with --limit).`;
  }

  #table(totals: ValidateTotals): string[] {
    const sv = this.#lang === 'sv';
    const lines: string[] = [];
    if (this.#findings.length === 0) lines.push(sv ? 'Inga anmärkningar.' : 'No findings.');
    else {
      const head = sv
        ? ['id', 'typ', 'poäng', 'allvarlighet', 'regel', 'sökväg', 'meddelande']
        : ['id', 'type', 'score', 'severity', 'rule', 'path', 'message'];
      const rows = this.#findings.map((f) => [
        f.entityId,
        f.type,
        `${Math.round(f.score * 100)}%`,
        f.severity,
        f.rule,
        f.path,
        f.message,
      ]);
      lines.push(renderTable(head, rows));
      const more = this.#moreNote();
      if (more) lines.push(more);
    }
    const byRule = ruleCounts(totals);
    if (byRule.length > 0) {
      lines.push('', renderTable(sv ? ['regel', 'anmärkningar'] : ['rule', 'findings'], byRule));
    }
    return lines;
  }

  #markdown(totals: ValidateTotals): string[] {
    const sv = this.#lang === 'sv';
    const l = sv
      ? {
          title: 'Datakvalitetsrapport',
          records: 'Poster',
          valid: 'Giltiga',
          invalid: 'Med fel',
          unreadable: 'Oläsbara',
          score: 'Medelpoäng',
          byRule: 'Anmärkningar per regel',
          rule: 'Regel',
          count: 'Antal',
          first: (n: number, of: number) =>
            n === of
              ? `${of} ${of === 1 ? 'anmärkning' : 'anmärkningar'}`
              : n === 1
                ? `Den första av ${of} anmärkningarna`
                : `De första ${n} av ${of} anmärkningarna`,
          none: 'Inga anmärkningar.',
          head: '| Entitet | Typ | Allvarlighet | Regel | Sökväg | Meddelande |',
        }
      : {
          title: 'Data quality report',
          records: 'Records',
          valid: 'Valid',
          invalid: 'With errors',
          unreadable: 'Unreadable',
          score: 'Mean score',
          byRule: 'Findings per rule',
          rule: 'Rule',
          count: 'Count',
          first: (n: number, of: number) =>
            n === of
              ? `${of} ${of === 1 ? 'finding' : 'findings'}`
              : n === 1
                ? `The first of ${of} findings`
                : `First ${n} of ${of} findings`,
          none: 'No findings.',
          head: '| Entity | Type | Severity | Rule | Path | Message |',
        };
    const lines = [
      `# ${l.title}`,
      '',
      `- ${l.records}: ${totals.total}`,
      `- ${l.valid}: ${totals.valid}`,
      `- ${l.invalid}: ${totals.invalid}`,
      `- ${l.unreadable}: ${totals.unreadable}`,
      `- ${l.score}: ${Math.round(totals.meanScore * 100)} %`,
      '',
    ];
    const byRule = ruleCounts(totals);
    if (byRule.length > 0) {
      lines.push(`## ${l.byRule}`, '', `| ${l.rule} | ${l.count} |`, '| --- | --- |');
      for (const [rule, n] of byRule) lines.push(`| \`${rule}\` | ${n} |`);
      lines.push('');
    }
    if (this.#findings.length === 0) {
      lines.push(l.none);
      return lines;
    }
    lines.push(
      `## ${l.first(this.#findings.length, this.#findingsTotal)}`,
      '',
      l.head,
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const f of this.#findings) {
      lines.push(
        `| \`${cell(f.entityId)}\` | ${cell(f.type)} | ${f.severity} | \`${f.rule}\` | \`${cell(f.path)}\` | ${cell(f.message)} |`,
      );
    }
    const more = this.#moreNote();
    if (more) lines.push('', more);
    return lines;
  }
}

function ruleCounts(totals: ValidateTotals): [string, string][] {
  return Object.entries(totals.issuesByRule)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0) || a[0].localeCompare(b[0]))
    .map(([rule, n]) => [rule, String(n)]);
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

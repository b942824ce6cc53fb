import type { ConformanceReport } from '../types.js';
import { LABELS, LEVELS, type ReportLang } from './labels.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function code(text: string): string {
  const ticks = text.includes('`') ? '``' : '`';
  return `${ticks}${text.replace(/\s*\n\s*/g, ' ')}${ticks}`;
}

/**
 * Renders a report as Markdown in English or Swedish, for a tender annex or a pull request.
 *
 * @example
 * ```ts
 * writeFileSync('conformance.md', reportToMarkdown(report, { lang: 'sv' }));
 * ```
 */
export function reportToMarkdown(
  report: ConformanceReport,
  options: { lang?: ReportLang } = {},
): string {
  const lang = options.lang ?? 'en';
  const L = LABELS[lang];
  const out: string[] = [`# ${L.title}`, ''];
  out.push(`**${L.outcome}: ${L.outcomes[report.outcome]}**`, '');
  if (report.error) out.push(`> ${L.error}: ${report.error}`, '');
  out.push(
    `| | |`,
    `|---|---|`,
    `| ${L.endpoint} | ${cell(report.endpoint)} |`,
    ...(report.tenant ? [`| ${L.tenant} | ${cell(report.tenant)} |`] : []),
    `| ${L.mode} | ${L.modes[report.mode]} |`,
    `| ${L.tool} | ${report.tool.name}@${report.tool.version} |`,
    `| ${L.run} | ${report.runId} |`,
    `| ${L.started} | ${report.startedAt} |`,
    `| ${L.ended} | ${report.endedAt} |`,
    '',
    `## ${L.profiles}`,
    '',
    ...report.profiles.map((p) => `- ${code(p.$id)}`),
    '',
    `## ${L.summary}`,
    '',
    `${L.statuses.pass}: ${report.summary.pass} · ${L.statuses.fail}: ${report.summary.fail} · ${L.statuses.skipped}: ${report.summary.skipped} · ${L.statuses['not-applicable']}: ${report.summary.notApplicable}`,
    '',
    `## ${L.checks}`,
    '',
    `| ${L.check} | ${L.level} | ${L.clause} | ${L.status} | ${L.reason} |`,
    '|---|---|---|---|---|',
  );
  for (const c of report.checks) {
    out.push(
      `| ${code(c.id)} ${cell(c.title[lang])} | ${LEVELS[lang][c.level]} | ${cell(c.clause)} | ${L.statuses[c.status]} | ${cell(c.reason ?? '')} |`,
    );
  }
  const withEvidence = report.checks.filter((c) => c.status === 'fail' && c.evidence.length > 0);
  if (withEvidence.length > 0) {
    out.push('', `## ${L.evidence}`, '');
    for (const c of withEvidence) {
      out.push(`### ${c.id}`, '');
      for (const e of c.evidence)
        out.push(
          `- ${code(e.request)} → ${e.status}: ${code(e.excerpt.slice(0, 200) || '(empty)')}`,
        );
      out.push('');
    }
  }
  if (report.audit && report.audit.length > 0) {
    out.push(
      '',
      `## ${L.audit}`,
      '',
      `| ${L.type} | ${L.seen} | ${L.valid} | ${L.score} |`,
      '|---|---|---|---|',
    );
    for (const t of report.audit)
      out.push(
        `| ${cell(t.type)} | ${t.entitiesSeen} | ${t.schemaValidPercent} % | ${t.meanScore} |`,
      );
    for (const t of report.audit) {
      if (t.topIssues.length === 0) continue;
      out.push(
        '',
        `### ${cell(t.type)}: ${L.topIssues}`,
        '',
        `| rule | path | ${L.count} | ${L.examples} |`,
        '|---|---|---|---|',
      );
      for (const i of t.topIssues)
        out.push(
          `| ${code(i.rule)} | ${code(i.path)} | ${i.count} | ${cell(i.examples.join(', '))} |`,
        );
    }
  }
  out.push('', `## ${L.leftovers}`, '');
  if (report.leftovers.length === 0) out.push(L.noLeftovers);
  for (const l of report.leftovers)
    out.push(
      `- ${l.kind} ${code(l.id)}${l.tenant ? ` (tenant ${l.tenant})` : ''}: ${cell(l.reason)}`,
    );
  return `${out.join('\n')}\n`;
}

import type { ConformanceReport } from '../types.js';
import { LABELS, LEVELS, type ReportLang } from './labels.js';

function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#111}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eee}code{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}
.pass{color:#0a6b2d}.fail{color:#b00020;font-weight:600}.skipped,.not-applicable{color:#666}
.verdict{font-size:1.2rem;font-weight:700;padding:.5rem;border:2px solid currentColor;display:inline-block}
@media print{body{margin:1cm}a{color:inherit}tr{page-break-inside:avoid}}`;

/**
 * Renders a report as one self-contained, printable HTML page (inline CSS, no scripts, no
 * external assets).
 *
 * @example
 * ```ts
 * writeFileSync('conformance.html', reportToHtml(report, { lang: 'sv' }));
 * ```
 */
export function reportToHtml(
  report: ConformanceReport,
  options: { lang?: ReportLang } = {},
): string {
  const lang = options.lang ?? 'en';
  const L = LABELS[lang];
  const rows = (pairs: [string, string][]): string =>
    pairs.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('');
  const parts: string[] = [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(L.title)}</title><style>${STYLE}</style></head><body>`,
    `<h1>${esc(L.title)}</h1>`,
    `<p class="verdict ${report.outcome === 'pass' ? 'pass' : 'fail'}">${esc(L.outcomes[report.outcome])}</p>`,
  ];
  if (report.error) parts.push(`<p class="fail">${esc(L.error)}: ${esc(report.error)}</p>`);
  parts.push(
    '<table>',
    rows([
      [L.endpoint, report.endpoint],
      ...(report.tenant ? ([[L.tenant, report.tenant]] as [string, string][]) : []),
      [L.mode, L.modes[report.mode]],
      [L.tool, `${report.tool.name}@${report.tool.version}`],
      [L.run, report.runId],
      [L.started, report.startedAt],
      [L.ended, report.endedAt],
    ]),
    '</table>',
    `<h2>${esc(L.profiles)}</h2><ul>${report.profiles.map((p) => `<li><code>${esc(p.$id)}</code></li>`).join('')}</ul>`,
    `<h2>${esc(L.checks)}</h2>`,
    `<table><tr><th>${esc(L.check)}</th><th>${esc(L.level)}</th><th>${esc(L.clause)}</th><th>${esc(L.status)}</th><th>${esc(L.reason)} / ${esc(L.evidence)}</th></tr>`,
  );
  for (const c of report.checks) {
    const evidence =
      c.status === 'fail'
        ? c.evidence
            .map(
              (e) =>
                `<br><code>${esc(e.request)} → ${e.status}: ${esc(e.excerpt.slice(0, 200))}</code>`,
            )
            .join('')
        : '';
    parts.push(
      `<tr><td><code>${esc(c.id)}</code><br>${esc(c.title[lang])}</td><td>${esc(LEVELS[lang][c.level])}</td><td>${esc(c.clause)}</td><td class="${c.status}">${esc(L.statuses[c.status])}</td><td>${esc(c.reason ?? '')}${evidence}</td></tr>`,
    );
  }
  parts.push('</table>');
  if (report.audit && report.audit.length > 0) {
    parts.push(
      `<h2>${esc(L.audit)}</h2><table><tr><th>${esc(L.type)}</th><th>${esc(L.seen)}</th><th>${esc(L.valid)}</th><th>${esc(L.score)}</th><th>${esc(L.topIssues)}</th></tr>`,
    );
    for (const t of report.audit) {
      const issues = t.topIssues
        .map(
          (i) =>
            `<code>${esc(i.rule)} ${esc(i.path)}</code> × ${i.count} (${esc(i.examples.join(', '))})`,
        )
        .join('<br>');
      parts.push(
        `<tr><td>${esc(t.type)}</td><td>${t.entitiesSeen}</td><td>${t.schemaValidPercent} %</td><td>${t.meanScore}</td><td>${issues}</td></tr>`,
      );
    }
    parts.push('</table>');
  }
  parts.push(`<h2>${esc(L.leftovers)}</h2>`);
  parts.push(
    report.leftovers.length === 0
      ? `<p>${esc(L.noLeftovers)}</p>`
      : `<ul>${report.leftovers.map((l) => `<li>${esc(l.kind)} <code>${esc(l.id)}</code>: ${esc(l.reason)}</li>`).join('')}</ul>`,
    '</body></html>',
  );
  return `${parts.join('\n')}\n`;
}

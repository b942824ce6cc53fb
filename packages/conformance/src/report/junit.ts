import type { ConformanceReport } from '../types.js';

function xml(text: string): string {
  let clean = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    // XML 1.0 forbids control characters other than tab, newline and carriage return.
    if (c >= 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) clean += ch;
  }
  return clean
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * Renders a report as JUnit XML (one testsuite per profile), for CI systems. Failed `should` and
 * `may` checks are reported as skipped with their finding, so only `must` checks fail a build.
 *
 * @example
 * ```ts
 * writeFileSync('conformance.junit.xml', reportToJUnit(report));
 * ```
 */
export function reportToJUnit(report: ConformanceReport): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites name="${xml(`NGSI-LD conformance of ${report.endpoint}`)}" tests="${report.checks.length}" failures="${report.summary.mustFailed}" errors="${report.outcome === 'error' ? 1 : 0}">`,
  );
  if (report.error) {
    out.push(
      `  <testsuite name="run" tests="1" failures="0" errors="1"><testcase classname="run" name="run"><error message="${xml(report.error)}"/></testcase></testsuite>`,
    );
  }
  for (const p of report.profiles) {
    const checks = report.checks.filter((c) => c.profile === p.name);
    const failures = checks.filter((c) => c.status === 'fail' && c.level === 'must').length;
    const skipped = checks.filter(
      (c) => c.status !== 'pass' && !(c.status === 'fail' && c.level === 'must'),
    ).length;
    const seconds = checks.reduce((s, c) => s + c.durationMs, 0) / 1000;
    out.push(
      `  <testsuite name="${xml(p.name)}" id="${xml(p.$id)}" tests="${checks.length}" failures="${failures}" skipped="${skipped}" time="${seconds.toFixed(3)}">`,
    );
    for (const c of checks) {
      const head = `    <testcase classname="${xml(p.name)}" name="${xml(`${c.id} [${c.level}] ${c.title.en}`)}" time="${(c.durationMs / 1000).toFixed(3)}"`;
      if (c.status === 'pass') {
        out.push(`${head}/>`);
      } else if (c.status === 'fail' && c.level === 'must') {
        const evidence = c.evidence
          .map((e) => `${e.request} -> ${e.status}: ${e.excerpt}`)
          .join('\n');
        out.push(
          `${head}><failure message="${xml(c.reason ?? 'failed')}">${xml(evidence)}</failure></testcase>`,
        );
      } else {
        out.push(
          `${head}><skipped message="${xml(`${c.status}: ${c.reason ?? ''}`)}"/></testcase>`,
        );
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

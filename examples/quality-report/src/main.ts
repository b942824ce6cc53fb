// Quality report for a supplier's delivery: read an NDJSON file of entities, check each one
// (schema, physical plausibility, positions, timeliness, identifiers) and print a Markdown
// report a municipality can send back to the supplier.
//
//   npm start                                   the bundled sample, in English
//   npm start -- --lang sv                      the same report in Swedish
//   npm start -- --as-of now my-delivery.ndjson your own file, checked against today
import { createReadStream, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadModel } from '@smartcitylab/models';
import {
  type QualityReport,
  type ReportLanguage,
  reportToMarkdown,
  type StreamSummary,
  validateStream,
} from '@smartcitylab/validate';

const SAMPLE = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'delivery.ndjson');
// The sample delivery was made on this morning. Checking it "as of" then keeps the example's
// output the same next year; for your own files pass `--as-of now` (or omit the file).
const SAMPLE_DELIVERED_AT = '2026-11-25T09:00:00Z';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    lang: { type: 'string', default: 'en' },
    'as-of': { type: 'string' },
    'max-age': { type: 'string', default: 'P1D' },
  },
});

const file = positionals[0] ?? SAMPLE;
const lang: ReportLanguage = values.lang === 'sv' ? 'sv' : 'en';
const asOfText = values['as-of'] ?? (file === SAMPLE ? SAMPLE_DELIVERED_AT : 'now');
const asOf = asOfText === 'now' ? new Date() : new Date(asOfText);
if (Number.isNaN(asOf.getTime())) {
  console.error(`--as-of ${JSON.stringify(asOfText)} is not an ISO 8601 time or "now"`);
  process.exit(2);
}

if (!existsSync(file)) {
  console.error(`cannot read ${file}: no such file; pass the path of an NDJSON or JSON-array file`);
  process.exit(2);
}

const reports: QualityReport[] = [];
const unreadable: string[] = [];
let summary: StreamSummary | undefined;
// validateStream reads the file one record at a time, so a delivery of millions of lines
// needs no more memory than one of seven; a broken line is reported and the rest still checked.
for await (const result of validateStream(createReadStream(file), {
  loadModel,
  now: () => asOf,
  // Weather observations older than a day are stale for a live dashboard; pick what fits yours.
  maxAge: values['max-age'],
})) {
  if (result.kind === 'entity') reports.push(result.report);
  else if (result.kind === 'unreadable')
    unreadable.push(lang === 'sv' ? result.messageSv : result.message);
  else summary = result;
}

// Only the entities with findings go into the report: the supplier needs to know what to fix.
const flagged = reports.filter((r) => r.issues.length > 0);
console.log(reportToMarkdown(flagged, { lang }));

if (unreadable.length > 0) {
  console.log(lang === 'sv' ? '## Oläsbara rader\n' : '## Unreadable lines\n');
  for (const message of unreadable) console.log(`- ${message}`);
  console.log('');
}

if (summary) {
  const counts = Object.entries(summary.issuesByRule)
    .map(([rule, n]) => `${rule}: ${n}`)
    .join(', ');
  console.log(lang === 'sv' ? '## Sammanfattning\n' : '## Summary\n');
  console.log(
    lang === 'sv'
      ? `- ${summary.total} ${summary.total === 1 ? 'post' : 'poster'}, ${summary.valid} ${summary.valid === 1 ? 'giltig' : 'giltiga'}, ${summary.invalid} ${summary.invalid === 1 ? 'ogiltig' : 'ogiltiga'}, ${summary.unreadable} ${summary.unreadable === 1 ? 'oläsbar' : 'oläsbara'}`
      : `- ${summary.total} ${summary.total === 1 ? 'record' : 'records'}, ${summary.valid} valid, ${summary.invalid} invalid, ${summary.unreadable} unreadable`,
  );
  console.log(
    `- ${lang === 'sv' ? 'medelpoäng' : 'mean score'}: ${Math.round(summary.meanScore * 100)} %`,
  );
  console.log(`- ${lang === 'sv' ? 'fynd per regel' : 'findings by rule'}: ${counts || '-'}`);
  console.log(`- ${lang === 'sv' ? 'kontrollerad per' : 'checked as of'}: ${asOf.toISOString()}`);
}

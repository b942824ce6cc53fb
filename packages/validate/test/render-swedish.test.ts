import { loadModel } from '@smartcitylab/models';
import { describe, expect, it } from 'vitest';
import {
  createValidator,
  type QualityReport,
  reportToJson,
  reportToMarkdown,
  severityLabel,
} from '../src/index.js';

const at = new Date().toISOString();
const entity = (id: string, temperature: number, coordinates: [number, number]) => ({
  id: `urn:ngsi-ld:WeatherObserved:${id}`,
  type: 'WeatherObserved',
  dateObserved: at,
  temperature,
  location: { type: 'Point', coordinates },
});

/** English a Swedish reader must not see: severities, headings and column names. */
const ENGLISH =
  /\b(?:errors?|warnings?|info|issues?|severity|rule|path|message|score|valid|entity|type|checks|failed|yes|no)\b/i;

/** The prose of a report: without ids, rule ids, paths and the quoted attribute name. */
function prose(text: string): string {
  return text
    .replace(/`[^`]*`/g, '')
    .replace(/WeatherObserved/g, '')
    .replace(/"temperature"/g, '');
}

const model = await loadModel('WeatherObserved');

describe('reportToMarkdown in Swedish', () => {
  const validator = createValidator({ models: model === undefined ? [] : [model] });
  const reports: [string, QualityReport][] = [
    ['no issue', validator.check(entity('ok', -3, [17.3, 62.39]))],
    ['one warning', validator.check(entity('warm', 45, [17.3, 62.39]))],
    ['two errors', validator.check(entity('bad', 999, [62.39, 17.3]))],
  ];

  it('finds 0, 1 and 2 issues in the fixtures it renders', () => {
    expect(reports.map(([, r]) => r.issues.map((i) => i.severity))).toEqual([
      [],
      ['warning'],
      ['error', 'error'],
    ]);
  });

  it.each(reports)('leaves no English in the report with %s', (_, report) => {
    const md = reportToMarkdown(report, { lang: 'sv' });
    expect(prose(md)).not.toMatch(ENGLISH);
    if (report.issues.length > 0)
      expect(md).toContain('| Allvarlighet | Regel | Sökväg | Meddelande |');
    else expect(md).toContain('Inga anmärkningar.');
  });

  it('names severities in Swedish and keeps the codes in JSON', () => {
    const md = reportToMarkdown(
      reports.map(([, r]) => r),
      { lang: 'sv' },
    );
    expect(md).toContain('Inga anmärkningar.');
    expect(md).toMatch(/^\| varning \| `plausibility\.range` \|/m);
    expect(md.match(/^\| fel \| /gm)).toHaveLength(2);
    const json = reportToJson(reports[1]?.[1] as QualityReport);
    expect(json).toContain('"severity": "warning"');
    expect(reportToMarkdown(reports[1]?.[1] as QualityReport)).toMatch(/^\| warning \| /m);
  });
});

describe('severityLabel', () => {
  it.each([
    { given: ['error', 'sv'], want: 'fel' },
    { given: ['warning', 'sv'], want: 'varning' },
    { given: ['info', 'sv'], want: 'information' },
    { given: ['error', 'en'], want: 'error' },
    { given: ['warning', undefined], want: 'warning' },
  ] as const)('names $given.0 in $given.1 as $want', ({ given, want }) => {
    expect(severityLabel(given[0], given[1])).toBe(want);
  });
});

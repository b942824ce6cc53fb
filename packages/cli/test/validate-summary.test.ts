import { describe, expect, it } from 'vitest';
import { cli, workdir } from './harness.js';

const one = {
  id: 'urn:ngsi-ld:WeatherObserved:sundsvall-1',
  type: 'WeatherObserved',
  dateObserved: new Date().toISOString(),
  temperature: -3.5,
  location: { type: 'Point', coordinates: [17.3069, 62.3908] },
};

describe('smartcity validate: the summary line counts in the right number', () => {
  it.each([
    ['en', '1 record: 1 valid, 0 with errors, 0 unreadable'],
    ['sv', '1 post: 1 giltig, 0 med fel, 0 oläsbara'],
  ])('one record in %s', async (lang, line) => {
    const dir = workdir({ 'one.ndjson': `${JSON.stringify(one)}\n` });
    const run = await cli(['validate', 'one.ndjson', '--lang', lang], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(line);
  });
});

describe('smartcity validate: bounded output options', () => {
  it('documents --limit and the ndjson format in --help', async () => {
    const help = await cli(['validate', '--help']);
    expect(help.stdout).toContain('--limit <n>');
    expect(help.stdout).toContain('ndjson');
  });
  it('rejects a --limit that is not a positive whole number, in one line', async () => {
    const run = await cli(['validate', '-', '--limit', '0'], { stdin: JSON.stringify(one) });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd()).toMatch(
      /^smartcity validate: --limit must be a positive whole number, not "0"\.$/,
    );
  });
  it('names only the first --limit unreadable records and counts the rest', async () => {
    const bad = Array.from({ length: 5 }, (_, i) => `not json ${i}`).join('\n');
    const run = await cli(['validate', '-', '--limit', '2', '--format', 'json'], { stdin: bad });
    expect(run.code).toBe(1);
    expect(run.stderr.match(/Line \d+: not valid JSON/g)).toHaveLength(2);
    expect(run.stderr).toContain('and 3 more unreadable records');
    const doc = JSON.parse(run.stdout) as {
      reports: unknown[];
      unreadable: string[];
      summary: { unreadable: number };
    };
    expect(doc.reports).toEqual([]);
    expect(doc.unreadable).toHaveLength(2);
    expect(doc.summary.unreadable).toBe(5);
  });
});

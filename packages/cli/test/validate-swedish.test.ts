import { describe, expect, it } from 'vitest';
import { cli, workdir } from './harness.js';

const at = new Date().toISOString();
const entity = (id: string, temperature: number, coordinates: [number, number]) => ({
  id: `urn:ngsi-ld:WeatherObserved:${id}`,
  type: 'WeatherObserved',
  dateObserved: at,
  temperature,
  location: { type: 'Point', coordinates },
});
const ndjson = (...entities: object[]) => entities.map((e) => `${JSON.stringify(e)}\n`).join('');

// No findings; one warning (45 °C is outside the Swedish range); two errors (an impossible
// temperature and swapped coordinates).
const inputs = {
  'none.ndjson': ndjson(entity('ok', -3, [17.3, 62.39])),
  'one.ndjson': ndjson(entity('warm', 45, [17.3, 62.39])),
  'two.ndjson': ndjson(entity('bad', 999, [62.39, 17.3])),
  'empty.ndjson': '',
};

/** English a Swedish reader must not see: severities, headings, column names and counts. */
const ENGLISH =
  /\b(?:errors?|warnings?|info|findings?|records?|issues?|severity|rule|path|message|score|valid|unreadable|entity|type|first|more|none|no findings)\b/i;

/** The text of a Swedish report without the parts that are data: ids, rule ids, paths, types. */
function prose(text: string): string {
  return text
    .replace(/`[^`]*`/g, '')
    .replace(/urn:ngsi-ld:\S+/g, '')
    .replace(/WeatherObserved/g, '')
    .replace(/\b[a-z]+\.[a-z]+\b/g, '')
    .replace(/\$\.\S+/g, '')
    .replace(/"temperature"/g, '');
}

describe('smartcity validate --lang sv: every human format is Swedish', () => {
  for (const format of ['markdown', 'table'] as const) {
    it(`${format}: no English severities, headings or counts for 0, 1 and 2 findings`, async () => {
      const dir = workdir(inputs);
      const none = await cli(['validate', 'none.ndjson', '--lang', 'sv', '--format', format], {
        cwd: dir,
      });
      const one = await cli(['validate', 'one.ndjson', '--lang', 'sv', '--format', format], {
        cwd: dir,
      });
      const two = await cli(['validate', 'two.ndjson', '--lang', 'sv', '--format', format], {
        cwd: dir,
      });
      for (const run of [none, one, two]) {
        expect(prose(run.stdout)).not.toMatch(ENGLISH);
        expect(prose(run.stderr)).not.toMatch(ENGLISH);
      }
      expect(none.stdout).toContain('Inga anmärkningar.');
      expect(one.stdout).toMatch(/\bvarning\b/);
      expect(two.stdout).toMatch(/\bfel\b/);
      expect(two.stdout).not.toMatch(/\bvarning\b/);
      expect(none.stderr).toContain('1 post: 1 giltig, 0 med fel, 0 oläsbara');
      expect(two.stderr).toContain('1 post: 0 giltiga, 1 med fel, 0 oläsbara');
      if (format === 'markdown') {
        expect(one.stdout).toContain('## 1 anmärkning\n');
        expect(two.stdout).toContain('## 2 anmärkningar\n');
      }
      expect(`${one.stdout}${two.stdout}`).not.toMatch(/\b1 anmärkningar\b/);
    });
  }

  it('counts an empty input in the plural', async () => {
    const run = await cli(['validate', 'empty.ndjson', '--lang', 'sv'], { cwd: workdir(inputs) });
    expect(run.stderr).toContain('0 poster: 0 giltiga, 0 med fel, 0 oläsbara');
  });

  it.each([
    ['sv', '… och 1 anmärkning till', '## Den första av 2 anmärkningarna'],
    ['en', '… and 1 more finding (', '## The first of 2 findings'],
  ])('--limit notes in %s use the singular for one', async (lang, note, heading) => {
    const run = await cli(
      ['validate', 'two.ndjson', '--lang', lang, '--format', 'markdown', '--limit', '1'],
      { cwd: workdir(inputs) },
    );
    expect(run.stdout).toContain(note);
    expect(run.stdout).toContain(heading);
  });

  it('keeps the English severity codes in json and ndjson', async () => {
    const dir = workdir(inputs);
    for (const format of ['json', 'ndjson']) {
      const run = await cli(['validate', 'one.ndjson', '--lang', 'sv', '--format', format], {
        cwd: dir,
      });
      expect(run.stdout).toContain('"severity":"warning"');
      expect(run.stdout).not.toContain('"varning"');
    }
  });
});

import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

// Runs exactly what `npm start` runs, with extra arguments, and returns what it printed.
async function start(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--conditions=@smartcitylab/source', '--import', 'tsx', 'src/main.ts', ...args],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

/** The issue rows of one entity's section: `severity rule path`. */
function findings(markdown: string, entityId: string): string[] {
  const section = markdown
    .split(/^## /m)
    .find((s) => s.startsWith(`Entity \`${entityId}\``) || s.startsWith(`Entitet \`${entityId}\``));
  if (section === undefined) return [];
  return [
    ...section.matchAll(
      /^\| (error|warning|info|fel|varning|information) \| `([^`]+)` \| `([^`]+)` \|/gm,
    ),
  ].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
}

describe('examples/quality-report', () => {
  const english = start();
  const swedish = start('--lang', 'sv');

  it.each([
    {
      name: 'a temperature of 900 °C is physically implausible',
      entity: 'urn:ngsi-ld:WeatherObserved:sundsvall-sidsjon',
      want: ['error plausibility.range $.temperature'],
    },
    {
      name: 'latitude and longitude given the wrong way round',
      entity: 'urn:ngsi-ld:WeatherObserved:timra-centrum',
      want: ['error location.swapped $.location.coordinates'],
    },
    {
      name: 'a reading from last year is stale',
      entity: 'urn:ngsi-ld:WeatherObserved:alno-hamn',
      want: ['warning timeliness.max-age $.dateObserved'],
    },
    {
      name: 'an id that is not a URN',
      entity: 'station-17',
      want: ['error structure $.id'],
    },
  ])('flags $name', async ({ entity, want }) => {
    const { stdout, code } = await english;
    expect(code).toBe(0);
    expect(findings(stdout, entity)).toEqual(want);
  });

  it('leaves the good readings out of the report, in both representations', async () => {
    const { stdout } = await english;
    expect(stdout).not.toContain('sundsvall-norrmalm');
    expect(stdout).not.toContain('sundsvall-hamnen');
  });

  it('reports the broken line by number and still checks the lines after it', async () => {
    const { stdout } = await english;
    expect(stdout).toMatch(/## Unreadable lines\n\n- Line 6: not valid JSON/);
    expect(stdout).toContain('- 7 records, 3 valid, 3 invalid, 1 unreadable');
    expect(stdout).toContain(
      '- findings by rule: plausibility.range: 1, location.swapped: 1, timeliness.max-age: 1, structure: 1',
    );
  });

  it('writes the same findings in Swedish with --lang sv', async () => {
    const { stdout, code } = await swedish;
    expect(code).toBe(0);
    expect(stdout).toContain('## Oläsbara rader');
    expect(stdout).toContain('- 7 poster, 3 giltiga, 3 ogiltiga, 1 oläsbar');
    expect(stdout).not.toContain('Unreadable lines');
    // Severities are Swedish too; rule ids and JSON paths are identifiers and stay as they are.
    expect(findings(stdout, 'urn:ngsi-ld:WeatherObserved:sundsvall-sidsjon')).toEqual([
      'fel plausibility.range $.temperature',
    ]);
  });

  it('judges timeliness against --as-of', async () => {
    // A year later every reading is stale, station-17 too: its bad id no longer stops the checks.
    const { stdout } = await start('--as-of', '2027-11-25T09:00:00Z');
    expect(stdout).toContain('timeliness.max-age: 6');
  });

  it('explains a missing file instead of crashing', async () => {
    const { stderr, code } = await start('no-such-delivery.ndjson');
    expect(code).toBe(2);
    expect(stderr).toContain('cannot read no-such-delivery.ndjson: no such file');
  });
});

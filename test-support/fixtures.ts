import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

/** Root of the read-only shared fixtures that sit beside the project root. */
export const FIXTURES_ROOT = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'shared',
  'fixtures',
);

/** Absolute path of a file or folder inside the shared fixtures (absolute paths pass through). */
export function fixturePath(...parts: string[]): string {
  if (parts.length === 1 && parts[0] !== undefined && isAbsolute(parts[0])) return parts[0];
  return join(FIXTURES_ROOT, ...parts);
}

/** Reads and parses one JSON fixture file. */
export function readFixtureJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(readFileSync(fixturePath(...parts), 'utf8')) as T;
}

/** Lists files below a fixture folder (recursively) whose names end with `suffix`. */
export function listFixtureFiles(sub: string, suffix = ''): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(suffix)) out.push(full);
    }
  };
  walk(fixturePath(sub));
  return out;
}

/**
 * A `describe` block that needs `../shared/fixtures/<sub>`. It is skipped when the
 * folder is absent, except under `CI=true`, where a missing fixture fails the run.
 */
export function describeWithFixtures(name: string, sub: string, body: (dir: string) => void): void {
  const dir = fixturePath(sub);
  if (existsSync(dir)) {
    describe(name, () => body(dir));
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it(`finds the shared fixtures at ${dir}`, () => {
        throw new Error(`Missing fixtures at ${dir}; CI=true requires ../shared/fixtures`);
      });
    });
    return;
  }
  describe.skip(`${name} (needs ${dir})`, () => {
    it('is skipped without fixtures', () => {});
  });
}

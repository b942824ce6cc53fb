import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeWithFixtures } from '../../../test-support/fixtures.js';
import { SDM } from './support.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describeWithFixtures('generated files match the generator output', SDM, () => {
  // The generator reads every schema and formats every file: seconds idle, minutes beside other work.
  it('scripts/generate-models.ts --check finds nothing to change', { timeout: 300_000 }, () => {
    const res = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts', 'generate-models.ts'), '--check'],
      { cwd: ROOT, encoding: 'utf8', timeout: 280_000 },
    );
    expect(
      res.stderr,
      'run `node --import tsx scripts/generate-models.ts` and commit the result',
    ).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('up to date');
  });
});

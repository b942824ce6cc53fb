/**
 * Runs every side-by-side benchmark in bench/ one after another (one core each, so they do not
 * disturb each other), or only those whose file name contains the given words.
 *
 * Run: npm run bench [-- validate client]
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2);
const files = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();
let failed = 0;
for (const f of files) {
  process.stdout.write(`\n=== ${f}\n`);
  const r = spawnSync(
    process.execPath,
    ['--conditions=@smartcitylab/source', '--import', 'tsx', join('bench', f)],
    { cwd: root, stdio: 'inherit' },
  );
  if (r.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;

/**
 * Install footprint of @smartcitylab/client as an outside user gets it: packs the client and
 * ngsi-ld (its only dependency) with `npm pack`, installs only the tarballs into a fresh
 * project under the OS temp dir, and sums the bytes under node_modules. Target (issue 13):
 * at most 3 MB. Needs the registry for what the tarballs themselves depend on.
 *
 * Run: node --import tsx bench/client-install.bench.ts (after `npm run build` of both packages)
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LIMIT = 3 * 1000 * 1000;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packages = ['ngsi-ld', 'client'];

function bytesUnder(dir: string): number {
  let total = 0;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) total += bytesUnder(p);
    else if (d.isFile()) total += statSync(p).size;
  }
  return total;
}

function installed(nodeModules: string): string[] {
  const names: string[] = [];
  for (const d of readdirSync(nodeModules)) {
    if (d.startsWith('.')) continue;
    if (d.startsWith('@'))
      for (const s of readdirSync(join(nodeModules, d))) names.push(`${d}/${s}`);
    else names.push(d);
  }
  return names.sort();
}

const work = mkdtempSync(join(tmpdir(), 'client-install-'));
try {
  const tarballs = packages.map((p) => {
    const dir = join(root, 'packages', p);
    if (!existsSync(join(dir, 'dist'))) {
      throw new Error(`packages/${p}/dist is missing: run \`npm run build -w @smartcitylab/${p}\``);
    }
    const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
      cwd: dir,
      encoding: 'utf8',
    });
    return join(work, out.trim().split('\n').pop() ?? '');
  });
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], {
    cwd: app,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // The install must work, not only be small: both module formats load without zod.
  for (const code of [
    "import('@smartcitylab/client').then((m) => { if (typeof m.createClient !== 'function') process.exit(1); })",
    "if (typeof require('@smartcitylab/client').createClient !== 'function') process.exit(1)",
  ]) {
    execFileSync(process.execPath, ['-e', code], { cwd: app, stdio: 'inherit' });
  }
  process.stdout.write('createClient loads from the install (ESM and CommonJS)\n');
  const nm = join(app, 'node_modules');
  const bytes = bytesUnder(nm);
  const names = installed(nm);
  process.stdout.write(`installed: ${names.join(', ')}\n`);
  for (const n of names) {
    process.stdout.write(`  ${n}: ${(bytesUnder(join(nm, n)) / 1000).toFixed(1)} kB\n`);
  }
  const verdict = bytes <= LIMIT ? 'meets' : 'misses';
  process.stdout.write(
    `node_modules: ${(bytes / 1e6).toFixed(2)} MB (${verdict} the ≤ ${LIMIT / 1e6} MB target)\n`,
  );
  if (bytes > LIMIT) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

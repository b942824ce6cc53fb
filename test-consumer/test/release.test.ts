/**
 * A release dry run: `changeset version` on a copy of the workspace manifests and pending
 * changesets, then `npm pack --dry-run` of every bumped package. Proves that the pending
 * changesets name real packages, that each release writes a CHANGELOG.md entry that ships, and
 * that internal dependency ranges follow the new versions.
 */
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Manifest, publishedPackages, ROOT, runOk } from './support.js';

const CHANGESET = join(ROOT, 'node_modules', '@changesets', 'cli', 'bin.js');
const packages = publishedPackages();
let copy = '';

function pending(): string[] {
  return readdirSync(join(ROOT, '.changeset')).filter(
    (f) => f.endsWith('.md') && f !== 'README.md',
  );
}

/** The package names a changeset file releases (its front matter). */
function released(file: string): string[] {
  const text = readFileSync(join(ROOT, '.changeset', file), 'utf8');
  const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  return [...front.matchAll(/^["']?(@?[\w@/.-]+)["']?\s*:\s*(major|minor|patch)\s*$/gm)].map(
    (m) => m[1] ?? '',
  );
}

/** True when version a is above version b (plain x.y.z). */
function newer(a: string, b: string): boolean {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
}

function manifestIn(dir: string, folder: string): Manifest {
  return JSON.parse(
    readFileSync(join(dir, 'packages', folder, 'package.json'), 'utf8'),
  ) as Manifest;
}

beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), 'scl-release-'));
  const keep = (src: string): boolean =>
    !/[\\/](node_modules|dist|src|test|\.turbo|coverage)([\\/]|$)/.test(src.slice(ROOT.length));
  for (const part of ['package.json', '.changeset', 'packages', 'examples', 'test-consumer']) {
    if (existsSync(join(ROOT, part))) {
      cpSync(join(ROOT, part), join(copy, part), { recursive: true, filter: keep });
    }
  }
  await runOk('node', [CHANGESET, 'version'], { cwd: copy, timeoutMs: 120_000 });
});

afterAll(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

describe('changeset version + npm pack, on a copy of the workspace', () => {
  const names = new Set(packages.map((p) => p.name));
  const releasedNames = new Set(pending().flatMap(released));

  it('every pending changeset names a published package', () => {
    const unknown = [...releasedNames].filter((n) => !names.has(n) && !n.includes('example'));
    expect(unknown).toEqual([]);
  });

  it('consumes every pending changeset', () => {
    const left = readdirSync(join(copy, '.changeset')).filter(
      (f) => f.endsWith('.md') && f !== 'README.md',
    );
    expect(left).toEqual([]);
  });

  it.each(packages.filter((p) => releasedNames.has(p.name)).map((p) => [p.name, p] as const))(
    '%s: gets a new version and a CHANGELOG.md entry that ships in the tarball',
    async (_name, pkg) => {
      const after = manifestIn(copy, pkg.folder);
      expect(after.version).not.toBe(pkg.manifest.version);
      const changelog = readFileSync(join(copy, 'packages', pkg.folder, 'CHANGELOG.md'), 'utf8');
      expect(changelog).toMatch(
        new RegExp(`^# ${pkg.name}\\n\\n## ${after.version.replaceAll('.', '\\.')}\\n`),
      );
      const r = await runOk('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: join(copy, 'packages', pkg.folder),
      });
      const [info] = JSON.parse(r.stdout) as Array<{ version: string; files: { path: string }[] }>;
      expect(info?.version).toBe(after.version);
      expect(info?.files.map((f) => f.path)).toEqual(
        expect.arrayContaining(['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json']),
      );
    },
  );

  it('internal dependency ranges admit the new versions', () => {
    const versions = new Map(packages.map((p) => [p.name, manifestIn(copy, p.folder).version]));
    const wrong: string[] = [];
    for (const p of packages) {
      const after = manifestIn(copy, p.folder);
      for (const [dep, range] of Object.entries(after.dependencies ?? {})) {
        const v = versions.get(dep);
        if (v === undefined) continue;
        // 0.x caret ranges admit patches of the same minor only.
        const [maj, min] = v.split('.');
        const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
        const ok =
          m !== null && m[1] === maj && (maj !== '0' || m[2] === min) && !newer(range.slice(1), v);
        if (!ok) wrong.push(`${p.name} → ${dep}@${range} (now ${v})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

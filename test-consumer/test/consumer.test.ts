/**
 * What an outside user gets: every published package is packed with `npm pack`, only the tarballs
 * (plus their registry dependencies) are installed into temporary projects, and every ts/js block
 * of the READMEs, taken from the READMEs themselves, is compiled and run there (a ```ts no-run
 * block, which needs a service other than a local broker, is only compiled).
 *
 * One shared install serves the nodenext, bundler, node10, CommonJS and CLI checks; it pins zod to
 * the oldest version the packages admit, so that minimum is what runs. A second, resolution-only
 * install shows an app on zod 3 is told about the conflict instead of getting a nested zod 4.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Broker, startBroker } from '@smartcitylab/testkit';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractCodeBlocks } from '../../scripts/docs-guides.js';
import {
  exportedSubpaths,
  minimumOf,
  NPM_INSTALL_FLAGS,
  type PublishedPackage,
  publishedPackages,
  quickStart,
  REPO_URL,
  ROOT,
  run,
  runOk,
  specifier,
} from './support.js';

const CHROMIUM = '/usr/bin/chromium';
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
/** The URL the READMEs use for a local broker; the test points it at a testkit broker. */
const README_BROKER_URL = 'http://localhost:1026';
/** The port the READMEs' notification receivers listen on; the test swaps in a free one. */
const README_NOTIFY_PORT = 3000;
/** A port free on 127.0.0.1 when asked, so that README servers do not clash with other processes. */
let notifyPort = README_NOTIFY_PORT;
/** Packages whose quick start needs Node (servers, files, a terminal); the rest also run in a browser. */
const NODE_ONLY = new Set([
  '@smartcitylab/catalog',
  '@smartcitylab/cli',
  '@smartcitylab/conformance',
  '@smartcitylab/features',
  '@smartcitylab/testkit',
]);
/** Budget for the largest tarball (the models), unpacked. */
const MAX_UNPACKED = 3 * 1024 * 1024;
/** The install-size budget of an app that uses only the client (the packaging issue's 3 MB). */
const CLIENT_INSTALL_BUDGET = 3_000_000;
/** Files smaller than this (one-line re-exports) are not counted as shipped twice. */
const MIN_DUPLICATE_SIZE = 1024;

/** Paths of the JSON data files a manifest exports (not `package.json`), relative to the package. */
function dataExports(manifest: PublishedPackage['manifest']): string[] {
  return Object.entries(manifest.exports ?? {})
    .filter(([k, v]) => typeof v === 'string' && k !== './package.json' && v.endsWith('.json'))
    .map(([, v]) => (v as string).replace(/^\.\//, ''));
}

interface PackedFile {
  path: string;
  size: number;
}
interface Packed {
  pkg: PublishedPackage;
  tarball: string;
  unpackedSize: number;
  files: PackedFile[];
}
interface Snippet {
  pkg: PublishedPackage;
  /** File name under the app's src/, without extension. */
  base: string;
  isTest: boolean;
  /** The README's `## Quick start` block (the others are compiled and run in Node only). */
  isQuickStart: boolean;
  /** False for a ```` ```ts no-run ```` block: compiled only. */
  run: boolean;
  code: string;
}

const packages = publishedPackages();
const self = JSON.parse(readFileSync(join(ROOT, 'test-consumer', 'package.json'), 'utf8')) as {
  devDependencies?: Record<string, string>;
};
const zodRange = packages.map((p) => p.manifest.peerDependencies?.zod).find((r) => r);
const ZOD_MIN = minimumOf(zodRange ?? '^4.0.0');

let work = '';
let app = '';
let broker: Broker | undefined;
const packed = new Map<string, Packed>();
const snippets: Snippet[] = [];

async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

async function packAll(dest: string): Promise<void> {
  await mkdir(dest, { recursive: true });
  for (const pkg of packages) {
    if (!existsSync(join(pkg.dir, 'dist'))) {
      throw new Error(
        `${pkg.name} has no dist/: build it first (npm run build). turbo builds it before this test only if it is in test-consumer/package.json devDependencies.`,
      );
    }
    const r = await runOk('npm', ['pack', '--json', '--pack-destination', dest], {
      cwd: pkg.dir,
      timeoutMs: 300_000,
    });
    const [info] = JSON.parse(r.stdout) as Array<{
      filename: string;
      unpackedSize: number;
      files: PackedFile[];
    }>;
    if (!info) throw new Error(`npm pack printed no result for ${pkg.name}`);
    packed.set(pkg.name, {
      pkg,
      tarball: join(dest, info.filename),
      unpackedSize: info.unpackedSize,
      files: info.files,
    });
  }
}

/**
 * Every ts/js block of every README: the quick start and the rest. Each is compiled; each is run
 * with node unless its fence says ```` ```ts no-run ```` (it needs a service other than a local
 * broker); only the quick starts are also bundled for the browser.
 */
function collectSnippets(): void {
  for (const pkg of packages) {
    const readme = readFileSync(join(pkg.dir, 'README.md'), 'utf8');
    const start = quickStart(readme)?.code.trim();
    for (const [i, block] of extractCodeBlocks(readme).entries()) {
      if (!['ts', 'js'].includes(block.lang)) continue;
      const isQuickStart = block.code.trim() === start;
      snippets.push({
        pkg,
        base: isQuickStart ? pkg.folder : `${pkg.folder}-block${i + 1}`,
        isTest: /from 'vitest'/.test(block.code),
        isQuickStart,
        run: !block.flags.includes('no-run'),
        code: block.code
          .replaceAll(README_BROKER_URL, broker?.url ?? README_BROKER_URL)
          .replaceAll(`127.0.0.1:${README_NOTIFY_PORT}/`, `127.0.0.1:${notifyPort}/`)
          .replaceAll(`.listen(${README_NOTIFY_PORT},`, `.listen(${notifyPort},`),
      });
    }
  }
}

/** One import of every exported subpath of every package, for the node10 and CommonJS checks. */
function everySubpath(): string[] {
  return packages.flatMap((p) => exportedSubpaths(p.manifest).map((sub) => specifier(p.name, sub)));
}

async function writeApp(): Promise<void> {
  const dependencies: Record<string, string> = { zod: ZOD_MIN };
  for (const p of packed.values()) dependencies[p.pkg.name] = `file:${p.tarball}`;
  // Optional peers (proj4 for ngsi-ld/geo) are what an app adds for the subpaths that need them.
  for (const p of packages) {
    for (const [dep, meta] of Object.entries(p.manifest.peerDependenciesMeta ?? {})) {
      const range = p.manifest.peerDependencies?.[dep];
      if (meta.optional && range && !dependencies[dep]) dependencies[dep] = range;
    }
  }
  await writeJson(join(app, 'package.json'), {
    name: 'consumer-app',
    private: true,
    type: 'module',
    dependencies,
  });
  await mkdir(join(app, 'src'), { recursive: true });
  for (const s of snippets) {
    await writeFile(join(app, 'src', `${s.base}${s.isTest ? '.test' : ''}.ts`), s.code);
  }
  // zod 3 code beside the packages: zod 4's package still serves it at `zod/v3`, one copy.
  await writeFile(
    join(app, 'src', 'zod3-beside.ts'),
    [
      "import { AirQualityObserved } from '@smartcitylab/models/air-quality-observed';",
      "import { z as z3 } from 'zod/v3';",
      'const legacy = z3.object({ station: z3.string() });',
      "const ok = legacy.safeParse({ station: 'Storgatan' }).success;",
      "const kv = AirQualityObserved.validate({ id: 'urn:ngsi-ld:AirQualityObserved:1', type: 'AirQualityObserved', dateObserved: '2025-05-01T10:00:00Z', location: { type: 'Point', coordinates: [14.8, 56.9] } });",
      "if (!ok || !kv.success) throw new Error('zod/v3 beside the models: ' + JSON.stringify(kv));",
      "console.log('zod3-beside ok');",
      '',
    ].join('\n'),
  );
  const common = {
    strict: true,
    target: 'ES2022',
    lib: ['ES2022', 'DOM'],
    skipLibCheck: false,
    types: [],
  };
  await writeJson(join(app, 'tsconfig.nodenext.json'), {
    compilerOptions: { ...common, module: 'NodeNext', moduleResolution: 'NodeNext', outDir: 'out' },
    include: ['src/*.ts'],
    exclude: ['src/*.test.ts', 'src/*.browser.ts'],
  });
  await writeJson(join(app, 'tsconfig.bundler.json'), {
    compilerOptions: {
      ...common,
      module: 'ESNext',
      moduleResolution: 'Bundler',
      noEmit: true,
      types: [],
    },
    include: ['src/*.ts'],
    exclude: ['src/*.browser.ts'],
  });
  const subpaths = everySubpath();
  await mkdir(join(app, 'node10'), { recursive: true });
  await writeFile(
    join(app, 'node10', 'all.ts'),
    `${subpaths.map((s, i) => `import * as m${i} from '${s}';`).join('\n')}\nexport const modules = [${subpaths.map((_, i) => `m${i}`).join(', ')}];\n`,
  );
  await writeJson(join(app, 'tsconfig.node10.json'), {
    compilerOptions: {
      ...common,
      module: 'CommonJS',
      moduleResolution: 'node',
      esModuleInterop: true,
      noEmit: true,
      types: ['node'],
    },
    include: ['node10/*.ts'],
  });
  await mkdir(join(app, 'cjs'), { recursive: true });
  await writeFile(
    join(app, 'cjs', 'require-all.cjs'),
    [
      "'use strict';",
      `const specifiers = ${JSON.stringify(subpaths)};`,
      'for (const s of specifiers) {',
      '  const m = require(s);',
      "  if (Object.keys(m).length === 0) throw new Error('require(' + s + ') returned no exports');",
      '}',
      "const { toConcise } = require('@smartcitylab/ngsi-ld');",
      "const { AirQualityObserved } = require('@smartcitylab/models/air-quality-observed');",
      "const e = AirQualityObserved.create({ id: 'a1', dateObserved: '2025-05-01T10:00:00Z', location: { type: 'Point', coordinates: [14.8, 56.9] }, pm10: 3 });",
      'const c = toConcise(e);',
      "if (c.pm10 !== 3) throw new Error('toConcise from require() gave ' + JSON.stringify(c));",
      "console.log('required', specifiers.length);",
      '',
    ].join('\n'),
  );
  await writeFile(
    join(app, 'cjs', 'import-all.mjs'),
    `const specifiers = ${JSON.stringify(subpaths)};\nfor (const s of specifiers) {\n  const m = await import(s);\n  if (Object.keys(m).length === 0) throw new Error('import(' + s + ') returned no exports');\n}\nconsole.log('imported', specifiers.length);\n`,
  );
}

/** Links the repository's copy of a dev tool into the app, unless the install already has one. */
async function linkUnlessInstalled(name: string): Promise<void> {
  const target = join(app, 'node_modules', name);
  if (existsSync(target)) return;
  await mkdir(join(target, '..'), { recursive: true });
  await symlink(join(ROOT, 'node_modules', name), target, 'dir');
}

/** A port nothing listens on now (the OS picks it), for a README server started later. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((ok) => probe.close(() => ok()));
  return port;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'scl-consumer-'));
  app = join(work, 'app');
  await mkdir(app, { recursive: true });
  broker = await startBroker();
  notifyPort = await freePort();
  await packAll(join(work, 'tarballs'));
  collectSnippets();
  await writeApp();
  await runOk('npm', ['install', ...NPM_INSTALL_FLAGS], { cwd: app, timeoutMs: 600_000 });
  // The testkit quick start is a vitest test: vitest is the user's own dev tool, not ours, so the
  // repository's copy is linked instead of installing a second one.
  await linkUnlessInstalled('vitest');
  // Likewise @types/node, which a CommonJS app that uses the Node-only subpaths has (unless a
  // dependency already brought its own).
  await linkUnlessInstalled('@types/node');
});

afterAll(async () => {
  await broker?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('what npm pack ships', () => {
  it.each(packages.map((p) => [p.name, p] as const))(
    '%s: the README has a quick start',
    (_n, pkg) => {
      expect(quickStart(readFileSync(join(pkg.dir, 'README.md'), 'utf8'))).toBeDefined();
    },
  );

  it('every published package is a dependency of test-consumer, so turbo builds it before this test', () => {
    const missing = packages
      .map((p) => p.name)
      .filter((n) => self.devDependencies?.[n] === undefined);
    expect(
      missing,
      'add these to test-consumer/package.json devDependencies ("^<version>")',
    ).toEqual([]);
  });

  it.each(packages.map((p) => [p.name, p] as const))(
    '%s: LICENSE, README, CHANGELOG, dist only',
    (name) => {
      const p = packed.get(name)!;
      const paths = p.files.map((f) => f.path);
      expect(paths).toEqual(
        expect.arrayContaining(['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json']),
      );
      expect(
        paths.filter((f) => f.endsWith('.map')),
        'source maps',
      ).toEqual([]);
      expect(
        paths.filter((f) => f.startsWith('src/')),
        'a second copy of the sources',
      ).toEqual([]);
      // Data files the exports map names (the conformance profiles, a JSON Schema) may ship too.
      const data = new Set(dataExports(p.pkg.manifest));
      expect(
        paths.filter(
          (f) =>
            !data.has(f) && !/^(dist\/|LICENSE$|README\.md$|CHANGELOG\.md$|package\.json$)/.test(f),
        ),
      ).toEqual([]);
    },
  );

  it.each(packages.map((p) => [p.name, p] as const))(
    '%s: no file shipped twice with the same content, whatever its extension',
    async (name) => {
      const p = packed.get(name)!;
      const seen = new Map<string, string>();
      const twice: string[] = [];
      for (const f of p.files) {
        // One-line re-exports (`export * from './index.cjs'`) may well repeat; content that costs
        // install size may not, e.g. a .d.ts and a .d.cts with the same declarations.
        if (f.size < MIN_DUPLICATE_SIZE) continue;
        const hash = createHash('sha256')
          .update(readFileSync(join(p.pkg.dir, f.path)))
          .digest('hex');
        const first = seen.get(hash);
        if (first) twice.push(`${first} = ${f.path} (${f.size} bytes)`);
        else seen.set(hash, f.path);
      }
      expect(twice).toEqual([]);
    },
  );

  it.each(packages.filter((p) => p.manifest.bin).map((p) => [p.name, p] as const))(
    '%s: the bin imports the package entry instead of bundling a second copy',
    (_name, pkg) => {
      for (const file of Object.values(pkg.manifest.bin ?? {})) {
        const code = readFileSync(join(pkg.dir, file), 'utf8');
        expect(code).toMatch(/from ["']\.\/index\.js["']/);
        expect(statSync(join(pkg.dir, file)).size).toBeLessThan(16 * 1024);
      }
    },
  );

  it(`every tarball is at most ${MAX_UNPACKED / 1024 / 1024} MiB unpacked`, () => {
    const sizes = Object.fromEntries([...packed].map(([n, p]) => [n, p.unpackedSize]));
    for (const [name, size] of Object.entries(sizes)) {
      expect(size, `${name} unpacked`).toBeLessThanOrEqual(MAX_UNPACKED);
    }
  });

  it.each(packages.map((p) => [p.name, p] as const))(
    '%s: repository field and absolute README links',
    (_n, pkg) => {
      expect(pkg.manifest.repository).toEqual({
        type: 'git',
        url: `git+${REPO_URL}.git`,
        directory: `packages/${pkg.folder}`,
      });
      const readme = readFileSync(join(pkg.dir, 'README.md'), 'utf8');
      const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '');
      const relative = links.filter((l) => !/^(https:\/\/|mailto:|#)/.test(l));
      expect(relative, 'relative links are dead on npm').toEqual([]);
      for (const l of links.filter((x) => /github\.com\/smartcitylab/i.test(x))) {
        expect(l.startsWith(`${REPO_URL}/`), l).toBe(true);
      }
    },
  );

  it.each(packages.map((p) => [p.name, p] as const))(
    '%s: internal dependencies are ranges, zod is a peer',
    (_n, pkg) => {
      for (const field of ['dependencies', 'peerDependencies'] as const) {
        for (const [dep, range] of Object.entries(pkg.manifest[field] ?? {})) {
          if (dep.startsWith('@smartcitylab/')) expect(range, `${dep} in ${field}`).toMatch(/^\^/);
        }
      }
      const usesZod = packed
        .get(pkg.name)!
        .files.filter((f) => /\.(c?js)$/.test(f.path))
        .some((f) =>
          /from ["']zod["']|require\(["']zod["']\)/.test(
            readFileSync(join(pkg.dir, f.path), 'utf8'),
          ),
        );
      if (usesZod && pkg.manifest.bin === undefined) {
        expect(pkg.manifest.peerDependencies?.zod, 'zod must be a peer').toBe(zodRange);
        expect(pkg.manifest.dependencies?.zod).toBeUndefined();
      }
    },
  );
});

describe('an app that installs only the tarballs', () => {
  it('has one copy of zod (the oldest supported) and of each package', async () => {
    const zod = JSON.parse(
      readFileSync(join(app, 'node_modules', 'zod', 'package.json'), 'utf8'),
    ) as {
      version: string;
    };
    expect(zod.version).toBe(ZOD_MIN);
    const nested: string[] = [];
    for (const scope of ['@smartcitylab']) {
      for (const name of await readdir(join(app, 'node_modules', scope))) {
        const inner = join(app, 'node_modules', scope, name, 'node_modules');
        if (existsSync(inner))
          nested.push(`${scope}/${name}: ${(await readdir(inner)).join(', ')}`);
      }
    }
    expect(nested, 'nested dependencies would be duplicate copies').toEqual([]);
  });

  it('compiles every README block under moduleResolution nodenext and runs them with node', async () => {
    await runOk('node', [TSC, '-p', 'tsconfig.nodenext.json'], { cwd: app });
    const runnable = [
      ...snippets.filter((s) => !s.isTest && s.run).map((s) => s.base),
      'zod3-beside',
    ];
    expect(runnable.length).toBeGreaterThan(3);
    for (const base of runnable) {
      const r = await run('node', [join('out', `${base}.js`)], { cwd: app, timeoutMs: 120_000 });
      expect({ base, code: r.code, stderr: r.stderr }).toEqual({ base, code: 0, stderr: '' });
    }
  });

  it('runs the vitest README blocks', async () => {
    const tests = snippets.filter((s) => s.isTest && s.run);
    expect(tests.map((s) => s.pkg.name)).toContain('@smartcitylab/testkit');
    for (const s of tests) {
      await runOk(
        'node',
        [join(app, 'node_modules', 'vitest', 'vitest.mjs'), 'run', `src/${s.base}.test.ts`],
        { cwd: app, env: { CI: 'true' } },
      );
    }
  });

  it('type-checks every README block under moduleResolution bundler', async () => {
    await runOk('node', [TSC, '-p', 'tsconfig.bundler.json'], { cwd: app });
  });

  it('type-checks every subpath under moduleResolution node (node10)', async () => {
    await runOk('node', [TSC, '-p', 'tsconfig.node10.json'], { cwd: app });
  });

  it('require()s every subpath from plain CommonJS and import()s it from ESM', async () => {
    const cjs = await runOk('node', ['cjs/require-all.cjs'], { cwd: app });
    expect(cjs.stdout).toContain('required');
    const esm = await runOk('node', ['cjs/import-all.mjs'], { cwd: app });
    expect(esm.stdout).toContain('imported');
  });

  it('runs `npx smartcity --help` and `npx smartcity-broker --help` from the installed tarballs', async () => {
    for (const bin of packages.flatMap((p) => Object.keys(p.manifest.bin ?? {}))) {
      const r = await runOk('npx', ['--no-install', bin, '--help'], { cwd: app });
      expect(r.stdout).toMatch(/usage/i);
    }
  });

  const haveChromium = existsSync(CHROMIUM);
  const inCi = process.env.CI === 'true';
  it.skipIf(!haveChromium && !inCi)(
    'bundles the browser quick starts with esbuild and runs them in headless Chromium',
    async () => {
      if (!haveChromium)
        throw new Error(`CI=true needs Chromium at ${CHROMIUM} (apt-get install chromium)`);
      const browserSnippets = snippets.filter(
        (s) => s.isQuickStart && !s.isTest && !NODE_ONLY.has(s.pkg.name),
      );
      const site = join(work, 'site');
      await mkdir(site, { recursive: true });
      // The page's own origin proxies /ngsi-ld/ to a fresh broker, so the client quick start runs too.
      const browserBroker = await startBroker();
      const server = await serveSite(site, browserBroker.url);
      for (const s of browserSnippets) {
        const entry = join(app, 'src', `${s.base}.browser.ts`);
        const code = s.code.replaceAll(broker!.url, server.url);
        await writeFile(entry, `${code}\nconsole.log('__done__');\n`);
        await build({
          entryPoints: [entry],
          bundle: true,
          format: 'esm',
          platform: 'browser',
          target: 'es2022',
          outfile: join(site, `${s.base}.js`),
          logLevel: 'silent',
        });
      }
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      });
      try {
        for (const s of browserSnippets) {
          const page = await browser.newPage();
          const errors: string[] = [];
          let done = false;
          page.on('pageerror', (e) => errors.push(e.message));
          page.on('console', (m) => {
            if (m.type() === 'error') errors.push(m.text());
            if (m.text() === '__done__') done = true;
          });
          await page.goto(`${server.url}/${s.base}.html`);
          await page.waitForFunction(() => document.body.dataset.done === 'true', undefined, {
            timeout: 180_000,
          });
          await page.close();
          expect({ snippet: s.base, errors, done }).toEqual({
            snippet: s.base,
            errors: [],
            done: true,
          });
        }
      } finally {
        await browser.close();
        await new Promise<void>((ok) => server.server.close(() => ok()));
        await browserBroker.close();
      }
    },
  );
});

describe('an app that installs only the client', () => {
  it(`has node_modules of at most ${CLIENT_INSTALL_BUDGET / 1e6} MB`, async () => {
    const dir = join(work, 'client-only-app');
    await mkdir(dir, { recursive: true });
    // The client and the @smartcitylab packages it depends on, from their tarballs; anything else
    // it would get from the registry (optional peers such as zod and proj4 are not installed).
    const dependencies: Record<string, string> = {};
    const pending = ['@smartcitylab/client'];
    for (let name = pending.pop(); name; name = pending.pop()) {
      const p = packed.get(name);
      if (!p) throw new Error(`${name} is not a packed package`);
      dependencies[name] = `file:${p.tarball}`;
      for (const dep of Object.keys(p.pkg.manifest.dependencies ?? {})) {
        if (dep.startsWith('@smartcitylab/') && !dependencies[dep]) pending.push(dep);
      }
    }
    await writeJson(join(dir, 'package.json'), {
      name: 'client-only-app',
      private: true,
      type: 'module',
      dependencies,
    });
    await runOk('npm', ['install', ...NPM_INSTALL_FLAGS], { cwd: dir, timeoutMs: 120_000 });
    const installed = await readdir(join(dir, 'node_modules', '@smartcitylab'));
    expect(installed.sort()).toEqual(
      Object.keys(dependencies)
        .map((n) => n.slice(14))
        .sort(),
    );
    const size = await treeSize(join(dir, 'node_modules'));
    expect(size, `node_modules of an app with only the client: ${size} bytes`).toBeLessThanOrEqual(
      CLIENT_INSTALL_BUDGET,
    );
  });
});

/** Bytes of every file under `dir` (symbolic links not followed), as `du --apparent-size` counts. */
async function treeSize(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) total += await treeSize(path);
    else total += (await lstat(path)).size;
  }
  return total;
}

describe('an app on zod 3', () => {
  it('is told about the zod conflict by npm instead of getting a nested zod 4', async () => {
    const dir = join(work, 'zod3-app');
    await mkdir(dir, { recursive: true });
    const models = packed.get('@smartcitylab/models')!;
    const ngsi = packed.get('@smartcitylab/ngsi-ld')!;
    await writeJson(join(dir, 'package.json'), {
      name: 'zod3-app',
      private: true,
      dependencies: {
        zod: '^3.23.0',
        '@smartcitylab/models': `file:${models.tarball}`,
        '@smartcitylab/ngsi-ld': `file:${ngsi.tarball}`,
      },
    });
    const r = await run('npm', ['install', '--package-lock-only', ...NPM_INSTALL_FLAGS], {
      cwd: dir,
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('ERESOLVE');
    expect(r.stderr).toMatch(/peer zod@"\^4/);
  });
});

/** Serves the bundles with a page each, and proxies /ngsi-ld/ to the broker (same origin). */
async function serveSite(dir: string, brokerUrl: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/ngsi-ld/')) {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) {
          if (typeof v === 'string' && k !== 'host') headers.set(k, v);
        }
        const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
        fetch(`${brokerUrl}${url}`, { method: req.method ?? 'GET', headers, body: body ?? null })
          .then(async (answer) => {
            const out: Record<string, string> = {};
            answer.headers.forEach((v, k) => {
              if (k !== 'content-encoding' && k !== 'content-length') out[k] = v;
            });
            res.writeHead(answer.status, out);
            res.end(Buffer.from(await answer.arrayBuffer()));
          })
          .catch(() => res.writeHead(502).end());
      });
      return;
    }
    if (url === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const html = /^\/([\w-]+)\.html$/.exec(url);
    if (html) {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(
        `<!doctype html><html><body><script type="module">import('./${html[1]}.js').finally(() => { document.body.dataset.done = 'true'; });</script></body></html>`,
      );
      return;
    }
    const js = /^\/([\w-]+\.js)$/.exec(url);
    if (js && existsSync(join(dir, js[1] ?? ''))) {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      res.end(readFileSync(join(dir, js[1] ?? '')));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

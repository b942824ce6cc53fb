import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractCodeBlocks, listGuides, localLinks } from '../../../scripts/docs-guides.js';

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
// Under the system temp folder, never inside the repository (turbo lints the repository in parallel).
// A node_modules link to the workspace's makes `@smartcitylab/*` resolve to the workspace packages.
const WORK = mkdtempSync(join(tmpdir(), 'scl-guides-'));
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const RUN_TIMEOUT_MS = 120_000;

interface Block {
  guide: string;
  index: number;
  line: number;
  file: string;
  run: boolean;
  usesVitest: boolean;
  code: string;
}

const guides = listGuides(join(ROOT, 'docs', 'guides'));
const blocks: Block[] = [];
for (const guide of guides) {
  const name = guide.replace(/\.md$/, '');
  const markdown = await readFile(join(ROOT, 'docs', 'guides', guide), 'utf8');
  for (const [index, b] of extractCodeBlocks(markdown).entries()) {
    if (b.lang !== 'ts') continue;
    const usesVitest = /from ['"]vitest['"]/.test(b.code);
    blocks.push({
      guide,
      index: index + 1,
      line: b.line,
      file: join(WORK, `${name}-${index + 1}${usesVitest ? '.test' : ''}.ts`),
      run: !b.flags.includes('no-run'),
      usesVitest,
      code: b.code,
    });
  }
}

/** tsc diagnostics per temp file; errors in the packages' own sources are their typecheck's job. */
const diagnostics = new Map<string, string[]>();

afterAll(() => rm(WORK, { recursive: true, force: true }));

beforeAll(async () => {
  await symlink(join(ROOT, 'node_modules'), join(WORK, 'node_modules'), 'dir');
  await writeFile(join(WORK, 'package.json'), '{ "private": true, "type": "module" }\n');
  for (const block of blocks) {
    const isModule = /^\s*(import|export)\s/m.test(block.code);
    await writeFile(block.file, isModule ? block.code : `${block.code}\nexport {};\n`);
  }
  await writeFile(
    join(WORK, 'tsconfig.json'),
    JSON.stringify({
      extends: join(ROOT, 'tsconfig.base.json'),
      compilerOptions: { noEmit: true, sourceMap: false, declaration: false },
      include: ['*.ts'],
    }),
  );
  await writeFile(
    join(WORK, 'vitest.config.ts'),
    [
      `import { mergeConfig } from 'vitest/config';`,
      `import shared from '${join(ROOT, 'vitest.shared.js')}';`,
      `export default mergeConfig(shared, { test: { include: ['*.test.ts'] } });`,
      '',
    ].join('\n'),
  );
  let output = '';
  try {
    await run(process.execPath, [TSC, '-p', join(WORK, 'tsconfig.json'), '--pretty', 'false'], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (e) {
    output = String((e as { stdout?: string }).stdout ?? e);
  }
  for (const line of output.split('\n')) {
    const m = /^(.+?)\(\d+,\d+\): error /.exec(line);
    if (!m?.[1]) continue;
    const file = resolve(ROOT, m[1]);
    if (!file.startsWith(WORK)) continue;
    diagnostics.set(file, [...(diagnostics.get(file) ?? []), line]);
  }
}, 600_000); // a hang guard: tsc over every guide block takes minutes on a loaded 2-core machine

describe('the guides', () => {
  it('are all listed in docs/README.md', async () => {
    const index = await readFile(join(ROOT, 'docs', 'README.md'), 'utf8');
    for (const guide of guides) expect(index).toContain(`guides/${guide}`);
  });

  it.each(['README.md', ...guides.map((g) => `guides/${g}`)])(
    '%s links only to files that exist',
    async (doc) => {
      const path = join(ROOT, 'docs', doc);
      const missing = localLinks(await readFile(path, 'utf8')).filter(
        (link) => !existsSync(resolve(dirname(path), link)),
      );
      expect(missing).toEqual([]);
    },
  );

  it('have ts code blocks to check', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(guides.length);
  });
});

describe.each(blocks)('$guide block $index (line $line)', (block) => {
  it('typechecks', { timeout: 240_000 }, () => {
    expect(diagnostics.get(block.file) ?? []).toEqual([]);
  });

  it.runIf(block.run)(
    'runs and exits with code 0',
    async () => {
      const args = block.usesVitest
        ? [VITEST, 'run', '--root', WORK, relative(WORK, block.file)]
        : ['--conditions=@smartcitylab/source', '--import', 'tsx', block.file];
      try {
        await run(process.execPath, args, {
          cwd: block.usesVitest ? WORK : ROOT,
          timeout: RUN_TIMEOUT_MS,
          env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
          maxBuffer: 16 * 1024 * 1024,
        });
      } catch (e) {
        const err = e as { code?: number; stdout?: string; stderr?: string };
        expect.fail(
          `exit ${err.code ?? 'signal'}\n--- stdout\n${err.stdout ?? ''}\n--- stderr\n${err.stderr ?? ''}`,
        );
      }
    },
    RUN_TIMEOUT_MS + 5_000,
  );
});

/**
 * Builds the browser playground of the docs site (packages/playground) into a static folder:
 * index.html, style.css and one app.js, bundled by esbuild from the packages'
 * sources. Nothing in the output loads from the network.
 *
 * Run alone: `node --conditions=@smartcitylab/source --import tsx scripts/docs-playground.ts [outDir]`.
 */
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(ROOT, 'packages', 'playground', 'src');

/** Where `npm run docs` puts the playground. */
export const PLAYGROUND_OUT = join(ROOT, 'docs', 'site', 'playground');

/** What one playground build wrote. */
export interface PlaygroundBuild {
  /** The folder holding index.html. */
  outDir: string;
  /** Files written, relative to `outDir`. */
  files: string[];
  /** Total size of the JavaScript, in bytes. */
  scriptBytes: number;
}

/** Bundles the playground into `outDir` (emptied first). */
export async function buildPlayground(outDir: string = PLAYGROUND_OUT): Promise<PlaygroundBuild> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const result = await build({
    entryPoints: { app: join(SOURCE, 'app.ts') },
    outdir: outDir,
    bundle: true,
    // One classic script (decoders' dynamic imports are inlined), so the page also works when
    // opened from disk: browsers refuse module scripts on file:// URLs.
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@smartcitylab/source'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: ROOT,
  });
  await copyFile(join(SOURCE, 'index.html'), join(outDir, 'index.html'));
  await copyFile(join(SOURCE, 'style.css'), join(outDir, 'style.css'));
  const outputs = Object.entries(result.metafile.outputs);
  return {
    outDir,
    files: [
      'index.html',
      'style.css',
      ...outputs.map(([f]) => resolve(ROOT, f).slice(outDir.length + 1)),
    ],
    scriptBytes: outputs.reduce((sum, [, o]) => sum + o.bytes, 0),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const built = await buildPlayground(process.argv[2] ? resolve(process.argv[2]) : PLAYGROUND_OUT);
  process.stdout.write(
    `playground: ${built.files.length} files, ${(built.scriptBytes / 1024).toFixed(0)} KiB of JavaScript in ${built.outDir}\n`,
  );
}

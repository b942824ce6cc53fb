/**
 * Ships each declaration once. tsup writes the same declarations twice, as `x.d.ts` (for
 * `import`) and `x.d.cts` (for `require`); for the models that is a 500 kB chunk shipped twice.
 * Wherever the two differ only in their relative imports (`./chunk-<hash>.js` / `.cjs`), this
 * keeps the `.d.cts` and turns the `.d.ts` into a one-line re-export of it, the layout zod itself
 * ships (one `.d.cts` for both conditions).
 * The `.d.cts` is the one kept because an ES module may always import CommonJS declarations,
 * while the reverse needs TypeScript 5.8+ under `module: nodenext`. Every file of a package is
 * treated alike: were only some re-exported, an `import` user could meet a class (with private
 * members) from a dependency's `.d.cts` in one place and its `.d.ts` in another, and the two
 * would not be assignable to each other.
 *
 * Run after tsup from a package folder: `tsup && node --import tsx ../../scripts/share-declarations.ts`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const DIST = join(process.cwd(), 'dist');

function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return declarationFiles(path);
    return e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * The text with its relative imports' extensions and rollup content hashes left out: the `.d.ts`
 * imports `./chunk-Ab12Cd34.js` where the `.d.cts` imports `./chunk-Ef56Gh78.cjs`.
 */
function withoutChunkNames(text: string): string {
  return text.replace(/(['"]\.{1,2}\/[^'"\n]*?)(?:-[\w-]{8})?\.c?js(['"])/g, '$1$2');
}

/**
 * `x.d.cts` beside `x.d.ts`; for a rollup chunk, whose hash differs between the two builds
 * (`schema-Ab12Cd34.d.ts`, `schema-Ef56Gh78.d.cts`), the one `.d.cts` chunk of the same name.
 */
function cjsSibling(esm: string): string | undefined {
  const same = esm.replace(/\.d\.ts$/, '.d.cts');
  if (existsSync(same)) return same;
  const chunk = /^(.+)-[\w-]{8}\.d\.ts$/.exec(basename(esm))?.[1];
  if (chunk === undefined) return undefined;
  const candidates = readdirSync(dirname(esm)).filter(
    (f) => f.startsWith(`${chunk}-`) && /^-[\w-]{8}\.d\.cts$/.test(f.slice(chunk.length)),
  );
  return candidates.length === 1 ? join(dirname(esm), candidates[0] ?? '') : undefined;
}

let shared = 0;
for (const esm of declarationFiles(DIST)) {
  const cjs = cjsSibling(esm);
  if (cjs === undefined) continue;
  let esmText: string;
  let cjsText: string;
  try {
    esmText = readFileSync(esm, 'utf8');
    cjsText = readFileSync(cjs, 'utf8');
  } catch {
    continue;
  }
  if (withoutChunkNames(esmText) !== withoutChunkNames(cjsText)) continue;
  // `export *` does not carry a default export or `export =`; such a file keeps both copies.
  if (/^export (default|=)|\bas default\b/m.test(cjsText)) continue;
  const target = `./${basename(cjs).replace(/\.d\.cts$/, '.cjs')}`;
  writeFileSync(esm, `export * from '${target}';\n`);
  shared++;
}
process.stdout.write(`share-declarations: ${shared} .d.ts file(s) now re-export their .d.cts\n`);

/**
 * Importing one model subpath must not pull in the others: each subpath is bundled with
 * esbuild (browser platform, so a `node:*` import would also fail) and the bundle must
 * hold its own distinctive attribute names and none of any other model's.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listModels, loadModel } from '@smartcitylab/models';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const PKG = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const kebab = (type: string) => type.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** Bundles each entry on its own (no code splitting) in one esbuild run; texts by entry. */
async function bundleAll(entries: Record<string, string>): Promise<Map<string, string>> {
  const result = await build({
    entryPoints: entries,
    outdir: 'out',
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    conditions: ['@smartcitylab/source'],
    minify: false,
    logLevel: 'silent',
    absWorkingDir: PKG,
  });
  return new Map(
    result.outputFiles.map((f) => [f.path.replace(/^.*[\\/]/, '').replace(/\.js$/, ''), f.text]),
  );
}

/** The identifier-like words of a text, for exact whole-word lookups. */
const words = (text: string): Set<string> => new Set(text.match(/[\w$]+/g) ?? []);

describe('one model per subpath', () => {
  const distinctive = new Map<string, string[]>();
  let shared = new Set<string>();
  let runtimeSize = 0;
  let bundles = new Map<string, string>();

  beforeAll(async () => {
    const sources = new Map<string, Set<string>>();
    for (const { type } of listModels()) {
      sources.set(
        type,
        words(readFileSync(join(PKG, 'src', 'generated', `${kebab(type)}.ts`), 'utf8')),
      );
    }
    // Words that the shared runtime (zod, ngsi-ld, internal) contains anyway are not evidence.
    const entries: Record<string, string> = {
      shared: join(PKG, 'src', 'internal', 'define-model.ts'),
    };
    for (const { type } of listModels())
      entries[kebab(type)] = join(PKG, 'src', 'models', `${kebab(type)}.ts`);
    bundles = await bundleAll(entries);
    shared = words(bundles.get('shared') ?? '');
    runtimeSize = shared.size;
    // Shapes several models share (generated/shared.ts) are no evidence of another model either.
    for (const w of words(readFileSync(join(PKG, 'src', 'generated', 'shared.ts'), 'utf8')))
      shared.add(w);
    for (const { type } of listModels()) {
      const model = await loadModel(type);
      const names = model.metadata.attributes
        .map((a) => a.name)
        .filter(
          (name) =>
            name.length >= 5 &&
            /^[\w$]+$/.test(name) &&
            !shared.has(name) &&
            [...sources].every(([other, src]) => other === type || !src.has(name)),
        );
      distinctive.set(type, names);
    }
  });

  for (const { type } of listModels()) {
    it(`@smartcitylab/models/${kebab(type)} holds no other model`, () => {
      const code = words(bundles.get(kebab(type)) ?? '');
      expect(code.size).toBeGreaterThan(runtimeSize);
      const own = distinctive.get(type) ?? [];
      for (const name of own) expect(code.has(name), `own attribute ${name}`).toBe(true);
      const foreign = [...distinctive]
        .filter(([other]) => other !== type)
        .flatMap(([other, names]) => names.filter((n) => code.has(n)).map((n) => `${other}.${n}`));
      expect(foreign).toEqual([]);
    });
  }

  it('finds distinctive attribute names for most models', () => {
    expect([...distinctive.values()].filter((n) => n.length > 0).length).toBeGreaterThanOrEqual(20);
  });
});

describe('zod stays out of a model subpath', () => {
  let bundles = new Map<string, string>();
  const zodMarkers = (text: string): string[] =>
    [
      text.includes('node_modules/zod/') ? 'a module from node_modules/zod' : '',
      words(text).has('_zod') ? 'the _zod member of zod schemas' : '',
    ].filter((m) => m !== '');

  beforeAll(async () => {
    const entries: Record<string, string> = {};
    for (const { type } of listModels()) {
      entries[kebab(type)] = join(PKG, 'src', 'models', `${kebab(type)}.ts`);
      entries[`${kebab(type)}-zod`] = join(PKG, 'src', 'models', `${kebab(type)}-zod.ts`);
    }
    bundles = await bundleAll(entries);
  });

  for (const { type } of listModels()) {
    it(`@smartcitylab/models/${kebab(type)} bundles without zod`, () => {
      expect(zodMarkers(bundles.get(kebab(type)) ?? 'missing')).toEqual([]);
    });
  }

  it('finds zod in a /zod subpath, so the markers do detect it', () => {
    for (const { type } of listModels())
      expect(zodMarkers(bundles.get(`${kebab(type)}-zod`) ?? '')).toHaveLength(2);
  });
});

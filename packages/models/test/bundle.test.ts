/**
 * Importing one model subpath must not pull in the others: each subpath is bundled with
 * esbuild (browser platform, so a `node:*` import would also fail) and the bundle must
 * hold its own distinctive attribute names and none of any other model's.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listModels, loadModel } from '@smartcitylab/models';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const PKG = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const kebab = (type: string) => type.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

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

/**
 * The zod schemas are built at module scope; each construction is annotated
 * `/* @__PURE__ *\/` so that a bundler drops the ones nothing uses. A bundle that uses only one
 * model's keyValues schema must hold none of the shared shapes (generated/shared-zod.ts) that this
 * model does not use, and not the `ModelSchemas` object (its JSON Schema export) either.
 */
describe('unused module-scope zod schemas are dropped', () => {
  const sharedSource = readFileSync(join(PKG, 'src', 'generated', 'shared-zod.ts'), 'utf8');
  // Each shared schema's own text, from its `export const` to the next one.
  const blocks = new Map<string, string>();
  for (const part of sharedSource.split(/^(?=export const )/m).slice(1)) {
    const name = /^export const (\w+)/.exec(part)?.[1];
    if (name !== undefined) blocks.set(name, part);
  }
  const keysOf = (text: string): string[] =>
    [...text.matchAll(/^\s+(\w+):/gm)].map((m) => m[1] ?? '');
  /** The shared schemas a text refers to, and the ones those refer to. */
  const closure = (text: string): Set<string> => {
    const found = new Set<string>();
    const visit = (t: string): void => {
      for (const name of blocks.keys())
        if (!found.has(name) && words(t).has(name)) {
          found.add(name);
          visit(blocks.get(name) ?? '');
        }
    };
    visit(text);
    return found;
  };
  /** Attribute keys found in exactly one shared schema: evidence of that schema. */
  const distinctive = new Map<string, string[]>();
  for (const [name, text] of blocks) {
    const others = [...blocks].filter(([n]) => n !== name).map(([, t]) => new Set(keysOf(t)));
    distinctive.set(
      name,
      keysOf(text).filter((k) => k.length >= 6 && others.every((o) => !o.has(k))),
    );
  }
  let bundles = new Map<string, string>();

  beforeAll(async () => {
    const entries: Record<string, string> = {};
    for (const { type } of listModels()) {
      // Uses one export only; minified, so that only what runs at load or is used stays.
      const file = join(tmpdir(), `smartcitylab-models-pure-${process.pid}-${kebab(type)}.ts`);
      writeFileSync(
        file,
        `import { ${lowerFirst(type)}KeyValuesSchema as s } from ${JSON.stringify(
          join(PKG, 'src', 'models', `${kebab(type)}-zod.ts`),
        )};\nconsole.log(s.safeParse({}).success);\n`,
      );
      entries[kebab(type)] = file;
    }
    try {
      const result = await build({
        entryPoints: entries,
        outdir: 'out',
        bundle: true,
        write: false,
        format: 'esm',
        platform: 'browser',
        conditions: ['@smartcitylab/source'],
        minify: true,
        logLevel: 'silent',
        absWorkingDir: PKG,
        nodePaths: [join(PKG, 'node_modules'), join(PKG, '..', '..', 'node_modules')],
      });
      bundles = new Map(
        result.outputFiles.map((f) => [
          f.path.replace(/^.*[\\/]/, '').replace(/\.js$/, ''),
          f.text,
        ]),
      );
    } finally {
      for (const file of Object.values(entries)) rmSync(file, { force: true });
    }
  });

  for (const { type } of listModels()) {
    it(`a bundle of ${lowerFirst(type)}KeyValuesSchema alone holds no unused schema`, () => {
      const code = bundles.get(kebab(type)) ?? '';
      const own = readFileSync(join(PKG, 'src', 'generated', `${kebab(type)}-zod.ts`), 'utf8');
      const used = closure(own);
      const ownWords = words(own);
      const present = words(code);
      expect(code.includes(`"${type}"`), 'the used schema itself').toBe(true);
      const leftovers = [...distinctive]
        .filter(([name]) => !used.has(name))
        .flatMap(([name, keys]) =>
          keys.filter((k) => !ownWords.has(k) && present.has(k)).map((k) => `${name}.${k}`),
        );
      expect(leftovers).toEqual([]);
      // The ModelSchemas object was not used, so defineModelSchemas (its JSON Schema $id) goes.
      expect(code.includes('urn:npm:@smartcitylab/models@')).toBe(false);
    });
  }

  it('finds evidence for the larger shared schemas, so the check can fail', () => {
    for (const name of ['contactPointSchema', 'municipalityInfoSchema', 'addressSchema'])
      expect(distinctive.get(name)?.length ?? 0, name).toBeGreaterThan(0);
    // A model that does use contactPointSchema keeps its keys.
    const user = listModels().find(({ type }) =>
      readFileSync(join(PKG, 'src', 'generated', `${kebab(type)}-zod.ts`), 'utf8').includes(
        'contactPointSchema',
      ),
    );
    expect(user).toBeDefined();
    const code = words(bundles.get(kebab(user?.type ?? '')) ?? '');
    expect((distinctive.get('contactPointSchema') ?? []).some((k) => code.has(k))).toBe(true);
  });
});

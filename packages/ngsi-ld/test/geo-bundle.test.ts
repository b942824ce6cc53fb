/**
 * proj4 is only for the SWEREF 99 conversions: a bundle that imports the proj4-free helpers of
 * `@smartcitylab/ngsi-ld/geo` (checkCoordinates, SWEDEN_BBOX, swerefProjection) must leave it
 * out. Bundled with esbuild from source, as the monorepo resolves the package; the size-limit
 * entry "checkCoordinates alone, every dependency included" proves the same for the built dist.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const pkgRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The input files with code in a bundle of `import { <names> } from '@smartcitylab/ngsi-ld/geo'`
 * (the metafile's top-level `inputs` also lists files that were read and then tree-shaken away).
 */
async function bundledInputs(names: string[]): Promise<string[]> {
  const result = await build({
    stdin: {
      contents: `import { ${names.join(', ')} } from '@smartcitylab/ngsi-ld/geo';\nconsole.log(${names.join(', ')});\n`,
      resolveDir: pkgRoot,
      loader: 'ts',
    },
    absWorkingDir: pkgRoot,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    conditions: ['@smartcitylab/source'],
    treeShaking: true,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.values(result.metafile.outputs).flatMap((out) =>
    Object.entries(out.inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([path]) => path),
  );
}

const fromProj4 = (inputs: string[]): string[] =>
  inputs.filter((p) => /(^|[\\/])node_modules[\\/]proj4[\\/]/.test(p));

describe('@smartcitylab/ngsi-ld/geo bundles proj4 only for the conversions', () => {
  const cases: { name: string; given: string[] }[] = [
    { name: 'checkCoordinates alone', given: ['checkCoordinates'] },
    {
      name: 'the proj4-free helpers together',
      given: ['checkCoordinates', 'SWEDEN_BBOX', 'swerefProjection'],
    },
  ];
  for (const { name, given } of cases) {
    it(`${name} leaves proj4 out`, async () => {
      const inputs = await bundledInputs(given);
      // Sanity: the geo module itself is in the bundle.
      expect(inputs.some((p) => /src[\\/]geo\.ts$/.test(p))).toBe(true);
      expect(fromProj4(inputs)).toEqual([]);
      expect(inputs.filter((p) => /internal[\\/]proj4\.ts$/.test(p))).toEqual([]);
    });
  }

  it('the SWEREF 99 conversion brings proj4 in', async () => {
    const inputs = await bundledInputs(['swerefToWgs84', 'wgs84ToSweref']);
    expect(fromProj4(inputs).length).toBeGreaterThan(0);
  });
});

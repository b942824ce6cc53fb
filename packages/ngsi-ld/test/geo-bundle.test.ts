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
      // Sanity: the geo code itself is in the bundle.
      expect(inputs.some((p) => /src[\\/](geo|coordinates)\.ts$/.test(p))).toBe(true);
      expect(fromProj4(inputs)).toEqual([]);
      expect(inputs.filter((p) => /internal[\\/]proj4\.ts$/.test(p))).toEqual([]);
    });
  }

  it('the SWEREF 99 conversion brings proj4 in', async () => {
    const inputs = await bundledInputs(['swerefToWgs84', 'wgs84ToSweref']);
    expect(fromProj4(inputs).length).toBeGreaterThan(0);
  });
});

// Node without a bundler loads every module an entry imports, tree-shaken or not: a program that
// only checks coordinates must run without proj4 installed. Bundling with proj4 external and
// tree shaking off keeps an `import` of proj4 for any module in the graph that has one.
describe('checkCoordinates from the package root', () => {
  it('has no module in its import graph that imports proj4', async () => {
    const result = await build({
      stdin: {
        contents: `export { checkCoordinates, SWEDEN_BBOX } from '@smartcitylab/ngsi-ld';\n`,
        resolveDir: pkgRoot,
        loader: 'ts',
      },
      absWorkingDir: pkgRoot,
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      conditions: ['@smartcitylab/source'],
      treeShaking: false,
      external: ['proj4', 'zod', 'zod/*'],
      metafile: true,
      logLevel: 'silent',
    });
    const [out] = result.outputFiles;
    expect(out?.text).toContain('checkCoordinates');
    expect(out?.text).not.toMatch(/from\s*["']proj4["']|require\(["']proj4["']\)/);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((p) => /src[\\/]coordinates\.ts$/.test(p))).toBe(true);
    expect(inputs.filter((p) => /internal[\\/]proj4\.ts$|src[\\/]geo\.ts$/.test(p))).toEqual([]);
  });

  it('finds the same as the /geo export', async () => {
    const root = await import('@smartcitylab/ngsi-ld');
    const geo = await import('@smartcitylab/ngsi-ld/geo');
    expect(root.checkCoordinates).toBe(geo.checkCoordinates);
    expect(root.checkCoordinates({ type: 'Point', coordinates: [59.3293, 18.0686] })[0]?.code).toBe(
      'LatLonSwapped',
    );
  });
});

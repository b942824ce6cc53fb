import { fileURLToPath } from 'node:url';
import { listDevices } from '@smartcitylab/decoders';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const pkgRoot = fileURLToPath(new URL('..', import.meta.url));
const devices = listDevices();
const subpaths = [...new Set(devices.map((d) => d.subpath))].sort();

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: pkgRoot,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    conditions: ['@smartcitylab/source'],
    minify: false,
    treeShaking: true,
    logLevel: 'silent',
  });
  return result.outputFiles.map((f) => f.text).join('\n');
}

describe('each vendor subpath bundles alone', () => {
  for (const subpath of subpaths) {
    it(`@smartcitylab/decoders/${subpath} contains no other vendor's devices`, async () => {
      const code = await bundle(`src/vendors/${subpath}.ts`);
      const own = devices.filter((d) => d.subpath === subpath);
      const others = devices.filter((d) => d.subpath !== subpath);
      // Sanity: the marker is visible in the bundle for the vendor's own devices.
      for (const d of own) expect(code, `${subpath} lacks its own ${d.id}`).toContain(`"${d.id}"`);
      const leaked = others.filter((d) => code.includes(`"${d.id}"`)).map((d) => d.id);
      expect(leaked).toEqual([]);
      expect(code).not.toMatch(/from\s*["']node:/);
    });
  }

  it('the main entry does not bundle any decoder code eagerly', async () => {
    const result = await build({
      entryPoints: ['src/index.ts'],
      absWorkingDir: pkgRoot,
      bundle: true,
      write: false,
      splitting: true,
      outdir: 'out',
      format: 'esm',
      platform: 'browser',
      conditions: ['@smartcitylab/source'],
      logLevel: 'silent',
    });
    const entry = result.outputFiles.find((f) => f.path.endsWith('/out/index.js'));
    expect(entry).toBeDefined();
    // Decoder modules go to lazily imported chunks: one per vendor beyond the entry.
    expect(result.outputFiles.length).toBeGreaterThan(subpaths.length);
    expect(entry?.text).not.toContain('defineDecoder');
  });
});

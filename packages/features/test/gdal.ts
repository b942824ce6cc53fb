/** Running GDAL's command-line tools in tests: found on PATH, required under CI=true. */
import { execFile, execFileSync } from 'node:child_process';
import { describe, it } from 'vitest';

export function hasGdal(): boolean {
  try {
    execFileSync('ogrinfo', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** A describe block that needs ogrinfo/ogr2ogr: skipped without GDAL, failing under CI=true. */
export function describeWithGdal(name: string, body: () => void): void {
  if (hasGdal()) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('finds GDAL (ogrinfo) on PATH', () => {
        throw new Error('ogrinfo not found; CI=true requires gdal-bin (.ci/run installs it)');
      });
    });
  } else {
    describe.skip(`${name} (needs gdal-bin)`, () => {
      it('is skipped without GDAL', () => {});
    });
  }
}

/** Runs a GDAL tool and resolves with its stdout; rejects with stderr on failure. */
export function gdal(tool: 'ogrinfo' | 'ogr2ogr', args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      tool,
      [...args],
      { maxBuffer: 256 * 1024 * 1024, timeout: 300_000, env: { ...process.env, CPL_DEBUG: 'OFF' } },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`${tool} ${args.join(' ')} failed: ${stderr || err.message}`));
        else resolve(stdout);
      },
    );
  });
}

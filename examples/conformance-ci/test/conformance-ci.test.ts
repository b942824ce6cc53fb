import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function runExample(env: Record<string, string>) {
  const out = mkdtempSync(join(tmpdir(), 'conformance-ci-'));
  onTestFinished(() => rmSync(out, { recursive: true, force: true }));
  const r = spawnSync(
    process.execPath,
    ['--conditions=@smartcitylab/source', '--import', 'tsx', 'src/main.ts'],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
      env: { PATH: process.env.PATH ?? '', OUT_DIR: out, ...env },
    },
  );
  return { ...r, out };
}

describe('examples/conformance-ci', () => {
  it('passes against the staging broker (the testkit) and writes JUnit and HTML', () => {
    const r = runExample({});
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^pass: \d+ passed, 0 failed \(0 must\)/);
    expect(readFileSync(join(r.out, 'conformance.junit.xml'), 'utf8')).toContain(
      '<testsuite name="mim1-core"',
    );
    expect(readFileSync(join(r.out, 'conformance.html'), 'utf8')).toContain('GODKÄND');
  }, 120_000);

  it('fails the build with exit code 2 when staging is down', () => {
    const r = runExample({ STAGING_URL: 'http://127.0.0.1:9' });
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('could not run: cannot reach http://127.0.0.1:9/ngsi-ld/v1');
  }, 120_000);
});

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
const NODE_ARGS = ['--conditions=@smartcitylab/source', '--import', 'tsx', BIN];

function run(
  args: string[],
  onLine?: (line: string) => Promise<void>,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_ARGS, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (onLine && out.includes('\n')) {
        const line = out;
        onLine(line).then(() => child.kill('SIGTERM'), reject);
        onLine = undefined;
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('smartcity-broker command', () => {
  it('starts a broker that answers, and stops on SIGTERM', async () => {
    let status = 0;
    const result = await run(['--port', '0'], async (line) => {
      const url = /http:\/\/\S+/.exec(line)?.[0] ?? '';
      status = (await fetch(`${url}/types`)).status;
    });
    expect(result.out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+\/ngsi-ld\/v1/);
    expect(status).toBe(200);
    expect(result.code).toBe(0);
  });

  it.each([
    { name: 'a non-numeric port', args: ['--port', 'abc'] },
    { name: 'a rate above 1', args: ['--rate429', '2'] },
    { name: 'an unknown option', args: ['--bogus'] },
  ])('exits 2 with usage for $name', async ({ args }) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.err).toContain('Usage: smartcity-broker');
  });
});

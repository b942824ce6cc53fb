import { describe, expect, it } from 'vitest';
import { cli } from './harness.js';

const ELSYS = ['--device', 'elsys/ers'];

describe('smartcity decode: how the payload is written', () => {
  it.each([
    ['hex', '0100e20229'],
    ['hex with a 0x prefix', '0x0100e20229'],
    ['hex with spaces', '01 00 e2 02 29'],
    ['padded base64', 'AQDiAik='],
    ['short base64 with --encoding base64', 'AQDiAik', '--encoding', 'base64'],
  ])('reads %s', async (_name, payload, ...extra) => {
    const run = await cli(['decode', payload, ...ELSYS, ...extra]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ temperature: 22.6, humidity: 41 });
  });

  it.each([
    ['zz11', /"zz11" is not hex, and as base64 it is too short.*--encoding base64/],
    ['0100e2022', /odd number of hex digits \(9\)/],
    ['0x01zz', /"0x01zz" is neither hex nor base64/],
    ['zz!!', /neither hex nor base64/],
    ['AQDiAik=', /"AQDiAik=" is not hex: only 0-9 and a-f/, '--encoding', 'hex'],
    ['AQDiAil=', /neither hex nor base64/, '--encoding', 'base64'],
  ])('rejects %s with exit 2 and one line naming it', async (payload, message, ...extra) => {
    const run = await cli(['decode', payload, ...ELSYS, ...(extra as string[])]);
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message as RegExp);
    expect(run.stdout).toBe('');
  });
});

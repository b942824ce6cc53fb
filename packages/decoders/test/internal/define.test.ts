import { describe, expect, it } from 'vitest';
import { u16be } from '../../src/internal/bytes.js';
import { defineDecoder } from '../../src/internal/define.js';
import type { DeviceInfo, UplinkInput } from '../../src/types.js';

const info: DeviceInfo = {
  id: 'test/device',
  vendor: 'Test',
  model: 'device',
  name: 'Test device',
  subpath: 'test',
  quantities: [],
  lorawanClass: 'A',
  defaultFPort: 1,
};

const decoder = defineDecoder(
  info,
  (bytes, _fPort, recvTime) => {
    if (bytes[0] === 0xee) throw new TypeError('boom');
    if (bytes[0] === 0xef) throw 'a string';
    return { data: { value: u16be(bytes, 0), at: recvTime?.toISOString() ?? null } };
  },
  { recvTime: true },
);

describe('defineDecoder', () => {
  const bad: { name: string; input: unknown; want: string }[] = [
    { name: 'null input', input: null, want: 'input must be an object' },
    { name: 'missing fPort', input: { bytes: [] }, want: 'fPort must be an integer 0-255' },
    { name: 'fPort 256', input: { bytes: [], fPort: 256 }, want: 'got 256' },
    { name: 'fractional fPort', input: { bytes: [], fPort: 1.5 }, want: 'got 1.5' },
    {
      name: 'bytes as string',
      input: { bytes: '0102', fPort: 1 },
      want: 'bytes must be a Uint8Array',
    },
    {
      name: 'byte out of range',
      input: { bytes: [1, 300], fPort: 1 },
      want: 'bytes[1] must be an integer 0-255, got 300',
    },
    {
      name: 'bad recvTime',
      input: { bytes: [1, 2], fPort: 1, recvTime: 'yesterday' },
      want: 'recvTime',
    },
    {
      name: 'short payload',
      input: { bytes: [1], fPort: 7 },
      want: 'test/device (fPort 7) at byte offset 0',
    },
    {
      name: 'unexpected exception',
      input: { bytes: [0xee, 0], fPort: 1 },
      want: 'TypeError: boom',
    },
    { name: 'thrown non-error', input: { bytes: [0xef, 0], fPort: 1 }, want: 'a string' },
  ];
  for (const c of bad) {
    it(`gives errors, never throws, for ${c.name}`, () => {
      const result = decoder.decodeUplink(c.input as UplinkInput);
      expect(result).toHaveProperty('errors');
      if ('errors' in result) {
        expect(result.errors.join()).toContain(c.want);
        expect(result.errors.join()).toContain('test/device');
      }
    });
  }

  it('survives an input whose getters throw', () => {
    const hostile = {
      get bytes(): never {
        throw new Error('getter');
      },
      fPort: 1,
    };
    expect(decoder.decodeUplink(hostile as unknown as UplinkInput)).toHaveProperty('errors');
  });

  it('accepts Uint8Array, number arrays and Date or string recvTime', () => {
    expect(decoder.decodeUplink({ bytes: new Uint8Array([1, 2]), fPort: 0 })).toEqual({
      data: { value: 258, at: null },
    });
    expect(
      decoder.decodeUplink({ bytes: [1, 2], fPort: 255, recvTime: '2024-01-02T03:04:05Z' }),
    ).toEqual({ data: { value: 258, at: '2024-01-02T03:04:05.000Z' } });
    expect(decoder.decodeUplink({ bytes: [1, 2], fPort: 1, recvTime: new Date(0) })).toEqual({
      data: { value: 258, at: '1970-01-01T00:00:00.000Z' },
    });
  });

  it('does not let __proto__ in the input pollute prototypes', () => {
    const input = JSON.parse('{"bytes":[1,2],"fPort":1,"__proto__":{"polluted":true}}');
    decoder.decodeUplink(input);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

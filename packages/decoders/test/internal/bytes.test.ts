import { describe, expect, it } from 'vitest';
import {
  f32be,
  f32le,
  fromBase64,
  fromHex,
  hex,
  i8,
  i16be,
  i16le,
  i24be,
  i32be,
  i32le,
  PayloadError,
  toBytes,
  u8,
  u16be,
  u16le,
  u24be,
  u24le,
  u32be,
  u32le,
} from '../../src/internal/bytes.js';

const b = new Uint8Array([0xff, 0xfe, 0x80, 0x01, 0x7f, 0x00]);

describe('byte readers', () => {
  const cases: {
    name: string;
    read: (x: Uint8Array, o: number) => number;
    offset: number;
    want: number;
  }[] = [
    { name: 'u8', read: u8, offset: 0, want: 255 },
    { name: 'i8', read: i8, offset: 0, want: -1 },
    { name: 'u16be', read: u16be, offset: 0, want: 0xfffe },
    { name: 'u16le', read: u16le, offset: 0, want: 0xfeff },
    { name: 'i16be', read: i16be, offset: 0, want: -2 },
    { name: 'i16le', read: i16le, offset: 2, want: 0x0180 },
    { name: 'u24be', read: u24be, offset: 0, want: 0xfffe80 },
    { name: 'u24le', read: u24le, offset: 0, want: 0x80feff },
    { name: 'i24be', read: i24be, offset: 0, want: 0xfffe80 - 0x1000000 },
    { name: 'u32be', read: u32be, offset: 0, want: 0xfffe8001 },
    { name: 'u32le', read: u32le, offset: 0, want: 0x0180feff },
    { name: 'i32be', read: i32be, offset: 0, want: 0xfffe8001 - 0x100000000 },
    { name: 'i32le', read: i32le, offset: 2, want: 0x007f0180 },
  ];
  for (const c of cases) {
    it(`${c.name} reads at offset ${c.offset}`, () => expect(c.read(b, c.offset)).toBe(c.want));
    it(`${c.name} refuses to read past the end`, () => {
      expect(() => c.read(b, b.length)).toThrow(PayloadError);
    });
  }

  it('reads IEEE 754 floats in both byte orders', () => {
    expect(f32be(new Uint8Array([0x41, 0xb4, 0x00, 0x00]), 0)).toBe(22.5);
    expect(f32le(new Uint8Array([0x00, 0x00, 0xb4, 0x41]), 0)).toBe(22.5);
  });

  it('reads floats from a view into a larger buffer', () => {
    const big = new Uint8Array([9, 9, 0x41, 0xb4, 0x00, 0x00]);
    expect(f32be(big.subarray(2), 0)).toBe(22.5);
  });

  it('reports the offset of a short read', () => {
    try {
      u16be(b, 5);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(RangeError);
      expect((err as PayloadError).offset).toBe(5);
    }
  });

  it('rejects negative and fractional offsets', () => {
    expect(() => u8(b, -1)).toThrow(PayloadError);
    expect(() => u8(b, 0.5)).toThrow(PayloadError);
  });
});

describe('conversions', () => {
  it('toBytes validates number arrays', () => {
    expect(toBytes([1, 2, 255])).toEqual(new Uint8Array([1, 2, 255]));
    expect(() => toBytes([1, 256])).toThrow('bytes[1] is 256');
    expect(() => toBytes([1.5])).toThrow(PayloadError);
    expect(() => toBytes(['1' as unknown as number])).toThrow(PayloadError);
  });

  it('hex round-trips and tolerates separators and a 0x prefix', () => {
    expect(hex(fromHex('0x01:AB ff'))).toBe('01abff');
    expect(() => fromHex('abc')).toThrow(PayloadError);
    expect(() => fromHex('zz')).toThrow(PayloadError);
  });

  const base64Cases = [
    { given: 'AQDiAik=', want: '0100e20229' },
    { given: 'AQDiAik', want: '0100e20229' },
    { given: '', want: '' },
    { given: '/w==', want: 'ff' },
    { given: '_-8', want: 'ffef' },
    { given: 'AQDnAiEEACQFAgYBsAcOTQ==', want: '0100e7022104002405020601b0070e4d' },
  ];
  for (const c of base64Cases) {
    it(`base64 "${c.given}" decodes`, () => expect(hex(fromBase64(c.given))).toBe(c.want));
  }
  it('base64 rejects bad input', () => {
    expect(() => fromBase64('A')).toThrow(PayloadError);
    expect(() => fromBase64('AB*D')).toThrow(PayloadError);
  });
});

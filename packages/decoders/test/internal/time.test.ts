import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoFromEpochMs } from '../../src/internal/time.js';

describe('isoFromEpochMs', () => {
  it('gives the text of Date#toISOString for any time in years 0000-9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => {
        expect(isoFromEpochMs(ms)).toBe(new Date(ms).toISOString());
        expect(isoFromEpochMs(ms, false)).toBe(new Date(ms).toISOString().slice(0, -1));
      }),
      { numRuns: 5000, seed: 12 },
    );
  });

  it.each([
    ['the epoch', 0],
    ['a leap day', Date.UTC(2024, 1, 29, 23, 59, 59, 999)],
    ['the last millisecond of 1999', Date.UTC(1999, 11, 31, 23, 59, 59, 999)],
    ['a day in 1900 (not a leap year)', Date.UTC(1900, 2, 1)],
    ['the first day of year 0000', -62_167_219_200_000],
  ])('matches Date#toISOString at %s', (_, ms) => {
    expect(isoFromEpochMs(ms)).toBe(new Date(ms).toISOString());
  });

  it('falls back to Date for extended years and throws the same RangeError for invalid times', () => {
    expect(isoFromEpochMs(Date.UTC(12_000, 0, 1))).toBe(
      new Date(Date.UTC(12_000, 0, 1)).toISOString(),
    );
    expect(isoFromEpochMs(-62_198_755_200_000)).toBe(new Date(-62_198_755_200_000).toISOString());
    expect(() => isoFromEpochMs(Number.NaN)).toThrow(RangeError);
  });
});

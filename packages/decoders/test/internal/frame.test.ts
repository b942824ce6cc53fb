import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hex } from '../../src/internal/bytes.js';
import { hexWords } from '../../src/internal/frame.js';

const bytesOf = (word: number): number[] => [
  word >>> 24,
  (word >>> 16) & 0xff,
  (word >>> 8) & 0xff,
  word & 0xff,
];

describe('hexWords', () => {
  it.each([
    { name: 'a 4-byte date code', hi: 0, lo: 0x20200424, wide: false, want: '20200424' },
    { name: 'an 8-byte id', hi: 0x0004a30b, lo: 0x00f0d40e, wide: true, want: '0004a30b00f0d40e' },
    { name: 'all zeros, narrow', hi: 0, lo: 0, wide: false, want: '00000000' },
    { name: 'all zeros, wide', hi: 0, lo: 0, wide: true, want: '0000000000000000' },
    { name: 'all ones', hi: 0xffffffff, lo: 0xffffffff, wide: true, want: 'ffffffffffffffff' },
  ])('formats $name', ({ hi, lo, wide, want }) => {
    expect(hexWords(hi, lo, wide)).toBe(want);
    // Again, from the memo.
    expect(hexWords(hi, lo, wide)).toBe(want);
  });

  // Far more values than memo slots, each formatted twice in a row and again later: collisions
  // and evictions must never return another value's text.
  it('gives the same text as hex of the bytes, memoised or not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff }), fc.boolean()), {
          minLength: 1,
          maxLength: 600,
        }),
        (words) => {
          for (const pass of [0, 1]) {
            for (const [hi, lo, wide] of words) {
              const want = hex(wide ? [...bytesOf(hi), ...bytesOf(lo)] : bytesOf(lo));
              expect(hexWords(wide ? hi : 0, lo, wide), `pass ${pass}`).toBe(want);
            }
          }
        },
      ),
      { numRuns: 50, seed: 3 },
    );
  });
});

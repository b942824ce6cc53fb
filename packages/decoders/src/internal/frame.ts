/**
 * Helpers for the fast paths of fixed-layout frames. Internal: users import decoders.
 */
import { isByte } from './define.js';

/** `00` ... `ff`, built on first use. */
let hexByte: string[] | undefined;

// A direct-mapped memo of recent hex ids: a device sends its id (or date code) in every uplink,
// and building the text takes several string concatenations each time.
// 256 slots of two 32-bit words each; a slot's text also says how many digits it has.
const SLOTS = 256;
let memoWords: Uint32Array | undefined;
let memoText: string[] = [];

/** The text of `lo` as 8 hex digits, most significant first. */
function hex8(lo: number): string {
  let h = hexByte;
  if (h === undefined) {
    h = hexByte = Array.from({ length: 256 }, (_, i) => (i < 16 ? '0' : '') + i.toString(16));
  }
  return (
    (h[lo >>> 24] as string) +
    (h[(lo >>> 16) & 0xff] as string) +
    (h[(lo >>> 8) & 0xff] as string) +
    (h[lo & 0xff] as string)
  );
}

/**
 * Lower-case hex of a 4-byte (`wide` false: `lo` only, 8 digits) or 8-byte (`hi` then `lo`,
 * 16 digits) big-endian value given as unsigned 32-bit words: the same text as `hex` of the
 * bytes. Memoised, so the id of a device that reports again is not rebuilt.
 */
export function hexWords(hi: number, lo: number, wide: boolean): string {
  let words = memoWords;
  if (words === undefined) {
    words = memoWords = new Uint32Array(SLOTS * 2);
    memoText = new Array<string>(SLOTS).fill('');
  }
  // Fibonacci hashing of both words into a slot.
  const slot = Math.imul(Math.imul(lo, 0x9e3779b1) ^ hi, 0x85ebca6b) >>> 24;
  const digits = wide ? 16 : 8;
  const cached = memoText[slot];
  if (
    cached?.length === digits &&
    words[slot * 2] === hi >>> 0 &&
    words[slot * 2 + 1] === lo >>> 0
  ) {
    return cached;
  }
  const text = wide ? hex8(hi) + hex8(lo) : hex8(lo);
  words[slot * 2] = hi;
  words[slot * 2 + 1] = lo;
  memoText[slot] = text;
  return text;
}

/**
 * Reads an 11-byte frame's bytes into locals, `a` and `c` passed through untouched:
 * `(a, c, b0, ..., b10) => T | undefined`.
 */
export type Frame11<A, C, T> = (
  a: A,
  c: C,
  b0: number,
  b1: number,
  b2: number,
  b3: number,
  b4: number,
  b5: number,
  b6: number,
  b7: number,
  b8: number,
  b9: number,
  b10: number,
) => T | undefined;

/**
 * The answer of `read` to the first 11 bytes of `b`: a `Uint8Array` of 11 or more bytes, or an
 * array of exactly 11 elements, each checked to be a byte as it is read (cheaper than the checked
 * path's copy into a `Uint8Array`). `undefined` for any other payload, or when `read` leaves the
 * frame to the checked path.
 */
export function frame11<A, C, T>(b: unknown, read: Frame11<A, C, T>, a: A, c: C): T | undefined {
  if (b instanceof Uint8Array) {
    if (b.length < 11) return undefined;
    return read(
      a,
      c,
      b[0] as number,
      b[1] as number,
      b[2] as number,
      b[3] as number,
      b[4] as number,
      b[5] as number,
      b[6] as number,
      b[7] as number,
      b[8] as number,
      b[9] as number,
      b[10] as number,
    );
  }
  if (!Array.isArray(b) || b.length !== 11) return undefined;
  const b0: unknown = b[0];
  const b1: unknown = b[1];
  const b2: unknown = b[2];
  const b3: unknown = b[3];
  const b4: unknown = b[4];
  const b5: unknown = b[5];
  const b6: unknown = b[6];
  const b7: unknown = b[7];
  const b8: unknown = b[8];
  const b9: unknown = b[9];
  const b10: unknown = b[10];
  return isByte(b0) &&
    isByte(b1) &&
    isByte(b2) &&
    isByte(b3) &&
    isByte(b4) &&
    isByte(b5) &&
    isByte(b6) &&
    isByte(b7) &&
    isByte(b8) &&
    isByte(b9) &&
    isByte(b10)
    ? read(a, c, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10)
    : undefined;
}

/**
 * Helpers for the fast paths of fixed-layout frames. Internal: users import decoders.
 */

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

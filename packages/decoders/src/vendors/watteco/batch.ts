import type { Bytes } from '../../internal/bytes.js';
/**
 * Watteco batch report decompression ("br_uncompress"): a bit stream of series
 * (one per measured quantity) whose first sample is stored in full and whose later
 * samples are Huffman-coded deltas, with relative timestamps coded the same way.
 * Internal to the Watteco decoders.
 */
import { need, unsupported } from '../../internal/bytes.js';

// Sample type codes of the batch format, as plain constants: esbuild inlines them as numbers
// (an object of names would be shipped and read per sample).
/** Sample type: unsigned 8-bit. */
export const U8 = 4;
/** Sample type: unsigned 16-bit. */
export const U16 = 6;
/** Sample type: signed 16-bit. */
export const I16 = 7;
/** Sample type: unsigned 32-bit. */
export const U32 = 10;

/**
 * A sample type code: 1 bool, 2 u4, 3 i4, 4 u8, 5 i8, 6 u16, 7 i16, 8 u24, 9 i24, 10 u32,
 * 11 i32. The format's 32-bit float (12) is not read: no supported device has a float series,
 * and reading one would ship float decoding in every Watteco bundle.
 */
export type SampleType = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11;

/** Bits per sample type code (index 0 unused). */
const SAMPLE_BITS = [0, 1, 4, 4, 8, 8, 16, 16, 24, 24, 32, 32];

/**
 * One series a device can put in a batch: its tag, the variable name, the sample type, the delta
 * resolution, and the divisor of the decoded value. A tuple: a device's layout is a short table.
 */
export type BatchSeries = readonly [
  tag: number,
  name: string,
  type: SampleType,
  resolution: number,
  divide: number,
];

/** A decoded batch sample. */
export interface BatchSample {
  variable: string;
  value: number;
  /** Absolute time, ISO 8601 UTC. */
  date: string;
}

// Huffman tables indexed by the coded value "bi". Each code is stored with a leading 1 bit above
// its own bits ((1 << size) | code), so that one number holds both and a code read bit by bit
// the same way can be looked up with indexOf.
const HUFFMAN_0 = [4, 5, 7, 13, 25, 49, 97, 193, 385, 1536, 3074, 3075, 3076, 3077, 3078, 3079];
const HUFFMAN: readonly (readonly number[])[] = [
  HUFFMAN_0,
  [239, 58, 28, 11, 15, 6, 4, 10, 118, 955, 953, 1909, 1908, 1904, 3811, 3810],
  // Table 2 is table 0 with its first five codes reordered.
  [25, 13, 4, 5, 7, ...HUFFMAN_0.slice(5)],
];

const MAX_HUFFMAN_INDEX = 14;

/** 2 ** n for the bit positions a sample can have. */
const POW2 = /* @__PURE__ */ Array.from({ length: 64 }, (_, n) => 2 ** n);

interface Point {
  t: number;
  v: number;
}

interface Series {
  points: Point[];
  codingType: number;
  codingTable: number;
}

/**
 * Decompresses a Watteco batch report into samples with absolute dates, the
 * uplink's receive time being the batch's own timestamp.
 */
export function uncompressBatch(
  bytes: Bytes,
  tagSize: number,
  layout: readonly BatchSeries[],
  received: Date,
): BatchSample[] {
  let pos = 0;
  const bit = (at: number): number => {
    need(bytes, at >> 3, 1);
    return ((bytes[at >> 3] as number) >> (at & 7)) & 1;
  };
  /**
   * Reads a sample: the first (bits mod 8) bits fill the most significant byte,
   * each following 8 bits the next lower byte, every byte least significant bit first.
   */
  const sample = (type: number, bitsOverride?: number): number => {
    const bits = bitsOverride || (SAMPLE_BITS[type] as number);
    let value = 0;
    for (let n = bits % 8 || 8, w = bits - n; w >= 0; w -= 8, n = 8) {
      for (let k = 0; k < n; k++) if (bit(pos++) === 1) value += POW2[w + k] as number;
    }
    // i4, i8, i16 and i24 are sign-extended; i32 (11) is not, as in the reference decoder.
    return (type & 1) === 1 && type > 1 && type < 11 && value >= 2 ** (bits - 1)
      ? value - 2 ** bits
      : value;
  };
  /** Reads one Huffman-coded index, the code growing one bit at a time, most significant first. */
  const huffman = (table: number): number => {
    const codes = HUFFMAN[table];
    if (codes === undefined) throw unsupported('Huffman table', table, pos >> 3);
    let code = 2 | bit(pos);
    for (let size = 2; size < 12; size++) {
      code = (code << 1) | bit(pos + size - 1);
      const index = codes.indexOf(code);
      if (index >= 0) {
        pos += size;
        return index;
      }
    }
    throw unsupported('Huffman code', code, pos >> 3);
  };
  const nextTimestamp = (base: number, bi: number): number => {
    if (bi > MAX_HUFFMAN_INDEX) return sample(U32);
    if (bi > 0) return sample(U32, bi) + base + 2 ** bi - 1;
    return base;
  };
  const timestampFrom = (base: number): number =>
    base ? nextTimestamp(base, huffman(1)) : sample(U32);
  /** The next value of a series: a full sample, the previous one, or a coded delta from it. */
  const nextValue = (s: Series, spec: BatchSeries, previous: number, bi: number): number => {
    if (bi > MAX_HUFFMAN_INDEX) return sample(spec[2]);
    if (bi === 0) return previous;
    const raw = sample(U16, bi);
    // Coding 0: a signed delta of bi bits; 1: an increase, 2-3: a decrease, both offset by the
    // smallest magnitude bi bits code.
    const delta =
      s.codingType === 0 ? (raw >= 2 ** (bi - 1) ? raw : raw + 1 - 2 ** bi) : raw + 2 ** bi - 1;
    return s.codingType > 1 ? previous - delta * spec[3] : delta * spec[3] + previous;
  };

  const flag = sample(U8);
  const commonTimestamp = (flag & 0x02) !== 0;
  const hasSample = (flag & 0x04) === 0;
  const typeCount = flag >> 4;
  sample(U8, 4); // batch counter and a reserved bit

  const series = new Map<number, Series>();
  const indexOf = (tag: number): number => {
    const i = layout.findIndex((s) => s[0] === tag);
    if (i < 0) throw unsupported('series tag', tag, pos >> 3);
    return i;
  };
  /** The series of the next tag, which the batch header must have declared. */
  const nextSeries = (): [Series, BatchSeries] => {
    const i = indexOf(sample(U8, tagSize));
    const s = series.get(i);
    if (s === undefined)
      throw unsupported('series tag', i, pos >> 3, 'the header has no such series');
    return [s, layout[i] as BatchSeries];
  };

  let last = 0;
  let firstIndex = 0;
  for (let k = 0; k < typeCount; k++) {
    const i = indexOf(sample(U8, tagSize));
    if (k === 0) firstIndex = i;
    last = timestampFrom(last);
    const s: Series = {
      points: [{ t: last, v: sample((layout[i] as BatchSeries)[2]) }],
      codingType: 0,
      codingTable: 0,
    };
    if (hasSample) {
      s.codingType = sample(U8, 2);
      s.codingTable = sample(U8, 2);
    }
    series.set(i, s);
  }

  if (hasSample) {
    // A common-timestamp batch codes one time list for all series, then per series and time a
    // presence bit and the value; otherwise each series codes its own count, times and values.
    let count = 0;
    let coding = 0;
    const times: number[] = [];
    if (commonTimestamp) {
      count = sample(U8, 8);
      coding = sample(U8, 2);
      for (let n = 0; n < count; n++) {
        const bi = huffman(coding);
        let t: number;
        if (bi > MAX_HUFFMAN_INDEX) t = sample(U32);
        else if (n === 0) {
          const first = series.get(firstIndex);
          if (first === undefined) throw unsupported('series tag', firstIndex, pos >> 3);
          t = (first.points[0] as Point).t;
        } else t = nextTimestamp(times[n - 1] as number, bi);
        times.push(t);
        last = t;
      }
    }
    for (let k = 0; k < typeCount; k++) {
      const [s, spec] = nextSeries();
      if (!commonTimestamp) {
        count = sample(U8, 8);
        if (count > 0) coding = sample(U8, 2);
      }
      // With common timestamps, the first unchanged value is the one taken from the header.
      let skipFirstZero = commonTimestamp;
      for (let n = 0; n < count; n++) {
        if (commonTimestamp && sample(U8, 1) === 0) continue;
        const prev = s.points.at(-1) as Point;
        const t = commonTimestamp ? (times[n] as number) : nextTimestamp(prev.t, huffman(coding));
        if (!commonTimestamp && t > last) last = t;
        const bi = huffman(s.codingTable);
        if (bi === 0 && skipFirstZero) {
          skipFirstZero = false;
          continue;
        }
        s.points.push({ t, v: nextValue(s, spec, prev.v, bi) });
      }
    }
  }

  const batchTime = timestampFrom(last);
  const out: BatchSample[] = [];
  layout.forEach((spec, i) => {
    for (const p of series.get(i)?.points ?? []) {
      out.push({
        variable: spec[1],
        value: spec[4] ? p.v / spec[4] : p.v,
        date: new Date(received.getTime() - (batchTime - p.t) * 1000).toISOString(),
      });
    }
  });
  return out;
}

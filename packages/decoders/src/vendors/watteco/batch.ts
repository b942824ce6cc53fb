import type { Bytes } from '../../internal/bytes.js';
/**
 * Watteco batch report decompression ("br_uncompress"): a bit stream of series
 * (one per measured quantity) whose first sample is stored in full and whose later
 * samples are Huffman-coded deltas, with relative timestamps coded the same way.
 * Internal to the Watteco decoders.
 */
import { f32FromBits, PayloadError } from '../../internal/bytes.js';

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
/** Sample type: 32-bit float. */
export const FLOAT = 12;

/**
 * A sample type code: 1 bool, 2 u4, 3 i4, 4 u8, 5 i8, 6 u16, 7 i16, 8 u24, 9 i24, 10 u32,
 * 11 i32, 12 float.
 */
export type SampleType = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12;

/** Bits per sample type code (index 0 unused). */
const SAMPLE_BITS = [0, 1, 4, 4, 8, 8, 16, 16, 24, 24, 32, 32, 32];

/**
 * Whether values of the type are sign-extended: i4, i8, i16 and i24 (3, 5, 7, 9). i32 (11) is
 * not, as in the reference decoder.
 */
const signed = (type: number): boolean => (type & 1) === 1 && type > 1 && type < 11;

/** One series a device can put in a batch: its tag, type, delta resolution and scaling. */
export interface BatchSeries {
  tag: number;
  type: SampleType;
  resolution: number;
  /** The decoded value is divided by this. */
  divide: number;
  name: string;
}

/** A decoded batch sample. */
export interface BatchSample {
  variable: string;
  value: number;
  /** Absolute time, ISO 8601 UTC. */
  date: string;
}

// Huffman tables (size in bits, code) indexed by the coded value "bi".
type Code = readonly [size: number, code: number];
const HUFFMAN_0: readonly Code[] = [
  [2, 0x000],
  [2, 0x001],
  [2, 0x003],
  [3, 0x005],
  [4, 0x009],
  [5, 0x011],
  [6, 0x021],
  [7, 0x041],
  [8, 0x081],
  [10, 0x200],
  [11, 0x402],
  [11, 0x403],
  [11, 0x404],
  [11, 0x405],
  [11, 0x406],
  [11, 0x407],
];
const HUFFMAN: readonly (readonly Code[])[] = [
  HUFFMAN_0,
  [
    [7, 0x06f],
    [5, 0x01a],
    [4, 0x00c],
    [3, 0x003],
    [3, 0x007],
    [2, 0x002],
    [2, 0x000],
    [3, 0x002],
    [6, 0x036],
    [9, 0x1bb],
    [9, 0x1b9],
    [10, 0x375],
    [10, 0x374],
    [10, 0x370],
    [11, 0x6e3],
    [11, 0x6e2],
  ],
  // Table 2 is table 0 with its first five codes reordered.
  [4, 3, 0, 1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].map((i) => HUFFMAN_0[i] as Code),
];

const MAX_HUFFMAN_INDEX = 14;

/** 2 ** n for the bit positions a sample can have. */
const POW2 = /* @__PURE__ */ Array.from({ length: 64 }, (_, n) => 2 ** n);

/**
 * Per table, (code size << 12 | code) -> index, built on first use: a Map lookup per
 * candidate size instead of a scan of the table. The first entry wins, as a scan would find.
 */
const HUFFMAN_LOOKUP: Map<number, number>[] = [];

function huffmanLookup(
  table: number,
  codes: readonly (readonly [number, number])[],
): Map<number, number> {
  let lookup = HUFFMAN_LOOKUP[table];
  if (lookup === undefined) {
    lookup = new Map();
    for (let i = 0; i < codes.length; i++) {
      const [size, code] = codes[i] as readonly [number, number];
      const key = (size << 12) | code;
      if (!lookup.has(key)) lookup.set(key, i);
    }
    HUFFMAN_LOOKUP[table] = lookup;
  }
  return lookup;
}

class BitReader {
  private pos = 0;

  constructor(private readonly bytes: Bytes) {}

  private bit(pos: number): number {
    if (pos >= this.bytes.length * 8) {
      throw new PayloadError(
        `batch report ends early: bit ${pos} needed, payload has ${this.bytes.length * 8} bits`,
        pos >> 3,
      );
    }
    return ((this.bytes[pos >> 3] as number) >> (pos & 7)) & 1;
  }

  /**
   * Reads a sample: the first (bits mod 8) bits fill the most significant byte,
   * each following 8 bits the next lower byte, every byte least significant bit first.
   */
  sample(type: SampleType, bitsOverride?: number): number {
    const bits = bitsOverride || (SAMPLE_BITS[type] as number);
    let src = this.pos;
    this.pos += bits;
    let value = 0;
    let nbytes = Math.trunc((bits - 1) / 8) + 1;
    let fromByte = bits % 8 || 8;
    while (nbytes > 0) {
      for (let k = 0; k < fromByte; k++) {
        if (this.bit(src) === 1) value += POW2[(nbytes - 1) * 8 + k] as number;
        src += 1;
      }
      nbytes -= 1;
      fromByte = 8;
    }
    if (signed(type) && value >= 2 ** (bits - 1)) value -= 2 ** bits;
    if (type === FLOAT) return f32FromBits(value);
    return value;
  }

  /** Reads one Huffman-coded index from the given table. */
  huffman(table: number): number {
    const codes = HUFFMAN[table];
    if (codes === undefined) throw new PayloadError(`unknown Huffman table ${table}`);
    const lookup = huffmanLookup(table, codes);
    // The code grows one bit at a time, read most significant first.
    let pattern = this.bit(this.pos);
    for (let size = 2; size < 12; size++) {
      pattern = (pattern << 1) | this.bit(this.pos + size - 1);
      const index = lookup.get((size << 12) | pattern);
      if (index !== undefined) {
        this.pos += size;
        return index;
      }
    }
    throw new PayloadError(`no Huffman code of table ${table} at bit ${this.pos}`, this.pos >> 3);
  }
}

interface Point {
  t: number;
  v: number;
}

interface Series {
  points: Point[];
  codingType: number;
  codingTable: number;
}

function nextTimestamp(r: BitReader, base: number, bi: number): number {
  if (bi > MAX_HUFFMAN_INDEX) return r.sample(U32);
  if (bi > 0) return r.sample(U32, bi) + base + 2 ** bi - 1;
  return base;
}

function timestampFrom(r: BitReader, base: number): number {
  if (base) return nextTimestamp(r, base, r.huffman(1));
  return r.sample(U32);
}

function deltaValue(r: BitReader, previous: number, s: Series, resolution: number, bi: number) {
  const raw = r.sample(U16, bi);
  if (s.codingType === 0) {
    return raw >= 2 ** (bi - 1)
      ? raw * resolution + previous
      : (raw + 1 - 2 ** bi) * resolution + previous;
  }
  if (s.codingType === 1) return (raw + 2 ** bi - 1) * resolution + previous;
  return previous - (raw + 2 ** bi - 1) * resolution;
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
  const r = new BitReader(bytes);
  const flag = r.sample(U8);
  const commonTimestamp = (flag & 0x02) !== 0;
  const hasSample = (flag & 0x04) === 0;
  const typeCount = flag >> 4;
  r.sample(U8, 3); // batch counter
  r.sample(U8, 1);

  const series = new Map<number, Series>();
  const indexOf = (tag: number): number => {
    const i = layout.findIndex((s) => s.tag === tag);
    if (i < 0) throw new PayloadError(`batch report names unknown series tag ${tag}`);
    return i;
  };
  const seriesAt = (i: number): Series => {
    const s = series.get(i);
    if (s === undefined)
      throw new PayloadError(`batch report has samples for series ${i} without a header`);
    return s;
  };

  let last = 0;
  let firstIndex = 0;
  for (let k = 0; k < typeCount; k++) {
    const i = indexOf(r.sample(U8, tagSize));
    if (k === 0) firstIndex = i;
    last = timestampFrom(r, last);
    const s: Series = {
      points: [{ t: last, v: r.sample((layout[i] as BatchSeries).type) }],
      codingType: 0,
      codingTable: 0,
    };
    if (hasSample) {
      s.codingType = r.sample(U8, 2);
      s.codingTable = r.sample(U8, 2);
    }
    series.set(i, s);
  }

  if (hasSample) {
    if (commonTimestamp) {
      const count = r.sample(U8, 8);
      const coding = r.sample(U8, 2);
      const times: number[] = [];
      for (let n = 0; n < count; n++) {
        const bi = r.huffman(coding);
        let t: number;
        if (bi > MAX_HUFFMAN_INDEX) t = r.sample(U32);
        else if (n === 0) t = (seriesAt(firstIndex).points[0] as Point).t;
        else t = nextTimestamp(r, times[n - 1] as number, bi);
        times.push(t);
        last = t;
      }
      for (let k = 0; k < typeCount; k++) {
        const i = indexOf(r.sample(U8, tagSize));
        const s = seriesAt(i);
        const spec = layout[i] as BatchSeries;
        let skipFirstZero = true;
        for (let n = 0; n < count; n++) {
          if (r.sample(U8, 1) === 0) continue;
          const bi = r.huffman(s.codingTable);
          const previous = (s.points[s.points.length - 1] as Point).v;
          let v: number;
          if (bi > MAX_HUFFMAN_INDEX) v = r.sample(spec.type);
          else if (bi > 0) v = deltaValue(r, previous, s, spec.resolution, bi);
          else if (skipFirstZero) {
            // The first unchanged value is the one already taken from the header.
            skipFirstZero = false;
            continue;
          } else v = previous;
          s.points.push({ t: times[n] as number, v });
        }
      }
    } else {
      for (let k = 0; k < typeCount; k++) {
        const i = indexOf(r.sample(U8, tagSize));
        const s = seriesAt(i);
        const spec = layout[i] as BatchSeries;
        const count = r.sample(U8, 8);
        if (count === 0) continue;
        const coding = r.sample(U8, 2);
        for (let n = 0; n < count; n++) {
          const prev = s.points[s.points.length - 1] as Point;
          const t = nextTimestamp(r, prev.t, r.huffman(coding));
          if (t > last) last = t;
          const bi = r.huffman(s.codingTable);
          let v: number;
          if (bi > MAX_HUFFMAN_INDEX) v = r.sample(spec.type);
          else if (bi > 0) v = deltaValue(r, prev.v, s, spec.resolution, bi);
          else v = prev.v;
          s.points.push({ t, v });
        }
      }
    }
  }

  const batchTime = timestampFrom(r, last);
  const out: BatchSample[] = [];
  layout.forEach((spec, i) => {
    const s = series.get(i);
    if (s === undefined) return;
    for (const p of s.points) {
      out.push({
        variable: spec.name,
        value: spec.divide ? p.v / spec.divide : p.v,
        date: new Date(received.getTime() - (batchTime - p.t) * 1000).toISOString(),
      });
    }
  });
  return out;
}

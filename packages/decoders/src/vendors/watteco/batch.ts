import type { Bytes } from '../../internal/bytes.js';
/**
 * Watteco batch report decompression ("br_uncompress"): a bit stream of series
 * (one per measured quantity) whose first sample is stored in full and whose later
 * samples are Huffman-coded deltas, with relative timestamps coded the same way.
 * Internal to the Watteco decoders.
 */
import { f32FromBits, PayloadError } from '../../internal/bytes.js';

/** Sample types of the batch format. */
export const SampleType = {
  Bool: 1,
  U4: 2,
  I4: 3,
  U8: 4,
  I8: 5,
  U16: 6,
  I16: 7,
  U24: 8,
  I24: 9,
  U32: 10,
  I32: 11,
  Float: 12,
} as const;

/** One of the {@link SampleType} codes. */
export type SampleType = (typeof SampleType)[keyof typeof SampleType];

const SAMPLE_BITS: Readonly<Record<number, number>> = {
  1: 1,
  2: 4,
  3: 4,
  4: 8,
  5: 8,
  6: 16,
  7: 16,
  8: 24,
  9: 24,
  10: 32,
  11: 32,
  12: 32,
};

const SIGNED: ReadonlySet<number> = new Set([
  SampleType.I4,
  SampleType.I8,
  SampleType.I16,
  SampleType.I24,
]);

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
const HUFFMAN: readonly (readonly Code[])[] = [
  [
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
  ],
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
  [
    [4, 0x009],
    [3, 0x005],
    [2, 0x000],
    [2, 0x001],
    [2, 0x003],
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
  ],
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
    if (SIGNED.has(type) && value >= 2 ** (bits - 1)) value -= 2 ** bits;
    if (type === SampleType.Float) return f32FromBits(value);
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
  if (bi > MAX_HUFFMAN_INDEX) return r.sample(SampleType.U32);
  if (bi > 0) return r.sample(SampleType.U32, bi) + base + 2 ** bi - 1;
  return base;
}

function timestampFrom(r: BitReader, base: number): number {
  if (base) return nextTimestamp(r, base, r.huffman(1));
  return r.sample(SampleType.U32);
}

function deltaValue(r: BitReader, previous: number, s: Series, resolution: number, bi: number) {
  const raw = r.sample(SampleType.U16, bi);
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
  const flag = r.sample(SampleType.U8);
  const commonTimestamp = (flag & 0x02) !== 0;
  const hasSample = (flag & 0x04) === 0;
  const typeCount = flag >> 4;
  r.sample(SampleType.U8, 3); // batch counter
  r.sample(SampleType.U8, 1);

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
    const i = indexOf(r.sample(SampleType.U8, tagSize));
    if (k === 0) firstIndex = i;
    last = timestampFrom(r, last);
    const s: Series = {
      points: [{ t: last, v: r.sample((layout[i] as BatchSeries).type) }],
      codingType: 0,
      codingTable: 0,
    };
    if (hasSample) {
      s.codingType = r.sample(SampleType.U8, 2);
      s.codingTable = r.sample(SampleType.U8, 2);
    }
    series.set(i, s);
  }

  if (hasSample) {
    if (commonTimestamp) {
      const count = r.sample(SampleType.U8, 8);
      const coding = r.sample(SampleType.U8, 2);
      const times: number[] = [];
      for (let n = 0; n < count; n++) {
        const bi = r.huffman(coding);
        let t: number;
        if (bi > MAX_HUFFMAN_INDEX) t = r.sample(SampleType.U32);
        else if (n === 0) t = (seriesAt(firstIndex).points[0] as Point).t;
        else t = nextTimestamp(r, times[n - 1] as number, bi);
        times.push(t);
        last = t;
      }
      for (let k = 0; k < typeCount; k++) {
        const i = indexOf(r.sample(SampleType.U8, tagSize));
        const s = seriesAt(i);
        const spec = layout[i] as BatchSeries;
        let skipFirstZero = true;
        for (let n = 0; n < count; n++) {
          if (r.sample(SampleType.U8, 1) === 0) continue;
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
        const i = indexOf(r.sample(SampleType.U8, tagSize));
        const s = seriesAt(i);
        const spec = layout[i] as BatchSeries;
        const count = r.sample(SampleType.U8, 8);
        if (count === 0) continue;
        const coding = r.sample(SampleType.U8, 2);
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

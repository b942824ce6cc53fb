/**
 * Watteco batch report decompression ("br_uncompress"): a bit stream of series
 * (one per measured quantity) whose first sample is stored in full and whose later
 * samples are Huffman-coded deltas, with relative timestamps coded the same way.
 * Internal to the Watteco decoders.
 */
import { type Bytes, need, unsupported } from '../../internal/bytes.js';

/**
 * One series a device can put in a batch, its tag being its index in the device's layout: the
 * variable name, the sample size in bits (negative for a signed sample), the delta resolution,
 * and the divisor of the decoded value. The format's type codes map to sizes: 1 bool 1, 2-3 u4/i4
 * 4/-4, 4-5 u8/i8 8/-8, 6-7 u16/i16 16/-16, 8-9 u24/i24 24/-24, 10 u32 32, and 11 i32 also 32 (the
 * reference decoder does not sign-extend it). The 32-bit float (12) is not read: no supported
 * device has a float series, and reading one would ship float decoding in every Watteco bundle.
 */
export type BatchSeries = readonly [name: string, bits: number, resolution: number, divide: number];

/** A decoded sample: the variable, its value and, when known, its ISO 8601 date. */
export interface BatchSample {
  variable: string;
  value: unknown;
  date?: string;
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

/**
 * One series while decoding: its times and values, then its delta coding type and Huffman table
 * (arrays, not objects: their property names would survive minification).
 */
type Series = [times: number[], values: number[], codingType: number, codingTable: number];

// The bit reader's state: the payload and the bit position. Module state rather than closures
// over locals, which would be created anew for every batch; a batch is read synchronously, with
// no user code running, from start to end (a short payload leaves its reference here until the
// next batch).
let bytes: Bytes = [];
let pos = 0;

/**
 * Reads 1-8 bits from the one or two bytes that hold them, bits being numbered from the least
 * significant bit of each byte.
 */
function take(n: number): number {
  const i = pos >> 3;
  const e = (pos + n - 1) >> 3;
  // Two checks, so that a short payload names the first missing byte, as bit-wise reads do.
  need(bytes, i, 1);
  need(bytes, e, 1);
  const v = (((bytes[i] as number) | ((bytes[e] as number) << 8)) >> (pos & 7)) & ((1 << n) - 1);
  pos += n;
  return v;
}

/**
 * Reads a sample of `bits` bits (negative: signed): the first (bits mod 8) bits fill the most
 * significant byte, each following 8 bits the next lower byte.
 */
function sample(bits: number): number {
  const size = Math.abs(bits);
  let value = 0;
  for (let left = size, n = size % 8 || 8; left > 0; left -= n, n = 8) {
    value = value * 256 + take(n);
  }
  return bits < 0 && value >= 2 ** (size - 1) ? value - 2 ** size : value;
}

/** Reads one Huffman-coded index, the code growing one bit at a time, most significant first. */
function huffman(table: number): number {
  const codes = HUFFMAN[table];
  const at = pos >> 3;
  if (codes === undefined) throw unsupported('Huffman table', table, at);
  let code = 2 | take(1);
  for (let size = 2; size < 12; size++) {
    code = (code << 1) | take(1);
    const index = codes.indexOf(code);
    if (index >= 0) return index;
  }
  throw unsupported('Huffman code', code, at);
}

/** A time after `base`: unchanged (0), a full u32 (15), or a coded offset of bi bits. */
function nextTime(base: number, bi: number): number {
  return bi > 14 ? sample(32) : bi ? sample(bi) + base + 2 ** bi - 1 : base;
}

function timeFrom(base: number): number {
  return base ? nextTime(base, huffman(1)) : sample(32);
}

/**
 * Decompresses a Watteco batch report into `{ samples, <variable>: latest value }`, the
 * uplink's receive time being the batch's own timestamp.
 */
export function uncompressBatch(
  payload: Bytes,
  tagSize: number,
  layout: readonly BatchSeries[],
  received: Date,
): { samples: BatchSample[]; [variable: string]: unknown } {
  bytes = payload;
  pos = 0;
  const flag = take(8);
  const common = (flag & 0x02) !== 0;
  const hasSample = (flag & 0x04) === 0;
  const typeCount = flag >> 4;
  take(4); // batch counter and a reserved bit

  // Indexed by tag; forEach skips the tags the batch does not hold.
  const series: Series[] = [];
  let last = 0;
  let firstIndex = 0;
  for (let k = 0; k < typeCount; k++) {
    const i = take(tagSize);
    const spec = layout[i];
    if (spec === undefined) throw unsupported('series tag', i, pos >> 3);
    if (k === 0) firstIndex = i;
    last = timeFrom(last);
    const v = sample(spec[1]);
    series[i] = [[last], [v], hasSample ? take(2) : 0, hasSample ? take(2) : 0];
  }

  if (hasSample) {
    // A common-timestamp batch codes one time list for all series, then per series and time a
    // presence bit and the value; otherwise each series codes its own count, times and values.
    let count = 0;
    let coding = 0;
    const times: number[] = [];
    if (common) {
      count = take(8);
      coding = take(2);
      // The first time is the first header series' own (none when the header declares none).
      const first = series[firstIndex]?.[0][0];
      for (let n = 0; n < count; n++) {
        const bi = huffman(coding);
        if (bi <= 14 && n === 0 && first === undefined) {
          throw unsupported('series tag', firstIndex, pos >> 3);
        }
        last = bi > 14 ? sample(32) : n ? nextTime(times[n - 1] as number, bi) : (first as number);
        times.push(last);
      }
    }
    for (let k = 0; k < typeCount; k++) {
      const i = take(tagSize);
      const s = series[i];
      // A tag the header did not declare (the device's own tags included).
      if (s === undefined) throw unsupported('series tag', i, pos >> 3);
      const [ts, vs, codingType, codingTable] = s;
      const [, bits, resolution] = layout[i] as BatchSeries;
      if (!common) {
        count = take(8);
        if (count > 0) coding = take(2);
      }
      // With common timestamps, the first unchanged value is the one taken from the header.
      let skipFirstZero = common;
      for (let n = 0; n < count; n++) {
        if (common && take(1) === 0) continue;
        const prev = vs[vs.length - 1] as number;
        const t = common
          ? (times[n] as number)
          : nextTime(ts[ts.length - 1] as number, huffman(coding));
        if (!common && t > last) last = t;
        const bi = huffman(codingTable);
        if (bi === 0 && skipFirstZero) {
          skipFirstZero = false;
          continue;
        }
        let v = prev;
        if (bi > 14) v = sample(bits);
        else if (bi) {
          const raw = sample(bi);
          // Coding 0: a signed delta of bi bits; 1: an increase, 2-3: a decrease, both offset by
          // the smallest magnitude bi bits code.
          const delta =
            codingType === 0 ? (raw >= 2 ** (bi - 1) ? raw : raw + 1 - 2 ** bi) : raw + 2 ** bi - 1;
          v = codingType > 1 ? prev - delta * resolution : delta * resolution + prev;
        }
        ts.push(t);
        vs.push(v);
      }
    }
  }

  const batchTime = timeFrom(last);
  // The reading is over: let the payload go, then run the one call that may be user code.
  bytes = [];
  const base = received.getTime() - batchTime * 1000;
  const samples: BatchSample[] = [];
  const out: { samples: BatchSample[]; [variable: string]: unknown } = { samples };
  series.forEach(([ts, vs], i) => {
    const [variable, , , divide] = layout[i] as BatchSeries;
    // Each series has a variable of its own, whose latest value becomes a top-level key. Dates
    // are whole seconds from the one receive time, so the latest is the greatest time (the
    // first of equal times wins).
    let latest = -1;
    ts.forEach((t, n) => {
      const value = (vs[n] as number) / divide;
      samples.push({ variable, value, date: new Date(base + t * 1000).toISOString() });
      if (t > latest) {
        latest = t;
        out[variable] = value;
      }
    });
  });
  return out;
}

/**
 * Kamstrup decoders. The flowIQ 2200 sends wireless M-Bus application data (EN 13757-3)
 * inside the LoRaWAN payload: a transport header (CI field 0x78, 0x7A or 0x72), then
 * data records, some holding an inverse compact profile (EN 13757-3 Annex F) of
 * historic values relative to a base record.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/kamstrup.js';
import type { Bytes } from '../internal/bytes.js';
import { need, unsupported } from '../internal/bytes.js';
import { defineDecoder, findInfo } from '../internal/define.js';
import type { DecodeUplinkResult, DeviceDecoder } from '../types.js';

/** One decoded M-Bus value; keys follow the Kamstrup `mbusparser` TTN codec. */
export interface MbusValue {
  /** Quantity, prefixed by `Max `/`Min `/`Error state ` and orthogonal VIFE text. */
  Type: string;
  /** Scaled value; `null` when the meter marked it invalid. */
  Value: number | boolean | null;
  /** Unit text (`m3`, `m3/h`, `C`, `NA`), or `Invalid` for an invalid value. */
  Unit: string;
  /** Meter time of the value (ISO 8601 without zone), `null` when the frame has none. */
  Timestamp: string | null;
}

/** Decoded flowIQ 2200 uplink. */
export interface Flowiq2200Data {
  values: MbusValue[];
  /** The last plain volume record of the frame, m³. */
  latestVolume?: number;
}

/** How a record's bytes are read (EN 13757-3 data types; BCD, type A, goes by the DIF). */
type Conversion = 'B' | 'C' | 'D' | 'F' | 'G';
/** Every field always present, so that all records share one object shape. */
interface Vib {
  type: string;
  unit: string;
  resolution: number;
  conversion: Conversion;
}

/** The orthogonal VIFEs the decoder reads: inverse compact profile and reverse. */
const PROFILE = 0x13;
const REVERSE = 0x3c;

const vibOf = (type: string, unit: string, resolution: number, conversion: Conversion): Vib => ({
  type,
  unit,
  resolution,
  conversion,
});

/** [VIF with the exponent bits clear, exponent bit mask, quantity, unit, exponent bias]. */
const PRIMARY: readonly (readonly [number, number, string, string, number])[] = [
  [0x10, 0x07, 'Volume', 'm3', 6],
  [0x38, 0x07, 'Volume flow', 'm3/h', 6],
  [0x58, 0x03, 'Flow temperature', 'C', 3],
  [0x64, 0x03, 'External temperature', 'C', 3],
];

function primaryVif(vif: number): Vib | undefined {
  for (const [base, mask, type, unit, bias] of PRIMARY) {
    if ((vif & ~mask) === base) return vibOf(type, unit, 10 ** ((vif & mask) - bias), 'B');
  }
  if (vif === 0x6c) return vibOf('Date/time', 'NA', 1, 'G');
  if (vif === 0x6d) return vibOf('Date/time', 'NA', 1, 'F');
  return undefined;
}

/**
 * Kamstrup's manufacturer-specific VIFEs (after VIF 0xff): quantity and data type. Decimal keys
 * (the linter's rule for number keys), the hex code beside each.
 */
const MANUFACTURER: Readonly<Record<number, readonly [string, Conversion]>> = {
  37: ['Infocode', 'D'], // 0x25
  28: ['ALD last day', 'C'], // 0x1c
  22: ['Module type/config number', 'C'], // 0x16
  27: ['ALD', 'C'], // 0x1b
};

const INFOCODES = [
  'Dry',
  'Reverse',
  'Leak',
  'Burst',
  'Tamper',
  'Low Battery',
  'Low Ambient Temperature',
  'High Ambient Temperature',
];

/** The VIB from its first two bytes (`second` is -1 when the VIF has no extension). */
function parseVib(first: number, second: number): Vib | undefined {
  if (first === 0xff) {
    const known = MANUFACTURER[second];
    return known && vibOf(known[0], 'NA', 1, known[1]);
  }
  if (first < 0x80) return primaryVif(first);
  // An extended VIF is read only with the orthogonal VIFEs compact profile (0x13) or reverse.
  return second === PROFILE || second === REVERSE ? primaryVif(first & 0x7f) : undefined;
}

function readUintLE(raw: Bytes, at: number, size: number): number {
  let v = 0;
  for (let i = size - 1; i >= 0; i--) v = v * 256 + (raw[at + i] ?? 0);
  return v;
}

// 2 ** (8 * size) for sizes 0-8 from a table: a power per value read showed in profiles.
const RANGE = /* @__PURE__ */ Array.from({ length: 9 }, (_, size) => 2 ** (8 * size));

/** Type B: signed binary; the most negative value marks "invalid". */
function typeB(raw: Bytes, at: number, size: number): number | undefined {
  const u = readUintLE(raw, at, size);
  const range = RANGE[size] as number;
  const half = range / 2;
  if (u === half) return undefined;
  return u >= half ? u - range : u;
}

/** Type C: unsigned binary; all ones marks "invalid". */
function typeC(raw: Bytes, at: number, size: number): number | undefined {
  const u = readUintLE(raw, at, size);
  return u === (RANGE[size] as number) - 1 ? undefined : u;
}

/** Type A: BCD, least significant byte first; a nibble above 9 marks "invalid". */
function typeA(raw: Bytes, at: number, size: number): number | undefined {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < size; i++) {
    const b = raw[at + i] ?? 0;
    const lo = b & 0x0f;
    const hi = b >> 4;
    if (lo > 9 || hi > 9) return undefined;
    v += lo * mul + hi * mul * 10;
    mul *= 100;
  }
  return v;
}

/**
 * Types G (CP16, date), F (CP32, date and time) and I (CP48, date and time with seconds): the
 * day and month bytes close each layout (year bits in their top bits); F and I put the minute
 * and hour bytes before them, I a seconds byte first. F alone has century bits (1900-based).
 * An invalid date is all ones (G) or has the minute byte's top bit set (F, I).
 */
function meterDate(raw: Bytes, at: number, size: number): Date | undefined {
  const day = raw[at + size - 2] as number;
  const month = raw[at + size - 1] as number;
  let year = 2000;
  let hour = 0;
  let minute = 0;
  if (size === 2) {
    if (day === 0xff && month === 0xff) return undefined;
  } else {
    minute = raw[at + size - 4] as number;
    hour = raw[at + size - 3] as number;
    if ((minute & 0x80) !== 0) return undefined;
    if (size === 4) year = 1900 + ((hour >> 5) & 0x03) * 100;
  }
  year += ((day >> 5) & 0x07) + ((month >> 4) << 3);
  const second = size === 6 ? (raw[at] as number) & 0x3f : 0;
  return new Date(
    Date.UTC(year, (month & 0x0f) - 1, day & 0x1f, hour & 0x1f, minute & 0x3f, second),
  );
}

/**
 * An inverse compact profile: its control byte (increment mode in bits 6-7, spacing unit in bits
 * 4-5), its spacing value and its deltas (undefined where invalid).
 */
interface Profile {
  control: number;
  spacing: number;
  values: (number | undefined)[];
}

interface MbusRecord {
  storage: number;
  vib: Vib;
  data: number | Date | undefined;
  profile: Profile | undefined;
}

/**
 * Size in bytes of each DIF data field code; codes 0x9-0xe are BCD. 0x5 (32-bit real) is read as
 * 4 bytes; 0x8 (selection for readout) has no data; 0xd (variable length) and 0xf (special
 * function) are handled apart.
 */
const FUNCTION_PREFIX = ['', 'Max ', 'Min ', 'Error state '];

const DATA_SIZE = [0, 1, 2, 3, 4, 4, 6, 8, 0, 1, 2, 3, 4, 0, 6, 0];

function readValue(raw: Bytes, at: number, size: number, bcd: boolean, conversion: Conversion) {
  if (bcd) return typeA(raw, at, size);
  if (conversion === 'B') return typeB(raw, at, size);
  if (conversion === 'C') return typeC(raw, at, size);
  if (conversion === 'D') return readUintLE(raw, at, size);
  // G: two bytes whatever the data field says, as the reference codec reads them.
  if (conversion === 'G') return meterDate(raw, at, 2);
  return size === 4 || size === 6 ? meterDate(raw, at, size) : undefined;
}

/**
 * Parses the transport header and the data records. A frame the decoder cannot read throws a
 * `PayloadError` at the offending byte (`defineDecoder` turns it into `{ errors }`).
 */
function parseRecords(raw: Bytes): MbusRecord[] {
  need(raw, 0, 1);
  const ci = raw[0] as number;
  // Bytes of transport header after the CI field: none, short (0x7a) or long (0x72).
  const header = ci === 0x78 ? 0 : ci === 0x7a ? 4 : ci === 0x72 ? 12 : -1;
  if (header < 0) throw unsupported('CI field', ci, 0);
  need(raw, 1, header);
  // The configuration word closes the header; its mode bits say whether the data is encrypted.
  const config = header > 0 ? readUintLE(raw, header - 1, 2) : 0;
  if ((config & 0x1f00) !== 0) {
    throw unsupported('TPL configuration', config, header - 1, 'turn off encryption on the meter');
  }

  const records: MbusRecord[] = [];
  let i = header + 1;
  while (i < raw.length) {
    const at = i;
    let dif = raw[i++] as number;
    if (dif === 0x2f) continue; // filler byte
    if (dif === 0x0f || dif === 0x1f || dif === 0x7f) {
      throw unsupported('DIF', dif, at);
    }
    const dataField = dif & 0x0f;
    let storage = (dif & 0x40) >> 6;
    let shift = 1;
    while ((dif & 0x80) !== 0 && i < raw.length) {
      dif = raw[i++] as number;
      storage += (dif & 0x0f) * 2 ** shift;
      shift += 4;
    }
    need(raw, i, 1);
    const vifAt = i;
    let vifByte = raw[i++] as number;
    const first = vifByte;
    let second = -1;
    while ((vifByte & 0x80) !== 0 && i < raw.length) {
      vifByte = raw[i++] as number;
      if (second === -1) second = vifByte;
    }
    const vib = parseVib(first, second);
    if (vib === undefined) throw unsupported('VIF', first, vifAt);
    // The quantity's name carries the function field (max, min, error) and an orthogonal VIFE.
    // (`second` is the orthogonal VIFE of an extended VIF.)
    const ortho = first < 0x80 ? 0 : second;
    if (ortho === REVERSE) vib.type = `Reverse ${vib.type}`;
    vib.type = (FUNCTION_PREFIX[((raw[at] as number) >> 4) & 3] as string) + vib.type;

    if (dataField === 0xd) {
      need(raw, i, 1);
      const lvar = raw[i++] as number;
      need(raw, i, lvar);
      if (lvar < 3 || ortho !== PROFILE) {
        throw unsupported('LVAR', lvar, i - 1);
      }
      records.push({
        storage,
        vib,
        data: undefined,
        profile: parseProfile(raw, i, lvar),
      });
      i += lvar;
      continue;
    }
    const size = DATA_SIZE[dataField] as number;
    if (size > 6) throw unsupported('DIF', raw[at] as number, at);
    need(raw, i, size);
    records.push({
      storage,
      vib,
      data: readValue(raw, i, size, dataField > 8, vib.conversion),
      profile: undefined,
    });
    i += size;
  }
  return records;
}

function parseProfile(raw: Bytes, at: number, size: number): Profile {
  const control = raw[at] as number;
  const elementSize = control & 0x0f;
  const incMode = (control >> 6) & 0x03;
  if (elementSize < 1 || elementSize > 4 || incMode === 0) {
    throw unsupported('profile control', control, at);
  }
  const values: (number | undefined)[] = [];
  for (let k = 0; k < size - 2; k += elementSize) {
    const o = at + 2 + k;
    values.push(incMode === 3 ? typeB(raw, o, elementSize) : typeC(raw, o, elementSize));
  }
  return { control, spacing: raw[at + 1] as number, values };
}

const STEP_MS = [1000, 60_000, 3_600_000, 86_400_000];
/** Latest time a `Date` can hold, in ms either side of the epoch. */
const MAX_TIME = 8.64e15;

/**
 * Steps a profile timestamp (epoch ms, UTC) one spacing back; NaN for an unsupported spacing
 * or a time a `Date` cannot hold. Seconds to days are fixed lengths in UTC, so plain
 * arithmetic does; only month spacings need the calendar.
 */
function stepBack(t: number, unit: number, value: number): number {
  let next = Number.NaN;
  if (value > 0 && value < 251) next = t - value * (STEP_MS[unit] as number);
  else if (value === 254 && unit >= 1) {
    const d = new Date(t);
    // Units 1-3 step 6, 3 and 1 months: 12 >> unit.
    next = d.setUTCMonth(d.getUTCMonth() - (12 >> unit));
  }
  return Math.abs(next) <= MAX_TIME ? next : Number.NaN;
}

const ID = 'kamstrup/flowiq2200';
const DAY_MS = 86_400_000;
// The date part of the last day formatted: a profile's values mostly share a day.
let lastDay = Number.NaN;
let lastDate = '';
const two = (n: number): string => (n < 10 ? '0' : '') + n;

// Recently formatted meter times, one slot per hour (mod 64): a profile's values are an hour or
// a day apart, consecutive uplinks repeat most of their hours, and meters of one network report
// the same hours, so most times have been formatted before.
const stampMs: number[] = [];
const stampText: string[] = [];

/**
 * Meter time (integer epoch ms) as ISO 8601 without a zone, the text `toISOString` gives minus
 * the `Z`. `toISOString` runs once per day for the date part; the time of day is arithmetic (a
 * smaller stand-in for the shared formatter, whose calendar code would not fit this bundle).
 */
function stamp(ms: number): string {
  const slot = Math.floor(ms / 3_600_000) & 63;
  if (stampMs[slot] === ms) return stampText[slot] as string;
  stampMs[slot] = ms;
  const day = Math.floor(ms / DAY_MS);
  if (day !== lastDay) {
    const iso = new Date(ms).toISOString();
    lastDate = iso.slice(0, -13); // up to the T: the time part is HH:MM:SS.sssZ
    lastDay = day;
  }
  const rest = ms - day * DAY_MS;
  const text = `${lastDate}${two(Math.floor(rest / 3_600_000))}:${two(Math.floor(rest / 60_000) % 60)}:${two(Math.floor(rest / 1000) % 60)}.${String((rest % 1000) + 1000).slice(1)}`;
  stampText[slot] = text;
  return text;
}

const normalize = (n: number, resolution: number): number =>
  Math.round(n * resolution * 1e10) / 1e10;

/**
 * The result for a profile whose base value or time is not in the frame. Returned, not thrown:
 * meters send such frames in normal operation, and an exception costs microseconds.
 */
const noBase = (what: string, type: string) => ({
  errors: [`${ID}: no base ${what} for the ${type} profile`],
});

/** Appends a value (a module function: a closure per decode would be built on every call). */
const push = (
  values: MbusValue[],
  Type: string,
  Value: number | boolean | null,
  Unit: string,
  Timestamp: string | null,
) => values.push({ Type, Value, Unit, Timestamp });

function decodeMbus(raw: Bytes): DecodeUplinkResult<Flowiq2200Data> {
  const records = parseRecords(raw);
  const warnings: string[] = [];
  // Meter time per storage number (epoch ms), from the plain date/time records. Storage numbers
  // are small integers, so an array indexed by them costs less than a Map.
  const times: number[] = [];
  for (const r of records) {
    if (r.vib.type !== 'Date/time') continue;
    if (r.data instanceof Date) times[r.storage] = r.data.getTime();
    else warnings.push('Invalid value among timestamps');
  }
  const values: MbusValue[] = [];
  const data: Flowiq2200Data = { values };
  for (const r of records) {
    const { type, unit, resolution } = r.vib;
    if (type === 'Date/time') continue;
    let t = times[r.storage];
    const at = t === undefined ? null : stamp(t);
    const profile = r.profile;
    if (profile === undefined) {
      const value = r.data;
      if (typeof value === 'number' && type.includes('Infocode')) {
        for (let bit = 0; bit < 8; bit++) {
          push(values, INFOCODES[bit] as string, (value & (1 << bit)) !== 0, unit, at);
        }
      } else if (typeof value !== 'number' || (type === 'ALD last day' && value === 4095)) {
        warnings.push('Invalid value among data');
        push(values, type, null, 'Invalid', at);
      } else {
        const scaled = normalize(value, resolution);
        push(values, type, scaled, unit, at);
        if (type === 'Volume') data.latestVolume = scaled;
      }
      continue;
    }
    // The plain record the deltas are relative to: same quantity (hence unit), storage and scale.
    let base: MbusRecord | undefined;
    for (const b of records) {
      if (
        b.profile === undefined &&
        b.vib.type === type &&
        b.storage === r.storage &&
        b.vib.resolution === resolution
      ) {
        base = b;
        break;
      }
    }
    if (base === undefined || typeof base.data !== 'number') return noBase('value', type);
    if (t === undefined) return noBase('time', type);
    let acc = base.data;
    for (const delta of profile.values) {
      t = stepBack(t, (profile.control >> 4) & 0x03, profile.spacing);
      if (delta === undefined || Number.isNaN(t)) {
        warnings.push('Invalid value among profile values or timestamps for profile values');
        break;
      }
      acc = profile.control >> 6 === 2 ? acc + delta : acc - delta;
      push(values, type, normalize(acc, resolution), unit, stamp(t));
    }
  }
  return warnings.length ? { data, warnings } : { data };
}

/**
 * Kamstrup flowIQ 2200 water meter (wireless M-Bus records: volume, hourly volume
 * profile, info codes, flow and temperature statistics).
 *
 * @example
 * ```ts
 * import { flowiq2200 } from '@smartcitylab/decoders/kamstrup';
 * const bytes = [0x78, 0x04, 0x13, 0xec, 0x00, 0x00, 0x00];
 * flowiq2200.decodeUplink({ bytes, fPort: 1 });
 * // { data: { values: [{ Type: 'Volume', Value: 0.236, Unit: 'm3', Timestamp: null }], latestVolume: 0.236 } }
 * ```
 */
export const flowiq2200: DeviceDecoder<Flowiq2200Data> = defineDecoder<Flowiq2200Data>(
  findInfo(catalog, ID),
  decodeMbus,
);

/**
 * All Kamstrup decoders keyed by device id.
 *
 * @example
 * ```ts
 * import { decoders } from '@smartcitylab/decoders/kamstrup';
 * decoders['kamstrup/flowiq2200']?.decodeUplink({ bytes: [0x78, 0x04, 0x13, 1, 0, 0, 0], fPort: 1 });
 * ```
 */
export const decoders = {
  'kamstrup/flowiq2200': flowiq2200,
} as const satisfies Readonly<Record<string, DeviceDecoder<unknown>>>;

export type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
export { catalog };

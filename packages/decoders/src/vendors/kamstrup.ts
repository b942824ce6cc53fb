/**
 * Kamstrup decoders. The flowIQ 2200 sends wireless M-Bus application data (EN 13757-3)
 * inside the LoRaWAN payload: a transport header (CI field 0x78, 0x7A or 0x72), then
 * data records, some holding an inverse compact profile (EN 13757-3 Annex F) of
 * historic values relative to a base record.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/kamstrup.js';
import { PayloadError } from '../internal/bytes.js';
import { defineDecoder, failure, success } from '../internal/define.js';
import type { DeviceDecoder, DeviceInfo } from '../types.js';

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

function infoOf(id: string): DeviceInfo {
  const info = catalog.find((d) => d.id === id);
  if (info === undefined) throw new PayloadError(`Kamstrup catalog has no ${id}`);
  return info;
}

type Conversion = 'A' | 'B' | 'C' | 'D' | 'F' | 'G';
interface Vib {
  type: string;
  unit: string;
  resolution: number;
  conversion: Conversion;
  ortho?: string;
  isProfile: boolean;
}
type VifEntry = Omit<Vib, 'ortho' | 'isProfile'>;

function primaryVif(vif: number): VifEntry | undefined {
  const n = vif & 0x07;
  const scaled = (type: string, unit: string, exp: number): VifEntry => ({
    type,
    unit,
    resolution: 10 ** exp,
    conversion: 'B',
  });
  if (vif >= 0x10 && vif <= 0x17) return scaled('Volume', 'm3', n - 6);
  if (vif >= 0x38 && vif <= 0x3f) return scaled('Volume flow', 'm3/h', n - 6);
  if (vif >= 0x58 && vif <= 0x5b) return scaled('Flow temperature', 'C', (vif & 0x03) - 3);
  if (vif >= 0x64 && vif <= 0x67) return scaled('External temperature', 'C', (vif & 0x03) - 3);
  if (vif === 0x6c) return { type: 'Date/time', unit: 'NA', resolution: 1, conversion: 'G' };
  if (vif === 0x6d) return { type: 'Date/time', unit: 'NA', resolution: 1, conversion: 'F' };
  return undefined;
}

const MANUFACTURER_VIFE: ReadonlyMap<number, VifEntry> = new Map([
  [0x25, { type: 'Infocode', unit: 'NA', resolution: 1, conversion: 'D' }],
  [0x1c, { type: 'ALD last day', unit: 'NA', resolution: 1, conversion: 'C' }],
  [0x16, { type: 'Module type/config number', unit: 'NA', resolution: 1, conversion: 'C' }],
  [0x1b, { type: 'ALD', unit: 'NA', resolution: 1, conversion: 'C' }],
]);

const ORTHOGONAL_VIFE: ReadonlyMap<number, string> = new Map([
  [0x13, 'Inverse Compact Profile'],
  [0x3c, 'Reverse'],
]);

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

function parseVib(vib: readonly number[]): Vib | undefined {
  const [first = 0, second = -1] = vib;
  if (first === 0xff) {
    const m = MANUFACTURER_VIFE.get(second);
    return m && { ...m, isProfile: false };
  }
  const p = primaryVif(first & 0x7f);
  if (p === undefined) return undefined;
  if ((first & 0x80) === 0) return { ...p, isProfile: false };
  const ortho = ORTHOGONAL_VIFE.get(second);
  if (ortho === undefined) return undefined;
  return { ...p, ortho, isProfile: ortho === 'Inverse Compact Profile' };
}

function readUintLE(raw: Uint8Array, at: number, size: number): number {
  let v = 0;
  for (let i = size - 1; i >= 0; i--) v = v * 256 + (raw[at + i] ?? 0);
  return v;
}

/** Type B: signed binary; the most negative value marks "invalid". */
function typeB(raw: Uint8Array, at: number, size: number): number | undefined {
  const u = readUintLE(raw, at, size);
  const half = 2 ** (8 * size - 1);
  if (u === half) return undefined;
  return u >= half ? u - 2 * half : u;
}

/** Type C: unsigned binary; all ones marks "invalid". */
function typeC(raw: Uint8Array, at: number, size: number): number | undefined {
  const u = readUintLE(raw, at, size);
  return u === 2 ** (8 * size) - 1 ? undefined : u;
}

/** Type A: BCD, least significant byte first; a nibble above 9 marks "invalid". */
function typeA(raw: Uint8Array, at: number, size: number): number | undefined {
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

/** Type F: date and time, 4 bytes (CP32). */
function typeF(raw: Uint8Array, at: number): Date | undefined {
  const d = readUintLE(raw, at, 4);
  if ((d & 0x80) !== 0) return undefined;
  const minutes = d & 0x3f;
  const hours = Math.floor(d / 2 ** 8) & 0x1f;
  const day = Math.floor(d / 2 ** 16) & 0x1f;
  const month = Math.floor(d / 2 ** 24) & 0x0f;
  const year =
    1900 +
    (Math.floor(d / 2 ** 13) & 0x03) * 100 +
    (Math.floor(d / 2 ** 21) & 0x07) +
    ((Math.floor(d / 2 ** 28) & 0x0f) << 3);
  return new Date(Date.UTC(year, month - 1, day, hours, minutes));
}

/** Type G: date, 2 bytes (CP16). */
function typeG(raw: Uint8Array, at: number): Date | undefined {
  const d = readUintLE(raw, at, 2);
  if (d === 0xffff) return undefined;
  const year = 2000 + ((d >> 5) & 0x07) + (((d >> 12) & 0x0f) << 3);
  return new Date(Date.UTC(year, ((d >> 8) & 0x0f) - 1, d & 0x1f));
}

/** Type I: date and time with seconds, 6 bytes (CP48). */
function typeI(raw: Uint8Array, at: number): Date | undefined {
  const b = (i: number): number => raw[at + i] ?? 0;
  if ((b(1) & 0x80) !== 0) return undefined;
  const year = 2000 + ((b(3) >> 5) & 0x07) + (((b(4) >> 4) & 0x0f) << 3);
  return new Date(
    Date.UTC(year, (b(4) & 0x0f) - 1, b(3) & 0x1f, b(2) & 0x1f, b(1) & 0x3f, b(0) & 0x3f),
  );
}

interface Profile {
  spacingUnit: number;
  spacingValue: number;
  incMode: number;
  values: (number | undefined)[];
}

interface MbusRecord {
  storage: number;
  functionField: number;
  vib: Vib;
  data: number | Date | undefined;
  profile?: Profile;
}

/** Size in bytes and BCD flag of each DIF data field code (LVAR handled apart). */
const DATA_FIELD: readonly [size: number, bcd: boolean][] = [
  [0, false], // 0x0 no data
  [1, false],
  [2, false],
  [3, false],
  [4, false],
  [4, false], // 0x5 32-bit real, read as 4 bytes
  [6, false],
  [8, false],
  [0, false], // 0x8 selection for readout
  [1, true],
  [2, true],
  [3, true],
  [4, true],
  [0, false], // 0xd variable length, handled apart
  [6, true],
  [0, false], // 0xf special function, handled apart
];

const invalid = (reason: string): string => `Invalid uplink payload: ${reason}`;

function readValue(raw: Uint8Array, at: number, size: number, bcd: boolean, vib: Vib) {
  if (bcd) return typeA(raw, at, size);
  switch (vib.conversion) {
    case 'B':
      return typeB(raw, at, size);
    case 'C':
      return typeC(raw, at, size);
    case 'D':
      return readUintLE(raw, at, size);
    case 'G':
      return typeG(raw, at);
    case 'F':
      if (size === 4) return typeF(raw, at);
      if (size === 6) return typeI(raw, at);
      return undefined;
    default:
      return undefined;
  }
}

/** Parses the transport header and the data records, or returns an error text. */
function parseRecords(raw: Uint8Array): MbusRecord[] | string {
  if (raw.length < 1) return invalid('Could not retrieve CI field');
  let i = 1;
  let config = 0;
  const ci = raw[0];
  if (ci === 0x7a) {
    if (raw.length < i + 4) return invalid('Could not retrieve TPL layer');
    config = readUintLE(raw, i + 2, 2);
    i += 4;
  } else if (ci === 0x72) {
    if (raw.length < i + 12) return invalid('Could not retrieve TPL layer');
    config = readUintLE(raw, i + 10, 2);
    i += 12;
  } else if (ci !== 0x78) {
    return invalid('Invalid CI in TPL layer');
  }
  if ((config & 0x1f00) !== 0) return invalid('MBus TPL encryption is not supported');

  const records: MbusRecord[] = [];
  while (i < raw.length) {
    let dif = raw[i++] as number;
    if (dif === 0x2f) continue; // filler byte
    if (dif === 0x0f || dif === 0x1f || dif === 0x7f) {
      return invalid('Unsupported special DIF function');
    }
    const dataField = dif & 0x0f;
    const functionField = (dif & 0x30) >> 4;
    let storage = (dif & 0x40) >> 6;
    let shift = 1;
    while ((dif & 0x80) !== 0 && i < raw.length) {
      dif = raw[i++] as number;
      storage += (dif & 0x0f) * 2 ** shift;
      shift += 4;
    }
    if (i >= raw.length) return invalid('Unsupported VIB');
    let vifByte = raw[i++] as number;
    const vibBytes = [vifByte];
    while ((vifByte & 0x80) !== 0 && i < raw.length) {
      vifByte = raw[i++] as number;
      vibBytes.push(vifByte);
    }
    const vib = parseVib(vibBytes);
    if (vib === undefined) return invalid('Unsupported VIB');

    if (dataField === 0xd) {
      const lvar = raw[i++];
      if (lvar === undefined || raw.length < i + lvar || lvar < 3) {
        return invalid('Not enough bytes for LVAR');
      }
      if (!vib.isProfile) {
        return invalid('LVAR that is not Inverse Compact Profile is not supported');
      }
      const profile = parseProfile(raw, i, lvar);
      if (profile === undefined) return invalid('Could not parse Inverse Compact Profile');
      records.push({ storage, functionField, vib, data: undefined, profile });
      i += lvar;
      continue;
    }
    const [size, bcd] = DATA_FIELD[dataField] ?? [0, false];
    if (raw.length < i + size || size > 6) {
      return invalid('Not enough bytes for datafield or datafield is larger than 6 bytes');
    }
    records.push({ storage, functionField, vib, data: readValue(raw, i, size, bcd, vib) });
    i += size;
  }
  return records;
}

function parseProfile(raw: Uint8Array, at: number, size: number): Profile | undefined {
  const control = raw[at] as number;
  const spacingValue = raw[at + 1] as number;
  const elementSize = control & 0x0f;
  const incMode = (control >> 6) & 0x03;
  if (elementSize < 1 || elementSize > 4 || incMode === 0) return undefined;
  const values: (number | undefined)[] = [];
  for (let k = 0; k < size - 2; k += elementSize) {
    const o = at + 2 + k;
    values.push(incMode === 3 ? typeB(raw, o, elementSize) : typeC(raw, o, elementSize));
  }
  return { spacingUnit: (control >> 4) & 0x03, spacingValue, incMode, values };
}

/** Steps a profile timestamp one spacing back; false for an unsupported spacing. */
function stepBack(t: Date, unit: number, value: number): boolean {
  if (value > 0 && value < 251) {
    if (unit === 0) t.setUTCSeconds(t.getUTCSeconds() - value);
    else if (unit === 1) t.setUTCMinutes(t.getUTCMinutes() - value);
    else if (unit === 2) t.setUTCHours(t.getUTCHours() - value);
    else t.setUTCDate(t.getUTCDate() - value);
    return true;
  }
  if (value === 254 && unit >= 1) {
    t.setUTCMonth(t.getUTCMonth() - (unit === 3 ? 1 : unit === 2 ? 3 : 6));
    return true;
  }
  return false;
}

const local = (d: Date): string => d.toISOString().replace('Z', '');
const normalize = (n: number, resolution: number): number =>
  Math.round(n * resolution * 1e10) / 1e10;
const FUNCTION_PREFIX = ['', 'Max ', 'Min ', 'Error state '];

function decodeMbus(raw: Uint8Array): { data: Flowiq2200Data; warnings: string[] } | string {
  const records = parseRecords(raw);
  if (typeof records === 'string') return records;
  const warnings: string[] = [];
  for (const r of records) {
    if (r.vib.ortho !== undefined && !r.vib.isProfile) r.vib.type = `${r.vib.ortho} ${r.vib.type}`;
    r.vib.type = (FUNCTION_PREFIX[r.functionField] ?? '') + r.vib.type;
  }
  const timestamps = new Map<number, Date>();
  for (const r of records) {
    if (r.vib.type !== 'Date/time') continue;
    if (r.data instanceof Date) timestamps.set(r.storage, r.data);
    else warnings.push('Invalid value among timestamps');
  }
  const data: Flowiq2200Data = { values: [] };
  for (const r of records) {
    const ts = timestamps.get(r.storage);
    const stamp = ts === undefined ? null : local(ts);
    if (r.vib.type === 'Date/time') continue;
    if (r.vib.type.includes('Infocode') && typeof r.data === 'number') {
      const code = r.data;
      INFOCODES.forEach((name, bit) => {
        data.values.push({
          Type: name,
          Value: (code & (1 << bit)) !== 0,
          Unit: r.vib.unit,
          Timestamp: stamp,
        });
      });
      continue;
    }
    if (r.profile === undefined) {
      let value: number | undefined = typeof r.data === 'number' ? r.data : undefined;
      if (r.vib.type === 'ALD last day' && value === 4095) value = undefined;
      if (value === undefined) {
        warnings.push('Invalid value among data');
        data.values.push({ Type: r.vib.type, Value: null, Unit: 'Invalid', Timestamp: stamp });
        continue;
      }
      const scaled = normalize(value, r.vib.resolution);
      data.values.push({ Type: r.vib.type, Value: scaled, Unit: r.vib.unit, Timestamp: stamp });
      if (r.vib.type === 'Volume') data.latestVolume = scaled;
      continue;
    }
    const profile = r.profile;
    const base = records.find(
      (b) =>
        b.profile === undefined &&
        b.vib.type === r.vib.type &&
        b.vib.unit === r.vib.unit &&
        b.storage === r.storage &&
        b.vib.resolution === r.vib.resolution,
    );
    if (base === undefined || typeof base.data !== 'number') {
      return invalid('Could not find base value for profile data');
    }
    if (ts === undefined) return invalid('Could not find base time for profile data');
    let acc = base.data;
    const t = new Date(ts.getTime());
    for (const delta of profile.values) {
      const ok = stepBack(t, profile.spacingUnit, profile.spacingValue);
      if (delta === undefined || !ok || Number.isNaN(t.getTime())) {
        warnings.push('Invalid value among profile values or timestamps for profile values');
        break;
      }
      acc = profile.incMode === 2 ? acc + delta : acc - delta;
      data.values.push({
        Type: r.vib.type,
        Value: normalize(acc, r.vib.resolution),
        Unit: r.vib.unit,
        Timestamp: local(t),
      });
    }
  }
  return { data, warnings };
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
  infoOf('kamstrup/flowiq2200'),
  (bytes) => {
    const result = decodeMbus(bytes);
    if (typeof result === 'string') return failure(`kamstrup/flowiq2200: ${result}`);
    return success(result.data, result.warnings);
  },
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
export const decoders: Readonly<Record<string, DeviceDecoder<unknown>>> = {
  'kamstrup/flowiq2200': flowiq2200,
};

export type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
export { catalog };

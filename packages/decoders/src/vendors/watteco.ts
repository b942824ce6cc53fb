/**
 * Watteco decoders. Watteco sensors speak ZCL on fPort 125: a "standard report"
 * (first byte odd) carries one cluster attribute, a "batch report" (first byte
 * even) carries compressed series of samples with relative timestamps. Both
 * decode to `samples` (`{ variable, value, date }`) plus, per variable, its
 * latest value as a top-level key, as the Watteco driver does.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/watteco.js';
import type { Bytes } from '../internal/bytes.js';
import { need, PayloadError, u8, u16be, unsupported } from '../internal/bytes.js';
import type { DecodeUplinkResult, DeviceDecoder, DeviceInfo } from '../types.js';
import { type BatchSeries, uncompressBatch } from './watteco/batch.js';

/** One decoded sample. */
export interface WattecoSample {
  variable: string;
  value: unknown;
  /** ISO 8601 time: the uplink's receive time for standard reports, computed for batches. */
  date?: string;
}

/** Decoded Watteco uplink: the samples, plus the latest value of each variable by name. */
export interface WattecoData {
  samples: WattecoSample[];
  [variable: string]: unknown;
}

const hex4 = (n: number): string => `0x${n.toString(16).toUpperCase().padStart(4, '0')}`;
const i16be = (b: Bytes, at: number): number => (u16be(b, at) << 16) >> 16;

/**
 * The attributes Watteco sensors report, as one string that minifies and compresses better than
 * a table of objects and functions. Per attribute, separated by commas: the ZCL cluster and
 * attribute ids (8 hex digits), a reader code and the value name, then, for a quantity a device
 * measures on several endpoints, its name in reports per endpoint, all space-separated. Reader
 * codes: t text, b boolean, f firmware version, l u32, p power source voltages (several values,
 * no name), u u16, s i16, h i16 / 100, c u16 / 100, m message type, r u8, a automatic
 * association, d data rate.
 */
const ATTRIBUTES =
  '00000002 f firmware,00000003 t kernel,00000004 t manufacturer,00000005 t model,' +
  '00000006 t date,00000010 t position,00008001 t application_name,' +
  '000f0055 b pin_state violation_detection,000f0402 l index,00500006 p,' +
  '04000000 u illuminance,04020000 h temperature temperature_1 temperature_2,' +
  '04020001 h min_temperature,04020002 h max_temperature,04030000 s pressure,' +
  '04050000 c humidity humidity_1 humidity_2,04050001 c min_humidity,' +
  '04050002 c max_humidity,04060000 b occupancy,80040000 m message_type,' +
  '80040001 r nb_retry,80040002 a automatic_association,80040003 d data_rate,' +
  '800c0000 u concentration IAQ CO2';

/**
 * `cluster * 65536 + attribute` -> [ids, reader code, value name, name in reports from endpoint 0,
 * from endpoint 1...]; built on first use.
 */
let attributes: Map<number, string[]> | undefined;

const POWER_SOURCES = [
  'main_or_external',
  'rechargeable_battery',
  'disposable_battery',
  'solar_harvesting',
  'tic_harvesting',
];

/**
 * Value readers by reader code; `at` is the first value byte (`at - 1` is its type). The LoRaWAN
 * cluster's message type is 0/1 only (another value is no known value).
 */
const READERS: Readonly<Record<string, (b: Bytes, at: number) => unknown>> = {
  t: (b, at) => {
    let s = '';
    for (let i = 1, n = u8(b, at); i <= n; i++) s += String.fromCharCode(u8(b, at + i));
    return s;
  },
  b: (b, at) => u8(b, at) !== 0,
  f: (b, at) =>
    `${u8(b, at)}.${u8(b, at + 1)}.${u8(b, at + 2)}.${u8(b, at + 3) * 65536 + u16be(b, at + 4)}`,
  l: (b, at) => {
    need(b, at, 4);
    return u16be(b, at) * 65536 + u16be(b, at + 2);
  },
  u: u16be,
  s: i16be,
  h: (b, at) => i16be(b, at) / 100,
  c: (b, at) => u16be(b, at) / 100,
  m: (b, at) => ['unconfirmed', 'confirmed'][u8(b, at)],
  r: u8,
  a: (b, at) => ({ period_in_minutes: u16be(b, at + 1), nb_err_frames: u16be(b, at + 3) }),
  d: (b, at) => u8(b, at + 2),
};

/**
 * Adds a sample; the first sample of a variable is its latest, all having the same date.
 * Variable names come from this module's tables, never `samples` or `__proto__`.
 */
function add(data: WattecoData, date: string | undefined, variable: string, value: unknown): void {
  data.samples.push(date === undefined ? { variable, value } : { variable, value, date });
  data[variable] ??= value;
}

/**
 * Decodes a standard (ZCL) report into samples, all with the same date, so that the first
 * sample of a variable is its latest; a frame it cannot read throws a PayloadError.
 */
function decodeStandard(bytes: Bytes, date: string | undefined): DecodeUplinkResult<WattecoData> {
  const b0 = u8(bytes, 0);
  const endpoint = ((b0 & 0xe0) >> 5) | ((b0 & 0x06) << 2);
  const cmd = u8(bytes, 1);
  const cluster = u16be(bytes, 2);
  const samples: WattecoSample[] = [];
  const data: WattecoData = { samples };
  // Configure reporting response
  if (cmd === 7) {
    const params = u8(bytes, 5);
    add(data, date, 'configure_reporting_response', {
      clustID: hex4(cluster),
      attID: hex4(u16be(bytes, 6)),
      status: u8(bytes, 4),
      report_parameters: {
        new_mode_configuration: `${(params >> 7) & 1}`,
        cause_request: ['none', 'short', 'long', 'reserved'][(params >> 4) & 0x03],
        secured_if_alarm: `${(params >> 3) & 1}`,
        secured: `${(params >> 2) & 1}`,
        no_hearde_port: `${(params >> 1) & 1}`,
        batch: `${(params >> 0) & 1}`,
      },
    });
    return { data };
  }
  // Report attributes, report attributes with an alarm, read attribute response
  if (cmd !== 0x0a && cmd !== 0x8a && cmd !== 0x01) {
    throw unsupported('ZCL command', cmd, 1, 'expected 0x0a, 0x8a, 0x01 or 0x07');
  }
  need(bytes, 7, 1);
  const attribute = u16be(bytes, 4);
  if (attributes === undefined) {
    attributes = new Map();
    for (const e of ATTRIBUTES.split(',')) {
      const fields = e.split(' ');
      attributes.set(Number.parseInt(fields[0] as string, 16), fields);
    }
  }
  const entry = attributes.get(cluster * 65536 + attribute);
  if (entry === undefined) throw unsupported(`cluster ${hex4(cluster)} attribute`, attribute, 4);
  // A read response has a status byte before the type, and keeps the raw names.
  const read = cmd === 1;
  if (read && u8(bytes, 6) !== 0) {
    throw unsupported('read status', u8(bytes, 6), 6, 'the device could not read the attribute');
  }
  const at = read ? 8 : 7;
  if (entry[1] === 'p') {
    // One voltage per power source the presence bits name.
    const present = u8(bytes, at + 2);
    for (let o = at + 3, bit = 0; bit < 5; bit++) {
      if (present & (1 << bit)) {
        add(data, date, `${POWER_SOURCES[bit]}_voltage`, u16be(bytes, o) / 1000);
        o += 2;
      }
    }
  } else {
    const value = (READERS[entry[1] as string] as (b: Bytes, at: number) => unknown)(bytes, at);
    const name = entry[2] as string;
    if (value !== undefined) add(data, date, (read ? name : entry[endpoint + 3]) ?? name, value);
  }
  if (samples.length === 0) throw unsupported('attribute value', u8(bytes, 7), 7);
  return cmd === 0x8a ? { data, warnings: ['alarm triggered'] } : { data };
}

/** VAQAO Lite batch series, by tag: name, bits (negative: signed), delta resolution, divisor. */
const VAQAO_LITE_BATCH: readonly BatchSeries[] = [
  ['occupancy', 8, 1, 1],
  ['temperature_1', -16, 10, 100],
  ['humidity_1', 16, 100, 100],
  ['CO2', 16, 10, 1],
  ['IAQ', 16, 10, 1],
  ['illuminance', 16, 10, 1],
  ['pressure', 16, 10, 10],
];

/** `<name> must be <expected>, got <value>`: the template of the input checks. */
const mustBe = (name: string, expected: string, got: unknown, offset?: number): PayloadError =>
  new PayloadError(`${name} must be ${expected}, got ${String(got)}`, offset);

const info = catalog[0] as DeviceInfo;

/**
 * Watteco VAQAO Lite (temperature, humidity, CO2, IAQ, illuminance, pressure,
 * occupancy, case violation). Batch reports need `recvTime`.
 *
 * Its input checks and error texts are `defineDecoder`'s, written out here in one pass (no
 * separate fast path) because the shared wrapper alone would take a fifth of the 3 kB budget.
 *
 * @example
 * ```ts
 * import { vaqaoLite } from '@smartcitylab/decoders/watteco';
 * const bytes = [0x11, 0x0a, 0x04, 0x02, 0x00, 0x00, 0x29, 0x0b, 0x89];
 * vaqaoLite.decodeUplink({ bytes, fPort: 125, recvTime: '2023-07-19T07:51:31Z' });
 * // { data: { samples: [{ variable: 'temperature_1', value: 29.53, date: '2023-07-19T07:51:31Z' }], temperature_1: 29.53 } }
 * ```
 */
export const vaqaoLite: DeviceDecoder<WattecoData> = {
  info,
  decodeUplink: (input) => {
    // The input checks before the payload name no fPort: it may be the problem.
    let port = '';
    try {
      if (typeof input !== 'object' || input === null) {
        throw mustBe('input', 'an object { bytes, fPort, recvTime? }', input);
      }
      const fPort = input.fPort;
      if (typeof fPort !== 'number' || (fPort & 0xff) !== fPort) {
        throw mustBe('fPort', 'an integer 0-255', fPort);
      }
      const given = input.bytes;
      const isArray = Array.isArray(given);
      if (!isArray && !(given instanceof Uint8Array)) {
        throw mustBe('bytes', 'a Uint8Array or an array of integers 0-255', typeof given);
      }
      port = ` (fPort ${fPort})`;
      const t = input.recvTime;
      const recvTime = t === undefined || t instanceof Date ? t : new Date(String(t));
      let bytes = given as Uint8Array;
      // A number[] is copied as it is checked: the readers then see one kind of array, and a -0
      // reads as 0.
      if (isArray) {
        const n = given.length;
        bytes = new Uint8Array(n);
        for (let i = 0; i < n; i++) {
          const b: unknown = given[i];
          // `typeof` first: `&` on an object would run its valueOf, i.e. user code.
          if (typeof b !== 'number' || (b & 0xff) !== b) {
            throw mustBe(`bytes[${i}]`, 'an integer 0-255', b, i);
          }
          bytes[i] = b;
        }
      }
      if (recvTime !== undefined && Number.isNaN(recvTime.getTime())) {
        port = '';
        throw mustBe('recvTime', 'a valid date', t);
      }
      if (fPort !== 125) throw new PayloadError('Watteco sensors report on fPort 125');
      if (u8(bytes, 0) & 1) {
        // Standard reports are stamped with the caller's text unchanged, so that sub-millisecond
        // digits (network servers send nanoseconds) survive in `date`.
        return decodeStandard(bytes, typeof t === 'string' ? t : recvTime?.toISOString());
      }
      // Batch reports date their samples relative to the receive time.
      if (recvTime === undefined) throw new PayloadError('a batch report needs recvTime');
      return { data: uncompressBatch(bytes, 3, VAQAO_LITE_BATCH, recvTime) };
    } catch (err) {
      const payload = err instanceof PayloadError;
      const where = payload && err.offset !== undefined ? ` at byte offset ${err.offset}` : '';
      const message = payload
        ? err.message
        : err instanceof Error
          ? `${err.name}: ${err.message}`
          : String(err);
      return { errors: [`${info.id}${port}${where}: ${message}`] };
    }
  },
};

/**
 * All Watteco decoders keyed by device id.
 *
 * @example
 * ```ts
 * import { decoders } from '@smartcitylab/decoders/watteco';
 * decoders['watteco/vaqao-lite']?.decodeUplink({ bytes: [0x11, 0x0a, 0x04, 0x05, 0, 0, 0x21, 0x0e, 0x89], fPort: 125 });
 * ```
 */
export const decoders = {
  'watteco/vaqao-lite': vaqaoLite,
} as const satisfies Readonly<Record<string, DeviceDecoder<unknown>>>;

export type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
export { catalog };

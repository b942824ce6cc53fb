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
import { defineDecoder, success } from '../internal/define.js';
import type { DeviceDecoder, DeviceInfo } from '../types.js';
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
 * a table of objects and functions: per attribute, the ZCL cluster and attribute ids (8 hex
 * digits), a reader code, the value name (none for a reader that returns several named values),
 * separated by commas. Reader codes: t text, b boolean, f firmware version, l u32, p power
 * source voltages, u u16, s i16, h i16 / 100, c u16 / 100, m message type, r u8, a automatic
 * association, d data rate.
 */
const ATTRIBUTES =
  '00000002ffirmware,00000003tkernel,00000004tmanufacturer,00000005tmodel,00000006tdate,' +
  '00000010tposition,00008001tapplication_name,000f0055bpin_state,000f0402lindex,00500006p,' +
  '04000000uilluminance,04020000htemperature,04020001hmin_temperature,' +
  '04020002hmax_temperature,04030000spressure,04050000chumidity,04050001cmin_humidity,' +
  '04050002cmax_humidity,04060000boccupancy,80040000mmessage_type,80040001rnb_retry,' +
  '80040002aautomatic_association,80040003ddata_rate,800c0000uconcentration';

/** `cluster * 65536 + attribute` -> reader code and value name; built on first use. */
let attributes: Map<number, string> | undefined;

const POWER_SOURCES = [
  'main_or_external',
  'rechargeable_battery',
  'disposable_battery',
  'solar_harvesting',
  'tic_harvesting',
];

/** Reads the value of attribute `code` at `at`, the first value byte (`at - 1` is its type). */
function readValue(b: Bytes, at: number, code: string): unknown {
  switch (code) {
    case 't': {
      let s = '';
      for (let i = 1, n = u8(b, at); i <= n; i++) s += String.fromCharCode(u8(b, at + i));
      return s;
    }
    case 'b':
      return u8(b, at) !== 0;
    case 'f':
      return `${u8(b, at)}.${u8(b, at + 1)}.${u8(b, at + 2)}.${u8(b, at + 3) * 65536 + u16be(b, at + 4)}`;
    case 'l':
      need(b, at, 4);
      return u16be(b, at) * 65536 + u16be(b, at + 2);
    case 'p': {
      // One voltage per power source the presence bits name.
      const present = u8(b, at + 2);
      const out: Record<string, number> = {};
      for (let bit = 0, o = at + 3; bit < 5; bit++) {
        if (present & (1 << bit)) {
          out[`${POWER_SOURCES[bit]}_voltage`] = u16be(b, o) / 1000;
          o += 2;
        }
      }
      return out;
    }
    case 'u':
      return u16be(b, at);
    case 's':
      return i16be(b, at);
    case 'h':
      return i16be(b, at) / 100;
    case 'c':
      return u16be(b, at) / 100;
    // LoRaWAN cluster: message type 0/1 only (another value is no known value), retries,
    // association period and error frames, data rate.
    case 'm':
      return ['unconfirmed', 'confirmed'][u8(b, at)];
    case 'r':
      return u8(b, at);
    case 'a':
      return { period_in_minutes: u16be(b, at + 1), nb_err_frames: u16be(b, at + 3) };
    default:
      return u8(b, at + 2);
  }
}

/** Per-endpoint names of multi-endpoint attributes in reports: `ENDPOINT_NAMES[name][endpoint]`. */
const ENDPOINT_NAMES: Readonly<Record<string, readonly string[]>> = {
  temperature: ['temperature_1', 'temperature_2'],
  humidity: ['humidity_1', 'humidity_2'],
  concentration: ['IAQ', 'CO2'],
  pin_state: ['violation_detection'],
};

const REPORT_ATTRIBUTES = 0x0a;
const REPORT_ALARM = 0x8a;
const READ_ATTRIBUTE_RESPONSE = 0x01;
const CONFIGURE_REPORTING_RESPONSE = 0x07;

/**
 * Decodes a standard (ZCL) report into samples, all with the same date, so that the first
 * sample of a variable is its latest; a frame it cannot read throws a PayloadError.
 */
function decodeStandard(bytes: Bytes, date: string | undefined) {
  const b0 = u8(bytes, 0);
  const endpoint = ((b0 & 0xe0) >> 5) | ((b0 & 0x06) << 2);
  const cmd = u8(bytes, 1);
  const cluster = u16be(bytes, 2);
  const samples: WattecoSample[] = [];
  const data: WattecoData = { samples };
  const add = (variable: string, value: unknown): void => {
    samples.push(date === undefined ? { variable, value } : { variable, value, date });
    data[variable] ??= value;
  };

  if (cmd === CONFIGURE_REPORTING_RESPONSE) {
    const params = u8(bytes, 5);
    const bit = (n: number): string => String((params >> n) & 1);
    add('configure_reporting_response', {
      clustID: hex4(cluster),
      attID: hex4(u16be(bytes, 6)),
      status: u8(bytes, 4),
      report_parameters: {
        new_mode_configuration: bit(7),
        cause_request: ['none', 'short', 'long', 'reserved'][(params >> 4) & 0x03],
        secured_if_alarm: bit(3),
        secured: bit(2),
        no_hearde_port: bit(1),
        batch: bit(0),
      },
    });
    return success(data);
  }
  if (cmd !== REPORT_ATTRIBUTES && cmd !== REPORT_ALARM && cmd !== READ_ATTRIBUTE_RESPONSE) {
    throw unsupported('ZCL command', cmd, 1, 'expected 0x0a, 0x8a, 0x01 or 0x07');
  }
  need(bytes, 7, 1);
  const attribute = u16be(bytes, 4);
  if (attributes === undefined) {
    attributes = new Map();
    for (const e of ATTRIBUTES.split(','))
      attributes.set(Number.parseInt(e.slice(0, 8), 16), e.slice(8));
  }
  const entry = attributes.get(cluster * 65536 + attribute);
  if (entry === undefined) throw unsupported(`cluster ${hex4(cluster)} attribute`, attribute, 4);
  const read = cmd === READ_ATTRIBUTE_RESPONSE;
  if (read && u8(bytes, 6) !== 0) {
    throw unsupported('read status', u8(bytes, 6), 6, 'the device could not read the attribute');
  }
  const name = entry.slice(1);
  const value = readValue(bytes, read ? 8 : 7, entry[0] as string);
  const values: [string, unknown][] = name ? [[name, value]] : Object.entries(value as object);
  for (const [key, v] of values) {
    // Reports name multi-endpoint quantities per endpoint; read responses keep raw names.
    if (v !== undefined) add((read ? undefined : ENDPOINT_NAMES[key])?.[endpoint] ?? key, v);
  }
  if (samples.length === 0) throw unsupported('attribute value', u8(bytes, 7), 7);
  return success(data, cmd === REPORT_ALARM ? ['alarm triggered'] : undefined);
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

/**
 * Watteco VAQAO Lite (temperature, humidity, CO2, IAQ, illuminance, pressure,
 * occupancy, case violation). Standard reports are stamped with the caller's `recvTime` text
 * unchanged (so nanosecond precision survives); batch reports need `recvTime` to turn relative
 * timestamps into dates.
 *
 * @example
 * ```ts
 * import { vaqaoLite } from '@smartcitylab/decoders/watteco';
 * const bytes = [0x11, 0x0a, 0x04, 0x02, 0x00, 0x00, 0x29, 0x0b, 0x89];
 * vaqaoLite.decodeUplink({ bytes, fPort: 125, recvTime: '2023-07-19T07:51:31Z' });
 * // { data: { samples: [{ variable: 'temperature_1', value: 29.53, date: '2023-07-19T07:51:31Z' }], temperature_1: 29.53 } }
 * ```
 */
export const vaqaoLite: DeviceDecoder<WattecoData> = defineDecoder<WattecoData>(
  // The catalog's only device; the registry tests check that the ids agree.
  catalog[0] as DeviceInfo,
  (bytes, fPort, recvTime, recvInput) => {
    if (fPort !== 125) throw new PayloadError('Watteco sensors report on fPort 125');
    if (u8(bytes, 0) & 1) {
      // Keep the caller's text so that sub-millisecond digits (network servers send
      // nanoseconds) survive in `date`.
      return decodeStandard(
        bytes,
        typeof recvInput === 'string' ? recvInput : recvTime?.toISOString(),
      );
    }
    if (recvTime === undefined) {
      throw new PayloadError('a batch report dates its samples from recvTime: pass recvTime');
    }
    return success(uncompressBatch(bytes, 3, VAQAO_LITE_BATCH, recvTime));
  },
  { recvTime: true },
);

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

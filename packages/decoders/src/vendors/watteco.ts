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
import { i16be, need, PayloadError, u8, u16be, u32be, unsupported } from '../internal/bytes.js';
import { defineDecoder, findInfo, success } from '../internal/define.js';
import type { DecodeUplinkResult, DeviceDecoder } from '../types.js';
import { type BatchSeries, I16, U8, U16, uncompressBatch } from './watteco/batch.js';

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

/** Reads an attribute value; `at` is the first value byte, `at - 1` the ZCL type byte. */
type Read = (bytes: Bytes, at: number) => unknown;

const text: Read = (b, at) => {
  let s = '';
  for (let i = 1, n = u8(b, at); i <= n; i++) s += String.fromCharCode(u8(b, at + i));
  return s;
};
const flag: Read = (b, at) => u8(b, at) !== 0;
const hundredths =
  (read: (b: Bytes, at: number) => number): Read =>
  (b, at) =>
    read(b, at) / 100;

const POWER_SOURCES = [
  'main_or_external',
  'rechargeable_battery',
  'disposable_battery',
  'solar_harvesting',
  'tic_harvesting',
];

/** Several values: one voltage per power source the presence bits name. */
const powerVoltages: Read = (b, at) => {
  const present = u8(b, at + 2);
  const out: Record<string, number> = {};
  let o = at + 3;
  POWER_SOURCES.forEach((name, bit) => {
    if ((present & (1 << bit)) !== 0) {
      out[`${name}_voltage`] = u16be(b, o) / 1000;
      o += 2;
    }
  });
  return out;
};

/**
 * The attributes Watteco sensors report: cluster -> attribute -> [value name, reader]. An empty
 * name marks a reader that returns several named values as an object. Plain objects with
 * integer keys (decimal, as the linter wants; the ZCL ids in hex above each cluster): lookups of
 * array-index keys never reach the prototype.
 */
const ATTRIBUTES: Readonly<Record<number, Readonly<Record<number, readonly [string, Read]>>>> = {
  // cluster 0x0000
  0: {
    2: [
      'firmware',
      (b, at) =>
        `${u8(b, at)}.${u8(b, at + 1)}.${u8(b, at + 2)}.${u8(b, at + 3) * 65536 + u16be(b, at + 4)}`,
    ],
    3: ['kernel', text],
    4: ['manufacturer', text],
    5: ['model', text],
    6: ['date', text],
    16: ['position', text],
    32769: ['application_name', text],
  },
  // cluster 0x000f
  15: { 85: ['pin_state', flag], 1026: ['index', u32be] },
  // cluster 0x0050
  80: { 6: ['', powerVoltages] },
  // cluster 0x0400
  1024: { 0: ['illuminance', u16be] },
  // cluster 0x0402
  1026: {
    0: ['temperature', hundredths(i16be)],
    1: ['min_temperature', hundredths(i16be)],
    2: ['max_temperature', hundredths(i16be)],
  },
  // cluster 0x0403
  1027: { 0: ['pressure', i16be] },
  // cluster 0x0405
  1029: {
    0: ['humidity', hundredths(u16be)],
    1: ['min_humidity', hundredths(u16be)],
    2: ['max_humidity', hundredths(u16be)],
  },
  // cluster 0x0406
  1030: { 0: ['occupancy', flag] },
  // LoRaWAN cluster: message type 0/1 only (another value is no known value), retries,
  // association period and error frames, data rate.
  // cluster 0x8004
  32772: {
    0: ['message_type', (b, at) => ['unconfirmed', 'confirmed'][u8(b, at)]],
    1: ['nb_retry', u8],
    2: [
      'automatic_association',
      (b, at) => ({ period_in_minutes: u16be(b, at + 1), nb_err_frames: u16be(b, at + 3) }),
    ],
    3: ['data_rate', (b, at) => u8(b, at + 2)],
  },
  // cluster 0x800c
  32780: { 0: ['concentration', u16be] },
};

/** Per-device names of multi-endpoint attributes: `names[endpoint]`. */
type EndpointNames = Readonly<Record<string, readonly string[]>>;

const REPORT_ATTRIBUTES = 0x0a;
const REPORT_ALARM = 0x8a;
const READ_ATTRIBUTE_RESPONSE = 0x01;
const CONFIGURE_REPORTING_RESPONSE = 0x07;

/** Decodes a standard (ZCL) report into samples; a frame it cannot read throws a PayloadError. */
function decodeStandard(
  bytes: Bytes,
  endpointNames: EndpointNames,
  date: string | undefined,
): DecodeUplinkResult<WattecoData> {
  const b0 = u8(bytes, 0);
  const endpoint = ((b0 & 0xe0) >> 5) | ((b0 & 0x06) << 2);
  const cmd = u8(bytes, 1);
  const cluster = u16be(bytes, 2);
  const samples: WattecoSample[] = [];
  const add = (variable: string, value: unknown): void => {
    samples.push(date === undefined ? { variable, value } : { variable, value, date });
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
    return success(flatten(samples));
  }
  if (cmd !== REPORT_ATTRIBUTES && cmd !== REPORT_ALARM && cmd !== READ_ATTRIBUTE_RESPONSE) {
    throw unsupported('ZCL command', cmd, 1, 'expected 0x0a, 0x8a, 0x01 or 0x07');
  }
  need(bytes, 7, 1);
  const attribute = u16be(bytes, 4);
  const entry = ATTRIBUTES[cluster]?.[attribute];
  if (entry === undefined) throw unsupported(`cluster ${hex4(cluster)} attribute`, attribute, 4);
  const read = cmd === READ_ATTRIBUTE_RESPONSE;
  if (read && u8(bytes, 6) !== 0) {
    throw unsupported('read status', u8(bytes, 6), 6, 'the device could not read the attribute');
  }
  const [name, reader] = entry;
  const value = reader(bytes, read ? 8 : 7);
  const values: [string, unknown][] =
    name === '' ? Object.entries(value as object) : [[name, value]];
  for (const [key, v] of values) {
    // Reports name multi-endpoint quantities per endpoint; read responses keep raw names.
    if (v !== undefined) add((read ? undefined : endpointNames[key])?.[endpoint] ?? key, v);
  }
  if (samples.length === 0) throw unsupported('attribute value', u8(bytes, 7), 7);
  return success(flatten(samples), cmd === REPORT_ALARM ? ['alarm triggered'] : []);
}

/** Adds the latest value of each variable as a top-level key (first wins on equal dates). */
function flatten(samples: WattecoSample[]): WattecoData {
  const out: WattecoData = { samples };
  const latest = new Map<string, WattecoSample>();
  for (const s of samples) {
    const seen = latest.get(s.variable);
    if (
      seen === undefined ||
      (seen.date !== undefined &&
        s.date !== undefined &&
        Date.parse(s.date) > Date.parse(seen.date))
    )
      latest.set(s.variable, s);
  }
  // Variable names come from the tables of this module, never `samples` or `__proto__`.
  for (const [variable, s] of latest) out[variable] = s.value;
  return out;
}

/**
 * Defines a Watteco decoder from its device id, the size in bits of the series tags in its batch
 * reports, its batch series and its per-endpoint names. Standard reports are stamped with the
 * caller's `recvTime` text unchanged (so nanosecond precision survives); batch reports need
 * `recvTime` to turn relative timestamps into dates.
 */
function wattecoDecoder(
  id: string,
  tagSize: number,
  batch: readonly BatchSeries[],
  endpointNames: EndpointNames,
): DeviceDecoder<WattecoData> {
  return defineDecoder<WattecoData>(
    findInfo(catalog, id),
    (bytes, fPort, recvTime, recvInput) => {
      if (fPort !== 125) throw new PayloadError('Watteco sensors report on fPort 125');
      if ((u8(bytes, 0) & 0x01) === 1) {
        // Keep the caller's text so that sub-millisecond digits (network servers send
        // nanoseconds) survive in `date`.
        const recvText = typeof recvInput === 'string' ? recvInput : recvTime?.toISOString();
        return decodeStandard(bytes, endpointNames, recvText);
      }
      if (recvTime === undefined) {
        throw new PayloadError('a batch report dates its samples from recvTime: pass recvTime');
      }
      return success(flatten(uncompressBatch(bytes, tagSize, batch, recvTime)));
    },
    { recvTime: true },
  );
}

/**
 * Watteco VAQAO Lite (temperature, humidity, CO2, IAQ, illuminance, pressure,
 * occupancy, case violation). Batch reports need `recvTime`.
 *
 * @example
 * ```ts
 * import { vaqaoLite } from '@smartcitylab/decoders/watteco';
 * const bytes = [0x11, 0x0a, 0x04, 0x02, 0x00, 0x00, 0x29, 0x0b, 0x89];
 * vaqaoLite.decodeUplink({ bytes, fPort: 125, recvTime: '2023-07-19T07:51:31Z' });
 * // { data: { samples: [{ variable: 'temperature_1', value: 29.53, date: '2023-07-19T07:51:31Z' }], temperature_1: 29.53 } }
 * ```
 */
export const vaqaoLite: DeviceDecoder<WattecoData> = wattecoDecoder(
  'watteco/vaqao-lite',
  3,
  [
    [0, 'occupancy', U8, 1, 1],
    [1, 'temperature_1', I16, 10, 100],
    [2, 'humidity_1', U16, 100, 100],
    [3, 'CO2', U16, 10, 1],
    [4, 'IAQ', U16, 10, 1],
    [5, 'illuminance', U16, 10, 1],
    [6, 'pressure', U16, 10, 10],
  ],
  {
    temperature: ['temperature_1', 'temperature_2'],
    humidity: ['humidity_1', 'humidity_2'],
    concentration: ['IAQ', 'CO2'],
    pin_state: ['violation_detection'],
  },
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

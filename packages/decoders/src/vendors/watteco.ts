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
import { i16be, PayloadError, u8, u16be, u32be } from '../internal/bytes.js';
import { defineDecoder, failure, success } from '../internal/define.js';
import type { DecodeUplinkResult, DeviceDecoder, DeviceInfo } from '../types.js';
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

function infoOf(id: string): DeviceInfo {
  const info = catalog.find((d) => d.id === id);
  if (info === undefined) throw new PayloadError(`Watteco catalog has no ${id}`);
  return info;
}

const WATTECO_PORT = 125;
const hex4 = (n: number): string => `0x${n.toString(16).toUpperCase().padStart(4, '0')}`;

function text(bytes: Bytes, at: number): string {
  const length = u8(bytes, at);
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(u8(bytes, at + 1 + i));
  return s;
}

type Values = Record<string, unknown>;
/** Reads one attribute value; `at` is the first value byte, `at - 1` the ZCL type byte. */
type AttributeReader = (bytes: Bytes, at: number) => Values;

const LORAWAN_MESSAGE_TYPES: Readonly<Record<number, string>> = {
  0: 'unconfirmed',
  1: 'confirmed',
};

const POWER_SOURCES: readonly [number, string][] = [
  [0x01, 'main_or_external_voltage'],
  [0x02, 'rechargeable_battery_voltage'],
  [0x04, 'disposable_battery_voltage'],
  [0x08, 'solar_harvesting_voltage'],
  [0x10, 'tic_harvesting_voltage'],
];

type AttributeTable = ReadonlyMap<number, AttributeReader>;
const attributes = (entries: [number, AttributeReader][]): AttributeTable => new Map(entries);

function powerVoltages(b: Bytes, at: number): Values {
  const present = u8(b, at + 2);
  const out: Values = {};
  let o = at + 3;
  for (const [bit, name] of POWER_SOURCES) {
    if ((present & bit) !== 0) {
      out[name] = u16be(b, o) / 1000;
      o += 2;
    }
  }
  return out;
}

function messageType(b: Bytes, at: number): Values {
  const type = LORAWAN_MESSAGE_TYPES[u8(b, at)];
  return type === undefined ? {} : { message_type: type };
}

/** Cluster id → attribute id → reader, for the clusters Watteco sensors report. */
const ATTRIBUTES: ReadonlyMap<number, AttributeTable> = new Map([
  [
    0x0000,
    attributes([
      [
        0x0002,
        (b, at) => ({
          firmware: `${u8(b, at)}.${u8(b, at + 1)}.${u8(b, at + 2)}.${u8(b, at + 3) * 65536 + u16be(b, at + 4)}`,
        }),
      ],
      [0x0003, (b, at) => ({ kernel: text(b, at) })],
      [0x0004, (b, at) => ({ manufacturer: text(b, at) })],
      [0x0005, (b, at) => ({ model: text(b, at) })],
      [0x0006, (b, at) => ({ date: text(b, at) })],
      [0x0010, (b, at) => ({ position: text(b, at) })],
      [0x8001, (b, at) => ({ application_name: text(b, at) })],
    ]),
  ],
  [
    0x000f,
    attributes([
      [0x0055, (b, at) => ({ pin_state: u8(b, at) !== 0 })],
      [0x0402, (b, at) => ({ index: u32be(b, at) })],
    ]),
  ],
  [0x0050, attributes([[0x0006, powerVoltages]])],
  [0x0400, attributes([[0x0000, (b, at) => ({ illuminance: u16be(b, at) })]])],
  [
    0x0402,
    attributes([
      [0x0000, (b, at) => ({ temperature: i16be(b, at) / 100 })],
      [0x0001, (b, at) => ({ min_temperature: i16be(b, at) / 100 })],
      [0x0002, (b, at) => ({ max_temperature: i16be(b, at) / 100 })],
    ]),
  ],
  [0x0403, attributes([[0x0000, (b, at) => ({ pressure: i16be(b, at) })]])],
  [
    0x0405,
    attributes([
      [0x0000, (b, at) => ({ humidity: u16be(b, at) / 100 })],
      [0x0001, (b, at) => ({ min_humidity: u16be(b, at) / 100 })],
      [0x0002, (b, at) => ({ max_humidity: u16be(b, at) / 100 })],
    ]),
  ],
  [0x0406, attributes([[0x0000, (b, at) => ({ occupancy: u8(b, at) !== 0 })]])],
  [
    0x8004,
    attributes([
      [0x0000, messageType],
      [0x0001, (b, at) => ({ nb_retry: u8(b, at) })],
      [
        0x0002,
        (b, at) => ({
          automatic_association: {
            period_in_minutes: u16be(b, at + 1),
            nb_err_frames: u16be(b, at + 3),
          },
        }),
      ],
      [0x0003, (b, at) => ({ data_rate: u8(b, at + 2) })],
    ]),
  ],
  [0x800c, attributes([[0x0000, (b, at) => ({ concentration: u16be(b, at) })]])],
]);

/** Per-device names of multi-endpoint attributes: `names[endpoint]`. */
type EndpointNames = Readonly<Record<string, readonly string[]>>;

const REPORT_ATTRIBUTES = 0x0a;
const REPORT_ALARM = 0x8a;
const READ_ATTRIBUTE_RESPONSE = 0x01;
const CONFIGURE_REPORTING_RESPONSE = 0x07;

/** Decodes a standard (ZCL) report into samples, or a failure naming what is wrong. */
function decodeStandard(
  id: string,
  bytes: Bytes,
  endpointNames: EndpointNames,
  date: string | undefined,
): DecodeUplinkResult<WattecoData> {
  const b0 = u8(bytes, 0);
  const endpoint = ((b0 & 0xe0) >> 5) | ((b0 & 0x06) << 2);
  const cmd = u8(bytes, 1);
  const cluster = u16be(bytes, 2);
  const withDate = (s: WattecoSample): WattecoSample => (date === undefined ? s : { ...s, date });

  if (cmd === CONFIGURE_REPORTING_RESPONSE) {
    const params = u8(bytes, 5);
    const bit = (n: number): string => String((params >> n) & 1);
    const causes = ['none', 'short', 'long', 'reserved'];
    const value = {
      clustID: hex4(cluster),
      attID: hex4(u16be(bytes, 6)),
      status: u8(bytes, 4),
      report_parameters: {
        new_mode_configuration: bit(7),
        cause_request: causes[(params >> 4) & 0x03],
        secured_if_alarm: bit(3),
        secured: bit(2),
        no_hearde_port: bit(1),
        batch: bit(0),
      },
    };
    return success(flatten([withDate({ variable: 'configure_reporting_response', value })]));
  }
  if (cmd !== REPORT_ATTRIBUTES && cmd !== REPORT_ALARM && cmd !== READ_ATTRIBUTE_RESPONSE) {
    return failure(
      `${id}: unsupported ZCL command 0x${cmd.toString(16).padStart(2, '0')}; ` +
        'decoded are 0x0a (report), 0x8a (alarm report), 0x01 (read response), 0x07',
    );
  }
  if (bytes.length <= 7) {
    return failure(
      `${id}: a ZCL attribute report needs more than 7 bytes, received ${bytes.length}`,
    );
  }
  const attribute = u16be(bytes, 4);
  const reader = ATTRIBUTES.get(cluster)?.get(attribute);
  if (reader === undefined) {
    return failure(
      `${id}: unknown cluster ${hex4(cluster)} attribute ${hex4(attribute)} in a standard report`,
    );
  }
  if (cmd === READ_ATTRIBUTE_RESPONSE && u8(bytes, 6) !== 0) {
    return failure(
      `${id}: read attribute response for cluster ${hex4(cluster)} attribute ` +
        `${hex4(attribute)} has failure status 0x${u8(bytes, 6).toString(16)}`,
    );
  }
  const valueAt = cmd === READ_ATTRIBUTE_RESPONSE ? 8 : 7;
  const values = reader(bytes, valueAt);
  const samples: WattecoSample[] = [];
  for (const [key, value] of Object.entries(values)) {
    // Reports name multi-endpoint quantities per endpoint; read responses keep raw names.
    const names = cmd === READ_ATTRIBUTE_RESPONSE ? undefined : endpointNames[key];
    const variable = names?.[endpoint] ?? key;
    samples.push(withDate({ variable, value }));
  }
  if (samples.length === 0) {
    return failure(
      `${id}: cluster ${hex4(cluster)} attribute ${hex4(attribute)} holds no known value`,
    );
  }
  return success(flatten(samples), cmd === REPORT_ALARM ? ['alarm triggered'] : []);
}

/** Adds the latest value of each variable as a top-level key (first wins on equal dates). */
function flatten(samples: WattecoSample[]): WattecoData {
  const out: WattecoData = { samples };
  const latest = new Map<string, WattecoSample>();
  for (const s of samples) {
    if (s.variable === 'samples' || s.value === undefined) continue;
    const seen = latest.get(s.variable);
    const later =
      seen?.date !== undefined &&
      s.date !== undefined &&
      Date.parse(s.date) > Date.parse(seen.date);
    if (seen === undefined || later) latest.set(s.variable, s);
  }
  for (const [variable, s] of latest) {
    // A plain store keeps `out` a fast object; only a `__proto__` key needs defineProperty
    // (a store would set the prototype instead of adding the key).
    if (variable === '__proto__') {
      Object.defineProperty(out, variable, {
        value: s.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else (out as unknown as Record<string, unknown>)[variable] = s.value;
  }
  return out;
}

interface WattecoModel {
  id: string;
  /** Size in bits of the series tags in batch reports. */
  tagSize: number;
  batch: readonly BatchSeries[];
  endpointNames: EndpointNames;
}

/**
 * Defines a Watteco decoder. Standard reports are stamped with the caller's
 * `recvTime` text unchanged (so nanosecond precision survives); batch reports need
 * `recvTime` to turn relative timestamps into dates.
 */
function wattecoDecoder(model: WattecoModel): DeviceDecoder<WattecoData> {
  const { id } = model;
  return defineDecoder<WattecoData>(
    infoOf(id),
    (bytes, fPort, recvTime, recvInput) => {
      if (fPort !== WATTECO_PORT) {
        return failure(`${id}: unsupported fPort ${fPort}; Watteco sensors report on fPort 125`);
      }
      if (bytes.length < 2) {
        return failure(`${id}: expected at least 2 bytes, received ${bytes.length}`);
      }
      if ((u8(bytes, 0) & 0x01) === 1) {
        // Keep the caller's text so that sub-millisecond digits (network servers send
        // nanoseconds) survive in `date`.
        const recvText = typeof recvInput === 'string' ? recvInput : recvTime?.toISOString();
        return decodeStandard(id, bytes, model.endpointNames, recvText);
      }
      if (recvTime === undefined) {
        return failure(
          `${id}: batch reports carry relative timestamps; pass recvTime (the network ` +
            'server receive time) to date the samples',
        );
      }
      return success(flatten(uncompressBatch(bytes, model.tagSize, model.batch, recvTime)));
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
export const vaqaoLite: DeviceDecoder<WattecoData> = wattecoDecoder({
  id: 'watteco/vaqao-lite',
  tagSize: 3,
  batch: [
    { tag: 0, resolution: 1, type: U8, name: 'occupancy', divide: 1 },
    { tag: 1, resolution: 10, type: I16, name: 'temperature_1', divide: 100 },
    { tag: 2, resolution: 100, type: U16, name: 'humidity_1', divide: 100 },
    { tag: 3, resolution: 10, type: U16, name: 'CO2', divide: 1 },
    { tag: 4, resolution: 10, type: U16, name: 'IAQ', divide: 1 },
    { tag: 5, resolution: 10, type: U16, name: 'illuminance', divide: 1 },
    { tag: 6, resolution: 10, type: U16, name: 'pressure', divide: 10 },
  ],
  endpointNames: {
    temperature: ['temperature_1', 'temperature_2'],
    humidity: ['humidity_1', 'humidity_2'],
    concentration: ['IAQ', 'CO2'],
    pin_state: ['violation_detection'],
  },
});

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

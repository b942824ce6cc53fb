/**
 * Decentlab decoders. Protocol version 2 frames: version byte, 16-bit device id,
 * 16-bit flags (bit n set = sensor group n present), then each present group's
 * 16-bit words; each model defines its groups and how words become values.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/decentlab.js';
import type { Bytes } from '../internal/bytes.js';
import { u8, u16be } from '../internal/bytes.js';
import { defineDecoder, findInfo } from '../internal/define.js';
import type { DeviceDecoder } from '../types.js';

/**
 * One decoded measurement as the Decentlab reference decoder shapes it.
 *
 * @example
 * ```ts
 * import { dlMbx } from '@smartcitylab/decoders/decentlab';
 * const r = dlMbx.decodeUplink({ bytes: [0x02, 0x01, 0x2f, 0x00, 0x02, 0x0b, 0xb1], fPort: 1 });
 * if ('data' in r) console.log(r.data.battery_voltage); // { displayName: 'Battery voltage', unit: 'V', value: 2.993 }
 * ```
 */
export interface DecentlabValue {
  displayName: string;
  unit?: string | null;
  value: number;
}

/**
 * Decoded Decentlab uplink: `protocol_version`, `device_id` and one entry per measurement.
 *
 * @example
 * ```ts
 * import { dlMbx } from '@smartcitylab/decoders/decentlab';
 * const r = dlMbx.decodeUplink({ bytes: [0x02, 0x01, 0x2f, 0x00, 0x00], fPort: 1 });
 * if ('data' in r) console.log(r.data.device_id); // 303
 * ```
 */
export type DecentlabData = { protocol_version: number; device_id: number } & Record<
  string,
  number | DecentlabValue
>;

interface ValueDef {
  name: string;
  displayName: string;
  /** `null` where the reference decoder states "no unit" explicitly. */
  unit?: string | null;
  convert(x: readonly number[]): number;
}

interface Group {
  length: number;
  values: readonly ValueDef[];
}

const PROTOCOL_VERSION = 2;

const batteryGroup: Group = {
  length: 1,
  values: [
    {
      name: 'battery_voltage',
      displayName: 'Battery voltage',
      unit: 'V',
      convert: (x) => x[0]! / 1000,
    },
  ],
};

/** Raw 16-bit words of the group being decoded (groups hold at most a few words). */
const RAW: number[] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

function decodeFrame(id: string, groups: readonly Group[], bytes: Bytes): DecentlabData | string {
  const version = u8(bytes, 0);
  if (version !== PROTOCOL_VERSION) {
    return `${id}: protocol version ${version} is not supported (expected ${PROTOCOL_VERSION})`;
  }
  const data: DecentlabData = { protocol_version: version, device_id: u16be(bytes, 1) };
  let flags = u16be(bytes, 3);
  let pos = 5;
  for (const group of groups) {
    const present = (flags & 1) === 1;
    flags >>= 1;
    if (!present) continue;
    // The raw words go to a reused buffer: conversions read it and never keep it.
    const x = RAW;
    for (let j = 0; j < group.length; j++) {
      x[j] = u16be(bytes, pos);
      pos += 2;
    }
    for (const def of group.values) {
      const value = def.convert(x);
      data[def.name] =
        def.unit === undefined
          ? { displayName: def.displayName, value }
          : { displayName: def.displayName, value, unit: def.unit };
    }
  }
  return data;
}

function decentlabDecoder(id: string, groups: readonly Group[]): DeviceDecoder<DecentlabData> {
  return defineDecoder<DecentlabData>(findInfo(catalog, id), (bytes) => {
    const result = decodeFrame(id, groups, bytes);
    return typeof result === 'string' ? { errors: [result] } : { data: result };
  });
}

/**
 * Decentlab DL-5TM soil moisture and temperature sensor (Meter 5TM probe).
 *
 * @example
 * ```ts
 * import { dl5tm } from '@smartcitylab/decoders/decentlab';
 * dl5tm.decodeUplink({ bytes: [0x02, 0x02, 0x3b, 0x00, 0x02, 0x0c, 0x60], fPort: 1 });
 * // battery_voltage.value 3.168
 * ```
 */
export const dl5tm: DeviceDecoder<DecentlabData> = /* @__PURE__ */ decentlabDecoder(
  'decentlab/dl-5tm',
  [
    {
      length: 2,
      values: [
        {
          name: 'dielectric_permittivity',
          displayName: 'Dielectric permittivity',
          convert: (x) => x[0]! / 50,
        },
        {
          name: 'volumetric_water_content',
          displayName: 'Volumetric water content',
          unit: 'm³⋅m⁻³',
          // Topp equation on the permittivity.
          convert: (x) => {
            const e = x[0]! / 50;
            return 0.0000043 * e ** 3 - 0.00055 * e ** 2 + 0.0292 * e - 0.053;
          },
        },
        {
          name: 'soil_temperature',
          displayName: 'Soil temperature',
          unit: '°C',
          convert: (x) => (x[1]! - 400) / 10,
        },
      ],
    },
    batteryGroup,
  ],
);

/**
 * Decentlab DL-LP8P CO2, temperature, humidity and barometric pressure sensor.
 *
 * @example
 * ```ts
 * import { dlLp8p } from '@smartcitylab/decoders/decentlab';
 * dlLp8p.decodeUplink({ bytes: [0x02, 0x05, 0x78, 0x00, 0x08, 0x0c, 0x25], fPort: 1 });
 * // battery_voltage.value 3.109
 * ```
 */
export const dlLp8p: DeviceDecoder<DecentlabData> = /* @__PURE__ */ decentlabDecoder(
  'decentlab/dl-lp8p',
  [
    {
      length: 2,
      values: [
        {
          name: 'air_temperature',
          displayName: 'Air temperature',
          unit: '°C',
          convert: (x) => (175.72 * x[0]!) / 65536 - 46.85,
        },
        {
          name: 'air_humidity',
          displayName: 'Air humidity',
          unit: '%',
          convert: (x) => (125 * x[1]!) / 65536 - 6,
        },
      ],
    },
    {
      length: 2,
      values: [
        {
          name: 'barometer_temperature',
          displayName: 'Barometer temperature',
          unit: '°C',
          convert: (x) => (x[0]! - 5000) / 100,
        },
        {
          name: 'barometric_pressure',
          displayName: 'Barometric pressure',
          unit: 'Pa',
          convert: (x) => x[1]! * 2,
        },
      ],
    },
    {
      length: 8,
      values: [
        {
          name: 'co2_concentration',
          displayName: 'CO2 concentration',
          unit: 'ppm',
          convert: (x) => x[0]! - 32768,
        },
        {
          name: 'co2_concentration_lpf',
          displayName: 'CO2 concentration LPF',
          unit: 'ppm',
          convert: (x) => x[1]! - 32768,
        },
        {
          name: 'co2_sensor_temperature',
          displayName: 'CO2 sensor temperature',
          unit: '°C',
          convert: (x) => (x[2]! - 32768) / 100,
        },
        {
          name: 'capacitor_voltage_1',
          displayName: 'Capacitor voltage 1',
          unit: 'V',
          convert: (x) => x[3]! / 1000,
        },
        {
          name: 'capacitor_voltage_2',
          displayName: 'Capacitor voltage 2',
          unit: 'V',
          convert: (x) => x[4]! / 1000,
        },
        { name: 'co2_sensor_status', displayName: 'CO2 sensor status', convert: (x) => x[5]! },
        { name: 'raw_ir_reading', displayName: 'Raw IR reading', convert: (x) => x[6]! },
        { name: 'raw_ir_reading_lpf', displayName: 'Raw IR reading LPF', convert: (x) => x[7]! },
      ],
    },
    batteryGroup,
  ],
);

/**
 * Decentlab DL-MBX ultrasonic distance sensor (MaxBotix).
 *
 * @example
 * ```ts
 * import { dlMbx } from '@smartcitylab/decoders/decentlab';
 * dlMbx.decodeUplink({ bytes: [0x02, 0x01, 0x2f, 0x00, 0x02, 0x0b, 0xb1], fPort: 1 });
 * // battery_voltage.value 2.993
 * ```
 */
export const dlMbx: DeviceDecoder<DecentlabData> = /* @__PURE__ */ decentlabDecoder(
  'decentlab/dl-mbx',
  [
    {
      length: 2,
      values: [
        { name: 'distance', displayName: 'Distance', unit: 'mm', convert: (x) => x[0]! },
        {
          name: 'number_of_valid_samples',
          displayName: 'Number of valid samples',
          unit: null,
          convert: (x) => x[1]!,
        },
      ],
    },
    batteryGroup,
  ],
);

/**
 * All Decentlab decoders keyed by device id.
 *
 * @example
 * ```ts
 * import { decoders } from '@smartcitylab/decoders/decentlab';
 * decoders['decentlab/dl-mbx']?.decodeUplink({ bytes: [0x02, 0x01, 0x2f, 0x00, 0x00], fPort: 1 });
 * ```
 */
export const decoders = {
  'decentlab/dl-5tm': dl5tm,
  'decentlab/dl-lp8p': dlLp8p,
  'decentlab/dl-mbx': dlMbx,
} as const satisfies Readonly<Record<string, DeviceDecoder<unknown>>>;

export type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
export { catalog };

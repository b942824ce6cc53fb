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
import type { DecodeUplinkResult, DeviceDecoder, UplinkInput } from '../types.js';

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

/** `displayName`, `value`, then `unit`: the key order of the reference decoder's objects. */
const measured = (displayName: string, value: number, unit: string | null): DecentlabValue => ({
  displayName,
  value,
  unit,
});
/** A measurement the reference decoder gives without a unit. */
const unitless = (displayName: string, value: number): DecentlabValue => ({ displayName, value });
/** Big-endian 16-bit word; the fast paths call it only on elements {@link frame} has checked. */
const word = (b: Bytes, o: number): number => ((b[o] as number) << 8) | (b[o + 1] as number);
/** The battery group's value from the word at `o`, for the fast paths. */
const battery = (b: Bytes, o: number): DecentlabValue =>
  measured('Battery voltage', word(b, o) / 1000, 'V');

/**
 * The bytes of a version-2 frame a device's fast path may read in place: a valid fPort, a
 * `Uint8Array` or an array of integers 0-255 (every element checked, as the checked path does),
 * and the five header bytes. `undefined` sends the input to the checked path.
 */
function frame(input: UplinkInput): Bytes | undefined {
  const b = input.bytes;
  const fPort = input.fPort;
  return typeof fPort === 'number' &&
    (fPort & 0xff) === fPort &&
    (b instanceof Uint8Array || (Array.isArray(b) && allBytes(b))) &&
    b.length >= 5 &&
    b[0] === PROTOCOL_VERSION
    ? b
    : undefined;
}

/**
 * Whether every element is an integer 0-255. Arrays only, so that V8 compiles the loop for array
 * loads alone; a `-0` passes, and the fast paths' bit operations read it as 0, as the checked path
 * does. Checking up front and then reading with plain loads costs `number[]` input about what
 * checking each element as it is read would, and leaves the `Uint8Array` reads unchecked.
 */
function allBytes(b: readonly unknown[]): boolean {
  for (let i = 0; i < b.length; i++) {
    const x = b[i];
    // `typeof` first: `&` on an object would run its valueOf, i.e. user code.
    if (typeof x !== 'number' || (x & 0xff) !== x) return false;
  }
  return true;
}

/**
 * A device's decoder: `fast` answers the frame layouts devices send (every sensor group, or the
 * battery alone) with one object literal each, in place of the group table's per-value closures,
 * keyed stores and growing result object; it returns `undefined` for everything else, which the
 * table-driven checked path decodes. Each device's layouts are a function of its own, so that
 * their loads and literals see that device's shapes only.
 */
function decentlabDecoder(
  id: string,
  groups: readonly Group[],
  fast: (b: Bytes, flags: number) => DecentlabData | undefined,
): DeviceDecoder<DecentlabData> {
  const checked = defineDecoder<DecentlabData>(findInfo(catalog, id), (bytes) => {
    const result = decodeFrame(id, groups, bytes);
    return typeof result === 'string' ? { errors: [result] } : { data: result };
  });
  const decodeUplink = (input: UplinkInput): DecodeUplinkResult<DecentlabData> => {
    try {
      const b = frame(input);
      if (b !== undefined) {
        const data = fast(b, word(b, 3));
        if (data !== undefined) return { data };
      }
    } catch {
      // A hostile input (null, throwing getters): the checked path reports it.
    }
    return checked.decodeUplink(input);
  };
  return { info: checked.info, decodeUplink };
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
  (b, flags) => {
    const n = b.length;
    if ((flags & 3) === 3 && n >= 11) {
      const e = word(b, 5) / 50;
      // `e * e` equals `e ** 2` for every 16-bit word (a test checks all of them) and skips a
      // pow call; `e * e * e` rounds differently from `e ** 3`, so the cube stays a pow.
      return {
        protocol_version: PROTOCOL_VERSION,
        device_id: word(b, 1),
        dielectric_permittivity: unitless('Dielectric permittivity', e),
        volumetric_water_content: measured(
          'Volumetric water content',
          0.0000043 * e ** 3 - 0.00055 * (e * e) + 0.0292 * e - 0.053,
          'm³⋅m⁻³',
        ),
        soil_temperature: measured('Soil temperature', (word(b, 7) - 400) / 10, '°C'),
        battery_voltage: battery(b, 9),
      };
    }
    if ((flags & 3) === 2 && n >= 7) {
      return {
        protocol_version: PROTOCOL_VERSION,
        device_id: word(b, 1),
        battery_voltage: battery(b, 5),
      };
    }
    return undefined;
  },
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
  (b, flags) => {
    const n = b.length;
    if ((flags & 15) === 15 && n >= 31) {
      return {
        protocol_version: PROTOCOL_VERSION,
        device_id: word(b, 1),
        air_temperature: measured('Air temperature', (175.72 * word(b, 5)) / 65536 - 46.85, '°C'),
        air_humidity: measured('Air humidity', (125 * word(b, 7)) / 65536 - 6, '%'),
        barometer_temperature: measured('Barometer temperature', (word(b, 9) - 5000) / 100, '°C'),
        barometric_pressure: measured('Barometric pressure', word(b, 11) * 2, 'Pa'),
        co2_concentration: measured('CO2 concentration', word(b, 13) - 32768, 'ppm'),
        co2_concentration_lpf: measured('CO2 concentration LPF', word(b, 15) - 32768, 'ppm'),
        co2_sensor_temperature: measured(
          'CO2 sensor temperature',
          (word(b, 17) - 32768) / 100,
          '°C',
        ),
        capacitor_voltage_1: measured('Capacitor voltage 1', word(b, 19) / 1000, 'V'),
        capacitor_voltage_2: measured('Capacitor voltage 2', word(b, 21) / 1000, 'V'),
        co2_sensor_status: unitless('CO2 sensor status', word(b, 23)),
        raw_ir_reading: unitless('Raw IR reading', word(b, 25)),
        raw_ir_reading_lpf: unitless('Raw IR reading LPF', word(b, 27)),
        battery_voltage: battery(b, 29),
      };
    }
    if ((flags & 15) === 8 && n >= 7) {
      return {
        protocol_version: PROTOCOL_VERSION,
        device_id: word(b, 1),
        battery_voltage: battery(b, 5),
      };
    }
    return undefined;
  },
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
  (b, flags) => {
    const n = b.length;
    if ((flags & 3) === 3 && n >= 11) {
      return {
        protocol_version: PROTOCOL_VERSION,
        device_id: word(b, 1),
        distance: measured('Distance', word(b, 5), 'mm'),
        number_of_valid_samples: measured('Number of valid samples', word(b, 7), null),
        battery_voltage: battery(b, 9),
      };
    }
    if ((flags & 3) === 2 && n >= 7) {
      return {
        protocol_version: PROTOCOL_VERSION,
        device_id: word(b, 1),
        battery_voltage: battery(b, 5),
      };
    }
    return undefined;
  },
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

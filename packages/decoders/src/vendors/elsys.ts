/**
 * Elsys decoders. Every Elsys sensor sends the same type-length-value format
 * (one type byte, then a fixed-size value), so one reader serves all models.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/elsys.js';
import { i8, i16be, i24be, i32be, u8, u16be, u32be } from '../internal/bytes.js';
import { defineDecoder, findInfo, success } from '../internal/define.js';
import type { DeviceDecoder } from '../types.js';

/**
 * Decoded Elsys uplink; keys follow the Elsys reference decoder.
 *
 * @example
 * ```ts
 * import { ers } from '@smartcitylab/decoders/elsys';
 * const r = ers.decodeUplink({ bytes: [0x01, 0x00, 0xe2], fPort: 5 });
 * const t: number | undefined = 'data' in r ? r.data.temperature : undefined;
 * ```
 */
export interface ElsysData {
  temperature?: number;
  humidity?: number;
  x?: number;
  y?: number;
  z?: number;
  light?: number;
  motion?: number;
  co2?: number;
  vdd?: number;
  analog1?: number;
  lat?: number;
  long?: number;
  pulse1?: number;
  pulseAbs?: number;
  externalTemperature?: number;
  digital?: number;
  distance?: number;
  accMotion?: number;
  irInternalTemperature?: number;
  irExternalTemperature?: number;
  occupancy?: number;
  waterleak?: number;
  grideye?: number[];
  pressure?: number;
  soundPeak?: number;
  soundAvg?: number;
  pulse2?: number;
  pulseAbs2?: number;
  analog2?: number;
  externalTemperature2?: number | number[];
  digital2?: number;
  analogUv?: number;
  tvoc?: number;
  debug?: number;
}

type Field = (b: Uint8Array, o: number, out: ElsysData) => number;

const s16x10 = (b: Uint8Array, o: number): number => i16be(b, o) / 10;

type NumericKey = {
  [K in keyof ElsysData]-?: ElsysData[K] extends number | undefined ? K : never;
}[keyof ElsysData];

/** A field holding one number of `size` bytes. */
const scalar =
  (key: NumericKey, size: number, read: (b: Uint8Array, o: number) => number): Field =>
  (b, o, out) => {
    out[key] = read(b, o);
    return size;
  };

// Keyed by the type byte (decimal; the Elsys documentation lists them in hex, 0x01-0x3d).
// Each entry reads the value after the type byte and returns its size in bytes.
const FIELDS: Readonly<Record<number, Field>> = {
  1: scalar('temperature', 2, (b, o) => s16x10(b, o)),
  2: scalar('humidity', 1, (b, o) => u8(b, o)),
  3: (b, o, out) => {
    out.x = i8(b, o);
    out.y = i8(b, o + 1);
    out.z = i8(b, o + 2);
    return 3;
  },
  4: scalar('light', 2, (b, o) => u16be(b, o)),
  5: scalar('motion', 1, (b, o) => u8(b, o)),
  6: scalar('co2', 2, (b, o) => u16be(b, o)),
  7: scalar('vdd', 2, (b, o) => u16be(b, o)),
  8: scalar('analog1', 2, (b, o) => u16be(b, o)),
  9: (b, o, out) => {
    out.lat = i24be(b, o) / 10000;
    out.long = i24be(b, o + 3) / 10000;
    return 6;
  },
  10: scalar('pulse1', 2, (b, o) => u16be(b, o)),
  11: scalar('pulseAbs', 4, (b, o) => u32be(b, o)),
  12: scalar('externalTemperature', 2, (b, o) => s16x10(b, o)),
  13: scalar('digital', 1, (b, o) => u8(b, o)),
  14: scalar('distance', 2, (b, o) => u16be(b, o)),
  15: scalar('accMotion', 1, (b, o) => u8(b, o)),
  16: (b, o, out) => {
    out.irInternalTemperature = s16x10(b, o);
    out.irExternalTemperature = s16x10(b, o + 2);
    return 4;
  },
  17: scalar('occupancy', 1, (b, o) => u8(b, o)),
  18: scalar('waterleak', 1, (b, o) => u8(b, o)),
  19: (b, o, out) => {
    const ref = i8(b, o);
    const grid: number[] = [];
    for (let j = 0; j < 64; j++) grid.push(ref + u8(b, o + 1 + j) / 10);
    out.grideye = grid;
    return 65;
  },
  20: scalar('pressure', 4, (b, o) => u32be(b, o) / 1000),
  21: (b, o, out) => {
    out.soundPeak = u8(b, o);
    out.soundAvg = u8(b, o + 1);
    return 2;
  },
  22: scalar('pulse2', 2, (b, o) => u16be(b, o)),
  23: scalar('pulseAbs2', 4, (b, o) => u32be(b, o)),
  24: scalar('analog2', 2, (b, o) => u16be(b, o)),
  25: (b, o, out) => {
    // A device with several probes repeats the type; later values become a list.
    const t = s16x10(b, o);
    const prev = out.externalTemperature2;
    out.externalTemperature2 =
      prev === undefined ? t : Array.isArray(prev) ? [...prev, t] : [prev, t];
    return 2;
  },
  26: scalar('digital2', 1, (b, o) => u8(b, o)),
  27: scalar('analogUv', 4, (b, o) => i32be(b, o)),
  28: scalar('tvoc', 2, (b, o) => u16be(b, o)),
  61: scalar('debug', 4, (b, o) => u32be(b, o)),
};

/**
 * Decodes an Elsys payload into the reference decoder's keys. An unknown type
 * byte stops decoding with a warning, because the size of its value is unknown.
 */
function decodeElsys(bytes: Uint8Array): { data: ElsysData; warnings: string[] } {
  const data: ElsysData = {};
  const warnings: string[] = [];
  let i = 0;
  while (i < bytes.length) {
    const type = u8(bytes, i);
    const field = FIELDS[type];
    if (field === undefined) {
      warnings.push(
        `unknown Elsys type 0x${type.toString(16).padStart(2, '0')} at byte offset ${i}; ` +
          `the remaining ${bytes.length - i} byte(s) were not decoded`,
      );
      break;
    }
    i += 1 + field(bytes, i + 1, data);
  }
  return { data, warnings };
}

function elsysDecoder(id: string): DeviceDecoder<ElsysData> {
  return defineDecoder<ElsysData>(findInfo(catalog, id), ({ bytes }) => {
    if (bytes.length === 0) return { errors: [`${id}: empty payload`] };
    const { data, warnings } = decodeElsys(bytes);
    return success(data, warnings);
  });
}

/**
 * Elsys ELT-2 (temperature, humidity, pressure, external inputs).
 *
 * @example
 * ```ts
 * import { elt2 } from '@smartcitylab/decoders/elsys';
 * elt2.decodeUplink({ bytes: [0x01, 0x00, 0x4b, 0x02, 0x54], fPort: 5 });
 * // { data: { temperature: 7.5, humidity: 84 } }
 * ```
 */
export const elt2: DeviceDecoder<ElsysData> = /* @__PURE__ */ elsysDecoder('elsys/elt-2');

/**
 * Elsys ELT Lite (external temperature probe, digital and pulse input).
 *
 * @example
 * ```ts
 * import { eltLite } from '@smartcitylab/decoders/elsys';
 * eltLite.decodeUplink({ bytes: [0x0c, 0x00, 0xc1], fPort: 5 }); // externalTemperature 19.3
 * ```
 */
export const eltLite: DeviceDecoder<ElsysData> = /* @__PURE__ */ elsysDecoder('elsys/elt-lite');

/**
 * Elsys EMS (indoor climate, water leak, acceleration).
 *
 * @example
 * ```ts
 * import { ems } from '@smartcitylab/decoders/elsys';
 * ems.decodeUplink({ bytes: [0x12, 0x00], fPort: 5 }); // { data: { waterleak: 0 } }
 * ```
 */
export const ems: DeviceDecoder<ElsysData> = /* @__PURE__ */ elsysDecoder('elsys/ems');

/**
 * Elsys EMS Door (door switch as pulse counter, acceleration).
 *
 * @example
 * ```ts
 * import { emsDoor } from '@smartcitylab/decoders/elsys';
 * emsDoor.decodeUplink({ bytes: [0x0a, 0x00, 0x03], fPort: 5 }); // { data: { pulse1: 3 } }
 * ```
 */
export const emsDoor: DeviceDecoder<ElsysData> = /* @__PURE__ */ elsysDecoder('elsys/ems-door');

/**
 * Elsys ERS (temperature, humidity, light, motion).
 *
 * @example
 * ```ts
 * import { ers } from '@smartcitylab/decoders/elsys';
 * ers.decodeUplink({ bytes: [0x01, 0x00, 0xe2], fPort: 5 }); // { data: { temperature: 22.6 } }
 * ```
 */
export const ers: DeviceDecoder<ElsysData> = /* @__PURE__ */ elsysDecoder('elsys/ers');

/**
 * Elsys ERS CO2 (ERS plus CO2).
 *
 * @example
 * ```ts
 * import { ersCo2 } from '@smartcitylab/decoders/elsys';
 * ersCo2.decodeUplink({ bytes: [0x06, 0x01, 0xab], fPort: 5 }); // { data: { co2: 427 } }
 * ```
 */
export const ersCo2: DeviceDecoder<ElsysData> = /* @__PURE__ */ elsysDecoder('elsys/ers-co2');

/**
 * Elsys ERS Lite (temperature, humidity).
 *
 * @example
 * ```ts
 * import { ersLite } from '@smartcitylab/decoders/elsys';
 * ersLite.decodeUplink({ bytes: [0x02, 0x29], fPort: 5 }); // { data: { humidity: 41 } }
 * ```
 */
export const ersLite: DeviceDecoder<ElsysData> = /* @__PURE__ */ elsysDecoder('elsys/ers-lite');

/**
 * Elsys ERS Sound (ERS plus sound level peak and average).
 *
 * @example
 * ```ts
 * import { ersSound } from '@smartcitylab/decoders/elsys';
 * ersSound.decodeUplink({ bytes: [0x15, 0x40, 0x30], fPort: 5 }); // soundPeak 64, soundAvg 48
 * ```
 */
export const ersSound: DeviceDecoder<ElsysData> = /* @__PURE__ */ elsysDecoder('elsys/ers-sound');

/**
 * All Elsys decoders keyed by device id.
 *
 * @example
 * ```ts
 * import { decoders } from '@smartcitylab/decoders/elsys';
 * decoders['elsys/ers']?.decodeUplink({ bytes: [0x05, 0x01], fPort: 5 });
 * ```
 */
export const decoders: Readonly<Record<string, DeviceDecoder<unknown>>> = {
  'elsys/elt-2': elt2,
  'elsys/elt-lite': eltLite,
  'elsys/ems': ems,
  'elsys/ems-door': emsDoor,
  'elsys/ers': ers,
  'elsys/ers-co2': ersCo2,
  'elsys/ers-lite': ersLite,
  'elsys/ers-sound': ersSound,
};

export type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
export { catalog };

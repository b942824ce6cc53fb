/**
 * Sensefarm decoders. The soil sensor sends a sequence of fields, each a header
 * byte (type in the top 5 bits, sensor index in the low 3) and a big-endian value
 * whose size the type fixes. Key names follow the diwise Sensefarm decoder.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/sensefarm.js';
import type { Bytes } from '../internal/bytes.js';
import { f32be, i8, i16be, i32be, PayloadError, u8 } from '../internal/bytes.js';
import { defineDecoder, failure, success } from '../internal/define.js';
import type { DeviceDecoder, DeviceInfo } from '../types.js';

/** Decoded Sensefarm soil sensor uplink. */
export interface SensefarmSoilData {
  /** 0 unknown reset, 1 power-on reset, 2-3 watchdog, 4 low power, 5 power-on, 6 normal, 7 button. */
  TransmissionReason?: number;
  ProtocolVersion?: number;
  /** Battery voltage in mV. */
  BatteryVoltage?: number;
  /** Electrical resistance of each soil probe, Ω. */
  Resistances?: number[];
  /** Soil water tension of each probe, kPa. */
  SoilMoistures?: number[];
  /** Soil temperature in °C. */
  Temperature?: number;
}

function infoOf(id: string): DeviceInfo {
  const info = catalog.find((d) => d.id === id);
  if (info === undefined) throw new PayloadError(`Sensefarm catalog has no ${id}`);
  return info;
}

const ID = 'sensefarm/sensefarm-soil';

type Field = (b: Bytes, at: number, out: SensefarmSoilData) => number;

// Field type (header >> 3) → reader returning the value size in bytes.
const FIELDS: ReadonlyMap<number, Field> = new Map<number, Field>([
  [
    0x01,
    (b, at, out) => {
      out.Temperature = f32be(b, at);
      return 4;
    },
  ],
  [
    0x06,
    (b, at, out) => {
      out.BatteryVoltage = i16be(b, at);
      return 2;
    },
  ],
  [
    0x13,
    (b, at, out) => {
      out.Resistances = [...(out.Resistances ?? []), i32be(b, at)];
      return 4;
    },
  ],
  [
    0x15,
    (b, at, out) => {
      out.SoilMoistures = [...(out.SoilMoistures ?? []), i16be(b, at)];
      return 2;
    },
  ],
  [
    0x16,
    (b, at, out) => {
      out.TransmissionReason = i8(b, at);
      return 1;
    },
  ],
  [
    0x17,
    (b, at, out) => {
      out.ProtocolVersion = i16be(b, at);
      return 2;
    },
  ],
]);

/**
 * Sensefarm soil moisture sensor ("Cube 02": soil water tension and resistance per
 * probe, soil temperature, battery).
 *
 * @example
 * ```ts
 * import { sensefarmSoil } from '@smartcitylab/decoders/sensefarm';
 * sensefarmSoil.decodeUplink({ bytes: [0xb0, 0x06, 0xa8, 0x00, 0x06], fPort: 2 });
 * // { data: { TransmissionReason: 6, SoilMoistures: [6] } }
 * ```
 */
export const sensefarmSoil: DeviceDecoder<SensefarmSoilData> = defineDecoder<SensefarmSoilData>(
  infoOf(ID),
  (bytes) => {
    if (bytes.length < 2) {
      return failure(
        `${ID}: expected at least 2 bytes (a field header and its value), received ${bytes.length}`,
      );
    }
    const data: SensefarmSoilData = {};
    const warnings: string[] = [];
    let i = 0;
    while (i < bytes.length) {
      const header = u8(bytes, i);
      const field = FIELDS.get(header >> 3);
      if (field === undefined) {
        warnings.push(
          `${ID}: unknown field type ${header >> 3} (header 0x${header.toString(16).padStart(2, '0')}) ` +
            `at byte offset ${i}; the remaining ${bytes.length - i} byte(s) were not decoded`,
        );
        break;
      }
      i += 1 + field(bytes, i + 1, data);
    }
    return success(data, warnings);
  },
);

/**
 * All Sensefarm decoders keyed by device id.
 *
 * @example
 * ```ts
 * import { decoders } from '@smartcitylab/decoders/sensefarm';
 * decoders['sensefarm/sensefarm-soil']?.decodeUplink({ bytes: [0xb0, 0x06], fPort: 2 });
 * ```
 */
export const decoders = {
  [ID]: sensefarmSoil,
} as const satisfies Readonly<Record<string, DeviceDecoder<unknown>>>;

export type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
export { catalog };

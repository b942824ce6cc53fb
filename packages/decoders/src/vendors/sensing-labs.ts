/**
 * Sensing Labs decoders. SenLab T frames start with a frame id and a battery byte
 * and end with the temperature in 1/16 °C (signed, big-endian); the bytes between
 * are device-internal. Key names follow the diwise SenLab T decoder.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/sensing-labs.js';
import { i16be, PayloadError, u8 } from '../internal/bytes.js';
import { defineDecoder, failure, success } from '../internal/define.js';
import type { DeviceDecoder, DeviceInfo } from '../types.js';

/** Decoded SenLab T measurement. */
export interface SenlabTData {
  /** Frame id (1 = single probe measurement). */
  ID: number;
  /** Battery level in %, from the 0-254 battery byte. */
  BatteryLevel: number;
  /** Temperature in °C. */
  Temperature: number;
}

function infoOf(id: string): DeviceInfo {
  const info = catalog.find((d) => d.id === id);
  if (info === undefined) throw new PayloadError(`Sensing Labs catalog has no ${id}`);
  return info;
}

const ID = 'sensing-labs/senlab-t';
const SINGLE_PROBE = 1;
const DUAL_PROBE = 12;
// The probe reports these values when it cannot read the temperature.
const READING_ERRORS = new Set([-46.75, 85]);

/**
 * Sensing Labs SenLab T temperature sensor (single probe, frame id 1).
 *
 * @example
 * ```ts
 * import { senlabT } from '@smartcitylab/decoders/sensing-labs';
 * const bytes = [0x01, 0xb6, 0x8e, 0x16, 0x9c, 0x10, 0x01, 0x66];
 * senlabT.decodeUplink({ bytes, fPort: 3 });
 * // { data: { ID: 1, BatteryLevel: 71, Temperature: 22.375 } }
 * ```
 */
export const senlabT: DeviceDecoder<SenlabTData> = defineDecoder<SenlabTData>(
  infoOf(ID),
  (bytes) => {
    if (bytes.length < 4) {
      return failure(
        `${ID}: expected at least 4 bytes (id, battery, temperature), received ${bytes.length}`,
      );
    }
    const frame = u8(bytes, 0);
    if (frame === DUAL_PROBE) {
      return failure(`${ID}: dual probe frames (id 12) are not supported by this decoder`);
    }
    if (frame !== SINGLE_PROBE) {
      return failure(`${ID}: unknown frame id ${frame}; expected 1 (single probe measurement)`);
    }
    const temperature = i16be(bytes, bytes.length - 2) / 16;
    if (READING_ERRORS.has(temperature)) {
      return failure(
        `${ID}: the probe reported ${temperature} °C, its code for a sensor reading error`,
      );
    }
    return success({
      ID: frame,
      BatteryLevel: Math.floor((u8(bytes, 1) * 100) / 254),
      Temperature: temperature,
    });
  },
);

/**
 * All Sensing Labs decoders keyed by device id.
 *
 * @example
 * ```ts
 * import { decoders } from '@smartcitylab/decoders/sensing-labs';
 * decoders['sensing-labs/senlab-t']?.decodeUplink({ bytes: [1, 254, 0, 0x6a], fPort: 3 });
 * ```
 */
export const decoders = {
  [ID]: senlabT,
} as const satisfies Readonly<Record<string, DeviceDecoder<unknown>>>;

export type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
export { catalog };

/**
 * Talkpool decoders.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/talkpool.js';
import { PayloadError, u8, u16be } from '../internal/bytes.js';
import { defineDecoder, failure, success } from '../internal/define.js';
import type { DeviceDecoder, DeviceInfo } from '../types.js';

/** Decoded Talkpool OY1210 uplink; key names follow the diwise OY1210 decoder. */
export interface Oy1210Data {
  /** Air temperature in °C, one decimal. */
  Temperature: number;
  /** Relative humidity in %, one decimal. */
  Humidity: number;
  /** CO2 concentration in ppm. */
  CO2: number;
}

function infoOf(id: string): DeviceInfo {
  const info = catalog.find((d) => d.id === id);
  if (info === undefined) throw new PayloadError(`Talkpool catalog has no ${id}`);
  return info;
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

/**
 * Talkpool OY1210 CO2 sensor. The 5-byte frame packs two 12-bit values, temperature
 * (0.1 °C, offset -80 °C) and humidity (0.1 %, offset -25 %), followed by CO2 in ppm
 * (16 bits big-endian). Regular uplinks use fPort 2; fPort 1 (as some network
 * servers report it) is accepted too.
 *
 * @example
 * ```ts
 * import { oy1210 } from '@smartcitylab/decoders/talkpool';
 * oy1210.decodeUplink({ bytes: [0x41, 0x2b, 0x10, 0x03, 0x3a], fPort: 2 });
 * // { data: { Temperature: 24.1, Humidity: 43.8, CO2: 826 } }
 * ```
 */
export const oy1210: DeviceDecoder<Oy1210Data> = defineDecoder<Oy1210Data>(
  infoOf('talkpool/oy1210'),
  (bytes, fPort) => {
    if (fPort !== 2 && fPort !== 1) {
      return failure(`talkpool/oy1210: unsupported fPort ${fPort}; measurements arrive on fPort 2`);
    }
    if (bytes.length !== 5) {
      return failure(
        `talkpool/oy1210: expected a 5-byte measurement frame, received ${bytes.length} byte(s)`,
      );
    }
    const mid = u8(bytes, 2);
    const tempRaw = (u8(bytes, 0) << 4) | (mid >> 4);
    const humRaw = (u8(bytes, 1) << 4) | (mid & 0x0f);
    return success({
      Temperature: round1(tempRaw / 10 - 80),
      Humidity: round1(humRaw / 10 - 25),
      CO2: u16be(bytes, 3),
    });
  },
);

/**
 * All Talkpool decoders keyed by device id.
 *
 * @example
 * ```ts
 * import { decoders } from '@smartcitylab/decoders/talkpool';
 * decoders['talkpool/oy1210']?.decodeUplink({ bytes: [0x41, 0x2b, 0x10, 0x03, 0x3a], fPort: 2 });
 * ```
 */
export const decoders = {
  'talkpool/oy1210': oy1210,
} as const satisfies Readonly<Record<string, DeviceDecoder<unknown>>>;

export type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
export { catalog };

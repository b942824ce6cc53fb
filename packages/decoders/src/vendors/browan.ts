/**
 * Browan (Tabs) decoders: fixed 8-byte frames on a model-specific fPort.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/browan.js';
import type { Bytes } from '../internal/bytes.js';
import { u8, u16le, u24le } from '../internal/bytes.js';
import { defineDecoder, findInfo } from '../internal/define.js';
import type { DeviceDecoder } from '../types.js';

/**
 * Decoded Tabs event sensor uplink (door/window, motion).
 *
 * @example
 * ```ts
 * import { tbdw100 } from '@smartcitylab/decoders/browan';
 * const r = tbdw100.decodeUplink({ bytes: [0x01, 0xcb, 0x35, 0, 0, 0x01, 0, 0], fPort: 100 });
 * if ('data' in r) console.log(r.data.status === 1 ? 'open' : 'closed');
 * ```
 */
export interface BrowanEventData {
  /** 1 = open / occupied, 0 = closed / free. */
  status: number;
  /** Battery voltage in volts. */
  battery: number;
  /** Board temperature in °C. */
  temperatureBoard: number;
  /** Minutes since the last event. */
  time: number;
  /** Event counter. */
  count: number;
}

/**
 * Decoded Tabs TBHH100 uplink.
 *
 * @example
 * ```ts
 * import { tbhh100 } from '@smartcitylab/decoders/browan';
 * const r = tbhh100.decodeUplink({ bytes: [0x08, 0xab, 0x35, 0x22], fPort: 103 });
 * if ('data' in r) console.log(r.data.humidity); // 34
 * ```
 */
export interface BrowanClimateData {
  status: number;
  battery: number;
  temperature: number;
  humidity: number;
}

// Tabs encode battery as 4 bits of (volts * 10 - 25) and temperature with a +32 offset.
const volts = (b: Bytes): number => (25 + (u8(b, 1) & 0x0f)) / 10;
const celsius = (b: Bytes): number => (u8(b, 2) & 0x7f) - 32;

function eventDecoder(id: string, port: number): DeviceDecoder<BrowanEventData> {
  return defineDecoder<BrowanEventData>(findInfo(catalog, id), (bytes, fPort) => {
    if (fPort !== port) return { errors: ['unknown FPort'] };
    // A full frame needs no per-field bounds check; a short one takes the checked readers,
    // which name the offset that is missing.
    if (bytes.length >= 8) {
      const b = bytes;
      return {
        data: {
          status: (b[0] as number) & 0x01,
          battery: (25 + ((b[1] as number) & 0x0f)) / 10,
          temperatureBoard: ((b[2] as number) & 0x7f) - 32,
          time: (b[3] as number) | ((b[4] as number) << 8),
          count: (b[5] as number) | ((b[6] as number) << 8) | ((b[7] as number) << 16),
        },
      };
    }
    return {
      data: {
        status: u8(bytes, 0) & 0x01,
        battery: volts(bytes),
        temperatureBoard: celsius(bytes),
        time: u16le(bytes, 3),
        count: u24le(bytes, 5),
      },
    };
  });
}

/**
 * Browan TBDW100 door and window sensor (fPort 100).
 *
 * @example
 * ```ts
 * import { tbdw100 } from '@smartcitylab/decoders/browan';
 * tbdw100.decodeUplink({ bytes: [0x00, 0xcb, 0x35, 0x00, 0x00, 0x8a, 0x3a, 0x00], fPort: 100 });
 * // { data: { status: 0, battery: 3.6, temperatureBoard: 21, time: 0, count: 14986 } }
 * ```
 */
export const tbdw100: DeviceDecoder<BrowanEventData> = /* @__PURE__ */ eventDecoder(
  'browan/tbdw100',
  100,
);

/**
 * Browan TBMS100 motion sensor (fPort 102).
 *
 * @example
 * ```ts
 * import { tbms100 } from '@smartcitylab/decoders/browan';
 * tbms100.decodeUplink({ bytes: [0x01, 0xbb, 0x34, 0x04, 0x00, 0xdc, 0x78, 0x01], fPort: 102 });
 * // { data: { status: 1, battery: 3.6, temperatureBoard: 20, time: 4, count: 96476 } }
 * ```
 */
export const tbms100: DeviceDecoder<BrowanEventData> = /* @__PURE__ */ eventDecoder(
  'browan/tbms100',
  102,
);

/**
 * Browan TBHH100 temperature and humidity sensor (fPort 103).
 *
 * @example
 * ```ts
 * import { tbhh100 } from '@smartcitylab/decoders/browan';
 * tbhh100.decodeUplink({ bytes: [0x08, 0xab, 0x35, 0x22], fPort: 103 });
 * // { data: { status: 1, battery: 3.6, temperature: 21, humidity: 34 } }
 * ```
 */
export const tbhh100: DeviceDecoder<BrowanClimateData> =
  /* @__PURE__ */ defineDecoder<BrowanClimateData>(
    findInfo(catalog, 'browan/tbhh100'),
    (bytes, fPort) => {
      if (fPort !== 103) return { errors: ['unknown FPort'] };
      if (bytes.length >= 4) {
        const b = bytes;
        return {
          data: {
            status: (b[0] as number) >> 3,
            battery: (25 + ((b[1] as number) & 0x0f)) / 10,
            temperature: ((b[2] as number) & 0x7f) - 32,
            humidity: (b[3] as number) & 0x7f,
          },
        };
      }
      return {
        data: {
          status: u8(bytes, 0) >> 3,
          battery: volts(bytes),
          temperature: celsius(bytes),
          humidity: u8(bytes, 3) & 0x7f,
        },
      };
    },
  );

/**
 * All Browan decoders keyed by device id.
 *
 * @example
 * ```ts
 * import { decoders } from '@smartcitylab/decoders/browan';
 * decoders['browan/tbhh100']?.decodeUplink({ bytes: [0x08, 0xab, 0x35, 0x22], fPort: 103 });
 * ```
 */
export const decoders = {
  'browan/tbdw100': tbdw100,
  'browan/tbhh100': tbhh100,
  'browan/tbms100': tbms100,
} as const satisfies Readonly<Record<string, DeviceDecoder<unknown>>>;

export type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
export { catalog };

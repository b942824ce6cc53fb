/**
 * Browan (Tabs) decoders: fixed 8-byte frames on a model-specific fPort.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/browan.js';
import type { Bytes } from '../internal/bytes.js';
import { u8, u16le, u24le } from '../internal/bytes.js';
import { defineDecoder, findInfo, isPayload } from '../internal/define.js';
import type { DecodeUplinkResult, DeviceDecoder, UplinkInput } from '../types.js';

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
  const info = findInfo(catalog, id);
  const checked = defineDecoder<BrowanEventData>(info, (bytes, fPort) => {
    if (fPort !== port) return { errors: ['unknown FPort'] };
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
  // Another fPort is answered and a full frame on the device's fPort is decoded here, in place and without per-field bounds
  // checks; anything else (short frames, other ports, bad input) takes the checked path, which
  // names what is wrong. Per device rather than shared, so the call site stays monomorphic.
  const decodeUplink = (input: UplinkInput): DecodeUplinkResult<BrowanEventData> => {
    try {
      const b = input.bytes;
      const fPort = input.fPort;
      if (fPort !== port && typeof fPort === 'number' && (fPort & 0xff) === fPort && isPayload(b)) {
        return { errors: ['unknown FPort'] };
      }
      if (fPort === port && b.length >= 8 && isPayload(b)) {
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
    } catch {
      // A hostile input (null, throwing getters): the checked path reports it.
    }
    return checked.decodeUplink(input);
  };
  return { info, decodeUplink };
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
export const tbhh100: DeviceDecoder<BrowanClimateData> = /* @__PURE__ */ (() => {
  const info = findInfo(catalog, 'browan/tbhh100');
  const checked = defineDecoder<BrowanClimateData>(info, (bytes, fPort) => {
    if (fPort !== 103) return { errors: ['unknown FPort'] };
    return {
      data: {
        status: u8(bytes, 0) >> 3,
        battery: volts(bytes),
        temperature: celsius(bytes),
        humidity: u8(bytes, 3) & 0x7f,
      },
    };
  });
  // The same split as the event sensors: a full frame here, anything else checked.
  const decodeUplink = (input: UplinkInput): DecodeUplinkResult<BrowanClimateData> => {
    try {
      const b = input.bytes;
      const fPort = input.fPort;
      if (fPort !== 103 && typeof fPort === 'number' && (fPort & 0xff) === fPort && isPayload(b)) {
        return { errors: ['unknown FPort'] };
      }
      if (fPort === 103 && b.length >= 4 && isPayload(b)) {
        return {
          data: {
            status: (b[0] as number) >> 3,
            battery: (25 + ((b[1] as number) & 0x0f)) / 10,
            temperature: ((b[2] as number) & 0x7f) - 32,
            humidity: (b[3] as number) & 0x7f,
          },
        };
      }
    } catch {
      // A hostile input: the checked path reports it.
    }
    return checked.decodeUplink(input);
  };
  return { info, decodeUplink };
})();

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

/**
 * Browan (Tabs) decoders: fixed 8-byte frames on a model-specific fPort.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/browan.js';
import type { Bytes } from '../internal/bytes.js';
import { u8, u16le, u24le } from '../internal/bytes.js';
import { bytesFrom, defineDecoder, findInfo } from '../internal/define.js';
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

/**
 * Whether the elements `x` of a `number[]` payload are all integers 0-255, for a fast path that
 * read them into locals: a check per element that `x` is an integer (which costs nothing once
 * V8 knows the array holds small integers), then one range check over all of them at once.
 * Exact: `x === (x | 0)` holds only for integers of 32 bits (and -0), and an OR of such integers
 * has no bit above the low 8 set only if none of them has. A `-0` passes, which the Browan
 * frames allow: every field goes through an integer operator, so it decodes as 0 here as on the
 * checked path.
 */
const int = (x: unknown): x is number => typeof x === 'number' && x === (x | 0);

/**
 * A frame of an event sensor given as a `number[]`, read in place: the 8 bytes are checked as
 * they are read (see {@link int}), any further element after, so that anything the checked path
 * would reject (a short frame, an element that is not an integer 0-255) gives `undefined` and
 * goes there.
 */
function eventFromArray(b: readonly unknown[]): DecodeUplinkResult<BrowanEventData> | undefined {
  if (b.length < 8) return undefined;
  const s = b[0];
  const v = b[1];
  const t = b[2];
  const m0 = b[3];
  const m1 = b[4];
  const c0 = b[5];
  const c1 = b[6];
  const c2 = b[7];
  if (
    int(s) &&
    int(v) &&
    int(t) &&
    int(m0) &&
    int(m1) &&
    int(c0) &&
    int(c1) &&
    int(c2) &&
    ((s | v | t | m0 | m1 | c0 | c1 | c2) & ~0xff) === 0 &&
    (b.length === 8 || bytesFrom(b, 8))
  ) {
    return {
      data: {
        status: s & 0x01,
        battery: (25 + (v & 0x0f)) / 10,
        temperatureBoard: (t & 0x7f) - 32,
        time: m0 | (m1 << 8),
        count: c0 | (c1 << 8) | (c2 << 16),
      },
    };
  }
  return undefined;
}

/**
 * The TBHH100's counterpart of {@link eventFromArray}: 4 bytes read, and any padding after them
 * (the device pads its frame to 8 bytes) checked in a loop. A loop rather than straight-line
 * reads keeps the function small enough for V8 to inline it along with the wrapper into the
 * caller's loop.
 */
function climateFromArray(
  b: readonly unknown[],
): DecodeUplinkResult<BrowanClimateData> | undefined {
  const n = b.length;
  if (n < 4) return undefined;
  const s = b[0];
  const v = b[1];
  const t = b[2];
  const h = b[3];
  if (!(int(s) && int(v) && int(t) && int(h))) return undefined;
  let all = s | v | t | h;
  for (let i = 4; i < n; i++) {
    const p = b[i];
    if (!int(p)) return undefined;
    all |= p;
  }
  if ((all & ~0xff) !== 0) return undefined;
  return {
    data: {
      status: s >> 3,
      battery: (25 + (v & 0x0f)) / 10,
      temperature: (t & 0x7f) - 32,
      humidity: h & 0x7f,
    },
  };
}

/**
 * Whether `b` is a payload the checked path would accept: a `Uint8Array` or an array of bytes
 * (checked as in {@link int}, in a loop of its own rather than the shared `bytesFrom`, whose
 * element loads every caller's arrays make polymorphic). A -0 passes: the checked path reads it
 * as 0, and the answer on another fPort does not depend on the bytes.
 */
const isPayloadOf = (b: unknown): boolean => {
  if (!Array.isArray(b)) return b instanceof Uint8Array;
  let all = 0;
  for (let i = 0; i < b.length; i++) {
    const x: unknown = b[i];
    if (!int(x)) return false;
    all |= x;
  }
  return (all & ~0xff) === 0;
};

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
  // A full frame on the device's fPort, and any payload on another fPort, are answered here; the
  // rest (short frames, bad input) takes the checked path, which names what is wrong. Kept small
  // enough for V8 to inline into the caller (a call costs about as much as the vendor's whole
  // codec); the number[] reader is a function of its own for the same reason.
  const decodeUplink = (input: UplinkInput): DecodeUplinkResult<BrowanEventData> => {
    try {
      const b: unknown = input.bytes;
      const fPort: unknown = input.fPort;
      if (fPort === port) {
        if (Array.isArray(b)) {
          const result = eventFromArray(b);
          if (result !== undefined) return result;
        } else if (b instanceof Uint8Array && b.length >= 8) {
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
      } else if (typeof fPort === 'number' && (fPort & 0xff) === fPort && isPayloadOf(b)) {
        return { errors: ['unknown FPort'] };
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
  // The same split as the event sensors.
  const decodeUplink = (input: UplinkInput): DecodeUplinkResult<BrowanClimateData> => {
    try {
      const b: unknown = input.bytes;
      const fPort: unknown = input.fPort;
      if (fPort === 103) {
        if (Array.isArray(b)) {
          const result = climateFromArray(b);
          if (result !== undefined) return result;
        } else if (b instanceof Uint8Array && b.length >= 4) {
          return {
            data: {
              status: (b[0] as number) >> 3,
              battery: (25 + ((b[1] as number) & 0x0f)) / 10,
              temperature: ((b[2] as number) & 0x7f) - 32,
              humidity: (b[3] as number) & 0x7f,
            },
          };
        }
      } else if (typeof fPort === 'number' && (fPort & 0xff) === fPort && isPayloadOf(b)) {
        return { errors: ['unknown FPort'] };
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

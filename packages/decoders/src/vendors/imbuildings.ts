/**
 * IMBUILDINGS decoders.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/imbuildings.js';
import type { Bytes } from '../internal/bytes.js';
import { PayloadError } from '../internal/bytes.js';
import { defineDecoder, failure, isPayload } from '../internal/define.js';
import { hexWords } from '../internal/frame.js';
import type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';

/** Decoded IMBUILDINGS people counter uplink; keys follow the IMBUILDINGS TTN decoder. */
export interface PeopleCounterData {
  /** Payload type, 2 for people counters (present when the frame carries the header). */
  device_type_identifier?: number;
  /** Always `People Counter` when the header is present. */
  device_type?: string;
  /** Payload variant (5, 6, 7 or 8). */
  device_type_variant?: number;
  /** 8-byte device id as lower-case hex. */
  device_id?: string;
  device_status?: number;
  /** Battery voltage in V. */
  battery_voltage?: number;
  /** People counted in direction A since the previous uplink. */
  counter_a?: number;
  /** People counted in direction B since the previous uplink. */
  counter_b?: number;
  sensor_status?: number;
  /** Running total in direction A. */
  total_counter_a?: number;
  /** Running total in direction B. */
  total_counter_b?: number;
  /** Uplink sequence number (wraps at 256). */
  payload_counter?: number;
}

function infoOf(id: string): DeviceInfo {
  const info = catalog.find((d) => d.id === id);
  if (info === undefined) throw new PayloadError(`IMBUILDINGS catalog has no ${id}`);
  return info;
}

const ID = 'imbuildings/people-counter';
const PEOPLE_COUNTER = 2;
// Frame length with the 10-byte header (type, variant, 8-byte device id), per variant.
const HEADER_LENGTH: Readonly<Record<number, number>> = { 5: 19, 6: 23, 7: 15, 8: 14 };
// Without the header the variant is implied by the fPort (IMBUILDINGS port scheme).
const PORT_VARIANT: Readonly<Record<number, { variant: number; length: number }>> = {
  26: { variant: 6, length: 13 },
  27: { variant: 7, length: 5 },
  28: { variant: 8, length: 4 },
};

/** Big-endian 16-bit word at `o`; the caller has checked the frame's length and elements. */
const word = (b: Bytes, o: number): number => ((b[o] as number) << 8) | (b[o + 1] as number);

/**
 * The fields of a frame whose length matches its variant, the header fields first when `head` is
 * set. One object literal per variant, in the reference decoder's key order: a literal gets its
 * final shape at once, where adding the fields one by one would walk a chain of shapes.
 */
function readFrame(b: Bytes, variant: number, head: boolean): PeopleCounterData {
  const n = b.length;
  if (variant === 7) {
    const sensor_status = b[n - 5] as number;
    const total_counter_a = word(b, n - 4);
    const total_counter_b = word(b, n - 2);
    return head
      ? {
          device_type_identifier: PEOPLE_COUNTER,
          device_type: 'People Counter',
          device_type_variant: 7,
          device_id: deviceId(b),
          sensor_status,
          total_counter_a,
          total_counter_b,
        }
      : { sensor_status, total_counter_a, total_counter_b };
  }
  // Variants 5, 6 and 8 open the body with the device status and the battery.
  const at = variant === 5 ? 10 : variant === 6 ? n - 13 : n - 4;
  const device_status = b[at] as number;
  const battery_voltage = word(b, at + 1) / 100;
  if (variant === 8) {
    const sensor_status = b[n - 1] as number;
    return head
      ? {
          device_type_identifier: PEOPLE_COUNTER,
          device_type: 'People Counter',
          device_type_variant: 8,
          device_id: deviceId(b),
          device_status,
          battery_voltage,
          sensor_status,
        }
      : { device_status, battery_voltage, sensor_status };
  }
  if (variant === 5) {
    // Only ever sent with the header.
    return {
      device_type_identifier: PEOPLE_COUNTER,
      device_type: 'People Counter',
      device_type_variant: 5,
      device_id: deviceId(b),
      device_status,
      battery_voltage,
      counter_a: word(b, n - 6),
      counter_b: word(b, n - 4),
      sensor_status: b[n - 2] as number,
      payload_counter: b[n - 1] as number,
    };
  }
  const counter_a = word(b, n - 10);
  const counter_b = word(b, n - 8);
  const sensor_status = b[n - 6] as number;
  const total_counter_a = word(b, n - 5);
  const total_counter_b = word(b, n - 3);
  const payload_counter = b[n - 1] as number;
  return head
    ? {
        device_type_identifier: PEOPLE_COUNTER,
        device_type: 'People Counter',
        device_type_variant: 6,
        device_id: deviceId(b),
        device_status,
        battery_voltage,
        counter_a,
        counter_b,
        sensor_status,
        total_counter_a,
        total_counter_b,
        payload_counter,
      }
    : {
        device_status,
        battery_voltage,
        counter_a,
        counter_b,
        sensor_status,
        total_counter_a,
        total_counter_b,
        payload_counter,
      };
}

/** The 8-byte device id (bytes 2-9) as lower-case hex, memoised: a device sends it every time. */
const deviceId = (b: Bytes): string =>
  hexWords(((word(b, 2) << 16) | word(b, 4)) >>> 0, ((word(b, 6) << 16) | word(b, 8)) >>> 0, true);

/** Decodes a frame (a `Uint8Array`, or an array whose every element is an integer 0-255). */
function decodeFrame(bytes: Bytes, fPort: number): DecodeUplinkResult<PeopleCounterData> {
  const type = bytes[0];
  const variant = bytes[1];
  if (type === PEOPLE_COUNTER && variant !== undefined && HEADER_LENGTH[variant] !== undefined) {
    const want = HEADER_LENGTH[variant];
    if (bytes.length !== want) {
      return failure(
        `${ID}: a variant ${variant} frame with header is ${want} bytes, received ${bytes.length}`,
      );
    }
    return { data: readFrame(bytes, variant, true) };
  }
  const byPort = PORT_VARIANT[fPort];
  if (byPort === undefined) {
    return failure(
      `${ID}: no IMBUILDINGS header (type 2, variant 5-8) and fPort ${fPort} implies no ` +
        'variant; send with the header or on fPort 26, 27 or 28',
    );
  }
  if (bytes.length !== byPort.length) {
    return failure(
      `${ID}: a header-less variant ${byPort.variant} frame on fPort ${fPort} is ` +
        `${byPort.length} bytes, received ${bytes.length}`,
    );
  }
  return { data: readFrame(bytes, byPort.variant, false) };
}

const checked = /* @__PURE__ */ defineDecoder<PeopleCounterData>(infoOf(ID), decodeFrame);

/**
 * IMBUILDINGS LoRaWAN People Counter. Frames with the IMBUILDINGS header (type 2,
 * variant 5-8, 8-byte device id) decode on any fPort; header-less frames decode on
 * fPort 26 (variant 6), 27 (variant 7) and 28 (variant 8).
 *
 * @example
 * ```ts
 * import { peopleCounter } from '@smartcitylab/decoders/imbuildings';
 * const r = peopleCounter.decodeUplink({ bytes: [0x00, 0x00, 0x0d, 0x00, 0x0a], fPort: 27 });
 * // { data: { sensor_status: 0, total_counter_a: 13, total_counter_b: 10 } }
 * ```
 */
export const peopleCounter: DeviceDecoder<PeopleCounterData> = {
  info: checked.info,
  // A valid payload is read in place (an array is checked element by element first, which
  // costs less than the checked path's copy into a `Uint8Array`); anything else takes the
  // checked path, which names what is wrong.
  decodeUplink: (input: UplinkInput): DecodeUplinkResult<PeopleCounterData> => {
    try {
      const b = input.bytes;
      const fPort = input.fPort;
      if (typeof fPort === 'number' && (fPort & 0xff) === fPort && isPayload(b)) {
        return decodeFrame(b, fPort);
      }
    } catch {
      // A hostile input (null, throwing getters): the checked path reports it.
    }
    return checked.decodeUplink(input);
  },
};

/**
 * All IMBUILDINGS decoders keyed by device id.
 *
 * @example
 * ```ts
 * import { decoders } from '@smartcitylab/decoders/imbuildings';
 * decoders['imbuildings/people-counter']?.decodeUplink({ bytes: [0, 0, 13, 0, 10], fPort: 27 });
 * ```
 */
export const decoders = {
  [ID]: peopleCounter,
} as const satisfies Readonly<Record<string, DeviceDecoder<unknown>>>;

export type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
export { catalog };

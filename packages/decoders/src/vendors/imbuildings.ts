/**
 * IMBUILDINGS decoders.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/imbuildings.js';
import type { Bytes } from '../internal/bytes.js';
import { hex, PayloadError, sliceBytes, u8, u16be } from '../internal/bytes.js';
import { defineDecoder, failure, success } from '../internal/define.js';
import type { DeviceDecoder, DeviceInfo } from '../types.js';

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

/** Reads the variant body, which always sits at the end of the frame. */
function readBody(bytes: Bytes, variant: number, out: PeopleCounterData): void {
  const n = bytes.length;
  switch (variant) {
    case 5:
      out.device_status = u8(bytes, 10);
      out.battery_voltage = u16be(bytes, 11) / 100;
      out.counter_a = u16be(bytes, n - 6);
      out.counter_b = u16be(bytes, n - 4);
      out.sensor_status = u8(bytes, n - 2);
      out.payload_counter = u8(bytes, n - 1);
      return;
    case 6:
      out.device_status = u8(bytes, n - 13);
      out.battery_voltage = u16be(bytes, n - 12) / 100;
      out.counter_a = u16be(bytes, n - 10);
      out.counter_b = u16be(bytes, n - 8);
      out.sensor_status = u8(bytes, n - 6);
      out.total_counter_a = u16be(bytes, n - 5);
      out.total_counter_b = u16be(bytes, n - 3);
      out.payload_counter = u8(bytes, n - 1);
      return;
    case 7:
      out.sensor_status = u8(bytes, n - 5);
      out.total_counter_a = u16be(bytes, n - 4);
      out.total_counter_b = u16be(bytes, n - 2);
      return;
    default:
      out.device_status = u8(bytes, n - 4);
      out.battery_voltage = u16be(bytes, n - 3) / 100;
      out.sensor_status = u8(bytes, n - 1);
  }
}

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
export const peopleCounter: DeviceDecoder<PeopleCounterData> = defineDecoder<PeopleCounterData>(
  infoOf(ID),
  (bytes, fPort) => {
    const type = bytes[0];
    const variant = bytes[1];
    if (type === PEOPLE_COUNTER && variant !== undefined && HEADER_LENGTH[variant] !== undefined) {
      const want = HEADER_LENGTH[variant];
      if (bytes.length !== want) {
        return failure(
          `${ID}: a variant ${variant} frame with header is ${want} bytes, received ${bytes.length}`,
        );
      }
      const data: PeopleCounterData = {
        device_type_identifier: type,
        device_type: 'People Counter',
        device_type_variant: variant,
        device_id: hex(sliceBytes(bytes, 2, 10)),
      };
      readBody(bytes, variant, data);
      return success(data);
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
    const data: PeopleCounterData = {};
    readBody(bytes, byPort.variant, data);
    return success(data);
  },
);

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

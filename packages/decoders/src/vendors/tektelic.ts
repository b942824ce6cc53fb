/**
 * Tektelic decoders. Sensor data on fPort 10 is a list of channel byte, type byte
 * and a value whose size and scale the pair fixes.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/tektelic.js';
import type { Bytes } from '../internal/bytes.js';
import { hex, i16be, u8, u16be } from '../internal/bytes.js';
import { defineDecoder, findInfo, success } from '../internal/define.js';
import type { DeviceDecoder } from '../types.js';

/**
 * Decoded Tektelic uplink; keys follow the Tektelic reference decoder.
 *
 * @example
 * ```ts
 * import { t00061xxSmartRoomSensor } from '@smartcitylab/decoders/tektelic';
 * const r = t00061xxSmartRoomSensor.decodeUplink({ bytes: [0x02, 0x00, 0x01], fPort: 10 });
 * if ('data' in r) console.log(r.data.light_detected); // 1
 * ```
 */
export type TektelicData = Record<string, number | string | Record<string, number>>;

interface Field {
  size: number;
  /** Output key. */
  name: string;
  read(b: Bytes, o: number): number | Record<string, number>;
}

const round = (v: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};
const unsigned8 = (name: string): Field => ({
  size: 1,
  name,
  read: (b, o) => u8(b, o),
});
const unsigned16 = (name: string): Field => ({
  size: 2,
  name,
  read: (b, o) => u16be(b, o),
});
const scaled16 = (name: string, scale: number, digits: number, signed = true): Field => ({
  size: 2,
  name,
  read: (b, o) => round((signed ? i16be(b, o) : u16be(b, o)) * scale, digits),
});

const pair = (channel: number, type: number): number => (channel << 8) | type;

const SMART_ROOM: ReadonlyMap<number, Field> = /* @__PURE__ */ new Map([
  [pair(0x00, 0xff), scaled16('battery_voltage', 0.01, 2)],
  [pair(0x00, 0xba), scaled16('battery_voltage', 0.001, 3, false)],
  [pair(0x01, 0x00), unsigned8('reed_state')],
  [pair(0x02, 0x00), unsigned8('light_detected')],
  [pair(0x03, 0x67), scaled16('ambient_temperature', 0.1, 1)],
  [pair(0x04, 0x68), { size: 1, name: 'relative_humidity', read: (b, o) => u8(b, o) * 0.5 }],
  [pair(0x05, 0x02), scaled16('acceleration_magnitude', 0.001, 3)],
  [
    pair(0x07, 0x71),
    {
      size: 6,
      name: 'Acceleration',
      read: (b, o) => ({
        x: round(i16be(b, o) * 0.001, 3),
        y: round(i16be(b, o + 2) * 0.001, 3),
        z: round(i16be(b, o + 4) * 0.001, 3),
      }),
    },
  ],
  [pair(0x08, 0x04), unsigned16('reed_count')],
  [pair(0x09, 0x00), unsigned8('moisture')],
  [pair(0x0a, 0x00), unsigned8('motion_event_state')],
  [pair(0x0b, 0x67), scaled16('mcu_temperature', 0.1, 1)],
  [pair(0x0c, 0x00), unsigned8('impact_alarm')],
  [pair(0x0d, 0x04), unsigned16('motion_event_count')],
  [pair(0x0e, 0x00), unsigned8('external_connector_state')],
  [pair(0x0f, 0x04), unsigned16('external_connector_count')],
  [pair(0x10, 0x02), unsigned8('light_intensity')],
  [pair(0x11, 0x02), scaled16('external_connector_analog_mv', 0.001, 3)],
]);

/** The reference decoder echoes the payload as `[0A, FF, ...]`. */
function rawList(bytes: Bytes): string {
  let text = '[';
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0) text += ', ';
    text += HEX_UPPER[bytes[i] as number] as string;
  }
  return `${text}]`;
}

/** `00` ... `FF`, built once. */
const HEX_UPPER = /* @__PURE__ */ Array.from({ length: 256 }, (_, i) =>
  (i < 16 ? `0${i.toString(16)}` : i.toString(16)).toUpperCase(),
);

/**
 * Tektelic Smart Room Sensor (T00061xx) sensor reports on fPort 10.
 *
 * @example
 * ```ts
 * import { t00061xxSmartRoomSensor } from '@smartcitylab/decoders/tektelic';
 * t00061xxSmartRoomSensor.decodeUplink({ bytes: [0x03, 0x67, 0x01, 0x26], fPort: 10 });
 * // { data: { ambient_temperature: 29.4, port: '10', raw: '[03, 67, 01, 26]' } }
 * ```
 */
export const t00061xxSmartRoomSensor: DeviceDecoder<TektelicData> =
  /* @__PURE__ */ defineDecoder<TektelicData>(
    findInfo(catalog, 'tektelic/t00061xx-smart-room-sensor'),
    (bytes, fPort) => {
      if (fPort !== 10) {
        return {
          errors: [`unknown FPort: only sensor reports on fPort 10 are decoded, got ${fPort}`],
        };
      }
      if (bytes.length === 0)
        return { errors: ['tektelic/t00061xx-smart-room-sensor: empty payload'] };
      const data: TektelicData = { port: String(fPort), raw: rawList(bytes) };
      const warnings: string[] = [];
      let i = 0;
      while (i < bytes.length) {
        const channel = u8(bytes, i);
        const type = u8(bytes, i + 1);
        const field = SMART_ROOM.get(pair(channel, type));
        if (field === undefined) {
          warnings.push(
            `unknown channel 0x${hex([channel])} type 0x${hex([type])} at byte offset ${i}; ` +
              `the remaining ${bytes.length - i} byte(s) were not decoded`,
          );
          break;
        }
        data[field.name] = field.read(bytes, i + 2);
        i += 2 + field.size;
      }
      return success(data, warnings);
    },
  );

/**
 * All Tektelic decoders keyed by device id.
 *
 * @example
 * ```ts
 * import { decoders } from '@smartcitylab/decoders/tektelic';
 * decoders['tektelic/t00061xx-smart-room-sensor']?.decodeUplink({ bytes: [0x02, 0x00, 0x01], fPort: 10 });
 * ```
 */
export const decoders = {
  'tektelic/t00061xx-smart-room-sensor': t00061xxSmartRoomSensor,
} as const satisfies Readonly<Record<string, DeviceDecoder<unknown>>>;

export type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
export { catalog };

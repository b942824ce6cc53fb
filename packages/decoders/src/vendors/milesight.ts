/**
 * Milesight IoT decoders. Payloads are a sequence of channel byte, type byte and
 * a value whose size the (channel, type) pair fixes; each model knows its own pairs.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/milesight.js';
import { hex, i16le, u8, u16le } from '../internal/bytes.js';
import { defineDecoder, findInfo, success } from '../internal/define.js';
import type { DeviceDecoder } from '../types.js';

/**
 * Decoded Milesight uplink; keys follow the Milesight reference decoders.
 *
 * @example
 * ```ts
 * import { ws301 } from '@smartcitylab/decoders/milesight';
 * const r = ws301.decodeUplink({ bytes: [0x03, 0x00, 0x01], fPort: 85 });
 * if ('data' in r) console.log(r.data.door); // 'open'
 * ```
 */
export type MilesightData = Record<string, number | string>;

interface Channel {
  size: number;
  /** Output key. */
  name: string;
  read(b: Uint8Array, o: number): number | string;
}

const key = (channel: number, type: number): number => (channel << 8) | type;
const pick = (names: readonly string[], v: number): string => names[v] ?? `unknown(${v})`;

const battery: Channel = { size: 1, name: 'battery', read: (b, o) => u8(b, o) };
const temperature: Channel = {
  size: 2,
  name: 'temperature',
  read: (b, o) => i16le(b, o) / 10,
};
const humidity: Channel = { size: 1, name: 'humidity', read: (b, o) => u8(b, o) / 2 };
const u16 = (name: string, scale = 1): Channel => ({
  size: 2,
  name,
  read: (b, o) => u16le(b, o) / scale,
});

// Device-information channels every Milesight device may send after joining; versions are
// printed the way Milesight's tools show them (hex major/minor for hardware and firmware).
const DEVICE_INFO: ReadonlyMap<number, Channel> = /* @__PURE__ */ new Map([
  [
    key(0xff, 0x01),
    { size: 1, name: 'ipso_version', read: (b, o) => `v${u8(b, o) >> 4}.${u8(b, o) & 0x0f}` },
  ],
  [
    key(0xff, 0x09),
    {
      size: 2,
      name: 'hardware_version',
      read: (b, o) => `v${u8(b, o).toString(16)}.${u8(b, o + 1) >> 4}`,
    },
  ],
  [
    key(0xff, 0x0a),
    {
      size: 2,
      name: 'firmware_version',
      read: (b, o) => `v${u8(b, o).toString(16)}.${u8(b, o + 1).toString(16)}`,
    },
  ],
  [key(0xff, 0x0b), { size: 1, name: 'device_status', read: () => 'on' }],
  [key(0xff, 0xfe), { size: 1, name: 'reset_event', read: () => 'reset' }],
  [
    key(0xff, 0xff),
    { size: 2, name: 'tsl_version', read: (b, o) => `v${u8(b, o)}.${u8(b, o + 1)}` },
  ],
  [
    key(0xff, 0x0f),
    {
      size: 1,
      name: 'lorawan_class',
      read: (b, o) => pick(['Class A', 'Class B', 'Class C', 'Class CtoB'], u8(b, o)),
    },
  ],
  [key(0xff, 0x16), { size: 8, name: 'sn', read: (b, o) => hex(b.subarray(o, o + 8)) }],
]);

function table(
  entries: readonly (readonly [number, number, Channel])[],
): ReadonlyMap<number, Channel> {
  const map = new Map(DEVICE_INFO);
  for (const [c, t, ch] of entries) map.set(key(c, t), ch);
  return map;
}

const AM300 = /* @__PURE__ */ table([
  [0x01, 0x75, battery],
  [0x03, 0x67, temperature],
  [0x04, 0x68, humidity],
  [0x05, 0x00, { size: 1, name: 'activity', read: (b, o) => pick(['idle', 'trigger'], u8(b, o)) }],
  [0x06, 0xcb, { size: 1, name: 'light_level', read: (b, o) => u8(b, o) }],
  [0x07, 0x7d, u16('co2')],
  [0x08, 0x7d, u16('tvoc')],
  [0x09, 0x73, u16('pressure', 10)],
  [0x0a, 0x7d, u16('hcho', 100)],
  [0x0b, 0x7d, u16('pm2.5')],
  [0x0c, 0x7d, u16('pm10')],
  [0x0d, 0x7d, u16('o3', 100)],
  [0x0e, 0x01, { size: 1, name: 'beep', read: (b, o) => pick(['no', 'yes'], u8(b, o)) }],
]);

const EM300_TH = /* @__PURE__ */ table([
  [0x01, 0x75, battery],
  [0x03, 0x67, temperature],
  [0x04, 0x68, humidity],
]);

const EM310_UDL = /* @__PURE__ */ table([
  [0x01, 0x75, battery],
  [0x03, 0x82, u16('distance')],
  [0x04, 0x00, { size: 1, name: 'tilt', read: (b, o) => pick(['normal', 'tilt'], u8(b, o)) }],
]);

const EM500_CO2 = /* @__PURE__ */ table([
  [0x01, 0x75, battery],
  [0x03, 0x67, temperature],
  [0x04, 0x68, humidity],
  [0x05, 0x7d, u16('co2')],
  [0x06, 0x73, u16('pressure', 10)],
]);

const EM500_UDL = /* @__PURE__ */ table([
  [0x01, 0x75, battery],
  [0x03, 0x82, u16('distance')],
]);

const WS101 = /* @__PURE__ */ table([
  [0x01, 0x75, battery],
  [
    0xff,
    0x2e,
    {
      size: 1,
      name: 'button',
      read: (b, o) => pick(['unknown(0)', 'short', 'long', 'double'], u8(b, o)),
    },
  ],
]);

const WS301 = /* @__PURE__ */ table([
  [0x01, 0x75, battery],
  [0x03, 0x00, { size: 1, name: 'door', read: (b, o) => pick(['close', 'open'], u8(b, o)) }],
  [0x04, 0x00, { size: 1, name: 'install', read: (b, o) => pick(['yes', 'no'], u8(b, o)) }],
]);

function milesightDecoder(
  id: string,
  channels: ReadonlyMap<number, Channel>,
): DeviceDecoder<MilesightData> {
  return defineDecoder<MilesightData>(findInfo(catalog, id), ({ bytes }) => {
    if (bytes.length === 0) return { errors: [`${id}: empty payload`] };
    const data: MilesightData = {};
    const warnings: string[] = [];
    let i = 0;
    while (i < bytes.length) {
      const channel = u8(bytes, i);
      const type = u8(bytes, i + 1);
      const ch = channels.get(key(channel, type));
      if (ch === undefined) {
        // The value size of an unknown pair is unknown, so the rest cannot be framed.
        warnings.push(
          `unknown channel 0x${hex([channel])} type 0x${hex([type])} at byte offset ${i}; ` +
            `the remaining ${bytes.length - i} byte(s) were not decoded`,
        );
        break;
      }
      data[ch.name] = ch.read(bytes, i + 2);
      i += 2 + ch.size;
    }
    return success(data, warnings);
  });
}

/**
 * Milesight AM307 ambience monitoring sensor.
 *
 * @example
 * ```ts
 * import { am307 } from '@smartcitylab/decoders/milesight';
 * am307.decodeUplink({ bytes: [0x03, 0x67, 0x34, 0x01], fPort: 85 }); // temperature 30.8
 * ```
 */
export const am307: DeviceDecoder<MilesightData> = /* @__PURE__ */ milesightDecoder(
  'milesight-iot/am307',
  AM300,
);

/**
 * Milesight AM319 ambience monitoring sensor (adds HCHO, PM2.5, PM10, O3).
 *
 * @example
 * ```ts
 * import { am319 } from '@smartcitylab/decoders/milesight';
 * am319.decodeUplink({ bytes: [0x07, 0x7d, 0xa8, 0x03], fPort: 85 }); // co2 936
 * ```
 */
export const am319: DeviceDecoder<MilesightData> = /* @__PURE__ */ milesightDecoder(
  'milesight-iot/am319',
  AM300,
);

/**
 * Milesight EM300-TH temperature and humidity sensor.
 *
 * @example
 * ```ts
 * import { em300Th } from '@smartcitylab/decoders/milesight';
 * em300Th.decodeUplink({ bytes: [0x04, 0x68, 0x3c], fPort: 85 }); // humidity 30
 * ```
 */
export const em300Th: DeviceDecoder<MilesightData> = /* @__PURE__ */ milesightDecoder(
  'milesight-iot/em300-th',
  EM300_TH,
);

/**
 * Milesight EM310-UDL ultrasonic distance sensor.
 *
 * @example
 * ```ts
 * import { em310Udl } from '@smartcitylab/decoders/milesight';
 * em310Udl.decodeUplink({ bytes: [0x03, 0x82, 0x44, 0x08], fPort: 85 }); // distance 2116
 * ```
 */
export const em310Udl: DeviceDecoder<MilesightData> = /* @__PURE__ */ milesightDecoder(
  'milesight-iot/em310-udl',
  EM310_UDL,
);

/**
 * Milesight EM500-CO2 sensor.
 *
 * @example
 * ```ts
 * import { em500Co2 } from '@smartcitylab/decoders/milesight';
 * em500Co2.decodeUplink({ bytes: [0x05, 0x7d, 0x67, 0x04], fPort: 85 }); // co2 1127
 * ```
 */
export const em500Co2: DeviceDecoder<MilesightData> = /* @__PURE__ */ milesightDecoder(
  'milesight-iot/em500-co2',
  EM500_CO2,
);

/**
 * Milesight EM500-UDL ultrasonic distance sensor.
 *
 * @example
 * ```ts
 * import { em500Udl } from '@smartcitylab/decoders/milesight';
 * em500Udl.decodeUplink({ bytes: [0x03, 0x82, 0x1e, 0x00], fPort: 85 }); // distance 30
 * ```
 */
export const em500Udl: DeviceDecoder<MilesightData> = /* @__PURE__ */ milesightDecoder(
  'milesight-iot/em500-udl',
  EM500_UDL,
);

/**
 * Milesight WS101 smart button.
 *
 * @example
 * ```ts
 * import { ws101 } from '@smartcitylab/decoders/milesight';
 * ws101.decodeUplink({ bytes: [0xff, 0x2e, 0x01], fPort: 85 }); // button 'short'
 * ```
 */
export const ws101: DeviceDecoder<MilesightData> = /* @__PURE__ */ milesightDecoder(
  'milesight-iot/ws101',
  WS101,
);

/**
 * Milesight WS301 magnetic contact switch.
 *
 * @example
 * ```ts
 * import { ws301 } from '@smartcitylab/decoders/milesight';
 * ws301.decodeUplink({ bytes: [0x03, 0x00, 0x01], fPort: 85 }); // door 'open'
 * ```
 */
export const ws301: DeviceDecoder<MilesightData> = /* @__PURE__ */ milesightDecoder(
  'milesight-iot/ws301',
  WS301,
);

/**
 * All Milesight decoders keyed by device id.
 *
 * @example
 * ```ts
 * import { decoders } from '@smartcitylab/decoders/milesight';
 * decoders['milesight-iot/ws301']?.decodeUplink({ bytes: [0x03, 0x00, 0x00], fPort: 85 });
 * ```
 */
export const decoders: Readonly<Record<string, DeviceDecoder<unknown>>> = {
  'milesight-iot/am307': am307,
  'milesight-iot/am319': am319,
  'milesight-iot/em300-th': em300Th,
  'milesight-iot/em310-udl': em310Udl,
  'milesight-iot/em500-co2': em500Co2,
  'milesight-iot/em500-udl': em500Udl,
  'milesight-iot/ws101': ws101,
  'milesight-iot/ws301': ws301,
};

export type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
export { catalog };

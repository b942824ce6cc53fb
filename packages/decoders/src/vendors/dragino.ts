/**
 * Dragino decoders (LHT65, LSN50 v2). Fixed-layout frames on fPort 2; the LSN50 v2
 * also reports its configuration on fPort 5.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/dragino.js';
import type { Bytes } from '../internal/bytes.js';
import { hex, i16be, sliceBytes, u8, u16be, u24be, u32be } from '../internal/bytes.js';
import { defineDecoder, findInfo } from '../internal/define.js';
import type { DeviceDecoder } from '../types.js';

/**
 * Decoded Dragino uplink; keys follow the Dragino reference decoders. `null` marks "no reading".
 *
 * @example
 * ```ts
 * import { lsn50V2 } from '@smartcitylab/decoders/dragino';
 * const r = lsn50V2.decodeUplink({ bytes: [0x01, 0xff, 0x01, 0x25, 0x00, 0x04, 0xb0], fPort: 5 });
 * if ('data' in r) console.log(r.data.sub_band); // null
 * ```
 */
export type DraginoData = Record<string, number | string | boolean | null>;

// Sensor-absent sentinel values (0x7fff from the DS18B20 and SHT, 0xffff unsigned).
const signedOrNull = (b: Bytes, o: number, scale: number): number | null => {
  const raw = u16be(b, o);
  return raw === 0x7fff || raw === 0xffff ? null : i16be(b, o) / scale;
};

const LHT65_EXT: Readonly<Record<number, (b: Bytes, out: DraginoData) => void>> = {
  0: (_b, out) => {
    out.Ext_sensor = 'No external sensor';
  },
  1: (b, out) => {
    out.Ext_sensor = 'Temperature Sensor';
    out.TempC_DS = signedOrNull(b, 7, 100);
  },
  4: (b, out) => {
    out.Work_mode = 'Interrupt Sensor send';
    out.Exti_pin_level = u8(b, 7) ? 'High' : 'Low';
    out.Exti_status = u8(b, 8) ? 'True' : 'False';
  },
  5: (b, out) => {
    out.Work_mode = 'Illumination Sensor';
    out.ILL_lx = u16be(b, 7);
  },
  6: (b, out) => {
    out.Work_mode = 'ADC Sensor';
    out.ADC_V = u16be(b, 7) / 1000;
  },
  7: (b, out) => {
    out.Work_mode = 'Interrupt Sensor count';
    out.Exit_count = u16be(b, 7);
  },
  8: (b, out) => {
    out.Work_mode = 'Interrupt Sensor count';
    out.Exit_count = u32be(b, 7);
  },
  9: (b, out) => {
    out.Work_mode = 'DS18B20 & timestamp';
    out.Systimestamp = u32be(b, 7);
  },
  15: (b, out) => {
    out.Work_mode = 'DS18B20ID';
    // The probe's 64-bit ROM id, split around the ext byte.
    out.ID = hex([...sliceBytes(b, 2, 6), ...sliceBytes(b, 7, 11)]);
  },
};

/**
 * Dragino LHT65 temperature and humidity sensor with external probe input.
 *
 * @example
 * ```ts
 * import { lht65 } from '@smartcitylab/decoders/dragino';
 * lht65.decodeUplink({
 *   bytes: [0xcb, 0xf6, 0x0b, 0x0d, 0x03, 0x76, 0x01, 0x0a, 0xdd, 0x7f, 0xff],
 *   fPort: 2,
 * }); // TempC_SHT 28.29, Hum_SHT 88.6, TempC_DS 27.81
 * ```
 */
export const lht65: DeviceDecoder<DraginoData> = /* @__PURE__ */ defineDecoder<DraginoData>(
  findInfo(catalog, 'dragino/lht65'),
  (bytes, fPort) => {
    if (fPort !== 2) return { errors: ['unknown FPort'] };
    u8(bytes, 10); // the frame is always 11 bytes
    const ext = u8(bytes, 6);
    const type = ext & 0x0f;
    const data: DraginoData = {};
    if (type === 0x9) {
      // "DS18B20 & timestamp": the probe temperature takes the battery's place.
      data.TempC_DS = i16be(bytes, 0) / 100;
      data.Bat_status = u8(bytes, 4) >> 6;
    } else {
      data.BatV = (u16be(bytes, 0) & 0x3fff) / 1000;
      data.Bat_status = u8(bytes, 0) >> 6;
    }
    if (type !== 0xf) {
      data.TempC_SHT = i16be(bytes, 2) / 100;
      data.Hum_SHT = (u16be(bytes, 4) & 0x0fff) / 10;
    }
    if (ext & 0x80) data.No_connect = 'Sensor no connection';
    const read = LHT65_EXT[type];
    if (read === undefined) {
      return { data, warnings: [`external sensor type ${type} is not decoded`] };
    }
    read(bytes, data);
    return { data };
  },
);

const LSN50_MODES = [
  'IIC',
  'Distance',
  '3ADC+IIC',
  '3DS18B20',
  'Weight',
  '1Count',
  '3Interrupt',
  '3ADC+1DS18B20',
  '3DS18B20+2Count',
] as const;

const BANDS: Readonly<Record<number, string>> = {
  1: 'EU868',
  2: 'US915',
  3: 'IN865',
  4: 'AU915',
  5: 'KZ865',
  6: 'RU864',
  7: 'AS923',
  8: 'AS923_1',
  9: 'AS923_2',
  10: 'AS923_3',
  11: 'CN470',
  12: 'EU433',
  13: 'KR920',
  14: 'MA869',
  15: 'AS923_4',
};

function shtOrIllum(b: Bytes, out: DraginoData): void {
  // A BH1750 light sensor on the I2C bus leaves the humidity word at zero.
  if (u16be(b, 9) === 0) {
    out.Illum = u16be(b, 7);
    return;
  }
  out.TempC_SHT = signedOrNull(b, 7, 10);
  out.Hum_SHT = u16be(b, 9) === 0xffff ? null : u16be(b, 9) / 10;
}

function lsn50Status(bytes: Bytes): DraginoData | string {
  const flags = u8(bytes, 6);
  const mode = (flags & 0x7c) >> 2;
  const name = LSN50_MODES[mode];
  if (name === undefined) return `working mode ${mode} is not known`;
  const data: DraginoData = { Work_mode: name, Digital_IStatus: flags & 0x02 ? 'H' : 'L' };
  if (mode !== 2) {
    data.BatV = u16be(bytes, 0) / 1000;
    data.TempC1 = signedOrNull(bytes, 2, 10);
    if (mode !== 8) data.ADC_CH0V = u16be(bytes, 4) / 1000;
  }
  if (mode !== 5 && mode !== 6) {
    data.EXTI_Trigger = flags & 0x01 ? 'TRUE' : 'FALSE';
    data.Door_status = flags & 0x80 ? 'CLOSE' : 'OPEN';
  }
  switch (mode) {
    case 0:
      shtOrIllum(bytes, data);
      break;
    case 1: {
      const d = u16be(bytes, 7);
      data.Distance_cm = d === 0 ? null : d / 10;
      if (u16be(bytes, 9) !== 0xffff) data.Distance_signal_strength = u16be(bytes, 9);
      break;
    }
    case 2:
      data.BatV = u8(bytes, 11) / 10;
      data.ADC_CH0V = u16be(bytes, 0) / 1000;
      data.ADC_CH1V = u16be(bytes, 2) / 1000;
      data.ADC_CH4V = u16be(bytes, 4) / 1000;
      shtOrIllum(bytes, data);
      break;
    case 3:
      data.TempC2 = signedOrNull(bytes, 7, 10);
      data.TempC3 = signedOrNull(bytes, 9, 10);
      break;
    case 4:
      // The weight's high word is sent after its low word.
      data.Weight = i16be(bytes, 9) * 0x10000 + u16be(bytes, 7);
      break;
    case 5:
      data.Count = u32be(bytes, 7);
      break;
    case 6:
      data.EXTI1_Trigger = flags & 0x01 ? 'TRUE' : 'FALSE';
      data.EXTI1_Status = flags & 0x80 ? 'CLOSE' : 'OPEN';
      data.EXTI2_Trigger = u8(bytes, 7) & 0x10 ? 'TRUE' : 'FALSE';
      data.EXTI2_Status = u8(bytes, 7) & 0x01 ? 'CLOSE' : 'OPEN';
      data.EXTI3_Trigger = u8(bytes, 8) & 0x10 ? 'TRUE' : 'FALSE';
      data.EXTI3_Status = u8(bytes, 8) & 0x01 ? 'CLOSE' : 'OPEN';
      break;
    case 7:
      data.ADC_CH1V = u16be(bytes, 7) / 1000;
      data.ADC_CH4V = u16be(bytes, 9) / 1000;
      break;
    case 8:
      data.TempC2 = signedOrNull(bytes, 4, 10);
      data.TempC3 = signedOrNull(bytes, 7, 10);
      data.Count1 = u32be(bytes, 9);
      data.Count2 = u32be(bytes, 13);
      break;
  }
  return data;
}

/**
 * Dragino LSN50 v2 sensor node (working mode from byte 6 selects the layout).
 *
 * @example
 * ```ts
 * import { lsn50V2 } from '@smartcitylab/decoders/dragino';
 * lsn50V2.decodeUplink({
 *   bytes: [0x0b, 0x54, 0, 0, 0, 0, 0, 0, 0xfc, 0x02, 0x05],
 *   fPort: 2,
 * }); // Work_mode 'IIC', TempC_SHT 25.2, Hum_SHT 51.7
 * ```
 */
export const lsn50V2: DeviceDecoder<DraginoData> = /* @__PURE__ */ defineDecoder<DraginoData>(
  findInfo(catalog, 'dragino/lsn50-v2'),
  (bytes, fPort) => {
    if (fPort === 2) {
      const result = lsn50Status(bytes);
      return typeof result === 'string'
        ? { errors: [`dragino/lsn50-v2: ${result}`] }
        : { data: result };
    }
    if (fPort === 5) {
      const band = u8(bytes, 0);
      const sub = u8(bytes, 1);
      return {
        data: {
          freq_band: BANDS[band] ?? `unknown(${band})`,
          sub_band: sub === 0xff ? null : sub,
          firm_ver: `${u8(bytes, 2) & 0x0f}.${u8(bytes, 3) >> 4}.${u8(bytes, 3) & 0x0f}`,
          tdc_time: u24be(bytes, 4),
        },
      };
    }
    return { errors: ['unknown FPort'] };
  },
);

/**
 * All Dragino decoders keyed by device id.
 *
 * @example
 * ```ts
 * import { decoders } from '@smartcitylab/decoders/dragino';
 * decoders['dragino/lht65']?.decodeUplink({ bytes: [0xcb, 0xf6], fPort: 2 }); // { errors }
 * ```
 */
export const decoders = {
  'dragino/lht65': lht65,
  'dragino/lsn50-v2': lsn50V2,
} as const satisfies Readonly<Record<string, DeviceDecoder<unknown>>>;

export type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
export { catalog };

/**
 * Dragino decoders (LHT65, LSN50 v2). Fixed-layout frames on fPort 2; the LSN50 v2
 * also reports its configuration on fPort 5.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/dragino.js';
import type { Bytes } from '../internal/bytes.js';
import { hex, i16be, sliceBytes, u8, u16be, u24be, u32be } from '../internal/bytes.js';
import { defineDecoder, findInfo, isPayload, type RawDecode } from '../internal/define.js';
import { type Frame11, frame11 } from '../internal/frame.js';
import type { DecodeUplinkResult, DeviceDecoder, UplinkInput } from '../types.js';

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
 * Reads an 11-byte frame from its bytes, or `undefined` to leave it to the checked path; the two
 * leading parameters are {@link frame11}'s pass-through values, which Dragino does not use.
 */
type FastFrame = Frame11<undefined, undefined, DraginoData>;

/**
 * A Dragino decoder whose fPort 2 frames of 11 bytes (11 or more in a `Uint8Array`, exactly 11
 * integers 0-255 in an array) are read once into locals by `fast`; an array's elements are
 * checked as they are read, cheaper than the checked path's copy into a `Uint8Array`. A valid
 * payload on a port the device does not use gets its answer at once. Everything else (and every
 * frame `fast` leaves alone) takes the checked path, which names what is wrong. `config` is the
 * device's other port (2 again for a device with one).
 */
function draginoDecoder(
  id: string,
  raw: RawDecode<DraginoData>,
  fast: FastFrame,
  config: number,
): DeviceDecoder<DraginoData> {
  const info = findInfo(catalog, id);
  const checked = defineDecoder<DraginoData>(info, raw);
  const decodeUplink = (input: UplinkInput): DecodeUplinkResult<DraginoData> => {
    try {
      const b = input.bytes;
      const fPort = input.fPort;
      if (fPort === 2) {
        const data = frame11(b, fast, undefined, undefined);
        if (data !== undefined) return { data };
      } else if (
        typeof fPort === 'number' &&
        (fPort & 0xff) === fPort &&
        fPort !== config &&
        isPayload(b)
      ) {
        return { errors: ['unknown FPort'] };
      }
    } catch {
      // A hostile input (null, throwing getters): the checked path reports it.
    }
    return checked.decodeUplink(input);
  };
  return { info, decodeUplink };
}

/** A 16-bit reading as `signedOrNull` gives it, from its two bytes. */
const wordOrNull = (hi: number, lo: number, scale: number): number | null => {
  const raw = (hi << 8) | lo;
  return raw === 0x7fff || raw === 0xffff ? null : (((hi << 24) >> 16) | lo) / scale;
};

/**
 * The LHT65 frames with the built-in sensor's readings and a connected probe of a type read from
 * one or two bytes (none, DS18B20, interrupt, illumination, ADC, counters), in the checked path's
 * key order; `undefined` for the rest.
 */
const lht65Frame: FastFrame = (_a, _c, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10) => {
  // Bit 7 of the ext byte flags a disconnected probe, type 9 moves the battery, types 15 and up
  // hold no readings: the checked path's cases.
  if (b6 > 8) return undefined;
  const BatV = (((b0 << 8) | b1) & 0x3fff) / 1000;
  const Bat_status = b0 >> 6;
  const TempC_SHT = (((b2 << 24) >> 16) | b3) / 100;
  const Hum_SHT = (((b4 << 8) | b5) & 0x0fff) / 10;
  const word = (b7 << 8) | b8;
  switch (b6) {
    case 0:
      return { BatV, Bat_status, TempC_SHT, Hum_SHT, Ext_sensor: 'No external sensor' };
    case 1:
      return {
        BatV,
        Bat_status,
        TempC_SHT,
        Hum_SHT,
        Ext_sensor: 'Temperature Sensor',
        TempC_DS: wordOrNull(b7, b8, 100),
      };
    case 4:
      return {
        BatV,
        Bat_status,
        TempC_SHT,
        Hum_SHT,
        Work_mode: 'Interrupt Sensor send',
        Exti_pin_level: b7 ? 'High' : 'Low',
        Exti_status: b8 ? 'True' : 'False',
      };
    case 5:
      return {
        BatV,
        Bat_status,
        TempC_SHT,
        Hum_SHT,
        Work_mode: 'Illumination Sensor',
        ILL_lx: word,
      };
    case 6:
      return { BatV, Bat_status, TempC_SHT, Hum_SHT, Work_mode: 'ADC Sensor', ADC_V: word / 1000 };
    case 7:
    case 8:
      return {
        BatV,
        Bat_status,
        TempC_SHT,
        Hum_SHT,
        Work_mode: 'Interrupt Sensor count',
        Exit_count: b6 === 7 ? word : word * 0x10000 + ((b9 << 8) | b10),
      };
  }
  return undefined;
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
export const lht65: DeviceDecoder<DraginoData> = /* @__PURE__ */ draginoDecoder(
  'dragino/lht65',
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
  lht65Frame,
  2,
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
 * The LSN50 v2 frames of the 11-byte modes that share the battery, probe and ADC fields (IIC,
 * distance, 3DS18B20, weight, 3ADC+1DS18B20), in the checked path's key order; `undefined` for
 * the rest. IIC, the default mode, is one object literal; the others add their fields to it.
 */
const lsn50Frame: FastFrame = (_a, _c, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10) => {
  const mode = (b6 & 0x7c) >> 2;
  if (mode === 2 || mode === 5 || mode === 6 || mode > 7) return undefined;
  const Work_mode = LSN50_MODES[mode] as string;
  const Digital_IStatus = b6 & 0x02 ? 'H' : 'L';
  const BatV = ((b0 << 8) | b1) / 1000;
  const TempC1 = wordOrNull(b2, b3, 10);
  const ADC_CH0V = ((b4 << 8) | b5) / 1000;
  const EXTI_Trigger = b6 & 0x01 ? 'TRUE' : 'FALSE';
  const Door_status = b6 & 0x80 ? 'CLOSE' : 'OPEN';
  const first = (b7 << 8) | b8;
  const second = (b9 << 8) | b10;
  if (mode === 0) {
    // A BH1750 light sensor on the I2C bus leaves the humidity word at zero.
    return second === 0
      ? {
          Work_mode,
          Digital_IStatus,
          BatV,
          TempC1,
          ADC_CH0V,
          EXTI_Trigger,
          Door_status,
          Illum: first,
        }
      : {
          Work_mode,
          Digital_IStatus,
          BatV,
          TempC1,
          ADC_CH0V,
          EXTI_Trigger,
          Door_status,
          TempC_SHT: wordOrNull(b7, b8, 10),
          Hum_SHT: second === 0xffff ? null : second / 10,
        };
  }
  const data: DraginoData = {
    Work_mode,
    Digital_IStatus,
    BatV,
    TempC1,
    ADC_CH0V,
    EXTI_Trigger,
    Door_status,
  };
  if (mode === 1) {
    data.Distance_cm = first === 0 ? null : first / 10;
    if (second !== 0xffff) data.Distance_signal_strength = second;
  } else if (mode === 3) {
    data.TempC2 = wordOrNull(b7, b8, 10);
    data.TempC3 = wordOrNull(b9, b10, 10);
  } else if (mode === 4) {
    // The weight's high word is sent after its low word.
    data.Weight = (((b9 << 24) >> 16) | b10) * 0x10000 + first;
  } else {
    data.ADC_CH1V = first / 1000;
    data.ADC_CH4V = second / 1000;
  }
  return data;
};

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
export const lsn50V2: DeviceDecoder<DraginoData> = /* @__PURE__ */ draginoDecoder(
  'dragino/lsn50-v2',
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
  lsn50Frame,
  5,
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

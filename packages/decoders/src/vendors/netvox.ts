/**
 * Netvox decoders. Netvox devices send fixed 11-byte frames: on fPort 6 a version
 * byte, the device type, the report type and the report; on fPort 7 configuration
 * responses; on fPort 14 (some models) calibration responses.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/netvox.js';
import type { Bytes } from '../internal/bytes.js';
import { hex, i16be, sliceBytes, u8, u16be } from '../internal/bytes.js';
import { defineDecoder, findInfo } from '../internal/define.js';
import { type Frame11, frame11, hexWords } from '../internal/frame.js';
import type { DecodeUplinkResult, DeviceDecoder, UplinkInput } from '../types.js';

/**
 * Decoded Netvox uplink; keys follow the Netvox reference decoders.
 *
 * @example
 * ```ts
 * import { r311a } from '@smartcitylab/decoders/netvox';
 * const r = r311a.decodeUplink({ bytes: [0x81, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0], fPort: 7 });
 * if ('data' in r) console.log(r.data.Status); // 'Success'
 * ```
 */
export type NetvoxData = Record<string, number | string | boolean>;

/** Netvox device type byte to model name (the models of this module and their siblings). */
const DEVICE_NAMES: Readonly<Record<number, string>> = {
  1: 'R711(R712)',
  2: 'R311A',
  11: 'R718A',
  19: 'R718AB',
  29: 'R718F',
  110: 'R720A',
  125: 'R730F',
  144: 'R718CJ',
  145: 'R718CK',
  146: 'R718CT',
  147: 'R718CR',
  148: 'R718CE',
  149: 'R718B',
};

const SENSOR_TYPES: Readonly<Record<number, string>> = { 1: 'Temperature' };

interface Model {
  /** Which of the models this is, for the fast path: 0 R311A, 1 R718A, 2 R718B. */
  kind: number;
  /** The model's own device type byte and name. */
  type: number;
  name: string;
  /** Reads the model-specific part of a status report (report type 0x01). */
  status(b: Bytes, out: NetvoxData): void;
  /** Reads the model-specific thresholds after `BatteryChange` in ReadConfigReportRsp. */
  config(b: Bytes, out: NetvoxData): void;
  /** Whether the model answers global-calibration commands on fPort 14. */
  calibration: boolean;
}

const deviceName = (type: number): string => DEVICE_NAMES[type] ?? `unknown(0x${hex([type])})`;

function battery(b: Bytes, out: NetvoxData): void {
  const v = u8(b, 3);
  // Bit 7 flags a low battery; the voltage sits in the low 7 bits (0.1 V).
  out.Volt = (v & 0x7f) / 10;
  if (v & 0x80) out.LowBattery = true;
}

function sensorType(bytes: Bytes): string {
  const type = u8(bytes, 1);
  return SENSOR_TYPES[type] ?? `unknown(${type})`;
}

function decodeNetvox(
  id: string,
  model: Model,
  bytes: Bytes,
  fPort: number,
): DecodeUplinkResult<NetvoxData> {
  const data: NetvoxData = {};
  switch (fPort) {
    case 6: {
      data.Device = deviceName(u8(bytes, 1));
      const report = u8(bytes, 2);
      if (report === 0x00) {
        data.SWver = u8(bytes, 3) / 10;
        data.HWver = u8(bytes, 4);
        u8(bytes, 8); // bounds check before slicing the date code
        data.Datecode = hex(sliceBytes(bytes, 5, 9));
        return { data };
      }
      if (report === 0x01) {
        battery(bytes, data);
        model.status(bytes, data);
        return { data };
      }
      return { errors: [`${id}: unknown report type 0x${hex([report])} on fPort 6`] };
    }
    case 7: {
      const cmd = u8(bytes, 0);
      data.Device = deviceName(u8(bytes, 1));
      if (cmd === 0x81) {
        data.Cmd = 'ConfigReportRsp';
        data.Status = u8(bytes, 2) === 0 ? 'Success' : 'Failure';
        return { data };
      }
      if (cmd === 0x82) {
        data.Cmd = 'ReadConfigReportRsp';
        data.MinTime = u16be(bytes, 2);
        data.MaxTime = u16be(bytes, 4);
        data.BatteryChange = u8(bytes, 6) / 10;
        model.config(bytes, data);
        return { data };
      }
      return { errors: [`${id}: unknown configuration command 0x${hex([cmd])} on fPort 7`] };
    }
    case 14: {
      if (!model.calibration) break;
      const cmd = u8(bytes, 0);
      if (cmd === 0x81) {
        return {
          data: {
            Cmd: 'SetGlobalCalibrateRsp',
            SensorType: sensorType(bytes),
            Channel: u8(bytes, 2) + 1,
            Status: u8(bytes, 3) === 0 ? 'Success' : 'Failure',
          },
        };
      }
      if (cmd === 0x82) {
        return {
          data: {
            Cmd: 'GetGlobalCalibrateRsp',
            SensorType: sensorType(bytes),
            Channel: u8(bytes, 2) + 1,
            Multiplier: u16be(bytes, 3),
            Divisor: u16be(bytes, 5),
            DeltValue: i16be(bytes, 7),
          },
        };
      }
      if (cmd === 0x83) {
        return {
          data: {
            Cmd: 'ClearGlobalCalibrateRsp',
            Status: u8(bytes, 1) === 0 ? 'Success' : 'Failure',
          },
        };
      }
      return { errors: [`${id}: unknown calibration command 0x${hex([cmd])} on fPort 14`] };
    }
  }
  return { errors: ['unknown FPort'] };
}

/** A response's status byte as the checked path names it. */
const statusText = (b: number): string => (b === 0 ? 'Success' : 'Failure');

/** Reads a Netvox frame's first 11 bytes, given the model and the fPort. */
type NetvoxFrame = Frame11<Model, unknown, { data: NetvoxData }>;

/**
 * The result of a whole frame given as its first 11 bytes, for the frames a device sends in
 * normal operation on fPort 6, 7 and 14; `undefined` for anything else (an error, another
 * model's type byte, a low battery), which the checked path then decodes. Each result is one
 * object literal, in the checked path's key order: no closures, lookups or hex building per call.
 */
const fastFrame: NetvoxFrame = (model, fPort, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10) => {
  const kind = model.kind;
  if (fPort === 14) {
    // Calibration responses name the sensor type, not the model.
    if (kind !== 2) return undefined;
    if (b0 === 0x83) {
      return { data: { Cmd: 'ClearGlobalCalibrateRsp', Status: statusText(b1) } };
    }
    if (b1 !== 1) return undefined;
    if (b0 === 0x81) {
      return {
        data: {
          Cmd: 'SetGlobalCalibrateRsp',
          SensorType: 'Temperature',
          Channel: b2 + 1,
          Status: statusText(b3),
        },
      };
    }
    if (b0 !== 0x82) return undefined;
    return {
      data: {
        Cmd: 'GetGlobalCalibrateRsp',
        SensorType: 'Temperature',
        Channel: b2 + 1,
        Multiplier: (b3 << 8) | b4,
        Divisor: (b5 << 8) | b6,
        DeltValue: ((b7 << 24) >> 16) | b8,
      },
    };
  }
  if (b1 !== model.type) return undefined;
  const Device = model.name;
  if (fPort === 6) {
    if (b2 === 0) {
      return {
        data: {
          Device,
          SWver: b3 / 10,
          HWver: b4,
          Datecode: hexWords(0, ((b5 << 24) | (b6 << 16) | (b7 << 8) | b8) >>> 0, false),
        },
      };
    }
    // A low battery adds a key between the voltage and the readings: the checked path's job.
    if (b2 !== 1 || b3 > 0x7f) return undefined;
    const Volt = b3 / 10;
    if (kind === 0) return { data: { Device, Volt, OnOff: b4 } };
    const temp = ((b4 << 24) >> 16) | b5;
    if (kind === 2) return { data: { Device, Volt, Temp: temp / 10 } };
    return { data: { Device, Volt, Temp: temp / 100, Humi: ((b6 << 8) | b7) / 100 } };
  }
  if (fPort !== 7) return undefined;
  if (b0 === 0x81) return { data: { Device, Cmd: 'ConfigReportRsp', Status: statusText(b2) } };
  if (b0 !== 0x82) return undefined;
  const Cmd = 'ReadConfigReportRsp';
  const MinTime = (b2 << 8) | b3;
  const MaxTime = (b4 << 8) | b5;
  const BatteryChange = b6 / 10;
  const change = (b7 << 8) | b8;
  if (kind === 0) return { data: { Device, Cmd, MinTime, MaxTime, BatteryChange } };
  if (kind === 2) {
    return { data: { Device, Cmd, MinTime, MaxTime, BatteryChange, TempChange: change / 10 } };
  }
  return {
    data: {
      Device,
      Cmd,
      MinTime,
      MaxTime,
      BatteryChange,
      TempChange: change / 100,
      HumiChange: ((b9 << 8) | b10) / 100,
    },
  };
};

/**
 * A Netvox decoder: a frame of 11 or more bytes in a `Uint8Array`, or of exactly 11 integers
 * 0-255 in an array, is read once into locals by {@link fastFrame}; everything else (and every
 * frame it leaves alone) takes the checked path, which names what is wrong. An array's elements
 * are checked as they are read, cheaper than the checked path's copy into a `Uint8Array`.
 */
function netvoxDecoder(id: string, model: Model): DeviceDecoder<NetvoxData> {
  const checked = defineDecoder<NetvoxData>(findInfo(catalog, id), (bytes, fPort) =>
    decodeNetvox(id, model, bytes, fPort),
  );
  const decodeUplink = (input: UplinkInput): DecodeUplinkResult<NetvoxData> => {
    try {
      const b = input.bytes;
      const fPort = input.fPort;
      const fast = frame11(b, fastFrame, model, fPort);
      if (fast !== undefined) return fast;
    } catch {
      // A hostile input (null, throwing getters): the checked path reports it.
    }
    return checked.decodeUplink(input);
  };
  return { info: checked.info, decodeUplink };
}

/**
 * Netvox R311A door/window sensor (reed contact).
 *
 * @example
 * ```ts
 * import { r311a } from '@smartcitylab/decoders/netvox';
 * r311a.decodeUplink({ bytes: [0x01, 0x02, 0x01, 0x1e, 0x01, 0, 0, 0, 0, 0, 0], fPort: 6 });
 * // { data: { Device: 'R311A', Volt: 3, OnOff: 1 } }
 * ```
 */
export const r311a: DeviceDecoder<NetvoxData> = /* @__PURE__ */ netvoxDecoder('netvox/r311a', {
  kind: 0,
  type: 2,
  name: 'R311A',
  status: (b, out) => {
    out.OnOff = u8(b, 4);
  },
  config: () => {},
  calibration: false,
});

/**
 * Netvox R718A temperature and humidity sensor.
 *
 * @example
 * ```ts
 * import { r718a } from '@smartcitylab/decoders/netvox';
 * r718a.decodeUplink({ bytes: [0x01, 0x0b, 0x01, 0x24, 0x09, 0xc4, 0x13, 0x88, 0, 0, 0], fPort: 6 });
 * // { data: { Device: 'R718A', Volt: 3.6, Temp: 25, Humi: 50 } }
 * ```
 */
export const r718a: DeviceDecoder<NetvoxData> = /* @__PURE__ */ netvoxDecoder('netvox/r718a', {
  kind: 1,
  type: 11,
  name: 'R718A',
  status: (b, out) => {
    out.Temp = i16be(b, 4) / 100;
    out.Humi = u16be(b, 6) / 100;
  },
  config: (b, out) => {
    out.TempChange = u16be(b, 7) / 100;
    out.HumiChange = u16be(b, 9) / 100;
  },
  calibration: false,
});

/**
 * Netvox R718B temperature sensor with external probe.
 *
 * @example
 * ```ts
 * import { r718b } from '@smartcitylab/decoders/netvox';
 * r718b.decodeUplink({ bytes: [0x01, 0x95, 0x01, 0x24, 0x00, 0xfd, 0, 0, 0, 0, 0], fPort: 6 });
 * // { data: { Device: 'R718B', Volt: 3.6, Temp: 25.3 } }
 * ```
 */
export const r718b: DeviceDecoder<NetvoxData> = /* @__PURE__ */ netvoxDecoder('netvox/r718b', {
  kind: 2,
  type: 149,
  name: 'R718B',
  status: (b, out) => {
    out.Temp = i16be(b, 4) / 10;
  },
  config: (b, out) => {
    out.TempChange = u16be(b, 7) / 10;
  },
  calibration: true,
});

/**
 * All Netvox decoders keyed by device id.
 *
 * @example
 * ```ts
 * import { decoders } from '@smartcitylab/decoders/netvox';
 * decoders['netvox/r718b']?.decodeUplink({ bytes: [0x83, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], fPort: 14 });
 * ```
 */
export const decoders = {
  'netvox/r311a': r311a,
  'netvox/r718a': r718a,
  'netvox/r718b': r718b,
} as const satisfies Readonly<Record<string, DeviceDecoder<unknown>>>;

export type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
export { catalog };

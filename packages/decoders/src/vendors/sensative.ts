/**
 * Sensative Strips decoder. A frame starts with a 16-bit history sequence number,
 * then reports of one type byte (bit 7 marks a report taken from history) and a
 * value whose size the type fixes.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/sensative.js';
import type { Bytes } from '../internal/bytes.js';
import { hex, i16be, u8, u16be, u32be } from '../internal/bytes.js';
import { defineDecoder, findInfo, success } from '../internal/define.js';
import type { DeviceDecoder } from '../types.js';

/**
 * Decoded Strips uplink; keys follow the Sensative reference decoder.
 *
 * @example
 * ```ts
 * import { strips } from '@smartcitylab/decoders/sensative';
 * const r = strips.decodeUplink({ bytes: [0xff, 0xff, 0x01, 0x50], fPort: 1 });
 * if ('data' in r) console.log(r.data.battery); // 80
 * ```
 */
export type StripsData = Record<string, unknown> & {
  historySeqNr?: number;
  prevHistSeqNr?: number;
};

type Report = (b: Bytes, o: number, out: StripsData) => number;

const flag =
  (name: string): Report =>
  (b, o, out) => {
    out[name] = { value: u8(b, o) !== 0 };
    return 1;
  };
const level =
  (name: string): Report =>
  (b, o, out) => {
    out[name] = { value: u8(b, o) };
    return 1;
  };
const count =
  (name: string): Report =>
  (b, o, out) => {
    out[name] = { value: u16be(b, o) };
    return 2;
  };
const celsius =
  (name: string): Report =>
  (b, o, out) => {
    out[name] = { value: i16be(b, o) / 10 };
    return 2;
  };
const alarm =
  (name: string): Report =>
  (b, o, out) => {
    const v = u8(b, o);
    out[name] = { highAlarm: (v & 0x01) !== 0, lowAlarm: (v & 0x02) !== 0 };
    return 1;
  };
const DISINFECT = ['dirty', 'occupied', 'cleaning', 'clean'] as const;

const REPORTS: Readonly<Record<number, Report>> = {
  0: (_b, _o, out) => {
    out.emptyFrame = {};
    return 0;
  },
  1: (b, o, out) => {
    out.battery = u8(b, o);
    return 1;
  },
  2: celsius('temperature'),
  3: alarm('tempAlarm'),
  4: celsius('averageTemperature'),
  5: alarm('avgTempAlarm'),
  6: (b, o, out) => {
    out.humidity = { value: u8(b, o) / 2 };
    return 1;
  },
  7: count('lux'),
  8: count('lux2'),
  9: flag('door'),
  10: flag('doorAlarm'),
  11: flag('tamperReport'),
  12: flag('tamperAlarm'),
  13: level('flood'),
  14: flag('floodAlarm'),
  15: (b, o, out) => {
    out.oilAlarm = { value: u8(b, o) };
    return 1;
  },
  16: flag('userSwitch1Alarm'),
  17: count('doorCount'),
  18: flag('presence'),
  19: count('IRproximity'),
  20: count('IRcloseproximity'),
  21: flag('closeProximityAlarm'),
  22: (b, o, out) => {
    const v = u8(b, o);
    out.disinfectAlarm = v < DISINFECT.length ? { value: v, state: DISINFECT[v] } : { value: v };
    return 1;
  },
  80: (b, o, out) => {
    out.humidity = { value: u8(b, o) / 2 };
    out.temperature = { value: i16be(b, o + 1) / 10 };
    return 3;
  },
  81: (b, o, out) => {
    out.humidity = { value: u8(b, o) / 2 };
    out.averageTemperature = { value: i16be(b, o + 1) / 10 };
    return 3;
  },
  82: (b, o, out) => {
    out.door = { value: u8(b, o) !== 0 };
    out.temperature = { value: i16be(b, o + 1) / 10 };
    return 3;
  },
  110: (b, o, out) => {
    // Build id: 31-bit firmware build number, top bit set when the build was modified.
    const word = u32be(b, o);
    u32be(b, o + 4);
    out.buildId = { id: word & 0x7fffffff, modified: word >= 0x80000000 };
    return 8;
  },
  112: count('capacitanceFlood'),
  113: count('capacitancePad'),
  114: count('capacitanceEnd'),
};

/**
 * Sensative Strips (temperature, door, flood, presence, ... depending on the app).
 *
 * @example
 * ```ts
 * import { strips } from '@smartcitylab/decoders/sensative';
 * strips.decodeUplink({ bytes: [0xff, 0xff, 0x01, 0x50], fPort: 1 });
 * // { data: { historySeqNr: 65535, prevHistSeqNr: 65535, battery: 80 } }
 * ```
 */
export const strips: DeviceDecoder<StripsData> = /* @__PURE__ */ defineDecoder<StripsData>(
  findInfo(catalog, 'sensative/strips'),
  (bytes, fPort) => {
    // Port 1 carries live reports, port 2 the periodic check-in; both use the same framing.
    if (fPort !== 1 && fPort !== 2) return { errors: ['unknown FPort'] };
    if (bytes.length < 2) {
      return { errors: [`sensative/strips: frame has ${bytes.length} byte(s), needs at least 2`] };
    }
    const data: StripsData = { historySeqNr: u16be(bytes, 0) };
    let prev = data.historySeqNr as number;
    const warnings: string[] = [];
    let i = 2;
    while (i < bytes.length) {
      const type = u8(bytes, i);
      if (type & 0x80) prev--;
      const report = REPORTS[type & 0x7f];
      if (report === undefined) {
        warnings.push(
          `unknown report type 0x${hex([type])} at byte offset ${i}; ` +
            `the remaining ${bytes.length - i} byte(s) were not decoded`,
        );
        break;
      }
      i += 1 + report(bytes, i + 1, data);
    }
    data.prevHistSeqNr = prev;
    return success(data, warnings);
  },
);

/**
 * All Sensative decoders keyed by device id.
 *
 * @example
 * ```ts
 * import { decoders } from '@smartcitylab/decoders/sensative';
 * decoders['sensative/strips']?.decodeUplink({ bytes: [0xff, 0xff, 0x15, 0x01], fPort: 1 });
 * ```
 */
export const decoders = {
  'sensative/strips': strips,
} as const satisfies Readonly<Record<string, DeviceDecoder<unknown>>>;

export type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
export { catalog };

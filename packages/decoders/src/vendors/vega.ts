/**
 * VEGA decoders. The VEGAPULS Air 41 and 42 radar level sensors share one payload
 * format: byte 0 is the packet identifier, which fixes the fields that follow
 * (big-endian; distances and GNSS coordinates as IEEE 754 floats). Key names are the
 * field names of the VEGA payload description, as the diwise platform uses them.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/vega.js';
import type { Bytes } from '../internal/bytes.js';
import { f32be, i16be, PayloadError, u8, u16be, u32be } from '../internal/bytes.js';
import { defineDecoder, failure, success } from '../internal/define.js';
import type { DeviceDecoder, DeviceInfo } from '../types.js';

/** Measurement schedule of packet 16 and 25. */
export interface VegapulsSchedule {
  /** Active weekdays: `Su`, `Mo`, ... */
  Days: string[];
  StartTimeMinutes: number;
  EndTimeMinutes: number;
  MeasureIntervalMinutes: number;
  TransmissionIntervalMinutes: number;
}

/** Decoded VEGAPULS Air uplink; which keys are present depends on `PacketIdentifier`. */
export interface VegapulsData {
  PacketIdentifier: number;
  /** NAMUR NE 107 state: 0 good, 1 failure, 2 check function, 3 out of spec, 4 maintenance. */
  NamurState?: number;
  /** Measured distance in `Unit`; `null` when the device reports no value. */
  Distance?: number | null;
  /** Distance unit code: 44 ft, 45 m, 47 in, 49 mm. */
  Unit?: number;
  /** Remaining battery in %. */
  RemainingPower?: number;
  /** Temperature in `TemperatureUnit`; `null` when the device reports no value. */
  Temperature?: number | null;
  /** Temperature unit code: 32 °C, 33 °F. */
  TemperatureUnit?: number;
  /** Inclination of the device in degrees. */
  InclinationDegree?: number;
  GNSSLatitude?: number;
  GNSSLongitude?: number;
  DetailState?: number;
  PercentValue?: number | null;
  LinPercentValue?: number | null;
  ScaledValue?: number | null;
  ScaledValueUnit?: number;
  Information?: number;
  DtmID?: number;
  ManufacturerID?: number;
  DeviceType?: number;
  SoftwareVersionASCII?: string;
  Schedule?: VegapulsSchedule;
  ChangeCounter?: number;
  ScaledMin?: number | null;
  ScaledMax?: number | null;
  DeviceName?: string;
  DeviceTag?: string;
}

function infoOf(id: string): DeviceInfo {
  const info = catalog.find((d) => d.id === id);
  if (info === undefined) throw new PayloadError(`VEGA catalog has no ${id}`);
  return info;
}

const CELSIUS = 32;

/** Sequential big-endian reader. */
class Cursor {
  at = 1;
  constructor(readonly bytes: Bytes) {}
  u8(): number {
    return u8(this.bytes, this.at++);
  }
  u16(): number {
    const v = u16be(this.bytes, this.at);
    this.at += 2;
    return v;
  }
  i16(): number {
    const v = i16be(this.bytes, this.at);
    this.at += 2;
    return v;
  }
  u32(): number {
    const v = u32be(this.bytes, this.at);
    this.at += 4;
    return v;
  }
  f32(): number {
    const v = f32be(this.bytes, this.at);
    this.at += 4;
    return v;
  }
  /** A float where NaN (the device's "no value") becomes `null`, as JSON cannot hold NaN. */
  measured(): number | null {
    const v = this.f32();
    return Number.isNaN(v) ? null : v;
  }
  /** A signed 16-bit value scaled by `divisor`; 0x8000 means "no value". */
  scaled(divisor: number): number | null {
    const v = this.i16();
    return v === -0x8000 ? null : v / divisor;
  }
  text(length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) {
      const c = u8(this.bytes, this.at + i);
      if (c === 0) break;
      s += String.fromCharCode(c);
    }
    this.at += length;
    return s;
  }
}

function gnss(c: Cursor, out: VegapulsData): void {
  const latSign = u8(c.bytes, c.at);
  const lat = c.f32();
  const lonSign = u8(c.bytes, c.at);
  const lon = c.f32();
  // A negative NaN marks "no fix"; the coordinate is then left out.
  if (!(Number.isNaN(lat) && latSign & 0x80)) out.GNSSLatitude = lat;
  if (!(Number.isNaN(lon) && lonSign & 0x80)) out.GNSSLongitude = lon;
}

const has = (id: number, ids: readonly number[]): boolean => ids.includes(id);

/** Packets 2-5: fixed layout with distance, power and temperature. */
function packet2to5(c: Cursor, id: number, out: VegapulsData): void {
  out.NamurState = c.u8();
  out.Distance = c.measured();
  out.Unit = c.u8();
  out.RemainingPower = c.u8();
  out.Temperature = c.i16() / 10;
  out.TemperatureUnit = CELSIUS;
  if (id === 3 || id === 5) gnss(c, out);
  if (id === 4 || id === 5) out.DetailState = c.u32();
  out.InclinationDegree = c.u8();
}

/** Packets 8-15 and 18-22: optional field groups chosen by the identifier. */
function variablePacket(c: Cursor, id: number, out: VegapulsData): void {
  out.NamurState = has(id, [10, 11, 14, 15, 19, 20, 21, 22]) ? c.u8() : 0;
  if (has(id, [8, 9, 10, 11, 12, 13, 14, 15, 18, 19])) {
    out.Distance = c.measured();
    out.Unit = c.u8();
  }
  if (has(id, [12, 13, 14, 15, 22])) {
    out.PercentValue = c.scaled(100);
    out.LinPercentValue = c.scaled(100);
    out.ScaledValue = c.measured();
    out.ScaledValueUnit = c.u8();
  }
  if (has(id, [8, 9, 10, 11, 12, 13, 14, 15, 18, 19])) out.RemainingPower = c.u8();
  if (has(id, [9, 11, 13, 15, 21])) gnss(c, out);
  if (has(id, [10, 11, 14, 15, 20])) out.DetailState = c.u32();
  if (has(id, [8, 9, 10, 11, 12, 13, 14, 15, 18, 20])) {
    out.Temperature = c.scaled(10);
    out.TemperatureUnit = c.u8();
  }
  if (has(id, [8, 9, 10, 11, 12, 13, 14, 15, 18, 19])) out.InclinationDegree = c.u8();
}

const DAYS = ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'];

function schedule(c: Cursor): VegapulsSchedule {
  const b = [c.u8(), c.u8(), c.u8(), c.u8(), c.u8(), c.u8(), c.u8()] as const;
  const dayBits = (b[0] >> 1) & 0x7f;
  return {
    Days: DAYS.filter((_, i) => (dayBits & (1 << i)) !== 0),
    StartTimeMinutes: ((b[0] & 0x01) << 10) | (b[1] << 2) | ((b[2] & 0xc0) >> 6),
    EndTimeMinutes: ((b[2] & 0x3f) << 5) | ((b[3] & 0xf8) >> 3),
    MeasureIntervalMinutes: ((b[3] & 0x07) << 8) | b[4],
    TransmissionIntervalMinutes: ((b[5] & 0x07) << 8) | b[6],
  };
}

/** Packets 16, 17 and 23-26: device information. */
function infoPacket(c: Cursor, id: number, out: VegapulsData): void {
  if (has(id, [23, 24, 25, 26])) out.NamurState = c.u8();
  if (has(id, [16, 23])) {
    out.Information = c.u8();
    out.DtmID = c.u32();
    out.ManufacturerID = c.u32();
  }
  if (has(id, [16, 24])) {
    out.DeviceType = c.u32();
    out.SoftwareVersionASCII = [c.u8(), c.u8(), c.u8(), c.u8()].join('.');
  }
  if (has(id, [16, 25])) {
    out.Schedule = schedule(c);
    out.ChangeCounter = c.u16();
  }
  if (has(id, [16, 26])) {
    out.ScaledMin = c.measured();
    out.ScaledMax = c.measured();
  }
  if (id === 17) {
    out.DeviceName = c.text(19);
    out.DeviceTag = c.text(19);
  }
}

function vegapulsDecoder(id: string): DeviceDecoder<VegapulsData> {
  return defineDecoder<VegapulsData>(infoOf(id), (bytes) => {
    if (bytes.length === 0) return failure(`${id}: empty payload; expected a packet identifier`);
    const packet = u8(bytes, 0);
    const out: VegapulsData = { PacketIdentifier: packet };
    const c = new Cursor(bytes);
    if (packet >= 2 && packet <= 5) packet2to5(c, packet, out);
    else if (packet === 6) {
      out.NamurState = c.u8();
      gnss(c, out);
    } else if (packet === 7) {
      out.NamurState = c.u8();
      out.DetailState = c.u32();
    } else if ((packet >= 8 && packet <= 15) || (packet >= 18 && packet <= 22)) {
      variablePacket(c, packet, out);
    } else if (packet === 16 || packet === 17 || (packet >= 23 && packet <= 26)) {
      infoPacket(c, packet, out);
    } else {
      return failure(`${id}: unknown packet identifier ${packet}; known are 2-26`);
    }
    const warnings =
      c.at < bytes.length
        ? [`${id}: ${bytes.length - c.at} trailing byte(s) after packet ${packet} ignored`]
        : [];
    return success(out, warnings);
  });
}

/**
 * VEGAPULS Air 41 radar level sensor.
 *
 * @example
 * ```ts
 * import { vegapulsAir41 } from '@smartcitylab/decoders/vega';
 * const bytes = [0x08, 0x3f, 0xa3, 0x1f, 0x15, 0x2d, 0x24, 0x01, 0x04, 0x20, 0x09];
 * vegapulsAir41.decodeUplink({ bytes, fPort: 1 });
 * // data: Distance ≈ 1.27439 (Unit 45 = m), RemainingPower 36, Temperature 26, InclinationDegree 9
 * ```
 */
export const vegapulsAir41: DeviceDecoder<VegapulsData> = vegapulsDecoder('vega/vegapuls-air-41');

/**
 * VEGAPULS Air 42 radar level sensor (same payload format as the Air 41).
 *
 * @example
 * ```ts
 * import { vegapulsAir42 } from '@smartcitylab/decoders/vega';
 * vegapulsAir42.decodeUplink({ bytes: [0x07, 0x00, 0x00, 0x00, 0x00, 0x00], fPort: 1 });
 * // { data: { PacketIdentifier: 7, NamurState: 0, DetailState: 0 } }
 * ```
 */
export const vegapulsAir42: DeviceDecoder<VegapulsData> = vegapulsDecoder('vega/vegapuls-air-42');

/**
 * All VEGA decoders keyed by device id.
 *
 * @example
 * ```ts
 * import { decoders } from '@smartcitylab/decoders/vega';
 * decoders['vega/vegapuls-air-41']?.decodeUplink({ bytes: [0x07, 0, 0, 0, 0, 0], fPort: 1 });
 * ```
 */
export const decoders = {
  'vega/vegapuls-air-41': vegapulsAir41,
  'vega/vegapuls-air-42': vegapulsAir42,
} as const satisfies Readonly<Record<string, DeviceDecoder<unknown>>>;

export type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
export { catalog };

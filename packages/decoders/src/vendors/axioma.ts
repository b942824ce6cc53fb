/**
 * Axioma Qalcosonic W1 water meter decoders. One meter, three output shapes, so
 * that each platform's existing consumers keep working:
 *
 * - `qalcosonicW1`: the TTN device repository codec (fPort 100, 51-byte enhanced
 *   24-hour frame, volumes in m³).
 * - `qalcosonicW1UniversalCodec`: the Axioma universal codec as run by ChirpStack
 *   (volumes in litres, local date and time text).
 * - `qalcosonicW1Diwise`: the diwise platform decoder (W1H, W1E and W1T frames and
 *   the 5-byte alarm frame; volumes in litres).
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/axioma.js';
import { DecoderError } from '../errors.js';
import type { Bytes } from '../internal/bytes.js';
import { u8, u16le, u32le } from '../internal/bytes.js';
import { defineDecoder, failure, findInfo, success } from '../internal/define.js';
import { isoFromEpochMs } from '../internal/time.js';
import type { DeviceDecoder } from '../types.js';

const ENHANCED_LENGTH = 51;
const DELTA_COUNT = 23;
const DELTA_BITS = 14;
const DELTAS_OFFSET = 10;

/** Reads `length` bits, least significant first, starting `bit` bits after `byteOffset`. */
function readBitsLE(bytes: Bytes, byteOffset: number, bit: number, length: number): number {
  // Up to 24 bits span at most four bytes; bytes past the end read as zero bits.
  const at = byteOffset + (bit >> 3);
  const word =
    ((bytes[at] ?? 0) |
      ((bytes[at + 1] ?? 0) << 8) |
      ((bytes[at + 2] ?? 0) << 16) |
      ((bytes[at + 3] ?? 0) << 24)) >>>
    0;
  return (word >>> (bit & 7)) & ((1 << length) - 1);
}

/** Output keys of the hourly deltas, built once. */
const DELTA_IDS = /* @__PURE__ */ Array.from({ length: DELTA_COUNT }, (_, i) => `id${i + 1}`);

/** The 23 hourly deltas (litres) packed as 14-bit little-endian fields after byte 10. */
function enhancedDeltas(bytes: Bytes): number[] {
  const out: number[] = [];
  for (let i = 0; i < DELTA_COUNT; i++) {
    out.push(readBitsLE(bytes, DELTAS_OFFSET, i * DELTA_BITS, DELTA_BITS));
  }
  return out;
}

function checkEnhanced(id: string, bytes: Bytes, fPort: number): string | undefined {
  if (fPort !== 100) return `${id}: unsupported fPort ${fPort}; the enhanced frame uses fPort 100`;
  if (bytes.length !== ENHANCED_LENGTH) {
    return `${id}: expected the ${ENHANCED_LENGTH}-byte enhanced 24-hour frame, received ${bytes.length} byte(s)`;
  }
  if (bytes[0] !== 0x01) {
    return `${id}: unsupported frame version 0x${(bytes[0] ?? 0).toString(16).padStart(2, '0')}; expected 0x01`;
  }
  return undefined;
}

/** Decoded W1 enhanced frame in the TTN codec's shape (volumes in m³). */
export interface QalcosonicW1Data {
  payload_format: 'AXIOMA_W1_ENHANCED_24H';
  frame_version: number;
  payload_bytes: number;
  /** Meter time, seconds since 1970 (UTC). */
  timestamp_unix: number;
  timestamp_utc: string;
  /** Raw status byte. */
  status: number;
  low_battery: boolean;
  permanent_error: boolean;
  temporary_error: boolean;
  pipe_empty: boolean;
  backflow: boolean;
  burst: boolean;
  leakage: boolean;
  low_temperature: boolean;
  /** Volume at the start of the logged day, m³. */
  log_volume_m3: number;
  history_count: number;
  history_total_m3: number;
  /** Log volume plus all deltas, m³. */
  current_volume_m3: number;
  history_multiplier: number;
  /** `delta_1_m3` ... `delta_23_m3`: hourly consumption in m³. */
  [delta: `delta_${number}_m3`]: number;
}

/**
 * Axioma Qalcosonic W1, TTN device repository output shape.
 *
 * @example
 * ```ts
 * import { qalcosonicW1 } from '@smartcitylab/decoders/axioma';
 * const r = qalcosonicW1.decodeUplink({ bytes: new Uint8Array(51).fill(0, 1).fill(1, 0, 1), fPort: 100 });
 * // data.current_volume_m3 === 0
 * ```
 */
// The decoders below are built by calls marked pure, so that a bundle importing one of them
// drops the others.
export const qalcosonicW1: DeviceDecoder<QalcosonicW1Data> =
  /* @__PURE__ */ defineDecoder<QalcosonicW1Data>(
    /* @__PURE__ */ findInfo(catalog, 'axioma/qalcosonic-w1'),
    (bytes, fPort) => {
      const problem = checkEnhanced('axioma/qalcosonic-w1', bytes, fPort);
      if (problem !== undefined) return failure(problem);
      const timestamp = u32le(bytes, 1);
      const status = u8(bytes, 5);
      const logLitres = u32le(bytes, 6);
      const backflow = (status & 0x60) === 0x60;
      const burst = (status & 0xa0) === 0xa0;
      const d = enhancedDeltas(bytes);
      let total = 0;
      for (let i = 0; i < DELTA_COUNT; i++) total += d[i] as number;
      // One literal with every key written out: a fixed shape, where 23 computed-key stores
      // would turn the object into a slow dictionary.
      const data: QalcosonicW1Data = {
        payload_format: 'AXIOMA_W1_ENHANCED_24H',
        frame_version: u8(bytes, 0),
        payload_bytes: bytes.length,
        timestamp_unix: timestamp,
        timestamp_utc: isoFromEpochMs(timestamp * 1000),
        status,
        low_battery: (status & 0x04) !== 0,
        permanent_error: (status & 0x08) !== 0,
        temporary_error: (status & 0x10) !== 0,
        pipe_empty: status === 0x10,
        backflow,
        burst,
        leakage: (status & 0x20) !== 0 && !backflow && !burst,
        low_temperature: (status & 0x80) !== 0 && !burst,
        log_volume_m3: logLitres / 1000,
        delta_1_m3: (d[0] as number) / 1000,
        delta_2_m3: (d[1] as number) / 1000,
        delta_3_m3: (d[2] as number) / 1000,
        delta_4_m3: (d[3] as number) / 1000,
        delta_5_m3: (d[4] as number) / 1000,
        delta_6_m3: (d[5] as number) / 1000,
        delta_7_m3: (d[6] as number) / 1000,
        delta_8_m3: (d[7] as number) / 1000,
        delta_9_m3: (d[8] as number) / 1000,
        delta_10_m3: (d[9] as number) / 1000,
        delta_11_m3: (d[10] as number) / 1000,
        delta_12_m3: (d[11] as number) / 1000,
        delta_13_m3: (d[12] as number) / 1000,
        delta_14_m3: (d[13] as number) / 1000,
        delta_15_m3: (d[14] as number) / 1000,
        delta_16_m3: (d[15] as number) / 1000,
        delta_17_m3: (d[16] as number) / 1000,
        delta_18_m3: (d[17] as number) / 1000,
        delta_19_m3: (d[18] as number) / 1000,
        delta_20_m3: (d[19] as number) / 1000,
        delta_21_m3: (d[20] as number) / 1000,
        delta_22_m3: (d[21] as number) / 1000,
        delta_23_m3: (d[22] as number) / 1000,
        history_count: DELTA_COUNT,
        history_total_m3: total / 1000,
        current_volume_m3: (logLitres + total) / 1000,
        history_multiplier: 0,
      };
      data.history_multiplier = readBitsLE(bytes, DELTAS_OFFSET, DELTA_COUNT * DELTA_BITS, 6);
      return success(
        data,
        data.history_multiplier !== 0
          ? ['Non-zero history multiplier detected. Additional scaling may be required.']
          : [],
      );
    },
  );

/** Decoded W1 enhanced frame in the Axioma universal codec's shape (volumes in litres). */
export interface QalcosonicW1UniversalData {
  frameVersion: number;
  /** Meter time as local date and time text `Y-M-D h:m:s` (no zero padding). */
  curDateTime: string;
  statusCode: number;
  /** Volume at the start of the logged day, litres. */
  curVol: number;
  /** Hourly deltas `id1` ... `id23`, litres. */
  deltaVol: Record<string, number>;
}

/** Options of {@link createQalcosonicW1UniversalCodec}. */
export interface UniversalCodecOptions {
  /** IANA time zone `curDateTime` is written in; default `Europe/Stockholm`. */
  timeZone?: string;
}

/** A formatter per time zone: building an Intl.DateTimeFormat costs far more than using one. */
function localFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  });
}

function localText(epochSeconds: number, format: Intl.DateTimeFormat): string {
  const parts = format.formatToParts(new Date(epochSeconds * 1000));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/**
 * Builds a universal-codec-shaped decoder that writes `curDateTime` in the given
 * time zone (the codec formats the meter time in the network server's local time).
 *
 * @example
 * ```ts
 * import { createQalcosonicW1UniversalCodec } from '@smartcitylab/decoders/axioma';
 * const utc = createQalcosonicW1UniversalCodec({ timeZone: 'UTC' });
 * ```
 * @throws {DecoderError} code `InvalidOption` when `timeZone` is not a valid IANA time zone.
 */
export function createQalcosonicW1UniversalCodec(
  options: UniversalCodecOptions = {},
): DeviceDecoder<QalcosonicW1UniversalData> {
  const timeZone = options.timeZone ?? 'Europe/Stockholm';
  // Fails fast on a bad zone, at construction rather than per uplink.
  let format: Intl.DateTimeFormat;
  try {
    format = localFormatter(timeZone);
  } catch (cause) {
    throw new DecoderError(
      'InvalidOption',
      `axioma/qalcosonic-w1-universal-codec: unknown time zone ${JSON.stringify(timeZone)}; ` +
        'pass an IANA zone such as "Europe/Stockholm" or "UTC"',
      { cause },
    );
  }
  const id = 'axioma/qalcosonic-w1-universal-codec';
  return defineDecoder<QalcosonicW1UniversalData>(findInfo(catalog, id), (bytes, fPort) => {
    const problem = checkEnhanced(id, bytes, fPort);
    if (problem !== undefined) return failure(problem);
    const deltaVol: Record<string, number> = {};
    for (let i = 0; i < DELTA_COUNT; i++) {
      deltaVol[DELTA_IDS[i] as string] = readBitsLE(
        bytes,
        DELTAS_OFFSET,
        i * DELTA_BITS,
        DELTA_BITS,
      );
    }
    return success({
      frameVersion: u8(bytes, 0),
      curDateTime: localText(u32le(bytes, 1), format),
      statusCode: u8(bytes, 5),
      curVol: u32le(bytes, 6),
      deltaVol,
    });
  });
}

/**
 * Axioma Qalcosonic W1, Axioma universal codec output shape (as ChirpStack runs it
 * in Sundsvall: `curDateTime` in Europe/Stockholm time).
 *
 * @example
 * ```ts
 * import { qalcosonicW1UniversalCodec } from '@smartcitylab/decoders/axioma';
 * const bytes = new Uint8Array(51);
 * bytes[0] = 1;
 * qalcosonicW1UniversalCodec.decodeUplink({ bytes, fPort: 100 }); // data.curVol === 0
 * ```
 */
export const qalcosonicW1UniversalCodec: DeviceDecoder<QalcosonicW1UniversalData> =
  /* @__PURE__ */ createQalcosonicW1UniversalCodec();

/** One logged volume of a diwise-shaped frame. */
export interface QalcosonicVolume {
  /** ISO 8601 UTC time the volume was logged. */
  Timestamp: string;
  /** Meter reading at that time, litres. */
  Cumulated: number;
  /** Consumption since the previous entry, litres (0 for the first). */
  Delta: number;
}

/** Decoded volume frame in the diwise decoder's shape (volumes in litres). */
export interface QalcosonicDiwiseVolumeData {
  /** `w1h` (51/52 bytes), `w1e` or `w1t` (43-47 bytes). */
  Type: 'w1h' | 'w1e' | 'w1t';
  /** Frame version (W1H only). */
  FrameVersion?: number;
  /** Meter time, ISO 8601 UTC. */
  Timestamp: string;
  StatusCode: number;
  Messages: string[];
  /** Current meter reading, litres. */
  Current: number;
  /** Water temperature in 0.01 °C (W1T only). */
  Temperature?: number;
  /** Number of logged volumes, including the base value. */
  VolumesCount: number;
  Volumes: QalcosonicVolume[];
}

/** Decoded 5-byte alarm frame in the diwise decoder's shape. */
export interface QalcosonicDiwiseAlarmData {
  Type: 'alarm';
  Timestamp: string;
  StatusCode: number;
  Messages: string[];
}

/** Either diwise frame shape. */
export type QalcosonicDiwiseData = QalcosonicDiwiseVolumeData | QalcosonicDiwiseAlarmData;

function statusMessages(code: number): string[] {
  const has = (mask: number): boolean => (code & mask) === mask;
  const leak = has(0x20);
  const burst = has(0xa0);
  const backflow = has(0x60);
  const freeze = has(0x80);
  const msg: string[] = [];
  if (code === 0) msg.push('No error');
  if (has(0x04)) msg.push('Power low');
  if (has(0x08)) msg.push('Permanent error');
  if (has(0x10)) msg.push('Temporary error');
  if (has(0x10) && !freeze && !leak && !burst && !backflow) msg.push('Empty spool');
  if (freeze && !leak && !burst && !backflow) msg.push('Freeze');
  if (leak && !freeze && !burst && !backflow) msg.push('Leak');
  if (burst) msg.push('Burst');
  if (backflow) msg.push('Backflow');
  return msg.length > 0 ? msg : ['Unknown'];
}

const ALARM_MESSAGES: ReadonlyMap<number, string> = /* @__PURE__ */ new Map([
  [0x00, 'No error'],
  [0x01, 'Leak'],
  [0x02, 'Burst'],
  [0x04, 'Low temperature'],
  [0x08, 'Tamper'],
  [0x20, 'Backflow'],
]);

const iso = (epochSeconds: number): string => isoFromEpochMs(epochSeconds * 1000);
const HOUR = 3600;
// Log time far after the meter's own clock means the 4 bytes are not a log time.
const LOG_TIME_SLACK = 72 * HOUR;

function hourlyVolumes(base: number, start: number, deltas: readonly number[]): QalcosonicVolume[] {
  const out: QalcosonicVolume[] = [{ Timestamp: iso(start), Cumulated: base, Delta: 0 }];
  let v = base;
  deltas.forEach((d, i) => {
    v += d;
    out.push({ Timestamp: iso(start + (i + 1) * HOUR), Cumulated: v, Delta: d });
  });
  return out;
}

const floorHour = (epoch: number): number => epoch - (epoch % HOUR);

function decodeW1h(bytes: Bytes): QalcosonicDiwiseVolumeData {
  const sensor = u32le(bytes, 1);
  const status = u8(bytes, 5);
  const base = u32le(bytes, 6);
  // The base value is logged at 01:00 UTC the day before the meter time.
  const day = new Date(sensor * 1000);
  const logTime = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - 1, 1) / 1000;
  const volumes = hourlyVolumes(base, logTime, enhancedDeltas(bytes));
  const last = volumes[volumes.length - 1] as QalcosonicVolume;
  return {
    Type: 'w1h',
    FrameVersion: u8(bytes, 0),
    Timestamp: iso(sensor),
    StatusCode: status,
    Messages: statusMessages(status),
    Current: last.Cumulated,
    VolumesCount: volumes.length,
    Volumes: volumes,
  };
}

/** W1E (no temperature, log time at byte 9) or W1T (temperature at byte 9, log time at 11). */
function decodeW1eOrT(bytes: Bytes): QalcosonicDiwiseVolumeData {
  const sensor = u32le(bytes, 0);
  const status = u8(bytes, 4);
  const current = u32le(bytes, 5);
  const withTemperature = u32le(bytes, 9) > sensor + LOG_TIME_SLACK;
  const logAt = withTemperature ? 11 : 9;
  const logTime = floorHour(u32le(bytes, logAt));
  const base = u32le(bytes, logAt + 4);
  const deltas: number[] = [];
  for (let o = logAt + 8; o + 2 <= bytes.length; o += 2) deltas.push(u16le(bytes, o));
  const volumes = hourlyVolumes(base, logTime, deltas);
  const data: QalcosonicDiwiseVolumeData = {
    Type: withTemperature ? 'w1t' : 'w1e',
    Timestamp: iso(sensor),
    StatusCode: status,
    Messages: statusMessages(status),
    Current: current,
    VolumesCount: volumes.length,
    Volumes: volumes,
  };
  if (withTemperature) data.Temperature = u16le(bytes, 9);
  return data;
}

/**
 * Axioma Qalcosonic W1, diwise decoder output shape. Volume frames arrive on fPort
 * 100 and are told apart by length (51/52 bytes W1H; 43-47 bytes W1E or, when
 * bytes 9-12 are no plausible log time, W1T); 5-byte alarm frames on fPort 100 or
 * 103.
 *
 * @example
 * ```ts
 * import { qalcosonicW1Diwise } from '@smartcitylab/decoders/axioma';
 * qalcosonicW1Diwise.decodeUplink({ bytes: [0x43, 0xb1, 0x31, 0x5d, 0x88], fPort: 103 });
 * // { data: { Type: 'alarm', StatusCode: 136, ... } }
 * ```
 */
export const qalcosonicW1Diwise: DeviceDecoder<QalcosonicDiwiseData> =
  /* @__PURE__ */ defineDecoder<QalcosonicDiwiseData>(
    /* @__PURE__ */ findInfo(catalog, 'axioma/qalcosonic-w1-diwise'),
    (bytes, fPort) => {
      const id = 'axioma/qalcosonic-w1-diwise';
      if (fPort !== 100 && fPort !== 103) {
        return failure(`${id}: unsupported fPort ${fPort}; use 100 (volumes) or 103 (alarms)`);
      }
      const n = bytes.length;
      if (n === 5) {
        const code = u8(bytes, 4);
        const message = ALARM_MESSAGES.get(code);
        return success({
          Type: 'alarm',
          Timestamp: iso(u32le(bytes, 0)),
          StatusCode: code,
          Messages: message === undefined ? [] : [message],
        });
      }
      if (n === 51 || n === 52) return success(decodeW1h(bytes));
      if (n >= 43 && n <= 47) return success(decodeW1eOrT(bytes));
      return failure(
        `${id}: unknown payload length ${n}; expected 5 (alarm), 43-47 (W1E/W1T) or 51-52 (W1H) bytes`,
      );
    },
  );

/**
 * All Axioma decoders keyed by device id.
 *
 * @example
 * ```ts
 * import { decoders } from '@smartcitylab/decoders/axioma';
 * decoders['axioma/qalcosonic-w1-diwise']?.decodeUplink({ bytes: [0, 0, 0, 0, 0], fPort: 103 });
 * ```
 */
export const decoders = {
  'axioma/qalcosonic-w1': qalcosonicW1,
  'axioma/qalcosonic-w1-universal-codec': qalcosonicW1UniversalCodec,
  'axioma/qalcosonic-w1-diwise': qalcosonicW1Diwise,
} as const satisfies Readonly<Record<string, DeviceDecoder<unknown>>>;

export type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
export { catalog };

/**
 * Adeunis decoders (COMFORT CO2 and PULSE v4). The output keeps the shape of the
 * Adeunis reference codec: everything sits under `bytes`, with a `type` naming the
 * frame and a `status` decoded from the second byte.
 *
 * @packageDocumentation
 */
import { catalog, comfortCo2Info, pulseInfo } from '../catalog/adeunis.js';
import type { Bytes } from '../internal/bytes.js';
import { i16be, PayloadError, u8, u16be, u32be } from '../internal/bytes.js';
import { defineDecoder, failure } from '../internal/define.js';
import { isoFromEpochMs } from '../internal/time.js';
import type { DeviceDecoder, DeviceInfo } from '../types.js';

/** A value with its unit, as the Adeunis codec reports configuration and alarm values. */
export interface AdeunisUnitValue {
  unit: string;
  value: number;
}

/** A series of values with their unit, newest first. */
export interface AdeunisSeries {
  unit: string;
  values: number[];
}

/** Status byte of an Adeunis frame. */
export interface AdeunisStatus {
  /** 3-bit frame counter. */
  frameCounter: number;
  hardwareError: boolean;
  lowBattery: boolean;
  configurationDone: boolean;
  /** COMFORT CO2 only. */
  configurationInconsistency?: boolean;
  /** Whether a 4-byte timestamp ends the frame. */
  timestamp: boolean;
}

/** Decoded frame content; the keys present depend on `type`. */
export interface AdeunisFrame {
  /** Frame code and name, e.g. `0x6a Comfort CO2 data`. */
  type: string;
  status: AdeunisStatus;
  /** Local time of the measurement (ISO 8601 without zone), when the device adds it. */
  timestamp?: string;
  [key: string]: unknown;
}

/** Decoded Adeunis uplink. */
export interface AdeunisData {
  bytes: AdeunisFrame;
}

const DEGREES = '\u00B0C';
// Adeunis devices count seconds from 2013-01-01T00:00:00Z.
const ADEUNIS_EPOCH = 1356998400;

function adeunisTime(bytes: Bytes, offset: number): string {
  return isoFromEpochMs((u32be(bytes, offset) + ADEUNIS_EPOCH) * 1000, false);
}

const hasTimestamp = (bytes: Bytes): boolean => (u8(bytes, 1) & 0x04) !== 0;

/** Sets `body.timestamp` from the 4 bytes at `at` when the status flags a timestamp. */
function stamp(bytes: Bytes, body: Body, at: number): void {
  if (hasTimestamp(bytes)) body.timestamp = adeunisTime(bytes, at);
}

function baseStatus(bytes: Bytes): AdeunisStatus {
  const s = u8(bytes, 1);
  return {
    frameCounter: (s & 0xe0) >> 5,
    hardwareError: false,
    lowBattery: (s & 0x02) !== 0,
    configurationDone: (s & 0x01) !== 0,
    timestamp: (s & 0x04) !== 0,
  };
}

function comfortStatus(bytes: Bytes): AdeunisStatus {
  // Written out, not spread over baseStatus: one fixed-shape literal (same key order).
  const s = u8(bytes, 1);
  return {
    frameCounter: (s & 0xe0) >> 5,
    hardwareError: false,
    lowBattery: (s & 0x02) !== 0,
    configurationDone: (s & 0x01) !== 0,
    configurationInconsistency: (s & 0x08) !== 0,
    timestamp: (s & 0x04) !== 0,
  };
}

type Body = Record<string, unknown>;
/**
 * Decodes a frame's fields into `body` (which already holds `type` and `status`, so that its
 * keys come in the codec's order) and returns the frame's name without its code (the decoder
 * prefixes `0xNN `).
 */
type FrameParser = (bytes: Bytes, body: Body) => string;

const INPUT_DEBOUNCE_MS = [
  0, 10, 20, 500, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 40000, 60000, 300000, 600000,
];
const INPUT_TYPES = ['deactivated', 'highEdge', 'lowEdge', 'bothEdges'];
const REQUEST_STATUS = [
  'errorOtherReason',
  'success',
  'successNoUpdate',
  'errorCoherency',
  'errorInvalidRegister',
  'errorInvalidValue',
  'errorTruncatedValue',
  'errorAccesNotAllowed',
];

function digitalInput(bytes: Bytes, o: number): Body {
  const b = u8(bytes, o);
  return {
    type: INPUT_TYPES[b & 0x0f] ?? '',
    debouncingPeriod: { unit: 'ms', value: INPUT_DEBOUNCE_MS[(b & 0xf0) >> 4] ?? 0 },
    threshold: u16be(bytes, o + 1),
  };
}

// The codec marks a frame it cannot fully decode without knowing the network.
const MISSING_NETWORK = 1;

/** 0x20: LoRaWAN (4 bytes) or Sigfox (3 or 5 bytes) network configuration. */
function networkConfiguration(withClassAndDutyCycle: boolean): FrameParser {
  return (b, body) => {
    if (b.length === 4) {
      body.loraAdr = (u8(b, 2) & 0x01) !== 0;
      body.loraProvisioningMode = u8(b, 3) === 0 ? 'ABP' : 'OTAA';
      if (withClassAndDutyCycle) {
        body.loraDutycyle = (u8(b, 2) & 0x04) !== 0 ? 'activated' : 'deactivated';
        body.loraClassMode = (u8(b, 2) & 0x20) !== 0 ? 'CLASS C' : 'CLASS A';
      }
    } else if (b.length === 3 || b.length === 5) {
      body.sigfoxRetry = u8(b, 2) & 0x03;
      if (b.length === 5) body.sigfoxDownlinkPeriod = { unit: 'm', value: i16be(b, 3) };
    } else {
      body.partialDecoding = MISSING_NETWORK;
    }
    return 'Configuration';
  };
}

const setRegisterStatus: FrameParser = (b, body) => {
  body.requestStatus = REQUEST_STATUS[u8(b, 2)] ?? 'errorOtherReason';
  body.registerId = u16be(b, 3);
  return 'Set register status';
};

/** 0x51 and 0x52: alarm of digital input 1 or 2 (the low nibble of the code). */
const digitalAlarm: FrameParser = (b, body) => {
  stamp(b, body, 9);
  const state = u8(b, 2);
  body.state = { previousFrame: ((state >> 1) & 1) === 1, current: (state & 1) === 1 };
  body.counter = { global: u32be(b, 3), instantaneous: u16be(b, 7) };
  return `digital input ${u8(b, 0) & 0x0f} alarm`;
};

// The tables and decoders below are built by calls marked pure and without spreads, so that a
// bundle importing one device's decoder drops the other device's frame parsers.
const COMFORT_CO2: Readonly<Record<string, FrameParser>> = {
  '0x1f': (b, body) => {
    body.digitalInput1 = digitalInput(b, 2);
    body.digitalInput2 = digitalInput(b, 5);
    return 'digital input configuration';
  },
  '0x20': /* @__PURE__ */ networkConfiguration(true),
  '0x33': setRegisterStatus,
  '0x37': (b, body) => {
    body.appVersion = `${u8(b, 2)}.${u8(b, 3)}.${u8(b, 4)}`;
    body.rtuVersion = `${u8(b, 5)}.${u8(b, 6)}.${u8(b, 7)}`;
    return 'Software version';
  },
  '0x10': (b, body) => {
    const period = u16be(b, 8);
    const sampling = u16be(b, 6);
    const historization = u16be(b, 4);
    body.dailyFrameActivated = u16be(b, 2) !== 0;
    body.numberOfHistorizationBeforeSending = historization;
    body.numberOfSamplingBeforeHistorization = sampling;
    body.samplingPeriod = { unit: 's', value: period * 2 };
    body.redundantSamples = u8(b, 10);
    body.calculatedPeriodRecording = { unit: 's', value: period * sampling * 2 };
    body.calculatedSendingPeriod = { unit: 's', value: period * sampling * historization * 2 };
    if (b.length >= 13) {
      body.blackOutDuration = { unit: 'h', value: u8(b, 11) };
      body.blackOutStartTime = { unit: 'h', value: u8(b, 12) };
    }
    return 'Comfort CO2 configuration';
  },
  '0x30': (b, body) => {
    stamp(b, body, 19);
    body.icone = u8(b, 2);
    body.qaiRedDuration = { unit: 'min', value: u8(b, 3) * 10 };
    body.temperatureMax = { unit: DEGREES, value: i16be(b, 4) / 10 };
    body.co2Max = { unit: 'ppm', value: u16be(b, 6) };
    body.humidityMax = { unit: '%', value: u8(b, 8) };
    body.temperatureMin = { unit: DEGREES, value: i16be(b, 9) / 10 };
    if (b.length === 19 || b.length === 23) {
      body.co2Min = { unit: 'ppm', value: u16be(b, 11) };
      body.humidityMin = { unit: '%', value: u8(b, 13) };
      body.temperatureAverage = { unit: DEGREES, value: i16be(b, 14) / 10 };
      body.co2Average = { unit: 'ppm', value: u16be(b, 16) };
      body.humidityAverage = { unit: '%', value: u8(b, 18) };
    } else if (b.length !== 11) {
      body.partialDecoding = MISSING_NETWORK;
    }
    return 'Comfort CO2 Daily frame';
  },
  '0x51': digitalAlarm,
  '0x52': digitalAlarm,
  '0x6a': (b, body) => {
    const end = hasTimestamp(b) ? b.length - 4 : b.length;
    stamp(b, body, end);
    if (end < 7 || (end - 2) % 5 !== 0) {
      throw new PayloadError(
        `a 0x6a data frame holds 2 header bytes and 5-byte samples (plus a 4-byte ` +
          `timestamp when flagged); ${end} data byte(s) do not fit`,
      );
    }
    const temperature: number[] = [];
    const humidity: number[] = [];
    const co2: number[] = [];
    for (let o = 2; o < end; o += 5) {
      temperature.push(i16be(b, o) / 10);
      humidity.push(u8(b, o + 2));
      co2.push(u16be(b, o + 3));
    }
    body.decodingInfo = 'values: [t=0, t-1, t-2, ...]';
    body.temperature = { unit: DEGREES, values: temperature };
    body.humidity = { unit: '%', values: humidity };
    body.co2 = { unit: 'ppm', values: co2 };
    return 'Comfort CO2 data';
  },
  '0x6b': (b, body) => {
    stamp(b, body, b.length - 4);
    const flags = u8(b, 2);
    body.alarmTemperature = {
      alarmStatus: alarmState(flags, 0x10),
      temperature: { unit: DEGREES, value: i16be(b, 3) / 10 },
    };
    body.alarmHumidity = {
      alarmStatus: alarmState(flags, 0x01),
      humidity: { unit: '%', value: u8(b, 5) },
    };
    body.alarmCo2 = {
      alarmStatus: alarmState(flags, 0x20),
      co2: { unit: 'ppm', value: i16be(b, 6) },
    };
    return 'Comfort CO2 alarm';
  },
};

const alarmState = (flags: number, bit: number): string =>
  (flags & bit) !== 0 ? 'active' : 'inactive';

/** 0x5a and 0x5b: counter history of channel A or B. */
const pulseCounters: FrameParser = (b, body) => {
  const end = hasTimestamp(b) ? b.length - 4 : b.length;
  stamp(b, body, end);
  if (end < 6 || (end - 6) % 2 !== 0) {
    throw new PayloadError(
      `a counter frame holds 2 header bytes, a 4-byte counter and 2-byte deltas (plus a ` +
        `4-byte timestamp when flagged); ${end} data byte(s) do not fit`,
    );
  }
  let counter = u32be(b, 2);
  const values = [counter];
  for (let o = 6; o < end; o += 2) {
    counter -= u16be(b, o);
    values.push(counter);
  }
  body.decodingInfo = 'counterValues: [t=0, t-1, t-2, ...]';
  body.counterValues = values;
  return `Pulse 4 data - channel ${u8(b, 0) === 0x5a ? 'A' : 'B'}`;
};

const PRODUCT_MODES = ['PARK', 'PRODUCTION', 'TEST', 'DEAD'];
const PULSE_DEBOUNCE_MS = [0, 1, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

/** 0x10: PULSE v4 configuration; LoRaWAN frames (28 bytes) add leakage and tamper settings. */
function pulseConfiguration(b: Bytes, body: Body): string {
  const network = b.length === 28 ? 'lora' : b.length === 11 ? 'sigfox' : 'unknown';
  const mode = u8(b, 2);
  const historization = u16be(b, 3);
  const sampling = u16be(b, 6);
  const channels = u8(b, 5);
  const debounce = u8(b, 8);
  body.productMode = PRODUCT_MODES[mode] ?? '';
  body.numberOfHistorizationBeforeSending = historization;
  body.samplingPeriod = { unit: 's', value: sampling * 2 };
  body.calculatedSendingPeriod = { unit: 's', value: historization * sampling * 2 };
  body.flowCalculationPeriod =
    mode === 2 ? { unit: 's', value: u16be(b, 9) * 20 } : { unit: 'm', value: u16be(b, 9) };
  if (network === 'lora') body.redundantSamples = u8(b, 27);
  const channel = (name: string, shift: number, debounceCode: number, o: number): Body => {
    const ch: Body = {
      name,
      state: (channels >> shift) & 0x01 ? 'enabled' : 'disabled',
      type: (channels >> (shift + 1)) & 0x01 ? 'gasPullUpOn' : 'otherPullUpOff',
      debouncingPeriod: { unit: 'ms', value: PULSE_DEBOUNCE_MS[debounceCode] ?? 0 },
    };
    const tamper = ((channels >> (shift + 3)) & 0x01) === 1;
    if (network === 'lora') {
      ch.leakageDetection = {
        overflowAlarmTriggerThreshold: u16be(b, 11 + o * 2),
        threshold: u16be(b, 15 + o * 2),
        dailyPeriodsBelowWhichLeakageAlarmTriggered: u16be(b, 19 + o * 2),
      };
      ch.tamper = {
        activated: tamper,
        samplePeriodForDetection: { unit: 's', value: u8(b, 23 + o * 2) * 10 },
        threshold: u8(b, 24 + o * 2),
      };
    } else if (network === 'sigfox') {
      ch.tamper = { activated: tamper };
    }
    return ch;
  };
  body.channels = [
    channel('channel A', 0, debounce & 0x0f, 0),
    channel('channel B', 4, (debounce & 0xf0) >> 4, 1),
  ];
  return 'Pulse 4 configuration';
}

const PULSE: Readonly<Record<string, FrameParser>> = {
  '0x10': pulseConfiguration,
  '0x20': /* @__PURE__ */ networkConfiguration(false),
  '0x33': setRegisterStatus,
  '0x11': (b, body) => {
    body.channels = [
      {
        name: 'channel A',
        leakageDetection: {
          overflowAlarmTriggerThreshold: u16be(b, 2),
          threshold: u16be(b, 6),
        },
      },
      {
        name: 'channel B',
        leakageDetection: {
          overflowAlarmTriggerThreshold: u16be(b, 4),
          threshold: u16be(b, 8),
        },
      },
    ];
    return 'Pulse 4 configuration';
  },
  '0x12': (b, body) => {
    body.channels = [
      {
        name: 'channel A',
        leakageDetection: { dailyPeriodsBelowWhichLeakageAlarmTriggered: u16be(b, 2) },
        tamper: {
          samplePeriodForDetection: { unit: 's', value: u8(b, 6) * 10 },
          threshold: u8(b, 7),
        },
      },
      {
        name: 'channel B',
        leakageDetection: { dailyPeriodsBelowWhichLeakageAlarmTriggered: u16be(b, 4) },
        tamper: {
          samplePeriodForDetection: { unit: 's', value: u8(b, 8) * 10 },
          threshold: u8(b, 9),
        },
      },
    ];
    return 'Pulse 4 configuration';
  },
  '0x30': (b, body) => {
    stamp(b, body, 11);
    const f = u8(b, 2);
    body.channels = [
      {
        name: 'channel A',
        flow: { alarm: (f & 0x01) !== 0, last24hMin: u16be(b, 7), last24hMax: u16be(b, 3) },
        tamperAlarm: (f & 0x04) !== 0,
        leakageAlarm: (f & 0x10) !== 0,
      },
      {
        name: 'channel B',
        flow: { alarm: (f & 0x02) !== 0, last24hMin: u16be(b, 9), last24hMax: u16be(b, 5) },
        tamperAlarm: (f & 0x08) !== 0,
        leakageAlarm: (f & 0x20) !== 0,
      },
    ];
    return 'Pulse 4 keep alive';
  },
  '0x46': (b, body) => {
    stamp(b, body, 10);
    body.decodingInfo = 'counterValues: [Channel A, Channel B]';
    body.counterValues = [u32be(b, 2), u32be(b, 6)];
    return 'Pulse 4 data';
  },
  '0x47': (b, body) => {
    stamp(b, body, 6);
    body.decodingInfo = 'flowValues: [Channel A, Channel B]';
    body.flowValues = [u16be(b, 2), u16be(b, 4)];
    return 'Pulse 4 alarm';
  },
  '0x5a': pulseCounters,
  '0x5b': pulseCounters,
};

/** `0x00` ... `0xff`: the frame code texts, built once. */
const CODES = /* @__PURE__ */ Array.from(
  { length: 256 },
  (_, i) => `0x${i < 16 ? '0' : ''}${i.toString(16)}`,
);

function adeunisDecoder(
  info: DeviceInfo,
  parsers: Readonly<Record<string, FrameParser>>,
  status: (bytes: Bytes) => AdeunisStatus,
): DeviceDecoder<AdeunisData> {
  const { id } = info;
  return defineDecoder<AdeunisData>(info, (bytes) => {
    if (bytes.length < 2) {
      return failure(
        `${id}: expected at least 2 bytes (frame code and status), received ${bytes.length}`,
      );
    }
    const code = CODES[u8(bytes, 0)] as string;
    const parse = Object.hasOwn(parsers, code) ? parsers[code] : undefined;
    if (parse === undefined) {
      const known = Object.keys(parsers).sort().join(', ');
      return failure(`${id}: unsupported frame code ${code}; known: ${known}`);
    }
    // `type` first, as the codec prints it; the parser names the frame once decoded.
    const frame: Body = { type: '', status: status(bytes) };
    frame.type = `${code} ${parse(bytes, frame)}`;
    return { data: { bytes: frame as unknown as AdeunisFrame } };
  });
}

/**
 * Adeunis COMFORT CO2 (temperature, humidity, CO2; data, daily, alarm and
 * configuration frames).
 *
 * @example
 * ```ts
 * import { comfortCo2 } from '@smartcitylab/decoders/adeunis';
 * const bytes = [0x6a, 0x80, 0x01, 0xb3, 0x3e, 0x01, 0xa4];
 * comfortCo2.decodeUplink({ bytes, fPort: 1 });
 * // data.bytes.temperature.values = [43.5], humidity [62], co2 [420]
 * ```
 */
export const comfortCo2: DeviceDecoder<AdeunisData> = /* @__PURE__ */ adeunisDecoder(
  comfortCo2Info,
  COMFORT_CO2,
  comfortStatus,
);

/**
 * Adeunis PULSE v4 (two pulse counter channels: counters, flow alarms, keep-alive).
 *
 * @example
 * ```ts
 * import { pulse } from '@smartcitylab/decoders/adeunis';
 * const bytes = [0x46, 0x20, 0x00, 0x00, 0x01, 0x27, 0x00, 0x00, 0x00, 0x05];
 * pulse.decodeUplink({ bytes, fPort: 1 }); // data.bytes.counterValues = [295, 5]
 * ```
 */
export const pulse: DeviceDecoder<AdeunisData> = /* @__PURE__ */ adeunisDecoder(
  pulseInfo,
  PULSE,
  baseStatus,
);

/**
 * All Adeunis decoders keyed by device id.
 *
 * @example
 * ```ts
 * import { decoders } from '@smartcitylab/decoders/adeunis';
 * decoders['adeunis/pulse']?.decodeUplink({ bytes: [0x47, 0x00, 0, 1, 0, 2], fPort: 1 });
 * ```
 */
export const decoders = {
  'adeunis/comfort-co2': comfortCo2,
  'adeunis/pulse': pulse,
} as const satisfies Readonly<Record<string, DeviceDecoder<unknown>>>;

export type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
export { catalog };

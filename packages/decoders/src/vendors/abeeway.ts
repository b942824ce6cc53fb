/**
 * Abeeway decoders. The Asset Tracker 2 sends a common header (message type,
 * tracking mode and flags, battery, temperature, ack token) followed by a body per
 * message type. This decoder reads the header of every uplink and the body of
 * position messages (GPS fix, GPS timeout) and extended GPS positions; other
 * bodies are reported with a warning and the raw `payload`.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/abeeway.js';
import type { Bytes } from '../internal/bytes.js';
import { hex, i16be, PayloadError, u8, u16be, u24be, u32be } from '../internal/bytes.js';
import { defineDecoder, failure, findInfo, success } from '../internal/define.js';
import type { DeviceDecoder } from '../types.js';

/** Decoded Asset Tracker 2 uplink; keys follow the Abeeway TTN driver. */
export interface AssetTracker2Data {
  messageType: string;
  /** The payload as lower-case hex. */
  payload: string;
  trackingMode?: string;
  deviceConfiguration?: { mode: string };
  /** 1 when the SOS / user button action flag is set. */
  sosFlag?: number;
  appState?: number;
  dynamicMotionState?: 'STATIC' | 'MOVING';
  /** Battery level in %, `null` when unknown or charging (fPort 18). */
  batteryLevel?: number | null;
  batteryStatus?: 'CHARGING' | 'OPERATING' | 'UNKNOWN';
  /** Battery voltage in V (fPorts other than 18). */
  batteryVoltage?: number;
  /** Temperature in °C, one decimal. */
  temperatureMeasure?: number;
  periodicPosition?: boolean;
  onDemand?: boolean;
  ackToken?: number;
  rawPositionType?: string;
  /** Age of the fix in seconds. */
  age?: number;
  gpsLatitude?: number;
  gpsLongitude?: number;
  /** Estimated horizontal position error in metres (or a range text for coarse values). */
  horizontalAccuracy?: number | string;
  gpsFixStatus?: 'FIX_2D' | 'FIX_3D';
  gpsPayloadType?: number;
  /** Course over ground in 1/100 degree. */
  gpsCourseOverGround?: number;
  /** Speed over ground in cm/s. */
  gpsSpeedOverGround?: number;
  /** Altitude in metres. */
  gpsAltitude?: number;
  timeoutCause?: string;
  /** C/N0 of the four best satellites, dB-Hz. */
  bestSatellitesCOverN?: number[];
  /** FRAME_PENDING: the ack token the tracker expects next. */
  currentAckTokenValue?: number;
  /** HEARTBEAT: raw reset cause. */
  resetCause?: number;
  /** HEARTBEAT: MCU firmware version. */
  firmwareVersion?: string;
  /** HEARTBEAT: BLE firmware version. */
  bleFirmwareVersion?: string;
  /** SHUTDOWN: why the tracker shut down. */
  shutdownCause?: string;
  /** BLE_MAC: the tracker's BLE MAC address. */
  bleMac?: string;
  miscDataTag?: string;
  /** EVENT: the event that occurred. */
  eventType?: string;
  /** EVENT MOTION_END: accelerometer x, y, z. */
  trackerOrientation?: number[];
  /** EVENT TEMPERATURE_ALERT: state, extremes (°C) and counters. */
  measuredTemperature?: {
    state: string;
    max: number;
    min: number;
    highCounter: number;
    lowCounter: number;
  };
}

const ID = 'abeeway/asset-tracker-2';
const TRACKER_PORT = 18;

const MODES = [
  'STAND_BY',
  'MOTION_TRACKING',
  'PERMANENT_TRACKING',
  'MOTION_START_END_TRACKING',
  'ACTIVITY_TRACKING',
  'OFF',
];

const RAW_POSITION_TYPES = [
  'GPS',
  'GPS_TIMEOUT',
  'ENCRYPTED_WIFI_BSSIDS',
  'WIFI_TIMEOUT',
  'WIFI_FAILURE',
  'XGPS_DATA',
  'XGPS_DATA_WITH_GPS_SW_TIME',
  'BLE_BEACON_SCAN',
  'BLE_BEACON_FAILURE',
  'WIFI_BSSIDS_WITH_NO_CYPHER',
  'BLE_BEACON_SCAN_SHORT_ID',
  'BLE_BEACON_SCAN_LONG_ID',
];

const TIMEOUT_CAUSES = ['USER_TIMEOUT', 'T0_TIMEOUT', 'T1_TIMEOUT'];

const EVENT_TYPES = [
  'GEOLOC_START',
  'MOTION_START',
  'MOTION_END',
  'BLE_CONNECTED',
  'BLE_DISCONNECTED',
  'TEMPERATURE_ALERT',
  'BLE_BOND_DELETED',
  'SOS_MODE_START',
  'SOS_MODE_END',
  'ANGLE_DETECTION',
  'GEOFENCING',
];

const SHUTDOWN_CAUSES = [
  'USER_ACTION',
  'LOW_BATTERY',
  'DOWNLINK_REQUEST',
  'BLE_REQUEST',
  'BLE_CONNECTED',
];

const TEMPERATURE_STATES = ['NORMAL', 'HIGH', 'LOW'];

const MISC_TAGS: Readonly<Record<number, string>> = {
  1: 'ACTIVITY_STATUS',
  2: 'CONFIGURATION',
  3: 'SHOCK_DETECTION',
  4: 'ACTIVITY_STATUS',
  5: 'BLE_MAC',
};

/** Abeeway "condensed" encoding: maps a byte onto [lo, hi] with `reserved` codes kept apart. */
function condensed(value: number, lo: number, hi: number, reserved = 0): number {
  return (value - reserved / 2) / ((255 - reserved) / (hi - lo)) + lo;
}

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** Temperature in °C, one decimal, from its condensed byte. */
const celsius = (byte: number): number => round(condensed(byte, -44, 85), 1);

/** Horizontal accuracy in metres, two decimals, from its condensed byte. */
const accuracy = (byte: number): number => round(condensed(byte, 0, 1000), 2);

/**
 * Message type names by the type byte; '' for unknown codes. Types 4 and 7 depend on later
 * bytes (see `messageType`).
 */
const MESSAGE_TYPES = [
  'FRAME_PENDING',
  '',
  '',
  'POSITION_MESSAGE',
  '',
  'HEARTBEAT',
  '',
  '',
  '',
  'SHUTDOWN',
  'EVENT',
  'DATA_SCAN_COLLECTION',
  'PROXIMITY_DETECTION',
  'SMS',
  'EXTENDED_POSITION_MESSAGE',
  'DEBUG',
];

/** Type 4 by the low nibble of byte 4: energy or health status, else a heartbeat. */
const STATUS_TYPES = ['ENERGY_STATUS', 'HEALTH_STATUS'];

function messageType(bytes: Bytes): string {
  const type = u8(bytes, 0);
  if (type === 4) return STATUS_TYPES[u8(bytes, 4) & 0x0f] ?? 'HEARTBEAT';
  if (type === 7) return named(MISC_TAGS, u8(bytes, 5) & 0x07, 'misc data tag', 5);
  return MESSAGE_TYPES[type] || 'UNKNOWN';
}

function readHeader(bytes: Bytes, fPort: number, out: AssetTracker2Data): void {
  const flags = u8(bytes, 1);
  const mode = named(MODES, (flags >> 5) & 0x07, 'tracking mode', 1);
  out.trackingMode = mode;
  out.deviceConfiguration = { mode };
  out.sosFlag = (flags >> 4) & 0x01;
  out.appState = (flags >> 3) & 0x01;
  out.dynamicMotionState = (flags & 0x04) !== 0 ? 'MOVING' : 'STATIC';
  const battery = u8(bytes, 2);
  if (fPort === TRACKER_PORT) {
    out.batteryLevel = battery === 0 || battery === 255 ? null : battery;
    out.batteryStatus = battery === 0 ? 'CHARGING' : battery === 255 ? 'UNKNOWN' : 'OPERATING';
  } else {
    out.batteryVoltage = battery === 0 ? 0 : round(condensed(battery, 2.8, 4.2, 2), 2);
  }
  out.temperatureMeasure = celsius(u8(bytes, 3));
  out.periodicPosition = (flags & 0x02) !== 0;
  out.onDemand = (flags & 0x01) !== 0;
}

/** Sets the raw position type name and returns its code (low nibble of byte 4: 0 GPS, 1 GPS timeout). */
function positionType(bytes: Bytes, out: AssetTracker2Data): number {
  const raw = u8(bytes, 4) & 0x0f;
  out.rawPositionType = RAW_POSITION_TYPES[raw] ?? 'UNKNOWN';
  return raw;
}

/** The GPS timeout body: cause byte at `at`, then the C/N0 of four satellites. */
function readTimeout(bytes: Bytes, at: number, out: AssetTracker2Data): void {
  out.timeoutCause = named(TIMEOUT_CAUSES, u8(bytes, at), 'GPS timeout cause', at);
  out.bestSatellitesCOverN = [
    u8(bytes, at + 1),
    u8(bytes, at + 2),
    u8(bytes, at + 3),
    u8(bytes, at + 4),
  ];
}

const notDecoded = (what: string): string => `${ID}: ${what} is not decoded beyond the header`;

function readPosition(bytes: Bytes, out: AssetTracker2Data, warnings: string[]): void {
  const raw = positionType(bytes, out);
  if (raw === 0) {
    out.age = condensed(u8(bytes, 5), 0, 2040);
    // Latitude and longitude carry the top 24 bits of a signed 1e-7 degree value; `<< 8`
    // puts them there and makes the result a signed 32-bit integer.
    out.gpsLatitude = (u24be(bytes, 6) << 8) / 1e7;
    out.gpsLongitude = (u24be(bytes, 9) << 8) / 1e7;
    out.horizontalAccuracy = accuracy(u8(bytes, 12));
  } else if (raw === 1) readTimeout(bytes, 5, out);
  else warnings.push(notDecoded(`position type ${out.rawPositionType}`));
}

const COARSE_ACCURACY: Readonly<Record<number, string>> = {
  251: '(250,500]',
  252: '(500,1000]',
  253: '(1000,2000]',
  254: '(2000,4000]',
  255: '(4000,)',
};

function readExtendedPosition(bytes: Bytes, out: AssetTracker2Data, warnings: string[]): void {
  const raw = positionType(bytes, out);
  out.age = u16be(bytes, 5);
  if (raw === 0) {
    const fix = u8(bytes, 7);
    const payloadType = (fix >> 1) & 0x01;
    out.gpsFixStatus = (fix & 0x01) === 1 ? 'FIX_3D' : 'FIX_2D';
    out.gpsPayloadType = payloadType;
    // `| 0`: the signed 32-bit value.
    out.gpsLatitude = (u32be(bytes, 8) | 0) / 1e7;
    out.gpsLongitude = (u32be(bytes, 12) | 0) / 1e7;
    const altitude = i16be(bytes, 16);
    out.gpsAltitude = payloadType === 0 ? altitude / 100 : altitude;
    const ehpe = u8(bytes, 18);
    out.horizontalAccuracy = payloadType === 0 ? accuracy(ehpe) : (COARSE_ACCURACY[ehpe] ?? ehpe);
    out.gpsCourseOverGround = u16be(bytes, 19);
    out.gpsSpeedOverGround = u16be(bytes, 21);
  } else if (raw === 1) readTimeout(bytes, 7, out);
  else warnings.push(notDecoded(`extended position type ${out.rawPositionType}`));
}

function named(
  names: Readonly<Record<number, string>>,
  code: number,
  what: string,
  at: number,
): string {
  const name = names[code];
  if (name === undefined) throw new PayloadError(`unknown ${what} ${code} in byte ${at}`, at);
  return name;
}

/** `major.minor.patch` from three bytes at `at`. */
const version = (bytes: Bytes, at: number): string =>
  `${u8(bytes, at)}.${u8(bytes, at + 1)}.${u8(bytes, at + 2)}`;

/** Bodies of heartbeat, shutdown, BLE MAC and event messages; false when not decoded. */
function readOtherBody(bytes: Bytes, type: string, out: AssetTracker2Data): boolean {
  switch (type) {
    case 'HEARTBEAT':
      out.resetCause = u8(bytes, 5);
      if (bytes.length > 6) out.firmwareVersion = version(bytes, 6);
      if (bytes.length > 9) out.bleFirmwareVersion = version(bytes, 9);
      return true;
    case 'SHUTDOWN':
      out.shutdownCause = named(SHUTDOWN_CAUSES, u8(bytes, 5), 'shutdown cause', 5);
      return true;
    case 'BLE_MAC': {
      u8(bytes, 11); // bounds check: the MAC spans bytes 6-11
      out.miscDataTag = 'BLE_MAC';
      // The MAC is bytes 6-11: hex digits 12-23 of the payload, already in `out.payload`.
      let mac = out.payload.slice(12, 14);
      for (let i = 14; i < 24; i += 2) mac += `:${out.payload.slice(i, i + 2)}`;
      out.bleMac = mac;
      return true;
    }
    case 'EVENT': {
      const event = named(EVENT_TYPES, u8(bytes, 5), 'event type', 5);
      out.eventType = event;
      if (event === 'MOTION_END') {
        out.trackerOrientation = [i16be(bytes, 6), i16be(bytes, 8), i16be(bytes, 10)];
      } else if (event === 'TEMPERATURE_ALERT') {
        out.measuredTemperature = {
          state: named(TEMPERATURE_STATES, u8(bytes, 6), 'temperature state', 6),
          max: celsius(u8(bytes, 7)),
          min: celsius(u8(bytes, 8)),
          highCounter: u16be(bytes, 9),
          lowCounter: u16be(bytes, 11),
        };
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * Abeeway Asset Tracker 2 (firmware 2.x). Battery level in % on fPort 18, battery
 * voltage on other fPorts (as the Abeeway driver does).
 *
 * @example
 * ```ts
 * import { assetTracker2 } from '@smartcitylab/decoders/abeeway';
 * const bytes = [0x03, 0x6a, 0xc1, 0x89, 0x00, 0x00, 0x1d, 0x28, 0xb9, 0x01, 0x60, 0x37, 0x02];
 * assetTracker2.decodeUplink({ bytes, fPort: 18 });
 * // data.gpsLatitude 48.9208064, gpsLongitude 2.3082752, horizontalAccuracy 7.84
 * ```
 */
export const assetTracker2: DeviceDecoder<AssetTracker2Data> = defineDecoder<AssetTracker2Data>(
  findInfo(catalog, ID),
  (bytes, fPort) => {
    if (bytes.length === 0) return failure(`${ID}: empty payload; expected at least 1 byte`);
    const type = messageType(bytes);
    if (type === 'UNKNOWN') {
      return failure(`${ID}: unknown message type ${u8(bytes, 0)} in byte 0`);
    }
    const data: AssetTracker2Data = { messageType: type, payload: hex(bytes) };
    const warnings: string[] = [];
    if (type === 'FRAME_PENDING') {
      data.currentAckTokenValue = u8(bytes, 1);
      return success(data);
    }
    if (type !== 'SMS') {
      if (bytes.length < 5) {
        return failure(
          `${ID}: a ${type} uplink starts with a 5-byte header, received ${bytes.length} byte(s)`,
        );
      }
      readHeader(bytes, fPort, data);
      data.ackToken = (u8(bytes, 4) >> 4) & 0x0f;
    } else {
      data.ackToken = (u8(bytes, 1) >> 4) & 0x0f;
    }
    if (type === 'POSITION_MESSAGE') readPosition(bytes, data, warnings);
    else if (type === 'EXTENDED_POSITION_MESSAGE') readExtendedPosition(bytes, data, warnings);
    else if (!readOtherBody(bytes, type, data)) {
      warnings.push(`${ID}: ${type} body is not decoded; see payload`);
    }
    return success(data, warnings);
  },
);

/**
 * All Abeeway decoders keyed by device id.
 *
 * @example
 * ```ts
 * import { decoders } from '@smartcitylab/decoders/abeeway';
 * decoders['abeeway/asset-tracker-2']?.decodeUplink({ bytes: [0x05, 0x6a, 0xc1, 0x89, 0x00], fPort: 18 });
 * ```
 */
export const decoders = {
  [ID]: assetTracker2,
} as const satisfies Readonly<Record<string, DeviceDecoder<unknown>>>;

export type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
export { catalog };

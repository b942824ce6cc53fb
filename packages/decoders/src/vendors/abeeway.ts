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
import {
  hex,
  i16be,
  i24be,
  i32be,
  PayloadError,
  sliceBytes,
  u8,
  u16be,
} from '../internal/bytes.js';
import { defineDecoder, failure, success } from '../internal/define.js';
import type { DeviceDecoder, DeviceInfo } from '../types.js';

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

function infoOf(id: string): DeviceInfo {
  const info = catalog.find((d) => d.id === id);
  if (info === undefined) throw new PayloadError(`Abeeway catalog has no ${id}`);
  return info;
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
function condensed(value: number, lo: number, hi: number, bits: number, reserved: number): number {
  return (value - reserved / 2) / ((2 ** bits - 1 - reserved) / (hi - lo)) + lo;
}

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;

function messageType(bytes: Bytes): string {
  const type = u8(bytes, 0);
  switch (type) {
    case 0:
      return 'FRAME_PENDING';
    case 3:
      return 'POSITION_MESSAGE';
    case 4: {
      const sub = u8(bytes, 4) & 0x0f;
      if (sub === 0) return 'ENERGY_STATUS';
      if (sub === 1) return 'HEALTH_STATUS';
      return 'HEARTBEAT';
    }
    case 5:
      return 'HEARTBEAT';
    case 7: {
      const tag = MISC_TAGS[u8(bytes, 5) & 0x07];
      if (tag === undefined) {
        throw new PayloadError(`unknown misc data tag ${u8(bytes, 5) & 0x07} in byte 5`, 5);
      }
      return tag;
    }
    case 9:
      return 'SHUTDOWN';
    case 10:
      return 'EVENT';
    case 11:
      return 'DATA_SCAN_COLLECTION';
    case 12:
      return 'PROXIMITY_DETECTION';
    case 13:
      return 'SMS';
    case 14:
      return 'EXTENDED_POSITION_MESSAGE';
    case 15:
      return 'DEBUG';
    default:
      return 'UNKNOWN';
  }
}

function readHeader(bytes: Bytes, fPort: number, out: AssetTracker2Data): void {
  const flags = u8(bytes, 1);
  const mode = MODES[(flags >> 5) & 0x07];
  if (mode === undefined) {
    throw new PayloadError(`unknown tracking mode ${(flags >> 5) & 0x07} in byte 1`, 1);
  }
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
    out.batteryVoltage = battery === 0 ? 0 : round(condensed(battery, 2.8, 4.2, 8, 2), 2);
  }
  out.temperatureMeasure = round(condensed(u8(bytes, 3), -44, 85, 8, 0), 1);
  out.periodicPosition = (flags & 0x02) !== 0;
  out.onDemand = (flags & 0x01) !== 0;
}

function readPosition(bytes: Bytes, out: AssetTracker2Data, warnings: string[]): void {
  const raw = u8(bytes, 4) & 0x0f;
  const rawType = RAW_POSITION_TYPES[raw] ?? 'UNKNOWN';
  out.rawPositionType = rawType;
  if (rawType === 'GPS') {
    out.age = condensed(u8(bytes, 5), 0, 2040, 8, 0);
    // Latitude and longitude carry the top 24 bits of a signed 1e-7 degree value.
    out.gpsLatitude = (i24be(bytes, 6) * 256) / 1e7;
    out.gpsLongitude = (i24be(bytes, 9) * 256) / 1e7;
    out.horizontalAccuracy = round(condensed(u8(bytes, 12), 0, 1000, 8, 0), 2);
  } else if (rawType === 'GPS_TIMEOUT') {
    out.timeoutCause = timeoutCause(u8(bytes, 5));
    out.bestSatellitesCOverN = [u8(bytes, 6), u8(bytes, 7), u8(bytes, 8), u8(bytes, 9)];
  } else {
    warnings.push(`${ID}: position type ${rawType} is not decoded beyond the header`);
  }
}

function timeoutCause(code: number): string {
  const cause = TIMEOUT_CAUSES[code];
  if (cause === undefined) throw new PayloadError(`unknown GPS timeout cause ${code}`);
  return cause;
}

const COARSE_ACCURACY: Readonly<Record<number, string>> = {
  251: '(250,500]',
  252: '(500,1000]',
  253: '(1000,2000]',
  254: '(2000,4000]',
  255: '(4000,)',
};

function readExtendedPosition(bytes: Bytes, out: AssetTracker2Data, warnings: string[]): void {
  const raw = u8(bytes, 4) & 0x0f;
  const rawType = RAW_POSITION_TYPES[raw] ?? 'UNKNOWN';
  out.rawPositionType = rawType;
  out.age = u16be(bytes, 5);
  if (rawType === 'GPS') {
    const fix = u8(bytes, 7);
    const payloadType = (fix >> 1) & 0x01;
    out.gpsFixStatus = (fix & 0x01) === 1 ? 'FIX_3D' : 'FIX_2D';
    out.gpsPayloadType = payloadType;
    out.gpsLatitude = i32be(bytes, 8) / 1e7;
    out.gpsLongitude = i32be(bytes, 12) / 1e7;
    const altitude = i16be(bytes, 16);
    out.gpsAltitude = payloadType === 0 ? altitude / 100 : altitude;
    const ehpe = u8(bytes, 18);
    out.horizontalAccuracy =
      payloadType === 0
        ? round(condensed(ehpe, 0, 1000, 8, 0), 2)
        : (COARSE_ACCURACY[ehpe] ?? ehpe);
    out.gpsCourseOverGround = u16be(bytes, 19);
    out.gpsSpeedOverGround = u16be(bytes, 21);
  } else if (rawType === 'GPS_TIMEOUT') {
    out.timeoutCause = timeoutCause(u8(bytes, 7));
    out.bestSatellitesCOverN = [u8(bytes, 8), u8(bytes, 9), u8(bytes, 10), u8(bytes, 11)];
  } else {
    warnings.push(`${ID}: extended position type ${rawType} is not decoded beyond the header`);
  }
}

function named(names: readonly string[], code: number, what: string, at: number): string {
  const name = names[code];
  if (name === undefined) throw new PayloadError(`unknown ${what} ${code} in byte ${at}`, at);
  return name;
}

/** Bodies of heartbeat, shutdown, BLE MAC and event messages; false when not decoded. */
function readOtherBody(bytes: Bytes, type: string, out: AssetTracker2Data): boolean {
  switch (type) {
    case 'HEARTBEAT':
      out.resetCause = u8(bytes, 5);
      if (bytes.length > 6) out.firmwareVersion = `${u8(bytes, 6)}.${u8(bytes, 7)}.${u8(bytes, 8)}`;
      if (bytes.length > 9) {
        out.bleFirmwareVersion = `${u8(bytes, 9)}.${u8(bytes, 10)}.${u8(bytes, 11)}`;
      }
      return true;
    case 'SHUTDOWN':
      out.shutdownCause = named(SHUTDOWN_CAUSES, u8(bytes, 5), 'shutdown cause', 5);
      return true;
    case 'BLE_MAC':
      u8(bytes, 11); // bounds check: the MAC spans bytes 6-11
      out.miscDataTag = 'BLE_MAC';
      out.bleMac = sliceBytes(bytes, 6, 12)
        .map((b) => b.toString(16).padStart(2, '0'))
        .join(':');
      return true;
    case 'EVENT': {
      const event = named(EVENT_TYPES, u8(bytes, 5), 'event type', 5);
      out.eventType = event;
      if (event === 'MOTION_END') {
        out.trackerOrientation = [i16be(bytes, 6), i16be(bytes, 8), i16be(bytes, 10)];
      } else if (event === 'TEMPERATURE_ALERT') {
        out.measuredTemperature = {
          state: named(TEMPERATURE_STATES, u8(bytes, 6), 'temperature state', 6),
          max: round(condensed(u8(bytes, 7), -44, 85, 8, 0), 1),
          min: round(condensed(u8(bytes, 8), -44, 85, 8, 0), 1),
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
  infoOf(ID),
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

/**
 * Public types of `@smartcitylab/decoders/envelopes`: one normalized uplink, whatever
 * network server delivered it.
 */

import type { EnvelopeError } from './errors.js';

/**
 * Network server (and message format) an uplink came from.
 *
 * @example
 * ```ts
 * import type { UplinkNetwork } from '@smartcitylab/decoders/envelopes';
 * const network: UplinkNetwork = 'chirpstack-v4';
 * ```
 */
export type UplinkNetwork = 'tts-v3' | 'chirpstack-v4' | 'chirpstack-v3' | 'netmore' | 'helium';

/**
 * A WGS 84 position in decimal degrees, altitude in metres when known.
 *
 * @example
 * ```ts
 * import type { UplinkLocation } from '@smartcitylab/decoders/envelopes';
 * const where: UplinkLocation = { lat: 62.3908, lon: 17.3069, alt: 12 };
 * ```
 */
export interface UplinkLocation {
  /** Latitude, -90 to 90. */
  lat: number;
  /** Longitude, -180 to 180. */
  lon: number;
  /** Altitude in metres. */
  alt?: number;
}

/**
 * One gateway that heard the uplink.
 *
 * @example
 * ```ts
 * import type { UplinkGateway } from '@smartcitylab/decoders/envelopes';
 * const gw: UplinkGateway = { id: '0016c001f153a14c', rssi: -36, snr: 10.5 };
 * ```
 */
export interface UplinkGateway {
  /** Gateway id as the network server names it (EUI, name or number). */
  id: string;
  /** Received signal strength in dBm. */
  rssi?: number;
  /** Signal-to-noise ratio in dB. */
  snr?: number;
  /** Gateway position when the network server reports it. */
  location?: UplinkLocation;
}

/**
 * One uplink, normalized from any supported network-server envelope.
 *
 * @example
 * ```ts
 * import { parseUplink, type Uplink } from '@smartcitylab/decoders/envelopes';
 * declare const body: string; // the webhook request body
 * const up: Uplink = parseUplink(body);
 * console.log(up.devEui, up.fPort, up.bytes.length);
 * ```
 */
export interface Uplink {
  /** Device EUI, 16 lower-case hex characters (see `allowNonHexDevEui`). */
  devEui: string;
  /** The network server's own device id or name, when it sends one. */
  deviceId?: string;
  /** The network server's application id, when it sends one. */
  applicationId?: string;
  /** LoRaWAN FPort, 0-255. */
  fPort: number;
  /** The decrypted application payload (FRMPayload). */
  bytes: Uint8Array;
  /** When the network received the uplink, as an ISO 8601 UTC string (millisecond precision). */
  receivedAt: string;
  /** Uplink frame counter. */
  fCnt?: number;
  /** Best (highest) RSSI in dBm over all gateways. */
  rssi?: number;
  /** Best (highest) SNR in dB over all gateways. */
  snr?: number;
  /** Gateways that heard the uplink, in the order the network server lists them. */
  gateways: UplinkGateway[];
  /** Device position the network server attached, when present. */
  location?: UplinkLocation;
  /** Payload the network server already decoded with its own codec, untouched. */
  decoded?: Readonly<Record<string, unknown>>;
  /** Which network-server format the uplink was read from. */
  network: UplinkNetwork;
}

/**
 * Options of `parseUplink` and friends.
 *
 * @example
 * ```ts
 * import type { ParseUplinkOptions } from '@smartcitylab/decoders/envelopes';
 * const options: ParseUplinkOptions = { format: 'netmore', maxPayloadBytes: 256 };
 * ```
 */
export interface ParseUplinkOptions {
  /** Skip detection and read the JSON as this format. */
  format?: UplinkNetwork;
  /**
   * Keep a device EUI that is not 16 hex characters (lower-cased) instead of
   * rejecting the message. Useful for anonymised test captures. Default `false`.
   */
  allowNonHexDevEui?: boolean;
  /** Largest payload accepted, in bytes. Default 512 (LoRaWAN allows at most 242). */
  maxPayloadBytes?: number;
  /**
   * Receive time for formats whose message carries none (ChirpStack v3 without
   * gateway time). Default: the current time.
   */
  now?: Date;
}

/**
 * Result of the non-throwing parsers.
 *
 * @example
 * ```ts
 * import type { ParseUplinkResult } from '@smartcitylab/decoders/envelopes';
 * import { safeParseUplink } from '@smartcitylab/decoders/envelopes';
 * declare const body: string;
 * const r: ParseUplinkResult = safeParseUplink(body);
 * if (r.success) console.log(r.data.devEui); else console.error(r.error.message);
 * ```
 */
export type ParseUplinkResult =
  | { success: true; data: Uplink }
  | { success: false; error: EnvelopeError };

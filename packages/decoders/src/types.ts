/**
 * Public types of `@smartcitylab/decoders`: the uplink input, the result shape of
 * The Things Stack uplink decoders, and the device catalog metadata.
 */

/**
 * One LoRaWAN uplink as a decoder receives it.
 *
 * @example
 * ```ts
 * const input: UplinkInput = { bytes: [0x01, 0x00, 0xe2], fPort: 5 };
 * ```
 */
export interface UplinkInput {
  /** The FRMPayload, decrypted: a `Uint8Array` or an array of integers 0-255. */
  bytes: Uint8Array | readonly number[];
  /** LoRaWAN FPort, 0-255. */
  fPort: number;
  /** When the network server received the uplink; some decoders time-stamp with it. */
  recvTime?: string | Date;
}

/**
 * Result of decoding one uplink, in the shape of The Things Stack uplink decoders:
 * either `data` or `errors`, with optional `warnings`. Decoders never throw.
 *
 * @example
 * ```ts
 * const r: DecodeUplinkResult<{ temperature: number }> = { data: { temperature: 22.6 } };
 * if ('errors' in r) console.error(r.errors);
 * ```
 */
export type DecodeUplinkResult<T> =
  | { data: T; warnings?: string[] }
  | { errors: string[]; warnings?: string[] };

/**
 * A quantity a device measures.
 *
 * @example
 * ```ts
 * const q: Quantity = { name: 'temperature', unit: 'CEL' };
 * ```
 */
export interface Quantity {
  /** Name of the quantity (the decoded key where it maps one-to-one). */
  name: string;
  /** UN/CEFACT common code of the unit, e.g. `CEL`, `P1` (percent), `59` (ppm). */
  unit?: string;
}

/**
 * Catalog metadata of one device model. Plain data: reading it loads no decoder.
 *
 * @example
 * ```ts
 * const info = getDeviceInfo('elsys/ers');
 * console.log(info?.name, info?.subpath); // "ERS" "elsys"
 * ```
 */
export interface DeviceInfo {
  /** Device id as in the TTN device repository, e.g. `elsys/ers`. */
  id: string;
  /** Vendor display name. */
  vendor: string;
  /** Model id within the vendor, e.g. `ers`. */
  model: string;
  /** Human-readable product name. */
  name: string;
  /** Package subpath that holds the decoder: `@smartcitylab/decoders/<subpath>`. */
  subpath: string;
  /** Quantities the device reports. */
  quantities: readonly Quantity[];
  /** LoRaWAN device class. */
  lorawanClass: 'A' | 'B' | 'C';
  /** FPort the device sends its regular uplinks on. */
  defaultFPort: number;
}

/**
 * A decoder for one device model. `decodeUplink` never throws.
 *
 * @example
 * ```ts
 * import { ers } from '@smartcitylab/decoders/elsys';
 * const result = ers.decodeUplink({ bytes: [0x01, 0x00, 0xe2], fPort: 5 });
 * ```
 */
export interface DeviceDecoder<T> {
  /** Catalog metadata of the device. */
  info: DeviceInfo;
  /** Decodes one uplink; bad input gives `{ errors }`, never an exception. */
  decodeUplink(input: UplinkInput): DecodeUplinkResult<T>;
}

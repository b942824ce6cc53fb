import type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
import { PayloadError, toBytes } from './bytes.js';

/** The validated input a raw decode function receives. */
export interface RawUplink {
  bytes: Uint8Array;
  fPort: number;
  recvTime?: Date;
}

/** What a raw decode function may return: a full result, or throw a `PayloadError`. */
export type RawDecode<T> = (input: RawUplink) => DecodeUplinkResult<T>;

function describeError(err: unknown): { message: string; offset: number | undefined } {
  if (err instanceof PayloadError) return { message: err.message, offset: err.offset };
  if (err instanceof Error) return { message: `${err.name}: ${err.message}`, offset: undefined };
  return { message: String(err), offset: undefined };
}

function validate(input: unknown): RawUplink | string {
  if (typeof input !== 'object' || input === null) {
    return 'input must be an object { bytes, fPort, recvTime? }';
  }
  const { bytes, fPort, recvTime } = input as Partial<UplinkInput>;
  if (typeof fPort !== 'number' || !Number.isInteger(fPort) || fPort < 0 || fPort > 255) {
    return `fPort must be an integer 0-255, got ${String(fPort)}`;
  }
  if (!(bytes instanceof Uint8Array) && !Array.isArray(bytes)) {
    return 'bytes must be a Uint8Array or an array of integers 0-255';
  }
  const raw: RawUplink = { bytes: toBytes(bytes), fPort };
  if (recvTime !== undefined) {
    const d = recvTime instanceof Date ? recvTime : new Date(String(recvTime));
    if (Number.isNaN(d.getTime())) return `recvTime is not a valid date: ${String(recvTime)}`;
    raw.recvTime = d;
  }
  return raw;
}

/**
 * Wraps a raw decode function into a `DeviceDecoder` that validates its input and
 * never throws: any exception becomes `{ errors: [...] }` naming the device, the
 * fPort and, for payload errors, the byte offset.
 */
export function defineDecoder<T>(info: DeviceInfo, fn: RawDecode<T>): DeviceDecoder<T> {
  const decodeUplink = (input: UplinkInput): DecodeUplinkResult<T> => {
    let fPort: unknown;
    try {
      fPort = (input as Partial<UplinkInput> | null | undefined)?.fPort;
      const raw = validate(input);
      if (typeof raw === 'string') return { errors: [`${info.id}: ${raw}`] };
      return fn(raw);
    } catch (err) {
      const { message, offset } = describeError(err);
      const where = offset === undefined ? '' : ` at byte offset ${offset}`;
      let port = '?';
      try {
        port = String(fPort);
      } catch {
        // A hostile fPort (e.g. a throwing toString) still must not escape.
      }
      return { errors: [`${info.id} (fPort ${port})${where}: ${message}`] };
    }
  };
  return { info, decodeUplink };
}

/** Shorthand for a failed result. */
export function failure(...errors: string[]): { errors: string[] } {
  return { errors };
}

/** Shorthand for a successful result, leaving `warnings` out when there are none. */
export function success<T>(data: T, warnings?: readonly string[]): DecodeUplinkResult<T> {
  return warnings && warnings.length > 0 ? { data, warnings: [...warnings] } : { data };
}

/**
 * The catalog entry with this id. Vendor modules call it once per device at import;
 * a miss is a packaging bug that the test suite catches, hence the throw.
 */
export function findInfo(catalog: readonly DeviceInfo[], id: string): DeviceInfo {
  const info = catalog.find((d) => d.id === id);
  if (info === undefined) throw new PayloadError(`catalog has no device ${id}`);
  return info;
}

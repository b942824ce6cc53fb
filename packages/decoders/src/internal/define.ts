import type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
import { type Bytes, PayloadError } from './bytes.js';

/**
 * A raw decode function: the payload as a `Uint8Array`, the validated fPort and, for
 * decoders defined with `{ recvTime: true }`, the receive time (as a `Date`, and as the
 * caller gave it, so a decoder can keep sub-millisecond digits of a string). It returns a full
 * result or throws a `PayloadError`.
 *
 * The `bytes` view may be a scratch buffer reused by the next call (see `fromNumbers`):
 * read it, never keep it or a `subarray` of it in the result.
 */
export type RawDecode<T> = (
  bytes: Bytes,
  fPort: number,
  recvTime: Date | undefined,
  recvInput: string | Date | undefined,
) => DecodeUplinkResult<T>;

/** Options of {@link defineDecoder}. */
export interface DefineOptions {
  /**
   * The decoder time-stamps with `recvTime`: validate it and pass it on. Other decoders ignore
   * `recvTime` without parsing it (a date parse per uplink costs more than most decodes).
   */
  recvTime?: boolean;
}

/**
 * Reused `Uint8Array`s by length, for `number[]` input. Decoders are synchronous and never
 * keep `bytes` in their results, so copying into a per-length scratch buffer is safe and
 * saves a typed-array allocation per uplink (which costs more than decoding most payloads).
 * LoRaWAN payloads are at most 242 bytes; longer input gets a fresh buffer.
 */
const scratch: (Uint8Array | undefined)[] = [];
const SCRATCH_MAX = 256;

/** Copies integers 0-255 into a scratch `Uint8Array`, or `undefined` at the first bad element. */
function fromNumbers(input: readonly unknown[]): Uint8Array | undefined {
  const n = input.length;
  let out = n <= SCRATCH_MAX ? scratch[n] : undefined;
  if (out === undefined) {
    out = new Uint8Array(n);
    if (n <= SCRATCH_MAX) scratch[n] = out;
  }
  for (let i = 0; i < n; i++) {
    const b = input[i];
    // `typeof` first: `&` on an object would run its valueOf, i.e. user code.
    if (typeof b !== 'number' || (b & 0xff) !== b) return undefined;
    out[i] = b;
  }
  return out;
}

/** `<name> must be <expected>, got <value>`: the one template of the input checks. */
const mustBe = (name: string, expected: string, got: unknown, offset?: number): PayloadError =>
  new PayloadError(`${name} must be ${expected}, got ${String(got)}`, offset);

/**
 * The error for an input the fast path rejected (the slow, precise path). Its checks are the
 * fast path's: `(n & 0xff) === n` holds exactly for the integers 0-255 (and -0).
 */
function inputProblem(input: unknown): PayloadError {
  if (typeof input !== 'object' || input === null) {
    return mustBe('input', 'an object { bytes, fPort, recvTime? }', input);
  }
  const { bytes, fPort } = input as Partial<UplinkInput>;
  if (typeof fPort !== 'number' || (fPort & 0xff) !== fPort) {
    return mustBe('fPort', 'an integer 0-255', fPort);
  }
  if (!(bytes instanceof Uint8Array) && !Array.isArray(bytes)) {
    return mustBe('bytes', 'a Uint8Array or an array of integers 0-255', typeof bytes);
  }
  if (Array.isArray(bytes)) {
    for (let i = 0; i < bytes.length; i++) {
      const b: unknown = bytes[i];
      if (typeof b !== 'number' || (b & 0xff) !== b)
        return mustBe(`bytes[${i}]`, 'an integer 0-255', b, i);
    }
  }
  return mustBe('recvTime', 'a valid date', (input as Partial<UplinkInput>).recvTime);
}

/** `{ errors }` naming the device, the fPort and, for payload errors, the byte offset. */
function errorResult(info: DeviceInfo, input: unknown, err: unknown): { errors: string[] } {
  let port = '?';
  try {
    port = String((input as Partial<UplinkInput> | null | undefined)?.fPort);
  } catch {
    // A hostile fPort (e.g. a throwing getter or toString) still must not escape.
  }
  const payload = err instanceof PayloadError;
  const message = payload
    ? err.message
    : err instanceof Error
      ? `${err.name}: ${err.message}`
      : String(err);
  const where = payload && err.offset !== undefined ? ` at byte offset ${err.offset}` : '';
  return { errors: [`${info.id} (fPort ${port})${where}: ${message}`] };
}

/**
 * Wraps a raw decode function into a `DeviceDecoder` that validates its input and
 * never throws: any exception becomes `{ errors: [...] }` naming the device, the
 * fPort and, for payload errors, the byte offset.
 *
 * The accepted-input path does no allocation of its own: a `Uint8Array` is passed through,
 * a `number[]` is checked and copied into a scratch buffer, and `recvTime` is parsed only for
 * decoders that use it.
 */
export function defineDecoder<T>(
  info: DeviceInfo,
  fn: RawDecode<T>,
  options?: DefineOptions,
): DeviceDecoder<T> {
  const usesTime = options?.recvTime === true;
  const decodeUplink = (input: UplinkInput): DecodeUplinkResult<T> => {
    try {
      if (typeof input === 'object' && input !== null) {
        const fPort = input.fPort;
        const given = input.bytes;
        if (typeof fPort === 'number' && (fPort & 0xff) === fPort) {
          const isU8 = given instanceof Uint8Array;
          if (isU8 || Array.isArray(given)) {
            let recvTime: Date | undefined;
            let recvInput: string | Date | undefined;
            let timeOk = true;
            if (usesTime) {
              const t = input.recvTime;
              if (t !== undefined) {
                // Before any byte is copied: String() may run user code that decodes again.
                recvTime = t instanceof Date ? t : new Date(String(t));
                recvInput = t;
                timeOk = !Number.isNaN(recvTime.getTime());
              }
            }
            const bytes = isU8 ? (given as Uint8Array) : timeOk ? fromNumbers(given) : undefined;
            if (bytes !== undefined && timeOk) return fn(bytes, fPort, recvTime, recvInput);
          }
        }
      }
      const problem = inputProblem(input);
      // Input checks before the payload name no fPort: it may be the problem.
      if (problem.offset === undefined) return { errors: [`${info.id}: ${problem.message}`] };
      return errorResult(info, input, problem);
    } catch (err) {
      return errorResult(info, input, err);
    }
  };
  return { info, decodeUplink };
}

/**
 * Whether `bytes` is a `Uint8Array` or an array, which a device's fast path may index in place.
 * The elements of an array are not checked here: the fast path checks each one with
 * {@link isByte} as it reads it, which costs less than a separate pass over the payload, and
 * takes the checked path at the first element that is not a byte.
 */
export function isPayloadKind(bytes: unknown): bytes is Bytes {
  return bytes instanceof Uint8Array || Array.isArray(bytes);
}

/**
 * Whether `v`, an element a fast path read from a payload, is an integer 0-255. A `-0` is left to
 * the checked path, which reads it as 0, so that tests can send the same bytes down both paths.
 */
export function isByte(v: unknown): v is number {
  // `typeof` first: `&` on an object would run its valueOf, i.e. user code.
  return typeof v === 'number' && (v & 0xff) === v && !Object.is(v, -0);
}

/**
 * Whether `bytes` is a payload a device's fast path may read in place: a `Uint8Array`, or an
 * array of integers 0-255. An array with a `-0` is left to the checked path, which reads it as 0.
 * Small enough to inline into the fast paths that call it.
 */
export function isPayload(bytes: unknown): bytes is Bytes {
  if (bytes instanceof Uint8Array) return true;
  if (!Array.isArray(bytes)) return false;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b: unknown = bytes[i];
    // `typeof` first: `&` on an object would run its valueOf, i.e. user code.
    if (typeof b !== 'number' || (b & 0xff) !== b || (b === 0 && 1 / b < 0)) return false;
  }
  return true;
}

/** Shorthand for a failed result. */
export function failure(...errors: string[]): { errors: string[] } {
  return { errors };
}

/** Shorthand for a successful result, leaving `warnings` out when there are none. */
export function success<T>(data: T, warnings?: string[]): DecodeUplinkResult<T> {
  return warnings !== undefined && warnings.length > 0 ? { data, warnings } : { data };
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

/**
 * Whether the elements of the array `b` from index `from` on are all bytes (see {@link isByte}):
 * for a fast path that reads some elements in place and must still send a payload with a bad
 * element further on to the checked path, as the shared wrapper would. Arrays only, so that its
 * element loads stay monomorphic.
 */
export function bytesFrom(b: readonly unknown[], from: number): boolean {
  const n = b.length;
  for (let i = from; i < n; i++) if (!isByte(b[i])) return false;
  return true;
}

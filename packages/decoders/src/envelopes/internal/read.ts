/**
 * Typed, own-property-only readers for envelope JSON. Every failure throws an
 * `EnvelopeError` naming the field path, the format and what was found.
 */

import { fromBase64, fromHex } from '../../internal/bytes.js';
import { EnvelopeError } from '../errors.js';
import type { ParseUplinkOptions, UplinkGateway, UplinkLocation, UplinkNetwork } from '../types.js';

/** A JSON object as parsed from the wire. */
export type JsonObject = Record<string, unknown>;

/** What a format reader needs besides the JSON. */
export interface ReadContext {
  readonly format: UplinkNetwork;
  readonly options: ParseUplinkOptions;
}

const DEFAULT_MAX_PAYLOAD_BYTES = 512;
const EXCERPT = 40;

/** True for a non-null, non-array object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an own property only, so inherited or prototype keys never count as data. */
export function own(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Short, bounded description of a value for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') {
    const cut =
      value.length > EXCERPT ? `${value.slice(0, EXCERPT)}…(${value.length} chars)` : value;
    return `string "${cut}"`;
  }
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  return typeof value;
}

/** Up to ten own keys, each cut short, for "got keys [...]" messages. */
export function describeKeys(obj: JsonObject): string {
  const keys = Object.keys(obj);
  const shown = keys.slice(0, 10).map((k) => (k.length > EXCERPT ? `${k.slice(0, EXCERPT)}…` : k));
  return `[${shown.join(', ')}${keys.length > 10 ? `, … ${keys.length - 10} more` : ''}]`;
}

/** Throws an `InvalidUplink` error for `path`. */
export function fail(ctx: ReadContext, path: string, message: string, cause?: unknown): never {
  throw new EnvelopeError('InvalidUplink', `${ctx.format} uplink: ${path} ${message}`, {
    path,
    format: ctx.format,
    cause,
  });
}

function join(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}

/** A required nested object. */
export function reqObject(ctx: ReadContext, obj: JsonObject, key: string, base = ''): JsonObject {
  const v = own(obj, key);
  if (!isObject(v)) {
    fail(
      ctx,
      join(base, key),
      `must be an object, got ${v === undefined ? 'nothing' : describeValue(v)}`,
    );
  }
  return v;
}

/** An optional nested object (`null` counts as absent). */
export function optObject(
  ctx: ReadContext,
  obj: JsonObject,
  key: string,
  base = '',
): JsonObject | undefined {
  const v = own(obj, key);
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) fail(ctx, join(base, key), `must be an object, got ${describeValue(v)}`);
  return v;
}

/** An optional array (`null` counts as empty). */
export function optArray(ctx: ReadContext, obj: JsonObject, key: string, base = ''): unknown[] {
  const v = own(obj, key);
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(ctx, join(base, key), `must be an array, got ${describeValue(v)}`);
  return v;
}

/** A required string. */
export function reqString(ctx: ReadContext, obj: JsonObject, key: string, base = ''): string {
  const v = own(obj, key);
  if (typeof v !== 'string') {
    fail(
      ctx,
      join(base, key),
      `must be a string, got ${v === undefined ? 'nothing' : describeValue(v)}`,
    );
  }
  return v;
}

/** An optional string (`null` counts as absent). */
export function optString(
  ctx: ReadContext,
  obj: JsonObject,
  key: string,
  base = '',
): string | undefined {
  const v = own(obj, key);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string')
    fail(ctx, join(base, key), `must be a string, got ${describeValue(v)}`);
  return v;
}

/** An optional finite number (`null` counts as absent). */
export function optNumber(
  ctx: ReadContext,
  obj: JsonObject,
  key: string,
  base = '',
): number | undefined {
  const v = own(obj, key);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    fail(ctx, join(base, key), `must be a finite number, got ${describeValue(v)}`);
  }
  return v;
}

const NUMERIC = /^\s*-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

/** An optional number that may arrive as a decimal string (Netmore sends "-108"). */
export function optNumeric(
  ctx: ReadContext,
  obj: JsonObject,
  key: string,
  base = '',
): number | undefined {
  const v = own(obj, key);
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.length <= 32 && NUMERIC.test(v)) {
    const n = Number(v);
    if (Number.isFinite(n)) return n;
  }
  return fail(
    ctx,
    join(base, key),
    `must be a number or a numeric string, got ${describeValue(v)}`,
  );
}

/** Checks that `n` is an integer in `[min, max]`. */
export function checkInt(
  ctx: ReadContext,
  path: string,
  n: number,
  min: number,
  max: number,
): number {
  if (!Number.isInteger(n) || n < min || n > max) {
    fail(ctx, path, `must be an integer ${min}-${max}, got ${n}`);
  }
  return n;
}

/** An FPort from a number (or numeric string when `numericString`), 0-255. */
export function readFPort(
  ctx: ReadContext,
  obj: JsonObject,
  key: string,
  options: { base?: string; numericString?: boolean; defaultValue?: number } = {},
): number {
  const base = options.base ?? '';
  const value = options.numericString
    ? optNumeric(ctx, obj, key, base)
    : optNumber(ctx, obj, key, base);
  if (value === undefined) {
    if (options.defaultValue !== undefined) return options.defaultValue;
    return fail(ctx, join(base, key), 'is missing: expected the LoRaWAN FPort (0-255)');
  }
  return checkInt(ctx, join(base, key), value, 0, 255);
}

/** An optional frame counter, 0 to 2^32-1. */
export function readFCnt(
  ctx: ReadContext,
  obj: JsonObject,
  key: string,
  options: { base?: string; numericString?: boolean } = {},
): number | undefined {
  const base = options.base ?? '';
  const value = options.numericString
    ? optNumeric(ctx, obj, key, base)
    : optNumber(ctx, obj, key, base);
  if (value === undefined) return undefined;
  return checkInt(ctx, join(base, key), value, 0, 0xffffffff);
}

function maxPayloadBytes(ctx: ReadContext): number {
  const max = ctx.options.maxPayloadBytes;
  return max !== undefined && Number.isInteger(max) && max >= 0 ? max : DEFAULT_MAX_PAYLOAD_BYTES;
}

/** Decodes a base64 or hex payload string, bounded by `maxPayloadBytes`. */
export function decodePayload(
  ctx: ReadContext,
  path: string,
  text: string,
  encoding: 'base64' | 'hex',
): Uint8Array {
  const max = maxPayloadBytes(ctx);
  // Checked before decoding so a megabyte string costs nothing.
  const limit = encoding === 'hex' ? max * 2 : Math.ceil(max / 3) * 4;
  if (text.length > limit + 16) {
    fail(ctx, path, `is ${text.length} characters, more than ${max} bytes in ${encoding}`);
  }
  let bytes: Uint8Array;
  try {
    bytes = encoding === 'hex' ? fromHex(text) : fromBase64(text);
  } catch (cause) {
    return fail(ctx, path, `is not valid ${encoding}: ${describeValue(text)}`, cause);
  }
  if (bytes.length > max) fail(ctx, path, `decodes to ${bytes.length} bytes, more than ${max}`);
  return bytes;
}

const HEX16 = /^[0-9a-f]{16}$/;
const BASE64_8_BYTES = /^[A-Za-z0-9+/]{11}=$/;

/**
 * Normalizes a device or gateway EUI to 16 lower-case hex characters. Accepts
 * separators (`-`, `:`, spaces) and the base64 form ChirpStack v3's protobuf JSON uses.
 */
export function readEui(ctx: ReadContext, path: string, raw: string): string {
  if (raw.length <= 64) {
    const hex = raw.replace(/[\s:-]/g, '').toLowerCase();
    if (HEX16.test(hex)) return hex;
    if (BASE64_8_BYTES.test(raw)) {
      let out = '';
      for (const b of fromBase64(raw)) out += b.toString(16).padStart(2, '0');
      return out;
    }
    if (ctx.options.allowNonHexDevEui === true && raw.trim() !== '')
      return raw.trim().toLowerCase();
  }
  return fail(
    ctx,
    path,
    `must be an EUI-64 of 16 hex characters, got ${describeValue(raw)} (pass allowNonHexDevEui to keep it)`,
  );
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d{1,12})?(?:[Zz]|[+-]\d{2}:?\d{2})$/;

/** Normalizes an RFC 3339 timestamp (any fraction length) to an ISO string in UTC. */
export function readTime(ctx: ReadContext, path: string, raw: string): string {
  if (raw.length <= 40 && RFC3339.test(raw)) {
    // Date parsing handles at most milliseconds reliably everywhere; trim longer fractions.
    const trimmed = raw
      .replace(/(\.\d{3})\d+/, '$1')
      .replace(/^(.{10})[t ]/i, '$1T')
      .replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
      .replace(/z$/, 'Z');
    const ms = Date.parse(trimmed);
    if (Number.isFinite(ms)) return new Date(ms).toISOString();
  }
  return fail(ctx, path, `must be an RFC 3339 timestamp, got ${describeValue(raw)}`);
}

/** Epoch milliseconds to an ISO string. */
export function readEpochMillis(ctx: ReadContext, path: string, ms: number): string {
  const date = new Date(ms);
  if (!Number.isFinite(date.getTime()) || ms < 0) {
    fail(ctx, path, `must be epoch milliseconds, got ${ms}`);
  }
  return date.toISOString();
}

/** The fallback receive time for messages without one. */
export function nowIso(ctx: ReadContext): string {
  const now = ctx.options.now;
  return (now instanceof Date && Number.isFinite(now.getTime()) ? now : new Date()).toISOString();
}

/** Reads a position from an object with the given latitude/longitude/altitude keys. */
export function readLocation(
  ctx: ReadContext,
  obj: JsonObject,
  base: string,
  keys: { lat: string; lon: string; alt: string },
): UplinkLocation | undefined {
  const lat = optNumber(ctx, obj, keys.lat, base);
  const lon = optNumber(ctx, obj, keys.lon, base);
  if (lat === undefined || lon === undefined) return undefined;
  if (lat < -90 || lat > 90) fail(ctx, join(base, keys.lat), `must be -90 to 90, got ${lat}`);
  if (lon < -180 || lon > 180) fail(ctx, join(base, keys.lon), `must be -180 to 180, got ${lon}`);
  const alt = optNumber(ctx, obj, keys.alt, base);
  return alt === undefined ? { lat, lon } : { lat, lon, alt };
}

/** Builds a gateway entry, leaving out absent fields. */
export function gateway(
  id: string,
  rssi: number | undefined,
  snr: number | undefined,
  location: UplinkLocation | undefined,
): UplinkGateway {
  const gw: UplinkGateway = { id };
  if (rssi !== undefined) gw.rssi = rssi;
  if (snr !== undefined) gw.snr = snr;
  if (location !== undefined) gw.location = location;
  return gw;
}

/** Highest RSSI and highest SNR over the gateways. */
export function best(gateways: readonly UplinkGateway[]): { rssi?: number; snr?: number } {
  let rssi: number | undefined;
  let snr: number | undefined;
  for (const gw of gateways) {
    if (gw.rssi !== undefined && (rssi === undefined || gw.rssi > rssi)) rssi = gw.rssi;
    if (gw.snr !== undefined && (snr === undefined || gw.snr > snr)) snr = gw.snr;
  }
  const out: { rssi?: number; snr?: number } = {};
  if (rssi !== undefined) out.rssi = rssi;
  if (snr !== undefined) out.snr = snr;
  return out;
}

/** An object the network server decoded, or undefined when absent or not an object. */
export function decodedObject(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return isObject(value) ? value : undefined;
}

/**
 * Bounds-checked byte readers shared by every vendor decoder. Internal: users
 * import decoders, not these helpers.
 */

/**
 * Raised when a payload does not match the layout a decoder expects (too short,
 * unknown channel, bad hex). `defineDecoder` catches it and turns it into an
 * `{ errors }` result naming the device, the fPort and the byte offset.
 */
export class PayloadError extends RangeError {
  /** Byte offset in the payload where decoding stopped, when known. */
  readonly offset: number | undefined;

  constructor(message: string, offset?: number) {
    super(message);
    this.name = 'PayloadError';
    this.offset = offset;
  }
}

/**
 * The payload as decoders read it: a `Uint8Array`, or a `number[]` the wrapper has checked to
 * hold only integers 0-255. Decoders only index it and read `length`, so neither kind is copied.
 */
export type Bytes = Uint8Array | readonly number[];

/** Copies a byte array or a plain number array into a `Uint8Array`, validating every element. */
export function toBytes(input: Uint8Array | readonly number[]): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (!Array.isArray(input)) {
    throw new PayloadError('bytes must be a Uint8Array or an array of integers 0-255');
  }
  const out = new Uint8Array(input.length);
  for (let i = 0; i < input.length; i++) {
    const b: unknown = input[i];
    if (typeof b !== 'number' || !Number.isInteger(b) || b < 0 || b > 255) {
      throw new PayloadError(`bytes[${i}] is ${String(b)}, expected an integer 0-255`, i);
    }
    out[i] = b;
  }
  return out;
}

/** Throws a `PayloadError` unless `size` bytes are available at `offset`. */
export function need(bytes: Bytes, offset: number, size: number): void {
  // Cheap integer checks (no Number.isInteger call); `| 0` rejects fractions and NaN.
  if ((offset | 0) !== offset || offset < 0 || offset + size > bytes.length) {
    throw shortPayload(bytes, offset, size);
  }
}

/** The error for a read past the end; out of line so that `need` stays small enough to inline. */
function shortPayload(bytes: Bytes, offset: number, size: number): PayloadError {
  return new PayloadError(
    `payload too short: needs ${size} byte(s) at offset ${offset}, payload is ${bytes.length} byte(s)`,
    offset,
  );
}

/**
 * The error for a field whose value a decoder does not read. One template for every such
 * message (`unsupported <field> 0x<value>; <hint>`), so that a vendor module ships only the field
 * name, and `defineDecoder` adds the device, fPort and byte offset. The default hint covers the
 * usual cause: bytes from another device model, or another frame type on the same fPort.
 */
export function unsupported(
  field: string,
  value: number,
  offset: number,
  hint = 'check the device model',
): PayloadError {
  return new PayloadError(
    `unsupported ${field} 0x${value.toString(16).padStart(2, '0')}; ${hint}`,
    offset,
  );
}

/** Unsigned 8-bit integer. */
export function u8(bytes: Bytes, offset: number): number {
  need(bytes, offset, 1);
  return bytes[offset] as number;
}

/** Signed 8-bit integer (two's complement; the shifts sign-extend in 32-bit arithmetic). */
export function i8(bytes: Bytes, offset: number): number {
  return (u8(bytes, offset) << 24) >> 24;
}

/** Unsigned 16-bit big-endian integer. */
export function u16be(bytes: Bytes, offset: number): number {
  need(bytes, offset, 2);
  return ((bytes[offset] as number) << 8) | (bytes[offset + 1] as number);
}

/** Unsigned 16-bit little-endian integer. */
export function u16le(bytes: Bytes, offset: number): number {
  need(bytes, offset, 2);
  return (bytes[offset] as number) | ((bytes[offset + 1] as number) << 8);
}

/** Signed 16-bit big-endian integer. */
export function i16be(bytes: Bytes, offset: number): number {
  return (u16be(bytes, offset) << 16) >> 16;
}

/** Signed 16-bit little-endian integer. */
export function i16le(bytes: Bytes, offset: number): number {
  return (u16le(bytes, offset) << 16) >> 16;
}

/** Unsigned 24-bit big-endian integer. */
export function u24be(bytes: Bytes, offset: number): number {
  need(bytes, offset, 3);
  return (
    ((bytes[offset] as number) << 16) |
    ((bytes[offset + 1] as number) << 8) |
    (bytes[offset + 2] as number)
  );
}

/** Unsigned 24-bit little-endian integer. */
export function u24le(bytes: Bytes, offset: number): number {
  need(bytes, offset, 3);
  return (
    (bytes[offset] as number) |
    ((bytes[offset + 1] as number) << 8) |
    ((bytes[offset + 2] as number) << 16)
  );
}

/** Signed 24-bit big-endian integer. */
export function i24be(bytes: Bytes, offset: number): number {
  return (u24be(bytes, offset) << 8) >> 8;
}

/** Unsigned 32-bit big-endian integer. */
export function u32be(bytes: Bytes, offset: number): number {
  need(bytes, offset, 4);
  return (bytes[offset] as number) * 0x1000000 + u24be(bytes, offset + 1);
}

/** Unsigned 32-bit little-endian integer. */
export function u32le(bytes: Bytes, offset: number): number {
  need(bytes, offset, 4);
  return (bytes[offset + 3] as number) * 0x1000000 + u24le(bytes, offset);
}

/** Signed 32-bit big-endian integer. */
export function i32be(bytes: Bytes, offset: number): number {
  return u32be(bytes, offset) | 0;
}

/** Signed 32-bit little-endian integer. */
export function i32le(bytes: Bytes, offset: number): number {
  return u32le(bytes, offset) | 0;
}

// One 4-byte scratch seen as u32 and f32: writing the bits and reading the float needs no
// DataView per call and works the same for number[] input (both views share the platform's
// byte order, so the u32's bit pattern is the float's).
// The IIFE is marked pure as a whole (`F32.buffer` alone would count as a side effect), so a
// bundle that reads no floats drops both views.
const F32 = /* @__PURE__ */ new Float32Array(1);
const U32 = /* @__PURE__ */ (() => new Uint32Array(F32.buffer))();

/** IEEE 754 single-precision float, big-endian. */
export function f32be(bytes: Bytes, offset: number): number {
  U32[0] = u32be(bytes, offset);
  return F32[0] as number;
}

/** IEEE 754 single-precision float, little-endian. */
export function f32le(bytes: Bytes, offset: number): number {
  U32[0] = u32le(bytes, offset);
  return F32[0] as number;
}

/** The IEEE 754 single-precision float whose bit pattern is the unsigned 32-bit `bits`. */
export function f32FromBits(bits: number): number {
  U32[0] = bits;
  return F32[0] as number;
}

/** The bytes from `start` up to `end` (exclusive) as a new array; clamped like `slice`. */
export function sliceBytes(bytes: Bytes, start: number, end: number): number[] {
  const stop = Math.min(end, bytes.length);
  const out: number[] = [];
  for (let i = start; i < stop; i++) out.push(bytes[i] as number);
  return out;
}

/** Lower-case hex of the bytes, no separators. */
export function hex(bytes: Uint8Array | readonly number[]): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[(bytes[i] as number) & 0xff] as string;
  return s;
}

/** `00` ... `ff`, built once: a table read instead of toString + padStart per byte. */
const HEX = /* @__PURE__ */ Array.from(
  { length: 256 },
  (_, i) => (i < 16 ? '0' : '') + i.toString(16),
);

/** Parses hex (upper or lower case; spaces, colons and a `0x` prefix are ignored). */
export function fromHex(s: string): Uint8Array {
  const clean = s.replace(/^0x/i, '').replace(/[\s:]/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) {
    throw new PayloadError(`invalid hex string (${clean.length} characters): "${s.slice(0, 40)}"`);
  }
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes standard or URL-safe base64 (padding optional) without `Buffer` or `atob`. */
export function fromBase64(s: string): Uint8Array {
  const clean = s.replace(/\s/g, '').replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (clean.length % 4 === 1 || !/^[A-Za-z0-9+/]*$/.test(clean)) {
    throw new PayloadError(`invalid base64 string: "${s.slice(0, 40)}"`);
  }
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let j = 0;
  for (const ch of clean) {
    // 13 bits are the most ever pending, so the mask keeps acc a small integer.
    acc = ((acc << 6) | B64.indexOf(ch)) & 0x3fff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/**
 * Milesight IoT decoders. Payloads are a sequence of channel byte, type byte and
 * a value whose size the (channel, type) pair fixes; each model knows its own pairs.
 *
 * @packageDocumentation
 */
import { catalog } from '../catalog/milesight.js';
import type { Bytes } from '../internal/bytes.js';
import { need } from '../internal/bytes.js';
import {
  defineDecoder,
  findInfo,
  isByte,
  isPayloadKind,
  type RawDecode,
} from '../internal/define.js';
import type { DecodeUplinkResult, DeviceDecoder, UplinkInput } from '../types.js';

/**
 * Decoded Milesight uplink; keys follow the Milesight reference decoders.
 *
 * @example
 * ```ts
 * import { ws301 } from '@smartcitylab/decoders/milesight';
 * const r = ws301.decodeUplink({ bytes: [0x03, 0x00, 0x01], fPort: 85 });
 * if ('data' in r) console.log(r.data.door); // 'open'
 * ```
 */
export type MilesightData = Record<string, number | string>;

// Which (channel, type) pairs a model understands: one bit per pair. The device-information
// pairs (channel 0xff) that every Milesight device may send after joining are always known.
const BATTERY = 1 << 0;
const TEMPERATURE = 1 << 1;
const HUMIDITY = 1 << 2;
const ACTIVITY = 1 << 3;
const LIGHT_LEVEL = 1 << 4;
const CO2_07 = 1 << 5;
const TVOC = 1 << 6;
const PRESSURE_09 = 1 << 7;
const HCHO = 1 << 8;
const PM2_5 = 1 << 9;
const PM10 = 1 << 10;
const O3 = 1 << 11;
const BEEP = 1 << 12;
const DISTANCE = 1 << 13;
const TILT = 1 << 14;
const CO2_05 = 1 << 15;
const PRESSURE_06 = 1 << 16;
const BUTTON = 1 << 17;
const DOOR = 1 << 18;
const INSTALL = 1 << 19;

/**
 * The fields after the battery in the head most temperature-and-humidity uplinks open with:
 * `01 75` battery, `03 67` temperature, `04 68` humidity.
 */
const HEAD = TEMPERATURE | HUMIDITY;
/**
 * The fields of that head as one object literal, in the order the pair loops set them (stores
 * to a growing object cost more); `undefined` unless `b` opens with it and its values are bytes.
 * A -0 is not a byte here: such a payload goes to the pair loops, which read it as 0.
 */
const headOf = (b: Bytes | readonly unknown[]): MilesightData | undefined => {
  const v = b[2];
  const t0 = b[5];
  const t1 = b[6];
  const h = b[9];
  if (
    b.length < 10 ||
    b[0] !== 0x01 ||
    b[1] !== 0x75 ||
    b[3] !== 0x03 ||
    b[4] !== 0x67 ||
    b[7] !== 0x04 ||
    b[8] !== 0x68 ||
    !isByte(v) ||
    !isByte(t0) ||
    !isByte(t1) ||
    !isByte(h)
  )
    return undefined;
  const t = t0 | (t1 << 8);
  return { battery: v, temperature: (t > 0x7fff ? t - 0x10000 : t) / 10, humidity: h / 2 };
};
const AM300 =
  BATTERY |
  TEMPERATURE |
  HUMIDITY |
  ACTIVITY |
  LIGHT_LEVEL |
  CO2_07 |
  TVOC |
  PRESSURE_09 |
  HCHO |
  PM2_5 |
  PM10 |
  O3 |
  BEEP;
const EM300_TH = BATTERY | TEMPERATURE | HUMIDITY;
const EM310_UDL = BATTERY | DISTANCE | TILT;
const EM500_CO2 = BATTERY | TEMPERATURE | HUMIDITY | CO2_05 | PRESSURE_06;
const EM500_UDL = BATTERY | DISTANCE;
const WS101 = BATTERY | BUTTON;
const WS301 = BATTERY | DOOR | INSTALL;

const ACTIVITY_NAMES = ['idle', 'trigger'];
const BEEP_NAMES = ['no', 'yes'];
const TILT_NAMES = ['normal', 'tilt'];
const BUTTON_NAMES = ['unknown(0)', 'short', 'long', 'double'];
const DOOR_NAMES = ['close', 'open'];
const INSTALL_NAMES = ['yes', 'no'];
const CLASS_NAMES = ['Class A', 'Class B', 'Class C', 'Class CtoB'];

const pick = (names: readonly string[], v: number): string => names[v] ?? `unknown(${v})`;
/** Two lower-case hex digits per byte value, built once. */
const HEX2 = /* @__PURE__ */ Array.from(
  { length: 256 },
  (_, i) => (i < 16 ? '0' : '') + i.toString(16),
);
const hex2 = (v: number): string => HEX2[v] as string;
const u16 = (b: Bytes, o: number): number => (b[o] as number) | ((b[o + 1] as number) << 8);
const s16 = (b: Bytes, o: number): number => {
  const v = u16(b, o);
  return v > 0x7fff ? v - 0x10000 : v;
};

/**
 * Warnings about an unknown pair, by pair, offset and payload length. A device whose firmware
 * sends a pair this decoder does not know sends it in every uplink at the same offset, and
 * building the text costs more than decoding the rest of the payload. Bounded: cleared when
 * full; payloads of 128 bytes or more build the text each time (the key must stay a small
 * integer).
 */
const unknownPairs = /* @__PURE__ */ new Map<number, string>();

/** The last warning built or found, checked before the map: a device repeats the same one. */
let lastKey = -1;
let lastText = '';

function unknownPair(channel: number, type: number, i: number, n: number): string {
  const key = n < 128 ? (((channel << 8) | type) << 14) | (i << 7) | n : -1;
  if (key === lastKey && key >= 0) return lastText;
  let text = key < 0 ? undefined : unknownPairs.get(key);
  if (text === undefined) {
    text =
      `unknown channel 0x${hex2(channel)} type 0x${hex2(type)} at byte offset ${i}; ` +
      `the remaining ${n - i} byte(s) were not decoded`;
    if (key >= 0) {
      if (unknownPairs.size >= 1024) unknownPairs.clear();
      unknownPairs.set(key, text);
    }
  }
  lastKey = key;
  lastText = text;
  return text;
}

/**
 * The raw decoder of a model that understands the pairs in `known`: a `switch` over the
 * (channel, type) pair with direct byte arithmetic. One function per model rather than a
 * wrapper around a shared one: the body is too large to inline, so a wrapper would cost a
 * second call per uplink.
 */
function milesightDecode(id: string, known: number): RawDecode<MilesightData> {
  return (b) => {
    const n = b.length;
    if (n === 0) return { errors: [`${id}: empty payload`] };
    const head = (known & HEAD) === HEAD ? headOf(b) : undefined;
    const data: MilesightData = head ?? {};
    let i = head === undefined ? 0 : 10;
    while (i < n) {
      need(b, i + 1, 1);
      const channel = b[i] as number;
      const type = b[i + 1] as number;
      const o = i + 2;
      let size = 0;
      switch ((channel << 8) | type) {
        case 0x0175:
          size = 1;
          need(b, o, 1);
          data.battery = b[o] as number;
          break;
        case 0x0367:
          if (known & TEMPERATURE) {
            size = 2;
            need(b, o, 2);
            data.temperature = s16(b, o) / 10;
          }
          break;
        case 0x0468:
          if (known & HUMIDITY) {
            size = 1;
            need(b, o, 1);
            data.humidity = (b[o] as number) / 2;
          }
          break;
        case 0x0500:
          if (known & ACTIVITY) {
            size = 1;
            need(b, o, 1);
            data.activity = pick(ACTIVITY_NAMES, b[o] as number);
          }
          break;
        case 0x06cb:
          if (known & LIGHT_LEVEL) {
            size = 1;
            need(b, o, 1);
            data.light_level = b[o] as number;
          }
          break;
        case 0x077d:
          if (known & CO2_07) {
            size = 2;
            need(b, o, 2);
            data.co2 = u16(b, o);
          }
          break;
        case 0x087d:
          if (known & TVOC) {
            size = 2;
            need(b, o, 2);
            data.tvoc = u16(b, o);
          }
          break;
        case 0x0973:
          if (known & PRESSURE_09) {
            size = 2;
            need(b, o, 2);
            data.pressure = u16(b, o) / 10;
          }
          break;
        case 0x0a7d:
          if (known & HCHO) {
            size = 2;
            need(b, o, 2);
            data.hcho = u16(b, o) / 100;
          }
          break;
        case 0x0b7d:
          if (known & PM2_5) {
            size = 2;
            need(b, o, 2);
            data['pm2.5'] = u16(b, o);
          }
          break;
        case 0x0c7d:
          if (known & PM10) {
            size = 2;
            need(b, o, 2);
            data.pm10 = u16(b, o);
          }
          break;
        case 0x0d7d:
          if (known & O3) {
            size = 2;
            need(b, o, 2);
            data.o3 = u16(b, o) / 100;
          }
          break;
        case 0x0e01:
          if (known & BEEP) {
            size = 1;
            need(b, o, 1);
            data.beep = pick(BEEP_NAMES, b[o] as number);
          }
          break;
        case 0x0382:
          if (known & DISTANCE) {
            size = 2;
            need(b, o, 2);
            data.distance = u16(b, o);
          }
          break;
        case 0x0300:
          if (known & DOOR) {
            size = 1;
            need(b, o, 1);
            data.door = pick(DOOR_NAMES, b[o] as number);
          }
          break;
        case 0x0400:
          // The same pair means tilt on the EM310-UDL and installation on the WS301.
          if (known & TILT) {
            size = 1;
            need(b, o, 1);
            data.tilt = pick(TILT_NAMES, b[o] as number);
          } else if (known & INSTALL) {
            size = 1;
            need(b, o, 1);
            data.install = pick(INSTALL_NAMES, b[o] as number);
          }
          break;
        case 0x057d:
          if (known & CO2_05) {
            size = 2;
            need(b, o, 2);
            data.co2 = u16(b, o);
          }
          break;
        case 0x0673:
          if (known & PRESSURE_06) {
            size = 2;
            need(b, o, 2);
            data.pressure = u16(b, o) / 10;
          }
          break;
        case 0xff2e:
          if (known & BUTTON) {
            size = 1;
            need(b, o, 1);
            data.button = pick(BUTTON_NAMES, b[o] as number);
          }
          break;
        // Device information, printed the way Milesight's tools show it (hex major/minor for
        // hardware and firmware).
        case 0xff01: {
          size = 1;
          need(b, o, 1);
          const v = b[o] as number;
          data.ipso_version = `v${v >> 4}.${v & 0x0f}`;
          break;
        }
        case 0xff09:
          size = 2;
          need(b, o, 2);
          data.hardware_version = `v${(b[o] as number).toString(16)}.${(b[o + 1] as number) >> 4}`;
          break;
        case 0xff0a:
          size = 2;
          need(b, o, 2);
          data.firmware_version = `v${(b[o] as number).toString(16)}.${(b[o + 1] as number).toString(16)}`;
          break;
        case 0xff0b:
          size = 1;
          need(b, o, 1);
          data.device_status = 'on';
          break;
        case 0xfffe:
          size = 1;
          need(b, o, 1);
          data.reset_event = 'reset';
          break;
        case 0xffff:
          size = 2;
          need(b, o, 2);
          data.tsl_version = `v${b[o] as number}.${b[o + 1] as number}`;
          break;
        case 0xff0f:
          size = 1;
          need(b, o, 1);
          data.lorawan_class = pick(CLASS_NAMES, b[o] as number);
          break;
        case 0xff16: {
          size = 8;
          need(b, o, 8);
          let sn = '';
          for (let j = o; j < o + 8; j++) sn += hex2(b[j] as number);
          data.sn = sn;
          break;
        }
      }
      if (size === 0) {
        // The value size of an unknown pair is unknown, so the rest cannot be framed.
        return { data, warnings: [unknownPair(channel, type, i, n)] };
      }
      i = o + size;
    }
    return { data };
  };
}

function milesightDecoder(id: string, known: number): DeviceDecoder<MilesightData> {
  return defineDecoder<MilesightData>(findInfo(catalog, id), milesightDecode(id, known));
}

/**
 * Whether `v`, an element read from a `number[]` payload, is an integer of 32 bits (or -0). The
 * range of all elements is checked once per payload: an element out of range until then only
 * gives wrong fields, which are thrown away. Free once V8 knows the array holds small integers.
 */
const int = (v: unknown): v is number => typeof v === 'number' && v === (v | 0);

/**
 * Sets the field of a one-byte switch pair (battery, button, door, installation) known to the
 * model; `false` for any other pair, which the checked path then decodes.
 */
function switchField(data: MilesightData, pair: number, v: number, known: number): boolean {
  if (pair === 0x0175) data.battery = v;
  else if (pair === 0xff2e && known & BUTTON) data.button = pick(BUTTON_NAMES, v);
  else if (pair === 0x0300 && known & DOOR) data.door = pick(DOOR_NAMES, v);
  else if (pair === 0x0400 && known & INSTALL) data.install = pick(INSTALL_NAMES, v);
  else return false;
  return true;
}

/**
 * The data of a single switch pair, the usual uplink, built as one object literal (no property
 * added after allocation); `undefined` for a pair the model does not know this way.
 */
function switchSingle(pair: number, v: number, known: number): MilesightData | undefined {
  if (pair === 0x0175) return { battery: v };
  if (pair === 0xff2e && known & BUTTON) return { button: pick(BUTTON_NAMES, v) };
  if (pair === 0x0300 && known & DOOR) return { door: pick(DOOR_NAMES, v) };
  if (pair === 0x0400 && known & INSTALL) return { install: pick(INSTALL_NAMES, v) };
  return undefined;
}

/** The fields of a `Uint8Array` made only of switch pairs, or `undefined`. */
function switchBytes(b: Uint8Array, known: number): MilesightData | undefined {
  const n = b.length;
  if (n === 3)
    return switchSingle(((b[0] as number) << 8) | (b[1] as number), b[2] as number, known);
  if (n === 0 || n % 3 !== 0) return undefined;
  const data: MilesightData = {};
  for (let i = 0; i < n; i += 3) {
    const pair = ((b[i] as number) << 8) | (b[i + 1] as number);
    if (!switchField(data, pair, b[i + 2] as number, known)) return undefined;
  }
  return data;
}

/**
 * The fields of a `number[]` made only of switch pairs, read in place, or `undefined` for
 * anything the checked path should answer (another pair, a short payload, an element that is
 * not a byte). A -0 is read as 0 (`| 0`), as the checked path's copy into a `Uint8Array` would.
 */
function switchArray(b: readonly unknown[], known: number): MilesightData | undefined {
  const n = b.length;
  if (n === 3) {
    const channel = b[0];
    const type = b[1];
    const v = b[2];
    return int(channel) && int(type) && int(v) && ((channel | type | v) & ~0xff) === 0
      ? switchSingle((channel << 8) | type, v | 0, known)
      : undefined;
  }
  if (n === 0 || n % 3 !== 0) return undefined;
  const data: MilesightData = {};
  let all = 0;
  for (let i = 0; i < n; i += 3) {
    const channel = b[i];
    const type = b[i + 1];
    const v = b[i + 2];
    if (!int(channel) || !int(type) || !int(v)) return undefined;
    all |= channel | type | v;
    if (!switchField(data, (channel << 8) | type, v | 0, known)) return undefined;
  }
  return (all & ~0xff) === 0 ? data : undefined;
}

/**
 * The WS101 and WS301, whose uplinks are one-byte values (battery, button, door, installation),
 * with a fast path of their own: a payload made only of those pairs is decoded here, number[]
 * in place; anything else (device information, unknown pairs, short payloads, bad input) takes
 * the checked path. These codecs run in a few nanoseconds, so the shared wrapper's call and the
 * number[] copy would dominate. Each input kind has a reader of its own so that V8's element
 * loads stay monomorphic, and this wrapper stays small enough to be inlined into its caller.
 */
function switchDecoder(id: string, known: number): DeviceDecoder<MilesightData> {
  const checked = milesightDecoder(id, known);
  const decodeUplink = (input: UplinkInput): DecodeUplinkResult<MilesightData> => {
    try {
      const b: unknown = input.bytes;
      const fPort: unknown = input.fPort;
      if (typeof fPort === 'number' && (fPort & 0xff) === fPort) {
        const data = Array.isArray(b)
          ? switchArray(b, known)
          : b instanceof Uint8Array
            ? switchBytes(b, known)
            : undefined;
        if (data !== undefined) return { data };
      }
    } catch {
      // A hostile input (null, throwing getters): the checked path reports it.
    }
    return checked.decodeUplink(input);
  };
  return { info: checked.info, decodeUplink };
}

/**
 * Where the pairs of a periodic frame of `body` bytes start in `b`: 0, or 3 after a battery pair
 * (`01 75 xx`); -1 for a payload of any other length.
 */
const bodyAt = (b: Bytes, body: number): number => {
  const n = b.length;
  if (n === body) return 0;
  return n === body + 3 && b[0] === 0x01 && b[1] === 0x75 && isByte(b[2]) ? 3 : -1;
};
/** Unsigned little-endian 16-bit value at `o`, or -1 unless both elements are bytes. */
const le16 = (b: Bytes, o: number): number => {
  const x = b[o];
  const y = b[o + 1];
  return isByte(x) && isByte(y) ? x | (y << 8) : -1;
};

/**
 * The measurement pairs of the EM300-TH, EM310-UDL and EM500-UDL, read in place, each element
 * checked as it is read; `undefined` for anything else (device information, unknown pairs, a
 * short payload, an element that is not a byte), which the checked path answers.
 */
function sensorLoop(b: Bytes, known: number): MilesightData | undefined {
  const n = b.length;
  const data: MilesightData = {};
  let i = 0;
  while (i + 2 < n) {
    const channel = b[i];
    const type = b[i + 1];
    const v = b[i + 2];
    if (!isByte(channel) || !isByte(type) || !isByte(v)) break;
    const pair = (channel << 8) | type;
    if (pair === 0x0175) data.battery = v;
    else if (pair === 0x0468 && known & HUMIDITY) data.humidity = v / 2;
    else if (pair === 0x0400 && known & TILT) data.tilt = pick(TILT_NAMES, v);
    else if (i + 3 >= n) break;
    else {
      const w = b[i + 3];
      if (!isByte(w)) break;
      if (pair === 0x0367 && known & TEMPERATURE) {
        const t = v | (w << 8);
        data.temperature = (t > 0x7fff ? t - 0x10000 : t) / 10;
      } else if (pair === 0x0382 && known & DISTANCE) data.distance = v | (w << 8);
      else break;
      i += 1;
    }
    i += 3;
  }
  return i === n && n > 0 ? data : undefined;
}

/**
 * The EM300-TH, EM310-UDL and EM500-UDL, with the same kind of fast path as
 * {@link switchDecoder} for their measurement pairs (battery, temperature, humidity, distance,
 * tilt).
 */
function sensorDecoder(id: string, known: number): DeviceDecoder<MilesightData> {
  const checked = milesightDecoder(id, known);
  const decodeUplink = (input: UplinkInput): DecodeUplinkResult<MilesightData> => {
    try {
      const b = input.bytes;
      const fPort = input.fPort;
      if (typeof fPort === 'number' && (fPort & 0xff) === fPort && isPayloadKind(b)) {
        const data = sensorLoop(b, known);
        if (data !== undefined) return { data };
      }
    } catch {
      // A hostile input (null, throwing getters): the checked path reports it.
    }
    return checked.decodeUplink(input);
  };
  return { info: checked.info, decodeUplink };
}

/**
 * The frame a model sends periodically (the EM models with or without their battery pair in
 * front), decoded by `layout` at fixed offsets into one object literal, in place of the pair
 * loop's growing object; `undefined` for any other input, which the model's other paths answer.
 * The layouts compare channel and type bytes with constants, so a non-byte element there fails
 * the match, and check each value element with `isByte`. Each model calls this from a
 * `decodeUplink` of its own (not one made by a shared factory), so that V8 keeps one closure per
 * model and inlines that model's layout there.
 */
function periodic(
  input: UplinkInput,
  layout: (b: Bytes) => MilesightData | undefined,
): MilesightData | undefined {
  try {
    const b = input.bytes;
    const fPort = input.fPort;
    return typeof fPort === 'number' && (fPort & 0xff) === fPort && isPayloadKind(b)
      ? layout(b)
      : undefined;
  } catch {
    // A hostile input (null, throwing getters): the checked path reports it.
    return undefined;
  }
}

/** A decoder with `rest`'s catalog entry and `decodeUplink`. */
const withDecode = (
  rest: DeviceDecoder<MilesightData>,
  decodeUplink: (input: UplinkInput) => DecodeUplinkResult<MilesightData>,
): DeviceDecoder<MilesightData> => ({ info: rest.info, decodeUplink });

/**
 * A `number[]` payload of an ambience model (AM307, AM319, EM500-CO2) read in place, each element
 * checked as it is read; `undefined` for anything the checked path should answer (device
 * information, another model's pair, a short payload, an element that is not a byte). A pair
 * unknown to the model ends decoding with the checked path's warning, once the rest of the
 * payload is known to be bytes. Arrays only, so that V8's element loads stay monomorphic.
 */
function ambienceArray(
  b: readonly unknown[],
  known: number,
): DecodeUplinkResult<MilesightData> | undefined {
  const n = b.length;
  if (n === 0) return undefined;
  const head = (known & HEAD) === HEAD ? headOf(b) : undefined;
  const data: MilesightData = head ?? {};
  // The OR of every element read after the head, range-checked once (see `int`).
  let all = 0;
  let i = head === undefined ? 0 : 10;
  while (i < n) {
    const channel = b[i];
    const type = b[i + 1];
    const o = i + 2;
    const x0 = b[o];
    if (!int(channel) || !int(type) || !int(x0)) return undefined;
    // `| 0`: a -0 element reads as 0, as in the checked path's copy into a `Uint8Array`.
    const x = x0 | 0;
    all |= channel | type | x;
    const pair = (channel << 8) | type;
    let size = 1;
    if (pair === 0x0175) data.battery = x;
    else if (pair === 0x0468 && known & HUMIDITY) data.humidity = x / 2;
    else if (pair === 0x0500 && known & ACTIVITY) data.activity = pick(ACTIVITY_NAMES, x);
    else if (pair === 0x06cb && known & LIGHT_LEVEL) data.light_level = x;
    else if (pair === 0x0e01 && known & BEEP) data.beep = pick(BEEP_NAMES, x);
    else {
      const y = b[o + 1];
      if (!int(y)) return undefined;
      all |= y;
      const v = x | (y << 8);
      size = 2;
      if (pair === 0x0367 && known & TEMPERATURE)
        data.temperature = (v > 0x7fff ? v - 0x10000 : v) / 10;
      else if (pair === 0x077d && known & CO2_07) data.co2 = v;
      else if (pair === 0x087d && known & TVOC) data.tvoc = v;
      else if (pair === 0x0973 && known & PRESSURE_09) data.pressure = v / 10;
      else if (pair === 0x0a7d && known & HCHO) data.hcho = v / 100;
      else if (pair === 0x0b7d && known & PM2_5) data['pm2.5'] = v;
      else if (pair === 0x0c7d && known & PM10) data.pm10 = v;
      else if (pair === 0x0d7d && known & O3) data.o3 = v / 100;
      else if (pair === 0x057d && known & CO2_05) data.co2 = v;
      else if (pair === 0x0673 && known & PRESSURE_06) data.pressure = v / 10;
      else {
        // Device information and the other models' pairs: the checked path knows what they
        // mean for this one. Checked only here, where no pair of this model has matched.
        if (channel === 0xff || pair === 0x0382 || pair === 0x0300 || pair === 0x0400) {
          return undefined;
        }
        // Only bytes may name the pair in the warning (and key its cache), and the checked
        // path would reject a payload with a non-byte element further on.
        for (let j = o + 2; j < n; j++) {
          const z = b[j];
          if (!int(z)) return undefined;
          all |= z;
        }
        if ((all & ~0xff) !== 0) return undefined;
        return { data, warnings: [unknownPair(channel, type, i, n)] };
      }
    }
    i = o + size;
  }
  return (all & ~0xff) === 0 ? { data } : undefined;
}

/**
 * The ambience models: `number[]` input goes to {@link ambienceArray}, a `Uint8Array` straight to
 * the raw decoder; everything else, and whatever either rejects, takes the checked path.
 */
function ambienceDecoder(id: string, known: number): DeviceDecoder<MilesightData> {
  const raw = milesightDecode(id, known);
  const checked = defineDecoder<MilesightData>(findInfo(catalog, id), raw);
  const decodeUplink = (input: UplinkInput): DecodeUplinkResult<MilesightData> => {
    try {
      const b = input.bytes;
      const fPort = input.fPort;
      if (typeof fPort === 'number' && (fPort & 0xff) === fPort) {
        if (Array.isArray(b)) {
          const result = ambienceArray(b, known);
          if (result !== undefined) return result;
        } else if (b instanceof Uint8Array) return raw(b, fPort, undefined, undefined);
      }
    } catch {
      // A hostile input (throwing getters): the checked path reports it.
    }
    return checked.decodeUplink(input);
  };
  return { info: checked.info, decodeUplink };
}

/**
 * Milesight AM307 ambience monitoring sensor.
 *
 * @example
 * ```ts
 * import { am307 } from '@smartcitylab/decoders/milesight';
 * am307.decodeUplink({ bytes: [0x03, 0x67, 0x34, 0x01], fPort: 85 }); // temperature 30.8
 * ```
 */
export const am307: DeviceDecoder<MilesightData> = /* @__PURE__ */ ambienceDecoder(
  'milesight-iot/am307',
  AM300,
);

const am319Rest = /* @__PURE__ */ milesightDecoder('milesight-iot/am319', AM300);
// 03 67 temperature, 04 68 humidity, 05 00 activity, 06 cb light level, 07 7d CO2, 08 7d TVOC,
// 09 73 pressure, 0a 7d HCHO, 0b 7d PM2.5, 0c 7d PM10. Only this layout: the same frame with a
// battery pair in front takes the checked path, for size (a second 11-key literal).
const am319Frame = (b: Bytes): MilesightData | undefined => {
  if (
    b.length !== 37 ||
    b[0] !== 0x03 ||
    b[1] !== 0x67 ||
    b[4] !== 0x04 ||
    b[5] !== 0x68 ||
    b[7] !== 0x05 ||
    b[8] !== 0 ||
    b[10] !== 0x06 ||
    b[11] !== 0xcb ||
    b[13] !== 0x07 ||
    b[14] !== 0x7d ||
    b[17] !== 0x08 ||
    b[18] !== 0x7d ||
    b[21] !== 0x09 ||
    b[22] !== 0x73 ||
    b[25] !== 0x0a ||
    b[26] !== 0x7d ||
    b[29] !== 0x0b ||
    b[30] !== 0x7d ||
    b[33] !== 0x0c ||
    b[34] !== 0x7d
  ) {
    return undefined;
  }
  const t = le16(b, 2);
  const h = b[6];
  const a = b[9];
  const l = b[12];
  const co2 = le16(b, 15);
  const tvoc = le16(b, 19);
  const p = le16(b, 23);
  const hcho = le16(b, 27);
  const pm25 = le16(b, 31);
  const pm10 = le16(b, 35);
  if (!isByte(h) || !isByte(a) || !isByte(l) || (t | co2 | tvoc | p | hcho | pm25 | pm10) < 0) {
    return undefined;
  }
  return {
    temperature: (t > 0x7fff ? t - 0x10000 : t) / 10,
    humidity: h / 2,
    activity: pick(ACTIVITY_NAMES, a),
    light_level: l,
    co2,
    tvoc,
    pressure: p / 10,
    hcho: hcho / 100,
    'pm2.5': pm25,
    pm10,
  };
};

/**
 * Milesight AM319 ambience monitoring sensor (adds HCHO, PM2.5, PM10, O3).
 *
 * @example
 * ```ts
 * import { am319 } from '@smartcitylab/decoders/milesight';
 * am319.decodeUplink({ bytes: [0x07, 0x7d, 0xa8, 0x03], fPort: 85 }); // co2 936
 * ```
 */
export const am319: DeviceDecoder<MilesightData> = /* @__PURE__ */ withDecode(
  am319Rest,
  (input) => {
    const data = periodic(input, am319Frame);
    return data === undefined ? am319Rest.decodeUplink(input) : { data };
  },
);

const em300ThRest = /* @__PURE__ */ sensorDecoder('milesight-iot/em300-th', EM300_TH);
// [01 75 battery] 03 67 temperature, 04 68 humidity
const em300ThFrame = (b: Bytes): MilesightData | undefined => {
  const o = bodyAt(b, 7);
  if (o < 0 || b[o] !== 0x03 || b[o + 1] !== 0x67 || b[o + 4] !== 0x04 || b[o + 5] !== 0x68) {
    return undefined;
  }
  const t = le16(b, o + 2);
  const h = b[o + 6];
  if (t < 0 || !isByte(h)) return undefined;
  const temperature = (t > 0x7fff ? t - 0x10000 : t) / 10;
  return o === 0
    ? { temperature, humidity: h / 2 }
    : { battery: b[2] as number, temperature, humidity: h / 2 };
};

/**
 * Milesight EM300-TH temperature and humidity sensor.
 *
 * @example
 * ```ts
 * import { em300Th } from '@smartcitylab/decoders/milesight';
 * em300Th.decodeUplink({ bytes: [0x04, 0x68, 0x3c], fPort: 85 }); // humidity 30
 * ```
 */
export const em300Th: DeviceDecoder<MilesightData> = /* @__PURE__ */ withDecode(
  em300ThRest,
  (input) => {
    const data = periodic(input, em300ThFrame);
    return data === undefined ? em300ThRest.decodeUplink(input) : { data };
  },
);

const em310UdlRest = /* @__PURE__ */ sensorDecoder('milesight-iot/em310-udl', EM310_UDL);
// [01 75 battery] 03 82 distance, 04 00 tilt
const em310UdlFrame = (b: Bytes): MilesightData | undefined => {
  const o = bodyAt(b, 7);
  if (o < 0 || b[o] !== 0x03 || b[o + 1] !== 0x82 || b[o + 4] !== 0x04 || b[o + 5] !== 0) {
    return undefined;
  }
  const distance = le16(b, o + 2);
  const v = b[o + 6];
  if (distance < 0 || !isByte(v)) return undefined;
  const tilt = pick(TILT_NAMES, v);
  return o === 0 ? { distance, tilt } : { battery: b[2] as number, distance, tilt };
};

/**
 * Milesight EM310-UDL ultrasonic distance sensor.
 *
 * @example
 * ```ts
 * import { em310Udl } from '@smartcitylab/decoders/milesight';
 * em310Udl.decodeUplink({ bytes: [0x03, 0x82, 0x44, 0x08], fPort: 85 }); // distance 2116
 * ```
 */
export const em310Udl: DeviceDecoder<MilesightData> = /* @__PURE__ */ withDecode(
  em310UdlRest,
  (input) => {
    const data = periodic(input, em310UdlFrame);
    return data === undefined ? em310UdlRest.decodeUplink(input) : { data };
  },
);

const em500Co2Rest = /* @__PURE__ */ milesightDecoder('milesight-iot/em500-co2', EM500_CO2);
// [01 75 battery] 03 67 temperature, 04 68 humidity, 05 7d CO2, 06 73 pressure
const em500Co2Frame = (b: Bytes): MilesightData | undefined => {
  const o = bodyAt(b, 15);
  if (
    o < 0 ||
    b[o] !== 0x03 ||
    b[o + 1] !== 0x67 ||
    b[o + 4] !== 0x04 ||
    b[o + 5] !== 0x68 ||
    b[o + 7] !== 0x05 ||
    b[o + 8] !== 0x7d ||
    b[o + 11] !== 0x06 ||
    b[o + 12] !== 0x73
  ) {
    return undefined;
  }
  const t = le16(b, o + 2);
  const h = b[o + 6];
  const co2 = le16(b, o + 9);
  const p = le16(b, o + 13);
  if (!isByte(h) || (t | co2 | p) < 0) return undefined;
  const temperature = (t > 0x7fff ? t - 0x10000 : t) / 10;
  return o === 0
    ? { temperature, humidity: h / 2, co2, pressure: p / 10 }
    : { battery: b[2] as number, temperature, humidity: h / 2, co2, pressure: p / 10 };
};

/**
 * Milesight EM500-CO2 sensor.
 *
 * @example
 * ```ts
 * import { em500Co2 } from '@smartcitylab/decoders/milesight';
 * em500Co2.decodeUplink({ bytes: [0x05, 0x7d, 0x67, 0x04], fPort: 85 }); // co2 1127
 * ```
 */
export const em500Co2: DeviceDecoder<MilesightData> = /* @__PURE__ */ withDecode(
  em500Co2Rest,
  (input) => {
    const data = periodic(input, em500Co2Frame);
    return data === undefined ? em500Co2Rest.decodeUplink(input) : { data };
  },
);

const em500UdlRest = /* @__PURE__ */ sensorDecoder('milesight-iot/em500-udl', EM500_UDL);
// [01 75 battery] 03 82 distance
const em500UdlFrame = (b: Bytes): MilesightData | undefined => {
  const o = bodyAt(b, 4);
  if (o < 0 || b[o] !== 0x03 || b[o + 1] !== 0x82) return undefined;
  const distance = le16(b, o + 2);
  if (distance < 0) return undefined;
  return o === 0 ? { distance } : { battery: b[2] as number, distance };
};

/**
 * Milesight EM500-UDL ultrasonic distance sensor.
 *
 * @example
 * ```ts
 * import { em500Udl } from '@smartcitylab/decoders/milesight';
 * em500Udl.decodeUplink({ bytes: [0x03, 0x82, 0x1e, 0x00], fPort: 85 }); // distance 30
 * ```
 */
export const em500Udl: DeviceDecoder<MilesightData> = /* @__PURE__ */ withDecode(
  em500UdlRest,
  (input) => {
    const data = periodic(input, em500UdlFrame);
    return data === undefined ? em500UdlRest.decodeUplink(input) : { data };
  },
);

/**
 * Milesight WS101 smart button.
 *
 * @example
 * ```ts
 * import { ws101 } from '@smartcitylab/decoders/milesight';
 * ws101.decodeUplink({ bytes: [0xff, 0x2e, 0x01], fPort: 85 }); // button 'short'
 * ```
 */
export const ws101: DeviceDecoder<MilesightData> = /* @__PURE__ */ switchDecoder(
  'milesight-iot/ws101',
  WS101,
);

/**
 * Milesight WS301 magnetic contact switch.
 *
 * @example
 * ```ts
 * import { ws301 } from '@smartcitylab/decoders/milesight';
 * ws301.decodeUplink({ bytes: [0x03, 0x00, 0x01], fPort: 85 }); // door 'open'
 * ```
 */
export const ws301: DeviceDecoder<MilesightData> = /* @__PURE__ */ switchDecoder(
  'milesight-iot/ws301',
  WS301,
);

/**
 * All Milesight decoders keyed by device id.
 *
 * @example
 * ```ts
 * import { decoders } from '@smartcitylab/decoders/milesight';
 * decoders['milesight-iot/ws301']?.decodeUplink({ bytes: [0x03, 0x00, 0x00], fPort: 85 });
 * ```
 */
export const decoders = {
  'milesight-iot/am307': am307,
  'milesight-iot/am319': am319,
  'milesight-iot/em300-th': em300Th,
  'milesight-iot/em310-udl': em310Udl,
  'milesight-iot/em500-co2': em500Co2,
  'milesight-iot/em500-udl': em500Udl,
  'milesight-iot/ws101': ws101,
  'milesight-iot/ws301': ws301,
} as const satisfies Readonly<Record<string, DeviceDecoder<unknown>>>;

export type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from '../types.js';
export { catalog };

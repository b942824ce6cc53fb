import { EnvelopeError, isEnvelopeError } from './errors.js';
import { isChirpStackV3, readChirpStackV3 } from './formats/chirpstack-v3.js';
import { isChirpStackV4, readChirpStackV4 } from './formats/chirpstack-v4.js';
import { isHelium, readHelium } from './formats/helium.js';
import { isNetmore, readNetmore } from './formats/netmore.js';
import { isTtsV3, readTtsV3 } from './formats/tts-v3.js';
import {
  describeKeys,
  describeValue,
  isObject,
  type JsonObject,
  type ReadContext,
} from './internal/read.js';
import type { ParseUplinkOptions, ParseUplinkResult, Uplink, UplinkNetwork } from './types.js';

interface FormatEntry {
  network: UplinkNetwork;
  label: string;
  detect: (json: JsonObject) => boolean;
  read: (ctx: ReadContext, json: JsonObject) => Uplink;
}

// Detection order matters: the most specific key sets first.
const FORMATS: readonly FormatEntry[] = [
  {
    network: 'tts-v3',
    label: 'The Things Stack v3 (end_device_ids + uplink_message)',
    detect: isTtsV3,
    read: readTtsV3,
  },
  {
    network: 'chirpstack-v4',
    label: 'ChirpStack v4 (deviceInfo + data)',
    detect: isChirpStackV4,
    read: readChirpStackV4,
  },
  {
    network: 'chirpstack-v3',
    label: 'ChirpStack v3 (devEUI + fPort + data)',
    detect: isChirpStackV3,
    read: readChirpStackV3,
  },
  {
    network: 'netmore',
    label: 'Netmore (devEui + fPort + hex payload)',
    detect: isNetmore,
    read: readNetmore,
  },
  {
    network: 'helium',
    label: 'Helium Console (dev_eui + port + payload)',
    detect: isHelium,
    read: readHelium,
  },
];

/**
 * Network-server formats `parseUplink` understands, in detection order.
 *
 * @example
 * ```ts
 * import { UPLINK_NETWORKS } from '@smartcitylab/decoders/envelopes';
 * UPLINK_NETWORKS.includes('netmore'); // true
 * ```
 */
export const UPLINK_NETWORKS: readonly UplinkNetwork[] = [
  'tts-v3',
  'chirpstack-v4',
  'chirpstack-v3',
  'netmore',
  'helium',
];

const EXPECTED = FORMATS.map((f) => f.label).join(', ');
const MAX_TEXT = 1_000_000;

function unrecognised(got: string): EnvelopeError {
  return new EnvelopeError(
    'UnrecognisedUplink',
    `not a recognised uplink: expected ${EXPECTED}; got ${got}`,
  );
}

function toJson(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  if (input.length > MAX_TEXT) {
    throw unrecognised(`a string of ${input.length} characters (more than ${MAX_TEXT})`);
  }
  try {
    return JSON.parse(input) as unknown;
  } catch (cause) {
    throw new EnvelopeError(
      'UnrecognisedUplink',
      `not a recognised uplink: the text is not valid JSON (${describeValue(input)})`,
      { cause },
    );
  }
}

/**
 * Detects the network-server format of one uplink message without parsing it.
 *
 * @example
 * ```ts
 * import { detectUplinkFormat } from '@smartcitylab/decoders/envelopes';
 * detectUplinkFormat({ deviceInfo: { devEui: '0101010101010101' }, fPort: 1, data: 'qg==' }); // 'chirpstack-v4'
 * ```
 */
export function detectUplinkFormat(json: unknown): UplinkNetwork | undefined {
  if (!isObject(json)) return undefined;
  try {
    return FORMATS.find((f) => f.detect(json))?.network;
  } catch {
    // A hostile getter on the input: treat it as no known format.
    return undefined;
  }
}

function parseOne(input: unknown, options: ParseUplinkOptions): Uplink {
  const json = toJson(input);
  if (!isObject(json)) {
    const hint = Array.isArray(json) ? ' (use parseUplinks for an array of messages)' : '';
    throw unrecognised(`${describeValue(json)}${hint}`);
  }
  const entry =
    options.format !== undefined
      ? FORMATS.find((f) => f.network === options.format)
      : FORMATS.find((f) => f.detect(json));
  if (entry === undefined) {
    if (options.format !== undefined) {
      throw new EnvelopeError(
        'UnrecognisedUplink',
        `unknown format "${String(options.format).slice(0, 40)}": expected one of ${UPLINK_NETWORKS.join(', ')}`,
      );
    }
    throw unrecognised(`keys ${describeKeys(json)}`);
  }
  return entry.read({ format: entry.network, options }, json);
}

function wrap(err: unknown): EnvelopeError {
  if (isEnvelopeError(err)) return err;
  // Anything else (a getter that throws, a stack overflow on exotic input) still
  // becomes a typed error, so the safe variants never throw.
  return new EnvelopeError('InvalidUplink', 'not a readable uplink: unexpected input structure', {
    cause: err,
  });
}

/**
 * Parses one network-server uplink message (object or JSON text) into an `Uplink`,
 * detecting The Things Stack v3, ChirpStack v4/v3, Netmore and Helium from its keys.
 *
 * @example
 * ```ts
 * import { parseUplink } from '@smartcitylab/decoders/envelopes';
 * const up = parseUplink({
 *   deviceInfo: { devEui: '0101010101010101', deviceName: 'Test device' },
 *   time: '2022-07-18T09:34:15.775Z',
 *   fPort: 1,
 *   data: 'qg==',
 *   rxInfo: [{ gatewayId: '0016c001f153a14c', rssi: -36, snr: 10.5 }],
 * });
 * up.network; // 'chirpstack-v4'
 * up.bytes; // Uint8Array [0xaa]
 * ```
 * @throws {EnvelopeError} `UnrecognisedUplink` when the JSON matches no format,
 * `InvalidUplink` when a field is missing or malformed (the message names the field).
 */
export function parseUplink(json: unknown, options: ParseUplinkOptions = {}): Uplink {
  try {
    return parseOne(json, options);
  } catch (err) {
    throw wrap(err);
  }
}

/**
 * Like `parseUplink`, but returns `{ success, data }` or `{ success, error }` and never throws.
 *
 * @example
 * ```ts
 * import { safeParseUplink } from '@smartcitylab/decoders/envelopes';
 * declare const body: string; // the webhook request body
 * const r = safeParseUplink(body);
 * if (!r.success) console.warn(r.error.message);
 * ```
 */
export function safeParseUplink(
  json: unknown,
  options: ParseUplinkOptions = {},
): ParseUplinkResult {
  try {
    return { success: true, data: parseOne(json, options) };
  } catch (err) {
    return { success: false, error: wrap(err) };
  }
}

function elements(json: unknown): unknown[] {
  const value = toJson(json);
  return Array.isArray(value) ? value : [value];
}

/**
 * Parses a message that may hold several uplinks (Netmore pushes a JSON array) or
 * just one; returns every uplink in order.
 *
 * @example
 * ```ts
 * import { parseUplinks } from '@smartcitylab/decoders/envelopes';
 * const ups = parseUplinks([
 *   { devEui: '00138e0000007608', fPort: '1', payload: '412b10033a', timestamp: '2024-02-28T11:21:59Z' },
 * ]);
 * ups[0]?.network; // 'netmore'
 * ```
 * @throws {EnvelopeError} on the first message that cannot be read; the message
 * starts with its index (`[2] netmore uplink: ...`). Use `safeParseUplinks` to keep the rest.
 */
export function parseUplinks(json: unknown, options: ParseUplinkOptions = {}): Uplink[] {
  let list: unknown[];
  try {
    list = elements(json);
  } catch (err) {
    throw wrap(err);
  }
  return list.map((item, i) => {
    const r = safeParseUplink(item, options);
    if (r.success) return r.data;
    throw new EnvelopeError(r.error.code, `[${i}] ${r.error.message}`, {
      cause: r.error,
      ...(r.error.path === undefined ? {} : { path: `[${i}].${r.error.path}` }),
      ...(r.error.format === undefined ? {} : { format: r.error.format }),
    });
  });
}

/**
 * Parses every uplink of an array (or a single message) and reports each one's
 * success or failure; never throws.
 *
 * @example
 * ```ts
 * import { safeParseUplinks } from '@smartcitylab/decoders/envelopes';
 * declare const body: string; // a Netmore push: a JSON array
 * const results = safeParseUplinks(body);
 * const good = results.flatMap((r) => (r.success ? [r.data] : []));
 * ```
 */
export function safeParseUplinks(
  json: unknown,
  options: ParseUplinkOptions = {},
): ParseUplinkResult[] {
  let list: unknown[];
  try {
    list = elements(json);
  } catch (err) {
    return [{ success: false, error: wrap(err) }];
  }
  return list.map((item) => safeParseUplink(item, options));
}

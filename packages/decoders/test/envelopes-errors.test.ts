import {
  EnvelopeError,
  isEnvelopeError,
  parseUplink,
  parseUplinks,
  safeParseUplink,
} from '@smartcitylab/decoders/envelopes';
import { isNgsiLdError } from '@smartcitylab/ngsi-ld';
import { describe, expect, it } from 'vitest';

const TTS = {
  end_device_ids: { device_id: 'd', dev_eui: '0004A30B001C0530' },
  received_at: '2020-02-12T15:15:46.014Z',
  uplink_message: { f_port: 1, f_cnt: 1, frm_payload: 'gkHe' },
};
const V4 = {
  deviceInfo: { devEui: '0101010101010101' },
  time: '2022-07-18T09:34:15Z',
  fPort: 1,
  data: 'qg==',
};
const NETMORE = {
  devEui: '00138e0000007608',
  fPort: '1',
  payload: '412B10033A',
  timestamp: '2024-02-28T11:21:59Z',
};
const HELIUM = {
  dev_eui: 'A81758FFFE0312AB',
  port: 5,
  payload: 'AQ==',
  reported_at: 1700000000123,
};
const V3 = { devEUI: '0102030405060708', fPort: 5, data: 'AQ==' };

const with_ = <T extends object>(
  base: T,
  patch: Record<string, unknown>,
): Record<string, unknown> => ({
  ...base,
  ...patch,
});
const ttsUp = (patch: Record<string, unknown>) =>
  with_(TTS, { uplink_message: { ...TTS.uplink_message, ...patch } });

const HUGE = 'A'.repeat(2_000_000);

interface BadCase {
  name: string;
  given: unknown;
  code: 'UnrecognisedUplink' | 'InvalidUplink';
  message: RegExp;
  path?: string;
}

const BAD: BadCase[] = [
  { name: 'a number', given: 42, code: 'UnrecognisedUplink', message: /got number 42$/ },
  { name: 'null', given: null, code: 'UnrecognisedUplink', message: /got null$/ },
  { name: 'undefined', given: undefined, code: 'UnrecognisedUplink', message: /got undefined$/ },
  {
    name: 'an array given to the single parser',
    given: [V4],
    code: 'UnrecognisedUplink',
    message: /got an array of 1 \(use parseUplinks for an array of messages\)/,
  },
  {
    name: 'text that is not JSON',
    given: 'hello {',
    code: 'UnrecognisedUplink',
    message: /the text is not valid JSON \(string "hello \{"\)/,
  },
  {
    name: 'an object of no known format',
    given: { a: 1, b: 2, c: 3 },
    code: 'UnrecognisedUplink',
    message:
      /^not a recognised uplink: expected The Things Stack v3 \(end_device_ids \+ uplink_message\), ChirpStack v4 \(deviceInfo \+ data\), .* got keys \[a, b, c\]$/,
  },
  {
    name: 'a Netmore message without payload',
    given: with_(NETMORE, { payload: undefined }),
    code: 'InvalidUplink',
    message: /^netmore uplink: payload must be a string, got nothing$/,
    path: 'payload',
  },
  {
    name: 'a Helium message without payload',
    given: with_(HELIUM, { payload: undefined }),
    code: 'InvalidUplink',
    message: /^helium uplink: payload must be a string, got nothing$/,
    path: 'payload',
  },
  {
    name: 'a ChirpStack v3 message without data',
    given: with_(V3, { data: undefined }),
    code: 'InvalidUplink',
    message: /^chirpstack-v3 uplink: data is missing: expected the payload in base64$/,
    path: 'data',
  },
  {
    name: 'bad base64',
    given: with_(V4, { data: 'q*g==' }),
    code: 'InvalidUplink',
    message: /^chirpstack-v4 uplink: data is not valid base64: string "q\*g=="$/,
    path: 'data',
  },
  {
    name: 'bad hex',
    given: with_(NETMORE, { payload: '41ZZ' }),
    code: 'InvalidUplink',
    message: /^netmore uplink: payload is not valid hex: string "41ZZ"$/,
    path: 'payload',
  },
  {
    name: 'odd-length hex',
    given: with_(NETMORE, { payload: '412' }),
    code: 'InvalidUplink',
    message: /payload is not valid hex/,
  },
  {
    name: 'an FPort sent as a string where a number is due',
    given: ttsUp({ f_port: '1' }),
    code: 'InvalidUplink',
    message: /^tts-v3 uplink: uplink_message\.f_port must be a finite number, got string "1"$/,
    path: 'uplink_message.f_port',
  },
  {
    name: 'an FPort out of range',
    given: with_(V4, { fPort: 256 }),
    code: 'InvalidUplink',
    message: /fPort must be an integer 0-255, got 256/,
  },
  {
    name: 'a non-numeric Netmore FPort string',
    given: with_(NETMORE, { fPort: 'one' }),
    code: 'InvalidUplink',
    message: /fPort must be a number or a numeric string, got string "one"/,
  },
  {
    name: 'an RSSI of the wrong type',
    given: with_(V4, { rxInfo: [{ gatewayId: 'g', rssi: 'strong' }] }),
    code: 'InvalidUplink',
    message: /rxInfo\[0\]\.rssi must be a finite number, got string "strong"/,
    path: 'rxInfo[0].rssi',
  },
  {
    name: 'a gateway list that is not an array',
    given: with_(V4, { rxInfo: { gatewayId: 'g' } }),
    code: 'InvalidUplink',
    message: /rxInfo must be an array, got an object/,
  },
  {
    name: 'a device EUI of the wrong type',
    given: with_(V4, { deviceInfo: { devEui: 12345 } }),
    code: 'InvalidUplink',
    message: /deviceInfo\.devEui must be a string, got number 12345/,
  },
  {
    name: 'a device EUI that is too short',
    given: with_(V4, { deviceInfo: { devEui: '0102' } }),
    code: 'InvalidUplink',
    message: /deviceInfo\.devEui must be an EUI-64 of 16 hex characters, got string "0102"/,
  },
  {
    name: 'a receive time that is not RFC 3339',
    given: with_(V4, { time: 'yesterday' }),
    code: 'InvalidUplink',
    message: /time must be an RFC 3339 timestamp, got string "yesterday"/,
  },
  {
    name: 'a gateway latitude out of range',
    given: with_(V3, { rxInfo: [{ gatewayID: 'g', location: { latitude: 123, longitude: 17 } }] }),
    code: 'InvalidUplink',
    message: /rxInfo\[0\]\.location\.latitude must be -90 to 90, got 123/,
  },
  {
    name: 'a Helium time that is not epoch milliseconds',
    given: with_(HELIUM, { reported_at: '2024-01-01' }),
    code: 'InvalidUplink',
    message: /reported_at must be a finite number, got string "2024-01-01"/,
  },
  {
    name: 'a huge payload string',
    given: with_(V4, { data: HUGE }),
    code: 'InvalidUplink',
    message: /^chirpstack-v4 uplink: data is 2000000 characters, more than 512 bytes in base64$/,
  },
  {
    name: 'a huge device EUI string',
    given: with_(NETMORE, { devEui: HUGE }),
    code: 'InvalidUplink',
    message: /devEui must be an EUI-64 of 16 hex characters, got string "A{40}…\(2000000 chars\)"/,
  },
  {
    name: 'a huge key',
    given: { [HUGE]: 1 },
    code: 'UnrecognisedUplink',
    message: /got keys \[A{40}…\]$/,
  },
  {
    name: 'huge JSON text',
    given: `"${HUGE}"`,
    code: 'UnrecognisedUplink',
    message: /got a string of 2000002 characters \(more than 1000000\)/,
  },
  {
    name: 'an uplink_message hidden behind a __proto__ key',
    given: JSON.parse(
      '{"__proto__": {"uplink_message": {"frm_payload": "AQ=="}}, "end_device_ids": {"dev_eui": "0004A30B001C0530"}}',
    ),
    code: 'UnrecognisedUplink',
    message: /got keys \[__proto__, end_device_ids\]/,
  },
  {
    name: 'format keys that are only inherited',
    given: Object.create({ deviceInfo: { devEui: '0101010101010101' }, fPort: 1, data: 'qg==' }),
    code: 'UnrecognisedUplink',
    message: /got keys \[\]$/,
  },
];

describe('bad envelopes give clear errors', () => {
  it.each(BAD)('$name', ({ given, code, message, path }) => {
    let thrown: unknown;
    try {
      parseUplink(given);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(EnvelopeError);
    const err = thrown as EnvelopeError;
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
    expect(err.message.length).toBeLessThan(600);
    if (path !== undefined) expect(err.path).toBe(path);
    expect(isEnvelopeError(err)).toBe(true);
    expect(isNgsiLdError(err)).toBe(true);

    const safe = safeParseUplink(given);
    expect(safe.success).toBe(false);
    if (!safe.success) expect(safe.error.message).toBe(err.message);
  });

  it('never pollutes Object.prototype through __proto__ or constructor keys', () => {
    const text =
      '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "deviceInfo": {"devEui": "0101010101010101", "__proto__": {"polluted": "yes"}}, "fPort": 1, "data": "qg==", "time": "2024-01-01T00:00:00Z", "object": {"__proto__": {"polluted": "yes"}, "t": 1}}';
    const up = parseUplink(text);
    expect(up.devEui).toBe('0101010101010101');
    expect(up.decoded).toEqual(JSON.parse('{"__proto__": {"polluted": "yes"}, "t": 1}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('turns unexpected failures (a throwing getter) into an EnvelopeError', () => {
    const hostile = {
      deviceInfo: { devEui: '0101010101010101' },
      fPort: 1,
      get data(): string {
        throw new TypeError('boom');
      },
    };
    const r = safeParseUplink(hostile);
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.code).toBe('InvalidUplink');
      expect((r.error.cause as Error).message).toBe('boom');
    }
  });

  it('names the index of the failing element in a batch', () => {
    expect(() => parseUplinks([NETMORE, NETMORE, 7])).toThrow(/^\[2\] not a recognised uplink/);
  });

  it('rejects an unknown explicit format', () => {
    expect(() => parseUplink(V4, { format: 'lorix' as 'helium' })).toThrow(
      /unknown format "lorix": expected one of tts-v3, chirpstack-v4, chirpstack-v3, netmore, helium/,
    );
  });

  it('honours a smaller maxPayloadBytes', () => {
    expect(() =>
      parseUplink(with_(NETMORE, { payload: '00'.repeat(20) }), { maxPayloadBytes: 8 }),
    ).toThrow(/payload is 40 characters, more than 8 bytes in hex/);
  });
});

import type { UplinkNetwork } from '@smartcitylab/decoders/envelopes';
import {
  EnvelopeError,
  type ParseUplinkResult,
  safeParseUplink,
  safeParseUplinks,
} from '@smartcitylab/decoders/envelopes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function checkResult(r: ParseUplinkResult, allowNonHex = false): void {
  expect(typeof r.success).toBe('boolean');
  if (r.success) {
    const up = r.data;
    if (!allowNonHex) expect(up.devEui).toMatch(/^[0-9a-f]{16}$/);
    expect(Number.isInteger(up.fPort) && up.fPort >= 0 && up.fPort <= 255).toBe(true);
    expect(up.bytes).toBeInstanceOf(Uint8Array);
    expect(up.receivedAt).toMatch(ISO);
    expect(Array.isArray(up.gateways)).toBe(true);
  } else {
    expect(r.error).toBeInstanceOf(EnvelopeError);
    expect(['UnrecognisedUplink', 'InvalidUplink']).toContain(r.error.code);
    expect(r.error.message.length).toBeGreaterThan(0);
  }
}

// Keys of every supported format, so random objects often hit a detector and
// then exercise the field readers with values of random types.
const KEYS = [
  'end_device_ids',
  'uplink_message',
  'dev_eui',
  'device_id',
  'application_ids',
  'f_port',
  'f_cnt',
  'frm_payload',
  'received_at',
  'rx_metadata',
  'gateway_ids',
  'gateway_id',
  'decoded_payload',
  'locations',
  'user',
  'latitude',
  'longitude',
  'altitude',
  'deviceInfo',
  'devEui',
  'deviceName',
  'applicationId',
  'fPort',
  'fCnt',
  'data',
  'time',
  'rxInfo',
  'gatewayId',
  'rssi',
  'snr',
  'object',
  'devEUI',
  'applicationID',
  'loRaSNR',
  'location',
  'payload',
  'timestamp',
  'messageType',
  'gateways',
  'gatewayIdentifier',
  'fCntUp',
  'port',
  'reported_at',
  'hotspots',
  'lat',
  'long',
  'decoded',
  'fcnt',
  'id',
  '__proto__',
  'constructor',
];

const leaf = fc.oneof(
  fc.constantFrom(
    '0101010101010101',
    '0004A30B001C0530',
    'qg==',
    'gkHe',
    '412B10033A',
    '1',
    '-108',
    '3.5',
    '2022-07-18T09:34:15.775023242+00:00',
    '2024-02-28T11:21:59Z',
    'payload',
    1,
    0,
    255,
    256,
    -36,
    10.5,
    1700000000123,
    null,
    true,
    '',
  ),
  fc.string({ maxLength: 24 }),
  fc.double(),
  fc.integer(),
);

const envelopeLike = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    tie('object'),
    fc.array(tie('node'), { maxLength: 3 }),
  ),
  object: fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 8 }),
})).object;

describe('safe parsers never throw on arbitrary input (fast-check)', () => {
  it('fc.anything() into safeParseUplink: 2,500 runs', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true }), (value) => {
        checkResult(safeParseUplink(value));
      }),
      { numRuns: 2500 },
    );
  });

  it('fc.json() text into safeParseUplink: 2,500 runs', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        checkResult(safeParseUplink(text));
      }),
      { numRuns: 2500 },
    );
  });

  it('envelope-shaped random objects into safeParseUplink: 2,500 runs', () => {
    fc.assert(
      fc.property(envelopeLike, fc.boolean(), (value, allowNonHexDevEui) => {
        checkResult(safeParseUplink(value, { allowNonHexDevEui }), allowNonHexDevEui);
      }),
      { numRuns: 2500 },
    );
  });

  it('arrays of random JSON into safeParseUplinks: 1,000 runs', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(envelopeLike, fc.jsonValue()), { maxLength: 4 }), (list) => {
        const results = safeParseUplinks(list);
        expect(results).toHaveLength(list.length === 0 ? 0 : list.length);
        for (const r of results) checkResult(r);
      }),
      { numRuns: 1000 },
    );
  });

  it('mutating one field of a valid message of each format: 1,000 runs', () => {
    const paths = fc.array(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(
        fc.constantFrom(...NETWORKS),
        paths,
        fc.oneof(leaf, fc.jsonValue()),
        fc.boolean(),
        (network, path, value, remove) => {
          const message = structuredClone(build(network, SAMPLE)) as Record<string, unknown>;
          let target: Record<string, unknown> = message;
          // Walk own keys only and write with defineProperty: a `__proto__` step must reach the
          // message's own key (as JSON.parse makes it), never Object.prototype of the worker.
          for (const key of path.slice(0, -1)) {
            const next = Object.hasOwn(target, key) ? target[key] : undefined;
            if (typeof next !== 'object' || next === null) break;
            target = next as Record<string, unknown>;
          }
          const last = path[path.length - 1] as string;
          if (remove) delete target[last];
          else
            Object.defineProperty(target, last, {
              value,
              enumerable: true,
              writable: true,
              configurable: true,
            });
          checkResult(safeParseUplink(message));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('round-trips random EUIs, ports, payloads and radio values through every format: 1,000 runs', () => {
    const sample = fc.record({
      eui: fc.uint8Array({ minLength: 8, maxLength: 8 }),
      fPort: fc.integer({ min: 1, max: 255 }),
      bytes: fc.uint8Array({ maxLength: 242 }),
      rssi: fc.integer({ min: -140, max: 0 }),
      snr: fc.integer({ min: -200, max: 150 }).map((n) => n / 10),
      ms: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    });
    fc.assert(
      fc.property(fc.constantFrom(...NETWORKS), sample, (network, s) => {
        const r = safeParseUplink(build(network, s));
        expect(r.success).toBe(true);
        if (!r.success) return;
        expect(r.data.network).toBe(network);
        expect(r.data.devEui).toBe(Buffer.from(s.eui).toString('hex'));
        expect(r.data.fPort).toBe(s.fPort);
        expect(Buffer.from(r.data.bytes).equals(Buffer.from(s.bytes))).toBe(true);
        expect(r.data.rssi).toBe(s.rssi);
        expect(r.data.snr).toBe(s.snr);
        expect(r.data.receivedAt).toBe(new Date(s.ms).toISOString());
      }),
      { numRuns: 1000 },
    );
  });
});

interface Sample {
  eui: Uint8Array;
  fPort: number;
  bytes: Uint8Array;
  rssi: number;
  snr: number;
  ms: number;
}

const NETWORKS: UplinkNetwork[] = ['tts-v3', 'chirpstack-v4', 'chirpstack-v3', 'netmore', 'helium'];
const SAMPLE: Sample = {
  eui: Uint8Array.from([0, 4, 0xa3, 0x0b, 0, 0x1c, 5, 0x30]),
  fPort: 2,
  bytes: Uint8Array.from([1, 2, 3]),
  rssi: -100,
  snr: 7.5,
  ms: 1_700_000_000_123,
};

/** Writes one uplink in the wire shape of `network`. */
function build(network: UplinkNetwork, s: Sample): Record<string, unknown> {
  const euiHex = Buffer.from(s.eui).toString('hex').toUpperCase();
  const b64 = Buffer.from(s.bytes).toString('base64');
  const time = new Date(s.ms).toISOString();
  switch (network) {
    case 'tts-v3':
      return {
        end_device_ids: { device_id: 'dev', dev_eui: euiHex },
        uplink_message: {
          f_port: s.fPort,
          frm_payload: b64,
          received_at: time,
          rx_metadata: [{ gateway_ids: { gateway_id: 'gw' }, rssi: s.rssi, snr: s.snr }],
        },
      };
    case 'chirpstack-v4':
      return {
        deviceInfo: { devEui: euiHex.toLowerCase() },
        time,
        fPort: s.fPort,
        data: b64,
        rxInfo: [{ gatewayId: 'gw', rssi: s.rssi, snr: s.snr }],
      };
    case 'chirpstack-v3':
      return {
        devEUI: euiHex,
        fPort: s.fPort,
        data: b64,
        rxInfo: [{ gatewayID: 'gw', time, rssi: s.rssi, loRaSNR: s.snr }],
      };
    case 'netmore':
      return {
        devEui: euiHex.toLowerCase(),
        fPort: String(s.fPort),
        payload: Buffer.from(s.bytes).toString('hex'),
        timestamp: time,
        rssi: String(s.rssi),
        snr: String(s.snr),
        gatewayIdentifier: '126',
      };
    case 'helium':
      return {
        dev_eui: euiHex,
        port: s.fPort,
        payload: b64,
        reported_at: s.ms,
        hotspots: [{ id: 'h', rssi: s.rssi, snr: s.snr }],
      };
  }
}

import { basename } from 'node:path';
import {
  detectUplinkFormat,
  EnvelopeError,
  type ParseUplinkOptions,
  parseUplink,
  parseUplinks,
  safeParseUplink,
  safeParseUplinks,
  type Uplink,
} from '@smartcitylab/decoders/envelopes';
import { describe, expect, it } from 'vitest';
import {
  describeWithFixtures,
  listFixtureFiles,
  readFixtureJson,
} from '../../../test-support/fixtures.js';

const hex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** Drops our `_source` key; Netmore fixtures keep the pushed array under `body`. */
function messageOf(file: string): unknown {
  const { _source, ...rest } = readFixtureJson<Record<string, unknown>>('envelopes', file);
  return 'body' in rest ? rest.body : rest;
}

type Want = Omit<Uplink, 'bytes'> & { bytesHex: string };

interface FixtureCase {
  options?: ParseUplinkOptions;
  want?: Want[];
  wantError?: { code: string; message: RegExp };
}

const FIXTURES: Record<string, FixtureCase> = {
  'tts-v3-uplink-message.json': {
    want: [
      {
        network: 'tts-v3',
        devEui: '0004a30b001c0530',
        deviceId: 'dev1',
        applicationId: 'app1',
        // f_port is omitted in the documented example: protobuf JSON drops zero values.
        fPort: 0,
        bytesHex: '8241de',
        receivedAt: '2020-02-12T15:15:45.789Z',
        fCnt: 1,
        rssi: -35,
        snr: 5,
        gateways: [{ id: 'gtw1', rssi: -35, snr: 5 }],
        location: { lat: 37.97155556731436, lon: 23.72678801175413, alt: 10 },
        decoded: { temperature: 1.0, luminosity: 0.64 },
      },
    ],
  },
  'chirpstack-v4-event-up.json': {
    want: [
      {
        network: 'chirpstack-v4',
        devEui: '0101010101010101',
        deviceId: 'Test device',
        applicationId: '17c82e96-be03-4f38-aef3-f83d48582d97',
        fPort: 1,
        bytesHex: 'aa',
        receivedAt: '2022-07-18T09:34:15.775Z',
        fCnt: 0,
        rssi: -36,
        snr: 10.5,
        gateways: [{ id: '0016c001f153a14c', rssi: -36, snr: 10.5 }],
      },
    ],
  },
  'chirpstack-v3-legacy-uplink.json': {
    // The capture's devEUI was anonymised upstream into non-hex letters.
    options: { allowNonHexDevEui: true },
    want: [
      {
        network: 'chirpstack-v3',
        devEui: 'dfge5t634tr4545',
        deviceId: 'AIR-SENS-02',
        applicationId: 'tttt',
        fPort: 5,
        bytesHex: '010033025414000f6aed',
        receivedAt: '2022-10-18T15:43:12.577Z',
        fCnt: 92871,
        rssi: -118,
        snr: -9,
        gateways: [
          {
            id: '435rgdf4343534tre',
            rssi: -118,
            snr: -9,
            location: { lat: 62.36956091265246, lon: 17.319844410529534, alt: 0 },
          },
        ],
        decoded: { humidity: 84, pressure: 1010.413, temperature: 5.1 },
      },
    ],
  },
  'netmore-uplink.json': {
    want: [
      {
        network: 'netmore',
        devEui: '00138e0000007608',
        deviceId: 'other',
        fPort: 1,
        bytesHex: '412b10033a',
        receivedAt: '2024-02-28T11:21:59.626Z',
        rssi: -107,
        snr: 4,
        gateways: [{ id: '274', rssi: -107, snr: 4 }],
      },
    ],
  },
  'netmore-uplink-extended.json': {
    options: { allowNonHexDevEui: true },
    want: [
      {
        network: 'netmore',
        devEui: 'rg34g34gerg3454trg',
        fPort: 100,
        bytesHex:
          '8e974e6300227a060050c24d63cb790600000000000000000000000000000016003300000000000000000000000e00',
        receivedAt: '2022-10-18T12:17:03.166Z',
        fCnt: 6647,
        rssi: -108,
        snr: 3.5,
        gateways: [{ id: '126', rssi: -108, snr: 3.5 }],
      },
    ],
  },
  'helium-console-uplink.json': {
    want: [
      {
        network: 'helium',
        devEui: 'a81758fffe0312ab',
        deviceId: '00000000-0000-4000-8000-000000000001',
        fPort: 5,
        bytesHex: '0100e202290400270506',
        receivedAt: '2023-11-14T22:13:20.123Z',
        fCnt: 42,
        rssi: -97,
        snr: 6.5,
        gateways: [
          { id: '11exampleHotspotAddressDoNotUse000000000000000000000', rssi: -97, snr: 6.5 },
        ],
      },
    ],
  },
  'diwise-internal-event.json': {
    // diwise's own normalized event is not a network-server format.
    wantError: { code: 'UnrecognisedUplink', message: /got keys \[rx, tx, fCnt, tags, devEUI/ },
  },
};

function comparable(up: Uplink): Want {
  const { bytes, ...rest } = up;
  return { ...rest, bytesHex: hex(bytes) };
}

describeWithFixtures('network-server envelope fixtures', 'envelopes', () => {
  const files = listFixtureFiles('envelopes', '.json').map((f) => basename(f));

  it('has an expectation for every fixture file', () => {
    expect(files.filter((f) => !(f in FIXTURES))).toEqual([]);
  });

  for (const file of files) {
    const c = FIXTURES[file];
    if (c === undefined) continue;
    it(`reads ${file}`, () => {
      const message = messageOf(file);
      if (c.want !== undefined) {
        const got = parseUplinks(message, c.options);
        expect(got.map(comparable)).toEqual(c.want);
        for (const up of got) expect(up.bytes).toBeInstanceOf(Uint8Array);
      } else if (c.wantError !== undefined) {
        const r = safeParseUplink(message, c.options);
        expect(r.success).toBe(false);
        if (!r.success) {
          expect(r.error).toBeInstanceOf(EnvelopeError);
          expect(r.error.code).toBe(c.wantError.code);
          expect(r.error.message).toMatch(c.wantError.message);
        }
      }
    });
  }

  it('detects each format from the JSON alone', () => {
    const got = Object.fromEntries(
      files.map((f) => {
        const m = messageOf(f);
        return [f, detectUplinkFormat(Array.isArray(m) ? m[0] : m)];
      }),
    );
    expect(got).toEqual({
      'chirpstack-v3-legacy-uplink.json': 'chirpstack-v3',
      'chirpstack-v4-event-up.json': 'chirpstack-v4',
      'diwise-internal-event.json': undefined,
      'helium-console-uplink.json': 'helium',
      'netmore-uplink-extended.json': 'netmore',
      'netmore-uplink.json': 'netmore',
      'tts-v3-uplink-message.json': 'tts-v3',
    });
  });

  it('rejects the anonymised non-hex device EUIs unless allowed, naming the field', () => {
    const given = [
      ['chirpstack-v3-legacy-uplink.json', 'devEUI'],
      ['netmore-uplink-extended.json', 'devEui'],
    ] as const;
    for (const [file, field] of given) {
      const message = messageOf(file);
      const r = safeParseUplinks(message)[0];
      expect(r?.success).toBe(false);
      if (r !== undefined && !r.success) {
        expect(r.error.code).toBe('InvalidUplink');
        expect(r.error.path).toBe(field);
        expect(r.error.message).toContain('16 hex characters');
        expect(r.error.message).toContain('allowNonHexDevEui');
      }
    }
  });

  it('parses JSON text as well as parsed objects', () => {
    const message = messageOf('chirpstack-v4-event-up.json');
    const fromText = parseUplink(JSON.stringify(message));
    expect(comparable(fromText)).toEqual(comparable(parseUplink(message)));
  });

  it('honours an explicit format and names it in errors', () => {
    const message = messageOf('chirpstack-v4-event-up.json');
    const r = safeParseUplink(message, { format: 'helium' });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.format).toBe('helium');
      expect(r.error.message).toMatch(/^helium uplink: dev_eui must be a string, got nothing/);
    }
  });
});

describe('envelope details beyond the fixtures', () => {
  const v4 = (extra: Record<string, unknown>): Record<string, unknown> => ({
    deviceInfo: { devEui: '0101010101010101', applicationId: 'app' },
    time: '2024-01-01T00:00:00Z',
    fPort: 2,
    data: 'AQI=',
    ...extra,
  });

  it('picks the best RSSI and the best SNR independently across gateways', () => {
    const up = parseUplink(
      v4({
        rxInfo: [
          { gatewayId: 'a', rssi: -110, snr: 9 },
          { gatewayId: 'b', rssi: -80, snr: -3 },
          { gatewayId: 'c' },
        ],
      }),
    );
    expect(up.rssi).toBe(-80);
    expect(up.snr).toBe(9);
    expect(up.gateways).toEqual([
      { id: 'a', rssi: -110, snr: 9 },
      { id: 'b', rssi: -80, snr: -3 },
      { id: 'c' },
    ]);
  });

  it('leaves rssi and snr out when no gateway reports them', () => {
    const up = parseUplink(v4({ rxInfo: [] }));
    expect(up).not.toHaveProperty('rssi');
    expect(up).not.toHaveProperty('snr');
  });

  it('reads a TTS f_port and prefers the payload-derived location', () => {
    const up = parseUplink({
      end_device_ids: { device_id: 'd', dev_eui: '70B3D57ED0000001' },
      received_at: '2024-05-01T10:00:00.123456789Z',
      uplink_message: {
        f_port: 15,
        f_cnt: 7,
        frm_payload: 'AAE=',
        locations: {
          user: { latitude: 1, longitude: 2 },
          'frm-payload': { latitude: 59.33, longitude: 18.06, altitude: 25 },
        },
      },
    });
    expect(up.fPort).toBe(15);
    expect(up.devEui).toBe('70b3d57ed0000001');
    expect(up.receivedAt).toBe('2024-05-01T10:00:00.123Z');
    expect(up.location).toEqual({ lat: 59.33, lon: 18.06, alt: 25 });
  });

  it('turns a ChirpStack v3 base64 devEUI into hex and falls back to options.now', () => {
    const now = new Date('2024-03-01T12:00:00Z');
    const up = parseUplink(
      { devEUI: 'AQIDBAUGBwg=', applicationID: 7, fPort: 3, data: 'qg==', rxInfo: [] },
      { now },
    );
    expect(up.devEui).toBe('0102030405060708');
    expect(up.applicationId).toBe('7');
    expect(up.receivedAt).toBe('2024-03-01T12:00:00.000Z');
  });

  it('returns several uplinks for a Netmore array and one for a single object', () => {
    const item = (eui: string, port: string) => ({
      devEui: eui,
      fPort: port,
      payload: '01',
      timestamp: '2024-02-28T11:21:59.626943Z',
    });
    const ups = parseUplinks([item('00138e0000007608', '1'), item('00138E0000007609', '2')]);
    expect(ups.map((u) => [u.devEui, u.fPort])).toEqual([
      ['00138e0000007608', 1],
      ['00138e0000007609', 2],
    ]);
    expect(parseUplinks(item('00138e0000007608', '9'))).toHaveLength(1);
  });

  it('reports per-message results for a batch with one bad element', () => {
    const good = {
      devEui: '00138e0000007608',
      fPort: '1',
      payload: '01',
      timestamp: '2024-02-28T11:21:59Z',
    };
    const results = safeParseUplinks([good, { ...good, payload: 'zz' }, good]);
    expect(results.map((r) => r.success)).toEqual([true, false, true]);
    expect(() => parseUplinks([good, { ...good, payload: 'zz' }])).toThrow(
      /^\[1\] netmore uplink: payload is not valid hex/,
    );
  });

  it('rejects Netmore messages that are not payload messages', () => {
    const r = safeParseUplink({
      devEui: '00138e0000007608',
      messageType: 'status',
      payload: '',
      timestamp: '2024-02-28T11:21:59Z',
    });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.message).toContain('only "payload" messages are uplinks');
  });

  it('explains a ChirpStack v4 event that is not an up event', () => {
    const r = safeParseUplink({
      deviceInfo: { devEui: '0101010101010101' },
      time: '2024-01-01T00:00:00Z',
      devAddr: '00189440',
    });
    expect(r.success).toBe(false);
    if (!r.success)
      expect(r.error.message).toMatch(
        /is not an "up" event.*got keys \[deviceInfo, time, devAddr\]/,
      );
  });

  it('reads Helium hotspot coordinates and the decoded payload', () => {
    const up = parseUplink({
      dev_eui: 'A81758FFFE0312AB',
      port: 5,
      payload: 'AQ==',
      reported_at: 1700000000123,
      hotspots: [{ id: 'h1', rssi: -90, snr: 2, lat: 62.39, long: 17.3 }],
      decoded: { payload: { temperature: 22.6 }, status: 'success' },
    });
    expect(up.gateways).toEqual([
      { id: 'h1', rssi: -90, snr: 2, location: { lat: 62.39, lon: 17.3 } },
    ]);
    expect(up.decoded).toEqual({ temperature: 22.6 });
  });
});

/**
 * Envelope parsing throughput per network-server format, side by side with
 * `JSON.parse` of the same text (the floor every integration pays anyway).
 * Columns: JSON.parse alone, parseUplink(text) (parse + normalize), and
 * parseUplink(object) (normalize only); ratios are against JSON.parse.
 *
 * Run: node --conditions=@smartcitylab/source --import tsx bench/envelopes.bench.ts
 * Budget: BUDGET_MS per column per format (about 10 s in all).
 *
 * The three measurements of a format are interleaved over ROUNDS rounds and the best
 * round of each is kept, so a busy shared machine skews all columns alike.
 */
import { parseUplink, type UplinkNetwork } from '@smartcitylab/decoders/envelopes';

const BUDGET_MS = 600;
const ROUNDS = 5;

// Hand-written messages in each network server's documented shape, with the sizes
// integrations typically see: a 13-byte payload heard by two gateways.
const MESSAGES: Record<UplinkNetwork, unknown> = {
  'tts-v3': {
    end_device_ids: {
      device_id: 'ers-co2-0042',
      application_ids: { application_id: 'sundsvall-indoor' },
      dev_eui: 'A81758FFFE0312AB',
      join_eui: '0000000000000000',
      dev_addr: '260B1234',
    },
    correlation_ids: ['as:up:01HZX0000000000000000000', 'gs:uplink:01HZX0000000000000000001'],
    received_at: '2024-05-01T10:00:00.412345678Z',
    uplink_message: {
      session_key_id: 'AYz1234567890abcdefghijk',
      f_port: 5,
      f_cnt: 1234,
      frm_payload: 'AQDiAikEACcFBgYBkA==',
      decoded_payload: { temperature: 22.6, humidity: 41, light: 39, motion: 6, co2: 400 },
      rx_metadata: [
        {
          gateway_ids: { gateway_id: 'sundsvall-gw-01', eui: 'B827EBFFFE000001' },
          time: '2024-05-01T10:00:00.201Z',
          rssi: -97,
          channel_rssi: -97,
          snr: 6.5,
          location: { latitude: 62.3908, longitude: 17.3069, altitude: 12 },
        },
        {
          gateway_ids: { gateway_id: 'sundsvall-gw-02', eui: 'B827EBFFFE000002' },
          rssi: -112,
          channel_rssi: -112,
          snr: -4.25,
        },
      ],
      settings: {
        data_rate: { lora: { bandwidth: 125000, spreading_factor: 7 } },
        frequency: '868100000',
      },
      received_at: '2024-05-01T10:00:00.398765432Z',
    },
  },
  'chirpstack-v4': {
    deduplicationId: '9a2c7e4e-1e0b-4a8e-9c55-0d7a1f1e2b3c',
    time: '2024-05-01T10:00:00.398765432+00:00',
    deviceInfo: {
      tenantId: '52f14cd4-c6f1-4fbd-8f87-4025e1d49242',
      tenantName: 'Sundsvall',
      applicationId: 'a4b1e2f3-0000-4000-8000-000000000001',
      applicationName: 'indoor',
      deviceProfileName: 'ERS CO2',
      deviceName: 'ers-co2-0042',
      devEui: 'a81758fffe0312ab',
      tags: { building: 'town-hall' },
    },
    devAddr: '260b1234',
    dr: 5,
    fCnt: 1234,
    fPort: 5,
    data: 'AQDiAikEACcFBgYBkA==',
    object: { temperature: 22.6, humidity: 41, light: 39, motion: 6, co2: 400 },
    rxInfo: [
      {
        gatewayId: 'b827ebfffe000001',
        uplinkId: 1,
        rssi: -97,
        snr: 6.5,
        location: { latitude: 62.39, longitude: 17.31 },
      },
      { gatewayId: 'b827ebfffe000002', uplinkId: 2, rssi: -112, snr: -4.25 },
    ],
    txInfo: {
      frequency: 868100000,
      modulation: { lora: { bandwidth: 125000, spreadingFactor: 7 } },
    },
  },
  'chirpstack-v3': {
    applicationID: '12',
    applicationName: 'indoor',
    deviceName: 'ers-co2-0042',
    devEUI: 'a81758fffe0312ab',
    rxInfo: [
      {
        gatewayID: 'b827ebfffe000001',
        time: '2024-05-01T10:00:00.201Z',
        rssi: -97,
        loRaSNR: 6.5,
        location: { latitude: 62.39, longitude: 17.31, altitude: 12 },
      },
      { gatewayID: 'b827ebfffe000002', rssi: -112, loRaSNR: -4.25 },
    ],
    txInfo: { frequency: 868100000, dr: 5 },
    adr: true,
    fCnt: 1234,
    fPort: 5,
    data: 'AQDiAikEACcFBgYBkA==',
    object: { temperature: 22.6, humidity: 41, light: 39, motion: 6, co2: 400 },
  },
  netmore: {
    devEui: 'a81758fffe0312ab',
    sensorType: 'elsys_ers',
    messageType: 'payload',
    timestamp: '2024-05-01T10:00:00.398765Z',
    payload: '0100e2022904002705060601 90'.replace(/\s/g, ''),
    fCntUp: 1234,
    freq: 868100000,
    spreadingFactor: '7',
    rssi: '-97',
    snr: '6.5',
    gatewayIdentifier: '126',
    fPort: '5',
    tags: { customer: ['sundsvall'], deviceType: ['ers'] },
    gateways: [
      { rssi: '-97', snr: '6.5', gatewayIdentifier: '126', antenna: 0 },
      { rssi: '-112', snr: '-4.25', gatewayIdentifier: '127', antenna: 0 },
    ],
  },
  helium: {
    app_eui: '6948A4B59F4666AD',
    dev_eui: 'A81758FFFE0312AB',
    devaddr: '260B1234',
    fcnt: 1234,
    hotspots: [
      {
        id: 'hotspot-a',
        name: 'a',
        reported_at: 1714557600201,
        rssi: -97,
        snr: 6.5,
        lat: 62.39,
        long: 17.31,
        spreading: 'SF7BW125',
        frequency: 868.1,
      },
      {
        id: 'hotspot-b',
        name: 'b',
        reported_at: 1714557600203,
        rssi: -112,
        snr: -4.25,
        spreading: 'SF7BW125',
        frequency: 868.1,
      },
    ],
    id: '00000000-0000-4000-8000-000000000042',
    name: 'ers-co2-0042',
    payload: 'AQDiAikEACcFBgYBkA==',
    port: 5,
    reported_at: 1714557600398,
  },
};

/** Operations per second of `fn`, measured for about `budget` ms after a warm-up. */
function opsPerSecond(fn: () => unknown, budget: number): number {
  let sink = 0;
  for (let i = 0; i < 500; i++) sink += fn() === undefined ? 0 : 1;
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < budget) {
    for (let i = 0; i < 1000; i++) sink += fn() === undefined ? 0 : 1;
    ops += 1000;
    elapsed = performance.now() - start;
  }
  if (sink < 0) throw new RangeError('unreachable');
  return (ops / elapsed) * 1000;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(11);

console.log(
  `Envelope parsing, best of ${ROUNDS} interleaved rounds, ~${BUDGET_MS} ms per column (Node ${process.version})\n`,
);
console.log(
  `${'format'.padEnd(15)}${'bytes'.padStart(6)}${'JSON.parse/s'.padStart(14)}${'parseUplink(text)/s'.padStart(21)}${'ratio'.padStart(7)}${'parseUplink(obj)/s'.padStart(20)}${'ratio'.padStart(7)}`,
);
for (const [network, message] of Object.entries(MESSAGES) as [UplinkNetwork, unknown][]) {
  const text = JSON.stringify(message);
  const check = parseUplink(text);
  if (check.network !== network)
    throw new RangeError(`sample for ${network} parsed as ${check.network}`);
  const object = JSON.parse(text) as unknown;
  let jsonOps = 0;
  let textOps = 0;
  let objOps = 0;
  for (let round = 0; round < ROUNDS; round++) {
    jsonOps = Math.max(
      jsonOps,
      opsPerSecond(() => JSON.parse(text), BUDGET_MS / ROUNDS),
    );
    textOps = Math.max(
      textOps,
      opsPerSecond(() => parseUplink(text), BUDGET_MS / ROUNDS),
    );
    objOps = Math.max(
      objOps,
      opsPerSecond(() => parseUplink(object), BUDGET_MS / ROUNDS),
    );
  }
  console.log(
    `${network.padEnd(15)}${String(text.length).padStart(6)}${fmt(jsonOps).padStart(14)}${fmt(textOps).padStart(21)}${(jsonOps / textOps).toFixed(2).padStart(7)}${fmt(objOps).padStart(20)}${(jsonOps / objOps).toFixed(2).padStart(7)}`,
  );
}
console.log(
  '\nratio = JSON.parse ops/s ÷ parseUplink ops/s: how many times slower than JSON.parse of the same text (lower is better).',
);

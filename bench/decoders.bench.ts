/**
 * Decoder throughput per device, side by side with the cost of `JSON.parse` of a
 * typical The Things Stack uplink envelope carrying the same payload (the work every
 * integration does anyway), then a 100,000-payload robustness run over all decoders.
 *
 * Run: node --conditions=@smartcitylab/source --import tsx bench/decoders.bench.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DeviceDecoder, listDevices, loadDecoder } from '@smartcitylab/decoders';

const FIXTURES = join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'decoders');
const ITERATIONS = 20_000;
const ROBUSTNESS_RUNS = 100_000;

interface Sample {
  bytes: number[];
  fPort: number;
  source: 'fixture' | 'random';
}

/** A payload the device really sends: the first successful fixture vector, else random bytes. */
function sampleFor(id: string, defaultFPort: number, rand: () => number): Sample {
  const [folder, model] = id.split('/') as [string, string];
  const file = join(FIXTURES, folder, `${model}.json`);
  if (existsSync(file)) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as {
      vectors: { bytesHex: string; fPort: number; expectedErrors?: unknown }[];
    };
    const v = doc.vectors.find((x) => x.expectedErrors === undefined);
    if (v) {
      const bytes = (v.bytesHex.match(/../g) ?? []).map((h) => Number.parseInt(h, 16));
      return { bytes, fPort: v.fPort, source: 'fixture' };
    }
  }
  return {
    bytes: Array.from({ length: 11 }, () => Math.floor(rand() * 256)),
    fPort: defaultFPort,
    source: 'random',
  };
}

function base64(bytes: readonly number[]): string {
  return btoa(String.fromCharCode(...bytes));
}

/** A The Things Stack v3 uplink message as an MQTT/webhook integration receives it. */
function ttsEnvelope(id: string, s: Sample): string {
  return JSON.stringify({
    end_device_ids: {
      device_id: `${id.replace('/', '-')}-0001`,
      application_ids: { application_id: 'sundsvall-smart-city' },
      dev_eui: '70B3D57ED0001234',
      join_eui: '0000000000000000',
      dev_addr: '260B1234',
    },
    correlation_ids: ['gs:uplink:01HQ3Z5Y8K3W7M6V2B1N0C9X8Z'],
    received_at: '2024-03-01T12:00:00.123456789Z',
    uplink_message: {
      session_key_id: 'AY3k1mVZ0x3yJ8d0aQ==',
      f_port: s.fPort,
      f_cnt: 4711,
      frm_payload: base64(s.bytes),
      rx_metadata: [
        {
          gateway_ids: { gateway_id: 'gw-sundsvall-01', eui: 'B827EBFFFE000001' },
          time: '2024-03-01T12:00:00.100Z',
          timestamp: 1234567890,
          rssi: -97,
          channel_rssi: -97,
          snr: 7.25,
          location: {
            latitude: 62.3908,
            longitude: 17.3069,
            altitude: 20,
            source: 'SOURCE_REGISTRY',
          },
          uplink_token:
            'ChkKFwoLZ3ctc3VuZHN2YWxsEgi4J+v//gAAARDS9I7MBBoMCLzWp6YGEJDd4cADIJCfpPnVJQ==',
          received_at: '2024-03-01T12:00:00.110Z',
        },
      ],
      settings: {
        data_rate: { lora: { bandwidth: 125000, spreading_factor: 7, coding_rate: '4/5' } },
        frequency: '867500000',
        timestamp: 1234567890,
      },
      received_at: '2024-03-01T12:00:00.120Z',
      consumed_airtime: '0.061696s',
      network_ids: { net_id: '000013', tenant_id: 'ttn', cluster_id: 'eu1' },
    },
  });
}

function nsPerOp(fn: () => unknown, iterations: number): number {
  for (let i = 0; i < Math.min(2000, iterations); i++) fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - start) / iterations;
}

// Small deterministic PRNG so runs are comparable.
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(42);
const devices = listDevices();
const decoders = new Map<string, DeviceDecoder<unknown>>();
for (const d of devices) decoders.set(d.id, await loadDecoder(d.id));

console.log(`decode vs JSON.parse of a TTS uplink envelope, ${ITERATIONS} iterations each\n`);
console.log(
  `${'device'.padEnd(42)} ${'sample'.padEnd(8)} ${'decode ns'.padStart(10)} ${'parse ns'.padStart(10)} ${'ratio'.padStart(7)}`,
);
const ratios: number[] = [];
for (const d of devices) {
  const decoder = decoders.get(d.id)!;
  const s = sampleFor(d.id, d.defaultFPort, rand);
  const input = {
    bytes: Uint8Array.from(s.bytes),
    fPort: s.fPort,
    recvTime: '2024-03-01T12:00:00Z',
  };
  const envelope = ttsEnvelope(d.id, s);
  const decodeNs = nsPerOp(() => decoder.decodeUplink(input), ITERATIONS);
  const parseNs = nsPerOp(() => JSON.parse(envelope), ITERATIONS);
  const ratio = decodeNs / parseNs;
  ratios.push(ratio);
  console.log(
    `${d.id.padEnd(42)} ${s.source.padEnd(8)} ${decodeNs.toFixed(0).padStart(10)} ${parseNs.toFixed(0).padStart(10)} ${ratio.toFixed(2).padStart(7)}`,
  );
}
ratios.sort((a, b) => a - b);
const median = ratios[Math.floor(ratios.length / 2)] ?? Number.NaN;
console.log(
  `\nratio decode/JSON.parse: median ${median.toFixed(2)}, min ${ratios[0]?.toFixed(2)}, max ${ratios.at(-1)?.toFixed(2)} (< 1 means decoding costs less than parsing the envelope)`,
);

// Robustness: random payloads (0-64 bytes) on random or default fPorts across all decoders.
let data = 0;
let errors = 0;
let thrown = 0;
const list = [...decoders.values()];
const start = process.hrtime.bigint();
for (let i = 0; i < ROBUSTNESS_RUNS; i++) {
  const decoder = list[i % list.length]!;
  const len = Math.floor(rand() * 65);
  const bytes = new Uint8Array(len);
  for (let j = 0; j < len; j++) bytes[j] = Math.floor(rand() * 256);
  const fPort = rand() < 0.5 ? decoder.info.defaultFPort : Math.floor(rand() * 256);
  try {
    const r = decoder.decodeUplink({ bytes, fPort });
    if ('data' in r) data++;
    else if ('errors' in r && r.errors.length > 0) errors++;
    else thrown++;
  } catch {
    thrown++;
  }
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
console.log(
  `\nrobustness: ${ROBUSTNESS_RUNS} random payloads over ${list.length} decoders in ${ms.toFixed(0)} ms: ${data} data, ${errors} errors, ${thrown} throws or malformed results`,
);
if (thrown > 0) process.exitCode = 1;

/**
 * Uplink → entities cost per device model, next to the cost of JSON.parse of the envelope
 * that carried the payload (the work every integration does anyway). Per device:
 *   parse       JSON.parse of a The Things Stack v3 webhook body with the fixture's payload
 *   decode+map  decoder.decodeUplink + decodedToEntities (the mapping hot path, no validation)
 *   ratio       decode+map / parse (target ≤ 0.5)
 * and the whole `uplinkToEntities` path (text in, entities out) as uplinks/s on one core.
 *
 * Run: node --conditions=@smartcitylab/source --import tsx bench/uplink-to-entities.bench.ts
 * Args: --ms=<time per measurement> (default 150)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDeviceInfo, loadDecoder } from '@smartcitylab/decoders';
import {
  decodedToEntities,
  getDefaultMapping,
  type Mapping,
  uplinkToEntities,
} from '@smartcitylab/decoders/mapping';

const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const MS = Number(arg('ms') ?? 150);
const FIXTURES = fileURLToPath(new URL('../../shared/fixtures/decoders', import.meta.url));
const EUI = '70b3d57ed0000001';
const RECEIVED = '2026-11-25T21:00:00.000Z';

interface Vector {
  fPort: number;
  bytesHex: string;
  expectedErrors?: string[];
}

/** Operations per second of a synchronous function, measured for about MS milliseconds. */
function opsPerSec(fn: () => unknown): number {
  for (let i = 0; i < 2000; i++) fn();
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MS) {
    for (let i = 0; i < 500; i++) fn();
    n += 500;
    elapsed = performance.now() - start;
  }
  return (n / elapsed) * 1000;
}

async function asyncOpsPerSec(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 500; i++) await fn();
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MS) {
    for (let i = 0; i < 100; i++) await fn();
    n += 100;
    elapsed = performance.now() - start;
  }
  return (n / elapsed) * 1000;
}

function envelopeText(v: Vector): string {
  return JSON.stringify({
    end_device_ids: {
      device_id: 'bench-device',
      application_ids: { application_id: 'sundsvall-sensors' },
      dev_eui: EUI.toUpperCase(),
      join_eui: '0000000000000000',
      dev_addr: '260B1234',
    },
    correlation_ids: ['as:up:01HZX0000000000000000000', 'gs:uplink:01HZX0000000000000000000'],
    received_at: RECEIVED,
    uplink_message: {
      session_key_id: 'AYbqFDfYl6L0l4+3mPQ5dA==',
      f_port: v.fPort,
      f_cnt: 4711,
      frm_payload: Buffer.from(v.bytesHex, 'hex').toString('base64'),
      rx_metadata: [
        {
          gateway_ids: { gateway_id: 'gw-sundsvall-1', eui: 'B827EBFFFE000001' },
          time: RECEIVED,
          timestamp: 2_886_000_000,
          rssi: -97,
          channel_rssi: -97,
          snr: 7.5,
          uplink_token: 'ChsKGQoNZ3ctc3VuZHN2YWxsLTESCLgn6//+AAABEKqR9+gKGgwIpZ+QugYQgMCNswE=',
          received_at: RECEIVED,
        },
      ],
      settings: {
        data_rate: { lora: { bandwidth: 125000, spreading_factor: 7, coding_rate: '4/5' } },
        frequency: '868100000',
        timestamp: 2_886_000_000,
        time: RECEIVED,
      },
      received_at: RECEIVED,
      consumed_airtime: '0.061696s',
      network_ids: {
        net_id: '000013',
        tenant_id: 'ttn',
        cluster_id: 'eu1',
        cluster_address: 'eu1.cloud.thethings.network',
      },
    },
  });
}

const rows: string[][] = [];
const ratios: number[] = [];
let totalWhole = 0;
let devices = 0;
for (const vendor of readdirSync(FIXTURES).sort()) {
  if (vendor.endsWith('.md')) continue;
  for (const file of readdirSync(join(FIXTURES, vendor)).sort()) {
    const deviceId = `${vendor}/${file.replace(/\.json$/, '')}`;
    if (getDeviceInfo(deviceId) === undefined) continue;
    const { vectors } = JSON.parse(readFileSync(join(FIXTURES, vendor, file), 'utf8')) as {
      vectors: Vector[];
    };
    const v = vectors.find((x) => x.expectedErrors === undefined);
    if (v === undefined) continue;
    const decoder = await loadDecoder(deviceId);
    const mapping = getDefaultMapping(deviceId) as Mapping;
    const text = envelopeText(v);
    const bytes = Uint8Array.from(Buffer.from(v.bytesHex, 'hex'));
    const entry = {
      deviceId,
      location: [17.3069, 62.3908] as const,
      containerDepthM: 3,
      pulseVolumeL: 10,
    };
    const registry = { [EUI]: entry };
    const input = { devEui: EUI, entry, receivedAt: RECEIVED, rssi: -97 };
    let sink = 0;
    const parse = opsPerSec(() => {
      sink += (JSON.parse(text) as { uplink_message: { f_port: number } }).uplink_message.f_port;
    });
    const decodeMap = opsPerSec(() => {
      const r = decoder.decodeUplink({ bytes, fPort: v.fPort, recvTime: RECEIVED });
      if ('data' in r)
        sink += decodedToEntities(r.data as Record<string, unknown>, mapping, input).entities
          .length;
    });
    const whole = await asyncOpsPerSec(async () => {
      sink += (await uplinkToEntities(text, { registry })).entities.length;
    });
    if (sink === -1) console.log('unreachable');
    const ratio = parse / decodeMap;
    ratios.push(ratio);
    totalWhole += whole;
    devices++;
    rows.push([
      deviceId,
      String(text.length),
      `${(1e6 / parse).toFixed(2)}`,
      `${(1e6 / decodeMap).toFixed(2)}`,
      ratio.toFixed(2),
      Math.round(whole).toLocaleString('en-US'),
    ]);
  }
}

const header = ['device', 'envelope B', 'parse µs', 'decode+map µs', 'ratio', 'uplinkToEntities/s'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (r: string[]): string =>
  r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
console.log(line(header));
for (const r of rows) console.log(line(r));
const sorted = [...ratios].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
const worst = sorted.at(-1) ?? Number.NaN;
console.log('');
console.log(
  `devices: ${devices}; decode+map / JSON.parse ratio: median ${median.toFixed(2)}, worst ${worst.toFixed(2)} (target ≤ 0.50)`,
);
console.log(
  `whole path, one core: mean ${Math.round(totalWhole / devices).toLocaleString('en-US')} uplinks/s`,
);
console.log(
  `over target: ${
    rows
      .filter((r) => Number(r[4]) > 0.5)
      .map((r) => r[0])
      .join(', ') || 'none'
  }`,
);

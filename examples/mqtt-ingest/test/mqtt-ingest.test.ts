import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Broker, startBroker } from '@smartcitylab/testkit';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalMosquitto, mosquittoCommand, startMosquitto } from '../src/local-mosquitto.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Run {
  child: ChildProcess;
  output: () => string;
  /** Resolves when the output contains `text`; rejects after `ms`. */
  waitFor: (text: string, ms?: number) => Promise<void>;
  exited: Promise<number | null>;
}

// Starts exactly what `npm start` runs, with extra arguments, and follows its output.
function start(...args: string[]): Run {
  const child = spawn(
    process.execPath,
    ['--conditions=@smartcitylab/source', '--import', 'tsx', 'src/main.ts', ...args],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const waitFor = (text: string, ms = 60_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (!output.includes(text)) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no "${text}" within ${ms} ms; output so far:\n${output}`));
      }, ms);
      listeners.add(check);
      check();
    });
  return { child, output: () => output, waitFor, exited };
}

/** A The Things Stack v3 uplink message as it arrives on `v3/{app}@{tenant}/devices/{dev}/up`. */
function ttsUplink(device: string, devEui: string, fPort: number, hex: string, at: string): string {
  return JSON.stringify({
    end_device_ids: {
      device_id: device,
      application_ids: { application_id: 'sundsvall-test' },
      dev_eui: devEui,
    },
    received_at: at,
    uplink_message: {
      f_port: fPort,
      f_cnt: 42,
      frm_payload: Buffer.from(hex, 'hex').toString('base64'),
      rx_metadata: [{ gateway_ids: { gateway_id: 'test-gw' }, rssi: -90, snr: 8 }],
      received_at: at,
    },
  });
}

const available = mosquittoCommand() !== undefined;
const requireMosquitto = process.env.CI === 'true';

if (!available && requireMosquitto) {
  // Under CI=true a missing Mosquitto is a broken CI image, not a reason to skip.
  describe('examples/mqtt-ingest in CI', () => {
    it('needs mosquitto installed', () => {
      expect.fail('mosquitto is not installed; CI must install it (apt-get install mosquitto)');
    });
  });
}

describe.skipIf(!available)(
  available
    ? 'examples/mqtt-ingest with a real Mosquitto'
    : 'examples/mqtt-ingest (skipped: mosquitto is not installed; apt-get install mosquitto)',
  () => {
    let mosquitto: LocalMosquitto;
    let broker: Broker;
    beforeAll(async () => {
      [mosquitto, broker] = await Promise.all([startMosquitto(), startBroker()]);
    });
    afterAll(async () => {
      await Promise.all([mosquitto?.close(), broker?.close()]);
    });

    it('ingests uplinks published on The Things Stack topics into the broker', async () => {
      const run = start(
        '--mqtt',
        mosquitto.url,
        '--broker',
        broker.url,
        '--count',
        '4',
        '--client-id',
        'mqtt-ingest-test',
      );
      const publisher = await mqtt.connectAsync(mosquitto.url, {
        clientId: 'mqtt-ingest-test-pub',
      });
      try {
        await run.waitFor('subscribed to v3/+/devices/+/up');
        const up = (device: string): string => `v3/sundsvall-test@ttn/devices/${device}/up`;
        // Given: two good uplinks, one that is not JSON, one from an unregistered device, and
        // a join message on another topic that the ingest must not even see.
        await publisher.publishAsync(
          up('ers-1'),
          ttsUplink('ers-1', 'A81758FFFE04B7E1', 5, '0100d602260400700500', '2026-11-25T08:00:00Z'),
          { qos: 1 },
        );
        await publisher.publishAsync(
          'v3/sundsvall-test@ttn/devices/ers-1/join',
          '{"join_accept":{}}',
          { qos: 1 },
        );
        await publisher.publishAsync(up('broken'), 'not json at all', { qos: 1 });
        await publisher.publishAsync(
          up('stranger'),
          ttsUplink('stranger', '70B3D57ED005A1F2', 5, '0100e2', '2026-11-25T08:00:02Z'),
          { qos: 1 },
        );
        await publisher.publishAsync(
          up('udl-1'),
          ttsUplink('udl-1', '24E124136B31A0F3', 85, '01755803820e04', '2026-11-25T08:00:03Z'),
          { qos: 1 },
        );
        const code = await run.exited;
        const output = run.output();
        expect(code, output).toBe(0);
        expect(output).toContain('✗ broken: skipped: the message is not JSON');
        expect(output).toContain(
          '✗ stranger: skipped: device 70b3d57ed005a1f2 is not in the device registry',
        );
        expect(output).toContain('summary: 4 uplinks, 4 entities stored, 0 failed');
        expect(output).not.toContain('join');
        // Then: the entities are in the NGSI-LD broker.
        expect(
          broker.store.getEntity('urn:ngsi-ld:IndoorEnvironmentObserved:a81758fffe04b7e1'),
        ).toMatchObject({
          temperature: { value: 21.4 },
          relativeHumidity: { value: 0.38 },
          illuminance: { value: 112 },
        });
        // 1038 mm from the sensor in a 1.6 m deep container (data/devices.json): 35 % full.
        expect(broker.store.getEntity('urn:ngsi-ld:WasteContainer:24e124136b31a0f3')).toMatchObject(
          {
            fillingLevel: { value: 0.3513 },
          },
        );
        expect(broker.store.getEntity('urn:ngsi-ld:Device:24e124136b31a0f3')).toMatchObject({
          batteryLevel: { value: 0.88 },
        });
      } finally {
        run.child.kill();
        await publisher.endAsync();
      }
    });

    it('upserts what it still holds when stopped with SIGTERM', async () => {
      const run = start(
        '--mqtt',
        mosquitto.url,
        '--broker',
        broker.url,
        '--client-id',
        'mqtt-ingest-test-sigterm',
        // Given a batch window far longer than the test, only the shutdown can flush it.
        '--flush-ms',
        '600000',
      );
      const publisher = await mqtt.connectAsync(mosquitto.url, {
        clientId: 'mqtt-ingest-test-pub2',
      });
      try {
        await run.waitFor('subscribed to v3/+/devices/+/up');
        await publisher.publishAsync(
          'v3/sundsvall-test@ttn/devices/ers-2/up',
          ttsUplink('ers-2', 'A81758FFFE04B7E1', 5, '0100c8', '2026-11-25T09:00:00Z'),
          { qos: 1 },
        );
        await run.waitFor('✓ ers-2: decoded {"temperature":20}');
        run.child.kill('SIGTERM');
        const code = await run.exited;
        expect(code, run.output()).toBe(0);
        expect(run.output()).toContain('summary: 1 uplinks, 2 entities stored, 0 failed');
        expect(
          broker.store.getEntity('urn:ngsi-ld:IndoorEnvironmentObserved:a81758fffe04b7e1'),
        ).toMatchObject({ temperature: { value: 20 } });
      } finally {
        run.child.kill();
        await publisher.endAsync();
      }
    });

    it('runs the self-contained demo that `npm start` runs', async () => {
      const run = start();
      try {
        const code = await run.exited;
        const output = run.output();
        expect(code, output).toBe(0);
        expect(output).toMatch(
          /^subscribed to v3\/\+\/devices\/\+\/up on mqtt:\/\/127\.0\.0\.1:\d+$/m,
        );
        expect(output).toContain(
          'published v3/sundsvall-avfall@ttn/devices/udl-atervinning-sodermalm/up',
        );
        expect(output).toContain('summary: 2 uplinks, 4 entities stored, 0 failed');
        expect(output).toMatch(
          /^stored \{"id":"urn:ngsi-ld:WasteContainer:24e124136b31a0f3",.*"fillingLevel":0\.3513/m,
        );
      } finally {
        run.child.kill();
      }
    });
  },
);

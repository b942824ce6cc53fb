// MQTT ingest: a long-running service that subscribes to The Things Stack's MQTT uplink topics
// (`v3/{application}@{tenant}/devices/{device}/up`), maps every uplink to Smart Data Models
// entities and upserts them into an NGSI-LD broker in small batches.
//
//   npm start
//       demo: starts a throwaway Mosquitto on 127.0.0.1 and an in-process test broker, plays
//       the network server by publishing data/uplinks.json, ingests them and exits
//   npm start -- --mqtt mqtts://eu1.cloud.thethings.network:8883 --username app@ttn \
//                --broker http://127.0.0.1:1026
//       production: the password (a TTS API key) is read from MQTT_PASSWORD, never from argv,
//       so it does not show up in `ps` or shell history; runs until Ctrl-C
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClient } from '@smartcitylab/client';
import { type DeviceRegistry, uplinkToEntities } from '@smartcitylab/decoders/mapping';
import type { NormalizedEntity } from '@smartcitylab/ngsi-ld';
import { startBroker } from '@smartcitylab/testkit';
import mqtt from 'mqtt';
import { type LocalMosquitto, startMosquitto } from './local-mosquitto.js';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    mqtt: { type: 'string' },
    username: { type: 'string' },
    // `+` matches every application the credentials can see; narrow it with --app my-app@ttn.
    app: { type: 'string', default: '+' },
    broker: { type: 'string' },
    devices: { type: 'string', default: join(here, '..', 'data', 'devices.json') },
    // Stop after this many uplinks (tests, demos); 0 runs until SIGINT/SIGTERM.
    count: { type: 'string', default: '0' },
    'flush-ms': { type: 'string', default: '500' },
    // Two running copies must not share an id: the MQTT broker would disconnect one of them.
    'client-id': { type: 'string', default: `smartcitylab-ingest-${hostname()}` },
  },
});

const registry = (await readJson(values.devices)) as DeviceRegistry;
const demo = values.mqtt === undefined;
let mosquitto: LocalMosquitto | undefined;
try {
  mosquitto = demo ? await startMosquitto() : undefined;
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
const sample = demo ? await readJson(join(here, '..', 'data', 'uplinks.json')) : undefined;
const samples: unknown[] = Array.isArray(sample) ? sample : [];
const stopAfter = demo ? samples.length : Number(values.count);
if (!Number.isInteger(stopAfter) || stopAfter < 0) {
  console.error(`--count ${values.count} must be a whole number (0 runs until stopped)`);
  process.exit(2);
}

const testBroker = values.broker === undefined ? await startBroker() : undefined;
const brokerUrl = values.broker ?? testBroker?.url ?? '';
const ngsi = createClient({ baseUrl: brokerUrl });
const mqttUrl = values.mqtt ?? mosquitto?.url ?? '';

// A stable client id plus `clean: false` makes the MQTT broker keep our QoS 1 subscription
// while we are away (a restart, a network hiccup) and hand over the uplinks we missed. The
// demo starts from nothing each time, so it asks for a clean session.
const subscriber = mqtt.connect(mqttUrl, {
  clientId: values['client-id'],
  clean: demo,
  reconnectPeriod: 2000,
  ...(values.username === undefined ? {} : { username: values.username }),
  ...(process.env.MQTT_PASSWORD === undefined ? {} : { password: process.env.MQTT_PASSWORD }),
});
subscriber.on('error', (error) => console.error(`mqtt: ${error.message}`));

const topic = `v3/${values.app}/devices/+/up`;
let handled = 0;
let stored = 0;
let failed = 0;
let pending: NormalizedEntity[] = [];
let flushTimer: NodeJS.Timeout | undefined;
// Uplinks are handled one after another: entity updates of one device stay in order.
let queue: Promise<void> = Promise.resolve();
let stopping = false;

subscriber.on('message', (receivedTopic, payload) => enqueue(() => ingest(receivedTopic, payload)));

function enqueue(task: () => Promise<void>): void {
  // A failing task is reported and must not stall the uplinks queued behind it.
  queue = queue
    .then(task)
    .catch((error: unknown) =>
      console.error(`ingest: ${error instanceof Error ? error.message : String(error)}`),
    );
}

subscriber.on('connect', () => {
  subscriber.subscribe(topic, { qos: 1 }, (error) => {
    if (error) {
      console.error(`cannot subscribe to ${topic}: ${error.message}`);
      return;
    }
    console.log(`subscribed to ${topic} on ${mqttUrl}`);
    console.log(`upserting into ${brokerUrl}${testBroker ? ' (in-process test broker)' : ''}`);
    if (demo) publishSamples();
  });
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());

async function ingest(receivedTopic: string, payload: Buffer): Promise<void> {
  // The topic names the device too, but the message body is what the mapping trusts.
  const device = receivedTopic.split('/')[3] ?? '?';
  let message: unknown;
  try {
    message = JSON.parse(payload.toString('utf8'));
  } catch {
    console.log(`✗ ${device}: skipped: the message is not JSON (${payload.length} bytes)`);
    return counted();
  }
  const result = await uplinkToEntities(message, { registry });
  for (const warning of result.warnings) console.log(`  ! ${device}: ${warning}`);
  if (result.errors.length > 0 || result.entities.length === 0) {
    console.log(`✗ ${device}: skipped: ${result.errors.join('; ') || 'no entities'}`);
    return counted();
  }
  console.log(
    `✓ ${device}: decoded ${JSON.stringify(result.decoded)} → ${result.entities.map((e) => e.id).join(', ')}`,
  );
  pending.push(...result.entities);
  // One batch request per burst of uplinks instead of one request per uplink: a gateway that
  // reconnects after an outage can deliver hundreds at once.
  if (pending.length >= 500) await flush();
  else flushTimer ??= setTimeout(() => enqueue(flush), Number(values['flush-ms']));
  return counted();
}

function counted(): void {
  handled++;
  // Not awaited: stop() waits for the queue, and this runs inside it.
  if (stopAfter > 0 && handled >= stopAfter) void stop();
}

async function flush(): Promise<void> {
  clearTimeout(flushTimer);
  flushTimer = undefined;
  const batch = pending;
  pending = [];
  if (batch.length === 0) return;
  try {
    const { success, errors } = await ngsi.upsertEntities(batch);
    stored += success.length;
    failed += errors.length;
    console.log(`upserted ${success.length} entities`);
    for (const { entityId, error } of errors)
      console.log(
        `✗ broker refused ${entityId}: ${error.title ?? error.type} ${error.detail ?? ''}`,
      );
  } catch (error) {
    failed += batch.length;
    console.error(`broker ${brokerUrl} failed: ${error instanceof Error ? error.message : error}`);
  }
}

async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  // Stop taking uplinks first, let the ones already received finish, then send what is left.
  await subscriber.endAsync();
  await queue;
  await flush();
  if (testBroker) {
    // In the demo the broker disappears with the process, so show what it holds first.
    const { entities } = await ngsi.queryEntities({
      type: ['IndoorEnvironmentObserved', 'WasteContainer', 'Device'],
      format: 'keyValues',
      limit: 1000,
    });
    for (const entity of entities) console.log(`stored ${JSON.stringify(entity)}`);
    await testBroker.close();
  }
  await mosquitto?.close();
  console.log(`summary: ${handled} uplinks, ${stored} entities stored, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

/** Demo only: plays the network server and publishes the sample uplinks to their TTS topics. */
function publishSamples(): void {
  const publisher = mqtt.connect(mqttUrl, { clientId: `smartcitylab-demo-${process.pid}` });
  publisher.on('connect', async () => {
    for (const uplink of samples) {
      const ids = (uplink as { end_device_ids?: Record<string, unknown> }).end_device_ids ?? {};
      const app = (ids.application_ids as { application_id?: string } | undefined)?.application_id;
      const topicOut = `v3/${app ?? 'demo'}@ttn/devices/${String(ids.device_id ?? 'unknown')}/up`;
      await publisher.publishAsync(topicOut, JSON.stringify(uplink), { qos: 1 });
      console.log(`published ${topicOut}`);
    }
    await publisher.endAsync();
  });
}

/** Reads a JSON file, or ends the program with a message naming the file. */
async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    console.error(`cannot read ${path}: ${error instanceof Error ? error.message : error}`);
    process.exit(2);
  }
}

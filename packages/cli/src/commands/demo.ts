import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '@smartcitylab/client';
import { createNotificationHandler } from '@smartcitylab/client/node';
import { type DeviceRegistry, uplinkToEntities } from '@smartcitylab/decoders/mapping';
import type { NormalizedEntity } from '@smartcitylab/ngsi-ld';
import { startBroker } from '@smartcitylab/testkit';
import { type QualityReport, validateBatch } from '@smartcitylab/validate';
import { type Command, stringOpt } from '../command.js';
import { serveDemoFeatures } from '../demo/features-step.js';
import { DEMO_REGISTRY, demoUplinks, SUNDSVALL_CENTRE } from '../demo/sample-uplinks.js';
import { UsageError } from '../errors.js';
import { type CliIo, EXIT, println } from '../io.js';
import { renderTable } from '../table.js';

/** `smartcity demo`: the whole path, sensor bytes to a queried, quality-checked broker. */
export const demoCommand: Command = {
  name: 'demo',
  summary:
    'Runs the end-to-end demo: starts the embedded broker (or uses --broker), decodes LoRaWAN uplinks from three network servers, maps them to Smart Data Models, checks their quality, upserts the good ones, shows a subscription notification arrive and queries around Sundsvall town centre.',
  usage: '[--broker <url>]',
  options: {
    broker: {
      type: 'string',
      value: '<url>',
      description: 'Run against this broker instead of the embedded one.',
    },
  },
  examples: ['smartcity demo', 'smartcity demo --broker http://localhost:1026'],
  async run(args, io) {
    return runDemo(io, stringOpt(args, 'broker'));
  },
};

async function runDemo(io: CliIo, brokerUrl: string | undefined): Promise<number> {
  const out = (s = ''): void => println(io.stdout, s);
  const started = Date.now();
  const now = new Date();
  if (brokerUrl !== undefined && !/^https?:\/\//.test(brokerUrl)) {
    throw new UsageError(
      `--broker must be an http(s) URL such as http://localhost:1026, not "${brokerUrl}".`,
    );
  }
  const embedded = brokerUrl === undefined ? await startBroker() : undefined;
  const url = brokerUrl ?? embedded?.url ?? '';
  let receiver: Server | undefined;
  try {
    out(`1. Broker: ${embedded ? `embedded NGSI-LD broker at ${url}` : url}`);
    const client = createClient({ baseUrl: url, timeoutMs: 10_000 });

    // 2. Decode and map every uplink: the registry says which decoder and place each EUI has.
    const uplinks = demoUplinks(now);
    const entities: NormalizedEntity[] = [];
    const rejected: string[] = [];
    for (const body of uplinks) {
      const r = await uplinkToEntities(body, {
        registry: DEMO_REGISTRY as DeviceRegistry,
        now: () => now,
      });
      if (r.errors.length > 0) rejected.push(`${r.uplink?.devEui ?? '?'}: ${r.errors.join('; ')}`);
      entities.push(...r.entities);
    }
    out(
      `2. Decoded ${uplinks.length} uplinks (The Things Stack, ChirpStack, Netmore) into ${entities.length} entities`,
    );
    for (const line of rejected) out(`   not decoded: ${line}`);

    // 3. Quality checks: an old reading counts as an error here, so it never overwrites fresh data.
    const reports = await validateBatch(entities, {
      now: () => now,
      maxAge: 'P1D',
      rules: { 'timeliness.max-age': { severity: 'error' } },
    });
    const good = entities.filter((_, i) => reports[i]?.valid === true);
    out(`3. Quality: ${good.length} of ${entities.length} entities passed; findings:`);
    out(indent(qualityTable(reports)));

    // 4. Subscribe before writing, so the upsert triggers a notification.
    const notified = new Promise<{ type: string; ids: string[] }>((resolve) => {
      receiver = createServer(
        createNotificationHandler((n) => {
          resolve({ type: n.type, ids: n.data.map((e) => String((e as { id?: unknown }).id)) });
        }),
      );
    });
    const receiverUrl = await listen(receiver as unknown as Server);
    await client.createSubscription({
      type: 'Subscription',
      entities: [{ type: 'IndoorEnvironmentObserved' }],
      notification: {
        endpoint: { uri: receiverUrl, accept: 'application/json' },
        format: 'normalized',
      },
    });
    out(`4. Subscribed to IndoorEnvironmentObserved changes; notifications go to ${receiverUrl}`);

    // 5. Upsert the entities that passed.
    const result = await client.upsertEntities(good as unknown as Record<string, unknown>[]);
    out(
      `5. Upserted ${result.success.length} entities${result.errors.length ? `, ${result.errors.length} failed` : ''}`,
    );
    for (const e of result.errors)
      out(`   failed ${e.entityId}: ${e.error.detail ?? e.error.type}`);

    const note = await Promise.race([
      notified,
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 10_000).unref()),
    ]);
    out(
      note
        ? `6. Notification received for ${note.ids.join(', ')}`
        : '6. No notification within 10 s',
    );

    // 7. A geo-query: everything within 2 km of Stora torget.
    const near = await client.queryEntities({
      georel: 'near;maxDistance==2000',
      geometry: 'Point',
      coordinates: [...SUNDSVALL_CENTRE],
      type: ['IndoorEnvironmentObserved', 'WasteContainer', 'WeatherObserved', 'Device'],
      format: 'keyValues',
      limit: 100,
    });
    out(`7. Within 2 km of Sundsvall town centre: ${near.entities.length} entities`);
    out(
      indent(
        renderTable(
          ['id', 'type', 'reading'],
          near.entities.map((e) => {
            const x = e as Record<string, unknown>;
            return [String(x.id), String(x.type), reading(x)];
          }),
        ),
      ),
    );
    // 8. The same entities for GIS tools: OGC API - Features (MIM7), as long as the demo runs.
    await serveDemoFeatures(client, out, brokerUrl === undefined ? undefined : brokerUrl);

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    out(
      `Done in ${seconds} s: ${uplinks.length} uplinks → ${entities.length} entities → ${good.length} stored; ${reports.filter((r) => !r.valid).length} held back by the quality checks.`,
    );
    return note ? EXIT.ok : EXIT.findings;
  } finally {
    const r = receiver as Server | undefined;
    if (r) await new Promise<void>((resolve) => r.close(() => resolve()));
    await embedded?.close();
  }
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve(`http://127.0.0.1:${port}/notify`);
    });
  });
}

function qualityTable(reports: readonly QualityReport[]): string {
  const rows: string[][] = [];
  for (const r of reports) {
    for (const i of r.issues) {
      if (i.rule === 'model.unknown') continue;
      rows.push([r.entityId ?? '?', i.severity, i.rule, i.message]);
    }
  }
  if (rows.length === 0) return 'no findings';
  return renderTable(['entity', 'severity', 'rule', 'message'], rows, 90);
}

const READINGS = ['temperature', 'co2', 'relativeHumidity', 'fillingLevel', 'batteryLevel'];

function reading(e: Record<string, unknown>): string {
  return READINGS.filter((k) => e[k] !== undefined)
    .map((k) => `${k}=${JSON.stringify(e[k])}`)
    .join(' ');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `   ${l}`)
    .join('\n');
}

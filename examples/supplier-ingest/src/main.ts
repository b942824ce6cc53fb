// Supplier ingest: the path from a LoRaWAN network server to the municipality's broker.
// Uplink messages as The Things Stack v3 and ChirpStack v4 deliver them (webhook bodies) are
// decoded, mapped to Smart Data Models entities, checked, and upserted in one batch.
//
//   npm start                                    an in-process test broker
//   npm start -- --broker http://127.0.0.1:1026  a real broker (Orion-LD, Scorpio, Stellio)
//   npm start -- --uplinks my.json --devices my-devices.json
//
// data/uplinks.json holds six sample uplinks: Elsys ERS (The Things Stack) and Milesight
// EM500-UDL (ChirpStack) readings, one of them a corrupted 900 °C, a frame cut short in the
// radio and a device nobody registered;
// data/devices.json is the device registry: which decoder each DevEUI needs and where it sits.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClient } from '@smartcitylab/client';
import { type DeviceRegistry, uplinkToEntities } from '@smartcitylab/decoders/mapping';
import type { NormalizedEntity } from '@smartcitylab/ngsi-ld';
import { startBroker } from '@smartcitylab/testkit';
import { validateBatch } from '@smartcitylab/validate';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    broker: { type: 'string' },
    tenant: { type: 'string' },
    uplinks: { type: 'string', default: join(here, '..', 'data', 'uplinks.json') },
    devices: { type: 'string', default: join(here, '..', 'data', 'devices.json') },
  },
});

const uplinks = await readJson(values.uplinks, 'an array of uplink messages');
const registry = (await readJson(values.devices, 'an object keyed by DevEUI')) as DeviceRegistry;
const messages: unknown[] = Array.isArray(uplinks) ? uplinks : [uplinks];

// 1. Envelope → decoded reading → entities. Each uplink is handled on its own, so one bad
//    message (a short frame, an unknown device) is reported and the others still go through.
const mapped: NormalizedEntity[] = [];
let skipped = 0;
for (const [index, message] of messages.entries()) {
  const result = await uplinkToEntities(message, { registry });
  const label = result.uplink
    ? `${result.uplink.network} ${result.uplink.devEui} fCnt ${result.uplink.fCnt ?? '?'}`
    : `uplink #${index}`;
  for (const warning of result.warnings) console.log(`  ! ${label}: ${warning}`);
  if (result.errors.length > 0 || result.entities.length === 0) {
    skipped++;
    const why = result.errors.length > 0 ? result.errors.join('; ') : 'no entities';
    console.log(`✗ ${label}: skipped: ${why}`);
    continue;
  }
  console.log(`✓ ${label}: decoded ${JSON.stringify(result.decoded)}`);
  for (const entity of result.entities) console.log(`    → ${entity.type} ${entity.id}`);
  mapped.push(...result.entities);
}

// 2. Check the entities before they reach the broker. Error-level findings (an implausible
//    value, a broken position) are held back; warnings are printed and the entity still goes.
const reports = await validateBatch(mapped, {
  // Gateways buffer uplinks during outages and the sample is a replay: an old reading is
  // still a true reading. Staleness is for dashboards to show, not a reason to drop data.
  rules: { 'timeliness.max-age': { enabled: false } },
});
const accepted: NormalizedEntity[] = [];
for (const [i, report] of reports.entries()) {
  const entity = mapped[i];
  if (entity === undefined) continue;
  for (const issue of report.issues)
    console.log(`  ${issue.severity} ${entity.id} ${issue.path}: ${issue.message}`);
  if (report.valid) accepted.push(entity);
  else console.log(`✗ held back ${entity.id} (quality score ${report.score})`);
}

// 3. Upsert them in one batch. The batch call never throws on a partial failure: every
//    entity comes back either in `success` or in `errors` with the broker's reason.
const testBroker = values.broker === undefined ? await startBroker() : undefined;
const brokerUrl = values.broker ?? testBroker?.url ?? '';
const client = createClient({
  baseUrl: brokerUrl,
  ...(values.tenant === undefined ? {} : { tenant: values.tenant }),
});
let failed = 0;
try {
  const { success, errors } =
    accepted.length > 0 ? await client.upsertEntities(accepted) : { success: [], errors: [] };
  failed = errors.length;
  for (const { entityId, error } of errors)
    console.log(`✗ broker refused ${entityId}: ${error.title ?? error.type} ${error.detail ?? ''}`);
  console.log(
    `upserted ${success.length} entities into ${brokerUrl}${testBroker ? ' (in-process test broker)' : ''}`,
  );

  // 4. Read them back as keyValues to show what a dashboard would now get from the broker.
  if (success.length > 0) {
    const types = [...new Set(accepted.flatMap((e) => e.type))];
    const { entities } = await client.queryEntities({
      type: types,
      id: success,
      format: 'keyValues',
      limit: 1000,
    });
    for (const entity of entities) console.log(`stored ${JSON.stringify(entity)}`);
  }
} catch (error) {
  // Only a failure of the whole request lands here (broker unreachable, auth refused...).
  console.error(`broker ${brokerUrl} failed: ${error instanceof Error ? error.message : error}`);
  failed = accepted.length;
} finally {
  await testBroker?.close();
}

console.log(
  `summary: ${messages.length} uplinks, ${skipped} skipped; ${mapped.length} entities, ` +
    `${mapped.length - accepted.length} held back, ${accepted.length - failed} stored, ${failed} failed`,
);
// Skipped uplinks and held-back entities are the data's fault and were reported; a broker
// that refuses good entities is an operational problem, so only that fails the run.
process.exitCode = failed > 0 ? 1 : 0;

/** Reads a JSON file, or ends the program with a message naming the file and what it should hold. */
async function readJson(path: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    console.error(
      `cannot read ${path}: ${error instanceof Error ? error.message : error}; it should be JSON: ${what}`,
    );
    process.exit(2);
  }
}

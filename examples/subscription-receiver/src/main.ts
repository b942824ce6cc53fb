// Subscription receiver: get told by the broker when a waste container fills up, instead of
// polling it. The program runs a plain node:http endpoint, subscribes it to changes of
// `fillingLevel` on WasteContainer entities, changes one container, prints the notification
// the broker sends and cleans up.
//
//   npm start                                          an in-process test broker
//   npm start -- --broker http://127.0.0.1:1026        a real broker (Orion-LD, Scorpio, Stellio)
//
// With a real broker the endpoint must be reachable FROM the broker: pass --endpoint-host with
// an address the broker can see (and --port if a firewall needs a fixed one).
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createClient } from '@smartcitylab/client';
import { createNotificationHandler } from '@smartcitylab/client/node';
import { buildEntityId, type NormalizedEntity } from '@smartcitylab/ngsi-ld';
import { startBroker } from '@smartcitylab/testkit';

const { values } = parseArgs({
  options: {
    broker: { type: 'string' },
    'endpoint-host': { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    'timeout-ms': { type: 'string', default: '10000' },
  },
});

const testBroker = values.broker === undefined ? await startBroker() : undefined;
const brokerUrl = values.broker ?? testBroker?.url ?? '';
const client = createClient({ baseUrl: brokerUrl });

// The notification we wait for: the broker POSTs it to our endpoint after the update below.
// Earlier notifications (e.g. for the creation) are printed too, but do not end the program.
const WANTED_LEVEL = 0.93;
let gotWanted: () => void = () => {};
const wanted = new Promise<void>((resolve) => {
  gotWanted = resolve;
});

// createNotificationHandler validates the body, converts the entities to the representation we
// ask for and answers 204 only after our callback has finished, so a crash here makes the broker
// see a 500 and retry rather than lose the notification.
const handler = createNotificationHandler<'keyValues'>(
  (notification) => {
    for (const entity of notification.data) {
      console.log(
        `notification from ${notification.subscriptionId} at ${notification.notifiedAt}: ${JSON.stringify(entity)}`,
      );
      if (entity.fillingLevel === WANTED_LEVEL) gotWanted();
    }
  },
  {
    format: 'keyValues',
    onError: (error, problem) => console.error('refused a notification:', problem.detail, error),
  },
);

const receiver = createServer(handler);
// Bind to one interface only: a notification endpoint should not listen on every address.
receiver.listen(Number(values.port), values['endpoint-host']);
await once(receiver, 'listening');
const { port } = receiver.address() as AddressInfo;
const endpoint = `http://${values['endpoint-host']}:${port}/notify`;
console.log(`receiver listening on ${endpoint}`);
console.log(`broker ${brokerUrl}${testBroker ? ' (in-process test broker)' : ''}`);

const containerId = buildEntityId('WasteContainer', 'sundsvall-stora-torget-1');
let subscriptionId: string | undefined;
let exitCode = 0;
try {
  subscriptionId = await client.createSubscription({
    type: 'Subscription',
    description: 'Waste containers that change filling level',
    entities: [{ type: 'WasteContainer' }],
    // Only changes of this attribute trigger a notification, so a battery report does not.
    watchedAttributes: ['fillingLevel'],
    notification: {
      format: 'keyValues',
      attributes: ['fillingLevel', 'status'],
      endpoint: { uri: endpoint, accept: 'application/json' },
    },
  });
  console.log(`created subscription ${subscriptionId}`);

  const container: NormalizedEntity = {
    id: containerId,
    type: 'WasteContainer',
    fillingLevel: { type: 'Property', value: 0.41, unitCode: 'C62' },
    status: { type: 'Property', value: 'ok' },
    location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [17.3069, 62.3908] } },
  };
  // Upsert, so the program can run twice against the same real broker. Batch calls report
  // failures per entity instead of throwing, so look at `errors`.
  const { errors } = await client.upsertEntities([container]);
  for (const { entityId, error } of errors)
    console.error(`could not store ${entityId}: ${error.title ?? ''} ${error.detail ?? ''}`);
  exitCode = errors.length > 0 ? 1 : await updateAndWait();
} catch (error) {
  console.error(`failed: ${explain(error)}`);
  exitCode = 1;
} finally {
  // Leave a real broker as we found it: a subscription to a dead endpoint keeps failing.
  if (subscriptionId !== undefined) await client.deleteSubscription(subscriptionId).catch(() => {});
  await client.deleteEntity(containerId).catch(() => {});
  receiver.close();
  await testBroker?.close();
}
process.exitCode = exitCode;

/** Changes the container and waits for the notification about it; returns the exit code. */
async function updateAndWait(): Promise<number> {
  console.log(`upserted ${containerId} with fillingLevel=0.41`);
  await client.updateEntity(containerId, {
    fillingLevel: { type: 'Property', value: WANTED_LEVEL },
  });
  console.log(`updated ${containerId} to fillingLevel=${WANTED_LEVEL}`);

  const timeoutMs = Number(values['timeout-ms']);
  const timer = new Promise<'timeout'>((resolve) => {
    setTimeout(resolve, timeoutMs, 'timeout').unref();
  });
  if ((await Promise.race([wanted, timer])) === 'timeout') {
    console.error(
      `no notification with fillingLevel=${WANTED_LEVEL} within ${timeoutMs} ms: ` +
        `can the broker reach ${endpoint}? (see --endpoint-host)`,
    );
    return 1;
  }
  console.log('received the update notification');
  return 0;
}

/** The message of an error and of its causes: the client chains the low-level reason (ECONNREFUSED...). */
function explain(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && parts.length < 5; ) {
    if (!(e instanceof Error)) {
      parts.push(String(e));
      break;
    }
    const code = (e as { code?: unknown }).code;
    parts.push(
      typeof code === 'string' && !e.message.includes(code) ? `${e.message} [${code}]` : e.message,
    );
    e = e.cause;
  }
  return parts.join(': ');
}

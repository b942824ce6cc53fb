import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, type Notification, parseNotification } from '@smartcitylab/client';
import { createNotificationHandler } from '@smartcitylab/client/node';
import type { KeyValuesEntity, NormalizedEntity } from '@smartcitylab/ngsi-ld';
import { afterEach, describe, expect, it } from 'vitest';
import { type MiniBroker, startMiniBroker } from './support/mini-broker.js';

const normalized = {
  id: 'urn:ngsi-ld:WaterObserved:1',
  type: 'WaterObserved',
  temperature: { type: 'Property', value: 12.5, unitCode: 'CEL' },
  refDevice: { type: 'Relationship', object: 'urn:ngsi-ld:Device:9' },
};
const envelope = (data: unknown[]) => ({
  id: 'urn:ngsi-ld:Notification:1',
  type: 'Notification',
  subscriptionId: 'urn:ngsi-ld:Subscription:1',
  notifiedAt: '2026-11-25T10:00:00Z',
  data,
});

describe('parseNotification', () => {
  const good = [
    {
      name: 'normalized as normalized',
      body: JSON.stringify(envelope([normalized])),
      format: 'normalized' as const,
      want: normalized,
    },
    {
      name: 'normalized as keyValues',
      body: envelope([normalized]),
      format: 'keyValues' as const,
      want: {
        id: normalized.id,
        type: 'WaterObserved',
        temperature: 12.5,
        refDevice: 'urn:ngsi-ld:Device:9',
      },
    },
    {
      name: 'normalized as concise',
      body: new TextEncoder().encode(JSON.stringify(envelope([normalized]))),
      format: 'concise' as const,
      want: {
        id: normalized.id,
        type: 'WaterObserved',
        temperature: { value: 12.5, unitCode: 'CEL' },
        refDevice: { object: 'urn:ngsi-ld:Device:9' },
      },
    },
  ];
  it.each(good)('converts $name', ({ body, format, want }) => {
    const r = parseNotification({ headers: { 'NGSILD-Tenant': 'malmo' }, body }, { format });
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.data).toEqual([want]);
    expect(r.data.tenant).toBe('malmo');
    expect(r.data.subscriptionId).toBe('urn:ngsi-ld:Subscription:1');
  });

  const bad = [
    { name: 'text that is not JSON', body: 'hello', want: '(body): body is not valid JSON' },
    { name: 'an array', body: [], want: '(body): body must be a JSON object' },
    {
      name: 'a wrong type',
      body: { ...envelope([]), type: 'Entity' },
      want: "type: must be 'Notification'",
    },
    {
      name: 'no subscriptionId',
      body: { ...envelope([]), subscriptionId: undefined },
      want: 'subscriptionId: must be a non-empty string',
    },
    {
      name: 'data not an array',
      body: { ...envelope([]), data: {} },
      want: 'data: must be an array of entities',
    },
    {
      name: 'an entity without id',
      body: envelope([{ type: 'X' }]),
      want: 'data.0: must be an entity with id and type',
    },
  ];
  it.each(bad)('refuses $name with a 400 ProblemDetails', ({ body, want }) => {
    const r = parseNotification({ body });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.problem).toMatchObject({
      type: 'https://uri.etsi.org/ngsi-ld/errors/BadRequestData',
      status: 400,
    });
    expect(r.problem.detail).toContain(want);
  });

  it('does not let __proto__ keys pollute prototypes', () => {
    const body = `{"id":"n","type":"Notification","subscriptionId":"s","notifiedAt":"t","data":[{"id":"urn:x:1","type":"T","__proto__":{"polluted":{"type":"Property","value":1}}}]}`;
    parseNotification({ body }, { format: 'keyValues' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

async function listen(
  handler: Parameters<typeof createServer>[1],
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/notify`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers) await c();
  closers = [];
});

describe('createNotificationHandler (node:http)', () => {
  const cases = [
    {
      name: 'a valid notification is acknowledged with 204',
      body: JSON.stringify(envelope([normalized])),
      status: 204,
      received: 1,
    },
    {
      name: 'a bad body gets 400 with ProblemDetails',
      body: '{"type":"Notification"}',
      status: 400,
      received: 0,
    },
    {
      name: 'an oversized body gets 413',
      body: JSON.stringify(
        envelope([{ ...normalized, blob: { type: 'Property', value: 'x'.repeat(5000) } }]),
      ),
      status: 413,
      received: 0,
    },
  ];
  it.each(cases)('$name', async ({ body, status, received }) => {
    const got: Notification<KeyValuesEntity>[] = [];
    const server = await listen(
      createNotificationHandler(
        (n) => {
          got.push(n);
        },
        { format: 'keyValues', maxBodyBytes: 4096 },
      ),
    );
    closers.push(server.close);
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(status);
    if (status !== 204)
      expect(await res.json()).toMatchObject({
        type: expect.stringContaining('https://uri.etsi.org/ngsi-ld/errors/'),
      });
    expect(got).toHaveLength(received);
    if (received) expect(got[0]?.data[0]).toMatchObject({ temperature: 12.5 });
  });

  it('answers 500 when the callback fails, so the broker can retry', async () => {
    const server = await listen(
      createNotificationHandler(async () => {
        throw new TypeError('db down');
      }),
    );
    closers.push(server.close);
    const res = await fetch(server.url, {
      method: 'POST',
      body: JSON.stringify(envelope([normalized])),
    });
    expect(res.status).toBe(500);
  });
});

describe('subscription round trip', () => {
  let broker: MiniBroker | undefined;
  afterEach(async () => {
    await broker?.close();
    broker = undefined;
  });

  it('creates a subscription, updates the entity and receives the notification', async () => {
    broker = await startMiniBroker();
    const received: Notification<NormalizedEntity>[] = [];
    let arrived: () => void = () => undefined;
    const done = new Promise<void>((r) => {
      arrived = r;
    });
    const receiver = await listen(
      createNotificationHandler((n) => {
        received.push(n);
        arrived();
      }),
    );
    closers.push(receiver.close);
    const client = createClient({ baseUrl: broker.url });
    await client.createEntity(normalized);
    const subId = await client.createSubscription({
      entities: [{ type: 'WaterObserved' }],
      notification: { endpoint: { uri: receiver.url, accept: 'application/json' } },
    });
    expect(await client.getSubscription(subId)).toMatchObject({ id: subId, type: 'Subscription' });
    expect((await client.listSubscriptions()).map((s) => s.id)).toEqual([subId]);
    await client.updateSubscription(subId, { description: 'water' });

    await client.mergeEntity(normalized.id, { temperature: { type: 'Property', value: 14 } });
    await done;
    expect(received[0]?.subscriptionId).toBe(subId);
    expect(received[0]?.data[0]).toMatchObject({ id: normalized.id, temperature: { value: 14 } });

    await client.deleteSubscription(subId);
    await expect(client.getSubscription(subId)).rejects.toMatchObject({ code: 'ResourceNotFound' });
  });
});

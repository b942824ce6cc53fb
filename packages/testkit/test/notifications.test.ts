import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Broker, startBroker } from '@smartcitylab/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, room } from './support.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: {
    subscriptionId: string;
    type: string;
    data: Array<Record<string, unknown>>;
    '@context'?: unknown;
  };
}

let broker: Broker;
let receiver: Server;
let received: Received[];
let endpoint: string;
let clock: number;

beforeEach(async () => {
  received = [];
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      res.writeHead(req.url === '/fail' ? 500 : 204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`;
  clock = Date.parse('2026-01-01T00:00:00Z');
  broker = await startBroker({
    now: () => new Date(clock),
    // A user context that does not redefine the names the entities use (see contexts.test.ts).
    contexts: {
      'https://example.org/ctx.jsonld': { '@context': { Door: 'https://example.org/Door' } },
    },
  });
});

afterEach(async () => {
  await broker.close();
  await new Promise<void>((r) => receiver.close(() => r()));
});

function subscription(
  id: string,
  extra: Record<string, unknown> = {},
  notification: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    type: 'Subscription',
    entities: [{ type: 'Room' }],
    notification: { endpoint: { uri: endpoint }, ...notification },
    ...extra,
  };
}

async function settle(): Promise<void> {
  await broker.flushNotifications();
}

describe('subscriptions → notifications', () => {
  it('notifies on create and update with the subscription format and attributes', async () => {
    await call(
      broker,
      'POST',
      '/subscriptions',
      subscription(
        'urn:ngsi-ld:Subscription:1',
        {},
        { format: 'keyValues', attributes: ['temperature'] },
      ),
    );
    await call(broker, 'POST', '/entities', room(1, 20, { name: 'Hall' }));
    await call(broker, 'PATCH', '/entities/urn:ngsi-ld:Room:1/attrs', { temperature: 22 });
    await settle();
    expect(received.map((r) => r.body.data)).toEqual([
      [{ id: 'urn:ngsi-ld:Room:1', type: 'Room', temperature: 20 }],
      [{ id: 'urn:ngsi-ld:Room:1', type: 'Room', temperature: 22 }],
    ]);
    const first = received[0] as Received;
    expect(first.body).toMatchObject({
      type: 'Notification',
      subscriptionId: 'urn:ngsi-ld:Subscription:1',
    });
    expect(first.headers['content-type']).toBe('application/json');
    expect(first.headers.link).toContain('ngsi-ld-core-context');
    expect(first.headers['ngsild-attribute-format']).toBe('Simplified');
  });

  it.each([
    { name: 'watchedAttributes', extra: { watchedAttributes: ['co2'] }, want: 1 },
    { name: 'q', extra: { q: 'temperature>25' }, want: 1 },
    {
      name: 'an id selector',
      extra: { entities: [{ id: 'urn:ngsi-ld:Room:2', type: 'Room' }] },
      want: 0,
    },
    {
      name: 'an idPattern selector',
      extra: { entities: [{ idPattern: ':Room:1$', type: 'Room' }] },
      want: 3,
    },
    { name: 'isActive false', extra: { isActive: false }, want: 0 },
    { name: 'expiry in the past', extra: { expiresAt: '2025-01-01T00:00:00Z' }, want: 0 },
  ])('filters changes by $name', async ({ extra, want }) => {
    expect(
      (
        await call(
          broker,
          'POST',
          '/subscriptions',
          subscription('urn:ngsi-ld:Subscription:f', extra),
        )
      ).status,
    ).toBe(201);
    await call(broker, 'POST', '/entities', room(1, 20));
    await call(broker, 'POST', '/entities/urn:ngsi-ld:Room:1/attrs', { co2: 400 });
    await call(broker, 'PATCH', '/entities/urn:ngsi-ld:Room:1/attrs', { temperature: 30 });
    await settle();
    expect(received).toHaveLength(want);
  });

  it.each([
    { name: 'the default triggers', triggers: undefined, want: ['create', 'update'] },
    { name: 'entityDeleted only', triggers: ['entityDeleted'], want: ['deleted'] },
    { name: 'attributeDeleted', triggers: ['attributeDeleted'], want: ['update'] },
    { name: 'entityCreated only', triggers: ['entityCreated'], want: ['create'] },
  ])('notifies per notificationTrigger: $name', async ({ triggers, want }) => {
    const extra = triggers ? { notificationTrigger: triggers } : {};
    const sub = subscription('urn:ngsi-ld:Subscription:trig', extra, { format: 'keyValues' });
    expect((await call(broker, 'POST', '/subscriptions', sub)).status).toBe(201);
    await call(broker, 'POST', '/entities', room(1, 20, { co2: { type: 'Property', value: 1 } }));
    await settle();
    await call(broker, 'DELETE', '/entities/urn:ngsi-ld:Room:1/attrs/co2');
    await settle();
    if (!triggers)
      await call(broker, 'PATCH', '/entities/urn:ngsi-ld:Room:1/attrs', { temperature: 2 });
    await settle();
    await call(broker, 'DELETE', '/entities/urn:ngsi-ld:Room:1');
    await settle();
    const kinds = received.map((r) => {
      const e = r.body.data[0] ?? {};
      if ('deletedAt' in e) return 'deleted';
      return 'co2' in e ? 'create' : 'update';
    });
    expect(kinds).toEqual(want);
    if (want.includes('deleted')) {
      expect(received[0]?.body.data).toEqual([
        { id: 'urn:ngsi-ld:Room:1', type: 'Room', deletedAt: '2026-01-01T00:00:00.000Z' },
      ]);
    }
  });

  it('rejects an unknown notificationTrigger', async () => {
    const sub = subscription('urn:ngsi-ld:Subscription:bad', { notificationTrigger: ['always'] });
    expect((await call(broker, 'POST', '/subscriptions', sub)).status).toBe(400);
  });

  it('honours throttling against the broker clock', async () => {
    await call(
      broker,
      'POST',
      '/subscriptions',
      subscription('urn:ngsi-ld:Subscription:t', { throttling: 10 }),
    );
    await call(broker, 'POST', '/entities', room(1, 1));
    clock += 5_000;
    await call(broker, 'PATCH', '/entities/urn:ngsi-ld:Room:1/attrs', { temperature: 2 });
    clock += 6_000;
    await call(broker, 'PATCH', '/entities/urn:ngsi-ld:Room:1/attrs', { temperature: 3 });
    await settle();
    expect(
      received.map((r) => (r.body.data[0]?.temperature as { value: number } | undefined)?.value),
    ).toEqual([1, 3]);
  });

  it('sends JSON-LD with the subscription @context and concise data when asked', async () => {
    const ctx = 'https://example.org/ctx.jsonld';
    await call(
      broker,
      'POST',
      '/subscriptions',
      {
        ...subscription(
          'urn:ngsi-ld:Subscription:ld',
          {},
          { format: 'concise', endpoint: { uri: endpoint, accept: 'application/ld+json' } },
        ),
        '@context': ctx,
      },
      { 'Content-Type': 'application/ld+json' },
    );
    await call(
      broker,
      'POST',
      '/entities',
      room(1, 5, { unit: { type: 'Property', value: 1, unitCode: 'CEL' } }),
    );
    await settle();
    expect(received[0]?.headers['content-type']).toBe('application/ld+json');
    expect(received[0]?.body['@context']).toBe(ctx);
    expect(received[0]?.body.data).toEqual([
      {
        id: 'urn:ngsi-ld:Room:1',
        type: 'Room',
        temperature: 5,
        unit: { value: 1, unitCode: 'CEL' },
      },
    ]);
  });

  it('records delivery status on the subscription', async () => {
    await call(broker, 'POST', '/subscriptions', subscription('urn:ngsi-ld:Subscription:ok'));
    await call(
      broker,
      'POST',
      '/subscriptions',
      subscription(
        'urn:ngsi-ld:Subscription:bad',
        {},
        { endpoint: { uri: endpoint.replace('/notify', '/fail') } },
      ),
    );
    await call(broker, 'POST', '/entities', room(1));
    await settle();
    const ok = await call(broker, 'GET', '/subscriptions/urn:ngsi-ld:Subscription:ok');
    expect(ok.body).toMatchObject({
      status: 'active',
      notification: { status: 'ok', timesSent: 1, lastSuccess: expect.any(String) },
    });
    const bad = await call(broker, 'GET', '/subscriptions/urn:ngsi-ld:Subscription:bad');
    expect(bad.body).toMatchObject({
      notification: { status: 'failed', timesSent: 1, lastFailure: expect.any(String) },
    });
  });
});

describe('subscription CRUD', () => {
  it('lists, updates, pauses and deletes subscriptions', async () => {
    const id = 'urn:ngsi-ld:Subscription:c';
    expect((await call(broker, 'POST', '/subscriptions', subscription(id))).status).toBe(201);
    expect((await call(broker, 'POST', '/subscriptions', subscription(id))).status).toBe(409);
    const generated = await call(broker, 'POST', '/subscriptions', {
      type: 'Subscription',
      watchedAttributes: ['x'],
      notification: { endpoint: { uri: endpoint } },
    });
    expect(generated.headers.get('location')).toMatch(
      /^\/ngsi-ld\/v1\/subscriptions\/urn:ngsi-ld:Subscription:[0-9a-f-]{36}$/,
    );
    const list = await call(broker, 'GET', '/subscriptions?count=true');
    expect(list.headers.get('ngsild-results-count')).toBe('2');
    expect((await call(broker, 'PATCH', `/subscriptions/${id}`, { isActive: false })).status).toBe(
      204,
    );
    expect((await call(broker, 'GET', `/subscriptions/${id}`)).body).toMatchObject({
      status: 'paused',
      isActive: false,
    });
    await call(broker, 'POST', '/entities', room(1));
    await settle();
    expect(received).toHaveLength(0);
    expect((await call(broker, 'DELETE', `/subscriptions/${id}`)).status).toBe(204);
    expect((await call(broker, 'GET', `/subscriptions/${id}`)).status).toBe(404);
  });

  it.each([
    {
      name: 'no endpoint',
      body: { type: 'Subscription', entities: [{ type: 'T' }], notification: {} },
    },
    {
      name: 'no entities nor watchedAttributes',
      body: { type: 'Subscription', notification: { endpoint: { uri: 'http://x.org' } } },
    },
    {
      name: 'a broken q',
      body: {
        type: 'Subscription',
        entities: [{ type: 'T' }],
        q: '((',
        notification: { endpoint: { uri: 'http://x.org' } },
      },
    },
    {
      name: 'a wrong type',
      body: {
        type: 'Sub',
        entities: [{ type: 'T' }],
        notification: { endpoint: { uri: 'http://x.org' } },
      },
    },
    {
      name: 'a bad expiresAt',
      body: {
        type: 'Subscription',
        entities: [{ type: 'T' }],
        expiresAt: 'soon',
        notification: { endpoint: { uri: 'http://x.org' } },
      },
    },
  ])('rejects a subscription with $name', async ({ body }) => {
    const got = await call(broker, 'POST', '/subscriptions', body);
    expect(got.status).toBe(400);
    expect(got.body).toMatchObject({ type: 'https://uri.etsi.org/ngsi-ld/errors/BadRequestData' });
  });
});

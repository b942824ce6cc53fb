/**
 * End to end against the in-process NGSI-LD broker of @smartcitylab/testkit over real HTTP
 * on 127.0.0.1.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createClient,
  type FetchInit,
  type NgsiLdClient,
  type Notification,
} from '@smartcitylab/client';
import { createNotificationHandler } from '@smartcitylab/client/node';
import { AirQualityObserved } from '@smartcitylab/models/air-quality-observed';
import { AirQualityObservedSchemas } from '@smartcitylab/models/air-quality-observed/zod';
import { geoQuery, isHttpError, type KeyValuesEntity, q } from '@smartcitylab/ngsi-ld';
import { type Broker, startBroker } from '@smartcitylab/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const light = (n: number, extra: Record<string, unknown> = {}) => ({
  id: `urn:ngsi-ld:Streetlight:${n}`,
  type: 'Streetlight',
  illuminanceLevel: { type: 'Property', value: n * 10 },
  location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [13.0 + n / 1000, 55.6] } },
  ...extra,
});

let broker: Broker;
let client: NgsiLdClient;
beforeEach(async () => {
  broker = await startBroker({ temporalPageSize: 10 });
  client = createClient({ baseUrl: broker.url, retry: { retries: 0 } });
});
afterEach(() => broker.close());

describe('entities and queries (testkit)', () => {
  it('runs the entity lifecycle', async () => {
    const id = await client.createEntity(light(1));
    expect(id).toBe('urn:ngsi-ld:Streetlight:1');
    expect(
      await client.getEntity(id, { format: 'keyValues', pick: ['id', 'illuminanceLevel'] }),
    ).not.toHaveProperty('location');
    expect(await client.getEntity(id, { format: 'keyValues', omit: ['location'] })).toEqual({
      id,
      type: 'Streetlight',
      illuminanceLevel: 10,
    });
    expect(
      await client.getEntity(id, { format: 'concise', attrs: ['illuminanceLevel'] }),
    ).toMatchObject({ id, type: 'Streetlight', illuminanceLevel: 10 });
    await client.updateAttribute(id, 'illuminanceLevel', { type: 'Property', value: 55 });
    await client.mergeEntity(id, { powerState: { type: 'Property', value: 'on' } });
    const appended = await client.appendAttributes(
      id,
      { powerState: { type: 'Property', value: 'off' } },
      { noOverwrite: true },
    );
    expect(appended.notUpdated.map((n) => n.attributeName)).toEqual(['powerState']);
    expect(await client.getEntity(id, { format: 'keyValues' })).toMatchObject({
      illuminanceLevel: 55,
      powerState: 'on',
    });
    await client.deleteAttribute(id, 'powerState');
    await client.replaceEntity(light(1, { illuminanceLevel: { type: 'Property', value: 1 } }));
    expect(broker.store.getEntity(id)).toMatchObject({ illuminanceLevel: { value: 1 } });
    await client.deleteEntity(id);
    const err = await client.getEntity(id).catch((e: unknown) => e);
    expect(isHttpError(err) && err.code).toBe('ResourceNotFound');
  });

  it('queries with the q and geoQuery builders, counts and pages', async () => {
    const batch = await client.upsertEntities(
      Array.from({ length: 30 }, (_, i) => light(i)),
      { batchSize: 7 },
    );
    expect(batch.errors).toEqual([]);
    expect(batch.success).toHaveLength(30);

    const bright = await client.queryEntities({
      type: 'Streetlight',
      q: q.ge('illuminanceLevel', 250),
      count: true,
      limit: 3,
      format: 'keyValues',
    });
    expect(bright.count).toBe(5);
    expect(bright.entities).toHaveLength(3);

    const near = await client.queryEntities({
      type: 'Streetlight',
      ...geoQuery({
        georel: 'near;maxDistance==300',
        geometry: 'Point',
        coordinates: [13.0, 55.6],
      }),
      limit: 100,
    });
    expect(near.entities.length).toBeGreaterThan(0);
    expect(near.entities.length).toBeLessThan(30);

    const ids: string[] = [];
    for await (const e of client.queryAll({ type: 'Streetlight', limit: 4 })) ids.push(e.id);
    expect(new Set(ids).size).toBe(30);

    const byPost = await client.queryBatch(
      { entities: [{ type: 'Streetlight' }], q: 'illuminanceLevel<30' },
      { limit: 100 },
    );
    expect(byPost.entities.map((e) => e.id).sort()).toEqual([
      'urn:ngsi-ld:Streetlight:0',
      'urn:ngsi-ld:Streetlight:1',
      'urn:ngsi-ld:Streetlight:2',
    ]);
  });

  it('reports per-entity batch failures (207) and deletes', async () => {
    await client.createEntity(light(1));
    const created = await client.createEntities([
      light(1),
      light(2),
      { id: 'nope', type: 'Streetlight' },
    ]);
    expect(created.success).toEqual(['urn:ngsi-ld:Streetlight:2']);
    expect(created.errors.map((e) => [e.entityId, e.error.type.split('/').pop()])).toEqual([
      ['urn:ngsi-ld:Streetlight:1', 'AlreadyExists'],
      ['nope', 'BadRequestData'],
    ]);
    const updated = await client.updateEntities([
      {
        id: 'urn:ngsi-ld:Streetlight:2',
        type: 'Streetlight',
        illuminanceLevel: { type: 'Property', value: 7 },
      },
    ]);
    expect(updated).toEqual({ success: ['urn:ngsi-ld:Streetlight:2'], errors: [] });
    const merged = await client.mergeEntities([
      {
        id: 'urn:ngsi-ld:Streetlight:2',
        type: 'Streetlight',
        colour: { type: 'Property', value: 'red' },
      },
    ]);
    expect(merged.errors).toEqual([]);
    expect(broker.store.getEntity('urn:ngsi-ld:Streetlight:2')).toMatchObject({
      illuminanceLevel: { value: 7 },
      colour: { value: 'red' },
    });
    const deleted = await client.deleteEntities([
      'urn:ngsi-ld:Streetlight:1',
      'urn:ngsi-ld:Streetlight:404',
    ]);
    expect(deleted.success).toEqual(['urn:ngsi-ld:Streetlight:1']);
    expect(deleted.errors[0]?.entityId).toBe('urn:ngsi-ld:Streetlight:404');
  });

  it('queries with a @smartcitylab/models model and gets schema-valid keyValues entities', async () => {
    const aqo = (n: number) => ({
      id: `urn:ngsi-ld:AirQualityObserved:${n}`,
      type: 'AirQualityObserved',
      dateObserved: { type: 'Property', value: '2026-11-25T10:00:00Z' },
      location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [13.0, 55.6] } },
      no2: { type: 'Property', value: 20 + n, unitCode: 'GQ' },
    });
    expect((await client.upsertEntities([aqo(1), aqo(2)])).errors).toEqual([]);
    const { entities } = await client.queryEntities({
      type: AirQualityObserved,
      format: 'keyValues',
      q: q.gt('no2', 21),
    });
    expect(entities.map((e) => e.no2)).toEqual([22]);
    for (const e of entities)
      expect(AirQualityObservedSchemas.keyValues.safeParse(e).success).toBe(true);
  });

  it('keeps tenants apart', async () => {
    const malmo = createClient({ baseUrl: broker.url, tenant: 'malmo' });
    await malmo.createEntity(light(1));
    await client.createEntity(light(2));
    expect(broker.store.entityCount('malmo')).toBe(1);
    expect((await malmo.queryEntities({ type: 'Streetlight' })).entities.map((e) => e.id)).toEqual([
      'urn:ngsi-ld:Streetlight:1',
    ]);
    expect(
      (await client.queryEntities({ type: 'Streetlight', tenant: 'malmo' })).entities,
    ).toHaveLength(1);
  });

  it('discovers types and attributes', async () => {
    await client.upsertEntities([light(1)]);
    expect(JSON.stringify(await client.listTypes())).toContain('Streetlight');
    expect(await client.getType('Streetlight')).toMatchObject({ typeName: 'Streetlight' });
    expect(JSON.stringify(await client.listAttributes())).toContain('illuminanceLevel');
    expect(await client.getAttribute('illuminanceLevel')).toMatchObject({
      attributeName: 'illuminanceLevel',
    });
  });

  it('manages context source registrations and stored @contexts', async () => {
    const regId = await client.createRegistration({
      information: [{ entities: [{ type: 'Streetlight' }] }],
      endpoint: 'http://127.0.0.1:9/cs',
    });
    expect(await client.getRegistration(regId)).toMatchObject({ id: regId });
    await client.updateRegistration(regId, { endpoint: 'http://127.0.0.1:9/cs2' });
    expect(await client.listRegistrations()).toHaveLength(1);
    await client.deleteRegistration(regId);
    expect(await client.listRegistrations()).toHaveLength(0);

    const ctxId = await client.addContext({
      '@context': { brightness: 'https://example.org/brightness' },
    });
    expect(JSON.stringify(await client.listContexts())).toContain(ctxId.split('/').pop() ?? ctxId);
    await client.deleteContext(ctxId);
  });
});

describe('temporal (testkit)', () => {
  it('appends instances and reads a long history across 206 pages', async () => {
    const id = 'urn:ngsi-ld:WaterObserved:1';
    await client.createEntity({
      id,
      type: 'WaterObserved',
      temperature: { type: 'Property', value: 0, observedAt: '2026-11-01T00:00:00Z' },
    });
    const instances = Array.from({ length: 34 }, (_, i) => ({
      type: 'Property',
      value: i + 1,
      observedAt: new Date(Date.parse('2026-11-01T00:00:00Z') + (i + 1) * 60_000).toISOString(),
    }));
    await client.appendTemporalInstances(id, { temperature: instances });
    const all = await client.getTemporalEntity(id, {
      attrs: ['temperature'],
      timerel: 'after',
      timeAt: '2026-11-01T00:00:00Z',
    });
    const values = (all.temperature as { value: number }[])
      .map((i) => i.value)
      .sort((a, b) => a - b);
    expect(values).toEqual(Array.from({ length: 35 }, (_, i) => i));
    const last = await client.getTemporalEntity(id, {
      attrs: ['temperature'],
      lastN: 15,
      format: 'temporalValues',
    });
    const lastValues = (last.temperature as { values: [number, string][] }).values
      .map((v) => v[0])
      .sort((a, b) => a - b);
    expect(lastValues).toEqual(Array.from({ length: 15 }, (_, i) => 20 + i));
    const instanceId = (all.temperature as { instanceId?: string }[])[0]?.instanceId;
    if (instanceId) await client.deleteTemporalInstance(id, 'temperature', instanceId);
  });
});

describe('subscription round trip (testkit)', () => {
  it('creates a subscription, updates the entity and the receiver gets the notification', async () => {
    const got: Notification<KeyValuesEntity>[] = [];
    const receiver = createServer(
      createNotificationHandler(
        (n) => {
          got.push(n);
        },
        { format: 'keyValues' },
      ),
    );
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      const uri = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`;
      await client.createEntity(light(1));
      const subId = await client.createSubscription({
        entities: [{ type: 'Streetlight' }],
        watchedAttributes: ['illuminanceLevel'],
        notification: { endpoint: { uri, accept: 'application/json' } },
      });
      expect(await client.getSubscription(subId)).toMatchObject({ id: subId });
      await client.updateSubscription(subId, { description: 'lights' });
      expect((await client.listSubscriptions()).map((s) => s.id)).toContain(subId);

      await client.updateAttribute(light(1).id, 'illuminanceLevel', {
        type: 'Property',
        value: 999,
      });
      await broker.flushNotifications();
      // flushNotifications has waited for the delivery; the poll is a hang guard, ending at once.
      const deadline = Date.now() + 60_000;
      while (got.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(got.at(-1)?.subscriptionId).toBe(subId);
      expect(got.at(-1)?.data[0]).toMatchObject({ id: light(1).id, illuminanceLevel: 999 });
      await client.deleteSubscription(subId);
    } finally {
      await new Promise<void>((r) => receiver.close(() => r()));
    }
  });
});

describe('fault injection through the testkit: batch upsert of 10 000 entities', () => {
  it.each([
    ['the default transport (node:http on Node)', undefined],
    ['platform fetch', (input: string, init: FetchInit) => fetch(input, init)],
  ] as const)(
    'over %s: every entity is in the broker or reported failed; none lost, none duplicated',
    async (_name, fetchImpl) => {
      broker.setFaults({
        rate429: 0.1,
        rate503: 0.1,
        resetRate: 0.08,
        timeoutRate: 0.03,
        retryAfterSeconds: 1,
        seed: 11,
      });
      const seen = new Map<string, number>();
      const faulty = createClient({
        hooks: { onError: (e) => seen.set(e.error.code, (seen.get(e.error.code) ?? 0) + 1) },
        baseUrl: broker.url,
        batchSize: 200,
        batchConcurrency: 4,
        timeoutMs: 400,
        retry: { retries: 8, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 3 },
        ...(fetchImpl ? { fetch: fetchImpl } : {}),
      });
      const input = Array.from({ length: 10_000 }, (_, i) => light(i));
      const result = await faulty.upsertEntities(input);
      broker.setFaults({});
      // Every kind of fault really happened along the way.
      for (const code of ['TooManyRequests', 'ServiceUnavailable', 'NetworkError', 'TimeoutError'])
        expect(seen.get(code)).toBeGreaterThan(0);

      const success = new Set(result.success);
      const failed = new Set(result.errors.map((e) => e.entityId));
      expect(result.success.length + result.errors.length).toBe(10_000);
      expect(success.size + failed.size).toBe(10_000);
      for (const e of input) expect(success.has(e.id) !== failed.has(e.id)).toBe(true);
      for (const { error } of result.errors) expect(error.detail ?? error.title).toBeTruthy();
      for (const id of success) expect(broker.store.getEntity(id)).toBeDefined();
      expect(broker.store.entityCount()).toBeGreaterThanOrEqual(success.size);
      expect(broker.store.entityCount()).toBeLessThanOrEqual(10_000);
      expect(broker.store.getEntity(light(42).id) ?? light(42)).toMatchObject({
        illuminanceLevel: { value: 420 },
      });
    },
  );
});

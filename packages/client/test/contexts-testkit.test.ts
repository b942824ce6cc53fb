/**
 * The client against the testkit broker where @context matters: baseUrl forms, the
 * client-level context option, and the typed subscription.
 */

import { createClient, type SubscriptionInput } from '@smartcitylab/client';
import { startBroker } from '@smartcitylab/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MODEL = 'https://models.example/ctx.jsonld';
const NS = 'https://models.example/';

describe('client and testkit with a model @context', () => {
  let broker: Awaited<ReturnType<typeof startBroker>>;
  beforeAll(async () => {
    broker = await startBroker({
      contexts: { [MODEL]: { '@context': { Lamp: `${NS}Lamp`, level: `${NS}level` } } },
    });
  });
  afterAll(async () => {
    await broker.close();
  });

  it.each([
    ['the broker root', (b: typeof broker) => b.url],
    ['the root with a slash', (b: typeof broker) => `${b.url}/`],
    ['the API root', (b: typeof broker) => b.apiUrl],
    ['the API root with a slash', (b: typeof broker) => `${b.apiUrl}/`],
  ])('accepts %s as baseUrl', async (_name, url) => {
    const client = createClient({ baseUrl: url(broker) });
    const types = await client.listTypes();
    expect(types).toBeDefined();
  });

  it('sends its context with every call, so names round-trip and land on the model IRIs', async () => {
    const client = createClient({ baseUrl: broker.apiUrl, context: MODEL });
    await client.createEntity({
      id: 'urn:ngsi-ld:Lamp:1',
      type: 'Lamp',
      level: { type: 'Property', value: 3 },
    });
    expect(
      broker.store.getEntity('urn:ngsi-ld:Lamp:1', undefined, { expanded: true }),
    ).toHaveProperty([`${NS}level`]);
    const page = await client.queryEntities({ type: 'Lamp', q: 'level>2' });
    expect(page.entities.map((e) => e.id)).toEqual(['urn:ngsi-ld:Lamp:1']);
    // Without the context the same query finds nothing: the names mean other IRIs.
    const bare = createClient({ baseUrl: broker.url });
    expect((await bare.queryEntities({ type: 'Lamp' })).entities).toEqual([]);
  });

  it('creates a typed subscription (type added, q stringified)', async () => {
    const client = createClient({ baseUrl: broker.url, context: MODEL });
    const sub: SubscriptionInput = {
      entities: [{ type: 'Lamp' }],
      watchedAttributes: ['level'],
      q: 'level>1',
      notification: { endpoint: { uri: 'http://127.0.0.1:9/notify' }, format: 'keyValues' },
    };
    const id = await client.createSubscription(sub);
    expect(await client.getSubscription(id)).toMatchObject({
      type: 'Subscription',
      entities: [{ type: 'Lamp' }],
      watchedAttributes: ['level'],
    });
  });
});

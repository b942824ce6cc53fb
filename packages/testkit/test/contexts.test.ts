/**
 * JSON-LD term expansion and compaction as GS CIM 009 v1.8 prescribes: names are expanded
 * with the request's @context, stored as IRIs, and compacted with the requester's context.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CORE_CONTEXT, formatLinkHeader } from '@smartcitylab/ngsi-ld';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, useBroker } from './support.js';

const MODEL = 'https://models.example/ctx.jsonld';
const OTHER = 'https://other.example/ctx.jsonld';
const NS = 'https://models.example/ns#';
const DEFAULT = 'https://uri.etsi.org/ngsi-ld/default-context/';

const CONTEXTS = {
  [MODEL]: {
    '@context': {
      ns: NS,
      Streetlight: 'ns:Streetlight',
      powerState: `${NS}powerState`,
      illuminance: { '@id': 'ns:illuminance' },
      status: 'ns:status',
      // The core context is applied last: this cannot redefine 'location'.
      location: `${NS}myLocation`,
      category: 'ns:category',
      stateValue: `${NS}stateValue`,
    },
  },
  [OTHER]: {
    '@context': { power: `${NS}powerState`, Lamp: `${NS}Streetlight` },
  },
};

const link = (url: string): Record<string, string> => ({ Link: formatLinkHeader(url) });

const lamp = (n: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: `urn:ngsi-ld:Streetlight:${n}`,
  type: 'Streetlight',
  powerState: { type: 'Property', value: n % 2 === 0 ? 'on' : 'off' },
  illuminance: { type: 'Property', value: n * 10, unitCode: 'LUX' },
  location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [13 + n / 100, 55] } },
  ...extra,
});

describe('where the @context comes from', () => {
  const ctx = useBroker({ contexts: CONTEXTS });

  it('expands names with the Link header of an application/json request', async () => {
    expect((await call(ctx.broker, 'POST', '/entities', lamp(1), link(MODEL))).status).toBe(201);
    const stored = ctx.broker.store.getEntity('urn:ngsi-ld:Streetlight:1', undefined, {
      expanded: true,
    });
    expect(stored?.type).toBe(`${NS}Streetlight`);
    expect(Object.keys(stored ?? {}).sort()).toEqual(
      ['id', 'type', `${NS}illuminance`, `${NS}powerState`, 'location'].sort(),
    );
  });

  it('expands names with the body @context of an application/ld+json request (inline and arrays)', async () => {
    const body = {
      ...lamp(2),
      '@context': [{ Streetlight: `${NS}Streetlight` }, MODEL, CORE_CONTEXT],
    };
    const res = await call(ctx.broker, 'POST', '/entities', body, {
      'Content-Type': 'application/ld+json',
    });
    expect(res.status).toBe(201);
    const stored = ctx.broker.store.getEntity('urn:ngsi-ld:Streetlight:2', undefined, {
      expanded: true,
    });
    expect(stored?.type).toBe(`${NS}Streetlight`);
    expect(stored).toHaveProperty([`${NS}powerState`]);
  });

  it.each([
    {
      name: 'a body @context with application/json',
      body: { ...lamp(3), '@context': MODEL },
      headers: {},
    },
    {
      name: 'a Link header with application/ld+json',
      body: { ...lamp(3), '@context': MODEL },
      headers: { 'Content-Type': 'application/ld+json', ...link(MODEL) },
    },
  ])('rejects $name with 400 BadRequestData', async ({ body, headers }) => {
    const res = await call(ctx.broker, 'POST', '/entities', body, headers);
    expect(res.status).toBe(400);
    expect((res.body as { type: string }).type).toContain('BadRequestData');
  });

  it('applies the core context last: a user context cannot redefine a core term', async () => {
    await call(ctx.broker, 'POST', '/entities', lamp(4), link(MODEL));
    const stored = ctx.broker.store.getEntity('urn:ngsi-ld:Streetlight:4', undefined, {
      expanded: true,
    });
    expect(stored).toHaveProperty('location');
    expect(stored).not.toHaveProperty([`${NS}myLocation`]);
  });

  it('expands terms no context defines with the default vocabulary', async () => {
    await call(ctx.broker, 'POST', '/entities', {
      ...lamp(5),
      brightness: { type: 'Property', value: 3 },
    });
    const stored = ctx.broker.store.getEntity('urn:ngsi-ld:Streetlight:5', undefined, {
      expanded: true,
    });
    expect(stored?.type).toBe(`${DEFAULT}Streetlight`);
    expect(stored).toHaveProperty([`${DEFAULT}brightness`]);
  });
});

describe('compaction of answers', () => {
  const ctx = useBroker({ contexts: CONTEXTS });
  beforeEach(async () => {
    for (const n of [1, 2, 3]) await call(ctx.broker, 'POST', '/entities', lamp(n), link(MODEL));
  });

  it('answers under the same context with the same short names', async () => {
    const got = await call(
      ctx.broker,
      'GET',
      '/entities/urn:ngsi-ld:Streetlight:1',
      undefined,
      link(MODEL),
    );
    expect(got.body).toEqual(lamp(1));
    expect(got.headers.get('link')).toBe(formatLinkHeader(MODEL));
  });

  it('answers under another context with its terms, and full IRIs where it has none', async () => {
    const got = await call(
      ctx.broker,
      'GET',
      '/entities/urn:ngsi-ld:Streetlight:1',
      undefined,
      link(OTHER),
    );
    expect(got.body).toMatchObject({
      type: 'Lamp',
      power: { type: 'Property', value: 'off' },
      [`${NS}illuminance`]: { value: 10, unitCode: 'LUX' },
      location: { type: 'GeoProperty' },
    });
  });

  it('puts the @context in application/ld+json answers', async () => {
    const got = await call(ctx.broker, 'GET', '/entities?type=Streetlight', undefined, {
      ...link(MODEL),
      Accept: 'application/ld+json',
    });
    expect(got.headers.get('content-type')).toBe('application/ld+json');
    expect((got.body as Record<string, unknown>[])[0]?.['@context']).toBe(MODEL);
    expect(got.headers.get('link')).toBeNull();
  });

  it.each([
    { name: 'type', query: 'type=Streetlight', want: 3 },
    { name: 'a type expression', query: 'type=(Streetlight;Lamp)|Streetlight', want: 3 },
    { name: 'an AND type expression no entity meets', query: 'type=Streetlight;Other', want: 0 },
    { name: 'attrs', query: 'attrs=illuminance', want: 3 },
    { name: 'q on an attribute', query: 'q=illuminance>15', want: 2 },
    { name: 'q on a sub-attribute', query: 'q=illuminance.unitCode=="LUX"', want: 3 },
    { name: 'q with a compact IRI', query: 'q=ns:illuminance>25', want: 1 },
    {
      name: 'a geo-query with geoproperty',
      query:
        'georel=near;maxDistance==100000&geometry=Point&coordinates=[13,55]&geoproperty=location',
      want: 3,
    },
  ])('selects by $name under the context', async ({ query, want }) => {
    const got = await call(ctx.broker, 'GET', `/entities?${query}`, undefined, link(MODEL));
    expect(got.status, JSON.stringify(got.body)).toBe(200);
    expect(got.body).toHaveLength(want);
  });

  it('projects with pick and omit under the context', async () => {
    const picked = await call(
      ctx.broker,
      'GET',
      '/entities/urn:ngsi-ld:Streetlight:2?pick=powerState',
      undefined,
      link(MODEL),
    );
    expect(Object.keys(picked.body as object).sort()).toEqual(['id', 'powerState', 'type']);
    const omitted = await call(
      ctx.broker,
      'GET',
      '/entities/urn:ngsi-ld:Streetlight:2?omit=powerState,location',
      undefined,
      link(MODEL),
    );
    expect(Object.keys(omitted.body as object).sort()).toEqual(['id', 'illuminance', 'type']);
  });

  it('patches, appends and deletes attributes named under the context', async () => {
    const id = 'urn:ngsi-ld:Streetlight:3';
    const patch = await call(
      ctx.broker,
      'PATCH',
      `/entities/${id}/attrs/illuminance`,
      { value: 99 },
      link(MODEL),
    );
    expect(patch.status).toBe(204);
    const append = await call(
      ctx.broker,
      'POST',
      `/entities/${id}/attrs`,
      { status: { type: 'Property', value: 'ok' } },
      link(MODEL),
    );
    expect(append.status).toBe(204);
    expect(
      (await call(ctx.broker, 'DELETE', `/entities/${id}/attrs/powerState`, undefined, link(MODEL)))
        .status,
    ).toBe(204);
    const got = await call(ctx.broker, 'GET', `/entities/${id}`, undefined, link(MODEL));
    expect(got.body).toMatchObject({ illuminance: { value: 99 }, status: { value: 'ok' } });
    expect(got.body).not.toHaveProperty('powerState');
  });

  it('keeps Relationship objects and LanguageProperty maps, expands VocabProperty values', async () => {
    const id = 'urn:ngsi-ld:Streetlight:9';
    await call(
      ctx.broker,
      'POST',
      '/entities',
      {
        id,
        type: 'Streetlight',
        category: { type: 'VocabProperty', vocab: 'stateValue' },
        name: { type: 'LanguageProperty', languageMap: { sv: 'Lampa', en: 'Lamp' } },
        refGroup: { type: 'Relationship', object: 'urn:ngsi-ld:Group:1' },
      },
      link(MODEL),
    );
    const stored = ctx.broker.store.getEntity(id, undefined, { expanded: true });
    expect(stored?.[`${NS}category`]).toEqual({ type: 'VocabProperty', vocab: `${NS}stateValue` });
    expect(stored?.[`${DEFAULT}name`]).toEqual({
      type: 'LanguageProperty',
      languageMap: { sv: 'Lampa', en: 'Lamp' },
    });
    expect(stored?.[`${DEFAULT}refGroup`]).toEqual({
      type: 'Relationship',
      object: 'urn:ngsi-ld:Group:1',
    });
    const got = await call(ctx.broker, 'GET', `/entities/${id}`, undefined, link(MODEL));
    expect((got.body as Record<string, unknown>).category).toEqual({
      type: 'VocabProperty',
      vocab: 'stateValue',
    });
  });

  it('answers /types and /attributes with short names where the context knows them, IRIs otherwise', async () => {
    const under = await call(ctx.broker, 'GET', '/types', undefined, link(MODEL));
    expect((under.body as { typeList: string[] }).typeList).toEqual(['Streetlight']);
    const core = await call(ctx.broker, 'GET', '/types');
    expect((core.body as { typeList: string[] }).typeList).toEqual([`${NS}Streetlight`]);
    const info = await call(ctx.broker, 'GET', '/types/Streetlight', undefined, link(MODEL));
    expect(info.body).toMatchObject({
      id: `${NS}Streetlight`,
      typeName: 'Streetlight',
      entityCount: 3,
    });
    const attrs = await call(ctx.broker, 'GET', '/attributes', undefined, link(OTHER));
    expect((attrs.body as { attributeList: string[] }).attributeList).toEqual(
      [`${NS}illuminance`, 'location', 'power'].sort(),
    );
    const one = await call(ctx.broker, 'GET', '/attributes/illuminance', undefined, link(MODEL));
    expect(one.body).toMatchObject({
      id: `${NS}illuminance`,
      attributeName: 'illuminance',
      typeNames: ['Streetlight'],
    });
  });

  it('expands and compacts batch operations, each ld+json element with its own @context', async () => {
    const res = await call(
      ctx.broker,
      'POST',
      '/entityOperations/upsert',
      [
        { ...lamp(20), '@context': MODEL },
        {
          id: 'urn:ngsi-ld:Streetlight:21',
          type: 'Lamp',
          power: { type: 'Property', value: 'on' },
          '@context': OTHER,
        },
      ],
      { 'Content-Type': 'application/ld+json' },
    );
    expect(res.status).toBe(201);
    const got = await call(
      ctx.broker,
      'GET',
      '/entities?type=Streetlight&q=powerState=="on"',
      undefined,
      link(MODEL),
    );
    expect((got.body as { id: string }[]).map((e) => e.id).sort()).toEqual([
      'urn:ngsi-ld:Streetlight:2',
      'urn:ngsi-ld:Streetlight:20',
      'urn:ngsi-ld:Streetlight:21',
    ]);
  });

  it('expands and compacts temporal calls', async () => {
    const got = await call(
      ctx.broker,
      'GET',
      '/temporal/entities/urn:ngsi-ld:Streetlight:1?attrs=illuminance',
      undefined,
      link(MODEL),
    );
    expect(got.body).toMatchObject({ type: 'Streetlight', illuminance: [{ value: 10 }] });
    const query = await call(
      ctx.broker,
      'GET',
      '/temporal/entities?type=Lamp',
      undefined,
      link(OTHER),
    );
    expect((query.body as unknown[]).length).toBe(3);
  });

  it('expands and compacts context source registrations', async () => {
    const created = await call(
      ctx.broker,
      'POST',
      '/csourceRegistrations',
      {
        type: 'ContextSourceRegistration',
        information: [{ entities: [{ type: 'Streetlight' }], propertyNames: ['powerState'] }],
        endpoint: 'http://127.0.0.1:9/source',
      },
      link(MODEL),
    );
    expect(created.status).toBe(201);
    const got = await call(
      ctx.broker,
      'GET',
      '/csourceRegistrations?type=Lamp',
      undefined,
      link(OTHER),
    );
    expect(got.body).toMatchObject([
      { information: [{ entities: [{ type: 'Lamp' }], propertyNames: ['power'] }] },
    ]);
  });
});

describe('the classic integration bug: an entity created without its model @context', () => {
  const ctx = useBroker({ contexts: CONTEXTS });

  it('is not found by its short names under the model context, as on a real broker', async () => {
    // The supplier forgot the Link header: every name lands in the default vocabulary.
    await call(ctx.broker, 'POST', '/entities', lamp(1));
    const byType = await call(
      ctx.broker,
      'GET',
      '/entities?type=Streetlight',
      undefined,
      link(MODEL),
    );
    expect(byType.body).toEqual([]);
    const byQ = await call(ctx.broker, 'GET', '/entities?q=illuminance>0', undefined, link(MODEL));
    expect(byQ.body).toEqual([]);
    // Read by id under the model context, the names show up as default-context IRIs.
    const byId = await call(
      ctx.broker,
      'GET',
      '/entities/urn:ngsi-ld:Streetlight:1',
      undefined,
      link(MODEL),
    );
    expect(byId.body).toMatchObject({
      type: `${DEFAULT}Streetlight`,
      [`${DEFAULT}illuminance`]: { value: 10 },
    });
    // Created the right way, the same query finds it.
    await call(ctx.broker, 'POST', '/entities', lamp(2), link(MODEL));
    const fixed = await call(
      ctx.broker,
      'GET',
      '/entities?type=Streetlight',
      undefined,
      link(MODEL),
    );
    expect((fixed.body as { id: string }[]).map((e) => e.id)).toEqual([
      'urn:ngsi-ld:Streetlight:2',
    ]);
  });
});

describe('subscriptions under a @context', () => {
  const ctx = useBroker({ contexts: CONTEXTS });
  let server: Server | undefined;
  let received: Array<{ headers: IncomingMessage['headers']; body: Record<string, unknown> }> = [];
  let endpoint = '';

  beforeEach(async () => {
    received = [];
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => {
        text += c.toString('utf8');
      });
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(text) as Record<string, unknown> });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', () => r()));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`;
  });
  afterEach(async () => {
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  });

  it('matches on expanded types, watched attributes and q, and notifies in jsonldContext terms', async () => {
    const sub = {
      type: 'Subscription',
      entities: [{ type: 'Streetlight' }],
      watchedAttributes: ['illuminance'],
      q: 'illuminance>15',
      jsonldContext: OTHER,
      notification: { attributes: ['powerState'], endpoint: { uri: endpoint } },
    };
    expect((await call(ctx.broker, 'POST', '/subscriptions', sub, link(MODEL))).status).toBe(201);
    await call(ctx.broker, 'POST', '/entities', lamp(1), link(MODEL)); // illuminance 10: no match
    await call(ctx.broker, 'POST', '/entities', lamp(2), link(MODEL)); // 20: match
    await call(ctx.broker, 'POST', '/entities', lamp(3)); // default vocabulary: no match
    await ctx.broker.flushNotifications();
    expect(received).toHaveLength(1);
    expect(received[0]?.headers.link).toBe(formatLinkHeader(OTHER));
    expect(received[0]?.body.data).toEqual([
      { id: 'urn:ngsi-ld:Streetlight:2', type: 'Lamp', power: { type: 'Property', value: 'on' } },
    ]);
    const listed = await call(ctx.broker, 'GET', '/subscriptions', undefined, link(OTHER));
    expect(listed.body).toMatchObject([
      {
        entities: [{ type: 'Lamp' }],
        watchedAttributes: [`${NS}illuminance`],
        notification: { attributes: ['power'] },
        jsonldContext: OTHER,
      },
    ]);
  });

  it('notifies with the creation context when there is no jsonldContext', async () => {
    const sub = {
      type: 'Subscription',
      entities: [{ type: 'Streetlight' }],
      notification: { endpoint: { uri: endpoint } },
    };
    await call(ctx.broker, 'POST', '/subscriptions', sub, link(MODEL));
    await call(ctx.broker, 'POST', '/entities', lamp(1), link(MODEL));
    await ctx.broker.flushNotifications();
    expect(received[0]?.headers.link).toBe(formatLinkHeader(MODEL));
    expect(received[0]?.body.data).toEqual([lamp(1)]);
  });
});

describe('expandTerms: false', () => {
  const ctx = useBroker({ expandTerms: false });

  it('keeps names exactly as sent and ignores the @context', async () => {
    await call(ctx.broker, 'POST', '/entities', lamp(1));
    expect(
      ctx.broker.store.getEntity('urn:ngsi-ld:Streetlight:1', undefined, { expanded: true })?.type,
    ).toBe('Streetlight');
  });
});

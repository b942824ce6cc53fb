import { createClient, type NgsiLdClient } from '@smartcitylab/client';
import { isHttpError } from '@smartcitylab/ngsi-ld';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MiniBroker, startMiniBroker } from './support/mini-broker.js';

const CTX = 'https://smartdatamodels.org/context.jsonld';
const building = (n: number, extra: Record<string, unknown> = {}) => ({
  id: `urn:ngsi-ld:Building:${n}`,
  type: 'Building',
  height: { type: 'Property', value: 10 + n },
  ...extra,
});

let broker: MiniBroker;
let client: NgsiLdClient;

beforeAll(async () => {
  broker = await startMiniBroker();
  client = createClient({
    baseUrl: broker.url,
    tenant: 'malmo',
    context: CTX,
    retry: { retries: 0 },
  });
});
afterAll(() => broker.close());
beforeEach(() => {
  broker.entities.clear();
  broker.requests.length = 0;
});

describe('entity lifecycle', () => {
  it('creates, reads in every format, merges, replaces and deletes an entity', async () => {
    const id = await client.createEntity(building(1));
    expect(id).toBe('urn:ngsi-ld:Building:1');

    const normalized = await client.getEntity(id);
    expect(normalized).toMatchObject({
      id,
      type: 'Building',
      height: { type: 'Property', value: 11 },
    });
    const kv = await client.getEntity(id, { format: 'keyValues' });
    expect(kv).toEqual({ id, type: 'Building', height: 11 });

    await client.mergeEntity(id, { name: { type: 'Property', value: 'Town hall' } });
    expect(broker.entities.get(id)).toMatchObject({
      name: { value: 'Town hall' },
      height: { value: 11 },
    });

    await client.replaceEntity({ id, type: 'Building', height: { type: 'Property', value: 99 } });
    expect(broker.entities.get(id)).toEqual({
      id,
      type: 'Building',
      height: { type: 'Property', value: 99 },
    });

    await client.deleteEntity(id);
    expect(broker.entities.has(id)).toBe(false);
  });

  it('reports partial attribute updates and appends as UpdateResult', async () => {
    const id = await client.createEntity(building(2));
    const updated = await client.updateEntity(id, {
      height: { type: 'Property', value: 1 },
      colour: { type: 'Property', value: 'red' },
    });
    expect(updated).toEqual({
      updated: ['height'],
      notUpdated: [{ attributeName: 'colour', reason: 'not present' }],
    });

    const appended = await client.appendAttributes(
      id,
      { height: { type: 'Property', value: 5 }, floors: { type: 'Property', value: 3 } },
      { noOverwrite: true },
    );
    expect(appended.notUpdated.map((x) => x.attributeName)).toEqual(['height']);
    expect(broker.entities.get(id)).toMatchObject({ height: { value: 1 }, floors: { value: 3 } });
    expect(broker.requests.at(-1)?.url).toContain('options=noOverwrite');

    await client.updateAttribute(
      id,
      'floors',
      { value: 4 },
      { datasetId: 'urn:ngsi-ld:Dataset:a' },
    );
    expect(broker.requests.at(-1)?.body).toEqual({ value: 4, datasetId: 'urn:ngsi-ld:Dataset:a' });
    await client.deleteAttribute(id, 'floors', { deleteAll: true });
    expect(broker.requests.at(-1)?.url).toMatch(/\/attrs\/floors\?deleteAll=true$/);
    expect(broker.entities.get(id)).not.toHaveProperty('floors');
  });
});

describe('headers follow the NGSI-LD @context and tenant rules', () => {
  const cases = [
    {
      name: 'plain JSON body gets application/json and the Link header',
      entity: building(3),
      want: {
        'content-type': 'application/json',
        link: `<${CTX}>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"`,
      },
    },
    {
      name: 'body with @context goes as application/ld+json without Link',
      entity: building(4, { '@context': [CTX] }),
      want: { 'content-type': 'application/ld+json', link: undefined },
    },
  ];
  it.each(cases)('$name', async ({ entity, want }) => {
    await client.createEntity(entity);
    const sent = broker.requests.at(-1);
    expect(sent?.headers['content-type']).toBe(want['content-type']);
    expect(sent?.headers.link).toBe(want.link);
    expect(sent?.headers['ngsild-tenant']).toBe('malmo');
  });

  it('lets one call override the tenant', async () => {
    await client.queryEntities({ type: 'Building', tenant: 'lund' });
    expect(broker.requests.at(-1)?.headers['ngsild-tenant']).toBe('lund');
  });

  it('completes a mixed batch so every entity carries @context', async () => {
    await client.upsertEntities([building(5, { '@context': [CTX] }), building(6)]);
    const sent = broker.requests.at(-1);
    expect(sent?.headers['content-type']).toBe('application/ld+json');
    expect(sent?.headers.link).toBeUndefined();
    expect(((sent?.body ?? []) as { '@context'?: unknown }[]).map((e) => e['@context'])).toEqual([
      [CTX],
      CTX,
    ]);
  });
});

describe('typed errors from ProblemDetails', () => {
  const cases = [
    {
      name: 'missing entity',
      run: () => client.getEntity('urn:ngsi-ld:Building:404'),
      want: { status: 404, code: 'ResourceNotFound' },
    },
    {
      name: 'duplicate create',
      run: async () => {
        await client.createEntity(building(7));
        await client.createEntity(building(7));
      },
      want: { status: 409, code: 'AlreadyExists' },
    },
    {
      name: 'invalid entity',
      run: () => client.createEntity({ id: 'not-a-uri', type: 'Building' }),
      want: { status: 400, code: 'BadRequestData' },
    },
  ];
  it.each(cases)('$name → HttpError $want.code', async ({ run, want }) => {
    const err = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isHttpError(err)).toBe(true);
    if (!isHttpError(err)) return;
    expect({ status: err.status, code: err.code }).toEqual(want);
    expect(err.problem.type).toBe(`https://uri.etsi.org/ngsi-ld/errors/${want.code}`);
  });

  it('refuses an empty entity id before sending anything', async () => {
    await expect(client.getEntity('')).rejects.toMatchObject({ code: 'BadRequestData' });
    expect(broker.requests).toHaveLength(0);
  });
});

describe('queries', () => {
  beforeEach(async () => {
    await client.upsertEntities(Array.from({ length: 25 }, (_, i) => building(i)));
  });

  it('reads NGSILD-Results-Count with count: true', async () => {
    const page = await client.queryEntities({ type: 'Building', limit: 5, count: true });
    expect(page.entities).toHaveLength(5);
    expect(page.count).toBe(25);
  });

  it('sends q, geo, pick and format parameters', async () => {
    await client.queryEntities({
      type: 'Building',
      q: { toString: () => 'height>30' },
      georel: 'near;maxDistance==500',
      geometry: 'Point',
      coordinates: [13.0, 55.6],
      pick: ['id', 'height'],
      format: 'keyValues',
      sysAttrs: true,
    });
    const url = new URL(broker.requests.at(-1)?.url ?? '', 'http://x');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      type: 'Building',
      q: 'height>30',
      georel: 'near;maxDistance==500',
      geometry: 'Point',
      coordinates: '[13,55.6]',
      pick: 'id,height',
      options: 'keyValues,sysAttrs',
    });
  });

  it('filters with q and pages through everything with queryAll', async () => {
    const tall = await client.queryEntities({ type: 'Building', q: 'height>30', limit: 100 });
    expect(tall.entities.map((e) => e.id).sort()).toEqual(
      Array.from({ length: 4 }, (_, i) => `urn:ngsi-ld:Building:${21 + i}`).sort(),
    );
    const seen: string[] = [];
    for await (const e of client.queryAll({ type: 'Building', limit: 7 })) seen.push(e.id);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(broker.requests.filter((r) => r.method === 'GET')).toHaveLength(1 + 4);
  });

  it('lists and describes types', async () => {
    expect(await client.listTypes()).toMatchObject({ typeList: ['Building'] });
    expect(await client.getType('Building')).toMatchObject({ entityCount: 25 });
  });
});

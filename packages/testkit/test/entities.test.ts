import { describe, expect, it } from 'vitest';
import { call, room, useBroker } from './support.js';

const ERR = 'https://uri.etsi.org/ngsi-ld/errors/';

describe('entities', () => {
  const ctx = useBroker();

  it('creates, retrieves in every representation, and deletes an entity', async () => {
    const b = ctx.broker;
    const created = await call(b, 'POST', '/entities', room(1, 21, { name: 'Kök' }));
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/ngsi-ld/v1/entities/urn:ngsi-ld:Room:1');

    const cases = [
      {
        query: '',
        want: {
          id: 'urn:ngsi-ld:Room:1',
          type: 'Room',
          temperature: { type: 'Property', value: 21 },
          name: { type: 'Property', value: 'Kök' },
        },
      },
      {
        query: '?options=keyValues',
        want: { id: 'urn:ngsi-ld:Room:1', type: 'Room', temperature: 21, name: 'Kök' },
      },
      {
        query: '?format=simplified&pick=temperature',
        want: { id: 'urn:ngsi-ld:Room:1', type: 'Room', temperature: 21 },
      },
      {
        query: '?format=concise&omit=name',
        want: { id: 'urn:ngsi-ld:Room:1', type: 'Room', temperature: 21 },
      },
      {
        query: '?attrs=name&options=keyValues',
        want: { id: 'urn:ngsi-ld:Room:1', type: 'Room', name: 'Kök' },
      },
    ];
    for (const c of cases) {
      const got = await call(b, 'GET', `/entities/urn:ngsi-ld:Room:1${c.query}`);
      expect(got.status, c.query).toBe(200);
      expect(got.body, c.query).toEqual(c.want);
    }

    const sys = await call(b, 'GET', '/entities/urn:ngsi-ld:Room:1?options=sysAttrs');
    expect(sys.body).toMatchObject({
      createdAt: expect.any(String),
      temperature: { modifiedAt: expect.any(String) },
    });

    expect((await call(b, 'DELETE', '/entities/urn:ngsi-ld:Room:1')).status).toBe(204);
    const gone = await call(b, 'GET', '/entities/urn:ngsi-ld:Room:1');
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ type: `${ERR}ResourceNotFound` });
  });

  it('picks a language from a LanguageProperty with lang', async () => {
    const b = ctx.broker;
    await call(b, 'POST', '/entities', {
      id: 'urn:ngsi-ld:Park:1',
      type: 'Park',
      name: { type: 'LanguageProperty', languageMap: { sv: 'Slottsparken', en: 'Castle park' } },
    });
    const got = await call(b, 'GET', '/entities/urn:ngsi-ld:Park:1?lang=sv');
    expect(got.body).toMatchObject({
      name: { type: 'Property', value: 'Slottsparken', lang: 'sv' },
    });
  });

  it('replaces (PUT), merges (PATCH) and keeps the type', async () => {
    const b = ctx.broker;
    await call(b, 'POST', '/entities', room(2, 19, { name: 'Hall' }));
    expect(
      (
        await call(b, 'PUT', '/entities/urn:ngsi-ld:Room:2', {
          type: 'Room',
          humidity: { type: 'Property', value: 40 },
        })
      ).status,
    ).toBe(204);
    expect((await call(b, 'GET', '/entities/urn:ngsi-ld:Room:2?options=keyValues')).body).toEqual({
      id: 'urn:ngsi-ld:Room:2',
      type: 'Room',
      humidity: 40,
    });
    const merge = await call(b, 'PATCH', '/entities/urn:ngsi-ld:Room:2', {
      humidity: { value: 45, unitCode: 'P1' },
      co2: 400,
    });
    expect(merge.status).toBe(204);
    expect((await call(b, 'GET', '/entities/urn:ngsi-ld:Room:2')).body).toMatchObject({
      humidity: { type: 'Property', value: 45, unitCode: 'P1' },
      co2: { type: 'Property', value: 400 },
    });
    const deleteByNull = await call(b, 'PATCH', '/entities/urn:ngsi-ld:Room:2', {
      co2: 'urn:ngsi-ld:null',
    });
    expect(deleteByNull.status).toBe(204);
    expect((await call(b, 'GET', '/entities/urn:ngsi-ld:Room:2')).body).not.toHaveProperty('co2');
    const missing = await call(b, 'PATCH', '/entities/urn:ngsi-ld:Room:404', { co2: 1 });
    expect(missing.status).toBe(404);
  });

  it('appends attributes, honouring noOverwrite with a 207 UpdateResult', async () => {
    const b = ctx.broker;
    await call(b, 'POST', '/entities', room(3, 18));
    expect((await call(b, 'POST', '/entities/urn:ngsi-ld:Room:3/attrs', { co2: 420 })).status).toBe(
      204,
    );
    const kept = await call(b, 'POST', '/entities/urn:ngsi-ld:Room:3/attrs?options=noOverwrite', {
      temperature: 30,
      lux: 5,
    });
    expect(kept.status).toBe(207);
    expect(kept.body).toEqual({
      updated: ['lux'],
      notUpdated: [{ attributeName: 'temperature', reason: expect.any(String) }],
    });
    expect(
      (await call(b, 'GET', '/entities/urn:ngsi-ld:Room:3?options=keyValues')).body,
    ).toMatchObject({ temperature: 18, co2: 420, lux: 5 });
  });

  it('updates existing attributes only (PATCH /attrs: 204, or 207 naming the missing ones)', async () => {
    const b = ctx.broker;
    await call(b, 'POST', '/entities', room(4, 18));
    expect(
      (await call(b, 'PATCH', '/entities/urn:ngsi-ld:Room:4/attrs', { temperature: 19 })).status,
    ).toBe(204);
    const partial = await call(b, 'PATCH', '/entities/urn:ngsi-ld:Room:4/attrs', {
      temperature: 20,
      nope: 1,
    });
    expect(partial.status).toBe(207);
    expect(partial.body).toEqual({
      updated: ['temperature'],
      notUpdated: [{ attributeName: 'nope', reason: 'attribute not found' }],
    });
  });

  it('patches and deletes single attributes and datasetId instances', async () => {
    const b = ctx.broker;
    await call(b, 'POST', '/entities', {
      id: 'urn:ngsi-ld:Meter:1',
      type: 'Meter',
      power: [
        { type: 'Property', value: 1 },
        { type: 'Property', value: 2, datasetId: 'urn:ngsi-ld:Dataset:b' },
      ],
      status: { type: 'Property', value: 'ok', unitCode: 'X' },
    });
    expect(
      (await call(b, 'PATCH', '/entities/urn:ngsi-ld:Meter:1/attrs/status', { value: 'fault' }))
        .status,
    ).toBe(204);
    expect((await call(b, 'GET', '/entities/urn:ngsi-ld:Meter:1?pick=status')).body).toMatchObject({
      status: { type: 'Property', value: 'fault', unitCode: 'X' },
    });
    const dsDelete = await call(
      b,
      'DELETE',
      '/entities/urn:ngsi-ld:Meter:1/attrs/power?datasetId=urn:ngsi-ld:Dataset:b',
    );
    expect(dsDelete.status).toBe(204);
    expect((await call(b, 'GET', '/entities/urn:ngsi-ld:Meter:1?pick=power')).body).toMatchObject({
      power: { type: 'Property', value: 1 },
    });
    expect(
      (await call(b, 'DELETE', '/entities/urn:ngsi-ld:Meter:1/attrs/power?deleteAll=true')).status,
    ).toBe(204);
    expect((await call(b, 'DELETE', '/entities/urn:ngsi-ld:Meter:1/attrs/power')).status).toBe(404);
    expect(
      (await call(b, 'PATCH', '/entities/urn:ngsi-ld:Meter:1/attrs/none', { value: 1 })).status,
    ).toBe(404);
  });
});

describe('queries', () => {
  const ctx = useBroker();

  async function seed(): Promise<void> {
    const batch = Array.from({ length: 30 }, (_, k) =>
      room(k, k, {
        location: {
          type: 'GeoProperty',
          value: { type: 'Point', coordinates: [18 + k * 0.01, 59] },
        },
        ...(k % 3 === 0 ? { floor: { type: 'Property', value: k % 2 } } : {}),
      }),
    );
    batch.push({ id: 'urn:ngsi-ld:Door:1', type: 'Door', open: { type: 'Property', value: true } });
    expect((await call(ctx.broker, 'POST', '/entityOperations/create', batch)).status).toBe(201);
  }

  it.each([
    { name: 'type list', query: 'type=Room,Door&limit=100', want: 31 },
    { name: 'id list', query: 'id=urn:ngsi-ld:Room:1,urn:ngsi-ld:Door:1', want: 2 },
    { name: 'idPattern', query: 'idPattern=^urn:ngsi-ld:Room:2[0-9]$', want: 10 },
    { name: 'q comparison', query: 'type=Room&q=temperature>=25', want: 5 },
    { name: 'q and/or', query: 'type=Room&q=(temperature<3|temperature>27);floor==0', want: 1 },
    { name: 'attrs as filter', query: 'attrs=floor&limit=100', want: 10 },
    {
      name: 'geo near',
      query: 'type=Room&georel=near;maxDistance==1200&geometry=Point&coordinates=[18,59]',
      want: 3,
    },
    {
      name: 'geo within polygon',
      query: `type=Room&georel=within&geometry=Polygon&coordinates=${encodeURIComponent('[[[18.095,58.9],[18.195,58.9],[18.195,59.1],[18.095,59.1],[18.095,58.9]]]')}`,
      want: 10,
    },
  ])('filters by $name', async ({ query, want }) => {
    await seed();
    const got = await call(ctx.broker, 'GET', `/entities?${query}&count=true&limit=100`);
    expect(got.status, got.text).toBe(200);
    expect(got.headers.get('ngsild-results-count')).toBe(String(want));
    expect((got.body as unknown[]).length).toBe(want);
  });

  it('pages with limit/offset in creation order', async () => {
    await seed();
    const page = await call(
      ctx.broker,
      'GET',
      '/entities?type=Room&limit=5&offset=10&options=keyValues&pick=temperature',
    );
    expect((page.body as Array<{ temperature: number }>).map((e) => e.temperature)).toEqual([
      10, 11, 12, 13, 14,
    ]);
    const def = await call(ctx.broker, 'GET', '/entities?type=Room');
    expect((def.body as unknown[]).length).toBe(20);
  });

  it.each([
    {
      name: 'limit above 1000',
      query: 'type=Room&limit=1001',
      status: 403,
      type: `${ERR}TooManyResults`,
    },
    {
      name: 'limit 0 without count',
      query: 'type=Room&limit=0',
      status: 400,
      type: `${ERR}BadRequestData`,
    },
    {
      name: 'a broken q',
      query: 'type=Room&q=(temperature==1',
      status: 400,
      type: `${ERR}BadRequestData`,
    },
    {
      name: 'a broken geometry',
      query: 'type=Room&georel=near;maxDistance==1&geometry=Point&coordinates=[1',
      status: 400,
      type: `${ERR}BadRequestData`,
    },
    {
      name: 'an invalid idPattern',
      query: 'idPattern=(',
      status: 400,
      type: `${ERR}BadRequestData`,
    },
    { name: 'no filter at all', query: '', status: 400, type: `${ERR}BadRequestData` },
  ])('rejects $name', async ({ query, status, type }) => {
    const got = await call(ctx.broker, 'GET', `/entities?${query}`);
    expect(got.status).toBe(status);
    expect(got.body).toMatchObject({ type });
  });

  it('answers POST /entityOperations/query like GET /entities', async () => {
    await seed();
    const got = await call(ctx.broker, 'POST', '/entityOperations/query?count=true', {
      type: 'Query',
      entities: [{ type: 'Room' }],
      q: 'temperature<2',
    });
    expect(got.status).toBe(200);
    expect(got.headers.get('ngsild-results-count')).toBe('2');
  });

  it('lists types and attributes with details', async () => {
    await seed();
    expect((await call(ctx.broker, 'GET', '/types')).body).toMatchObject({
      type: 'EntityTypeList',
      typeList: ['Door', 'Room'],
    });
    expect((await call(ctx.broker, 'GET', '/types/Room')).body).toMatchObject({
      type: 'EntityTypeInfo',
      typeName: 'Room',
      entityCount: 30,
      attributeDetails: expect.arrayContaining([
        {
          // GS CIM 009: the id of an Attribute is its full IRI, attributeName the short name.
          id: 'https://uri.etsi.org/ngsi-ld/location',
          type: 'Attribute',
          attributeName: 'location',
          attributeTypes: ['GeoProperty'],
        },
      ]),
    });
    expect((await call(ctx.broker, 'GET', '/types?details=true')).body).toContainEqual({
      // The id of an EntityType is the full IRI (a name no context defines: the default vocabulary).
      id: 'https://uri.etsi.org/ngsi-ld/default-context/Door',
      type: 'EntityType',
      typeName: 'Door',
      attributeNames: ['open'],
    });
    expect((await call(ctx.broker, 'GET', '/attributes')).body).toMatchObject({
      attributeList: ['floor', 'location', 'open', 'temperature'],
    });
    expect((await call(ctx.broker, 'GET', '/attributes/floor')).body).toMatchObject({
      attributeCount: 10,
      typeNames: ['Room'],
    });
    expect((await call(ctx.broker, 'GET', '/attributes/nothing')).status).toBe(404);
    expect((await call(ctx.broker, 'GET', '/types/Nothing')).status).toBe(404);
  });

  it('answers GeoJSON when asked for application/geo+json', async () => {
    await seed();
    const got = await call(ctx.broker, 'GET', '/entities?type=Room&limit=1', undefined, {
      Accept: 'application/geo+json',
    });
    expect(got.headers.get('content-type')).toBe('application/geo+json');
    expect(got.body).toMatchObject({
      type: 'FeatureCollection',
      features: [
        {
          id: 'urn:ngsi-ld:Room:0',
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [18, 59] },
        },
      ],
    });
  });
});

describe('batch operations', () => {
  const ctx = useBroker();

  it('upserts with replace (default) and update, and reports per-entity errors', async () => {
    const b = ctx.broker;
    expect(
      (await call(b, 'POST', '/entityOperations/upsert', [room(1, 1, { name: 'A' })])).status,
    ).toBe(201);
    expect(
      (await call(b, 'POST', '/entityOperations/upsert?options=update', [room(1, 2)])).status,
    ).toBe(204);
    expect((await call(b, 'GET', '/entities/urn:ngsi-ld:Room:1?options=keyValues')).body).toEqual({
      id: 'urn:ngsi-ld:Room:1',
      type: 'Room',
      temperature: 2,
      name: 'A',
    });
    expect((await call(b, 'POST', '/entityOperations/upsert', [room(1, 3)])).status).toBe(204);
    expect((await call(b, 'GET', '/entities/urn:ngsi-ld:Room:1?options=keyValues')).body).toEqual({
      id: 'urn:ngsi-ld:Room:1',
      type: 'Room',
      temperature: 3,
    });
    const mixed = await call(b, 'POST', '/entityOperations/upsert', [
      room(2),
      { id: 'not a uri', type: 'Room' },
    ]);
    expect(mixed.status).toBe(207);
    expect(mixed.body).toMatchObject({
      success: ['urn:ngsi-ld:Room:2'],
      errors: [{ entityId: 'not a uri', error: { type: `${ERR}BadRequestData`, status: 400 } }],
    });
  });

  it('updates, merges and deletes in batches', async () => {
    const b = ctx.broker;
    await call(b, 'POST', '/entityOperations/create', [room(1), room(2)]);
    const upd = await call(b, 'POST', '/entityOperations/update', [room(1, 5), room(9, 5)]);
    expect(upd.status).toBe(207);
    expect(upd.body).toMatchObject({
      success: ['urn:ngsi-ld:Room:1'],
      errors: [
        { entityId: 'urn:ngsi-ld:Room:9', error: { type: `${ERR}ResourceNotFound`, status: 404 } },
      ],
    });
    expect(
      (
        await call(b, 'POST', '/entityOperations/merge', [
          { id: 'urn:ngsi-ld:Room:2', type: 'Room', lux: 3 },
        ])
      ).status,
    ).toBe(204);
    expect(
      (await call(b, 'GET', '/entities/urn:ngsi-ld:Room:2?options=keyValues')).body,
    ).toMatchObject({ lux: 3, temperature: 20 });
    expect(
      (
        await call(b, 'POST', '/entityOperations/delete', [
          'urn:ngsi-ld:Room:1',
          'urn:ngsi-ld:Room:2',
        ])
      ).status,
    ).toBe(204);
    expect(b.store.entityCount()).toBe(0);
  });

  it.each([
    { name: 'an empty array', body: [] },
    { name: 'an object', body: { id: 'urn:x:1', type: 'T' } },
  ])('rejects $name as batch body', async ({ body }) => {
    const got = await call(ctx.broker, 'POST', '/entityOperations/create', body);
    expect(got.status).toBe(400);
    expect(got.body).toMatchObject({ type: `${ERR}BadRequestData` });
  });
});

import { startBroker } from '@smartcitylab/testkit';
import { describe, expect, it } from 'vitest';
import { call, room, useBroker } from './support.js';

const ERR = 'https://uri.etsi.org/ngsi-ld/errors/';

describe('bad input never crashes the broker', () => {
  const ctx = useBroker({
    maxBodyBytes: 64 * 1024,
    contexts: {
      'https://example.org/ctx.jsonld': { '@context': { Door: 'https://example.org/Door' } },
    },
  });

  const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
  const deepObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;

  it.each([
    {
      name: 'malformed JSON',
      body: '{"id": "urn:x:1", ',
      status: 400,
      type: `${ERR}InvalidRequest`,
    },
    { name: 'an empty JSON document', body: ' ', status: 400, type: `${ERR}InvalidRequest` },
    { name: '10,000-deep arrays', body: deep, status: 400, type: `${ERR}BadRequestData` },
    { name: '10,000-deep objects', body: deepObject, status: 400, type: `${ERR}BadRequestData` },
    {
      name: 'a __proto__ key',
      body: '{"id":"urn:x:1","type":"T","__proto__":{"polluted":true}}',
      status: 400,
      type: `${ERR}BadRequestData`,
    },
    {
      name: 'a nested __proto__ key',
      body: '{"id":"urn:x:1","type":"T","p":{"type":"Property","value":{"__proto__":{"polluted":1}}}}',
      status: 400,
      type: `${ERR}BadRequestData`,
    },
    {
      name: 'a JSON string instead of an entity',
      body: '"hello"',
      status: 400,
      type: `${ERR}BadRequestData`,
    },
    {
      name: 'an entity without type',
      body: '{"id":"urn:x:1"}',
      status: 400,
      type: `${ERR}BadRequestData`,
    },
    {
      name: 'an id that is not a URI',
      body: '{"id":"E1","type":"T"}',
      status: 400,
      type: `${ERR}BadRequestData`,
    },
    {
      name: 'an attribute with a bad GeoJSON value',
      body: '{"id":"urn:x:1","type":"T","location":{"type":"GeoProperty","value":{"type":"Point","coordinates":"x"}}}',
      status: 400,
      type: `${ERR}BadRequestData`,
    },
  ])('answers $status for $name', async ({ body, status, type }) => {
    const got = await call(ctx.broker, 'POST', '/entities', body);
    expect(got.status, got.text).toBe(status);
    expect(got.body).toMatchObject({ type });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // ...and keeps serving.
    expect((await call(ctx.broker, 'GET', '/types')).status).toBe(200);
  });

  it('answers 413 for a body above maxBodyBytes and keeps serving', async () => {
    const huge = JSON.stringify(
      room(1, 1, { blob: { type: 'Property', value: 'x'.repeat(200_000) } }),
    );
    const got = await call(ctx.broker, 'POST', '/entities', huge);
    expect(got.status).toBe(413);
    expect(got.body).toMatchObject({ type: `${ERR}BadRequestData`, title: 'Payload Too Large' });
    expect((await call(ctx.broker, 'POST', '/entities', room(1))).status).toBe(201);
  });

  it.each([
    { name: 'text/plain body', headers: { 'Content-Type': 'text/plain' }, status: 415 },
    { name: 'no Content-Type', headers: { 'Content-Type': '' }, status: 415 },
    {
      name: 'ld+json without @context',
      headers: { 'Content-Type': 'application/ld+json' },
      status: 400,
    },
    {
      name: 'ld+json with a Link header',
      headers: {
        'Content-Type': 'application/ld+json',
        Link: '<https://example.org/ctx.jsonld>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"',
      },
      status: 400,
    },
    {
      name: 'Accept: text/html',
      headers: { 'Content-Type': 'application/json', Accept: 'text/html' },
      status: 406,
    },
  ])('applies the content rules: $name → $status', async ({ headers, status }) => {
    const got = await call(ctx.broker, 'POST', '/entities', JSON.stringify(room(5)), headers);
    expect(got.status, got.text).toBe(status);
    expect(ctx.broker.store.entityCount()).toBe(0);
  });

  it('answers 415 (not 400) for a non-JSON body in a non-JSON media type', async () => {
    const got = await call(ctx.broker, 'POST', '/entities', 'id=urn:x:1&type=T', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(got.status).toBe(415);
  });

  it('rejects @context in an application/json body', async () => {
    const got = await call(ctx.broker, 'POST', '/entities', {
      ...room(6),
      '@context': 'https://example.org/ctx.jsonld',
    });
    expect(got.status).toBe(400);
  });

  it('echoes the request @context in JSON-LD answers', async () => {
    const ctxUrl = 'https://example.org/ctx.jsonld';
    await call(
      ctx.broker,
      'POST',
      '/entities',
      { ...room(7), '@context': ctxUrl },
      { 'Content-Type': 'application/ld+json' },
    );
    const link = `<${ctxUrl}>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"`;
    const got = await call(ctx.broker, 'GET', '/entities/urn:ngsi-ld:Room:7', undefined, {
      Accept: 'application/ld+json',
      Link: link,
    });
    expect(got.headers.get('content-type')).toBe('application/ld+json');
    expect(got.body).toMatchObject({ '@context': ctxUrl, id: 'urn:ngsi-ld:Room:7' });
    const plain = await call(ctx.broker, 'GET', '/entities/urn:ngsi-ld:Room:7', undefined, {
      Link: link,
    });
    expect(plain.headers.get('link')).toBe(link);
  });

  it.each([
    { name: 'an unknown path', method: 'GET', path: '/nothing', status: 404 },
    { name: 'a path outside the API', method: 'GET', path: '/../x', status: 404 },
    { name: 'a wrong method', method: 'PUT', path: '/entities', status: 405 },
    {
      name: 'an unknown batch operation',
      method: 'POST',
      path: '/entityOperations/explode',
      status: 404,
    },
    { name: 'bad percent-encoding', method: 'GET', path: '/entities/%E0%A4%A', status: 400 },
  ])('answers $status for $name', async ({ method, path, status }) => {
    const got = await call(ctx.broker, method, path);
    expect(got.status).toBe(status);
    expect(got.body).toMatchObject({ type: expect.any(String) });
  });
});

describe('tenants', () => {
  const ctx = useBroker();

  it('creates a tenant on first write and keeps tenants apart', async () => {
    const b = ctx.broker;
    const unknown = await call(b, 'GET', '/entities?type=Room', undefined, {
      'NGSILD-Tenant': 'lund',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      type: `${ERR}NonexistentTenant`,
      title: 'No such tenant',
      detail: 'lund',
    });

    expect((await call(b, 'POST', '/entities', room(1), { 'NGSILD-Tenant': 'lund' })).status).toBe(
      201,
    );
    const inLund = await call(b, 'GET', '/entities?type=Room', undefined, {
      'NGSILD-Tenant': 'lund',
    });
    expect((inLund.body as unknown[]).length).toBe(1);
    const inDefault = await call(b, 'GET', '/entities?type=Room');
    expect(inDefault.body).toEqual([]);
    expect(b.store.tenants().sort()).toEqual(['', 'lund']);
    expect(b.store.entityCount('lund')).toBe(1);
  });

  it('answers 501 NoMultiTenantSupport when tenants are off', async () => {
    const b = await startBroker({ tenants: false });
    try {
      const got = await call(b, 'GET', '/entities?type=Room', undefined, {
        'NGSILD-Tenant': 'lund',
      });
      expect(got.status).toBe(501);
      expect(got.body).toMatchObject({ type: `${ERR}NoMultiTenantSupport` });
    } finally {
      await b.close();
    }
  });
});

describe('registrations and hosted contexts', () => {
  const ctx = useBroker();

  it('stores context source registrations (CRUD)', async () => {
    const b = ctx.broker;
    const reg = {
      id: 'urn:ngsi-ld:ContextSourceRegistration:1',
      type: 'ContextSourceRegistration',
      information: [{ entities: [{ type: 'WeatherObserved' }] }],
      endpoint: 'http://weather.example.org',
    };
    expect((await call(b, 'POST', '/csourceRegistrations', reg)).status).toBe(201);
    expect((await call(b, 'POST', '/csourceRegistrations', reg)).status).toBe(409);
    expect(
      (await call(b, 'POST', '/csourceRegistrations', { ...reg, id: 'urn:x:2', endpoint: 5 }))
        .status,
    ).toBe(400);
    expect((await call(b, 'GET', '/csourceRegistrations?type=WeatherObserved')).body).toEqual([
      reg,
    ]);
    expect(
      (
        await call(b, 'PATCH', `/csourceRegistrations/${reg.id}`, {
          endpoint: 'http://other.example.org',
        })
      ).status,
    ).toBe(204);
    expect((await call(b, 'GET', `/csourceRegistrations/${reg.id}`)).body).toMatchObject({
      endpoint: 'http://other.example.org',
    });
    expect((await call(b, 'DELETE', `/csourceRegistrations/${reg.id}`)).status).toBe(204);
    expect((await call(b, 'GET', `/csourceRegistrations/${reg.id}`)).status).toBe(404);
  });

  it('hosts, lists and deletes @context documents', async () => {
    const b = ctx.broker;
    const added = await call(b, 'POST', '/jsonldContexts', {
      '@context': { temperature: 'https://example.org/temperature' },
    });
    expect(added.status).toBe(201);
    const location = added.headers.get('location') ?? '';
    const list = await call(b, 'GET', '/jsonldContexts');
    expect(list.body).toContain(`${b.url}${location}`);
    const doc = await fetch(`${b.url}${location}`);
    expect(await doc.json()).toEqual({
      '@context': { temperature: 'https://example.org/temperature' },
    });
    expect((await fetch(`${b.url}${location}`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${b.url}${location}`)).status).toBe(404);
    expect((await call(b, 'POST', '/jsonldContexts', { nope: 1 })).status).toBe(400);
  });
});

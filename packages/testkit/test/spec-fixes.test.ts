/**
 * Spec violations a third-party conformance suite found, and CORS for browser clients.
 */
import { startBroker } from '@smartcitylab/testkit';
import { describe, expect, it } from 'vitest';
import { call, room, useBroker } from './support.js';

const sub = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'Subscription',
  entities: [{ type: 'Room' }],
  notification: { endpoint: { uri: 'http://127.0.0.1:9/notify' } },
  ...extra,
});

describe('GS CIM 009 clause 4.9: strings in q are quoted', () => {
  const ctx = useBroker();

  it.each(['brandName==Mercedes', 'a>>>4', 'speed>==5'])(
    'answers q=%s with 400 BadRequestData in queries and subscriptions',
    async (q) => {
      const query = await call(ctx.broker, 'GET', `/entities?type=Room&q=${encodeURIComponent(q)}`);
      expect(query.status).toBe(400);
      expect((query.body as { type: string }).type).toContain('BadRequestData');
      const created = await call(ctx.broker, 'POST', '/subscriptions', sub({ q }));
      expect(created.status).toBe(400);
      expect((created.body as { type: string }).type).toContain('BadRequestData');
    },
  );

  it('accepts the quoted string and an unquoted URI', async () => {
    await call(
      ctx.broker,
      'POST',
      '/entities',
      room(1, 20, { brandName: { type: 'Property', value: 'Mercedes' } }),
    );
    const got = await call(ctx.broker, 'GET', '/entities?type=Room&q=brandName=="Mercedes"');
    expect(got.body).toHaveLength(1);
    expect(
      (await call(ctx.broker, 'GET', '/entities?type=Room&q=ref==urn:ngsi-ld:X:1')).status,
    ).toBe(200);
  });
});

describe('subscription validation', () => {
  const ctx = useBroker();

  it.each([
    { name: 'watchedAttributes: []', body: sub({ watchedAttributes: [] }) },
    { name: 'entities: []', body: sub({ entities: [] }) },
    { name: 'no type', body: (({ type: _t, ...rest }) => rest)(sub()) },
    { name: 'another type', body: sub({ type: 'Subscriptions' }) },
  ])('answers POST with $name with 400', async ({ body }) => {
    const res = await call(ctx.broker, 'POST', '/subscriptions', body);
    expect(res.status).toBe(400);
    expect((res.body as { type: string }).type).toContain('BadRequestData');
  });

  it.each([
    { name: 'watchedAttributes: []', body: { watchedAttributes: [] } },
    { name: 'entities: []', body: { entities: [] } },
  ])('answers PATCH with $name with 400', async ({ body }) => {
    await call(ctx.broker, 'POST', '/subscriptions', sub({ id: 'urn:ngsi-ld:Subscription:p' }));
    const res = await call(ctx.broker, 'PATCH', '/subscriptions/urn:ngsi-ld:Subscription:p', body);
    expect(res.status).toBe(400);
  });
});

describe('an empty {} body on attribute updates', () => {
  const ctx = useBroker();

  it('answers append, update and single-attribute PATCH alike (400 BadRequestData)', async () => {
    await call(ctx.broker, 'POST', '/entities', room(1));
    const id = 'urn:ngsi-ld:Room:1';
    const answers = [
      await call(ctx.broker, 'POST', `/entities/${id}/attrs`, {}),
      await call(ctx.broker, 'PATCH', `/entities/${id}/attrs`, {}),
      await call(ctx.broker, 'PATCH', `/entities/${id}/attrs/temperature`, {}),
    ];
    for (const a of answers) {
      expect(a.status).toBe(400);
      expect(a.body).toEqual(answers[0]?.body);
    }
  });
});

describe('Accept negotiation (clause 6.3.4)', () => {
  const ctx = useBroker();

  it.each([
    { accept: 'application/ld+json, application/json', want: 'application/ld+json' },
    { accept: 'application/json, application/ld+json', want: 'application/json' },
    { accept: 'application/json;q=0.5, application/ld+json', want: 'application/ld+json' },
    { accept: 'application/ld+json;q=0.2, application/json;q=0.9', want: 'application/json' },
    { accept: '*/*', want: 'application/json' },
    { accept: 'application/*', want: 'application/json' },
    { accept: 'text/html, */*;q=0.1', want: 'application/json' },
    { accept: 'application/geo+json', want: 'application/geo+json' },
  ])('answers Accept: $accept with $want', async ({ accept, want }) => {
    await call(ctx.broker, 'POST', '/entities', room(1));
    const got = await call(ctx.broker, 'GET', '/entities/urn:ngsi-ld:Room:1', undefined, {
      Accept: accept,
    });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe(want);
  });

  it('answers 406 when nothing acceptable is listed', async () => {
    await call(ctx.broker, 'POST', '/entities', room(1));
    const got = await call(ctx.broker, 'GET', '/entities/urn:ngsi-ld:Room:1', undefined, {
      Accept: 'text/html, application/json;q=0',
    });
    expect(got.status).toBe(406);
  });
});

describe('CORS', () => {
  const ctx = useBroker();

  it('answers preflights and exposes the NGSI-LD headers to any origin by default', async () => {
    const pre = await fetch(`${ctx.broker.apiUrl}/entities`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, link, ngsild-tenant',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(pre.headers.get('access-control-allow-headers')).toBe(
      'content-type, link, ngsild-tenant',
    );
    const res = await call(ctx.broker, 'GET', '/types', undefined, { Origin: 'http://x.test' });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    for (const h of [
      'Link',
      'Location',
      'NGSILD-Results-Count',
      'Content-Range',
      'NGSILD-Tenant',
    ]) {
      expect(res.headers.get('access-control-expose-headers')).toContain(h);
    }
  });

  it('allows only the configured origin, and can be turned off', async () => {
    const only = await startBroker({ cors: { origin: 'http://app.test' } });
    const off = await startBroker({ cors: false });
    try {
      const ok = await call(only, 'GET', '/types', undefined, { Origin: 'http://app.test' });
      expect(ok.headers.get('access-control-allow-origin')).toBe('http://app.test');
      const other = await call(only, 'GET', '/types', undefined, { Origin: 'http://evil.test' });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const none = await call(off, 'GET', '/types', undefined, { Origin: 'http://app.test' });
      expect(none.headers.get('access-control-allow-origin')).toBeNull();
      expect((await fetch(`${off.apiUrl}/types`, { method: 'OPTIONS' })).status).toBe(405);
    } finally {
      await only.close();
      await off.close();
    }
  });
});

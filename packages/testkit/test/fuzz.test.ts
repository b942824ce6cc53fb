import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { call, room, useBroker } from './support.js';

/** Entity-shaped JSON: sometimes valid ids/types, attributes of any JSON value. */
const entityLike = fc.record(
  {
    id: fc.oneof(fc.constant('urn:ngsi-ld:Room:1'), fc.webUrl(), fc.string(), fc.jsonValue()),
    type: fc.oneof(fc.constant('Room'), fc.string(), fc.array(fc.string()), fc.jsonValue()),
    temperature: fc.jsonValue(),
    location: fc.oneof(
      fc.jsonValue(),
      fc.record({ type: fc.constant('GeoProperty'), value: fc.jsonValue() }),
      fc.record({ type: fc.constant('Point'), coordinates: fc.array(fc.double()) }),
    ),
    sub: fc.dictionary(fc.string(), fc.jsonValue()),
  },
  { requiredKeys: [] },
);

describe('arbitrary input never breaks the broker', () => {
  const ctx = useBroker();

  const targets = [
    { method: 'POST', path: '/entities' },
    { method: 'PATCH', path: '/entities/urn:ngsi-ld:Room:1' },
    { method: 'PUT', path: '/entities/urn:ngsi-ld:Room:1' },
    { method: 'POST', path: '/entities/urn:ngsi-ld:Room:1/attrs' },
    { method: 'PATCH', path: '/entities/urn:ngsi-ld:Room:1/attrs' },
    { method: 'PATCH', path: '/entities/urn:ngsi-ld:Room:1/attrs/temperature' },
    { method: 'POST', path: '/entityOperations/upsert', batch: true },
    { method: 'POST', path: '/entityOperations/merge', batch: true },
    { method: 'POST', path: '/entityOperations/query' },
    { method: 'POST', path: '/subscriptions' },
    { method: 'POST', path: '/temporal/entities' },
    { method: 'POST', path: '/csourceRegistrations' },
  ];

  it.each(targets)(
    '$method $path answers a 2xx/4xx for any JSON body',
    async ({ method, path, batch }) => {
      await call(ctx.broker, 'POST', '/entities', room(1));
      await fc.assert(
        fc.asyncProperty(fc.oneof(entityLike, fc.jsonValue()), async (value) => {
          const body = batch ? [value] : value;
          const got = await call(ctx.broker, method, path, JSON.stringify(body));
          expect(got.status, got.text).toBeGreaterThanOrEqual(200);
          expect(got.status, got.text).toBeLessThan(500);
          if (got.status >= 400) expect(got.body).toMatchObject({ type: expect.any(String) });
        }),
        { numRuns: 60, seed: 20261125 },
      );
      expect((await call(ctx.broker, 'GET', '/types')).status).toBe(200);
    },
  );

  it('answers any query string without a server error', async () => {
    await call(ctx.broker, 'POST', '/entities', room(1));
    const params = fc.dictionary(
      fc.constantFrom(
        'type',
        'id',
        'idPattern',
        'q',
        'attrs',
        'limit',
        'offset',
        'georel',
        'geometry',
        'coordinates',
        'options',
        'format',
        'lang',
        'count',
      ),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(params, async (p) => {
        const qs = Object.entries(p)
          .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
          .join('&');
        const got = await call(ctx.broker, 'GET', `/entities?${qs}`);
        expect(got.status, `${qs} → ${got.text}`).toBeLessThan(500);
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});

/**
 * Where @context documents come from (built-in core, preloaded, hosted, fetched when
 * allowed) and how resolution fails: 503 LdContextNotAvailable, 400 InvalidRequest.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CORE_CONTEXT, formatLinkHeader } from '@smartcitylab/ngsi-ld';
import { type Broker, startBroker } from '@smartcitylab/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeWithFixtures, readFixtureJson } from '../../../test-support/fixtures.js';
import { call, useBroker } from './support.js';

const link = (url: string): Record<string, string> => ({ Link: formatLinkHeader(url) });
const entity = {
  id: 'urn:ngsi-ld:Thing:1',
  type: 'Thing',
  level: { type: 'Property', value: 1 },
};

/** A context server on 127.0.0.1: path → [status, body text] (or 'hang'); counts hits. */
function contextServer(routes: Record<string, [number, string] | 'hang'>): {
  start(): Promise<string>;
  stop(): Promise<void>;
  hits: Map<string, number>;
} {
  const hits = new Map<string, number>();
  let server: Server | undefined;
  return {
    hits,
    start: async () => {
      server = createServer((req, res) => {
        const path = req.url ?? '/';
        hits.set(path, (hits.get(path) ?? 0) + 1);
        const route = routes[path];
        if (route === 'hang') return;
        const [status, text] = route ?? [404, 'not found'];
        res.writeHead(status, { 'Content-Type': 'application/ld+json' }).end(text);
      });
      const s = server;
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
      return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    },
    stop: () =>
      new Promise<void>((r) => {
        server?.closeAllConnections();
        server ? server.close(() => r()) : r();
      }),
  };
}

async function problemOf(
  broker: Broker,
  headers: Record<string, string>,
): Promise<{ status: number; type: string; detail: string }> {
  const res = await call(broker, 'POST', '/entities', entity, headers);
  const body = (res.body ?? {}) as { type?: string; detail?: string };
  return { status: res.status, type: body.type ?? '', detail: body.detail ?? '' };
}

describe('offline resolution', () => {
  const ctx = useBroker({
    contexts: {
      'https://a.example/ctx.jsonld': {
        '@context': ['https://b.example/ctx.jsonld', { level: 'https://a.example/level' }],
      },
      'https://b.example/ctx.jsonld': { '@context': { Thing: 'https://b.example/Thing' } },
      'https://import.example/ctx.jsonld': {
        '@context': { '@import': 'https://b.example/ctx.jsonld', level: 'https://i.example/level' },
      },
      'https://loop-1.example/ctx.jsonld': { '@context': 'https://loop-2.example/ctx.jsonld' },
      'https://loop-2.example/ctx.jsonld': { '@context': ['https://loop-1.example/ctx.jsonld'] },
      'https://bad.example/no-context.jsonld': { Thing: 'https://b.example/Thing' },
      'https://bad.example/number.jsonld': { '@context': { Thing: 42 } },
      ...Object.fromEntries(
        Array.from({ length: 12 }, (_, k) => [
          `https://deep.example/${k}.jsonld`,
          { '@context': k === 11 ? {} : `https://deep.example/${k + 1}.jsonld` },
        ]),
      ),
    },
  });

  it('resolves the core context without any network, under each of its URLs', async () => {
    expect((await problemOf(ctx.broker, link(CORE_CONTEXT))).status).toBe(201);
  });

  it('resolves nested and array contexts from the preloaded documents', async () => {
    expect((await problemOf(ctx.broker, link('https://a.example/ctx.jsonld'))).status).toBe(201);
    const stored = ctx.broker.store.getEntity(entity.id, undefined, { expanded: true });
    expect(stored?.type).toBe('https://b.example/Thing');
    expect(stored).toHaveProperty(['https://a.example/level']);
  });

  it('resolves @import, the local definitions winning', async () => {
    expect((await problemOf(ctx.broker, link('https://import.example/ctx.jsonld'))).status).toBe(
      201,
    );
    const stored = ctx.broker.store.getEntity(entity.id, undefined, { expanded: true });
    expect(stored?.type).toBe('https://b.example/Thing');
    expect(stored).toHaveProperty(['https://i.example/level']);
  });

  it.each([
    {
      name: 'a context that imports itself',
      url: 'https://loop-1.example/ctx.jsonld',
      status: 400,
      type: 'InvalidRequest',
      detail: 'imports itself',
    },
    {
      name: 'contexts nested too deeply',
      url: 'https://deep.example/0.jsonld',
      status: 400,
      type: 'InvalidRequest',
      detail: 'deeper than 8 levels',
    },
    {
      name: 'a document without @context',
      url: 'https://bad.example/no-context.jsonld',
      status: 400,
      type: 'InvalidRequest',
      detail: 'not a JSON-LD context document',
    },
    {
      name: 'a term definition that is a number',
      url: 'https://bad.example/number.jsonld',
      status: 400,
      type: 'InvalidRequest',
      detail: "definition of 'Thing'",
    },
    {
      name: 'a context that is neither preloaded nor hosted (fetching is off)',
      url: 'https://nowhere.example/ctx.jsonld',
      status: 503,
      type: 'LdContextNotAvailable',
      detail: 'preload the document',
    },
  ])('answers $name with $status $type', async ({ url, status, type, detail }) => {
    const got = await problemOf(ctx.broker, link(url));
    expect(got.status).toBe(status);
    expect(got.type).toBe(`https://uri.etsi.org/ngsi-ld/errors/${type}`);
    expect(got.detail).toContain(detail);
  });

  it('lists and serves the preloaded contexts under /jsonldContexts', async () => {
    const list = await call(ctx.broker, 'GET', '/jsonldContexts');
    expect(list.body).toContain('https://a.example/ctx.jsonld');
    const one = await call(
      ctx.broker,
      'GET',
      `/jsonldContexts/${encodeURIComponent('https://b.example/ctx.jsonld')}`,
    );
    expect(one.body).toEqual({ '@context': { Thing: 'https://b.example/Thing' } });
  });

  it('uses contexts hosted under /jsonldContexts, and forgets them once deleted', async () => {
    const added = await call(ctx.broker, 'POST', '/jsonldContexts', {
      '@context': { Thing: 'https://hosted.example/Thing' },
    });
    const url = `${ctx.broker.url}${added.headers.get('location')}`;
    expect((await problemOf(ctx.broker, link(url))).status).toBe(201);
    expect(ctx.broker.store.getEntity(entity.id, undefined, { expanded: true })?.type).toBe(
      'https://hosted.example/Thing',
    );
    await call(
      ctx.broker,
      'DELETE',
      added.headers.get('location')?.replace('/ngsi-ld/v1', '') ?? '',
    );
    const after = await call(ctx.broker, 'GET', '/types', undefined, link(url));
    expect(after.status).toBe(503);
  });

  it('gives an inline context a hosted URL for Link headers', async () => {
    await call(
      ctx.broker,
      'POST',
      '/entities',
      { ...entity, '@context': { Thing: 'https://x.example/T' } },
      {
        'Content-Type': 'application/ld+json',
      },
    );
    const got = await call(
      ctx.broker,
      'POST',
      '/entityOperations/query',
      {
        type: 'Query',
        entities: [{ type: 'Thing' }],
        '@context': { Thing: 'https://x.example/T' },
      },
      { 'Content-Type': 'application/ld+json' },
    );
    expect(got.body).toHaveLength(1);
    const url = /<([^>]+)>/.exec(got.headers.get('link') ?? '')?.[1] ?? '';
    expect(url.startsWith(`${ctx.broker.url}/ngsi-ld/v1/jsonldContexts/`)).toBe(true);
    const served = await fetch(url);
    expect(await served.json()).toEqual({ '@context': { Thing: 'https://x.example/T' } });
  });
});

describe('remote fetching (fetchContexts)', () => {
  const big = JSON.stringify({ '@context': { Thing: `https://r.example/${'x'.repeat(5000)}` } });
  const remote = contextServer({
    '/ctx.jsonld': [200, JSON.stringify({ '@context': { Thing: 'https://r.example/Thing' } })],
    '/big.jsonld': [200, big],
    '/broken.jsonld': [200, '{ not json'],
    '/gone.jsonld': [404, 'gone'],
    '/slow.jsonld': 'hang',
  });
  let base = '';
  let broker: Broker | undefined;
  beforeEach(async () => {
    base = await remote.start();
    // A fetch that should succeed or fail for its own reason gets a generous deadline: on a loaded
    // CI machine 300 ms can pass before the local context server answers, turning it into a 503.
    broker = await startBroker({
      fetchContexts: { timeoutMs: 60_000, maxBytes: 2000, cacheSize: 2 },
    });
  });
  afterEach(async () => {
    await broker?.close();
    await remote.stop();
  });

  it('fetches a context once and answers from the cache afterwards', async () => {
    const b = broker as Broker;
    expect((await problemOf(b, link(`${base}/ctx.jsonld`))).status).toBe(201);
    expect(
      (await call(b, 'GET', '/types', undefined, link(`${base}/ctx.jsonld`))).body,
    ).toMatchObject({
      typeList: ['Thing'],
    });
    expect(remote.hits.get('/ctx.jsonld')).toBe(1);
  });

  it.each([
    { path: '/big.jsonld', status: 503, detail: '2000-byte limit' },
    { path: '/broken.jsonld', status: 400, detail: 'is not JSON' },
    { path: '/gone.jsonld', status: 503, detail: 'answered 404' },
  ])('refuses $path with $status', async ({ path, status, detail }) => {
    const got = await problemOf(broker as Broker, link(`${base}${path}`));
    expect(got.status).toBe(status);
    expect(got.detail).toContain(detail);
  });

  it('refuses a context that never arrives with 503 after timeoutMs', async () => {
    // Its own broker with a short deadline: the one place the timeout is meant to fire.
    const impatient = await startBroker({ fetchContexts: { timeoutMs: 300 } });
    try {
      const got = await problemOf(impatient, link(`${base}/slow.jsonld`));
      expect(got.status).toBe(503);
      expect(got.detail).toContain('no answer within 300 ms');
    } finally {
      await impatient.close();
    }
  });
});

describeWithFixtures('Smart Data Models contexts', 'contexts/smart-data-models', () => {
  it('expands and compacts with a real domain context', async () => {
    const url =
      'https://raw.githubusercontent.com/smart-data-models/dataModel.Environment/master/context.jsonld';
    const broker = await startBroker({
      contexts: {
        [url]: readFixtureJson('contexts', 'smart-data-models', 'dataModel.Environment.jsonld'),
      },
    });
    try {
      const aq = {
        id: 'urn:ngsi-ld:AirQualityObserved:1',
        type: 'AirQualityObserved',
        no2: { type: 'Property', value: 22 },
      };
      expect((await call(broker, 'POST', '/entities', aq, link(url))).status).toBe(201);
      const stored = broker.store.getEntity(aq.id, undefined, { expanded: true });
      expect(stored?.type).toBe(
        'https://smartdatamodels.org/dataModel.Environment/AirQualityObserved',
      );
      expect((await call(broker, 'GET', `/entities/${aq.id}`, undefined, link(url))).body).toEqual(
        aq,
      );
    } finally {
      await broker.close();
    }
  });
});

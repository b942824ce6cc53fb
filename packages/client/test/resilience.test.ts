import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createClient,
  type ErrorEvent,
  type FetchLike,
  type RequestEvent,
} from '@smartcitylab/client';
import { createNodeFetch } from '@smartcitylab/client/node';
import { isHttpError, isNetworkError, isTimeoutError } from '@smartcitylab/ngsi-ld';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fault, type MiniBroker, startMiniBroker } from './support/mini-broker.js';

const entity = { id: 'urn:ngsi-ld:Building:1', type: 'Building' };
const fast = { retries: 3, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 50 };
let broker: MiniBroker | undefined;
afterEach(async () => {
  await broker?.close();
  broker = undefined;
});

/** Faults for the first `k` requests, then normal service. */
const firstK =
  (k: number, fault: Fault) =>
  (_r: unknown, n: number): Fault =>
    n < k ? fault : { kind: 'none' };

// The default on Node is node:http (the same code as createNodeFetch); the platform fetch
// is what browsers get, and what a user who passes `fetch` explicitly gets on Node.
const platformFetch: FetchLike = (input, init) => fetch(input, init);
const transports: [string, FetchLike | undefined][] = [
  ['the default transport (node:http on Node)', undefined],
  ['platform fetch', platformFetch],
  ['createNodeFetch with a socket cap', createNodeFetch({ maxSockets: 2 })],
];

describe.each(transports)('retries over %s', (_name, fetchImpl) => {
  const withFetch = fetchImpl ? { fetch: fetchImpl } : {};
  const cases: {
    name: string;
    fault: Fault;
    call: 'get' | 'create';
    want: 'ok' | 'HttpError' | 'NetworkError' | 'TimeoutError';
    attempts: number;
  }[] = [
    {
      name: 'GET after 429 with Retry-After seconds',
      fault: { kind: 'status', status: 429, retryAfter: '1' },
      call: 'get',
      want: 'ok',
      attempts: 3,
    },
    {
      name: 'GET after 503 with an HTTP-date Retry-After',
      fault: { kind: 'status', status: 503, retryAfter: new Date(Date.now() + 1000).toUTCString() },
      call: 'get',
      want: 'ok',
      attempts: 3,
    },
    {
      name: 'GET after connection resets',
      fault: { kind: 'reset', after: 'receive' },
      call: 'get',
      want: 'ok',
      attempts: 3,
    },
    {
      name: 'GET after timeouts',
      fault: { kind: 'hang', after: 'receive' },
      call: 'get',
      want: 'ok',
      attempts: 3,
    },
    {
      name: 'POST create after 429 (the broker did not act)',
      fault: { kind: 'status', status: 429 },
      call: 'create',
      want: 'ok',
      attempts: 3,
    },
    {
      name: 'POST create is not resent after a reset',
      fault: { kind: 'reset', after: 'apply' },
      call: 'create',
      want: 'NetworkError',
      attempts: 1,
    },
    {
      name: 'POST create is not resent after a timeout',
      fault: { kind: 'hang', after: 'apply' },
      call: 'create',
      want: 'TimeoutError',
      attempts: 1,
    },
    {
      name: 'POST create is not resent after a 500',
      fault: { kind: 'status', status: 500 },
      call: 'create',
      want: 'HttpError',
      attempts: 1,
    },
  ];
  it.each(cases)('$name', async ({ fault, call, want, attempts }) => {
    broker = await startMiniBroker({ fault: firstK(2, fault) });
    broker.entities.set(entity.id, { ...entity });
    // Only the hang faults wait for the timeout; it is long enough that a healthy answer on a
    // loaded CI machine never times out (which would add an attempt).
    const client = createClient({
      baseUrl: broker.url,
      retry: fast,
      timeoutMs: 2_500,
      ...withFetch,
    });
    const run =
      call === 'get'
        ? client.getEntity(entity.id)
        : client.createEntity({ ...entity, id: 'urn:ngsi-ld:Building:2' });
    const outcome = await run.then(
      () => 'ok',
      (e: unknown) =>
        isTimeoutError(e)
          ? 'TimeoutError'
          : isNetworkError(e)
            ? 'NetworkError'
            : isHttpError(e)
              ? 'HttpError'
              : String(e),
    );
    expect(outcome).toBe(want);
    expect(broker.requests).toHaveLength(attempts);
  });

  it('gives up after the configured retries and throws the last error', async () => {
    broker = await startMiniBroker({ fault: () => ({ kind: 'status', status: 503 }) });
    const client = createClient({
      baseUrl: broker.url,
      retry: { ...fast, retries: 2 },
      ...withFetch,
    });
    const err = await client.getEntity(entity.id).catch((e: unknown) => e);
    expect(isHttpError(err) && err.status).toBe(503);
    expect(isHttpError(err) && err.problem.status).toBe(503);
    expect(broker.requests).toHaveLength(3);
  });

  it('resends a POST when the connection was refused (it never left)', async () => {
    // Grab a free port, close it, then start the broker there after the first refusal.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((r) => probe.close(() => r()));
    const events: ErrorEvent[] = [];
    let serverStarted: Promise<void> | undefined;
    const client = createClient({
      ...withFetch,
      baseUrl: `http://127.0.0.1:${port}`,
      retry: { retries: 12, baseDelayMs: 20, maxDelayMs: 100 },
      hooks: {
        onError: (e) => {
          events.push(e);
          if (!serverStarted) {
            serverStarted = new Promise<void>((resolve) => {
              const s = createServer((req, res) => {
                req.resume();
                req.on('end', () => {
                  res.writeHead(201, { location: '/ngsi-ld/v1/entities/urn:ngsi-ld:Building:9' });
                  res.end();
                  s.close();
                });
              });
              s.listen(port, '127.0.0.1', () => resolve());
            });
          }
        },
      },
    });
    const id = await client.createEntity({ id: 'urn:ngsi-ld:Building:9', type: 'Building' });
    expect(id).toBe('urn:ngsi-ld:Building:9');
    expect(events[0]?.error.message).toContain('ECONNREFUSED');
    expect(events[0]?.willRetry).toBe(true);
  });

  it('stops at once when the caller aborts', async () => {
    broker = await startMiniBroker({ fault: () => ({ kind: 'hang', after: 'receive' }) });
    const client = createClient({
      baseUrl: broker.url,
      retry: fast,
      timeoutMs: 10_000,
      ...withFetch,
    });
    const ctrl = new AbortController();
    // Abort once the broker holds the request (on a busy machine 50 ms may come before it arrives).
    const pending = client.getEntity(entity.id, { signal: ctrl.signal }).catch((e: unknown) => e);
    while (broker.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
    ctrl.abort();
    const err = await pending;
    // An abort, not the 10 s timeout and not a retry: the error says the caller aborted.
    expect(isNetworkError(err)).toBe(true);
    expect(isTimeoutError(err)).toBe(false);
    expect(broker.requests).toHaveLength(1);
  });
});

describe('Retry-After', () => {
  const cases = [
    { name: 'delta seconds', header: '0.3', minMs: 250 },
    // A minute ahead: only the 400 ms cap keeps the wait short.
    { name: 'an HTTP date', header: () => new Date(Date.now() + 60_000).toUTCString(), minMs: 300 },
  ];
  it.each(cases)(
    'waits as long as $name asks (up to maxRetryAfterMs)',
    { timeout: 180_000 },
    async ({ header, minMs }) => {
      broker = await startMiniBroker({
        fault: (_r, n) =>
          n === 0
            ? {
                kind: 'status',
                status: 429,
                retryAfter: typeof header === 'function' ? header() : header,
              }
            : { kind: 'none' },
      });
      broker.entities.set(entity.id, { ...entity });
      const client = createClient({
        baseUrl: broker.url,
        retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 400 },
      });
      const t0 = Date.now();
      await client.getEntity(entity.id);
      const waited = Date.now() - t0;
      expect(waited).toBeGreaterThanOrEqual(minMs);
      // A generous bound, far from both the 400 ms cap and the minute an uncapped wait would take.
      expect(waited).toBeLessThan(20_000);
    },
  );
});

describe('hooks', () => {
  it('report each attempt with status, duration and retry decision', async () => {
    broker = await startMiniBroker({ fault: firstK(1, { kind: 'status', status: 503 }) });
    broker.entities.set(entity.id, { ...entity });
    const seen: string[] = [];
    const requests: RequestEvent[] = [];
    const client = createClient({
      baseUrl: broker.url,
      retry: fast,
      hooks: {
        onRequest: (e) => {
          requests.push(e);
          seen.push(`req ${e.method} #${e.attempt}`);
        },
        onResponse: (e) => seen.push(`res ${e.status} #${e.attempt}`),
        onError: (e) => seen.push(`err ${e.error.code} retry=${e.willRetry}`),
      },
    });
    await client.getEntity(entity.id);
    expect(seen).toEqual([
      'req GET #0',
      'res 503 #0',
      'err ServiceUnavailable retry=true',
      'req GET #1',
      'res 200 #1',
    ]);
    expect(requests[0]?.url).toBe(`${broker.url}/ngsi-ld/v1/entities/urn%3Angsi-ld%3ABuilding%3A1`);
  });

  it('a throwing hook does not break the request', async () => {
    broker = await startMiniBroker();
    broker.entities.set(entity.id, { ...entity });
    const client = createClient({
      baseUrl: broker.url,
      hooks: {
        onRequest: () => {
          throw new TypeError('logger down');
        },
      },
    });
    await expect(client.getEntity(entity.id)).resolves.toMatchObject({ id: entity.id });
  });
});

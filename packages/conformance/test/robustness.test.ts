import { exitCodeOf, reportToJson, runConformance } from '@smartcitylab/conformance';
import { type Broker, startBroker } from '@smartcitylab/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMutationProxy } from './support/proxy.js';
import { closedPort, serve } from './support/servers.js';

const FAST = { rps: 0, timeoutMs: 400, notificationWaitMs: 200 } as const;
// Where the test is about an error other than a stall, a busy machine must not turn it into one.
const PATIENT = { ...FAST, timeoutMs: 60_000 } as const;

describe('an endpoint that cannot be checked gives a one-line reason and exit code 2', () => {
  it('names a refused connection', async () => {
    const port = await closedPort();
    const report = await runConformance({ endpoint: `http://127.0.0.1:${port}`, ...PATIENT });
    expect(report.outcome).toBe('error');
    expect(exitCodeOf(report)).toBe(2);
    expect(report.error).toMatch(
      /^cannot reach http:\/\/127\.0\.0\.1:\d+\/ngsi-ld\/v1: the connection was refused/,
    );
    expect(report.error).not.toContain('\n');
    expect(report.checks).toEqual([]);
  });

  it('names a TLS failure (https to a plain HTTP server)', async () => {
    const s = await serve((_req, res) => res.end('plain'));
    try {
      const report = await runConformance({
        endpoint: s.url.replace('http:', 'https:'),
        ...PATIENT,
      });
      expect(report.outcome).toBe('error');
      expect(report.error).toMatch(/TLS failed|connection was closed/);
    } finally {
      await s.close();
    }
  });

  it('stops waiting for a stalled server after the per-request timeout', async () => {
    const s = await serve(() => {
      // never answers
    });
    try {
      const report = await runConformance({ endpoint: s.url, ...FAST });
      expect(report.error).toMatch(/no answer within 400 ms/);
      expect(exitCodeOf(report)).toBe(2);
    } finally {
      await s.close();
    }
  });

  it('names a redirect to a login page', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(302, { location: '/login?next=%2F' }).end();
    });
    try {
      const report = await runConformance({ endpoint: s.url, ...PATIENT });
      expect(report.error).toMatch(/redirects \(302\) to \/login/);
    } finally {
      await s.close();
    }
  });

  it('names an HTML page where NGSI-LD JSON was expected', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome</body></html>');
    });
    try {
      const report = await runConformance({ endpoint: s.url, ...PATIENT });
      expect(report.error).toMatch(/an HTML page, not NGSI-LD JSON/);
    } finally {
      await s.close();
    }
  });

  it('asks for credentials on 401', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{}');
    });
    try {
      const report = await runConformance({ endpoint: s.url, ...PATIENT });
      expect(report.error).toMatch(/401: the credentials are missing or refused/);
    } finally {
      await s.close();
    }
  });
});

describe('an endpoint that answers wrongly fails checks, never throws', () => {
  it('fails the must checks of a server that answers 200 to everything', async () => {
    const s = await serve((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    try {
      const report = await runConformance({ endpoint: s.url, allowWrite: true, ...PATIENT });
      expect(report.outcome).toBe('fail');
      expect(exitCodeOf(report)).toBe(1);
      expect(report.summary.mustFailed).toBeGreaterThan(20);
      expect(report.checks.find((c) => c.id === 'core.retrieve-missing-404')?.reason).toMatch(
        /expected 404, got 200/,
      );
    } finally {
      await s.close();
    }
  });

  it('cuts a 50 MB answer at the cap and fails the check', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const s = await serve((req, res) => {
      let sent = 0;
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      const more = (): void => {
        while (sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', more);
            return;
          }
        }
        res.end(']');
      };
      res.on('close', () => {
        sent = Number.POSITIVE_INFINITY;
      });
      more();
    });
    try {
      const report = await runConformance({
        endpoint: s.url,
        profiles: ['mim1-core'],
        maxResponseBytes: 256 * 1024,
        ...PATIENT,
      });
      const check = report.checks.find((c) => c.id === 'core.json-link-header');
      expect(check?.status).toBe('fail');
      expect(check?.reason).toMatch(/larger than the size cap/);
      expect(check?.evidence[0]?.excerpt.length).toBeLessThan(400);
    } finally {
      await s.close();
    }
  });

  it('fails a check on an HTML error page with a clear reason', async () => {
    const s = await serve((req, res) => {
      req.resume();
      if (req.url?.includes('does-not-exist')) {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<html>Not found</html>');
      } else res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    try {
      const report = await runConformance({ endpoint: s.url, profiles: ['mim1-core'], ...PATIENT });
      const check = report.checks.find((c) => c.id === 'core.retrieve-missing-404');
      expect(check?.reason).toMatch(/an HTML page, not JSON/);
    } finally {
      await s.close();
    }
  });
});

describe('safety on a live system', () => {
  let broker: Broker;
  beforeAll(async () => {
    broker = await startBroker();
  });
  afterAll(() => broker.close());

  it('sends only GET requests in the default read-only mode', async () => {
    const proxy = await startMutationProxy(broker.url);
    const methods = new Set<string>();
    proxy.use({
      id: 'observe',
      fault: 'none',
      profiles: [],
      request: (r) => {
        methods.add(r.method);
        return r;
      },
    });
    try {
      const report = await runConformance({ endpoint: proxy.url, ...PATIENT });
      expect([...methods]).toEqual(['GET']);
      expect(report.mode).toBe('read-only');
      expect(
        report.checks
          .filter((c) => c.status === 'skipped')
          .every((c) => /allow-write/.test(c.reason ?? '')),
      ).toBe(true);
      expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('deletes what it created when the run is interrupted', async () => {
    const controller = new AbortController();
    let seen = 0;
    const report = await runConformance({
      endpoint: broker.url,
      allowWrite: true,
      ...PATIENT,
      timeoutMs: 30_000,
      signal: controller.signal,
      onCheck: () => {
        seen += 1;
        if (seen === 8) controller.abort();
      },
    });
    expect(report.outcome).toBe('error');
    expect(report.error).toMatch(/interrupted/);
    expect(
      report.checks.filter((c) => c.reason === 'the run was interrupted').length,
    ).toBeGreaterThan(10);
    expect(broker.store.entityCount()).toBe(0);
    expect(report.leftovers).toEqual([]);
  });

  it('lists what it could not delete', async () => {
    const proxy = await startMutationProxy(broker.url);
    proxy.use({
      id: 'refuse-delete',
      fault: 'DELETE fails',
      profiles: [],
      request: (r) =>
        r.method === 'DELETE'
          ? { status: 500, headers: { 'content-type': 'application/json' }, body: '{}' }
          : r,
    });
    try {
      const report = await runConformance({
        endpoint: proxy.url,
        profiles: ['mim1-batch'],
        allowWrite: true,
        ...PATIENT,
        timeoutMs: 30_000,
      });
      expect(report.leftovers.length).toBeGreaterThan(3);
      expect(report.leftovers[0]).toMatchObject({ kind: 'entity', reason: 'DELETE answered 500' });
      expect(
        report.leftovers.every((l) =>
          l.id.startsWith(`urn:ngsi-ld:ConformanceProbe:${report.runId}:`),
        ),
      ).toBe(true);
    } finally {
      await proxy.close();
      broker.store.reset();
    }
  });

  it('keeps credentials out of the report', async () => {
    const token = 'sekret-token-123456';
    const s = await serve((req, res) => {
      req.resume();
      // A careless server that echoes the request headers into its error bodies.
      res
        .writeHead(400, { 'content-type': 'application/json' })
        .end(JSON.stringify({ type: 'x', detail: req.headers.authorization }));
    });
    try {
      const report = await runConformance({
        endpoint: s.url,
        auth: { type: 'bearer', token },
        ...PATIENT,
      });
      const text = reportToJson(report);
      expect(text).not.toContain(token);
      expect(text).toContain('Bearer ***');
    } finally {
      await s.close();
    }
  });
});

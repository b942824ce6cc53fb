import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMim7, type Mim7Check } from '../src/index.js';
import { listen, type Setup, setup, streetlights } from './helpers.js';

interface Tamper {
  /** Changes the request path and query before it goes upstream. */
  url?: (u: URL) => void;
  /** Changes a JSON answer. */
  body?: (path: string, body: Record<string, unknown>, url: URL) => void;
  contentType?: (path: string, type: string) => string;
}

/** A deliberately broken OGC API: a proxy in front of the real server that breaks one thing. */
async function brokenProxy(
  upstream: string,
  tamper: Tamper,
): Promise<{ url: string; server: Server }> {
  let self = '';
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', upstream);
    tamper.url?.(u);
    fetch(u, { headers: { Accept: req.headers.accept ?? 'application/json' } })
      .then(async (r) => {
        let text = (await r.text()).split(upstream).join(self);
        let type = r.headers.get('content-type') ?? 'application/json';
        if (tamper.body && /json/.test(type)) {
          const body = JSON.parse(text) as Record<string, unknown>;
          tamper.body(u.pathname, body, u);
          text = JSON.stringify(body);
        }
        if (tamper.contentType) type = tamper.contentType(u.pathname, type);
        const headers: Record<string, string> = { 'Content-Type': type };
        const crs = r.headers.get('content-crs');
        if (crs) headers['Content-Crs'] = crs;
        res.writeHead(r.status, headers).end(text);
      })
      .catch(() => res.writeHead(502).end());
  });
  self = await listen(server);
  return { url: self, server };
}

let s: Setup;
const proxies: Server[] = [];
beforeAll(async () => {
  s = await setup(streetlights(130));
});
afterAll(async () => {
  for (const p of proxies) await new Promise((r) => p.close(r));
  await s.close();
});

const failed = (checks: Mim7Check[]): string[] => checks.filter((c) => !c.passed).map((c) => c.id);

describe('checkMim7', () => {
  it('passes our own server on every check', { timeout: 180_000 }, async () => {
    const report = await checkMim7(s.url, { pageSize: 40 });
    expect(report.checks.filter((c) => !c.passed)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.checks.map((c) => c.id)).toEqual([
      'landing-page',
      'conformance',
      'collections',
      'items-geojson',
      'paging',
      'bbox',
      'crs',
      'ids',
      'unknown-parameter',
    ]);
  });

  let counter = 0;
  const cases: [string, Mim7Check['id'], Tamper][] = [
    [
      'a landing page without a conformance link',
      'landing-page',
      {
        body: (p, b) => {
          if (p === '/')
            b.links = (b.links as { rel: string }[]).filter((l) => l.rel !== 'conformance');
        },
      },
    ],
    [
      'a server that does not declare Core',
      'conformance',
      {
        body: (p, b) => {
          if (p === '/conformance') b.conformsTo = [];
        },
      },
    ],
    [
      'collections without SWEREF 99 TM',
      'collections',
      {
        body: (p, b) => {
          const strip = (c: Record<string, unknown>) => {
            c.crs = (c.crs as string[]).filter((x) => !x.endsWith('/3006'));
          };
          if (p === '/collections') (b.collections as Record<string, unknown>[]).forEach(strip);
        },
      },
    ],
    [
      'items served as plain JSON',
      'items-geojson',
      { contentType: (p, t) => (p.endsWith('/items') ? 'application/json' : t) },
    ],
    [
      'items with a broken geometry',
      'items-geojson',
      {
        body: (p, b) => {
          if (p.endsWith('/items'))
            for (const f of b.features as { geometry: unknown }[])
              f.geometry = { type: 'Point', coordinates: ['x'] };
        },
      },
    ],
    [
      'paging that repeats a feature',
      'paging',
      {
        url: (u) => {
          const o = Number(u.searchParams.get('offset') ?? 0);
          if (o > 0) u.searchParams.set('offset', String(o - 1));
        },
      },
    ],
    [
      'paging that skips a feature',
      'paging',
      {
        url: (u) => {
          const o = Number(u.searchParams.get('offset') ?? 0);
          if (o > 0) u.searchParams.set('offset', String(o + 1));
        },
      },
    ],
    ['a server that ignores bbox', 'bbox', { url: (u) => u.searchParams.delete('bbox') }],
    ['a server that ignores crs', 'crs', { url: (u) => u.searchParams.delete('crs') }],
    [
      'a server that answers a CRS in the wrong axis order',
      'crs',
      {
        body: (p, b, u) => {
          const g = b.geometry as { coordinates: number[] } | undefined;
          if (p.includes('/items/') && g && /\/(3006|4326)$/.test(u.searchParams.get('crs') ?? ''))
            g.coordinates.reverse();
        },
      },
    ],
    [
      'ids that change between calls',
      'ids',
      {
        body: (p, b) => {
          if (p.endsWith('/items'))
            for (const f of b.features as { id: string }[]) f.id = `${f.id}-${counter++}`;
        },
      },
    ],
    [
      'a server that accepts unknown parameters',
      'unknown-parameter',
      { url: (u) => u.searchParams.delete('no-such-parameter') },
    ],
  ];

  it.each(cases)('fails %s', { timeout: 180_000 }, async (_, id, tamper) => {
    const proxy = await brokenProxy(s.url, tamper);
    proxies.push(proxy.server);
    const report = await checkMim7(proxy.url, { pageSize: 40 });
    expect(report.passed).toBe(false);
    expect(failed(report.checks)).toContain(id);
    expect(report.checks.find((c) => c.id === id)?.message.length).toBeGreaterThan(10);
  });
});

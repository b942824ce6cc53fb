/**
 * @smartcitylab/features: features served per second when a client pages a 10,000-entity
 * collection at 1,000 per page through OGC API Features, against querying the same entities
 * through @smartcitylab/client directly (keyValues, 1,000 per page). The broker and the features
 * server each run in a child process; the measuring client runs here. Then the features
 * server's peak RSS while paging collections of 10,000 and 40,000 entities (it should not grow
 * with the collection: pages stream from the broker, nothing is materialised).
 *
 * Run: node --conditions=@smartcitylab/source --import tsx bench/features.bench.ts
 * Args: --n=<entities> (default 10000), --rounds=<k> (default 3, best round counts)
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const N = Number(arg('n') ?? 10_000);
const ROUNDS = Number(arg('rounds') ?? 3);
const PAGE = 1000;

function entities(n: number, type: string): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `urn:ngsi-ld:${type}:${i}`,
    type,
    location: {
      type: 'GeoProperty',
      value: {
        type: 'Point',
        coordinates: [17.2 + (i % 100) * 0.002, 62.3 + Math.floor(i / 100) * 0.001],
      },
    },
    status: { type: 'Property', value: i % 3 === 0 ? 'broken' : 'ok' },
    powerConsumption: { type: 'Property', value: i % 50 },
    dateObserved: {
      type: 'Property',
      value: {
        '@type': 'DateTime',
        '@value': new Date(Date.UTC(2024, 0, 1 + (i % 30))).toISOString(),
      },
    },
  }));
}

// ---------------------------------------------------------------- child processes

async function serveBroker(): Promise<void> {
  const { startBroker } = await import('@smartcitylab/testkit');
  const broker = await startBroker();
  process.send?.({ url: broker.url });
}

async function serveFeatures(brokerUrl: string): Promise<void> {
  const { createServer } = await import('node:http');
  const { createClient } = await import('@smartcitylab/client');
  const { createFeaturesHandler } = await import('@smartcitylab/features');
  const client = createClient({ baseUrl: brokerUrl, timeoutMs: 60_000 });
  const handler = createFeaturesHandler({
    client,
    collections: [
      { id: 'small', type: 'Small' },
      { id: 'large', type: 'Large' },
    ],
  });
  let peak = 0;
  setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5).unref();
  process.on('message', (m: { reset?: boolean; report?: boolean }) => {
    if (m.reset) {
      global.gc?.();
      peak = process.memoryUsage().rss;
      process.send?.({ ok: true });
    }
    if (m.report) process.send?.({ peak });
  });
  const server = createServer(handler);
  server.listen(0, '127.0.0.1', () => {
    const a = server.address() as { port: number };
    process.send?.({ url: `http://127.0.0.1:${a.port}` });
  });
}

function start(
  args: string[],
  execArgv: string[] = [],
): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(fileURLToPath(import.meta.url), args, {
    execArgv: ['--conditions=@smartcitylab/source', '--import', 'tsx', ...execArgv],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve({ url: m.url, child }));
    child.once('error', reject);
  });
}

function ask<T>(child: ChildProcess, message: object): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as T));
    child.send(message);
  });
}

// ---------------------------------------------------------------- measurement

async function main(): Promise<void> {
  const { createClient } = await import('@smartcitylab/client');
  const broker = await start(['--serve-broker']);
  const features = await start(['--serve-features', broker.url], ['--expose-gc']);
  try {
    const client = createClient({ baseUrl: broker.url, timeoutMs: 120_000 });
    for (const [type, n] of [
      ['Small', N],
      ['Large', 4 * N],
    ] as const) {
      const all = entities(n, type);
      for (let i = 0; i < all.length; i += 5000)
        await client.createEntities(all.slice(i, i + 5000), { batchSize: 1000 });
    }
    const viaClient = async (): Promise<number> => {
      let count = 0;
      for (let offset = 0; ; offset += PAGE) {
        const page = await client.queryEntities({
          type: 'Small',
          format: 'keyValues',
          limit: PAGE,
          offset,
        });
        count += page.entities.length;
        if (page.entities.length < PAGE) break;
      }
      return count;
    };
    const viaFeatures = async (collection: string): Promise<number> => {
      let count = 0;
      let next: string | undefined =
        `${features.url}/collections/${collection}/items?limit=${PAGE}`;
      while (next) {
        const body = (await (
          await fetch(next, { headers: { Accept: 'application/geo+json' } })
        ).json()) as {
          features: unknown[];
          links: { rel: string; href: string }[];
        };
        count += body.features.length;
        next =
          body.features.length > 0 ? body.links.find((l) => l.rel === 'next')?.href : undefined;
      }
      return count;
    };
    const best = async (
      fn: () => Promise<number>,
    ): Promise<{ perSecond: number; count: number }> => {
      let bestMs = Number.POSITIVE_INFINITY;
      let count = 0;
      for (let r = 0; r < ROUNDS; r++) {
        const t = performance.now();
        count = await fn();
        bestMs = Math.min(bestMs, performance.now() - t);
      }
      return { perSecond: (count / bestMs) * 1000, count };
    };
    await viaClient();
    await viaFeatures('small');
    const c = await best(viaClient);
    const f = await best(() => viaFeatures('small'));
    if (c.count !== N || f.count !== N)
      throw new Error(`counted ${c.count} / ${f.count}, expected ${N}`);
    const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
    console.log(`${N.toLocaleString('en-US')} entities, pages of ${PAGE}, best of ${ROUNDS}`);
    console.log(
      `client.queryEntities (keyValues)        ${fmt(c.perSecond).padStart(9)} entities/s`,
    );
    console.log(
      `OGC API Features items (GeoJSON)        ${fmt(f.perSecond).padStart(9)} features/s`,
    );
    console.log(
      `ratio features / client: ${(f.perSecond / c.perSecond).toFixed(2)}x (target >= 0.5x)`,
    );

    const peakFor = async (collection: string): Promise<number> => {
      await ask(features.child, { reset: true });
      await viaFeatures(collection);
      return (await ask<{ peak: number }>(features.child, { report: true })).peak;
    };
    const small = await peakFor('small');
    const large = await peakFor('large');
    const mib = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`;
    console.log(
      `features server peak RSS paging ${fmt(N)} entities: ${mib(small)}; ${fmt(4 * N)} entities: ${mib(large)}; ratio ${(large / small).toFixed(2)}x for 4x the data`,
    );
  } finally {
    broker.child.kill();
    features.child.kill();
  }
}

if (process.argv.includes('--serve-broker')) await serveBroker();
else if (process.argv.includes('--serve-features'))
  await serveFeatures(process.argv[process.argv.indexOf('--serve-features') + 1] as string);
else await main();

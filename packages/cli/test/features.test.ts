import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createClient } from '@smartcitylab/client';
import { createFeaturesHandler } from '@smartcitylab/features';
import { type Broker, startBroker } from '@smartcitylab/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, workdir } from './harness.js';

const containers = Array.from({ length: 30 }, (_, i) => ({
  id: `urn:ngsi-ld:WasteContainer:c${i}`,
  type: 'WasteContainer',
  fillingLevel: { type: 'Property', value: i / 30 },
  location: {
    type: 'GeoProperty',
    value: { type: 'Point', coordinates: [17.3 + i * 0.001, 62.39] },
  },
}));

let broker: Broker;
let server: Server;
let featuresUrl: string;
beforeAll(async () => {
  broker = await startBroker();
  const client = createClient({ baseUrl: broker.url });
  await client.createEntities(containers);
  server = createServer(
    createFeaturesHandler({ client, collections: [{ id: 'containers', type: 'WasteContainer' }] }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  featuresUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await broker.close();
});

describe('help', () => {
  it.each(['features', 'import-features'])(
    '%s --help shows options and examples, and the overview lists it',
    async (name) => {
      const run = await cli([name, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`smartcity ${name}`);
      expect(run.stdout).toContain('Examples:');
      expect((await cli(['--help'])).stdout).toContain(`  ${name} `);
    },
  );
});

describe('smartcity features', () => {
  it('serves the broker types as OGC API Features until stopped', {
    timeout: 180_000,
  }, async () => {
    const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      [
        '--conditions=@smartcitylab/source',
        '--import',
        'tsx',
        bin,
        'features',
        broker.url,
        '--port',
        '0',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /OGC API - Features at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1] as string);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const body = (await (await fetch(`${url}/collections`)).json()) as {
        collections: { id: string }[];
      };
      expect(body.collections.map((c) => c.id)).toEqual(['WasteContainer']);
      const items = (await (
        await fetch(`${url}/collections/WasteContainer/items?limit=100`)
      ).json()) as { numberMatched: number };
      expect(items.numberMatched).toBe(30);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise((r) =>
      child.exitCode !== null ? r(child.exitCode) : child.once('exit', r),
    );
    expect(code).toBe(0);
  });

  it('names a bad port in one line', async () => {
    const run = await cli(['features', broker.url, '--port', 'eighty']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--port must be a whole number/);
  });
});

describe('smartcity import-features', () => {
  it('writes NDJSON entities mapped by a map file', { timeout: 180_000 }, async () => {
    const dir = workdir({
      'map.json': JSON.stringify({
        id: 'urn:ngsi-ld:WasteContainer:copy-{id}',
        attributes: { fillingLevel: 'fillingLevel' },
      }),
    });
    const run = await cli(
      [
        'import-features',
        featuresUrl,
        '--collection',
        'containers',
        '--type',
        'WasteContainer',
        '--map',
        'map.json',
        '--page-size',
        '7',
      ],
      { cwd: dir },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(30);
    expect(lines[3]).toEqual({
      id: 'urn:ngsi-ld:WasteContainer:copy-urn:ngsi-ld:WasteContainer:c3',
      type: 'WasteContainer',
      fillingLevel: { type: 'Property', value: 0.1 },
      location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [17.303, 62.39] } },
    });
  });

  it('upserts into a broker, reading in SWEREF 99 TM', { timeout: 180_000 }, async () => {
    const target = await startBroker();
    try {
      const run = await cli([
        'import-features',
        featuresUrl,
        '--collection',
        'containers',
        '--type',
        'WasteContainer',
        '--broker',
        target.url,
        '--crs',
        'EPSG:3006',
      ]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Imported 30 WasteContainer entities into ${target.url}`);
      expect(target.store.entityCount()).toBe(30);
      const e = target.store.getEntity('urn:ngsi-ld:WasteContainer:c5') as {
        location: { value: { coordinates: number[] } };
      };
      expect(e.location.value.coordinates[0]).toBeCloseTo(17.305, 8);
      expect(e.location.value.coordinates[1]).toBeCloseTo(62.39, 8);
    } finally {
      await target.close();
    }
  });

  it.each([
    [['import-features', 'http://127.0.0.1:1', '--type', 'T'], /--collection is required/],
    [['import-features', 'http://127.0.0.1:1', '--collection', 'c'], /--type is required/],
  ])('names a missing option in one line: %j', async (argv, message) => {
    const run = await cli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

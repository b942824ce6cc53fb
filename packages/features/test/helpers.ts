import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, type NgsiLdClient } from '@smartcitylab/client';
import { type Broker, startBroker } from '@smartcitylab/testkit';
import { createFeaturesHandler, type FeaturesOptions } from '../src/index.js';

/** A deterministic point set around Sundsvall: entity i sits on a 100 x N/100 grid. */
export function streetlights(
  n: number,
  prefix = 'urn:ngsi-ld:Streetlight:',
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const lon = 17.2 + (i % 100) * 0.002;
    const lat = 62.3 + Math.floor(i / 100) * 0.001;
    out.push({
      id: `${prefix}${String(i).padStart(5, '0')}`,
      type: 'Streetlight',
      location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [lon, lat] } },
      status: { type: 'Property', value: i % 3 === 0 ? 'broken' : 'ok' },
      powerConsumption: { type: 'Property', value: i % 50 },
      dateObserved: {
        type: 'Property',
        value: {
          '@type': 'DateTime',
          '@value': new Date(Date.UTC(2024, 0, 1 + (i % 30))).toISOString(),
        },
      },
    });
  }
  return out;
}

export interface Setup {
  broker: Broker;
  client: NgsiLdClient;
  url: string;
  close(): Promise<void>;
}

export function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

/** A testkit broker holding `entities`, and a features server in front of it. */
export async function setup(
  entities: readonly Record<string, unknown>[],
  options: Partial<FeaturesOptions> = {},
  onRequest?: (url: string) => void,
): Promise<Setup> {
  const broker = await startBroker();
  const client = createClient({ baseUrl: broker.url, timeoutMs: 60_000 });
  for (let i = 0; i < entities.length; i += 1000) {
    const r = await client.createEntities(entities.slice(i, i + 1000), { batchSize: 1000 });
    if (r.errors.length > 0) throw new Error(`seeding failed: ${JSON.stringify(r.errors[0])}`);
  }
  const handler = createFeaturesHandler({
    client,
    collections: [
      { id: 'streetlights', type: 'Streetlight', queryables: ['status', 'powerConsumption'] },
    ],
    ...options,
  });
  const server = createServer((req, res) => {
    onRequest?.(req.url ?? '');
    handler(req, res);
  });
  const url = await listen(server);
  return {
    broker,
    client,
    url,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await broker.close();
    },
  };
}

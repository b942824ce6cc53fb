import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NgsiLdClient } from '@smartcitylab/client';
import { createFeaturesHandler } from '@smartcitylab/features';

const DEMO_COLLECTIONS = [
  { id: 'waste-containers', type: 'WasteContainer', title: 'Waste containers' },
  { id: 'indoor-environment', type: 'IndoorEnvironmentObserved', title: 'Indoor environment' },
  { id: 'weather', type: 'WeatherObserved', title: 'Weather observations' },
  { id: 'devices', type: 'Device', title: 'Devices' },
];

/**
 * Demo step 8: serves the demo's entities as OGC API - Features on a free port, reads one
 * collection back the way a GIS client would, prints a GDAL command, and stops the server.
 */
export async function serveDemoFeatures(
  client: NgsiLdClient,
  out: (line?: string) => void,
  brokerUrl: string | undefined,
): Promise<void> {
  const server = createServer(
    createFeaturesHandler({ client, collections: DEMO_COLLECTIONS, title: 'Smart City Lab demo' }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const counts: string[] = [];
    for (const c of DEMO_COLLECTIONS) {
      const res = await fetch(`${url}/collections/${c.id}/items?limit=1`, {
        headers: { Accept: 'application/geo+json' },
      });
      const body = (await res.json()) as { numberMatched?: number };
      counts.push(`${c.id} ${body.numberMatched ?? '?'}`);
    }
    out(`8. OGC API - Features (MIM7) served at ${url}: ${counts.join(', ')} features`);
    out(
      `   GDAL reads it, e.g. ogrinfo OAPIF:${url}  or  ogr2ogr -f GPKG demo.gpkg OAPIF:${url} -t_srs EPSG:3006`,
    );
    out(
      `   (this server stops with the demo; keep one running with: smartcity features ${brokerUrl ?? 'http://localhost:1026'} --port 8080, then ogrinfo OAPIF:http://127.0.0.1:8080)`,
    );
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

import { createServer } from 'node:net';
import { join } from 'node:path';
import { formatLinkHeader } from '@smartcitylab/ngsi-ld';
import { describe, expect, it } from 'vitest';
import { cli, workdir } from './harness.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function waitFor(url: string): Promise<void> {
  for (let k = 0; k < 200; k += 1) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${url} never answered`);
}

describe('smartcity broker --context', () => {
  it('knows URL=FILE contexts offline, hosts FILE contexts, and prints the client URL', async () => {
    const dir = workdir({
      'model.jsonld': JSON.stringify({ '@context': { Lamp: 'https://m.example/Lamp' } }),
      'extra.jsonld': JSON.stringify({ '@context': { Pole: 'https://m.example/Pole' } }),
    });
    const port = await freePort();
    const model = 'https://models.example/ctx.jsonld';
    const running = cli([
      'broker',
      '--port',
      String(port),
      '--context',
      `${model}=${join(dir, 'model.jsonld')}`,
      '--context',
      join(dir, 'extra.jsonld'),
    ]);
    const api = `http://127.0.0.1:${port}/ngsi-ld/v1`;
    try {
      await waitFor(`${api}/jsonldContexts/extra`);
      const res = await fetch(`${api}/entities`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Link: formatLinkHeader(model) },
        body: JSON.stringify({ id: 'urn:ngsi-ld:Lamp:1', type: 'Lamp' }),
      });
      expect(res.status).toBe(201);
      const types = await fetch(`${api}/types`, {
        headers: { Link: formatLinkHeader(`${api}/jsonldContexts/extra`) },
      });
      expect(await types.json()).toMatchObject({ typeList: ['https://m.example/Lamp'] });
    } finally {
      process.emit('SIGINT');
    }
    const run = await running;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Client base URL: ${api}`);
    expect(run.stdout).toContain(`@context hosted: ${api}/jsonldContexts/extra`);
  }, 120_000);

  it('names an unreadable context file in one line', async () => {
    const run = await cli(['broker', '--port', '9', '--context', '/nonexistent/ctx.jsonld']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--context \/nonexistent\/ctx\.jsonld: cannot read the file/);
  });
});

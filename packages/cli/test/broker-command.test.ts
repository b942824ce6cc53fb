import { createServer } from 'node:net';
import { join } from 'node:path';
import { formatLinkHeader } from '@smartcitylab/ngsi-ld';
import { describe, expect, it } from 'vitest';
import { type CliRun, cli, workdir } from './harness.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/**
 * Polls `url` until it answers 2xx (true) or the run has ended (false). The minute is only a hang
 * guard: a loaded CI machine may take seconds, and the poll ends as soon as the broker answers.
 */
async function waitFor(url: string, ended: () => boolean): Promise<boolean> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (ended()) return false;
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${url} never answered within a minute`);
}

/**
 * Runs `smartcity broker` on a port that was free a moment ago. Another process may take that
 * port before the broker listens (the port is closed in between), so a run that could not listen
 * is tried again on a new port instead of failing the test.
 */
async function startCliBroker(
  args: readonly string[],
  readyPath: string,
): Promise<{ api: string; running: Promise<CliRun> }> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    let ended = false;
    const running = cli(['broker', '--port', String(port), ...args]).finally(() => {
      ended = true;
    });
    const api = `http://127.0.0.1:${port}/ngsi-ld/v1`;
    if (await waitFor(`${api}${readyPath}`, () => ended)) return { api, running };
    const run = await running;
    if (attempt < 5 && /EADDRINUSE/.test(run.stderr)) continue;
    throw new Error(`smartcity broker ended with exit code ${run.code}: ${run.stderr}`);
  }
}

describe('smartcity broker --context', () => {
  it('knows URL=FILE contexts offline, hosts FILE contexts, and prints the client URL', async () => {
    const dir = workdir({
      'model.jsonld': JSON.stringify({ '@context': { Lamp: 'https://m.example/Lamp' } }),
      'extra.jsonld': JSON.stringify({ '@context': { Pole: 'https://m.example/Pole' } }),
    });
    const model = 'https://models.example/ctx.jsonld';
    const { api, running } = await startCliBroker(
      [
        '--context',
        `${model}=${join(dir, 'model.jsonld')}`,
        '--context',
        join(dir, 'extra.jsonld'),
      ],
      '/jsonldContexts/extra',
    );
    try {
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

/**
 * The client in a real headless Chromium page, served from another origin than the
 * testkit broker, so every call goes through the browser's CORS checks.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Broker, startBroker } from '@smartcitylab/testkit';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const MODEL = 'https://models.example/ctx.jsonld';

if (!haveChromium && process.env.CI === 'true') {
  describe('client in headless Chromium', () => {
    it(`finds Chromium at ${CHROMIUM}`, () => {
      throw new Error(`CI=true needs Chromium at ${CHROMIUM} (apt-get install chromium)`);
    });
  });
}

const suite = haveChromium ? describe : describe.skip;

/** What the page script reports back. */
interface PageResult {
  ids: string[];
  count: number | undefined;
  name: string;
  error?: { name: string; message: string };
}

suite('client in headless Chromium against the testkit', () => {
  let broker: Broker | undefined;
  let closed: Broker | undefined;
  let server: Server | undefined;
  let browser: Browser | undefined;
  let origin = '';

  beforeAll(async () => {
    broker = await startBroker({
      contexts: { [MODEL]: { '@context': { Lamp: 'https://models.example/Lamp' } } },
    });
    // A broker with CORS off: the browser must refuse to hand its answers to the page.
    closed = await startBroker({ cors: false });
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['@smartcitylab/source'],
      write: false,
      logLevel: 'silent',
    });
    const js = bundle.outputFiles[0]?.text ?? '';
    server = createServer((req, res) => {
      if (req.url === '/client.js') {
        res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(js);
        return;
      }
      res
        .writeHead(200, { 'Content-Type': 'text/html' })
        .end(
          '<!doctype html><title>client</title><script type="module">import * as m from "/client.js"; window.ngsi = m; document.title = "ready";</script>',
        );
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', () => r()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await broker?.close();
    await closed?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  });

  it('creates and queries with a @context through CORS, and names CORS when it is refused', async () => {
    const page = await (browser as Browser).newPage();
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => document.title === 'ready');
    const result = (await page.evaluate(
      async ({ api, refused, model }) => {
        const mod = (window as unknown as { ngsi: typeof import('../src/index.js') }).ngsi;
        const client = mod.createClient({ baseUrl: api, context: model, retry: { retries: 0 } });
        await client.createEntity({ id: 'urn:ngsi-ld:Lamp:1', type: 'Lamp' });
        const page = await client.queryEntities({ type: 'Lamp', count: true });
        const out: PageResult = {
          ids: page.entities.map((e) => e.id),
          count: page.count,
          name: String(client),
        };
        try {
          await mod.createClient({ baseUrl: refused, retry: { retries: 0 } }).listTypes();
        } catch (e) {
          const err = e as Error;
          out.error = { name: err.name, message: err.message };
        }
        return out;
      },
      { api: (broker as Broker).apiUrl, refused: (closed as Broker).url, model: MODEL },
    )) as PageResult;
    expect(result.ids).toEqual(['urn:ngsi-ld:Lamp:1']);
    // NGSILD-Results-Count is only readable because the broker exposes it.
    expect(result.count).toBe(1);
    expect(result.error?.name).toBe('NetworkError');
    expect(result.error?.message).toMatch(/CORS/);
  }, 120_000);
});

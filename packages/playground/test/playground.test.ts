import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { decode } from '@smartcitylab/decoders';
import { validateEntity } from '@smartcitylab/validate';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlayground } from '../../../scripts/docs-playground.js';
import { describeWithFixtures, readFixtureJson } from '../../../test-support/fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** A static file server for the built folder, on 127.0.0.1 only. */
async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dir + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

if (!haveChromium && inCi) {
  describe('playground in headless Chromium', () => {
    it(`finds Chromium at ${CHROMIUM}`, () => {
      throw new Error(`CI=true needs Chromium at ${CHROMIUM} (apt-get install chromium)`);
    });
  });
}

const suite = haveChromium ? describe : describe.skip;
const reason = haveChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM})`;

suite(`playground in headless Chromium${reason}`, () => {
  let outDir = '';
  let shotDir = '';
  let origin = '';
  let server: Server | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const requests: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'scl-playground-'));
    shotDir = process.env.PLAYGROUND_SCREENSHOTS ?? outDir;
    await buildPlayground(join(outDir, 'site'));
    const served = await serve(join(outDir, 'site'));
    server = served.server;
    origin = served.url;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.goto(`${origin}/index.html`);
    await page.waitForSelector('body[data-ready="true"]');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
    // The screenshot stays only where PLAYGROUND_SCREENSHOTS asks for it.
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  /** Empties an output panel, so the next thing shown in it comes from the next run. */
  async function clear(id: string): Promise<void> {
    await page.evaluate((target) => document.getElementById(target)?.replaceChildren(), id);
  }

  async function reportFor(entity: unknown): Promise<{ verdict: string; rules: string[] }> {
    await clear('report');
    await page.fill('#entity-input', JSON.stringify(entity, null, 2));
    await page.waitForSelector('#report:not([aria-busy]) #report-verdict');
    const verdict = (await page.textContent('#report-verdict')) ?? '';
    const rules = await page.$$eval('#report-issues li[data-rule]', (items) =>
      items.map((li) => (li as HTMLElement).dataset.rule ?? ''),
    );
    return { verdict, rules };
  }

  async function decodedFor(
    device: string,
    hex: string,
    fPort?: number,
  ): Promise<{ status: string; json: string }> {
    await page.selectOption('#device', device);
    if (fPort !== undefined) await page.fill('#fport', String(fPort));
    await clear('decoded');
    await page.fill('#payload-hex', hex);
    await page.waitForSelector('#decoded:not([aria-busy]) #decoded-status');
    const json = await page.$('#decoded-json');
    return {
      status: (await page.textContent('#decoded-status')) ?? '',
      json: json ? ((await json.textContent()) ?? '') : '',
    };
  }

  it('shows a quality report for a pasted entity, the same as validateEntity in Node', async () => {
    const entity = {
      id: 'urn:ngsi-ld:WeatherObserved:sundsvall-1',
      type: 'WeatherObserved',
      temperature: 900,
      dateObserved: new Date().toISOString(),
      location: { type: 'Point', coordinates: [17.31, 62.39] },
    };
    const want = await validateEntity(entity, { maxAge: 'P7D' });
    const got = await reportFor(entity);
    expect(got.verdict).toContain(want.valid ? 'Valid' : 'Not valid');
    expect(got.verdict).toContain(`score ${Math.round(want.score * 100)} %`);
    expect(got.verdict).toContain('WeatherObserved');
    expect(got.rules).toEqual(want.issues.map((i) => i.rule));
    expect(got.rules).toContain('plausibility.range');
  });

  it('explains input that is not JSON instead of failing', async () => {
    await clear('report');
    await page.fill('#entity-input', '{ "id": ');
    await page.waitForFunction(() =>
      document.getElementById('report-verdict')?.textContent?.startsWith('Not JSON'),
    );
  });

  it('decodes a pasted LoRaWAN payload for the picked device', async () => {
    const got = await decodedFor('elsys/ers', '01 00 e2 02 29');
    expect(got.status).toContain('Decoded');
    expect(got.status).toContain('5 bytes on fPort 5');
    expect(JSON.parse(got.json)).toEqual({ temperature: 22.6, humidity: 41 });
  });

  it.each([
    { given: 'a letter that is not hex', hex: '01 zz', want: 'is not a hex digit' },
    { given: 'an odd number of digits', hex: '0100e', want: 'odd count' },
  ])('says what is wrong with $given', async ({ hex, want }) => {
    const got = await decodedFor('elsys/ers', hex);
    expect(got.status).toContain(want);
  });

  it('loads the samples with one click each and shows a Swedish report on request', async () => {
    await page.selectOption('#report-lang', 'sv');
    await page.click('#entity-sample');
    await page.waitForFunction(() =>
      document.getElementById('report-verdict')?.textContent?.includes('AirQualityObserved'),
    );
    await page.click('#payload-sample');
    await page.waitForFunction(() =>
      document.getElementById('decoded-json')?.textContent?.includes('22.6'),
    );
    const issues = await page.textContent('#report-issues');
    expect(issues).toMatch(/[åäö]/);
    await page.screenshot({ path: join(shotDir, 'playground.png'), fullPage: true });
    expect(existsSync(join(shotDir, 'playground.png'))).toBe(true);
    await page.selectOption('#report-lang', 'en');
  });

  describeWithFixtures('with the shared fixtures', 'smart-data-models', () => {
    it.each([
      'Environment/AirQualityObserved/example-normalized.jsonld',
      'Environment/AirQualityObserved/example.json',
      'Weather/WeatherObserved/example-normalized.jsonld',
    ])('reports on %s as validateEntity does', async (file) => {
      const entity = readFixtureJson('smart-data-models', file);
      const want = await validateEntity(entity, { maxAge: 'P7D' });
      const got = await reportFor(entity);
      expect(got.verdict).toContain(`score ${Math.round(want.score * 100)} %`);
      expect(got.verdict).toContain(`${want.representation} representation`);
      expect(got.rules).toEqual(want.issues.map((i) => i.rule));
    });
  });

  describeWithFixtures('with the shared decoder vectors', 'decoders', () => {
    it.each(['elsys/ers.json', 'browan/tbhh100.json', 'dragino/lht65.json'])(
      'decodes the vectors of %s as decode() does in Node',
      async (file) => {
        const fixture = readFixtureJson<{
          vendor: string;
          model: string;
          vectors: { fPort: number; bytesHex: string }[];
        }>('decoders', file);
        const device = `${fixture.vendor}/${fixture.model}`;
        for (const v of fixture.vectors) {
          const got = await decodedFor(device, v.bytesHex, v.fPort);
          const want = await decode(device, {
            bytes: Buffer.from(v.bytesHex, 'hex'),
            fPort: v.fPort,
          });
          if ('data' in want)
            expect(JSON.parse(got.json)).toEqual(JSON.parse(JSON.stringify(want.data)));
          else expect(JSON.parse(got.json)).toEqual(want.errors);
        }
      },
    );
  });

  it('also works opened from disk (file://), as the docs README promises', async () => {
    const local = await browser!.newPage();
    const seen: string[] = [];
    local.on('request', (r) => seen.push(r.url()));
    try {
      await local.goto(`file://${join(outDir, 'site', 'index.html')}`);
      await local.waitForSelector('body[data-ready="true"]');
      await local.click('#entity-sample');
      await local.click('#payload-sample');
      await local.waitForSelector('#report-verdict');
      await local.waitForSelector('#decoded-json');
      expect(await local.textContent('#decoded-json')).toContain('22.6');
      expect(seen.filter((u) => !u.startsWith('file://') && !u.startsWith('data:'))).toEqual([]);
    } finally {
      await local.close();
    }
  });

  it('never sends a request beyond the local server and raises no page errors', () => {
    expect(requests.length).toBeGreaterThan(2);
    expect(requests.filter((u) => !u.startsWith(`${origin}/`))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

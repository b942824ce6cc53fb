import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type FetchInit } from '@smartcitylab/client';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? sources(join(dir, d.name))
      : d.name.endsWith('.ts')
        ? [join(dir, d.name)]
        : [],
  );
}

/** The source files a bundler takes into the main entry for a platform. */
async function mainEntryInputs(platform: 'browser' | 'node'): Promise<string[]> {
  const result = await build({
    entryPoints: [join(SRC, 'index.ts')],
    bundle: true,
    format: 'esm',
    platform,
    conditions: ['@smartcitylab/source'],
    external: platform === 'node' ? ['node:*'] : [],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('browser-safe main entry', () => {
  it('imports node:* modules only in the Node files', () => {
    const nodeOnly = ['node.ts', join('internal', 'node-fetch.ts'), 'default-fetch.node.ts'];
    const offenders = sources(SRC)
      .filter((f) => !nodeOnly.some((n) => f.endsWith(n)))
      .filter((f) =>
        /from ['"]node:|import\(['"]node:|require\(['"]node:/.test(readFileSync(f, 'utf8')),
      );
    expect(offenders).toEqual([]);
  });

  it('defaults to the platform fetch in a browser bundle and to node:http under the node condition', async () => {
    const browser = await mainEntryInputs('browser');
    expect(browser.some((f) => f.endsWith('internal/default-fetch.ts'))).toBe(true);
    expect(browser.filter((f) => /node-fetch|default-fetch\.node/.test(f))).toEqual([]);
    const node = await mainEntryInputs('node');
    expect(node.some((f) => f.endsWith('internal/default-fetch.node.ts'))).toBe(true);
    expect(node.some((f) => f.endsWith('internal/node-fetch.ts'))).toBe(true);
  }, 60_000);

  it('sends every request through the injected fetch', async () => {
    const calls: { url: string; init: FetchInit }[] = [];
    const client = createClient({
      baseUrl: 'https://broker.example/',
      fetch: async (url, init) => {
        calls.push({ url, init });
        return new Response(JSON.stringify([{ id: 'urn:ngsi-ld:T:1', type: 'T' }]), {
          status: 200,
          headers: { 'content-type': 'application/json', 'ngsild-results-count': '1' },
        });
      },
    });
    const page = await client.queryEntities({ type: 'T', count: true });
    expect(page).toEqual({ entities: [{ id: 'urn:ngsi-ld:T:1', type: 'T' }], count: 1 });
    expect(calls.map((c) => [c.init.method, c.url])).toEqual([
      ['GET', 'https://broker.example/ngsi-ld/v1/entities?type=T&count=true'],
    ]);
    expect(calls[0]?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('stops queryAll with a clear error when the broker ignores offset', async () => {
    let calls = 0;
    const client = createClient({
      baseUrl: 'https://broker.example',
      fetch: async () => {
        calls++;
        const page = Array.from({ length: 2 }, (_, i) => ({ id: `urn:ngsi-ld:T:${i}`, type: 'T' }));
        return new Response(JSON.stringify(page), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    const seen: string[] = [];
    const run = async () => {
      for await (const e of client.queryAll({ type: 'T', limit: 2 })) seen.push(e.id);
    };
    await expect(run()).rejects.toMatchObject({ code: 'OperationNotSupported' });
    expect(seen).toHaveLength(2);
    expect(calls).toBe(2);
  });

  it('refuses a baseUrl that is not http(s), naming the input', () => {
    expect(() => createClient({ baseUrl: 'localhost:1026' })).toThrow(
      /baseUrl must be an http\(s\) URL.*"localhost:1026"/,
    );
  });
});

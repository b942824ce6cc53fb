import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { type AuthOptions, createClient } from '@smartcitylab/client';
import { isHttpError } from '@smartcitylab/ngsi-ld';
import { afterEach, describe, expect, it } from 'vitest';

const SECRET = 's3cr3t-VALUE-4711';

interface AuthServer {
  url: string;
  seen: IncomingMessage['headers'][];
  tokensIssued: number;
  close(): Promise<void>;
}

/** An OAuth2 token endpoint plus an NGSI-LD endpoint that accepts only the latest token. */
async function startAuthServer(opts: {
  expiresIn: number;
  rejectFirst?: boolean;
  status?: number;
}): Promise<AuthServer> {
  const seen: IncomingMessage['headers'][] = [];
  let issued = 0;
  let rejected = false;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/token') {
        const basic = Buffer.from(`client:${SECRET}`).toString('base64');
        if (req.headers.authorization !== `Basic ${basic}`) {
          res.writeHead(401, { 'content-type': 'application/json' });
          res.end('{"error":"invalid_client"}');
          return;
        }
        issued++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ access_token: `${SECRET}-token-${issued}`, expires_in: opts.expiresIn }),
        );
        return;
      }
      seen.push(req.headers);
      const valid =
        req.headers.authorization === `Bearer ${SECRET}-token-${issued}` ||
        req.headers['x-api-key'] === SECRET ||
        req.headers.authorization === `Bearer ${SECRET}`;
      if (!valid || (opts.rejectFirst && !rejected)) {
        rejected = true;
        res.writeHead(opts.status ?? 401, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            type: 'about:blank',
            title: 'Unauthorized',
            detail: `bad credentials ${req.headers.authorization ?? ''}`,
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[]');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    get tokensIssued() {
      return issued;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let server: AuthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('auth', () => {
  const cases: {
    name: string;
    auth: (url: string) => AuthOptions;
    want: Record<string, string>;
  }[] = [
    {
      name: 'static bearer token',
      auth: () => ({ type: 'bearer', token: SECRET }),
      want: { authorization: `Bearer ${SECRET}` },
    },
    {
      name: 'API key header',
      auth: () => ({ type: 'apiKey', key: SECRET }),
      want: { 'x-api-key': SECRET },
    },
    {
      name: 'OAuth2 client credentials',
      auth: (url) => ({
        type: 'oauth2',
        tokenUrl: `${url}/token`,
        clientId: 'client',
        clientSecret: SECRET,
      }),
      want: { authorization: `Bearer ${SECRET}-token-1` },
    },
  ];
  it.each(cases)('sends $name', async ({ auth, want }) => {
    server = await startAuthServer({ expiresIn: 3600 });
    const client = createClient({ baseUrl: server.url, auth: auth(server.url) });
    await client.queryEntities({ type: 'Building' });
    expect(server.seen[0]).toMatchObject(want);
  });

  it('refreshes the OAuth2 token before it expires', async () => {
    server = await startAuthServer({ expiresIn: 1 });
    const client = createClient({
      baseUrl: server.url,
      auth: {
        type: 'oauth2',
        tokenUrl: `${server.url}/token`,
        clientId: 'client',
        clientSecret: SECRET,
        refreshMarginMs: 990,
      },
    });
    await client.queryEntities({ type: 'A' });
    await new Promise((r) => setTimeout(r, 30));
    await client.queryEntities({ type: 'A' });
    expect(server.tokensIssued).toBe(2);
    expect(server.seen.map((h) => h.authorization)).toEqual([
      `Bearer ${SECRET}-token-1`,
      `Bearer ${SECRET}-token-2`,
    ]);
  });

  it('fetches a new token once after a 401 and retries', async () => {
    server = await startAuthServer({ expiresIn: 3600, rejectFirst: true });
    const client = createClient({
      baseUrl: server.url,
      retry: { retries: 0 },
      auth: {
        type: 'oauth2',
        tokenUrl: `${server.url}/token`,
        clientId: 'client',
        clientSecret: SECRET,
      },
    });
    await expect(client.queryEntities({ type: 'A' })).resolves.toEqual({ entities: [] });
    expect(server.tokensIssued).toBe(2);
  });

  it('shares one token request between concurrent calls', async () => {
    server = await startAuthServer({ expiresIn: 3600 });
    const client = createClient({
      baseUrl: server.url,
      auth: {
        type: 'oauth2',
        tokenUrl: `${server.url}/token`,
        clientId: 'client',
        clientSecret: SECRET,
      },
    });
    await Promise.all(Array.from({ length: 5 }, () => client.queryEntities({ type: 'A' })));
    expect(server.tokensIssued).toBe(1);
  });

  it('names the token endpoint problem when client credentials are wrong', async () => {
    server = await startAuthServer({ expiresIn: 3600 });
    const client = createClient({
      baseUrl: server.url,
      auth: {
        type: 'oauth2',
        tokenUrl: `${server.url}/token`,
        clientId: 'client',
        clientSecret: 'wrong-secret-value',
      },
    });
    const err = await client.queryEntities({ type: 'A' }).catch((e: unknown) => e);
    expect(isHttpError(err) && err.status).toBe(401);
    expect(String(err)).toContain('the OAuth2 tokenUrl answered HTTP 401');
    expect(JSON.stringify(err)).not.toContain('wrong-secret-value');
  });
});

describe('secrets never leak', () => {
  const kinds: { name: string; auth: (url: string) => AuthOptions }[] = [
    { name: 'bearer', auth: () => ({ type: 'bearer', token: SECRET }) },
    { name: 'apiKey', auth: () => ({ type: 'apiKey', key: SECRET }) },
    {
      name: 'oauth2',
      auth: (url) => ({
        type: 'oauth2',
        tokenUrl: `${url}/token`,
        clientId: 'client',
        clientSecret: SECRET,
      }),
    },
  ];
  it.each(kinds)(
    '$name: not in errors, hooks, toString or JSON.stringify(client)',
    async ({ auth }) => {
      server = await startAuthServer({ expiresIn: 3600, rejectFirst: true, status: 403 });
      const captured: unknown[] = [];
      const client = createClient({
        baseUrl: server.url,
        retry: { retries: 0 },
        auth: auth(server.url),
        hooks: {
          onRequest: (e) => captured.push(e),
          onResponse: (e) => captured.push(e),
          onError: (e) => captured.push(e),
        },
      });
      const err = await client.queryEntities({ type: 'A' }).catch((e: unknown) => e);
      expect(isHttpError(err)).toBe(true);
      const texts = [
        String(err),
        (err as Error).stack ?? '',
        JSON.stringify(err),
        JSON.stringify(captured),
        String(client),
        JSON.stringify(client),
        JSON.stringify(Object.entries(client)),
        inspect(client, { showHidden: true, depth: 10 }),
        inspect(err, { showHidden: true, depth: 10 }),
      ];
      for (const text of texts) expect(text).not.toContain(SECRET);
      expect(JSON.stringify(client)).toBe(JSON.stringify({ baseUrl: server.url }));
      expect((captured[0] as { headers: Record<string, string> }).headers).toMatchObject(
        auth(server.url).type === 'apiKey'
          ? { 'x-api-key': '[REDACTED]' }
          : { authorization: '[REDACTED]' },
      );
    },
  );
});

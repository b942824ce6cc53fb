import { authFromEnv, reportToJson, runConformance } from '@smartcitylab/conformance';
import { describe, expect, it } from 'vitest';
import { serve } from './support/servers.js';

describe('credentials from the environment', () => {
  it.each([
    ['a bearer token', { SMARTCITY_TOKEN: 't' }, { type: 'bearer', token: 't' }],
    [
      'an API key with its header',
      { SMARTCITY_API_KEY: 'k', SMARTCITY_API_KEY_HEADER: 'apikey' },
      { type: 'apiKey', key: 'k', header: 'apikey' },
    ],
    [
      'OAuth2 client credentials',
      {
        SMARTCITY_OAUTH_TOKEN_URL: 'http://127.0.0.1:1/token',
        SMARTCITY_OAUTH_CLIENT_ID: 'id',
        SMARTCITY_OAUTH_CLIENT_SECRET: 's',
      },
      { type: 'oauth2', tokenUrl: 'http://127.0.0.1:1/token', clientId: 'id', clientSecret: 's' },
    ],
    ['nothing', {}, undefined],
  ])('reads %s', (_name, env, want) => {
    expect(authFromEnv(env)).toEqual(want);
  });

  it('names the missing OAuth2 variable set', () => {
    expect(() => authFromEnv({ SMARTCITY_OAUTH_CLIENT_ID: 'id' })).toThrow(
      /SMARTCITY_OAUTH_TOKEN_URL/,
    );
  });

  it('fetches an OAuth2 token, sends it, and keeps it out of the report', async () => {
    const seen: string[] = [];
    const idp = await serve((req, res) => {
      req.resume();
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ access_token: 'tok-987654321', expires_in: 600 }));
    });
    const api = await serve((req, res) => {
      req.resume();
      seen.push(req.headers.authorization ?? '');
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ type: 'x', detail: `you sent ${req.headers.authorization}` }));
    });
    try {
      const report = await runConformance({
        endpoint: api.url,
        profiles: ['mim1-core'],
        auth: {
          type: 'oauth2',
          tokenUrl: `${idp.url}/token`,
          clientId: 'app',
          clientSecret: 'very-secret-1',
        },
        rps: 0,
        timeoutMs: 30_000,
      });
      expect(seen[0]).toBe('Bearer tok-987654321');
      const text = reportToJson(report);
      expect(text).not.toContain('tok-987654321');
      expect(text).not.toContain('very-secret-1');
    } finally {
      await idp.close();
      await api.close();
    }
  });
});

/**
 * Credentials for the endpoint under test, read from the environment so they never appear on a
 * command line, in a report or in a log.
 */
import { ConformanceError } from './errors.js';

/** How the kit authenticates against the endpoint. */
export type ConformanceAuth =
  | { readonly type: 'bearer'; readonly token: string }
  | { readonly type: 'apiKey'; readonly key: string; readonly header?: string }
  | {
      readonly type: 'oauth2';
      readonly tokenUrl: string;
      readonly clientId: string;
      readonly clientSecret: string;
      readonly scope?: string;
    };

/**
 * Reads credentials from environment variables: `SMARTCITY_TOKEN` (bearer), `SMARTCITY_API_KEY`
 * (with `SMARTCITY_API_KEY_HEADER`, default `X-API-Key`), or OAuth2 client credentials
 * (`SMARTCITY_OAUTH_TOKEN_URL`, `SMARTCITY_OAUTH_CLIENT_ID`, `SMARTCITY_OAUTH_CLIENT_SECRET`,
 * optional `SMARTCITY_OAUTH_SCOPE`). Returns undefined when none is set.
 *
 * @example
 * ```ts
 * const auth = authFromEnv(process.env);
 * ```
 * @throws ConformanceError (code `InvalidOptions`) when the OAuth2 variables are incomplete.
 */
export function authFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): ConformanceAuth | undefined {
  const token = env.SMARTCITY_TOKEN;
  if (token) return { type: 'bearer', token };
  const key = env.SMARTCITY_API_KEY;
  if (key) {
    const header = env.SMARTCITY_API_KEY_HEADER;
    return header ? { type: 'apiKey', key, header } : { type: 'apiKey', key };
  }
  const tokenUrl = env.SMARTCITY_OAUTH_TOKEN_URL;
  const clientId = env.SMARTCITY_OAUTH_CLIENT_ID;
  const clientSecret = env.SMARTCITY_OAUTH_CLIENT_SECRET;
  if (tokenUrl || clientId || clientSecret) {
    if (!tokenUrl || !clientId || !clientSecret) {
      throw new ConformanceError(
        'InvalidOptions',
        'OAuth2 needs SMARTCITY_OAUTH_TOKEN_URL, SMARTCITY_OAUTH_CLIENT_ID and SMARTCITY_OAUTH_CLIENT_SECRET; one of them is missing',
      );
    }
    const scope = env.SMARTCITY_OAUTH_SCOPE;
    return scope
      ? { type: 'oauth2', tokenUrl, clientId, clientSecret, scope }
      : { type: 'oauth2', tokenUrl, clientId, clientSecret };
  }
  return undefined;
}

/** The secret strings of `auth`, for redaction. */
export function secretsOf(auth: ConformanceAuth | undefined): string[] {
  if (!auth) return [];
  if (auth.type === 'bearer') return [auth.token];
  if (auth.type === 'apiKey') return [auth.key];
  return [auth.clientSecret];
}

/** Gives the request headers for `auth`, fetching and caching an OAuth2 token when needed. */
export class AuthHeaders {
  private token: { value: string; expiresAt: number } | undefined;
  /** Secrets learnt at run time (OAuth2 access tokens), for redaction. */
  readonly learnt: string[] = [];

  constructor(
    private readonly auth: ConformanceAuth | undefined,
    private readonly timeoutMs: number,
  ) {}

  /** Header name carrying the secret, lower case. */
  get headerName(): string | undefined {
    if (!this.auth) return undefined;
    return this.auth.type === 'apiKey'
      ? (this.auth.header ?? 'x-api-key').toLowerCase()
      : 'authorization';
  }

  async headers(): Promise<Record<string, string>> {
    const a = this.auth;
    if (!a) return {};
    if (a.type === 'bearer') return { authorization: `Bearer ${a.token}` };
    if (a.type === 'apiKey') return { [this.headerName ?? 'x-api-key']: a.key };
    if (!this.token || Date.now() > this.token.expiresAt - 30_000) this.token = await this.fetch(a);
    return { authorization: `Bearer ${this.token.value}` };
  }

  private async fetch(
    a: Extract<ConformanceAuth, { type: 'oauth2' }>,
  ): Promise<{ value: string; expiresAt: number }> {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (a.scope) form.set('scope', a.scope);
    const basic = Buffer.from(
      `${encodeURIComponent(a.clientId)}:${encodeURIComponent(a.clientSecret)}`,
    ).toString('base64');
    this.learnt.push(basic);
    let res: Response;
    try {
      res = await fetch(a.tokenUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          authorization: `Basic ${basic}`,
        },
        body: form.toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (cause) {
      throw new ConformanceError(
        'AuthFailed',
        `could not reach the OAuth2 token URL ${a.tokenUrl}; check SMARTCITY_OAUTH_TOKEN_URL`,
        { cause },
      );
    }
    const text = await res.text().catch(() => '');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const value =
      typeof body === 'object' && body !== null
        ? (body as Record<string, unknown>).access_token
        : undefined;
    if (!res.ok || typeof value !== 'string' || value === '') {
      throw new ConformanceError(
        'AuthFailed',
        `the OAuth2 token URL answered ${res.status} without an access_token; check the client id and secret`,
      );
    }
    this.learnt.push(value);
    const expiresIn = (body as Record<string, unknown>).expires_in;
    const lifetime = typeof expiresIn === 'number' ? expiresIn : 300;
    return { value, expiresAt: Date.now() + lifetime * 1000 };
  }
}

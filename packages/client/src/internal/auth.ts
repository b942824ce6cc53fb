import { HttpError, NetworkError } from '@smartcitylab/ngsi-ld';
import type { AuthOptions, FetchInit, FetchLike, ResponseLike } from '../options.js';

/** Supplies auth headers; secrets live only in this closure, never on the client object. */
export interface AuthProvider {
  /** Header name that carries the secret (redacted in hooks). */
  readonly headerName: string;
  headers(signal?: AbortSignal): Promise<Record<string, string>>;
  /** Called after a 401: drops the cached token; true when a retry may succeed. */
  invalidate(): boolean;
}

interface CachedToken {
  value: string;
  expiresAt: number;
}

/** Builds the provider for the configured auth; `undefined` when the client is anonymous. */
export function createAuthProvider(
  auth: AuthOptions | undefined,
  fetchImpl: FetchLike,
  now: () => number = Date.now,
): AuthProvider | undefined {
  if (!auth) return undefined;
  switch (auth.type) {
    case 'bearer': {
      const source = auth.token;
      return {
        headerName: 'authorization',
        async headers() {
          const token = typeof source === 'function' ? await source() : source;
          return { authorization: `Bearer ${token}` };
        },
        invalidate: () => typeof source === 'function',
      };
    }
    case 'apiKey': {
      const name = (auth.header ?? 'x-api-key').toLowerCase();
      const key = auth.key;
      return {
        headerName: name,
        headers: async () => ({ [name]: key }),
        invalidate: () => false,
      };
    }
    case 'oauth2':
      return oauth2Provider(auth, fetchImpl, now);
  }
}

function oauth2Provider(
  auth: Extract<AuthOptions, { type: 'oauth2' }>,
  fetchImpl: FetchLike,
  now: () => number,
): AuthProvider {
  const { tokenUrl, clientId, clientSecret, scope } = auth;
  const margin = auth.refreshMarginMs ?? 30_000;
  let cached: CachedToken | undefined;
  let pending: Promise<CachedToken> | undefined;

  async function fetchToken(signal?: AbortSignal): Promise<CachedToken> {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scope) form.set('scope', scope);
    const basic = btoa(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`);
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      authorization: `Basic ${basic}`,
    };
    const init: FetchInit = { method: 'POST', headers, body: form.toString() };
    if (signal) init.signal = signal;
    let res: ResponseLike;
    try {
      res = await fetchImpl(tokenUrl, init);
    } catch (cause) {
      throw new NetworkError('could not reach the OAuth2 tokenUrl', {
        request: { method: 'POST', url: tokenUrl, headers },
        cause,
      });
    }
    const text = await res.text();
    if (res.status < 200 || res.status > 299) {
      throw new HttpError(res.status, text, {
        request: { method: 'POST', url: tokenUrl, headers },
        message: `the OAuth2 tokenUrl answered HTTP ${res.status}; check clientId, clientSecret and tokenUrl`,
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const token =
      typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    if (typeof token.access_token !== 'string' || token.access_token.length === 0) {
      throw new HttpError(res.status, undefined, {
        request: { method: 'POST', url: tokenUrl, headers },
        message: 'the OAuth2 tokenUrl answered without an access_token',
      });
    }
    const lifetimeS = typeof token.expires_in === 'number' ? token.expires_in : 300;
    return { value: token.access_token, expiresAt: now() + lifetimeS * 1000 };
  }

  async function current(signal?: AbortSignal): Promise<string> {
    if (cached && now() < cached.expiresAt - margin) return cached.value;
    // One token request at a time, shared by concurrent callers.
    pending ??= fetchToken(signal).finally(() => {
      pending = undefined;
    });
    cached = await pending;
    return cached.value;
  }

  return {
    headerName: 'authorization',
    async headers(signal) {
      return { authorization: `Bearer ${await current(signal)}` };
    },
    invalidate() {
      cached = undefined;
      return true;
    },
  };
}

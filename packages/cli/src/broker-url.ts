import { type AuthOptions, createClient, type NgsiLdClient } from '@smartcitylab/client';
import { UsageError } from './errors.js';
import type { CliIo } from './io.js';

/**
 * Checks a broker URL argument and creates a client for it. Credentials come from the
 * environment (`SMARTCITY_TOKEN` bearer token or `SMARTCITY_API_KEY`), never from flags, so they
 * stay out of shell history.
 */
export function clientFor(url: string | undefined, io: CliIo, tenant?: string): NgsiLdClient {
  if (url === undefined) throw new UsageError('Give the broker URL, e.g. http://localhost:1026.');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(
      `"${url}" is not a URL; give the broker root such as http://localhost:1026.`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`"${url}" must start with http:// or https://.`);
  }
  const token = io.env.SMARTCITY_TOKEN;
  const apiKey = io.env.SMARTCITY_API_KEY;
  const auth: AuthOptions | undefined = token
    ? { type: 'bearer', token }
    : apiKey
      ? { type: 'apiKey', key: apiKey }
      : undefined;
  return createClient({
    baseUrl: parsed.toString().replace(/\/$/, ''),
    ...(tenant ? { tenant } : {}),
    ...(auth ? { auth } : {}),
    timeoutMs: 15_000,
    retry: { retries: 3 },
  });
}

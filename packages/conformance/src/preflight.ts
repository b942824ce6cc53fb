/** The first request of a run: can the endpoint be reached, and does it speak JSON? */
import type { Probe } from './internal/http.js';
import { ProbeFailure } from './internal/http.js';

/** Returns why the run cannot start, or undefined when it can. */
export async function preflight(probe: Probe, probeType: string): Promise<string | undefined> {
  const where = probe.url('');
  try {
    const res = await probe.send({ path: '/entities', query: { type: probeType, limit: 1 } });
    if (res.status >= 300 && res.status < 400) {
      const to = res.headers.get('location') ?? 'another address';
      return `${where} redirects (${res.status}) to ${probe.redact(to)}, perhaps a login page; an NGSI-LD endpoint answers directly. Check the URL and set SMARTCITY_TOKEN, SMARTCITY_API_KEY or SMARTCITY_OAUTH_*`;
    }
    if (res.status === 401 || res.status === 403) {
      return `${where} answered ${res.status}: the credentials are missing or refused. Set SMARTCITY_TOKEN, SMARTCITY_API_KEY or SMARTCITY_OAUTH_*`;
    }
    if (res.mediaType.includes('html')) {
      return `${where} answered ${res.status} with an HTML page, not NGSI-LD JSON. Give the broker root (e.g. https://broker.example.se), not a web page`;
    }
    return undefined;
  } catch (e) {
    if (e instanceof ProbeFailure) return `cannot reach ${where}: ${e.message}`;
    throw e;
  }
}

/** Builds the broker's context resolver from its options. */
import {
  CORE_CONTEXT,
  CORE_CONTEXT_V1_6,
  CORE_CONTEXT_V1_7,
  CORE_CONTEXT_V1_8,
} from '@smartcitylab/ngsi-ld';
import { isRecord } from '../entity-model.js';
import type { BrokerStore } from '../store.js';
import { ContextResolver } from './resolver.js';

/**
 * Limits of remote context fetching (`fetchContexts` option).
 *
 * @example
 * ```ts
 * const fetching: FetchContextsOptions = { timeoutMs: 2000, maxBytes: 1_000_000, cacheSize: 64 };
 * ```
 */
export interface FetchContextsOptions {
  /** How long one fetch may take (default 5 000 ms). */
  timeoutMs?: number;
  /** Largest document accepted (default 2 MiB). */
  maxBytes?: number;
  /** How many fetched documents are kept (least recently used go first; default 100). */
  cacheSize?: number;
}

/** Every URL under which the ETSI core context is published (they are applied as built in). */
const CORE_URLS = new Set([
  CORE_CONTEXT,
  CORE_CONTEXT_V1_6,
  CORE_CONTEXT_V1_7,
  CORE_CONTEXT_V1_8,
  'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld',
  'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.3.jsonld',
  'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.4.jsonld',
  'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.5.jsonld',
  'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.9.jsonld',
]);

const HOSTED_PATH = '/ngsi-ld/v1/jsonldContexts/';

/** The options {@link createResolver} reads. */
export interface ResolverOptions {
  contexts?: Readonly<Record<string, unknown>> | undefined;
  fetchContexts?: boolean | FetchContextsOptions | undefined;
  expandTerms?: boolean | undefined;
}

/** A resolver over the preloaded documents, the hosted ones, and (when allowed) the network. */
export function createResolver(
  options: ResolverOptions,
  store: BrokerStore,
  baseUrl: () => string,
): ContextResolver {
  const preloaded = new Map<string, unknown>(Object.entries(options.contexts ?? {}));
  const f = options.fetchContexts;
  const limits: FetchContextsOptions = typeof f === 'object' ? f : {};
  return new ContextResolver(
    CORE_URLS,
    {
      preloaded,
      hosted: (url) => {
        const prefix = `${baseUrl()}${HOSTED_PATH}`;
        if (!url.startsWith(prefix)) return undefined;
        let id = url.slice(prefix.length);
        try {
          id = decodeURIComponent(id);
        } catch {
          return undefined;
        }
        return store.contexts.get(id)?.document;
      },
    },
    {
      enabled: f === true || typeof f === 'object',
      timeoutMs: limits.timeoutMs ?? 5_000,
      maxBytes: limits.maxBytes ?? 2 * 1024 * 1024,
      cacheSize: limits.cacheSize ?? 100,
    },
    options.expandTerms === false,
    CORE_CONTEXT,
  );
}

/**
 * The @context values a request carries besides its own: each batch element's @context
 * (ld+json) and a subscription's `jsonldContext`.
 */
export function* contextsNeeded(body: unknown, contentType: string | undefined): Iterable<unknown> {
  if (Array.isArray(body)) {
    if (contentType !== 'application/ld+json') return;
    const seen = new Set<string>();
    for (const item of body) {
      if (!isRecord(item) || item['@context'] === undefined) continue;
      const key = JSON.stringify(item['@context']);
      if (seen.has(key)) continue;
      seen.add(key);
      yield item['@context'];
    }
    return;
  }
  if (isRecord(body) && typeof body.jsonldContext === 'string') yield body.jsonldContext;
}

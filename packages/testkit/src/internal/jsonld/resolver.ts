/**
 * Resolves a request's @context (a URL, an inline object, or an array of both, nested
 * through URLs and `@import`) into an {@link ActiveContext}, offline first: the core
 * context is built in, preloaded and hosted documents are looked up locally, and remote
 * documents are fetched only when the broker allows it (timeout, size cap, LRU cache).
 * Each distinct context is resolved once; requests after that only look it up.
 */
import { isRecord } from '../entity-model.js';
import { invalidRequest, problem, RequestProblem } from '../problems.js';
import { ActiveContext } from './active-context.js';
import { applyTermDefinitions, type TermState } from './term-definitions.js';

/** Deepest nesting of context URLs / `@import`s before the context is refused. */
export const MAX_CONTEXT_DEPTH = 8;

/** Settings of remote context fetching. */
export interface FetchSettings {
  enabled: boolean;
  timeoutMs: number;
  maxBytes: number;
  cacheSize: number;
}

/** Where documents come from besides the network. */
export interface LocalDocuments {
  /** Preloaded documents (the `contexts` option), by URL. */
  preloaded: ReadonlyMap<string, unknown>;
  /** A document the broker hosts under /jsonldContexts, by its URL. */
  hosted(url: string): unknown;
}

/** A small LRU map (Map keeps insertion order; a hit moves the key to the end). */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, v: V): void {
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size > this.max) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }
  clear(): void {
    this.map.clear();
  }
}

function notAvailable(url: string, why: string): RequestProblem {
  return new RequestProblem(
    problem('LdContextNotAvailable', 'JSON-LD @context not available', `${url}: ${why}`),
    503,
  );
}

/** Resolves and caches request contexts. */
export class ContextResolver {
  private readonly resolved: Lru<ActiveContext>;
  private readonly fetched: Lru<unknown>;
  readonly coreOnly: ActiveContext;

  constructor(
    private readonly coreUrls: ReadonlySet<string>,
    private readonly local: LocalDocuments,
    private readonly fetching: FetchSettings,
    private readonly passthrough: boolean,
    coreUrl: string,
  ) {
    this.resolved = new Lru(Math.max(16, fetching.cacheSize));
    this.fetched = new Lru(Math.max(1, fetching.cacheSize));
    this.coreOnly = new ActiveContext(coreUrl, new Map(), passthrough);
  }

  /** The preloaded documents (the `contexts` option), by URL. */
  get preloaded(): ReadonlyMap<string, unknown> {
    return this.local.preloaded;
  }

  /** Forgets resolved contexts (after a hosted context changed). */
  invalidate(): void {
    this.resolved.clear();
  }

  /** The cache key of a context value, or undefined for "core context only". */
  private keyOf(value: unknown): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return this.coreUrls.has(value) ? undefined : value;
    if (Array.isArray(value) && value.length === 1) return this.keyOf(value[0]);
    return JSON.stringify(value);
  }

  /** The context already resolved for `value`, if any (no I/O). */
  peek(value: unknown): ActiveContext | undefined {
    const key = this.keyOf(value);
    if (key === undefined) return this.coreOnly;
    if (this.passthrough) return new ActiveContext(value, new Map(), true);
    return this.resolved.get(key);
  }

  /**
   * Resolves `value` (undefined = core context only).
   *
   * @throws RequestProblem 400 InvalidRequest (malformed, cyclic or too deep) or 503
   *   LdContextNotAvailable (a document that cannot be had).
   */
  async resolve(value: unknown): Promise<ActiveContext> {
    const key = this.keyOf(value);
    if (key === undefined) return this.coreOnly;
    // Without expansion the context is only echoed, never loaded.
    if (this.passthrough) return new ActiveContext(value, new Map(), true);
    const known = this.resolved.get(key);
    if (known) return known;
    const state: TermState = { terms: new Map(), vocab: undefined };
    await this.process(value, state, 0, []);
    const ac = new ActiveContext(value, state.terms, this.passthrough);
    this.resolved.set(key, ac);
    return ac;
  }

  private async process(
    value: unknown,
    state: TermState,
    depth: number,
    chain: readonly string[],
  ): Promise<void> {
    if (depth > MAX_CONTEXT_DEPTH) {
      throw invalidRequest(
        'Malformed @context',
        `contexts nest deeper than ${MAX_CONTEXT_DEPTH} levels: ${chain.join(' -> ')}`,
      );
    }
    if (value === null) {
      state.terms.clear();
      return;
    }
    if (typeof value === 'string') {
      if (this.coreUrls.has(value)) return;
      if (chain.includes(value)) {
        throw invalidRequest(
          'Malformed @context',
          `the context imports itself: ${[...chain, value].join(' -> ')}`,
        );
      }
      const doc = await this.load(value);
      if (!isRecord(doc) || !('@context' in doc)) {
        throw invalidRequest(
          'Malformed @context',
          `${value} is not a JSON-LD context document (a JSON object with an '@context' member)`,
        );
      }
      await this.process(doc['@context'], state, depth + 1, [...chain, value]);
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) await this.process(item, state, depth, chain);
      return;
    }
    if (!isRecord(value)) {
      throw invalidRequest(
        'Malformed @context',
        `an @context must be a URL, an object or an array of them, got ${JSON.stringify(value).slice(0, 60)}`,
      );
    }
    const imported = value['@import'];
    if (imported !== undefined) {
      if (typeof imported !== 'string')
        throw invalidRequest('Malformed @context', "'@import' must be a URL");
      if (chain.includes(imported)) {
        throw invalidRequest(
          'Malformed @context',
          `the context imports itself: ${[...chain, imported].join(' -> ')}`,
        );
      }
      const doc = await this.load(imported);
      const inner = isRecord(doc) ? doc['@context'] : undefined;
      if (!isRecord(inner)) {
        throw invalidRequest(
          'Malformed @context',
          `'@import' of ${imported} must name a document whose '@context' is an object`,
        );
      }
      await this.process(inner, state, depth + 1, [...chain, imported]);
    }
    applyTermDefinitions(value, state, chain.length > 0 ? (chain.at(-1) as string) : '@context');
  }

  /** A context document by URL: preloaded, hosted, cached, or fetched when allowed. */
  private async load(url: string): Promise<unknown> {
    const preloaded = this.local.preloaded.get(url);
    if (preloaded !== undefined) return preloaded;
    const hosted = this.local.hosted(url);
    if (hosted !== undefined) return hosted;
    const cached = this.fetched.get(url);
    if (cached !== undefined) return cached;
    if (!/^https?:\/\//i.test(url)) {
      throw invalidRequest('Malformed @context', `not an http(s) URL: ${url.slice(0, 200)}`);
    }
    if (!this.fetching.enabled) {
      throw notAvailable(
        url,
        'the testkit does not fetch remote contexts by default; preload the document with the `contexts` option (CLI: --context FILE_OR_URL) or allow fetching (fetchContexts / --fetch-contexts)',
      );
    }
    const doc = await this.fetchDocument(url);
    this.fetched.set(url, doc);
    return doc;
  }

  private async fetchDocument(url: string): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(url, {
        headers: { Accept: 'application/ld+json, application/json' },
        signal: AbortSignal.timeout(this.fetching.timeoutMs),
        redirect: 'follow',
      });
    } catch (err) {
      const timedOut = err instanceof Error && err.name === 'TimeoutError';
      throw notAvailable(
        url,
        timedOut
          ? `no answer within ${this.fetching.timeoutMs} ms`
          : `cannot be fetched (${err instanceof Error ? err.message : String(err)})`,
      );
    }
    if (res.status < 200 || res.status >= 300) {
      await res.body?.cancel().catch(() => undefined);
      throw notAvailable(url, `the server answered ${res.status}`);
    }
    const text = await this.readCapped(url, res);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw invalidRequest('Malformed @context', `${url} is not JSON`);
    }
  }

  private async readCapped(url: string, res: Response): Promise<string> {
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > this.fetching.maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw notAvailable(url, `larger than the ${this.fetching.maxBytes}-byte limit`);
    }
    if (!res.body) return '';
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > this.fetching.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw notAvailable(url, `larger than the ${this.fetching.maxBytes}-byte limit`);
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
}

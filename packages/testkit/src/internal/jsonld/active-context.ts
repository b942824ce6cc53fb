/**
 * An active JSON-LD context reduced to what an NGSI-LD broker needs: a term → IRI map for
 * expansion and an IRI → term map for compaction, with the core context applied last and
 * its `@vocab` (the default context) for terms no context defines.
 *
 * Representation inside the store: terms of the core context keep their short name (the
 * core context is always active and cannot be overridden, so the short name is as exact as
 * the IRI); every other term is stored as its expanded IRI.
 */
import {
  CORE_KEYWORD_ALIASES,
  CORE_PREFIXES,
  CORE_TERMS,
  CORE_VOCAB,
} from '../../generated/core-context.js';

/** How many expanded/compacted names one context memoizes before starting over. */
const MEMO_LIMIT = 50_000;

const CORE_TERM_MAP = new Map<string, string>();
const CORE_IRI_MAP = new Map<string, string>();

function coreMaps(): void {
  if (CORE_TERM_MAP.size > 0) return;
  for (const [term, iri] of Object.entries(CORE_TERMS)) {
    CORE_TERM_MAP.set(term, iri);
    if (!CORE_IRI_MAP.has(iri)) CORE_IRI_MAP.set(iri, term);
  }
  // id and type are keywords, never expanded; VocabularyProperty is the pre-1.8.1 spelling.
  for (const alias of [...CORE_KEYWORD_ALIASES, 'VocabularyProperty']) {
    CORE_TERM_MAP.set(alias, alias);
  }
}

/** Whether `term` is defined by the NGSI-LD core context. */
export function isCoreTerm(term: string): boolean {
  coreMaps();
  return CORE_TERM_MAP.has(term);
}

/** The shorter, then lexicographically smaller term (the JSON-LD term selection order). */
function preferred(a: string, b: string): string {
  if (a.length !== b.length) return a.length < b.length ? a : b;
  return a < b ? a : b;
}

/** Expansion and compaction of names under one request's context. */
export class ActiveContext {
  /** User terms (core terms excluded: the core context overrides them). */
  private readonly terms: Map<string, string>;
  private readonly reverse = new Map<string, string>();
  private readonly expandMemo = new Map<string, string>();
  private readonly compactMemo = new Map<string, string>();

  /**
   * @param value The context as the client gave it (a URL, an inline object or an array);
   *   undefined means only the core context.
   * @param terms The user terms, already resolved to absolute IRIs.
   * @param passthrough When true, names are neither expanded nor compacted.
   */
  constructor(
    readonly value: unknown,
    terms: ReadonlyMap<string, string>,
    readonly passthrough = false,
  ) {
    coreMaps();
    this.terms = new Map();
    for (const [term, iri] of terms) {
      if (CORE_TERM_MAP.has(term)) continue;
      this.terms.set(term, iri);
      const known = this.reverse.get(iri);
      this.reverse.set(iri, known === undefined ? term : preferred(known, term));
    }
  }

  /** Number of user terms (after the core context took its own). */
  get size(): number {
    return this.terms.size;
  }

  /** Whether the user context defines `term`. */
  defines(term: string): boolean {
    return this.terms.has(term);
  }

  /**
   * Expands an entity type, attribute name or vocabulary value to its stored form: the
   * short name for core terms, the IRI otherwise.
   */
  expand(term: string): string {
    if (this.passthrough) return term;
    const memo = this.expandMemo.get(term);
    if (memo !== undefined) return memo;
    const out = this.expandUncached(term);
    if (this.expandMemo.size >= MEMO_LIMIT) this.expandMemo.clear();
    this.expandMemo.set(term, out);
    return out;
  }

  private expandUncached(term: string): string {
    if (CORE_TERM_MAP.has(term)) return term;
    let iri = this.terms.get(term);
    if (iri === undefined) {
      const colon = term.indexOf(':');
      if (colon > 0) {
        const prefix = term.slice(0, colon);
        const base = this.terms.get(prefix) ?? CORE_PREFIXES[prefix];
        // A compact IRI whose prefix is a term; anything else with a colon is an absolute IRI.
        iri =
          base !== undefined && !term.startsWith('//', colon + 1)
            ? base + term.slice(colon + 1)
            : term;
      } else {
        iri = CORE_VOCAB + term;
      }
    }
    return CORE_IRI_MAP.get(iri) ?? iri;
  }

  /**
   * Compacts a stored name for an answer: the user term that maps to it, the bare name when
   * it is in the default vocabulary and no term shadows it, else the full IRI.
   */
  compact(stored: string): string {
    if (this.passthrough) return stored;
    const memo = this.compactMemo.get(stored);
    if (memo !== undefined) return memo;
    const out = this.compactUncached(stored);
    if (this.compactMemo.size >= MEMO_LIMIT) this.compactMemo.clear();
    this.compactMemo.set(stored, out);
    return out;
  }

  private compactUncached(stored: string): string {
    if (CORE_TERM_MAP.has(stored)) return stored;
    const term = this.reverse.get(stored);
    if (term !== undefined) return term;
    if (stored.startsWith(CORE_VOCAB)) {
      const suffix = stored.slice(CORE_VOCAB.length);
      if (suffix.length > 0 && !this.terms.has(suffix) && !CORE_TERM_MAP.has(suffix)) {
        if (!suffix.includes(':') && !suffix.includes('/')) return suffix;
      }
    }
    return stored;
  }
}

/** The context of requests that name none: the core context alone. */
export function coreOnlyContext(coreUrl: string): ActiveContext {
  return new ActiveContext(coreUrl, new Map());
}

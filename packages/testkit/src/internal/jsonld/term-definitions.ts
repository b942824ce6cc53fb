/**
 * Turns one JSON-LD context object's term definitions into absolute IRIs (the JSON-LD 1.1
 * "create term definition" step, limited to what names expand to): simple definitions,
 * expanded definitions with `@id`, compact IRIs whose prefix is defined in the same object
 * or earlier, `null` to undefine, and `@vocab` for relative values.
 */
import { CORE_PREFIXES, CORE_VOCAB } from '../../generated/core-context.js';
import { isRecord } from '../entity-model.js';
import { invalidRequest, type RequestProblem } from '../problems.js';

/** Terms being built for one request context, in the order their definitions were seen. */
export interface TermState {
  terms: Map<string, string>;
  /** The user `@vocab`, used for relative IRIs in the user's own definitions. */
  vocab: string | undefined;
}

function malformed(where: string, why: string): RequestProblem {
  return invalidRequest('Malformed @context', `${where}: ${why}`);
}

/**
 * Applies the term definitions of a context object (its `@import` is handled by the caller).
 *
 * @throws RequestProblem 400 InvalidRequest for a definition that is not a string, object or null.
 */
export function applyTermDefinitions(
  local: Record<string, unknown>,
  state: TermState,
  where: string,
): void {
  const vocab = local['@vocab'];
  if (typeof vocab === 'string') state.vocab = vocab;
  else if (vocab !== undefined && vocab !== null)
    throw malformed(where, "'@vocab' must be a string");
  const resolving = new Set<string>();
  const resolved = new Map<string, string | null>();

  const definitionId = (term: string): string | null | undefined => {
    const def = local[term];
    if (def === null) return null;
    if (typeof def === 'string') return def;
    if (isRecord(def)) {
      if (def['@id'] === null) return null;
      if (typeof def['@id'] === 'string') return def['@id'];
      if (def['@id'] !== undefined) throw malformed(where, `'@id' of '${term}' must be a string`);
      return undefined;
    }
    throw malformed(where, `the definition of '${term}' must be a string, an object or null`);
  };

  const iriOf = (value: string, term: string): string | null => {
    if (value.startsWith('@')) return null; // a keyword alias such as "id": "@id"
    const colon = value.indexOf(':');
    if (colon > 0) {
      if (value.startsWith('//', colon + 1)) return value;
      const prefix = value.slice(0, colon);
      const base =
        prefix !== term && Object.hasOwn(local, prefix) && !prefix.startsWith('@')
          ? resolveTerm(prefix)
          : (state.terms.get(prefix) ?? CORE_PREFIXES[prefix]);
      return typeof base === 'string' ? base + value.slice(colon + 1) : value;
    }
    if (value !== term && Object.hasOwn(local, value)) return resolveTerm(value);
    return state.terms.get(value) ?? (state.vocab ?? CORE_VOCAB) + value;
  };

  const resolveTerm = (term: string): string | null => {
    const done = resolved.get(term);
    if (done !== undefined) return done;
    if (resolving.has(term)) {
      throw malformed(where, `the definition of '${term}' refers to itself through its prefix`);
    }
    resolving.add(term);
    const id = definitionId(term);
    let iri: string | null;
    if (id === null) iri = null;
    else if (id === undefined)
      iri = term.includes(':') ? iriOf(term, '') : (state.vocab ?? CORE_VOCAB) + term;
    else iri = iriOf(id, term);
    resolving.delete(term);
    resolved.set(term, iri);
    return iri;
  };

  for (const term of Object.keys(local)) {
    if (term.startsWith('@')) continue;
    if (term === '') throw malformed(where, 'an empty term cannot be defined');
    const iri = resolveTerm(term);
    if (iri === null) state.terms.delete(term);
    else state.terms.set(term, iri);
  }
}

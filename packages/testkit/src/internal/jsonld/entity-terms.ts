/**
 * Expansion of parsed entities (types, attribute and sub-attribute names, VocabProperty
 * values) into their stored form, and compaction of rendered entities for an answer.
 * Relationship objects are IRIs already and stay as they are; LanguageProperty maps,
 * JsonProperty values and Property values are never looked into.
 */
import { type AttrInstance, isRecord, type ParsedEntity } from '../entity-model.js';
import { type ActiveContext, isCoreTerm } from './active-context.js';

const VOCAB_TYPES = new Set(['VocabProperty', 'VocabularyProperty']);

function mapVocab(v: unknown, f: (s: string) => string): unknown {
  if (typeof v === 'string') return f(v);
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? f(x) : x));
  return v;
}

function isInstance(v: unknown): v is AttrInstance {
  return isRecord(v) && typeof v.type === 'string';
}

/** Renames the non-core members (sub-attributes) of an instance, recursively. */
function mapInstance(
  inst: AttrInstance,
  name: (s: string) => string,
  vocab: (s: string) => string,
): AttrInstance {
  const out: AttrInstance = {};
  for (const key of Object.keys(inst)) {
    const v = inst[key];
    if (isCoreTerm(key)) {
      out[key] = key === 'vocab' && VOCAB_TYPES.has(inst.type as string) ? mapVocab(v, vocab) : v;
      continue;
    }
    const mapped = isInstance(v)
      ? mapInstance(v, name, vocab)
      : Array.isArray(v) && v.every(isInstance)
        ? v.map((i) => mapInstance(i, name, vocab))
        : v;
    out[name(key)] = mapped;
  }
  return out;
}

/** An instance with every name in its stored (expanded) form. */
export function expandInstance(inst: AttrInstance, ac: ActiveContext): AttrInstance {
  if (ac.passthrough) return inst;
  const f = (s: string): string => ac.expand(s);
  return mapInstance(inst, f, f);
}

/** A parsed entity with its types and attribute names expanded. */
export function expandParsed(parsed: ParsedEntity, ac: ActiveContext): ParsedEntity {
  if (ac.passthrough) return parsed;
  const attrs = new Map<string, AttrInstance[]>();
  for (const [name, list] of parsed.attrs) {
    const key = ac.expand(name);
    const instances = list.map((i) => expandInstance(i, ac));
    const existing = attrs.get(key);
    // Two names that expand to the same IRI are one attribute.
    attrs.set(key, existing ? [...existing, ...instances] : instances);
  }
  const out: ParsedEntity = { id: parsed.id, types: parsed.types.map((t) => ac.expand(t)), attrs };
  if (parsed.scope !== undefined) out.scope = parsed.scope;
  return out;
}

/** Expands a list of names (attrs, pick, omit, watchedAttributes...). */
export function expandNames(names: readonly string[], ac: ActiveContext): string[] {
  return ac.passthrough ? [...names] : names.map((n) => ac.expand(n));
}

/** Compacts a type member (a string or an array of strings). */
export function compactType(type: unknown, ac: ActiveContext): unknown {
  return mapVocab(type, (s) => ac.compact(s));
}

/**
 * A rendered entity (normalized: id, type, attributes, system members) with its names
 * compacted for the requester's context.
 */
export function compactEntity(
  entity: Record<string, unknown>,
  ac: ActiveContext,
): Record<string, unknown> {
  if (ac.passthrough) return entity;
  const f = (s: string): string => ac.compact(s);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(entity)) {
    const v = entity[key];
    if (key === 'id' || key === '@context') out[key] = v;
    else if (key === 'type') out.type = compactType(v, ac);
    else if (isCoreTerm(key) && !isInstance(v) && !Array.isArray(v)) out[key] = v;
    else if (isInstance(v)) out[f(key)] = mapInstance(v, f, f);
    else if (Array.isArray(v) && v.every(isInstance))
      out[f(key)] = v.map((i) => mapInstance(i, f, f));
    else out[f(key)] = v;
  }
  return out;
}

/**
 * How the broker keeps entities: one normalized instance list per attribute (several
 * instances when they carry different datasetIds), plus system timestamps. Conversion to
 * and from the wire representations goes through `@smartcitylab/ngsi-ld`.
 *
 * Names are stored expanded (see jsonld/active-context.ts): the handlers expand what a
 * request sends and {@link renderEntity} compacts what an answer shows.
 */
import {
  type ConciseEntity,
  checkEntityStructure,
  isUri,
  type NormalizedEntity,
  toConcise,
  toKeyValues,
  toNormalized,
} from '@smartcitylab/ngsi-ld';
import type { ActiveContext } from './jsonld/active-context.js';
import { compactEntity } from './jsonld/entity-terms.js';
import { badRequest } from './problems.js';

/** One attribute instance in normalized form (`type`, `value`/`object`/..., sub-attributes). */
export type AttrInstance = Record<string, unknown>;

/** An entity as the broker stores it. */
export interface StoredEntity {
  id: string;
  types: string[];
  scope?: unknown;
  createdAt: string;
  modifiedAt: string;
  attrs: Map<string, AttrInstance[]>;
  /** Cached normalized view without system attributes (dropped on every change). */
  view?: Record<string, unknown> | undefined;
  /** The cached view compacted for the context that last read it. */
  compacted?:
    | { ac: ActiveContext; from: Record<string, unknown>; view: Record<string, unknown> }
    | undefined;
}

/** Output representation of entities. */
export type Format = 'normalized' | 'concise' | 'keyValues';

/** Members of an entity that are not attributes. */
const ENTITY_MEMBERS = new Set([
  'id',
  'type',
  '@context',
  'scope',
  'createdAt',
  'modifiedAt',
  'deletedAt',
]);
/** Members of an attribute that are not sub-attributes. */
const SYS_MEMBERS = new Set(['createdAt', 'modifiedAt', 'deletedAt', 'instanceId']);

const ATTRIBUTE_TYPES = new Set([
  'Property',
  'Relationship',
  'GeoProperty',
  'LanguageProperty',
  'VocabProperty',
  'VocabularyProperty',
  'JsonProperty',
  'ListProperty',
  'ListRelationship',
]);

/** The NGSI-LD null that deletes an attribute in merge operations. */
export const NGSI_LD_NULL = 'urn:ngsi-ld:null';

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A normalized entity taken apart into what the store keeps. */
export interface ParsedEntity {
  id: string;
  types: string[];
  scope?: unknown;
  attrs: Map<string, AttrInstance[]>;
}

function parseTypes(type: unknown): string[] | undefined {
  if (typeof type === 'string' && type.length > 0) return [type];
  if (
    Array.isArray(type) &&
    type.length > 0 &&
    type.every((t) => typeof t === 'string' && t.length > 0)
  ) {
    return type as string[];
  }
  return undefined;
}

/** Removes system members (and `@context`) that a client may not set. */
function stripSystem(attr: Record<string, unknown>): AttrInstance {
  const out: AttrInstance = {};
  for (const key of Object.keys(attr)) {
    if (SYS_MEMBERS.has(key)) continue;
    out[key] = attr[key];
  }
  return out;
}

/**
 * Reads an entity body (normalized or concise) and returns it normalized.
 *
 * @throws RequestProblem 400 BadRequestData when the body is not a valid entity.
 */
export function parseEntityBody(
  body: unknown,
  opts: {
    requireId?: boolean;
    requireType?: boolean;
    fallbackId?: string;
    fallbackType?: string[];
  } = {},
): ParsedEntity {
  if (!isRecord(body)) throw badRequest('Invalid payload body', 'the entity must be a JSON object');
  const id = body.id ?? opts.fallbackId;
  if (typeof id !== 'string' || id.length === 0) {
    throw badRequest('Entity id is missing', "an entity needs an 'id' (a URI)");
  }
  if (!isUri(id)) throw badRequest('Invalid Entity ID', `Not a URI: ${id}`);
  const types = parseTypes(body.type) ?? opts.fallbackType;
  if (!types) {
    if (body.type !== undefined)
      throw badRequest('Invalid Entity Type', "'type' must be a string or an array of strings");
    throw badRequest('Entity type is missing', "an entity needs a 'type'");
  }
  const clean: Record<string, unknown> = { id, type: types.length === 1 ? types[0] : types };
  for (const key of Object.keys(body)) {
    if (ENTITY_MEMBERS.has(key)) continue;
    clean[key] = body[key];
  }
  if (body.scope !== undefined) clean.scope = body.scope;
  let normalized: NormalizedEntity;
  try {
    normalized = toNormalized(clean as ConciseEntity);
  } catch (err) {
    throw badRequest('Invalid entity', describeConversionError(err));
  }
  const checked = checkEntityStructure(normalized, 'normalized');
  if (!checked.success) {
    const first = checked.issues[0];
    const where = first ? first.path.join('.') : '';
    throw badRequest(
      'Invalid entity',
      `${where ? `${where}: ` : ''}${first?.message ?? 'invalid entity'}`,
    );
  }
  const attrs = new Map<string, AttrInstance[]>();
  const record = normalized as unknown as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (ENTITY_MEMBERS.has(key)) continue;
    const v = record[key];
    const list = Array.isArray(v) ? v : [v];
    const instances: AttrInstance[] = [];
    for (const inst of list) {
      if (!isRecord(inst) || typeof inst.type !== 'string' || !ATTRIBUTE_TYPES.has(inst.type)) {
        throw badRequest(
          'Invalid attribute',
          `attribute '${key}' is not a valid NGSI-LD attribute`,
        );
      }
      instances.push(stripSystem(inst));
    }
    if (instances.length === 0)
      throw badRequest('Invalid attribute', `attribute '${key}' has no instances`);
    const seen = new Set<string>();
    for (const inst of instances) {
      const ds = datasetKey(inst);
      if (seen.has(ds)) {
        throw badRequest(
          'Invalid attribute',
          `attribute '${key}' has two instances with the same datasetId`,
        );
      }
      seen.add(ds);
    }
    attrs.set(key, instances);
  }
  const parsed: ParsedEntity = { id, types, attrs };
  if (body.scope !== undefined) parsed.scope = body.scope;
  return parsed;
}

function describeConversionError(err: unknown): string {
  if (err instanceof Error) {
    const issues = (err as { issues?: unknown }).issues;
    if (Array.isArray(issues) && issues.length > 0 && isRecord(issues[0])) {
      const first = issues[0];
      const path = Array.isArray(first.path) ? first.path.join('.') : '';
      return `${path ? `${path}: ` : ''}${String(first.message ?? err.message)}`;
    }
    return err.message;
  }
  return 'invalid entity';
}

/** Key of an instance in its attribute's instance list ('' = the default instance). */
export function datasetKey(inst: AttrInstance): string {
  return typeof inst.datasetId === 'string' ? inst.datasetId : '';
}

/** Options of the normalized rendering. */
export interface RenderOptions {
  sysAttrs?: boolean;
  /** Attributes to keep (pick/attrs); undefined keeps all. */
  pick?: ReadonlySet<string> | undefined;
  /** Attributes to leave out. */
  omit?: ReadonlySet<string> | undefined;
  /** Language to pick from LanguageProperty maps. */
  lang?: string | undefined;
  /** The requester's context: names are compacted with it (stored names when absent). */
  ac?: ActiveContext | undefined;
}

function renderInstance(
  inst: AttrInstance,
  sysAttrs: boolean,
  lang: string | undefined,
): AttrInstance {
  let out: AttrInstance;
  if (sysAttrs) out = inst;
  else {
    out = {};
    for (const key of Object.keys(inst)) {
      if (key === 'createdAt' || key === 'modifiedAt') continue;
      out[key] = inst[key];
    }
  }
  if (lang !== undefined && out.type === 'LanguageProperty' && isRecord(out.languageMap)) {
    const map = out.languageMap;
    const chosen = pickLanguage(map, lang);
    const next: AttrInstance = {};
    for (const key of Object.keys(out)) {
      if (key === 'languageMap' || key === 'type') continue;
      next[key] = out[key];
    }
    next.type = 'Property';
    next.value = chosen === undefined ? null : map[chosen];
    if (chosen !== undefined) next.lang = chosen;
    return next;
  }
  return out;
}

function pickLanguage(map: Record<string, unknown>, lang: string): string | undefined {
  const wanted = lang.split(',').map((l) => l.split(';')[0]?.trim() ?? '');
  for (const w of wanted) {
    if (w === '*') break;
    if (Object.hasOwn(map, w)) return w;
  }
  if (Object.hasOwn(map, '@none')) return '@none';
  return Object.keys(map)[0];
}

/** The entity in normalized form, projected by pick/omit. */
export function renderNormalized(
  e: StoredEntity,
  opts: RenderOptions = {},
): Record<string, unknown> {
  const sysAttrs = opts.sysAttrs === true;
  if (!sysAttrs && !opts.pick && !opts.omit && opts.lang === undefined && e.view) return e.view;
  const out: Record<string, unknown> = {
    id: e.id,
    type: e.types.length === 1 ? e.types[0] : [...e.types],
  };
  if (e.scope !== undefined) out.scope = e.scope;
  for (const [name, instances] of e.attrs) {
    if (opts.pick && !opts.pick.has(name)) continue;
    if (opts.omit?.has(name)) continue;
    const rendered = instances.map((i) => renderInstance(i, sysAttrs, opts.lang));
    out[name] = rendered.length === 1 ? rendered[0] : rendered;
  }
  if (sysAttrs) {
    out.createdAt = e.createdAt;
    out.modifiedAt = e.modifiedAt;
  }
  if (!sysAttrs && !opts.pick && !opts.omit && opts.lang === undefined) e.view = out;
  return out;
}

/** The entity in the requested representation. */
export function renderEntity(
  e: StoredEntity,
  format: Format,
  opts: RenderOptions = {},
): Record<string, unknown> {
  const normalized = renderNormalized(e, opts);
  const ac = opts.ac;
  if (!ac) return convertEntity(normalized, format);
  let compacted: Record<string, unknown>;
  if (normalized === e.view) {
    if (e.compacted?.ac !== ac || e.compacted.from !== normalized) {
      e.compacted = { ac, from: normalized, view: compactEntity(normalized, ac) };
    }
    compacted = e.compacted.view;
  } else compacted = compactEntity(normalized, ac);
  return convertEntity(compacted, format);
}

/** Converts a normalized entity object to another representation. */
export function convertEntity(
  normalized: Record<string, unknown>,
  format: Format,
): Record<string, unknown> {
  if (format === 'normalized') return normalized;
  const entity = normalized as unknown as NormalizedEntity;
  if (format === 'concise') return toConcise(entity) as unknown as Record<string, unknown>;
  // Multi-instance attributes follow GS CIM 009 (a "dataset" map), not Orion-LD's bare array.
  return toKeyValues(entity, { multiInstance: 'dataset' }) as unknown as Record<string, unknown>;
}

/** Merges an attribute patch into an existing instance (NGSI-LD merge semantics). */
export function mergeInstance(existing: AttrInstance, patch: AttrInstance): AttrInstance {
  const out: AttrInstance = { ...existing };
  for (const key of Object.keys(patch)) {
    const pv = patch[key];
    if (pv === NGSI_LD_NULL) {
      delete out[key];
      continue;
    }
    const ev = out[key];
    if (
      isRecord(pv) &&
      isRecord(ev) &&
      typeof pv.type === 'string' &&
      typeof ev.type === 'string'
    ) {
      out[key] = mergeInstance(ev, pv);
    } else {
      out[key] = pv;
    }
  }
  // A patch that changes the kind of attribute drops the members of the old kind.
  if (patch.type !== existing.type && typeof patch.type === 'string') {
    for (const member of [
      'value',
      'object',
      'languageMap',
      'vocab',
      'json',
      'valueList',
      'objectList',
    ]) {
      if (!(member in patch)) delete out[member];
    }
  }
  return out;
}

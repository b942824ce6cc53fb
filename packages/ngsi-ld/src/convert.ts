/**
 * Conversion between the three NGSI-LD entity representations (normalized, concise,
 * keyValues). Every converter validates its whole input first, so it either returns a
 * complete result or throws a ConversionError listing every issue: never a half-converted
 * entity. Output objects are built with own-property writes only (`__proto__` keys stay
 * data). Leaf values (a Property's value, a languageMap, ...) are shared with the input,
 * not copied.
 */
import type { ConciseEntity, KeyValuesEntity, NormalizedEntity } from './entity.js';
import type { ConvertedEntity, RegisteredEntity } from './entity-registry.js';
import { ConversionError, type EntityIssue } from './errors.js';
import { type CheckMode, entityIssues } from './internal/check.js';
import { hasOwn, isPlainObject, setOwn } from './internal/json.js';
import {
  type AttributeTypeName,
  classifyConcise,
  GEO_ATTRIBUTE_NAMES,
  isEntityMember,
  isGeoAttributeName,
  isGeometryLike,
  METADATA_MEMBERS,
  VALUE_MEMBER,
} from './internal/model.js';
import type { EntityValidationResult } from './structure.js';

/**
 * The three entity representations of NGSI-LD (`keyValues` is also called simplified).
 *
 * @example
 * ```ts
 * const r: Representation = 'concise';
 * ```
 */
export type Representation = 'normalized' | 'concise' | 'keyValues';

/**
 * What keyValues cannot say: which attributes are relationships, GeoProperties, and so
 * on, plus unit codes. Used by {@link fromKeyValues}; names not listed become Properties
 * (or GeoProperties when the value is a GeoJSON geometry).
 *
 * @example
 * ```ts
 * const hints: AttributeHints = { relationships: ['refDevice'], unitCodes: { temperature: 'CEL' } };
 * ```
 */
export interface AttributeHints {
  relationships?: readonly string[];
  geoProperties?: readonly string[];
  languageProperties?: readonly string[];
  vocabProperties?: readonly string[];
  jsonProperties?: readonly string[];
  listProperties?: readonly string[];
  listRelationships?: readonly string[];
  unitCodes?: Readonly<Record<string, string>>;
}

/**
 * How {@link toKeyValues} writes an attribute with several instances (datasetIds):
 * `'array'` (default) gives the array of instance values, as Orion-LD does;
 * `'dataset'` gives `{ dataset: { '@none': default value, '<datasetId>': value } }`, the
 * form of GS CIM 009 v1.9 clause 4.5.4.
 *
 * @example
 * ```ts
 * const o: KeyValuesOptions = { multiInstance: 'dataset' };
 * ```
 */
export interface KeyValuesOptions {
  multiInstance?: 'array' | 'dataset';
}

/**
 * Result of the `safe*` converters.
 *
 * @example
 * ```ts
 * const r: ConversionResult<ConciseEntity> = safeToConcise({ id: 'urn:ngsi-ld:T:1', type: 'T' });
 * ```
 */
export type ConversionResult<T> =
  | { success: true; data: T }
  | { success: false; error: ConversionError };

type Obj = Record<string, unknown>;

function assertValid(input: unknown, mode: CheckMode, what: string): void {
  const issues = entityIssues(input, mode);
  if (issues.length > 0) throw invalid(input, what, issues);
}

function invalid(input: unknown, what: string, issues: EntityIssue[]): ConversionError {
  const id = isPlainObject(input) && typeof input.id === 'string' ? ` ${input.id}` : '';
  const first = issues[0]!;
  const where = first.path.length > 0 ? first.path.join('.') : '(entity)';
  const more =
    issues.length > 1
      ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? 's' : ''})`
      : '';
  return new ConversionError(
    `${what}: entity${id} is invalid at ${where}: ${first.message}${more}`,
    issues,
  );
}

/** The entity members in the order the converters write them, ahead of the attributes. */
const MEMBER_ORDER = ['id', 'type', 'scope', 'createdAt', 'modifiedAt', 'deletedAt', '@context'];

function copyEntityMembers(e: Obj, out: Obj): void {
  for (const key of MEMBER_ORDER) {
    if (Object.hasOwn(e, key)) out[key] = e[key];
  }
}

/**
 * Whether `e` lists its entity members first, in `MEMBER_ORDER`, all enumerable, and has no
 * symbol keys: then `{ ...e }` has the keys of the converted entity in its order already.
 */
function membersLeadInOrder(e: Obj): boolean {
  let present = 0;
  for (const key of MEMBER_ORDER) if (Object.hasOwn(e, key)) present++;
  let i = 0;
  let next = 0;
  for (const key in e) {
    if (i === present) break;
    if (!hasOwn(e, key)) return false;
    while (next < MEMBER_ORDER.length && MEMBER_ORDER[next] !== key) next++;
    if (next === MEMBER_ORDER.length) return false;
    next++;
    i++;
  }
  return i === present && Object.getOwnPropertySymbols(e).length === 0;
}

function withTypeFirst(type: string, rest: Obj): Obj {
  const out: Obj = { type };
  for (const key of Object.keys(rest)) setOwn(out, key, rest[key]);
  return out;
}

// ---- normalized → concise -------------------------------------------------------------

function attributeToConcise(a: Obj, inMulti: boolean): unknown {
  const type = a.type as AttributeTypeName;
  const primary = VALUE_MEMBER[type];
  const keys = Object.keys(a);
  if (!inMulti && keys.length === 2 && (type === 'Property' || type === 'GeoProperty')) {
    const candidate = a[primary];
    const kind = classifyConcise(candidate, true);
    if (kind.kind === 'bare' && kind.type === type) return candidate;
  }
  const out: Obj = {};
  for (const key of keys) {
    if (key === 'type') continue;
    const v = a[key];
    if (key === primary || METADATA_MEMBERS.has(key)) setOwn(out, key, v);
    else setOwn(out, key, attributeToConcise(v as Obj, false));
  }
  const kind = classifyConcise(out, false);
  // Keep "type" where dropping it would change what the attribute reads back as, e.g. a
  // Property whose value is a GeoJSON geometry.
  if (kind.kind === 'object' && kind.type === type) return out;
  return withTypeFirst(type, out);
}

/**
 * Converts a normalized entity to the concise representation (NGSI-LD 1.8 clause 4.5.3):
 * `type` members are dropped, a Property or GeoProperty without metadata or
 * sub-attributes becomes its bare value, Relationship → `{ object }`, LanguageProperty →
 * `{ languageMap }`, VocabProperty → `{ vocab }`, ListProperty → `{ valueList }`,
 * ListRelationship → `{ objectList }`, JsonProperty → `{ json }`; metadata and
 * sub-attributes are kept. Where dropping `type` would be ambiguous (a Property whose
 * value looks like GeoJSON, or an object with a `value`/`type`/... key) the value stays
 * wrapped or typed, so {@link toNormalized} always gives back the same entity.
 *
 * An entity typed as a registered model's normalized type (see `EntityRepresentationRegistry`:
 * every `@smartcitylab/models` model registers itself) gives that model's concise type, e.g.
 * `AirQualityObservedNormalized` → `AirQualityObservedConcise`; any other gives `ConciseEntity`.
 *
 * @example
 * ```ts
 * toConcise({ id: 'urn:ngsi-ld:T:1', type: 'T', temp: { type: 'Property', value: 21 } });
 * // { id: 'urn:ngsi-ld:T:1', type: 'T', temp: 21 }
 * ```
 * @throws {ConversionError} when the input is not a valid normalized entity.
 */
export function toConcise<E extends RegisteredEntity<'normalized'>>(
  e: E,
): ConvertedEntity<E, 'normalized', 'concise'>;
export function toConcise(e: NormalizedEntity): ConciseEntity;
export function toConcise(e: NormalizedEntity): ConciseEntity {
  assertValid(e, 'normalized', 'toConcise');
  const src = e as unknown as Obj;
  const out: Obj = {};
  copyEntityMembers(src, out);
  for (const key of Object.keys(src)) {
    if (isEntityMember(key)) continue;
    const v = src[key];
    if (Array.isArray(v))
      setOwn(
        out,
        key,
        v.map((inst: Obj) => attributeToConcise(inst, true)),
      );
    else setOwn(out, key, attributeToConcise(v as Obj, false));
  }
  return out as ConciseEntity;
}

// ---- concise → normalized -------------------------------------------------------------

function attributeToNormalized(v: unknown): Obj {
  const kind = classifyConcise(v, false);
  if (kind.kind === 'bare') return { type: kind.type, value: v };
  // validated: anything else is an attribute object
  const type = (kind as { type: AttributeTypeName }).type;
  const src = v as Obj;
  const primary = VALUE_MEMBER[type];
  const out: Obj = { type };
  for (const key of Object.keys(src)) {
    if (key === 'type') continue;
    const m = src[key];
    if (key === primary || METADATA_MEMBERS.has(key)) setOwn(out, key, m);
    else setOwn(out, key, attributeToNormalized(m));
  }
  return out;
}

/**
 * Converts a concise (or already normalized, or mixed) entity to the normalized
 * representation, following the inference rules of NGSI-LD 1.8 clause 4.5.3: a bare
 * value is a Property (a GeoJSON geometry a GeoProperty), `{ object }` a Relationship,
 * `{ languageMap }` a LanguageProperty, and so on; an array of attribute objects is a
 * multi-attribute (datasetId instances), any other array a Property value.
 *
 * A registered model's concise or normalized entity (see `EntityRepresentationRegistry`)
 * gives that model's normalized type; any other gives `NormalizedEntity`.
 *
 * @example
 * ```ts
 * toNormalized({ id: 'urn:ngsi-ld:T:1', type: 'T', temp: 21, owner: { object: 'urn:ngsi-ld:Person:p1' } });
 * // temp → { type: 'Property', value: 21 }, owner → { type: 'Relationship', object: 'urn:ngsi-ld:Person:p1' }
 * ```
 * @throws {ConversionError} when the input is not a valid concise or normalized entity.
 */
export function toNormalized<
  E extends RegisteredEntity<'concise'> | RegisteredEntity<'normalized'>,
>(e: E): ConvertedEntity<E, 'concise' | 'normalized', 'normalized'>;
export function toNormalized(e: ConciseEntity | NormalizedEntity): NormalizedEntity;
export function toNormalized(e: ConciseEntity | NormalizedEntity): NormalizedEntity {
  assertValid(e, 'concise', 'toNormalized');
  const src = e as unknown as Obj;
  const out: Obj = {};
  copyEntityMembers(src, out);
  for (const key of Object.keys(src)) {
    if (isEntityMember(key)) continue;
    const v = src[key];
    if (classifyConcise(v, true).kind === 'multi') {
      setOwn(
        out,
        key,
        (v as unknown[]).map((inst) => attributeToNormalized(inst)),
      );
    } else {
      setOwn(out, key, attributeToNormalized(v));
    }
  }
  return out as NormalizedEntity;
}

// ---- → keyValues ----------------------------------------------------------------------

function simplifiedValue(v: unknown): unknown {
  const kind = classifyConcise(v, false);
  if (kind.kind === 'bare') return v;
  const type = (kind as { type: AttributeTypeName }).type;
  const member = (v as Obj)[VALUE_MEMBER[type]];
  if (type === 'ListRelationship') {
    return (member as unknown[]).map((item) => (isPlainObject(item) ? item.object : item));
  }
  return member;
}

/**
 * Converts a normalized or concise entity to keyValues (simplified). Lossy, by design of
 * the representation: metadata (observedAt, unitCode, ...), sub-attributes and attribute
 * types are dropped. Property/GeoProperty → value, Relationship → object id(s),
 * LanguageProperty → its languageMap object, VocabProperty → vocab, ListProperty →
 * valueList, ListRelationship → array of ids, JsonProperty → json. An attribute with
 * several instances becomes the array of their values (as Orion-LD answers), or the
 * `{ dataset: { '@none': ..., '<datasetId>': ... } }` map with
 * `{ multiInstance: 'dataset' }`.
 *
 * A registered model's normalized or concise entity (see `EntityRepresentationRegistry`)
 * gives that model's keyValues type; any other gives `KeyValuesEntity`.
 *
 * @example
 * ```ts
 * toKeyValues({ id: 'urn:ngsi-ld:T:1', type: 'T', temp: { type: 'Property', value: 21, unitCode: 'CEL' } });
 * // { id: 'urn:ngsi-ld:T:1', type: 'T', temp: 21 }
 * ```
 * @throws {ConversionError} when the input is not a valid normalized or concise entity.
 */
export function toKeyValues<E extends RegisteredEntity<'normalized'> | RegisteredEntity<'concise'>>(
  e: E,
  options?: KeyValuesOptions,
): ConvertedEntity<E, 'normalized' | 'concise', 'keyValues'>;
export function toKeyValues(
  e: NormalizedEntity | ConciseEntity,
  options?: KeyValuesOptions,
): KeyValuesEntity;
export function toKeyValues(
  e: NormalizedEntity | ConciseEntity,
  options: KeyValuesOptions = {},
): KeyValuesEntity {
  assertValid(e, 'concise', 'toKeyValues');
  const src = e as unknown as Obj;
  const out: Obj = {};
  copyEntityMembers(src, out);
  for (const key of Object.keys(src)) {
    if (isEntityMember(key)) continue;
    const v = src[key];
    if (classifyConcise(v, true).kind !== 'multi') {
      setOwn(out, key, simplifiedValue(v));
      continue;
    }
    const instances = v as Obj[];
    if (options.multiInstance === 'dataset') {
      const dataset: Obj = {};
      for (const inst of instances) {
        const ds = typeof inst.datasetId === 'string' ? inst.datasetId : '@none';
        setOwn(dataset, ds, simplifiedValue(inst));
      }
      setOwn(out, key, { dataset });
    } else {
      setOwn(
        out,
        key,
        instances.map((inst) => simplifiedValue(inst)),
      );
    }
  }
  return out as KeyValuesEntity;
}

// ---- keyValues → normalized -----------------------------------------------------------

const NO_HINTS: AttributeHints = {};

/** The hint lists in the order `fromKeyValues` consults them: the first list naming a name wins. */
const HINT_LISTS = [
  ['relationships', 'Relationship'],
  ['listRelationships', 'ListRelationship'],
  ['languageProperties', 'LanguageProperty'],
  ['vocabProperties', 'VocabProperty'],
  ['jsonProperties', 'JsonProperty'],
  ['listProperties', 'ListProperty'],
  ['geoProperties', 'GeoProperty'],
] as const;

/** The type each hinted name gets, with copies of the lists it was built from. */
interface HintPlan {
  readonly lists: readonly (readonly string[] | undefined)[];
  readonly types: ReadonlyMap<string, AttributeTypeName>;
}

// The hints of a model are usually one object shared by every entity: the names are indexed once
// per hints object, and the index is used while the lists still hold the same names.
const hintPlans = /* @__PURE__ */ new WeakMap<AttributeHints, HintPlan>();

/** The index of `hints`' lists, or undefined when a list is not an array. */
function hintPlan(hints: AttributeHints): HintPlan | undefined {
  const cached = typeof hints === 'object' ? hintPlans.get(hints) : undefined;
  if (cached !== undefined && sameLists(cached, hints)) return cached;
  const lists: (readonly string[] | undefined)[] = [];
  const types = new Map<string, AttributeTypeName>();
  for (const [member, type] of HINT_LISTS) {
    const list = hints[member];
    if (list !== undefined && !Array.isArray(list)) return undefined;
    lists.push(list === undefined ? undefined : [...list]);
    for (const name of list ?? []) if (!types.has(name)) types.set(name, type);
  }
  for (const name of GEO_ATTRIBUTE_NAMES) if (!types.has(name)) types.set(name, 'GeoProperty');
  const plan = { lists, types };
  if (typeof hints === 'object' && hints !== null) hintPlans.set(hints, plan);
  return plan;
}

function sameLists(plan: HintPlan, hints: AttributeHints): boolean {
  for (let i = 0; i < HINT_LISTS.length; i++) {
    const now = hints[(HINT_LISTS[i] as (typeof HINT_LISTS)[number])[0]];
    const then = plan.lists[i];
    if (now === undefined || then === undefined) {
      if (now !== then) return false;
      continue;
    }
    if (now.length !== then.length) return false;
    for (let j = 0; j < now.length; j++) if (now[j] !== then[j]) return false;
  }
  return true;
}

// A plain function, not a closure per call: hintedType runs once per attribute.
function listed(list: readonly string[] | undefined, name: string): boolean {
  return list?.includes(name) === true;
}

/** The type of an attribute from the hint lists themselves (when they cannot be indexed). */
function hintedType(name: string, value: unknown, hints: AttributeHints): AttributeTypeName {
  if (listed(hints.relationships, name)) return 'Relationship';
  if (listed(hints.listRelationships, name)) return 'ListRelationship';
  if (listed(hints.languageProperties, name)) return 'LanguageProperty';
  if (listed(hints.vocabProperties, name)) return 'VocabProperty';
  if (listed(hints.jsonProperties, name)) return 'JsonProperty';
  if (listed(hints.listProperties, name)) return 'ListProperty';
  if (listed(hints.geoProperties, name) || GEO_ATTRIBUTE_NAMES.has(name)) return 'GeoProperty';
  return isGeometryLike(value) ? 'GeoProperty' : 'Property';
}

/**
 * keyValues that passed the keyValues check, in normalized form, and the attributes whose
 * normalized form is checked differently from their keyValues form (a hinted type, a bare
 * geometry, a unit code that is not a non-empty string) with the entity's id and type: the
 * rest cannot fail the normalized check, having passed the keyValues one.
 */
function buildFromKeyValues(
  src: Obj,
  hints: AttributeHints,
): { entity: Obj; recheck: Obj | undefined } {
  // A copy of the entity whose attribute values are then replaced keeps V8's fast object layout;
  // an object grown by one computed key per attribute turns into a slow dictionary.
  let out: Obj;
  if (membersLeadInOrder(src)) out = { ...src };
  else {
    out = {};
    copyEntityMembers(src, out);
  }
  let recheck: Obj | undefined;
  const units = hints.unitCodes as Record<string, unknown> | undefined;
  const plan = hintPlan(hints);
  for (const key in src) {
    if (!hasOwn(src, key) || isEntityMember(key)) continue;
    const v = src[key];
    const type =
      plan === undefined
        ? hintedType(key, v, hints)
        : (plan.types.get(key) ?? (isGeometryLike(v) ? 'GeoProperty' : 'Property'));
    const unit = units === undefined || units === null ? undefined : units[key];
    // Literals of one shape per attribute type, not an object grown member by member.
    let attr: Obj;
    if (type === 'Property')
      attr = unit === undefined ? { type, value: v } : { type, value: v, unitCode: unit };
    else if (type === 'GeoProperty') attr = { type, value: v };
    else if (type === 'Relationship') attr = { type, object: v };
    else {
      attr = { type };
      attr[VALUE_MEMBER[type]] = v;
    }
    if (key === '__proto__') setOwn(out, key, attr);
    else out[key] = attr;
    // A Property is checked as its keyValues value was; so is a GeoProperty under a geo name
    // holding a non-array value (checked as a geometry already).
    const same =
      type === 'Property'
        ? unit === undefined || (typeof unit === 'string' && unit.length > 0)
        : type === 'GeoProperty' && isGeoAttributeName(key) && !Array.isArray(v);
    if (!same) {
      recheck ??= { id: src.id, type: src.type };
      setOwn(recheck, key, attr);
    }
  }
  return { entity: out, recheck };
}

/**
 * Rebuilds a normalized entity from keyValues, using `hints` for what keyValues lost:
 * listed names become Relationships, LanguageProperties, ... ; every other attribute is
 * a Property, except that `location`, `observationSpace`, `operationSpace`, names in
 * `geoProperties`, and values that are GeoJSON geometries become GeoProperties.
 * `unitCodes` adds a unitCode to the named Properties. Metadata, sub-attributes and
 * datasetIds cannot be recovered.
 *
 * A registered model's keyValues entity (see `EntityRepresentationRegistry`) gives that
 * model's normalized type; any other gives `NormalizedEntity`.
 *
 * @example
 * ```ts
 * fromKeyValues(
 *   { id: 'urn:ngsi-ld:T:1', type: 'T', temp: 21, owner: 'urn:ngsi-ld:Person:p1' },
 *   { relationships: ['owner'], unitCodes: { temp: 'CEL' } },
 * );
 * // temp → { type: 'Property', value: 21, unitCode: 'CEL' }, owner → { type: 'Relationship', object: 'urn:ngsi-ld:Person:p1' }
 * ```
 * @throws {ConversionError} when the input is not valid keyValues, or a hinted attribute
 * cannot have that type (e.g. a relationship whose value is not a URI).
 */
export function fromKeyValues<E extends RegisteredEntity<'keyValues'>>(
  e: E,
  hints?: AttributeHints,
): ConvertedEntity<E, 'keyValues', 'normalized'>;
export function fromKeyValues(e: KeyValuesEntity, hints?: AttributeHints): NormalizedEntity;
export function fromKeyValues(
  e: KeyValuesEntity,
  hints: AttributeHints = NO_HINTS,
): NormalizedEntity {
  assertValid(e, 'keyValues', 'fromKeyValues');
  const { entity, recheck } = buildFromKeyValues(e as unknown as Obj, hints);
  if (recheck !== undefined) {
    const issues = entityIssues(recheck, 'normalized');
    if (issues.length > 0) throw invalid(entity, 'fromKeyValues (after applying hints)', issues);
  }
  return entity as NormalizedEntity;
}

/**
 * {@link fromKeyValues} that reports problems instead of throwing, and without building an
 * error: `{ success: true, data }` with the normalized entity, or `{ success: false, issues }`
 * (the shape of `checkEntityStructure`) with the same issues `fromKeyValues` would throw with.
 * For pipelines where broken entities are common and a stack trace per entity would cost more
 * than the check.
 *
 * @example
 * ```ts
 * const r = normalizeKeyValues({ id: 'urn:ngsi-ld:T:1', type: 'T', owner: 'nope' }, { relationships: ['owner'] });
 * if (!r.success) console.log(r.issues[0]?.path); // ['owner', 'object']
 * ```
 */
export function normalizeKeyValues(
  e: unknown,
  hints: AttributeHints = NO_HINTS,
): EntityValidationResult<NormalizedEntity> {
  const issues = entityIssues(e, 'keyValues');
  if (issues.length > 0) return { success: false, issues };
  const { entity, recheck } = buildFromKeyValues(e as Obj, hints);
  if (recheck !== undefined) {
    const again = entityIssues(recheck, 'normalized');
    if (again.length > 0) return { success: false, issues: again };
  }
  return { success: true, data: entity as NormalizedEntity };
}

// ---- safe variants and detection ------------------------------------------------------

function safe<A extends unknown[], T>(fn: (...args: A) => T, args: A): ConversionResult<T> {
  try {
    return { success: true, data: fn(...args) };
  } catch (error) {
    if (error instanceof ConversionError) return { success: false, error };
    throw error;
  }
}

/**
 * {@link toConcise} that returns `{ success, data | error }` instead of throwing.
 *
 * @example
 * ```ts
 * const r = safeToConcise(JSON.parse('{"id":"x","type":"T"}'));
 * if (!r.success) console.log(r.error.issues);
 * ```
 */
export function safeToConcise<E extends RegisteredEntity<'normalized'>>(
  e: E,
): ConversionResult<ConvertedEntity<E, 'normalized', 'concise'>>;
export function safeToConcise(e: NormalizedEntity): ConversionResult<ConciseEntity>;
export function safeToConcise(e: NormalizedEntity): ConversionResult<ConciseEntity> {
  return safe(toConcise, [e]);
}

/**
 * {@link toNormalized} that returns `{ success, data | error }` instead of throwing.
 *
 * @example
 * ```ts
 * const r = safeToNormalized({ id: 'urn:ngsi-ld:T:1', type: 'T', temp: 21 });
 * if (r.success) console.log(r.data.temp);
 * ```
 */
export function safeToNormalized<
  E extends RegisteredEntity<'concise'> | RegisteredEntity<'normalized'>,
>(e: E): ConversionResult<ConvertedEntity<E, 'concise' | 'normalized', 'normalized'>>;
export function safeToNormalized(
  e: ConciseEntity | NormalizedEntity,
): ConversionResult<NormalizedEntity>;
export function safeToNormalized(
  e: ConciseEntity | NormalizedEntity,
): ConversionResult<NormalizedEntity> {
  return safe(toNormalized, [e]);
}

/**
 * {@link toKeyValues} that returns `{ success, data | error }` instead of throwing.
 *
 * @example
 * ```ts
 * const r = safeToKeyValues({ id: 'urn:ngsi-ld:T:1', type: 'T', temp: 21 });
 * ```
 */
export function safeToKeyValues<
  E extends RegisteredEntity<'normalized'> | RegisteredEntity<'concise'>,
>(
  e: E,
  options?: KeyValuesOptions,
): ConversionResult<ConvertedEntity<E, 'normalized' | 'concise', 'keyValues'>>;
export function safeToKeyValues(
  e: NormalizedEntity | ConciseEntity,
  options?: KeyValuesOptions,
): ConversionResult<KeyValuesEntity>;
export function safeToKeyValues(
  e: NormalizedEntity | ConciseEntity,
  options: KeyValuesOptions = {},
): ConversionResult<KeyValuesEntity> {
  return safe(toKeyValues, [e, options]);
}

/**
 * {@link fromKeyValues} that returns `{ success, data | error }` instead of throwing.
 *
 * @example
 * ```ts
 * const r = safeFromKeyValues({ id: 'urn:ngsi-ld:T:1', type: 'T', owner: 'nope' }, { relationships: ['owner'] });
 * r.success; // false: 'nope' is not a URI
 * ```
 */
export function safeFromKeyValues<E extends RegisteredEntity<'keyValues'>>(
  e: E,
  hints?: AttributeHints,
): ConversionResult<ConvertedEntity<E, 'keyValues', 'normalized'>>;
export function safeFromKeyValues(
  e: KeyValuesEntity,
  hints?: AttributeHints,
): ConversionResult<NormalizedEntity>;
export function safeFromKeyValues(
  e: KeyValuesEntity,
  hints: AttributeHints = NO_HINTS,
): ConversionResult<NormalizedEntity> {
  return safe(fromKeyValues, [e, hints]);
}

/**
 * Guesses the representation of an entity: `'normalized'` when every attribute is a
 * typed attribute object (or an array of them), `'concise'` when some attribute uses a
 * concise form (`{ value }`, `{ object }`, `{ languageMap }`, ...) or a typed object,
 * `'keyValues'` otherwise. An entity with no attributes counts as normalized. A
 * keyValues entity can also be valid concise: the guess prefers keyValues for bare values.
 *
 * @example
 * ```ts
 * detectRepresentation({ id: 'urn:ngsi-ld:T:1', type: 'T', temp: 21 }); // 'keyValues'
 * detectRepresentation({ id: 'urn:ngsi-ld:T:1', type: 'T', temp: { value: 21 } }); // 'concise'
 * ```
 * @throws {ConversionError} when `e` is not an object.
 */
export function detectRepresentation(e: unknown): Representation {
  if (!isPlainObject(e)) {
    throw new ConversionError('detectRepresentation: expected an entity object', [
      { path: [], message: 'Expected an entity object', code: 'invalid_type' },
    ]);
  }
  let normalized = true;
  let conciseMarker = false;
  for (const key in e) {
    if (!hasOwn(e, key) || isEntityMember(key)) continue;
    const v = e[key];
    if (typeof v !== 'object' || v === null) {
      // A plain value is what keyValues holds: no call to classify it.
      normalized = false;
      if (conciseMarker) return 'concise';
      continue;
    }
    if (Array.isArray(v) && classifyConcise(v, true).kind === 'multi') {
      // A multi-attribute: every instance is an attribute object.
      conciseMarker = true;
      for (const inst of v)
        if (typeof (inst as { type?: unknown }).type !== 'string') normalized = false;
    } else if (classifyConcise(v, false).kind === 'object') {
      conciseMarker = true;
      if (typeof (v as { type?: unknown }).type !== 'string') normalized = false;
    } else normalized = false;
    // Quality checks call this once per entity: stop as soon as the answer cannot change.
    if (!normalized && conciseMarker) return 'concise';
  }
  if (normalized) return 'normalized';
  return conciseMarker ? 'concise' : 'keyValues';
}

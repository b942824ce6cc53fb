/**
 * The NGSI-LD structure check, kept going: every structure problem is reported, then the
 * well-formed rest of the entity is recovered so the other rules still run on it.
 */
import {
  type AttributeHints,
  type ConciseEntity,
  type ConversionResult,
  type EntityIssue,
  isUri,
  type NormalizedEntity,
  type Representation,
  safeToNormalized,
} from '@smartcitylab/ngsi-ld';
import { checkEntityStructure } from '@smartcitylab/ngsi-ld/schema';
import type { QualityModel } from '../model.js';
import { type Instance, ownProperty } from './attributes.js';

type Obj = Record<string, unknown>;

/** What the structure step found and the normalized entity the other rules run on. */
export interface StructureResult {
  /** Real structure problems (equivalences NGSI-LD allows are not among them). */
  readonly issues: readonly EntityIssue[];
  /**
   * The entity (or its well-formed part) in normalized form; undefined when nothing could be
   * recovered. From keyValues, only the entity members and the attributes the rules read from the
   * entity itself (geometries, address, observation times) are built: the rest is in `instances`.
   */
  readonly normalized: NormalizedEntity | undefined;
  /** Whether the id itself had a structure problem. */
  readonly badId: boolean;
  /** The attribute instances of `normalized`, when the conversion listed them already. */
  readonly instances: Instance[] | undefined;
}

const NGSI_V2_TYPES = new Set([
  'Text',
  'Number',
  'Integer',
  'Float',
  'Boolean',
  'DateTime',
  'StructuredValue',
  'geo:json',
  'geo:point',
  'string',
  'number',
  'object',
  'array',
  'boolean',
]);

/**
 * Hints for reading keyValues: an attribute the model declares a relationship becomes one only
 * when its value looks like an entity reference (a URN, or a URI in a `ref…`/`has…` attribute);
 * `feederID: "F1"` or a `mapUrl` stays a Property.
 */
export function referenceHints(
  raw: Obj,
  model: QualityModel | undefined,
): AttributeHints | undefined {
  const hints = model?.hints;
  if (!hints?.relationships || hints.relationships.length === 0) return hints;
  // Names absent from the entity do not matter, so the model's hints serve as they are unless
  // a present value is not a reference.
  let all = true;
  for (const name of hints.relationships) {
    if (Object.hasOwn(raw, name) && !looksLikeReference(name, raw[name])) {
      all = false;
      break;
    }
  }
  if (all) return hints;
  const kept = hints.relationships.filter(
    (name) => !Object.hasOwn(raw, name) || looksLikeReference(name, raw[name]),
  );
  // One hints object per set of kept names, so the names are indexed once per set (a few at most).
  let variants = hintVariants.get(hints);
  if (!variants) {
    variants = new Map();
    hintVariants.set(hints, variants);
  }
  const key = kept.join('\n');
  let variant = variants.get(key);
  if (!variant) {
    variant = { ...hints, relationships: kept };
    if (variants.size >= 64) variants.clear();
    variants.set(key, variant);
  }
  return variant;
}

const hintVariants = new WeakMap<AttributeHints, Map<string, AttributeHints>>();

function isReference(name: string, s: unknown): boolean {
  return (
    typeof s === 'string' && (s.startsWith('urn:') || (/^(ref|has)[A-Z]/.test(name) && isUri(s)))
  );
}

function looksLikeReference(name: string, v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0 && v.every((s) => isReference(name, s));
  return isReference(name, v);
}

function convert(
  raw: Obj,
  representation: Representation,
  hints: AttributeHints | undefined,
): Converted {
  // The structure check first: it reports the same issues the converters would throw with,
  // without building an Error (and its stack trace) for each broken entity.
  const checked = checkEntityStructure(raw, representation);
  if (!checked.success) return { success: false, issues: checked.issues };
  if (representation === 'normalized')
    return { success: true, data: checked.data as NormalizedEntity, instances: undefined };
  if (representation === 'keyValues') return keyValuesToNormalized(raw, hints ?? NO_HINTS);
  const r: ConversionResult<NormalizedEntity> = safeToNormalized(raw as ConciseEntity);
  return r.success
    ? { success: true, data: r.data, instances: undefined }
    : { success: false, issues: r.error.issues };
}

const GEO_ATTRIBUTE_NAMES = new Set(['location', 'observationSpace', 'operationSpace']);
const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);
const KEY_VALUES_MEMBERS = [
  'id',
  'type',
  'scope',
  'createdAt',
  'modifiedAt',
  'deletedAt',
  '@context',
];
const ENTITY_MEMBER_SET = new Set(KEY_VALUES_MEMBERS);
const VALUE_MEMBER: Readonly<Record<string, string>> = {
  Property: 'value',
  Relationship: 'object',
  GeoProperty: 'value',
  LanguageProperty: 'languageMap',
  VocabProperty: 'vocab',
  ListProperty: 'valueList',
  ListRelationship: 'objectList',
  JsonProperty: 'json',
};

const NO_HINTS: AttributeHints = {};

// The hints of a model are the same object for every entity: each name's plan is built once.
const hintIndex = new WeakMap<AttributeHints, HintPlan>();

/** How `safeFromKeyValues` converts the attributes named in hints (and the geo names). */
interface HintPlan {
  /** Per name: its type (undefined: decided by the value) and its unit code. */
  readonly names: ReadonlyMap<
    string,
    { readonly type: string | undefined; readonly unit: unknown }
  >;
  /** Whether a name absent from `names` can still find a unit on the prototype of unitCodes. */
  readonly inherited: (name: string) => boolean;
}

const OBJECT_PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

function indexHints(hints: AttributeHints): HintPlan {
  let plan = hintIndex.get(hints);
  if (!plan) {
    const types = new Map<string, string>();
    const lists: [readonly string[] | undefined, string][] = [
      [hints.relationships, 'Relationship'],
      [hints.listRelationships, 'ListRelationship'],
      [hints.languageProperties, 'LanguageProperty'],
      [hints.vocabProperties, 'VocabProperty'],
      [hints.jsonProperties, 'JsonProperty'],
      [hints.listProperties, 'ListProperty'],
      [hints.geoProperties, 'GeoProperty'],
    ];
    // The first list naming an attribute wins, as in safeFromKeyValues.
    for (const [list, type] of lists)
      for (const name of list ?? []) if (!types.has(name)) types.set(name, type);
    for (const name of GEO_ATTRIBUTE_NAMES) if (!types.has(name)) types.set(name, 'GeoProperty');
    const units = hints.unitCodes;
    const names = new Map<string, { type: string | undefined; unit: unknown }>();
    const unitOf = (name: string): unknown =>
      units === undefined ? undefined : (units as Record<string, unknown>)[name];
    for (const [name, type] of types) names.set(name, { type, unit: unitOf(name) });
    if (units !== undefined)
      for (const name of Object.keys(units))
        if (!names.has(name)) names.set(name, { type: undefined, unit: unitOf(name) });
    const proto: unknown = units === undefined ? null : Object.getPrototypeOf(units);
    const inherited =
      proto === null
        ? () => false
        : proto === Object.prototype
          ? (name: string) => OBJECT_PROTOTYPE_NAMES.has(name)
          : () => true;
    plan = { names, inherited };
    hintIndex.set(hints, plan);
  }
  return plan;
}

function isGeometryValue(value: unknown): boolean {
  return isPlainObject(value) && typeof value.type === 'string' && GEOMETRY_TYPES.has(value.type);
}

/**
 * `safeFromKeyValues` on keyValues that already passed the keyValues structure check: the same
 * entity and the same issues, without checking the whole entity twice more. Only attributes whose
 * normalized form is checked differently from their keyValues form (a hinted type, a bare geometry,
 * a unit code) are checked again as normalized.
 */
function keyValuesToNormalized(raw: Obj, hints: AttributeHints): Converted {
  const out: Obj = {};
  const list: Instance[] = [];
  for (const key of KEY_VALUES_MEMBERS) if (Object.hasOwn(raw, key)) out[key] = raw[key];
  let recheck: Obj | undefined;
  const units = hints.unitCodes as Record<string, unknown> | undefined;
  const plan = indexHints(hints);
  for (const key in raw) {
    if (!ownProperty.call(raw, key) || ENTITY_MEMBER_SET.has(key)) continue;
    const v = raw[key];
    const known = plan.names.get(key);
    const type = known?.type ?? (isGeometryValue(v) ? 'GeoProperty' : 'Property');
    const unit =
      known !== undefined
        ? known.unit
        : units !== undefined && plan.inherited(key)
          ? units[key]
          : undefined;
    // Literals of one shape per attribute type, not an object grown member by member.
    let attr: Obj;
    if (type === 'Property')
      attr = unit === undefined ? { type, value: v } : { type, value: v, unitCode: unit };
    else if (type === 'GeoProperty') attr = { type, value: v };
    else if (type === 'Relationship') attr = { type, object: v };
    else {
      attr = { type };
      attr[VALUE_MEMBER[type] as string] = v;
    }
    // The rules read every attribute through `list`; the entity object is read only for these.
    if (readFromEntity(key)) out[key] = attr;
    list.push({ name: key, path: [key], attr });
    // A Property is checked as its keyValues value was; a GeoProperty under a geo name holding a
    // non-array value was checked as a geometry already.
    const same =
      type === 'Property'
        ? unit === undefined || (typeof unit === 'string' && unit.length > 0)
        : type === 'GeoProperty' && GEO_ATTRIBUTE_NAMES.has(key) && !Array.isArray(v);
    if (!same) {
      recheck ??= { id: raw.id, type: raw.type };
      setOwn(recheck, key, attr);
    }
  }
  if (recheck) {
    const r = checkEntityStructure(recheck, 'normalized');
    if (!r.success) return { success: false, issues: r.issues };
  }
  return { success: true, data: out as unknown as NormalizedEntity, instances: list };
}

/**
 * Attributes the rules read from the normalized entity rather than from its instance list: the
 * geometries and address (location rules) and the observation times (completeness).
 */
function readFromEntity(key: string): boolean {
  switch (key) {
    case 'location':
    case 'observationSpace':
    case 'operationSpace':
    case 'address':
    case 'dateObserved':
    case 'dateObservedTo':
    case 'observedAt':
    case 'timestamp':
    case 'dateLastValueReported':
      return true;
    default:
      return false;
  }
}

type Converted =
  | { success: true; data: NormalizedEntity; instances: Instance[] | undefined }
  | { success: false; issues: readonly EntityIssue[] };

function isPlainObject(v: unknown): v is Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function setOwn(target: Obj, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else target[key] = value;
}

/** `"lang": "@none"` names the default language (JSON-LD 1.1), so it is valid. */
function isNoneLang(raw: Obj, issue: EntityIssue): boolean {
  if (issue.code !== 'invalid_language_tag' || issue.path[issue.path.length - 1] !== 'lang')
    return false;
  return valueAt(raw, issue.path) === '@none';
}

/** The value at `path` inside `root`, or undefined. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** Runs the structure check and recovers the well-formed part of a broken entity. */
export function checkStructure(
  raw: Obj,
  representation: Representation,
  hints: AttributeHints | undefined,
): StructureResult {
  const first = convert(raw, representation, hints);
  if (first.success)
    return { issues: [], normalized: first.data, badId: false, instances: first.instances };
  const issues = first.issues.filter((i) => !isNoneLang(raw, i));
  const badId = issues.some((i) => i.path[0] === 'id');
  let current = raw;
  let pending: readonly EntityIssue[] = first.issues;
  // A few rounds: dropping a broken attribute cannot reveal new problems elsewhere, but a
  // repaired one (lang "@none") is re-checked.
  for (let round = 0; round < 3; round++) {
    const next = salvage(current, pending);
    if (!next) break;
    const r = convert(next, representation, hints);
    if (r.success) return { issues, normalized: r.data, badId, instances: r.instances };
    current = next;
    pending = r.issues;
  }
  return { issues, normalized: undefined, badId, instances: undefined };
}

function copyOwn(o: Obj): Obj {
  const out: Obj = {};
  for (const key of Object.keys(o)) setOwn(out, key, o[key]);
  return out;
}

/** A copy of `raw` without the attributes that have problems; undefined when nothing is left to try. */
function salvage(raw: Obj, issues: readonly EntityIssue[]): Obj | undefined {
  const out = copyOwn(raw);
  let changed = false;
  for (const issue of issues) {
    const head = issue.path[0];
    if (head === undefined) return undefined;
    const key = String(head);
    if (isNoneLang(raw, issue)) {
      // Keep the attribute; drop only the lang member the structure check does not accept.
      const attrPath = issue.path.slice(0, -1);
      const target = valueAt(out, attrPath);
      if (target && typeof target === 'object' && !Array.isArray(target)) {
        const copy = copyOwn(target as Obj);
        delete copy.lang;
        replaceAt(out, attrPath, copy);
        changed = true;
      }
      continue;
    }
    if (key === 'id') {
      if (out.id !== 'urn:ngsi-ld:Unreadable:id') {
        out.id = 'urn:ngsi-ld:Unreadable:id';
        changed = true;
      }
    } else if (key === 'type') {
      if (out.type !== 'Unreadable') {
        out.type = 'Unreadable';
        changed = true;
      }
    } else if (Object.hasOwn(out, key)) {
      delete out[key];
      changed = true;
    }
  }
  return changed ? out : undefined;
}

function replaceAt(root: Obj, path: readonly PropertyKey[], value: unknown): void {
  if (path.length === 1) {
    root[String(path[0])] = value;
    return;
  }
  if (path.length === 2) {
    const head = String(path[0]);
    const list = root[head];
    if (Array.isArray(list)) {
      const copy = [...list];
      copy[Number(path[1])] = value;
      root[head] = copy;
    }
  }
}

/**
 * An explanation to add to a structure issue: where a Smart Data Model itself breaks an NGSI-LD
 * rule, or where the input is NGSI v2 rather than NGSI-LD.
 */
export function structureHint(
  raw: Obj,
  issue: EntityIssue,
  model: QualityModel | undefined,
): { en: string; sv: string } | undefined {
  const head = issue.path[0];
  if (
    issue.code === 'reserved_name' &&
    typeof head === 'string' &&
    model?.metadata.attributes.some((a) => a.name === head)
  ) {
    return {
      en: ` The Smart Data Model ${model.type} defines an attribute named "${head}", which conflicts with NGSI-LD; a broker will reject it, so rename it (for example "${head}Reading") or leave it out.`,
      sv: ` Smart Data Model ${model.type} definierar ett attribut som heter "${head}", vilket strider mot NGSI-LD; en broker avvisar det, så byt namn (t.ex. "${head}Reading") eller utelämna det.`,
    };
  }
  if (issue.code === 'invalid_attribute_type') {
    const t = valueAt(raw, issue.path);
    if (typeof t === 'string' && NGSI_V2_TYPES.has(t)) {
      return {
        en: ` "${t}" is an NGSI v2 attribute type: this looks like NGSI v2 data, which NGSI-LD writes as {"type": "Property", "value": ...}.`,
        sv: ` "${t}" är en attributtyp från NGSI v2: det här ser ut som NGSI v2-data, som i NGSI-LD skrivs {"type": "Property", "value": ...}.`,
      };
    }
  }
  return undefined;
}

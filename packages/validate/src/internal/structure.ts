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
  normalizeKeyValues,
  type Representation,
  safeToNormalized,
} from '@smartcitylab/ngsi-ld';
import { checkEntityStructure } from '@smartcitylab/ngsi-ld/schema';
import { GEOMETRY_TYPES } from '../location.js';
import type { QualityModel } from '../model.js';
import { type Instance, isEntityMember, ownProperty } from './attributes.js';
import { VALUE_MEMBER } from './schema-view.js';

type Obj = Record<string, unknown>;

/** What the structure step found and the normalized entity the other rules run on. */
export interface StructureResult {
  /** Real structure problems (equivalences NGSI-LD allows are not among them). */
  readonly issues: readonly EntityIssue[];
  /** The entity (or its well-formed part) in normalized form; undefined when nothing could be recovered. */
  readonly normalized: NormalizedEntity | undefined;
  /** Whether the id itself had a structure problem. */
  readonly badId: boolean;
  /**
   * Set by {@link readKeyValues}: the attribute instances, in the order `instances(normalized)`
   * gives them; `normalized` then holds only what the location rules read (the GeoProperty
   * names and `address`), and every other attribute is in `raw` as sent.
   */
  readonly instances?: Instance[];
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
  return {
    ...hints,
    relationships: hints.relationships.filter(
      (name) => !Object.hasOwn(raw, name) || looksLikeReference(name, raw[name]),
    ),
  };
}

const REFERENCE_NAME = /^(ref|has)[A-Z]/;

function isReference(name: string, s: unknown): boolean {
  return typeof s === 'string' && (s.startsWith('urn:') || (REFERENCE_NAME.test(name) && isUri(s)));
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
  // keyValues go straight to the converter, which checks them once, re-checks as normalized only
  // the attributes the hints change, and reports issues without building an Error.
  if (representation === 'keyValues') return normalizeKeyValues(raw, hints);
  // The structure check first: it reports the same issues the converters would throw with,
  // without building an Error (and its stack trace) for each broken entity.
  const checked = checkEntityStructure(raw, representation);
  if (!checked.success) return { success: false, issues: checked.issues };
  if (representation === 'normalized')
    return { success: true, data: checked.data as NormalizedEntity };
  const r: ConversionResult<NormalizedEntity> = safeToNormalized(raw as ConciseEntity);
  return r.success ? { success: true, data: r.data } : { success: false, issues: r.error.issues };
}

type Converted =
  | { success: true; data: NormalizedEntity }
  | { success: false; issues: readonly EntityIssue[] };

/** Sets an own property, `__proto__` included, without ever changing the prototype. */
export function setOwn(target: Obj, key: string, value: unknown): void {
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
  let first: Converted | undefined;
  if (representation === 'keyValues') {
    const fast = badIdFirst(raw, hints);
    if (fast !== undefined && 'done' in fast) return fast.done;
    first = fast?.first;
  }
  first ??= convert(raw, representation, hints);
  if (first.success) return { issues: [], normalized: first.data, badId: false };
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
    if (r.success) return { issues, normalized: r.data, badId };
    current = next;
    pending = r.issues;
  }
  return { issues, normalized: undefined, badId };
}

const UNREADABLE_ID = 'urn:ngsi-ld:Unreadable:id';

/**
 * Many official examples have a plain id ("Beach-1"). checkStructure's loop would convert such an
 * entity twice: as sent (finding the id), then the copy salvage() makes. Attributes are checked
 * one by one and the id first, so the issues of the entity as sent are the id's, then those of
 * that copy: the copy is converted first and the id is checked by itself. When the copy converts
 * cleanly that is the whole answer (`done`); when its issues are certainly from the keyValues
 * check (names that check rejects; the re-check after the hints never reports them) they give
 * the first conversion (`first`). Otherwise undefined: the general path, which reports the same.
 */
function badIdFirst(
  raw: Obj,
  hints: AttributeHints | undefined,
): { done: StructureResult } | { first: Converted } | undefined {
  if (!Object.hasOwn(raw, 'id') || isUri(raw.id)) return undefined;
  // With nothing but the id to check, its one issue is the id's.
  const idCheck = normalizeKeyValues({ id: raw.id, type: 'T' });
  if (idCheck.success) return undefined;
  const idIssue = idCheck.issues[0] as EntityIssue;
  // The copy salvage() makes when only the id is broken.
  const copy = copyOwn(raw);
  copy.id = UNREADABLE_ID;
  const r = normalizeKeyValues(copy, hints);
  if (r.success) return { done: { issues: [idIssue], normalized: r.data, badId: true } };
  // Below the checker's cap of 100 issues, so none of the entity's was cut off.
  if (
    r.issues.length >= 98 ||
    !r.issues.some((i) => i.code !== undefined && KEY_VALUES_ONLY.has(i.code))
  )
    return undefined;
  return { first: { success: false, issues: [idIssue, ...r.issues] } };
}

/** Issue codes of the keyValues check that the normalized re-check of hinted attributes never gives. */
const KEY_VALUES_ONLY: ReadonlySet<string> = new Set([
  'reserved_name',
  'invalid_name',
  'invalid_type_name',
]);

/** A copy of `o`'s own enumerable members. */
export function copyOwn(o: Obj): Obj {
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

// ---- keyValues without the normalized entity ----------------------------------------------

/** The hint lists that give an attribute a type of its own (names in none are Properties). */
const HINT_LISTS = [
  'relationships',
  'listRelationships',
  'languageProperties',
  'vocabProperties',
  'jsonProperties',
  'listProperties',
  'geoProperties',
] as const;

/** Whether `o` has the Object prototype or none, as parsed JSON does. */
export function isPlainPrototype(o: object): boolean {
  const proto: unknown = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
}

function isGeometryLike(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || !isPlainPrototype(v)) return false;
  const t = (v as Obj).type;
  return typeof t === 'string' && GEOMETRY_TYPES.has(t);
}

/**
 * Whether `detectRepresentation` certainly reads the attribute value `v` as what keyValues holds:
 * not an attribute object (typed, or with one value member such as `value` or `object`) and not
 * an array of them. False also when unsure: an array led by an object is left to it.
 */
export function isKeyValuesValue(v: object): boolean {
  if (Array.isArray(v)) {
    // Only an array of attribute objects is a multi-attribute.
    const first: unknown = v[0];
    return v.length === 0 || typeof first !== 'object' || first === null;
  }
  if (!isPlainPrototype(v)) return true;
  const o = v as Obj;
  const t = o.type;
  if (typeof t === 'string') {
    if (Object.hasOwn(VALUE_MEMBER, t)) return false;
    if (GEOMETRY_TYPES.has(t) || t === 'VocabularyProperty') return true;
  }
  // One value member makes an attribute object; none is a value, two an invalid attribute.
  let members = 0;
  for (const m of VALUE_MEMBERS) if (Object.hasOwn(o, m)) members++;
  return members !== 1;
}

const VALUE_MEMBERS = [
  'value',
  'object',
  'objectList',
  'languageMap',
  'vocab',
  'valueList',
  'json',
];

/** The attribute names that are GeoProperties without any hint. */
function isGeoName(name: string): boolean {
  return name === 'location' || name === 'observationSpace' || name === 'operationSpace';
}

/** The attributes the location rules read. */
function isPlace(name: string): boolean {
  return isGeoName(name) || name === 'address';
}

/**
 * What {@link checkStructure} gives for keyValues that `normalizeKeyValues` converts cleanly (or
 * whose only problem is a non-URI id, see `badIdFirst`), without building the normalized entity:
 * the instances the rules read. Properties, plain GeoProperties and Relationships are built here
 * as that conversion builds them (Relationships re-checked as it re-checks them); the attributes
 * other hints name and GeoJSON values under other names are converted by it, alone. Undefined for anything else, which takes the general path (and reports the same).
 */
export function readKeyValues(
  raw: Obj,
  hints: AttributeHints | undefined,
): StructureResult | undefined {
  const h = hints === undefined ? NO_HINTS : hints;
  if (typeof h !== 'object' || h === null) return undefined;
  // The hinted names the entity carries: usually none, and found without indexing the lists.
  let hinted: string[] | undefined;
  let relationships: readonly unknown[] | undefined;
  for (const member of HINT_LISTS) {
    const list: unknown = h[member];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return undefined;
    if (member === 'relationships') relationships = list;
    for (const name of list) {
      // A geo name only in geoProperties is read as it is without hints (see below).
      if (
        typeof name !== 'string' ||
        !Object.hasOwn(raw, name) ||
        (member === 'geoProperties' && isGeoName(name))
      )
        continue;
      hinted ??= [];
      hinted.push(name);
    }
  }
  const checked = checkEntityStructure(raw, 'keyValues');
  let idIssue: EntityIssue | undefined;
  if (!checked.success) {
    // Only a non-URI id, the single issue: what badIdFirst finds when its copy converts.
    idIssue = checked.issues[0];
    if (checked.issues.length !== 1 || idIssue?.code !== 'invalid_id') return undefined;
  }
  const id = idIssue === undefined ? raw.id : UNREADABLE_ID;
  const units = h.unitCodes as Record<string, unknown> | undefined | null;
  const list: Instance[] = [];
  let places: Obj | undefined;
  let rest: Obj | undefined;
  let recheck: Obj | undefined;
  for (const key in raw) {
    if (!ownProperty.call(raw, key) || isEntityMember(key)) continue;
    const v = raw[key];
    let attr: Obj | undefined;
    if (hinted === undefined || !hinted.includes(key)) {
      if (isGeoName(key)) {
        // A GeoProperty; an array fails the conversion's re-check.
        if (Array.isArray(v)) return undefined;
        attr = { type: 'GeoProperty', value: v };
      } else if (!isGeometryLike(v)) {
        const unit = units?.[key];
        if (unit === undefined) attr = { type: 'Property', value: v };
        else if (typeof unit === 'string' && unit.length > 0)
          attr = { type: 'Property', value: v, unitCode: unit };
        else return undefined; // a unit code the re-check rejects
      }
    } else if (relationships?.includes(key)) {
      // The first list the conversion consults: a Relationship, re-checked as normalized below.
      attr = { type: 'Relationship', object: v };
      recheck ??= { id, type: raw.type };
      setOwn(recheck, key, attr);
    }
    if (attr === undefined) {
      // Converted below, with the entity's id and type as the conversion re-checks them.
      rest ??= { id, type: raw.type };
      setOwn(rest, key, v);
    }
    list.push({ name: key, index: -1, attr: attr as Obj });
    if (isPlace(key)) {
      places ??= {};
      places[key] = attr;
    }
  }
  // The normalized check judges each attribute on its own: this re-check and the conversion's
  // below pass exactly when its one re-check of them all would.
  if (recheck !== undefined && !checkEntityStructure(recheck, 'normalized').success)
    return undefined;
  if (rest !== undefined) {
    const converted = normalizeKeyValues(rest, hints);
    if (!converted.success) return undefined;
    const data = converted.data as unknown as Obj;
    for (const inst of list) {
      if (inst.attr !== undefined) continue;
      const attr = data[inst.name] as Obj;
      (inst as { attr: Obj }).attr = attr;
      if (isPlace(inst.name)) (places as Obj)[inst.name] = attr;
    }
  }
  return {
    issues: idIssue === undefined ? [] : [idIssue],
    normalized: (places ?? {}) as NormalizedEntity,
    badId: idIssue !== undefined,
    instances: list,
  };
}

const NO_HINTS: AttributeHints = {};

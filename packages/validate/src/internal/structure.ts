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
import { type Instance, isEntityMember, KEY_VALUES, ownKey } from './attributes.js';
import { VALUE_MEMBER, VALUE_MEMBERS } from './schema-view.js';

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

/**
 * Runs the structure check and recovers the well-formed part of a broken entity; `first` is the
 * check's result when the caller already has it (keyValues: the same issues the conversion finds).
 */
export function checkStructure(
  raw: Obj,
  representation: Representation,
  hints: AttributeHints | undefined,
  first: Converted = convert(raw, representation, hints),
): StructureResult {
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
 * A copy of `o`'s own enumerable members, but those named in `drop`: copied, never deleted, as a
 * `delete` turns an object into a dictionary, which sends every later for-in over such objects
 * down V8's slow path.
 */
export function copyOwn(o: Obj, drop?: readonly string[]): Obj {
  const out: Obj = {};
  for (const key of Object.keys(o)) if (!drop?.includes(key)) setOwn(out, key, o[key]);
  return out;
}

/** A copy of `raw` without the attributes that have problems; undefined when nothing is left to try. */
function salvage(raw: Obj, issues: readonly EntityIssue[]): Obj | undefined {
  // Read from `raw` first, then one copy without the dropped attributes, changed in place.
  const drop: string[] = [];
  const langs: (string | number)[][] = [];
  let id = false;
  let type = false;
  for (const issue of issues) {
    const head = issue.path[0];
    if (head === undefined) return undefined;
    const key = String(head);
    // Keep the attribute; drop only the lang member the structure check does not accept.
    if (isNoneLang(raw, issue)) langs.push(issue.path.slice(0, -1));
    else if (key === 'id') id = raw.id !== UNREADABLE_ID;
    else if (key === 'type') type = raw.type !== 'Unreadable';
    else if (Object.hasOwn(raw, key)) drop.push(key);
  }
  const out = copyOwn(raw, drop);
  let changed = drop.length > 0 || id || type;
  if (id) out.id = UNREADABLE_ID;
  if (type) out.type = 'Unreadable';
  for (const attrPath of langs) {
    const target = valueAt(out, attrPath);
    if (target && typeof target === 'object' && !Array.isArray(target)) {
      replaceAt(out, attrPath, copyOwn(target as Obj, ['lang']));
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
 * whose only problem is a non-URI id), without building the normalized entity:
 * the instances the rules read. Properties, plain GeoProperties and Relationships are built here
 * as that conversion builds them (Relationships re-checked as it re-checks them); the attributes
 * other hints name and GeoJSON values under other names are converted by it, alone. For other
 * structure issues, the general path's result from the issues found here; undefined for anything
 * else, which takes the general path (and reports the same).
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
  // Read by name, in the order of the hint lists: one keyed load per list name costs more.
  const lists: unknown[] = [
    h.relationships,
    h.listRelationships,
    h.languageProperties,
    h.vocabProperties,
    h.jsonProperties,
    h.listProperties,
    h.geoProperties,
  ];
  for (let m = 0; m < 7; m++) {
    const list = lists[m];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return undefined;
    if (m === 0) relationships = list;
    for (const name of list) {
      // A geo name only in geoProperties is read as it is without hints (see below).
      if (typeof name !== 'string' || !Object.hasOwn(raw, name) || (m === 6 && isGeoName(name)))
        continue;
      hinted ??= [];
      hinted.push(name);
    }
  }
  const checked = checkEntityStructure(raw, 'keyValues');
  let idIssue: EntityIssue | undefined;
  if (!checked.success) {
    // Only a non-URI id, the single issue: what checkStructure finds when salvage's copy converts.
    idIssue = checked.issues[0];
    // Other issues: the general path, from these (the conversion would find the same).
    if (checked.issues.length !== 1 || idIssue?.code !== 'invalid_id')
      return checkStructure(raw, 'keyValues', hints, checked);
  }
  const id = idIssue === undefined ? raw.id : UNREADABLE_ID;
  const units = h.unitCodes as Record<string, unknown> | undefined | null;
  const list: Instance[] = [];
  // Every place member up front: stores to a grown empty object take V8's slow path.
  const places: Obj = {
    location: undefined,
    observationSpace: undefined,
    operationSpace: undefined,
    address: undefined,
  };
  let rest: Obj | undefined;
  for (const key in raw) {
    if (!ownKey(raw, key) || isEntityMember(key)) continue;
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
      // The first list the conversion consults: a Relationship, which its re-check as normalized
      // passes when the object is an entity id or a non-empty list of them (the name and the
      // entity's id and type passed above); under a GeoProperty's name it never passes.
      if (isGeoName(key) || !(isUri(v) || (Array.isArray(v) && v.length > 0 && v.every(isUri))))
        return undefined;
      attr = { type: 'Relationship', object: v };
    }
    if (attr === undefined) {
      // Converted below, with the entity's id and type as the conversion re-checks them.
      rest ??= { id, type: raw.type };
      setOwn(rest, key, v);
    }
    list.push({ name: key, index: KEY_VALUES, attr: attr as Obj });
    if (isPlace(key)) places[key] = attr;
  }
  // The normalized check judges each attribute on its own: the Relationships read above and the
  // conversion's re-check below pass exactly when its one re-check of them all would.
  if (rest !== undefined) {
    const converted = normalizeKeyValues(rest, hints);
    if (!converted.success) return undefined;
    const data = converted.data as unknown as Obj;
    for (const inst of list) {
      if (inst.attr !== undefined) continue;
      const attr = data[inst.name] as Obj;
      (inst as { attr: Obj }).attr = attr;
      if (isPlace(inst.name)) places[inst.name] = attr;
    }
  }
  return {
    issues: idIssue === undefined ? [] : [idIssue],
    normalized: places as NormalizedEntity,
    badId: idIssue !== undefined,
    instances: list,
  };
}

const NO_HINTS: AttributeHints = {};

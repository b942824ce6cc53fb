/**
 * The model's schema check, run on a keyValues view of the entity in which NGSI-LD equivalences
 * already hold: a single value where the model declares an array is a one-element array (a
 * Relationship's single `object`, a single `vocab`, as JSON-LD compaction writes them), typed
 * date/time value objects carry their plain value, a LanguageProperty gives a string where the
 * model wants one, values with a `unitCode` are converted to the model's unit before its range
 * check, and every instance of a multi-attribute is checked. Issues point into the input.
 */
import type { NormalizedEntity, Representation } from '@smartcitylab/ngsi-ld';
import type { ModelAttribute, QualityModel } from '../model.js';
import { rangeFor } from '../plausibility.js';
import { convertQuantity } from '../units.js';
import { isEntityMember, isRecord as isObj, ownKey } from './attributes.js';
import { copyOwn as copy, setOwn, valueAt } from './structure.js';

type Obj = Record<string, unknown>;

/** One schema finding, with its path in the input and both languages of its detail. */
export interface SchemaFinding {
  readonly path: (string | number)[];
  readonly detail: string;
  /** Set when the value was converted to the model's unit first. */
  readonly converted?: { readonly from: string; readonly to: string; readonly original: number };
  /** Set for a typed value object whose `@type` is not a date or time. */
  readonly badValueType?: string;
}

/** The member holding each attribute type's value. */
export const VALUE_MEMBER: Readonly<Record<string, string>> = {
  Property: 'value',
  GeoProperty: 'value',
  Relationship: 'object',
  LanguageProperty: 'languageMap',
  VocabProperty: 'vocab',
  ListProperty: 'valueList',
  ListRelationship: 'objectList',
  JsonProperty: 'json',
};
/**
 * Each value member once (two types share `value`). A pure call, so that bundles without the
 * checks that read it drop it.
 */
export const VALUE_MEMBERS: readonly string[] = /* @__PURE__ */ (() => [
  ...new Set(Object.values(VALUE_MEMBER)),
])();
const TEMPORAL_TYPES = new Set(['DateTime', 'Date', 'Time']);

/** Free-text units of the official schemas, as UN/CEFACT codes. */
const MODEL_UNITS: Readonly<Record<string, string>> = {
  'mg/l': 'M1',
  'mg per liter': 'M1',
  'hecto pascals': 'A97',
  hpa: 'A97',
  kpa: 'KPA',
  'celsius degrees': 'CEL',
  'degrees celsius': 'CEL',
  'w/m2': 'D54',
  meters: 'MTR',
  meter: 'MTR',
  metre: 'MTR',
  'meter (m)': 'MTR',
  centimeters: 'CMT',
  'kilometer (km)': 'KMT',
  'kilometer per hour (km/h)': 'KMH',
  lux: 'LUX',
  'cubic meters': 'MTQ',
  'cubic metre': 'MTQ',
  'cubic meters/hour': 'MQH',
  'litres/hour': 'E32',
  'second (s)': 'SEC',
  minutes: 'MIN',
  kilogram: 'KGM',
  kilograms: 'KGM',
  'kilogram (kg)': 'KGM',
  p1: 'P1',
};

interface View {
  value: unknown;
  wrapped: boolean;
  converted?: { from: string; to: string; original: number };
  badValueTypes: { path: (string | number)[]; type: string }[];
}

/** What the rules look up in a model, indexed once per model. */
export interface ModelFacts {
  readonly attributes: ReadonlyMap<string, ModelAttribute>;
  /** Attributes whose schema format is date-time. */
  readonly dateTimes: ReadonlySet<string>;
  /** Attributes whose schema type is an array. */
  readonly arrays: ReadonlySet<string>;
  /** Attributes whose schema type is string. */
  readonly strings: ReadonlySet<string>;
  /** Per attribute: KNOWN, plus ARRAY and STRING for those types (one lookup per name). */
  readonly shapes: ReadonlyMap<string, number>;
}

const KNOWN = 1;
const ARRAY = 2;
const STRING = 4;

const facts = new WeakMap<QualityModel, ModelFacts>();

/** The indexed facts of `model` (built on first use). */
export function modelFacts(model: QualityModel): ModelFacts {
  let f = facts.get(model);
  if (!f) {
    const attributes = new Map<string, ModelAttribute>();
    const dateTimes = new Set<string>();
    const arrays = new Set<string>();
    const strings = new Set<string>();
    for (const a of model.metadata.attributes) {
      attributes.set(a.name, a);
      if (a.format === 'date-time') dateTimes.add(a.name);
    }
    for (const [name, a] of attributes) {
      if (a.type?.startsWith('array')) arrays.add(name);
      if (a.type === 'string') strings.add(name);
    }
    const shapes = new Map<string, number>();
    for (const name of attributes.keys())
      shapes.set(name, KNOWN | (arrays.has(name) ? ARRAY : 0) | (strings.has(name) ? STRING : 0));
    f = { attributes, dateTimes, arrays, strings, shapes };
    facts.set(model, f);
  }
  return f;
}

/**
 * Runs `model`'s schema on the equivalence-aware view of `entity`. From keyValues, the names of
 * `raw` that are not attributes of the model are pushed to `unknown` on the way.
 */
export function schemaFindings(
  model: QualityModel,
  entity: NormalizedEntity,
  raw: Obj,
  representation: Representation,
  unknown: string[],
): SchemaFinding[] {
  const f = modelFacts(model);
  const meta = f.attributes;
  if (representation === 'keyValues') return keyValuesFindings(model, raw, f, unknown);
  const e = entity as Obj;
  const kv: Obj = {};
  for (const key of ['id', 'type']) {
    const v = Object.hasOwn(raw, key) ? raw[key] : e[key];
    if (v !== undefined) kv[key] = v;
  }
  const views = new Map<string, View>();
  const extra: { name: string; index: number; attr: Obj }[] = [];
  for (const name in e) {
    if (!ownKey(e, name) || isEntityMember(name)) continue;
    const a = e[name];
    let primary: Obj | undefined;
    if (Array.isArray(a)) {
      const list = a.filter(isObj);
      primary = list.find((x) => x.datasetId === undefined) ?? list[0];
      a.forEach((x, index) => {
        if (isObj(x) && x !== primary) extra.push({ name, index, attr: x });
      });
    } else if (isObj(a)) primary = a;
    if (!primary) continue;
    const view = viewOf(name, primary, meta.get(name), model.type);
    views.set(name, view);
    setOwn(kv, name, view.value);
  }

  const out: SchemaFinding[] = [];
  const primaryIndex = (name: string): number | undefined => {
    const a = e[name];
    if (!Array.isArray(a)) return undefined;
    const i = a.findIndex((x) => isObj(x) && x.datasetId === undefined);
    return Math.max(i, 0);
  };
  const collect = (
    issues: readonly { path: readonly PropertyKey[]; message: string }[],
    only: string | undefined,
    index: number | undefined,
    viewFor: (name: string) => View | undefined,
  ) => {
    for (const issue of issues) {
      const head = issue.path[0];
      if (only !== undefined && head !== only) continue;
      if (typeof head !== 'string' || !viewFor(head)) {
        out.push({ path: issue.path.map(segment), detail: issue.message });
        continue;
      }
      const view = viewFor(head)!;
      let rest = issue.path.slice(1).map(segment);
      if (view.wrapped && rest[0] === 0) rest = rest.slice(1);
      const i = index ?? primaryIndex(head);
      out.push({
        path: inputPath(raw, representation, head, i, rest),
        detail: issue.message,
        ...(view.converted ? { converted: view.converted } : {}),
      });
    }
  };

  const result = model.validate(kv, 'keyValues');
  if (!result.success) collect(result.issues, undefined, undefined, (n) => views.get(n));
  for (const [name, view] of views) {
    for (const b of view.badValueTypes) {
      out.push({
        path: inputPath(raw, representation, name, primaryIndex(name), b.path),
        detail: '',
        badValueType: b.type,
      });
    }
  }
  // Every further instance of a multi-attribute, checked in place of the default one.
  for (const { name, index, attr } of extra) {
    const view = viewOf(name, attr, meta.get(name), model.type);
    const variant: Obj = { ...kv };
    setOwn(variant, name, view.value);
    const r = model.validate(variant, 'keyValues');
    if (!r.success) collect(r.issues, name, index, () => view);
    for (const b of view.badValueTypes) {
      out.push({
        path: inputPath(raw, representation, name, index, b.path),
        detail: '',
        badValueType: b.type,
      });
    }
  }
  return out;
}

/**
 * keyValues input is already the form the schema reads: it is passed as it is, copied only when
 * an equivalence changes an attribute (a single value for an array, a typed value object, a
 * language map for a string).
 */
function keyValuesFindings(
  model: QualityModel,
  raw: Obj,
  facts: ModelFacts,
  unknown: string[],
): SchemaFinding[] {
  let kv: Obj | undefined;
  let wrapped: Set<string> | undefined;
  const bad: { path: (string | number)[]; type: string }[] = [];
  const { shapes } = facts;
  for (const name in raw) {
    if (!ownKey(raw, name) || isEntityMember(name)) continue;
    const shape = shapes.get(name) ?? 0;
    if (shape === 0) unknown.push(name);
    const v = raw[name];
    let out = v;
    if (typeof v === 'object' && v !== null) {
      const before = bad.length;
      // One path stack for every walk (unwrap pops what it pushes); emptied in case a walk threw.
      if (UNWRAP_PATH.length > 0) UNWRAP_PATH.length = 0;
      out = unwrap(v, UNWRAP_PATH, bad);
      for (let i = before; i < bad.length; i++) bad[i]!.path.unshift(name);
      if ((shape & STRING) !== 0 && isObj(out) && isLanguageMap(out)) out = languageString(out);
    }
    if (out !== undefined && !Array.isArray(out) && (shape & ARRAY) !== 0) {
      out = [out];
      wrapped ??= new Set();
      wrapped.add(name);
    }
    if (out !== v) {
      kv ??= copy(raw);
      setOwn(kv, name, out);
    }
  }
  const out: SchemaFinding[] = [];
  const result = model.validate(kv ?? raw, 'keyValues');
  if (!result.success) {
    for (const issue of result.issues) {
      const head = issue.path[0];
      let rest = issue.path.slice(1).map(segment);
      if (typeof head === 'string' && wrapped?.has(head) && rest[0] === 0) rest = rest.slice(1);
      out.push({
        path: head === undefined ? [] : [segment(head), ...rest],
        detail: issue.message,
      });
    }
  }
  for (const b of bad) out.push({ path: b.path, detail: '', badValueType: b.type });
  return out;
}

const UNWRAP_PATH: (string | number)[] = [];

const LANGUAGE_KEY = /^(@none|[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*)$/;

function isLanguageMap(o: Obj): boolean {
  const keys = Object.keys(o);
  return (
    keys.length > 0 &&
    keys.every((k) => LANGUAGE_KEY.test(k) && (typeof o[k] === 'string' || Array.isArray(o[k])))
  );
}

/** Where a keyValues path `[name, ...rest]` lies in the input as sent. */
function inputPath(
  raw: Obj,
  representation: Representation,
  name: string,
  index: number | undefined,
  rest: (string | number)[],
): (string | number)[] {
  if (representation === 'keyValues') return [name, ...rest];
  const base: (string | number)[] = index === undefined ? [name] : [name, index];
  const attr = valueAt(raw, base);
  if (isObj(attr)) {
    const type = typeof attr.type === 'string' ? attr.type : undefined;
    const member =
      (type !== undefined ? VALUE_MEMBER[type] : undefined) ??
      VALUE_MEMBERS.find((m) => Object.hasOwn(attr, m));
    if (member !== undefined && Object.hasOwn(attr, member)) return [...base, member, ...rest];
  }
  return [...base, ...rest];
}

function viewOf(name: string, attr: Obj, meta: ModelAttribute | undefined, type: string): View {
  const badValueTypes: View['badValueTypes'] = [];
  let value: unknown;
  switch (attr.type) {
    case 'Relationship':
      value = attr.object;
      break;
    case 'LanguageProperty':
      value = meta?.type === 'string' ? languageString(attr.languageMap) : attr.languageMap;
      break;
    case 'VocabProperty':
      value = attr.vocab;
      break;
    case 'ListProperty':
      value = attr.valueList;
      break;
    case 'ListRelationship':
      value = Array.isArray(attr.objectList)
        ? attr.objectList.map((o: unknown) => (isObj(o) ? o.object : o))
        : attr.objectList;
      break;
    case 'JsonProperty':
      value = attr.json;
      break;
    case 'GeoProperty':
      value = attr.value;
      break;
    default:
      value = unwrap(attr.value, [], badValueTypes);
  }
  const view: View = { value, wrapped: false, badValueTypes };
  if (meta?.type?.startsWith('array') && value !== undefined && !Array.isArray(value)) {
    view.value = [value];
    view.wrapped = true;
  }
  const unitCode = attr.unitCode;
  if (
    typeof view.value === 'number' &&
    typeof unitCode === 'string' &&
    meta &&
    (meta.minimum !== undefined ||
      meta.maximum !== undefined ||
      meta.exclusiveMinimum !== undefined)
  ) {
    const target =
      (meta.unit !== undefined ? MODEL_UNITS[meta.unit.toLowerCase()] : undefined) ??
      rangeFor(type, name, undefined)?.unit;
    if (target !== undefined && target !== unitCode) {
      const c = convertQuantity(view.value, unitCode, target, name);
      if (c !== undefined) {
        view.converted = { from: unitCode, to: target, original: view.value };
        view.value = round(c);
      }
    }
  }
  return view;
}

function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

/** A string for a LanguageProperty where the model wants a string: the default, English or Swedish text. */
function languageString(map: unknown): unknown {
  if (!isObj(map)) return map;
  const pick = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
  for (const tag of ['@none', 'en', 'sv']) if (Object.hasOwn(map, tag)) return pick(map[tag]);
  const first = Object.keys(map)[0];
  return first === undefined ? map : pick(map[first]);
}

/** Replaces `{"@type": "DateTime", "@value": ...}` value objects by their value, noting other `@type`s. */
function unwrap(v: unknown, path: (string | number)[], bad: View['badValueTypes']): unknown {
  // `path` is one stack shared by the whole walk: copied only when a finding needs it.
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x !== 'object' || x === null) continue;
      path.push(i);
      const u = unwrap(x, path, bad);
      path.pop();
      if (u !== x) {
        out ??= [...v];
        out[i] = u;
      }
    }
    return out ?? v;
  }
  if (!isObj(v)) return v;
  // A GeoJSON geometry holds no value objects: skip its coordinate arrays.
  if (typeof v.type === 'string' && Array.isArray(v.coordinates)) return v;
  if (Object.hasOwn(v, '@value')) {
    const keys = Object.keys(v);
    if (keys.every((k) => k === '@value' || k === '@type')) {
      const t = v['@type'];
      if (t !== undefined && !(typeof t === 'string' && TEMPORAL_TYPES.has(t)))
        bad.push({ path: [...path, '@type'], type: String(t) });
      return v['@value'];
    }
  }
  if (path.length >= 8) return v;
  let out: Obj | undefined;
  for (const key in v) {
    if (!ownKey(v, key)) continue;
    const x = v[key];
    if (typeof x !== 'object' || x === null) continue;
    path.push(key);
    const u = unwrap(x, path, bad);
    path.pop();
    if (u !== x) {
      out ??= copy(v);
      setOwn(out, key, u);
    }
  }
  return out ?? v;
}

/** A path step as a report writes it. */
export function segment(p: PropertyKey): string | number {
  return typeof p === 'symbol' ? String(p) : p;
}

/**
 * Attributes of the model whose name is close to `name`, a name the model does not know: a case
 * variant or a likely misspelling.
 */
export function didYouMean(
  name: string,
  model: QualityModel,
  present: (n: string) => boolean,
): string | undefined {
  // The closest one that the entity does not already carry.
  for (const candidate of candidatesFor(name, model)) if (!present(candidate)) return candidate;
  return undefined;
}

const candidateCache = new WeakMap<QualityModel, Map<string, readonly string[]>>();
const NONE: readonly string[] = [];

/**
 * The model's attributes close to `name`, closest first (ties in the model's order), computed
 * once per model and name; a bounded cache keeps memory constant on streams of odd names.
 */
function candidatesFor(name: string, model: QualityModel): readonly string[] {
  let byName = candidateCache.get(model);
  if (!byName) {
    byName = new Map();
    candidateCache.set(model, byName);
  }
  let found = byName.get(name);
  if (found === undefined) {
    found = rankCandidates(name, model);
    if (byName.size >= 2048) byName.clear();
    byName.set(name, found);
  }
  return found;
}

function squash(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function rankCandidates(name: string, model: QualityModel): readonly string[] {
  const key = squash(name);
  if (key.length < 2) return NONE;
  const scored: { name: string; score: number }[] = [];
  for (const a of model.metadata.attributes) {
    const other = squash(a.name);
    let score: number;
    if (other === key) score = 0;
    else if (SYNONYMS[key] === a.name) score = 0.5;
    else {
      const limit = key.length >= 8 ? 2 : key.length >= 5 ? 1 : 0;
      if (limit === 0 || Math.abs(other.length - key.length) > limit) continue;
      const d = editDistance(key, other, limit);
      if (d > limit) continue;
      score = d;
    }
    scored.push({ name: a.name, score });
  }
  if (scored.length === 0) return NONE;
  // Array.prototype.sort is stable: equal scores keep the model's order.
  return scored.sort((a, b) => a.score - b.score).map((c) => c.name);
}

/** Everyday names for Smart Data Models attributes (squashed to lower-case letters and digits). */
const SYNONYMS: Readonly<Record<string, string>> = {
  humidity: 'relativeHumidity',
  rh: 'relativeHumidity',
  temp: 'temperature',
  pressure: 'atmosphericPressure',
  airpressure: 'atmosphericPressure',
  barometricpressure: 'atmosphericPressure',
  pm2: 'pm25',
  battery: 'batteryLevel',
  winddir: 'windDirection',
  windspeedms: 'windSpeed',
  rain: 'precipitation',
  noise: 'LAeq',
  co2level: 'co2',
};

/** Levenshtein distance, giving up (returning limit + 1) beyond `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length] ?? limit + 1;
}

/**
 * Hand-written, allocation-light validator for the three entity representations. The
 * exported zod schemas delegate to it: it is several times faster than an equivalent
 * recursive zod schema and bounds recursion, so hostile input cannot overflow the stack.
 * Internal.
 */
import type { EntityIssue } from '../errors.js';
import { isUri } from '../ids.js';
import { findJsonProblem, hasOwn, isPlainObject } from './json.js';
import {
  ATTRIBUTE_TYPE_SET,
  type AttributeTypeName,
  type ConciseKind,
  classifyConcise,
  DATE_TIME_MEMBERS,
  GEOMETRY_TYPES,
  isEntityMember,
  isGeoAttributeName,
  METADATA_MEMBERS,
  RESERVED_ATTRIBUTE_NAMES,
  VALUE_MEMBER,
  VALUE_MEMBER_SET,
} from './model.js';

/** Deepest sub-attribute nesting accepted (attribute → sub-attribute → ...). */
export const MAX_ATTRIBUTE_DEPTH = 32;
/** Deepest GeometryCollection nesting accepted. */
const MAX_GEOMETRY_DEPTH = 8;
/** Issues collected before giving up on an entity. */
const MAX_ISSUES = 100;

export type CheckMode = 'normalized' | 'concise' | 'keyValues';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;
// What /[\s<>"'=;()&?/#\\]/ finds, read a character at a time: every attribute name is tested.
const NAME_FORBIDDEN_ASCII = /* @__PURE__ */ asciiTable('\t\n\v\f\r <>"\'=;()&?/#\\');

function asciiTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

/** Whether `name` holds white space (as `\s` means it) or one of `<>"'=;()&?/#\`. */
function hasForbiddenNameChar(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 128) {
      if (NAME_FORBIDDEN_ASCII[c] === 1) return true;
    } else if (
      c === 0xa0 ||
      c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x202f ||
      c === 0x205f ||
      c === 0x3000 ||
      c === 0xfeff
    )
      return true;
  }
  return false;
}

/** Attribute names that passed `attributeName`, so a name repeated entity after entity is read once. */
const ACCEPTED_NAMES = /* @__PURE__ */ new Set<string>();

const WHITESPACE = /\s/;
const SCOPE = /^\/?[^\s/]+(\/[^\s/]+)*$/;

function isNonEmptyString(s: unknown): boolean {
  return typeof s === 'string' && s.length > 0;
}

function isTypeName(s: unknown): boolean {
  return isNonEmptyString(s) && !WHITESPACE.test(s as string);
}

function isScope(s: unknown): boolean {
  return typeof s === 'string' && SCOPE.test(s);
}

function isContextEntry(c: unknown): boolean {
  return (typeof c === 'string' && c.length > 0) || isPlainObject(c);
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  // A class instance, Date or Map: "got an object" would not say what is wrong.
  if (typeof v === 'object')
    return isPlainObject(v)
      ? 'an object'
      : 'an object that is not JSON data (pass a plain copy, such as JSON.parse gives)';
  if (typeof v === 'string')
    return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
  return `${typeof v} ${String(v)}`;
}

/** Collects issues with JSON paths; the path is a mutable stack copied only on an issue. */
export class Checker {
  readonly issues: EntityIssue[] = [];
  private readonly path: (string | number)[] = [];

  constructor(basePath: readonly (string | number)[] = []) {
    this.path.push(...basePath);
  }

  add(code: string, message: string, ...extra: (string | number)[]): void {
    if (this.issues.length < MAX_ISSUES) {
      this.issues.push({ path: [...this.path, ...extra], message, code });
    }
  }

  get full(): boolean {
    return this.issues.length >= MAX_ISSUES;
  }

  enter(key: string | number): void {
    this.path.push(key);
  }

  leave(): void {
    this.path.pop();
  }

  // ---- entity ----------------------------------------------------------------------

  entity(input: unknown, mode: CheckMode): void {
    if (!isPlainObject(input)) {
      this.add('invalid_type', `Expected an entity object, got ${describe(input)}`);
      return;
    }
    if (!hasOwn(input, 'id')) this.add('missing_member', "An entity needs an 'id' (a URI)", 'id');
    else if (!isUri(input.id)) {
      this.add(
        'invalid_id',
        `Entity id must be an absolute URI such as urn:ngsi-ld:<Type>:<id>, got ${describe(input.id)}`,
        'id',
      );
    }
    if (!hasOwn(input, 'type')) this.add('missing_member', "An entity needs a 'type'", 'type');
    else this.typeNames(input.type, 'type', 'Entity type');
    for (const key in input) {
      if (!hasOwn(input, key)) continue;
      if (this.full) return;
      const v = input[key];
      if (isEntityMember(key)) {
        if (key === 'scope') this.scope(v);
        else if (key === '@context') this.context(v);
        else if (key !== 'id' && key !== 'type' && DATE_TIME_MEMBERS.has(key))
          this.dateTime(v, key);
        continue;
      }
      // Most keyValues attributes are a string, number or boolean under a name seen before:
      // nothing to report, told without a path step or a look at the name's characters.
      if (
        mode === 'keyValues' &&
        (typeof v === 'string' ||
          typeof v === 'boolean' ||
          (typeof v === 'number' && Number.isFinite(v))) &&
        !isGeoAttributeName(key) &&
        ACCEPTED_NAMES.has(key)
      )
        continue;
      this.enter(key);
      // An entity-level name accepted before needs no second look at its characters.
      if (ACCEPTED_NAMES.has(key) || this.attributeName(key, true)) {
        if (mode === 'keyValues') this.keyValuesAttribute(key, v);
        else this.entityAttribute(key, v, mode);
      }
      this.leave();
    }
  }

  private typeNames(v: unknown, member: string, what: string): void {
    if (isTypeName(v)) return;
    if (Array.isArray(v) && v.length > 0 && v.every(isTypeName)) return;
    this.add(
      'invalid_type_name',
      `${what} must be a non-empty name without spaces (or an array of such names), got ${describe(v)}`,
      member,
    );
  }

  private scope(v: unknown): void {
    if (isScope(v) || (Array.isArray(v) && v.length > 0 && v.every(isScope))) return;
    this.add(
      'invalid_scope',
      `scope must be a path like "/Madrid/Gardens" or an array of them, got ${describe(v)}`,
      'scope',
    );
  }

  private context(v: unknown): void {
    if (isContextEntry(v) || (Array.isArray(v) && v.every(isContextEntry))) return;
    this.add(
      'invalid_context',
      `@context must be a URL, a context object or an array of them, got ${describe(v)}`,
      '@context',
    );
  }

  private dateTime(v: unknown, member: string): void {
    if (typeof v === 'string' && DATE_TIME.test(v)) return;
    this.add(
      'invalid_date_time',
      `${member} must be an ISO 8601 date-time such as 2024-05-01T12:00:00Z, got ${describe(v)}`,
      member,
    );
  }

  /** Checks an attribute (or sub-attribute) name; false when it is unusable. */
  private attributeName(name: string, entityLevel: boolean): boolean {
    if (name.length === 0) {
      this.add('invalid_name', 'Attribute names cannot be empty');
      return false;
    }
    if (RESERVED_ATTRIBUTE_NAMES.has(name)) {
      this.add(
        'reserved_name',
        `'${name}' is an NGSI-LD core term and cannot be used as ${entityLevel ? 'an attribute' : 'a sub-attribute'} name`,
      );
      return false;
    }
    if ((hasForbiddenNameChar(name) || name.charCodeAt(0) === 0x40) && !isUri(name)) {
      this.add(
        'invalid_name',
        `Attribute name ${JSON.stringify(name)} contains a character NGSI-LD does not allow in names (spaces, <>"'=;()&?/#\\ or a leading @); use a term or a full URI`,
      );
      return false;
    }
    if (entityLevel) {
      // Bounded: a stream of ever new names keeps memory constant.
      if (ACCEPTED_NAMES.size >= 4096) ACCEPTED_NAMES.clear();
      ACCEPTED_NAMES.add(name);
    }
    return true;
  }

  private entityAttribute(name: string, v: unknown, mode: 'normalized' | 'concise'): void {
    const geo = isGeoAttributeName(name);
    const multi =
      mode === 'normalized' ? Array.isArray(v) : classifyConcise(v, true).kind === 'multi';
    if (!multi) {
      const t = this.attribute(v, mode, 0);
      if (geo && t !== undefined && t !== 'GeoProperty') {
        this.add(
          'not_geo_property',
          `'${name}' is reserved for a GeoProperty (GeoJSON geometry), got a ${t}`,
        );
      }
      return;
    }
    const instances = v as unknown[];
    if (instances.length === 0) {
      this.add('empty_multi_attribute', 'A multi-attribute array needs at least one instance');
      return;
    }
    const seen = new Set<string>();
    let defaults = 0;
    for (let i = 0; i < instances.length; i++) {
      const inst = instances[i];
      this.enter(i);
      const t = this.attribute(inst, mode, 0);
      if (geo && t !== undefined && t !== 'GeoProperty') {
        this.add(
          'not_geo_property',
          `'${name}' is reserved for a GeoProperty (GeoJSON geometry), got a ${t}`,
        );
      }
      if (isPlainObject(inst)) {
        const ds = inst.datasetId;
        if (ds === undefined) {
          defaults++;
          if (defaults === 2) {
            this.add(
              'duplicate_default_instance',
              'At most one instance of a multi-attribute may omit datasetId (the default instance)',
            );
          }
        } else if (typeof ds === 'string') {
          if (seen.has(ds)) {
            this.add('duplicate_dataset_id', `datasetId ${ds} appears more than once`, 'datasetId');
          }
          seen.add(ds);
        }
      }
      this.leave();
    }
  }

  // ---- attributes -------------------------------------------------------------------

  /** Checks one attribute; returns its type, or undefined when it cannot be typed. */
  attribute(
    v: unknown,
    mode: 'normalized' | 'concise',
    depth: number,
  ): AttributeTypeName | undefined {
    if (depth > MAX_ATTRIBUTE_DEPTH) {
      this.add(
        'too_deep',
        `Sub-attributes are nested deeper than ${MAX_ATTRIBUTE_DEPTH} levels; NGSI-LD data this deep is almost certainly a mistake`,
      );
      return undefined;
    }
    let kind: ConciseKind;
    if (mode === 'normalized') {
      if (!isPlainObject(v)) {
        this.add(
          'invalid_type',
          `Expected a normalized attribute {"type": "Property", "value": ...} (or another attribute type), got ${describe(v)}`,
        );
        return undefined;
      }
      const t = v.type;
      if (typeof t !== 'string' || !ATTRIBUTE_TYPE_SET.has(t)) {
        const concise = t === undefined && classifyConcise(v, false).kind === 'object';
        const hint =
          t === 'VocabularyProperty'
            ? "; 'VocabularyProperty' is a pre-release name used by some brokers, NGSI-LD 1.8 names it 'VocabProperty'"
            : concise
              ? '; this attribute is in concise form: validate the entity as concise or convert it with toNormalized'
              : '';
        this.add(
          'invalid_attribute_type',
          `Attribute type must be one of ${[...ATTRIBUTE_TYPE_SET].join(', ')}, got ${describe(t)}${hint}`,
          'type',
        );
        return undefined;
      }
      kind = { kind: 'object', type: t as AttributeTypeName };
    } else {
      kind = classifyConcise(v, false);
    }
    switch (kind.kind) {
      case 'invalid':
        if (kind.member !== undefined) this.add(kind.code, kind.message, kind.member);
        else this.add(kind.code, kind.message);
        return undefined;
      case 'bare':
        if (kind.type === 'GeoProperty') this.geometry(v, 0);
        else this.jsonValue(v);
        return kind.type;
      case 'object':
        this.members(v as Record<string, unknown>, kind.type, mode, depth);
        return kind.type;
      default:
        return undefined;
    }
  }

  private members(
    obj: Record<string, unknown>,
    type: AttributeTypeName,
    mode: 'normalized' | 'concise',
    depth: number,
  ): void {
    const primary = VALUE_MEMBER[type];
    if (!hasOwn(obj, primary)) {
      this.add('missing_member', `A ${type} needs a '${primary}' member`, primary);
    } else {
      this.enter(primary);
      this.valueMember(type, obj[primary]);
      this.leave();
    }
    for (const key in obj) {
      if (!hasOwn(obj, key)) continue;
      if (this.full) return;
      if (key === primary) continue;
      const v = obj[key];
      if (key === 'type') {
        if (v !== type)
          this.add('invalid_attribute_type', `Expected type '${type}', got ${describe(v)}`, 'type');
        continue;
      }
      if (METADATA_MEMBERS.has(key)) {
        this.metadata(type, key, v);
        continue;
      }
      this.enter(key);
      if (VALUE_MEMBER_SET.has(key) || key === 'id' || key === '@context') {
        this.add('member_not_allowed', `'${key}' is not allowed on a ${type}`);
      } else if (this.attributeName(key, false)) {
        if (mode === 'normalized' && Array.isArray(v)) {
          this.add(
            'invalid_type',
            'A sub-attribute is a single attribute object; only top-level attributes can have several instances',
          );
        } else {
          this.attribute(v, mode, depth + 1);
        }
      }
      this.leave();
    }
  }

  private metadata(type: AttributeTypeName, key: string, v: unknown): void {
    if (DATE_TIME_MEMBERS.has(key)) {
      this.dateTime(v, key);
    } else if (key === 'unitCode') {
      if (typeof v !== 'string' || v.length === 0) {
        this.add(
          'invalid_unit_code',
          `unitCode must be a UN/CEFACT code such as "CEL", got ${describe(v)}`,
          key,
        );
      }
    } else if (key === 'datasetId' || key === 'instanceId') {
      if (!isUri(v))
        this.add('invalid_uri', `${key} must be an absolute URI, got ${describe(v)}`, key);
    } else if (key === 'lang') {
      if (typeof v !== 'string' || !LANGUAGE_TAG.test(v)) {
        this.add(
          'invalid_language_tag',
          `lang must be a BCP 47 language tag such as "sv", got ${describe(v)}`,
          key,
        );
      }
    } else if (key === 'valueType') {
      this.typeNames(v, key, 'valueType');
    } else if (key === 'objectType') {
      if (type !== 'Relationship' && type !== 'ListRelationship') {
        this.add(
          'member_not_allowed',
          `objectType is only allowed on relationships, not on a ${type}`,
          key,
        );
      } else {
        this.typeNames(v, key, 'objectType');
      }
    }
  }

  private valueMember(type: AttributeTypeName, v: unknown): void {
    switch (type) {
      case 'Property':
        if (v === null || v === undefined) {
          this.add(
            'null_value',
            'A Property value cannot be null; leave the attribute out instead',
          );
        } else this.jsonValue(v);
        return;
      case 'GeoProperty':
        this.geometry(v, 0);
        return;
      case 'Relationship':
        if (isUri(v)) return;
        if (Array.isArray(v) && v.length > 0 && v.every((o) => isUri(o))) return;
        this.add(
          'invalid_uri',
          `A Relationship object must be an entity id (an absolute URI), got ${describe(v)}`,
        );
        return;
      case 'ListRelationship':
        if (!Array.isArray(v)) {
          this.add('invalid_type', `objectList must be an array of entity ids, got ${describe(v)}`);
          return;
        }
        for (let i = 0; i < v.length; i++) {
          const item: unknown = v[i];
          if (isUri(item) || (isPlainObject(item) && isUri(item.object))) continue;
          this.add(
            'invalid_uri',
            `objectList items must be entity ids or {"object": id}, got ${describe(item)}`,
            i,
          );
        }
        return;
      case 'LanguageProperty':
        if (!isPlainObject(v) || Object.keys(v).length === 0) {
          this.add(
            'invalid_type',
            `languageMap must be an object like {"sv": "...", "en": "..."}, got ${describe(v)}`,
          );
          return;
        }
        for (const tag of Object.keys(v)) {
          if (tag !== '@none' && !LANGUAGE_TAG.test(tag)) {
            this.add(
              'invalid_language_tag',
              `${JSON.stringify(tag)} is not a BCP 47 language tag`,
              tag,
            );
          }
          const s: unknown = v[tag];
          if (
            typeof s !== 'string' &&
            !(Array.isArray(s) && s.every((x) => typeof x === 'string'))
          ) {
            this.add('invalid_type', `languageMap values must be strings, got ${describe(s)}`, tag);
          }
        }
        return;
      case 'VocabProperty': {
        if (isNonEmptyString(v) || (Array.isArray(v) && v.length > 0 && v.every(isNonEmptyString)))
          return;
        this.add(
          'invalid_type',
          `vocab must be a term or URI (or an array of them), got ${describe(v)}`,
        );
        return;
      }
      case 'ListProperty':
        if (!Array.isArray(v)) {
          this.add('invalid_type', `valueList must be an array, got ${describe(v)}`);
          return;
        }
        this.jsonValue(v);
        return;
      case 'JsonProperty':
        if (v === null || v === undefined) {
          this.add('null_value', 'A JsonProperty json member cannot be null');
          return;
        }
        this.jsonValue(v);
        return;
    }
  }

  private jsonValue(v: unknown): void {
    // Most values are strings or finite numbers: no walk to call.
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return;
    const problem = findJsonProblem(v);
    if (problem !== undefined) this.add(problem.code, problem.message, ...problem.path);
  }

  // ---- GeoJSON ----------------------------------------------------------------------

  geometry(g: unknown, depth: number): void {
    if (!isPlainObject(g) || typeof g.type !== 'string' || !GEOMETRY_TYPES.has(g.type)) {
      this.add(
        'invalid_geometry',
        `Expected a GeoJSON geometry (Point, LineString, Polygon, Multi*, GeometryCollection), got ${describe(g)}`,
      );
      return;
    }
    if (g.type === 'GeometryCollection') {
      if (depth >= MAX_GEOMETRY_DEPTH) {
        this.add(
          'too_deep',
          `GeometryCollections are nested deeper than ${MAX_GEOMETRY_DEPTH} levels`,
        );
        return;
      }
      if (!Array.isArray(g.geometries)) {
        this.add('invalid_geometry', 'A GeometryCollection needs a geometries array', 'geometries');
        return;
      }
      this.enter('geometries');
      for (let i = 0; i < g.geometries.length; i++) {
        this.enter(i);
        this.geometry(g.geometries[i], depth + 1);
        this.leave();
      }
      this.leave();
      return;
    }
    const problem = coordinatesProblem(g.type, g.coordinates);
    if (problem !== undefined) this.add('invalid_geometry', `${g.type}: ${problem}`, 'coordinates');
  }

  // ---- keyValues --------------------------------------------------------------------

  private keyValuesAttribute(name: string, v: unknown): void {
    if (v === null || v === undefined) {
      this.add('null_value', 'An attribute value cannot be null; leave the attribute out instead');
      return;
    }
    if (isGeoAttributeName(name) && !Array.isArray(v)) {
      this.geometry(v, 0);
      return;
    }
    this.jsonValue(v);
  }
}

function isPosition(p: unknown): boolean {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3) return false;
  for (const n of p) if (typeof n !== 'number' || !Number.isFinite(n)) return false;
  return true;
}

function positionsProblem(ps: unknown, min: number, what: string): string | undefined {
  if (!Array.isArray(ps)) return `${what} must be an array of positions`;
  if (ps.length < min) return `${what} needs at least ${min} positions`;
  for (const p of ps)
    if (!isPosition(p))
      return `${what} holds something that is not a [longitude, latitude] position`;
  return undefined;
}

function ringsProblem(rings: unknown): string | undefined {
  if (!Array.isArray(rings) || rings.length === 0)
    return 'a polygon must be a non-empty array of linear rings';
  for (const ring of rings) {
    const p = positionsProblem(ring, 4, 'a linear ring');
    if (p !== undefined) return p;
    const r = ring as number[][];
    const first = r[0]!;
    const last = r[r.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) {
      return 'a linear ring must end with the same position it starts with (closed ring)';
    }
  }
  return undefined;
}

function coordinatesProblem(type: string, c: unknown): string | undefined {
  switch (type) {
    case 'Point':
      return isPosition(c)
        ? undefined
        : 'coordinates must be [longitude, latitude] or [lon, lat, alt]';
    case 'MultiPoint':
      return positionsProblem(c, 0, 'coordinates');
    case 'LineString':
      return positionsProblem(c, 2, 'coordinates');
    case 'MultiLineString':
      if (!Array.isArray(c)) return 'coordinates must be an array of line strings';
      for (const line of c) {
        const p = positionsProblem(line, 2, 'a line string');
        if (p !== undefined) return p;
      }
      return undefined;
    case 'Polygon':
      return ringsProblem(c);
    case 'MultiPolygon':
      if (!Array.isArray(c)) return 'coordinates must be an array of polygons';
      for (const poly of c) {
        const p = ringsProblem(poly);
        if (p !== undefined) return p;
      }
      return undefined;
    default:
      return 'unknown geometry type';
  }
}

/** Runs the validator over `input` in `mode` and returns the issues (empty when valid). */
export function entityIssues(input: unknown, mode: CheckMode): EntityIssue[] {
  const c = new Checker();
  c.entity(input, mode);
  return c.issues;
}

/** Issues of one attribute value. */
export function attributeIssues(input: unknown, mode: 'normalized' | 'concise'): EntityIssue[] {
  const c = new Checker();
  c.attribute(input, mode, 0);
  return c.issues;
}

/** Issues of one GeoJSON geometry. */
export function geometryIssues(input: unknown): EntityIssue[] {
  const c = new Checker();
  c.geometry(input, 0);
  return c.issues;
}

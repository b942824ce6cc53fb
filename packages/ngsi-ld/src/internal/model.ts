/**
 * NGSI-LD vocabulary (attribute types, their value members, metadata names) and the
 * concise-form inference rule shared by the validator and the converters. Internal.
 */
import { hasOwn, isPlainObject } from './json.js';

/** The eight NGSI-LD 1.8 attribute types. */
export const ATTRIBUTE_TYPES = [
  'Property',
  'Relationship',
  'GeoProperty',
  'LanguageProperty',
  'VocabProperty',
  'ListProperty',
  'ListRelationship',
  'JsonProperty',
] as const;

export type AttributeTypeName = (typeof ATTRIBUTE_TYPES)[number];

export const ATTRIBUTE_TYPE_SET: ReadonlySet<string> = new Set(ATTRIBUTE_TYPES);

/** The member that holds each attribute type's value. */
export const VALUE_MEMBER: Readonly<Record<AttributeTypeName, string>> = {
  Property: 'value',
  Relationship: 'object',
  GeoProperty: 'value',
  LanguageProperty: 'languageMap',
  VocabProperty: 'vocab',
  ListProperty: 'valueList',
  ListRelationship: 'objectList',
  JsonProperty: 'json',
};

/** Value members that, alone in a concise object, identify the attribute type. */
export const CONCISE_MARKERS: readonly (readonly [string, AttributeTypeName])[] = [
  ['value', 'Property'],
  ['object', 'Relationship'],
  ['objectList', 'ListRelationship'],
  ['languageMap', 'LanguageProperty'],
  ['vocab', 'VocabProperty'],
  ['valueList', 'ListProperty'],
  ['json', 'JsonProperty'],
];

export const VALUE_MEMBER_SET: ReadonlySet<string> = new Set(CONCISE_MARKERS.map(([k]) => k));

/** Attribute metadata members (never sub-attributes). */
export const DATE_TIME_MEMBERS: ReadonlySet<string> = new Set([
  'observedAt',
  'createdAt',
  'modifiedAt',
  'deletedAt',
]);
export const METADATA_MEMBERS: ReadonlySet<string> = new Set([
  ...DATE_TIME_MEMBERS,
  'unitCode',
  'datasetId',
  'instanceId',
  'objectType',
  // NGSI-LD 1.8: datatype of a value, and the language a LanguageProperty was reduced to
  // when a broker answers with ?lang= (Orion-LD then returns a Property with lang).
  'valueType',
  'lang',
]);

/** Entity members that are not attributes. */
export const ENTITY_MEMBERS: ReadonlySet<string> = new Set([
  'id',
  'type',
  'scope',
  '@context',
  'createdAt',
  'modifiedAt',
  'deletedAt',
]);

/**
 * `ENTITY_MEMBERS.has(key)` as comparisons: every check and conversion asks it once per key,
 * and comparing (mostly internalized) strings is cheaper than hashing them into a set.
 */
export function isEntityMember(key: string): boolean {
  switch (key) {
    case 'id':
    case 'type':
    case 'scope':
    case '@context':
    case 'createdAt':
    case 'modifiedAt':
    case 'deletedAt':
      return true;
    default:
      return false;
  }
}

/** Core terms that cannot be used as attribute names. */
export const RESERVED_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set([
  ...VALUE_MEMBER_SET,
  'observedAt',
  'unitCode',
  'datasetId',
  'instanceId',
  'objectType',
  'valueType',
  'lang',
  '@id',
  '@type',
]);

/** Attributes that the spec defines as GeoProperties. */
export const GEO_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set([
  'location',
  'observationSpace',
  'operationSpace',
]);

/** `GEO_ATTRIBUTE_NAMES.has(name)` as comparisons, for the per-attribute checks. */
export function isGeoAttributeName(name: string): boolean {
  return name === 'location' || name === 'observationSpace' || name === 'operationSpace';
}

export const GEOMETRY_TYPES: ReadonlySet<string> = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

/** Whether `v` looks like a GeoJSON geometry (an object whose `type` is a geometry type). */
export function isGeometryLike(v: unknown): boolean {
  return isPlainObject(v) && typeof v.type === 'string' && GEOMETRY_TYPES.has(v.type);
}

/** What a concise attribute value stands for. */
export type ConciseKind =
  | { kind: 'bare'; type: 'Property' | 'GeoProperty' }
  | { kind: 'object'; type: AttributeTypeName }
  | { kind: 'multi' }
  | { kind: 'invalid'; code: string; message: string; member?: string };

const BARE_PROPERTY: ConciseKind = { kind: 'bare', type: 'Property' };
const BARE_GEO: ConciseKind = { kind: 'bare', type: 'GeoProperty' };
const MULTI: ConciseKind = { kind: 'multi' };
const OBJECT_KINDS = Object.fromEntries(
  ATTRIBUTE_TYPES.map((t) => [t, { kind: 'object', type: t } as ConciseKind]),
) as Record<AttributeTypeName, ConciseKind>;

/**
 * The concise inference rule (the reverse of compaction):
 * - an array is a multi-attribute when `allowMulti` and every element is an attribute
 *   object; any other array is a Property value;
 * - a string, number or boolean is a Property value;
 * - an object with an attribute `type` is that attribute (type kept, as in normalized);
 * - an object whose `type` is a GeoJSON geometry type is a GeoProperty value;
 * - an object with exactly one value member (value, object, objectList, languageMap,
 *   vocab, valueList, json) is that attribute; `value` holding a geometry is a GeoProperty;
 * - any other object is a Property value.
 */
export function classifyConcise(v: unknown, allowMulti: boolean): ConciseKind {
  if (Array.isArray(v)) {
    if (allowMulti && v.length > 0) {
      let all = true;
      for (const el of v) {
        if (!isPlainObject(el) || classifyConcise(el, false).kind !== 'object') {
          all = false;
          break;
        }
      }
      if (all) return MULTI;
    }
    return BARE_PROPERTY;
  }
  if (!isPlainObject(v)) {
    if (v === null) {
      return {
        kind: 'invalid',
        code: 'null_value',
        message:
          'null is not an attribute value (in a merge-patch it deletes the attribute); leave the attribute out instead',
      };
    }
    return BARE_PROPERTY;
  }
  const t = v.type;
  if (typeof t === 'string') {
    if (ATTRIBUTE_TYPE_SET.has(t)) return OBJECT_KINDS[t as AttributeTypeName];
    if (GEOMETRY_TYPES.has(t)) return BARE_GEO;
    if (t === 'VocabularyProperty') {
      return {
        kind: 'invalid',
        code: 'invalid_attribute_type',
        member: 'type',
        message:
          "'VocabularyProperty' is a pre-release name used by some brokers; NGSI-LD 1.8 names this type 'VocabProperty'",
      };
    }
  }
  let found: string | undefined;
  for (const [member] of CONCISE_MARKERS) {
    if (hasOwn(v, member)) {
      if (found !== undefined) {
        return {
          kind: 'invalid',
          code: 'ambiguous_attribute',
          message: `An attribute cannot have both '${found}' and '${member}'; add "type" or keep one value member`,
        };
      }
      found = member;
    }
  }
  if (found === undefined) return BARE_PROPERTY;
  if (found === 'value')
    return isGeometryLike(v.value) ? OBJECT_KINDS.GeoProperty : OBJECT_KINDS.Property;
  const pair = CONCISE_MARKERS.find(([m]) => m === found)!;
  return OBJECT_KINDS[pair[1]];
}

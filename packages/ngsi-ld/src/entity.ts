/**
 * NGSI-LD 1.8 entity types (ETSI GS CIM 009), their zod schemas and `checkEntityStructure`.
 * The schemas are zod 4 schemas (and so Standard Schema); their checks run in a
 * hand-written validator that is fast and stack-safe on hostile input.
 */
import * as z from 'zod';
import type { EntityIssue } from './errors.js';
import { attributeIssues, entityIssues, geometryIssues } from './internal/check.js';
import { checkEntityStructure } from './structure.js';

export type { EntityIssue } from './errors.js';
export {
  checkEntityStructure,
  type EntityRepresentation,
  type EntityValidationResult,
} from './structure.js';

/**
 * Any JSON value.
 *
 * @example
 * ```ts
 * const v: JsonValue = { lanes: [1, 2], open: true };
 * ```
 */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/**
 * A JSON-LD `@context`: a URL, an inline context object, or an array of them.
 *
 * @example
 * ```ts
 * const ctx: JsonLdContext = ['https://example.org/ctx.jsonld', { temp: 'https://example.org/temp' }];
 * ```
 */
export type JsonLdContext =
  | string
  | { [key: string]: JsonValue }
  | (string | { [key: string]: JsonValue })[];

/** A GeoJSON position: `[longitude, latitude]` or `[longitude, latitude, altitude]`. */
type Position = [number, number] | [number, number, number];

/**
 * A GeoJSON geometry (RFC 7946), the value of every GeoProperty. Coordinates are
 * `[longitude, latitude]` in WGS 84.
 *
 * @example
 * ```ts
 * const g: GeoJsonGeometry = { type: 'Point', coordinates: [18.0686, 59.3293] };
 * ```
 */
export type GeoJsonGeometry =
  | { type: 'Point'; coordinates: Position; bbox?: number[] }
  | { type: 'MultiPoint'; coordinates: Position[]; bbox?: number[] }
  | { type: 'LineString'; coordinates: Position[]; bbox?: number[] }
  | { type: 'MultiLineString'; coordinates: Position[][]; bbox?: number[] }
  | { type: 'Polygon'; coordinates: Position[][]; bbox?: number[] }
  | { type: 'MultiPolygon'; coordinates: Position[][][]; bbox?: number[] }
  | { type: 'GeometryCollection'; geometries: GeoJsonGeometry[]; bbox?: number[] };

/**
 * Members every attribute may carry besides its value (NGSI-LD 1.8 clause 4.5).
 *
 * @example
 * ```ts
 * const m: AttributeMetadata = { observedAt: '2024-05-01T12:00:00Z', unitCode: 'CEL' };
 * ```
 */
export interface AttributeMetadata {
  /** When the value was observed (ISO 8601). */
  observedAt?: string;
  /** UN/CEFACT unit code, e.g. `CEL`, `KMH`, `MTR`. */
  unitCode?: string;
  /** Identifies one instance of a multi-attribute (a URI). */
  datasetId?: string;
  /** System-generated: creation time. */
  createdAt?: string;
  /** System-generated: last modification time. */
  modifiedAt?: string;
  /** System-generated: deletion time (temporal and notification payloads). */
  deletedAt?: string;
  /** Temporal instance id (a URI). */
  instanceId?: string;
  /** Datatype of the value, e.g. `Integer` (NGSI-LD 1.8). */
  valueType?: string;
  /** Language of a string value picked from a LanguageProperty with `?lang=`. */
  lang?: string;
}

/**
 * Anything that may appear as a member of a normalized attribute: its value, metadata,
 * or a sub-attribute.
 *
 * @example
 * ```ts
 * const accuracy: AttributeMember = { type: 'Property', value: 0.5 };
 * ```
 */
export type AttributeMember = NormalizedAttribute | JsonValue | undefined;

/**
 * A Property: a value (any JSON except a top-level null) with optional metadata and
 * sub-attributes.
 *
 * @example
 * ```ts
 * const p: Property = { type: 'Property', value: 21.5, unitCode: 'CEL', observedAt: '2024-05-01T12:00:00Z' };
 * ```
 */
export interface Property extends AttributeMetadata {
  type: 'Property';
  value: JsonValue;
  [subAttribute: string]: AttributeMember;
}

/**
 * A Relationship: the id of another entity (or several ids) in `object`.
 *
 * @example
 * ```ts
 * const r: Relationship = { type: 'Relationship', object: 'urn:ngsi-ld:Building:b1' };
 * ```
 */
export interface Relationship extends AttributeMetadata {
  type: 'Relationship';
  object: string | string[];
  /** Type(s) of the target entity (NGSI-LD 1.8). */
  objectType?: string | string[];
  [subAttribute: string]: AttributeMember;
}

/**
 * A GeoProperty: a GeoJSON geometry. `location`, `observationSpace` and
 * `operationSpace` are always GeoProperties.
 *
 * @example
 * ```ts
 * const g: GeoProperty = { type: 'GeoProperty', value: { type: 'Point', coordinates: [18.07, 59.33] } };
 * ```
 */
export interface GeoProperty extends AttributeMetadata {
  type: 'GeoProperty';
  value: GeoJsonGeometry;
  [subAttribute: string]: AttributeMember;
}

/**
 * A LanguageProperty: one string per language tag (`@none` for no language).
 *
 * @example
 * ```ts
 * const l: LanguageProperty = { type: 'LanguageProperty', languageMap: { sv: 'Gata', en: 'Street' } };
 * ```
 */
export interface LanguageProperty extends AttributeMetadata {
  type: 'LanguageProperty';
  languageMap: { [languageTag: string]: string | string[] };
  [subAttribute: string]: AttributeMember;
}

/**
 * A VocabProperty: a term (or URI) from a vocabulary, compacted by the @context.
 *
 * @example
 * ```ts
 * const v: VocabProperty = { type: 'VocabProperty', vocab: 'residential' };
 * ```
 */
export interface VocabProperty extends AttributeMetadata {
  type: 'VocabProperty';
  vocab: string | string[];
  [subAttribute: string]: AttributeMember;
}

/**
 * A ListProperty: an ordered list of values.
 *
 * @example
 * ```ts
 * const l: ListProperty = { type: 'ListProperty', valueList: [3, 1, 2] };
 * ```
 */
export interface ListProperty extends AttributeMetadata {
  type: 'ListProperty';
  valueList: JsonValue[];
  [subAttribute: string]: AttributeMember;
}

/**
 * A ListRelationship: an ordered list of entity ids (or `{ object: id }` items).
 *
 * @example
 * ```ts
 * const l: ListRelationship = { type: 'ListRelationship', objectList: ['urn:ngsi-ld:Stop:1', 'urn:ngsi-ld:Stop:2'] };
 * ```
 */
export interface ListRelationship extends AttributeMetadata {
  type: 'ListRelationship';
  objectList: (string | { object: string })[];
  objectType?: string | string[];
  [subAttribute: string]: AttributeMember;
}

/**
 * A JsonProperty: a JSON value that is never interpreted as JSON-LD.
 *
 * @example
 * ```ts
 * const j: JsonProperty = { type: 'JsonProperty', json: { '@id': 'kept as is' } };
 * ```
 */
export interface JsonProperty extends AttributeMetadata {
  type: 'JsonProperty';
  json: JsonValue;
  [subAttribute: string]: AttributeMember;
}

/**
 * Any attribute in normalized representation.
 *
 * @example
 * ```ts
 * const a: NormalizedAttribute = { type: 'Relationship', object: 'urn:ngsi-ld:Building:b1' };
 * ```
 */
export type NormalizedAttribute =
  | Property
  | Relationship
  | GeoProperty
  | LanguageProperty
  | VocabProperty
  | ListProperty
  | ListRelationship
  | JsonProperty;

/**
 * The name of an attribute type.
 *
 * @example
 * ```ts
 * const t: AttributeType = 'GeoProperty';
 * ```
 */
export type AttributeType = NormalizedAttribute['type'];

/** Members an entity has in every representation. */
interface EntityCore {
  /** The entity id: an absolute URI, usually `urn:ngsi-ld:<Type>:<id>`. */
  id: string;
  /** Entity type name (or several). */
  type: string | string[];
  /** Scopes such as `/Sweden/Vaxjo`. */
  scope?: string | string[];
  '@context'?: JsonLdContext;
  createdAt?: string;
  modifiedAt?: string;
  deletedAt?: string;
}

/**
 * An entity in normalized representation: every attribute is an object with `type`, or
 * an array of instances told apart by `datasetId`.
 *
 * @example
 * ```ts
 * const e: NormalizedEntity = {
 *   id: 'urn:ngsi-ld:Streetlight:sl-42',
 *   type: 'Streetlight',
 *   powerState: { type: 'Property', value: 'on' },
 * };
 * ```
 */
export interface NormalizedEntity extends EntityCore {
  [attribute: string]: NormalizedAttribute | NormalizedAttribute[] | JsonLdContext | undefined;
}

/**
 * An entity in concise representation: redundant `type` members dropped, a Property
 * without metadata written as its bare value. Lossless: see `toNormalized`.
 *
 * @example
 * ```ts
 * const e: ConciseEntity = {
 *   id: 'urn:ngsi-ld:Streetlight:sl-42',
 *   type: 'Streetlight',
 *   powerState: 'on',
 *   refDevice: { object: 'urn:ngsi-ld:Device:d1' },
 * };
 * ```
 */
export interface ConciseEntity extends EntityCore {
  [attribute: string]: JsonValue | JsonLdContext | undefined;
}

/**
 * An entity in keyValues (simplified) representation: each attribute is its value only.
 * Lossy: metadata, sub-attributes and attribute types are dropped.
 *
 * @example
 * ```ts
 * const e: KeyValuesEntity = { id: 'urn:ngsi-ld:Streetlight:sl-42', type: 'Streetlight', powerState: 'on' };
 * ```
 */
export interface KeyValuesEntity extends EntityCore {
  [attribute: string]: JsonValue | JsonLdContext | undefined;
}

// The schemas below are built inside pure-annotated IIFEs: a bundler drops them (and zod with them)
// when an app imports only converters such as toConcise.
function refineWith(check: (v: unknown) => EntityIssue[]) {
  return (value: unknown, ctx: z.RefinementCtx): void => {
    for (const issue of check(value)) {
      ctx.addIssue({
        code: 'custom',
        message: issue.message,
        path: issue.path,
        params: { ngsiLd: issue.code },
      });
    }
  };
}

/**
 * zod schema of a normalized entity (NGSI-LD 1.8). Also a Standard Schema.
 *
 * @example
 * ```ts
 * const r = normalizedEntitySchema.safeParse({ id: 'urn:ngsi-ld:T:1', type: 'T' });
 * r.success; // true
 * ```
 */
export const normalizedEntitySchema: z.ZodType<NormalizedEntity> = /* @__PURE__ */ (() =>
  z.custom<NormalizedEntity>().superRefine(refineWith((v) => entityIssues(v, 'normalized'))))();

/**
 * zod schema of a concise entity. A normalized entity is also valid concise.
 *
 * @example
 * ```ts
 * conciseEntitySchema.parse({ id: 'urn:ngsi-ld:T:1', type: 'T', temperature: 21.5 });
 * ```
 */
export const conciseEntitySchema: z.ZodType<ConciseEntity> = /* @__PURE__ */ (() =>
  z.custom<ConciseEntity>().superRefine(refineWith((v) => entityIssues(v, 'concise'))))();

/**
 * zod schema of a keyValues (simplified) entity.
 *
 * @example
 * ```ts
 * keyValuesEntitySchema.parse({ id: 'urn:ngsi-ld:T:1', type: 'T', temperature: 21.5 });
 * ```
 */
export const keyValuesEntitySchema: z.ZodType<KeyValuesEntity> = /* @__PURE__ */ (() =>
  z.custom<KeyValuesEntity>().superRefine(refineWith((v) => entityIssues(v, 'keyValues'))))();

/**
 * zod schema of one normalized attribute (with its sub-attributes).
 *
 * @example
 * ```ts
 * normalizedAttributeSchema.parse({ type: 'Property', value: 3, unitCode: 'MTR' });
 * ```
 */
export const normalizedAttributeSchema: z.ZodType<NormalizedAttribute> = /* @__PURE__ */ (() =>
  z
    .custom<NormalizedAttribute>()
    .superRefine(refineWith((v) => attributeIssues(v, 'normalized'))))();

/**
 * zod schema of a GeoJSON geometry (RFC 7946), as used in GeoProperty values. Checks
 * position arity, minimum positions per type and closed polygon rings.
 *
 * @example
 * ```ts
 * geoJsonGeometrySchema.parse({ type: 'Point', coordinates: [14.8, 56.88] });
 * ```
 */
export const geoJsonGeometrySchema: z.ZodType<GeoJsonGeometry> = /* @__PURE__ */ (() => {
  const position = z.union([
    z.tuple([z.number(), z.number()]),
    z.tuple([z.number(), z.number(), z.number()]),
  ]);
  const bbox = z.array(z.number()).optional();
  const ring = z
    .array(position)
    .min(4)
    .refine((r) => r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1], {
      message: 'a linear ring must end with the same position it starts with (closed ring)',
    });

  const simpleGeometrySchema = z.discriminatedUnion('type', [
    z.object({ type: z.literal('Point'), coordinates: position, bbox }),
    z.object({ type: z.literal('MultiPoint'), coordinates: z.array(position), bbox }),
    z.object({ type: z.literal('LineString'), coordinates: z.array(position).min(2), bbox }),
    z.object({
      type: z.literal('MultiLineString'),
      coordinates: z.array(z.array(position).min(2)),
      bbox,
    }),
    z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1), bbox }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)), bbox }),
  ]);
  return z.union([
    simpleGeometrySchema,
    z
      .object({ type: z.literal('GeometryCollection'), geometries: z.array(z.unknown()), bbox })
      .superRefine(refineWith((v) => geometryIssues(v))),
  ]) as z.ZodType<GeoJsonGeometry>;
})();

/**
 * Former name of {@link checkEntityStructure}, kept for one release.
 *
 * @deprecated Use {@link checkEntityStructure}: the same function under a name that says it
 * checks NGSI-LD structure (`@smartcitylab/validate`'s `validateEntity` is the quality report).
 * This alias will be removed in the next minor release.
 * @example
 * ```ts
 * const r = validateEntity({ id: 'urn:ngsi-ld:T:1', type: 'T' }, 'normalized'); // use checkEntityStructure
 * ```
 */
export const validateEntity: typeof checkEntityStructure = checkEntityStructure;

/**
 * Attribute types of the generated models in normalized and concise form. Types only: a
 * model subpath pays nothing for them at run time. They are object type aliases (not
 * interfaces) so that a model entity stays assignable to `NormalizedEntity` /
 * `ConciseEntity` of `@smartcitylab/ngsi-ld`.
 */
import type { AttributeMember, JsonLdContext, JsonValue } from '@smartcitylab/ngsi-ld';

/**
 * A JSON-LD value object, as brokers may write a temporal Property's value
 * (`{ "@type": "DateTime", "@value": "2024-01-01T00:00:00Z" }`).
 *
 * @example
 * ```ts
 * const v: DateTimeValue = { '@type': 'DateTime', '@value': '2024-01-01T00:00:00Z' };
 * ```
 */
export type DateTimeValue = { '@type': 'DateTime' | 'Date' | 'Time'; '@value': string };

/**
 * A GeoJSON position inside a model's geometry: `[longitude, latitude]` or
 * `[longitude, latitude, altitude]` (RFC 7946), as `@smartcitylab/ngsi-ld` types it.
 *
 * @example
 * ```ts
 * const stockholm: GeoJsonPosition = [18.0686, 59.3293];
 * ```
 */
export type GeoJsonPosition = [number, number] | [number, number, number];

/**
 * A normalized Property whose value has the type `T` (metadata and sub-attributes are open,
 * as NGSI-LD allows).
 *
 * @example
 * ```ts
 * const no2: Property<number> = { type: 'Property', value: 41, unitCode: 'GQ' };
 * ```
 */
export type Property<T extends JsonValue = JsonValue> = {
  type: 'Property';
  value: T;
  observedAt?: string;
  unitCode?: string;
  datasetId?: string;
  createdAt?: string;
  modifiedAt?: string;
  deletedAt?: string;
  instanceId?: string;
  valueType?: string;
  lang?: string;
  [subAttribute: string]: AttributeMember;
};

/**
 * A normalized Relationship pointing at the entity id(s) `O`.
 *
 * @example
 * ```ts
 * const refDevice: Relationship = { type: 'Relationship', object: 'urn:ngsi-ld:Device:d1' };
 * ```
 */
export type Relationship<O extends string | string[] = string | string[]> = {
  type: 'Relationship';
  object: O;
  objectType?: string | string[];
  observedAt?: string;
  datasetId?: string;
  createdAt?: string;
  modifiedAt?: string;
  deletedAt?: string;
  instanceId?: string;
  [subAttribute: string]: AttributeMember;
};

/**
 * A normalized GeoProperty whose value is the GeoJSON geometry `G`.
 *
 * @example
 * ```ts
 * const location: GeoProperty = { type: 'GeoProperty', value: { type: 'Point', coordinates: [18.07, 59.33] } };
 * ```
 */
export type GeoProperty<G extends JsonValue = JsonValue> = {
  type: 'GeoProperty';
  value: G;
  observedAt?: string;
  datasetId?: string;
  createdAt?: string;
  modifiedAt?: string;
  deletedAt?: string;
  instanceId?: string;
  [subAttribute: string]: AttributeMember;
};

/**
 * Concise sub-attributes: any other member is JSON. Kept apart from the metadata members (an
 * intersection, not one object type) so that the declarations also compile where
 * `exactOptionalPropertyTypes` is off and an optional member's type includes `undefined`.
 */
export type SubAttributes = { [subAttribute: string]: JsonValue };

/**
 * A concise Property written as an object: the value with metadata or sub-attributes
 * (`type` may stay where dropping it would be ambiguous). Without metadata a concise
 * Property is its bare value.
 *
 * @example
 * ```ts
 * const no2: ConciseProperty<number> = { value: 41, observedAt: '2024-05-01T12:00:00Z' };
 * ```
 */
export type ConciseProperty<T extends JsonValue = JsonValue> = {
  type?: 'Property';
  value: T;
  observedAt?: string;
  unitCode?: string;
  datasetId?: string;
  createdAt?: string;
  modifiedAt?: string;
  instanceId?: string;
} & SubAttributes;

/**
 * A concise Relationship: `{ object }` with optional metadata.
 *
 * @example
 * ```ts
 * const refDevice: ConciseRelationship = { object: 'urn:ngsi-ld:Device:d1' };
 * ```
 */
export type ConciseRelationship<O extends string | string[] = string | string[]> = {
  type?: 'Relationship';
  object: O;
  objectType?: string | string[];
  observedAt?: string;
  datasetId?: string;
  createdAt?: string;
  modifiedAt?: string;
  instanceId?: string;
} & SubAttributes;

/**
 * A concise GeoProperty written as an object (with metadata); without metadata a concise
 * GeoProperty is the bare GeoJSON geometry.
 *
 * @example
 * ```ts
 * const location: ConciseGeoProperty = { value: { type: 'Point', coordinates: [18.07, 59.33] }, observedAt: '2024-05-01T12:00:00Z' };
 * ```
 */
export type ConciseGeoProperty<G extends JsonValue = JsonValue> = {
  type?: 'GeoProperty';
  value: G;
  observedAt?: string;
  datasetId?: string;
  createdAt?: string;
  modifiedAt?: string;
  instanceId?: string;
} & SubAttributes;

/**
 * Members every entity may carry besides its attributes, in every representation.
 *
 * @example
 * ```ts
 * const core: EntityMembers = { '@context': 'https://smartdatamodels.org/context.jsonld' };
 * ```
 */
export type EntityMembers = {
  scope?: string | string[];
  '@context'?: JsonLdContext;
  createdAt?: string;
  modifiedAt?: string;
  deletedAt?: string;
};

/** A GeoJSON geometry as far as the type of an extra attribute tells it apart. */
type GeoJsonLike = {
  type:
    | 'Point'
    | 'MultiPoint'
    | 'LineString'
    | 'MultiLineString'
    | 'Polygon'
    | 'MultiPolygon'
    | 'GeometryCollection';
};

/**
 * Extra attributes (beyond the model's) in keyValues form: what `create`'s `extra` option
 * takes. The model does not check them.
 *
 * @example
 * ```ts
 * const extra: ExtraAttributes = { sensorHeight: 2.5 };
 * ```
 */
export type ExtraAttributes = { [name: string]: JsonValue };

/**
 * The extra attributes `X` in representation `R`: as given in keyValues, Properties (a
 * GeoJSON value a GeoProperty) in normalized form, bare values in concise form.
 *
 * @example
 * ```ts
 * type E = ExtraIn<{ sensorHeight: number }, 'normalized'>; // { sensorHeight: Property<number> }
 * ```
 */
export type ExtraIn<X extends ExtraAttributes, R extends 'keyValues' | 'normalized' | 'concise'> = [
  keyof X,
] extends [never]
  ? unknown
  : R extends 'keyValues'
    ? X
    : R extends 'concise'
      ? { [K in keyof X]: X[K] | ConciseProperty<X[K]> }
      : { [K in keyof X]: X[K] extends GeoJsonLike ? GeoProperty<X[K]> : Property<X[K]> };

/**
 * A model entity type with extra, application-specific attributes: the escape hatch for
 * attributes the model does not define (the runtime lets them through unchecked).
 *
 * @example
 * ```ts
 * import type { AirQualityObserved } from '@smartcitylab/models/air-quality-observed';
 * type MyAqo = WithExtra<AirQualityObserved, { sensorHeight: number }>;
 * ```
 */
export type WithExtra<E, X extends ExtraAttributes> = E & X;

/**
 * Public types shared by every model module. Kept free of runtime code so that a model
 * subpath only pays for what it uses.
 */
import type {
  AttributeHints,
  ConciseEntity,
  JsonLdContext,
  JsonValue,
  NormalizedAttribute,
  NormalizedEntity,
  Representation,
} from '@smartcitylab/ngsi-ld';
import type {
  ModelConciseMap,
  ModelKeyValuesMap,
  ModelNormalizedMap,
} from '../generated/key-values-map.js';
import type { ExtraAttributes, ExtraIn } from './attributes.js';

/**
 * One validation problem, Standard Schema style: a JSON path into the input and a message.
 *
 * @example
 * ```ts
 * const issue: ModelIssue = { path: ['location', 'coordinates'], message: 'Expected an array' };
 * ```
 */
export interface ModelIssue {
  path: Array<string | number>;
  message: string;
  code?: string;
}

/**
 * The result of `validate`: the typed data, or the issues with their paths.
 *
 * @example
 * ```ts
 * const r: ModelValidationResult<{ id: string }> = { success: false, issues: [] };
 * ```
 */
export type ModelValidationResult<T> =
  | { success: true; data: T }
  | { success: false; issues: ModelIssue[] };

/**
 * A Standard Schema (v1, https://standardschema.dev) of one representation of a model, without
 * zod: it runs the model's own `validate`. Libraries that accept Standard Schemas (form
 * libraries, tRPC, `@smartcitylab/client` typed queries) take it as it is; for zod's API
 * (`safeParse`, `extend`, `z.infer`) import the model's `/zod` subpath.
 *
 * @example
 * ```ts
 * import { AirQualityObserved } from '@smartcitylab/models/air-quality-observed';
 * const r = AirQualityObserved.keyValues['~standard'].validate(entity);
 * if (r.issues) console.log(r.issues[0]?.path, r.issues[0]?.message);
 * ```
 */
export interface ModelStandardSchema<T> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: '@smartcitylab/models';
    validate(value: unknown):
      | { readonly value: T; readonly issues?: undefined }
      | {
          readonly issues: ReadonlyArray<{ message: string; path: ReadonlyArray<string | number> }>;
        };
    /** Type-only: never set at run time. */
    readonly types?: { readonly input: unknown; readonly output: T } | undefined;
  };
}

/**
 * Facts about one attribute, taken from the official JSON Schema.
 *
 * @example
 * ```ts
 * const a: AttributeMetadata = { name: 'pm10', kind: 'Property', type: 'number', required: false, minimum: 0 };
 * ```
 */
export interface AttributeMetadata {
  name: string;
  /** How the attribute is represented in NGSI-LD normalized form. */
  kind: 'Property' | 'Relationship' | 'GeoProperty' | 'LanguageProperty';
  /** JSON type label, e.g. `number`, `string`, `array<string>`, `GeoJSON`. */
  type: string;
  required: boolean;
  enum?: ReadonlyArray<string | number>;
  /** Unit as written in the official schema (free text, not a UN/CEFACT code). */
  unit?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  format?: string;
}

/**
 * Facts about one Smart Data Model, taken from its official JSON Schema.
 *
 * @example
 * ```ts
 * import { AirQualityObserved } from '@smartcitylab/models/air-quality-observed';
 * AirQualityObserved.metadata.schemaVersion; // e.g. '0.1.4'
 * ```
 */
export interface ModelMetadata {
  type: string;
  domain: string;
  /** The `$schemaVersion` of the official schema the model was generated from. */
  schemaVersion: string;
  /** The official schema's `$id`. */
  source: string;
  attributes: readonly AttributeMetadata[];
  required: readonly string[];
  relationships: readonly string[];
  geoProperties: readonly string[];
  languageProperties: readonly string[];
}

/**
 * Options of `create`.
 *
 * @example
 * ```ts
 * const options: CreateOptions<'concise'> = { representation: 'concise' };
 * ```
 */
export interface CreateOptions<
  R extends Representation = 'normalized',
  X extends ExtraAttributes = ExtraAttributes,
> {
  /** The representation to return; `normalized` by default. */
  representation?: R;
  /** An `@context` to attach to the entity. */
  context?: string | readonly string[];
  /**
   * Attributes the model does not define, in keyValues form: added to the entity unchecked
   * (Properties in normalized form, GeoJSON values GeoProperties) and typed in the result.
   * The escape hatch for application-specific attributes; a model attribute here is an error.
   */
  extra?: X;
}

/**
 * A keyValues entity as accepted by `create`: `id` may be a local id (turned into a URN)
 * and `type` may be left out.
 *
 * @example
 * ```ts
 * const input: CreateInput<{ id: string; type: 'X'; n?: number }> = { id: 'a1', n: 2 };
 * ```
 */
// Key remapping keeps the optional modifiers of the model's attributes.
export type CreateInput<KV> = { [K in keyof KV as K extends 'type' ? never : K]: KV[K] } & {
  type?: KV extends { type: infer T } ? T : string;
};

type TypeOf<KV> = KV extends { type: infer T } ? T : string;
type AttributeKeys<KV> = Exclude<keyof KV, 'id' | 'type' | '@context'>;

/**
 * A generic normalized entity for a keyValues type: each attribute wrapped as an NGSI-LD
 * attribute. The generated models have precise named types instead (`AirQualityObservedNormalized`).
 *
 * @example
 * ```ts
 * type Spot = NormalizedOf<{ id: string; type: 'ParkingSpot'; status?: string }>;
 * ```
 */
export type NormalizedOf<KV> = {
  id: string;
  type: TypeOf<KV>;
  '@context'?: JsonLdContext;
} & { [K in AttributeKeys<KV>]?: NormalizedAttribute | NormalizedAttribute[] };

/**
 * A generic concise entity for a keyValues type. The generated models have precise named
 * types instead (`AirQualityObservedConcise`).
 *
 * @example
 * ```ts
 * type Spot = ConciseOf<{ id: string; type: 'ParkingSpot'; status?: string }>;
 * ```
 */
export type ConciseOf<KV> = {
  id: string;
  type: TypeOf<KV>;
  '@context'?: JsonLdContext;
} & { [K in AttributeKeys<KV>]?: JsonValue };

/**
 * The entity type `create` returns for a representation: `KV`, `N` or `C`.
 *
 * @example
 * ```ts
 * type Built = EntityIn<KeyValuesOf<'Road'>, 'concise'>;
 * ```
 */
export type EntityIn<
  KV,
  R extends Representation,
  N = NormalizedOf<KV>,
  C = ConciseOf<KV>,
> = R extends 'keyValues' ? KV : R extends 'concise' ? C : N;

/**
 * One Smart Data Model: facts, conversion hints, validation in all three NGSI-LD
 * representations and a builder, without zod. Other packages (validate, decoders, client)
 * code against this interface. The zod schemas and JSON Schema are in the model's `/zod`
 * subpath (`ModelSchemas`).
 *
 * @example
 * ```ts
 * import type { SmartDataModel } from '@smartcitylab/models';
 * function attributeNames(model: SmartDataModel): string[] {
 *   return model.metadata.attributes.map((a) => a.name);
 * }
 * ```
 */
export interface SmartDataModel<
  KV = Record<string, unknown>,
  N = string extends keyof KV ? NormalizedEntity : NormalizedOf<KV>,
  C = string extends keyof KV ? ConciseEntity : ConciseOf<KV>,
> {
  /** NGSI-LD entity type, e.g. `AirQualityObserved`. */
  readonly type: string;
  /** Smart Data Models domain, e.g. `Environment`. */
  readonly domain: string;
  /** Standard Schema of the keyValues representation (no zod; zod's is in the `/zod` subpath). */
  readonly keyValues: ModelStandardSchema<KV>;
  /** Standard Schema of the normalized representation (structure and values). */
  readonly normalized: ModelStandardSchema<N>;
  /** Standard Schema of the concise representation (structure and values). */
  readonly concise: ModelStandardSchema<C>;
  readonly metadata: ModelMetadata;
  /** Attribute hints for `fromKeyValues` (which attributes are Relationships, GeoProperties, ...). */
  readonly hints: AttributeHints;
  /**
   * Validates an entity. Never throws; returns the issues with their JSON paths (into the
   * input as given, e.g. `['pm10', 'value']` for a normalized entity).
   *
   * Without `representation` an entity valid as keyValues passes; any other is checked as the
   * representation it is detected in (`detectRepresentation` of `@smartcitylab/ngsi-ld`), so
   * `validate(create(x))` succeeds whatever `create` returned. With `representation` the entity
   * is checked strictly as that one, and a mismatch fails, its first issue
   * (`code: 'wrong_representation'`) naming the representation the entity looks like.
   *
   * @example
   * ```ts
   * import { AirQualityObserved } from '@smartcitylab/models/air-quality-observed';
   * const entity = AirQualityObserved.create({ id: 'a1', dateObserved: '2025-05-01T10:00:00Z', location: { type: 'Point', coordinates: [14.8, 56.9] } });
   * AirQualityObserved.validate(entity).success; // true: detected as normalized
   * AirQualityObserved.validate(entity, 'keyValues').success; // false: wrong_representation first
   * ```
   */
  validate(input: unknown, representation?: undefined): ModelValidationResult<KV | N | C>;
  validate(input: unknown, representation: 'keyValues'): ModelValidationResult<KV>;
  validate(input: unknown, representation: 'normalized'): ModelValidationResult<N>;
  validate(input: unknown, representation: 'concise'): ModelValidationResult<C>;
  validate(input: unknown, representation: Representation): ModelValidationResult<KV | N | C>;
  /**
   * Builds a validated entity from keyValues input; a local `id` becomes
   * `urn:ngsi-ld:<Type>:<id>`. Attributes the model does not define are a type error; pass
   * them in `options.extra`.
   *
   * @throws ModelValidationError when the input does not satisfy the model, or an `extra`
   * attribute is one of the model's.
   */
  create<R extends Representation = 'normalized', X extends ExtraAttributes = Record<never, never>>(
    input: CreateInput<KV>,
    options?: CreateOptions<R, X>,
  ): EntityIn<KV, R, N, C> & ExtraIn<X, R>;
}

/**
 * One entry of the model registry (plain data).
 *
 * @example
 * ```ts
 * const info: ModelInfo = { type: 'Beach', domain: 'PointOfInterest', subpath: '@smartcitylab/models/beach', schemaVersion: '0.1.1' };
 * ```
 */
export interface ModelInfo {
  type: string;
  domain: string;
  subpath: string;
  schemaVersion: string;
}

/**
 * The NGSI-LD types of all shipped models.
 *
 * @example
 * ```ts
 * const t: ModelType = 'WasteContainer';
 * ```
 */
export type ModelType = keyof ModelKeyValuesMap;

/**
 * The keyValues entity type of a shipped model.
 *
 * @example
 * ```ts
 * type Bin = KeyValuesOf<'WasteContainer'>;
 * ```
 */
export type KeyValuesOf<T extends ModelType> = ModelKeyValuesMap[T];

/**
 * The entity type of a shipped model in one representation.
 *
 * @example
 * ```ts
 * type Bin = ModelEntity<'WasteContainer', 'normalized'>; // WasteContainerNormalized
 * ```
 */
export type ModelEntity<
  T extends ModelType,
  R extends Representation = 'keyValues',
> = R extends 'keyValues'
  ? ModelKeyValuesMap[T]
  : R extends 'concise'
    ? ModelConciseMap[T]
    : ModelNormalizedMap[T];

/**
 * The {@link SmartDataModel} of a shipped model, typed in all three representations.
 *
 * @example
 * ```ts
 * type Bins = ModelOf<'WasteContainer'>;
 * ```
 */
export type ModelOf<T extends ModelType> = SmartDataModel<
  ModelKeyValuesMap[T],
  ModelNormalizedMap[T],
  ModelConciseMap[T]
>;

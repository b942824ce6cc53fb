import type { ConciseEntity, KeyValuesEntity, NormalizedEntity } from '@smartcitylab/ngsi-ld';
import type { CallOptions } from './options.js';

/**
 * Entity representation to ask the broker for. `'keyValues'` and `'simplified'` are the
 * same thing (the spec renamed it).
 *
 * @example
 * ```ts
 * const format: EntityFormat = 'concise';
 * ```
 */
export type EntityFormat = 'normalized' | 'concise' | 'keyValues' | 'simplified';

/**
 * The part of the Standard Schema interface the client needs to infer a type
 * (zod 4, valibot and arktype schemas all have it).
 *
 * @example
 * ```ts
 * import * as z from 'zod';
 * const schema: StandardSchemaLike = z.object({ id: z.string() });
 * ```
 */
export interface StandardSchemaLike {
  readonly '~standard': { readonly types?: { readonly output: unknown } | undefined };
}

/**
 * Anything shaped like a `@smartcitylab/models` SmartDataModel: an entity type name and a
 * keyValues schema. Passing one as `type` gives typed query results.
 *
 * @example
 * ```ts
 * const page = await client.queryEntities({ type: AirQualityObserved, format: 'keyValues' });
 * page.entities[0]?.no2; // typed from the model
 * ```
 */
export interface ModelLike {
  readonly type: string;
  readonly keyValues: StandardSchemaLike;
  /** Schema of the normalized form: types `format: 'normalized'` results when present. */
  readonly normalized?: StandardSchemaLike;
  /** Schema of the concise form: types `format: 'concise'` results when present. */
  readonly concise?: StandardSchemaLike;
  /**
   * Checks one entity in a representation. When present, typed queries run it on every
   * result and throw `ModelMismatchError` on a mismatch (unless `validate: false`).
   */
  validate?(
    input: unknown,
    representation: 'keyValues' | 'normalized' | 'concise',
  ): ModelCheckResult;
}

/**
 * What a model's `validate` returns (the Standard Schema result shape).
 *
 * @example
 * ```ts
 * const r: ModelCheckResult = { success: false, issues: [{ path: ['no2'], message: 'Expected a number' }] };
 * ```
 */
export type ModelCheckResult =
  | { success: true }
  | {
      success: false;
      issues: readonly { path: ReadonlyArray<string | number>; message: string; code?: string }[];
    };

/** The output type of a Standard Schema, or `Fallback`. */
type OutputOf<S, Fallback> = S extends { readonly '~standard': { readonly types?: infer T } }
  ? NonNullable<T> extends { readonly output: infer O }
    ? O
    : Fallback
  : Fallback;

/**
 * The output type of a model's keyValues schema.
 *
 * @example
 * ```ts
 * type Aqo = InferKeyValues<typeof AirQualityObserved>;
 * ```
 */
export type InferKeyValues<M> = M extends { readonly keyValues: infer S }
  ? S extends { readonly '~standard': { readonly types?: infer T } }
    ? NonNullable<T> extends { readonly output: infer O }
      ? O
      : KeyValuesEntity
    : KeyValuesEntity
  : KeyValuesEntity;

/**
 * The entity type a call returns for a `type` option (string or model) and a `format`.
 *
 * @example
 * ```ts
 * type E = EntityOf<'Building', 'concise'>; // ConciseEntity
 * ```
 */
export type EntityOf<M, F> = F extends 'keyValues' | 'simplified'
  ? M extends ModelLike
    ? InferKeyValues<M>
    : KeyValuesEntity
  : F extends 'concise'
    ? M extends { readonly concise: infer S }
      ? OutputOf<S, ConciseEntity>
      : ConciseEntity
    : M extends { readonly normalized: infer S }
      ? OutputOf<S, NormalizedEntity>
      : NormalizedEntity;

/**
 * The `format` an options object asks for (`undefined` when it has none).
 *
 * @example
 * ```ts
 * type F = FormatOf<{ format: 'concise' }>; // 'concise'
 * ```
 */
export type FormatOf<O> = O extends { readonly format?: infer F } ? F : undefined;

/**
 * Something whose `toString()` is an NGSI-LD query (the `q` builder's expressions).
 *
 * @example
 * ```ts
 * const expr: QueryLike = q.gt('temperature', 20);
 * ```
 */
export interface QueryLike {
  toString(): string;
}

/**
 * Geo-query parameters (spread the `geoQuery` builder's output here).
 *
 * @example
 * ```ts
 * const geo: GeoQueryOptions = { georel: 'near;maxDistance==500', geometry: 'Point', coordinates: [13.0, 55.6] };
 * ```
 */
export interface GeoQueryOptions {
  georel?: string;
  geometry?: string;
  /** A JSON string or the coordinates array (serialised for you). */
  coordinates?: string | readonly unknown[];
  geoproperty?: string;
}

/**
 * Options of `getEntity`.
 *
 * @example
 * ```ts
 * await client.getEntity(id, { format: 'concise', pick: ['id', 'temperature'] });
 * ```
 */
export interface GetEntityOptions extends CallOptions {
  format?: EntityFormat;
  /** Attributes to return (NGSI-LD `attrs`). */
  attrs?: readonly string[];
  /** Members to keep (NGSI-LD 1.8 `pick`). */
  pick?: readonly string[];
  /** Members to drop (NGSI-LD 1.8 `omit`). */
  omit?: readonly string[];
  /** Language for LanguageProperties. */
  lang?: string;
  /** Add createdAt / modifiedAt. */
  sysAttrs?: boolean;
  /** Entity type, to disambiguate. */
  type?: string;
}

/**
 * Options of `queryEntities` and `queryAll`.
 *
 * @example
 * ```ts
 * await client.queryEntities({ type: 'AirQualityObserved', q: q.gt('no2', 40), limit: 50, count: true });
 * ```
 */
export interface QueryEntitiesOptions extends CallOptions, GeoQueryOptions {
  type?: string | readonly string[] | ModelLike;
  id?: string | readonly string[];
  idPattern?: string;
  q?: string | QueryLike;
  scopeQ?: string;
  attrs?: readonly string[];
  pick?: readonly string[];
  omit?: readonly string[];
  lang?: string;
  limit?: number;
  offset?: number;
  /** Ask for `NGSILD-Results-Count`; the page then has `count`. */
  count?: boolean;
  format?: EntityFormat;
  sysAttrs?: boolean;
  /** Only entities held by the broker itself, not by registered context sources. */
  local?: boolean;
  /**
   * With a model as `type` that can validate: check every returned entity against it and
   * throw `ModelMismatchError` naming entity id and attribute on a mismatch (default
   * `true`). `false` takes the entities unchecked.
   */
  validate?: boolean;
}

/**
 * One page of query results.
 *
 * @example
 * ```ts
 * const { entities, count } = await client.queryEntities({ type: 'Building', count: true });
 * ```
 */
export interface QueryPage<E> {
  entities: E[];
  /** Total matches, when `count: true` was asked and the broker answered it. */
  count?: number;
}

/**
 * Result of a partial attribute update or append (NGSI-LD UpdateResult).
 *
 * @example
 * ```ts
 * const { updated, notUpdated } = await client.updateEntity(id, { temperature: { type: 'Property', value: 21 } });
 * ```
 */
export interface UpdateResult {
  updated: string[];
  notUpdated: { attributeName: string; reason: string }[];
}

/**
 * A JSON object an API call sends or receives (subscription, registration, fragment).
 *
 * @example
 * ```ts
 * const fragment: JsonObject = { temperature: { type: 'Property', value: 20 } };
 * ```
 */
export type JsonObject = { [key: string]: unknown };

/**
 * Types only: the registry through which packages that define entity types (such as
 * `@smartcitylab/models`) tell the converters the named type of each representation, so that
 * `toConcise` of a model's normalized entity is typed as that model's concise entity.
 */
import type { ConciseEntity, KeyValuesEntity, NormalizedEntity } from './entity.js';

/**
 * The named types of one entity type in the three representations.
 *
 * @example
 * ```ts
 * type Lamp = EntityRepresentationTypes<LampNormalized, LampConcise, LampKeyValues>;
 * ```
 */
export interface EntityRepresentationTypes<
  N extends NormalizedEntity = NormalizedEntity,
  C extends ConciseEntity = ConciseEntity,
  KV extends KeyValuesEntity = KeyValuesEntity,
> {
  normalized: N;
  concise: C;
  keyValues: KV;
}

/**
 * Entity types whose representations have named types, keyed by NGSI-LD entity type. Empty
 * here; each `@smartcitylab/models` model adds its entry by declaration merging, so importing
 * a model is enough for the converters to keep its types. Add your own the same way.
 *
 * @example
 * ```ts
 * declare module '@smartcitylab/ngsi-ld' {
 *   interface EntityRepresentationRegistry {
 *     Lamp: EntityRepresentationTypes<LampNormalized, LampConcise, LampKeyValues>;
 *   }
 * }
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging
export interface EntityRepresentationRegistry {}

type Registry = EntityRepresentationRegistry;

/**
 * Every registered entity type in representation `R` (never while the registry is empty).
 *
 * @example
 * ```ts
 * type AnyModelNormalized = RegisteredEntity<'normalized'>;
 * ```
 */
export type RegisteredEntity<R extends keyof EntityRepresentationTypes> = {
  [T in keyof Registry]: Registry[T] extends EntityRepresentationTypes ? Registry[T][R] : never;
}[keyof Registry];

/**
 * The type `E` (a registered entity in representation `From`) has in representation `To`;
 * the generic entity type of `To` for anything else. Distributes over unions.
 *
 * @example
 * ```ts
 * type C = ConvertedEntity<AirQualityObservedNormalized, 'normalized', 'concise'>; // AirQualityObservedConcise
 * ```
 */
export type ConvertedEntity<
  E,
  From extends keyof EntityRepresentationTypes,
  To extends keyof EntityRepresentationTypes,
> = E extends { type: infer T extends keyof Registry }
  ? Registry[T] extends EntityRepresentationTypes
    ? E extends Registry[T][From]
      ? Registry[T][To]
      : EntityRepresentationTypes[To]
    : EntityRepresentationTypes[To]
  : EntityRepresentationTypes[To];

import { BatchTracker } from './consistency.js';
import { type ModelLoader, modelLoaderFor } from './load-model.js';
import type { QualityReport } from './report.js';
import {
  createTrackingValidator,
  createValidator,
  type ValidateOptions,
  type Validator,
} from './validator.js';

/** Options of {@link validateEntity} and {@link validateBatch}. */
export interface ValidateEntityOptions extends ValidateOptions {
  /**
   * Loads the model for an entity type on first use. Defaults to the shipped Smart Data Models
   * of `@smartcitylab/models`; pass your own for private types, or `false` for generic checks only.
   */
  readonly loadModel?: ModelLoader;
}

/**
 * Checks one entity in any representation: NGSI-LD structure, its Smart Data Model (found by
 * `type` in `@smartcitylab/models`, or through `options.loadModel`), then the data-quality rules. Never throws on bad data (see {@link Validator.check}).
 *
 * @example
 * ```ts
 * import { validateEntity } from '@smartcitylab/validate';
 * const report = await validateEntity(entity, { maxAge: 'P1D' });
 * if (!report.valid) console.log(report.issues);
 * ```
 */
export async function validateEntity(
  entity: unknown,
  options: ValidateEntityOptions = {},
): Promise<QualityReport> {
  const entry = cachedValidator(options);
  if (!entry.ready) await entry.prepare;
  const loading = entry.modelFor(entity);
  if (loading) await loading;
  return entry.validator.check(entity);
}

/** A validator kept for repeated `validateEntity` calls with the same options. */
interface CachedValidator {
  readonly options: ValidateEntityOptions;
  readonly validator: Validator;
  /** The load of the entity type's model while it is pending; undefined once settled. */
  readonly modelFor: (entity: unknown) => Promise<void> | undefined;
  readonly prepare: Promise<void>;
  ready: boolean;
}

// Calls with equal options (same members, each the same value) share one validator, so the
// model is loaded and the location tables prepared once, not on every call. A few option sets
// are kept, most recently used first.
const CACHE_SIZE = 8;
const cache: CachedValidator[] = [];

function cachedValidator(options: ValidateEntityOptions): CachedValidator {
  for (let i = 0; i < cache.length; i++) {
    const entry = cache[i] as CachedValidator;
    if (sameOptions(entry.options, options)) {
      if (i > 0) {
        cache.splice(i, 1);
        cache.unshift(entry);
      }
      return entry;
    }
  }
  const validator = createValidator(options);
  const load = modelLoaderFor(options.loadModel, validator);
  // Concurrent first calls for one type wait for the same load; settled types are not awaited.
  const loads = new Map<string, Promise<void>>();
  const settled = new Set<string>();
  const entry: CachedValidator = {
    options: { ...options },
    validator,
    ready: false,
    prepare: validator.ready().then(() => {
      entry.ready = true;
    }),
    modelFor: (e) => {
      if (e === null || typeof e !== 'object') return undefined;
      const type = (e as { type?: unknown }).type;
      if (typeof type !== 'string' || settled.has(type) || validator.hasModel(type))
        return undefined;
      let pending = loads.get(type);
      if (!pending) {
        if (loads.size + settled.size >= 10_000) return undefined;
        pending = load(e).then(() => {
          loads.delete(type);
          settled.add(type);
        });
        loads.set(type, pending);
      }
      return pending;
    },
  };
  // A failed preparation is not cached: the next call tries again.
  entry.prepare.catch(() => {
    const at = cache.indexOf(entry);
    if (at >= 0) cache.splice(at, 1);
  });
  cache.unshift(entry);
  if (cache.length > CACHE_SIZE) cache.pop();
  return entry;
}

function sameOptions(a: ValidateEntityOptions, b: ValidateEntityOptions): boolean {
  const keys = Object.keys(a) as (keyof ValidateEntityOptions)[];
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key) || a[key] !== b[key]) return false;
  }
  return true;
}

/**
 * Checks a batch of entities and, across the batch, flags duplicates and conflicting updates
 * (same id and observation time with different values).
 *
 * @example
 * ```ts
 * import { validateBatch } from '@smartcitylab/validate';
 * const reports = await validateBatch([a, b, a]);
 * ```
 */
export async function validateBatch(
  entities: readonly unknown[],
  options: ValidateEntityOptions = {},
): Promise<QualityReport[]> {
  const tracker = new BatchTracker(Math.max(entities.length, 1));
  const validator = createTrackingValidator(options, tracker);
  const ensureModel = modelLoaderFor(options.loadModel, validator);
  await validator.ready();
  for (const e of entities) await ensureModel(e);
  return entities.map((e, i) => validator.checkAt(e, i));
}

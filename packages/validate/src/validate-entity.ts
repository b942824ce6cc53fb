import { BatchTracker } from './consistency.js';
import { type ModelLoader, resolveLoader } from './load-model.js';
import type { QualityModel } from './model.js';
import type { QualityReport } from './report.js';
import { createTrackingValidator, createValidator, type ValidateOptions } from './validator.js';

/** Options of {@link validateEntity} and {@link validateBatch}. */
export interface ValidateEntityOptions extends ValidateOptions {
  /**
   * Loads the model for an entity type on first use. Defaults to the shipped Smart Data Models
   * of `@smartcitylab/models`; pass your own for private types, or `false` for generic checks only.
   */
  readonly loadModel?: ModelLoader;
}

async function withModels(
  entities: readonly unknown[],
  options: ValidateEntityOptions,
): Promise<ValidateOptions> {
  const load = resolveLoader(options.loadModel);
  if (!load) return options;
  const models = new Map<string, QualityModel>();
  for (const m of options.models ?? []) models.set(m.type, m);
  for (const e of entities) {
    const type = e !== null && typeof e === 'object' ? (e as { type?: unknown }).type : undefined;
    if (typeof type !== 'string' || models.has(type)) continue;
    try {
      const m = await load(type);
      if (m) models.set(type, m);
    } catch {
      // reported as model.unknown by the validator
    }
  }
  return { ...options, models: [...models.values()] };
}

/**
 * Checks one entity in any representation: NGSI-LD structure, its Smart Data Model (found by
 * `type` in `@smartcitylab/models`, or through `options.loadModel`), then the data-quality rules. Never throws on bad input.
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
  return createValidator(await withModels([entity], options)).check(entity);
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
  const validator = createTrackingValidator(await withModels(entities, options), tracker);
  return entities.map((e, i) => validator.checkAt(e, i));
}

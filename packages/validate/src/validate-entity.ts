import { BatchTracker } from './consistency.js';
import { type ModelLoader, modelLoaderFor } from './load-model.js';
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
  const validator = createValidator(options);
  await Promise.all([validator.ready(), modelLoaderFor(options.loadModel, validator)(entity)]);
  return validator.check(entity);
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

import { isModelType, loadModel } from '@smartcitylab/models';
import type { QualityModel } from './model.js';
import type { Validator } from './validator.js';

/** How a validator finds the model for a type: a loader, or `false` for generic checks only. */
export type ModelLoader = ((type: string) => Promise<QualityModel | undefined>) | false;

/**
 * Loads a shipped Smart Data Model of `@smartcitylab/models` by type (only that model's module is
 * imported); `undefined` for a type no shipped model has.
 */
export async function loadSmartDataModel(type: string): Promise<QualityModel | undefined> {
  if (!isModelType(type)) return undefined;
  return loadModel(type);
}

/** The loader to use for the given option. */
export function resolveLoader(
  option: ModelLoader | undefined,
): ((type: string) => Promise<QualityModel | undefined>) | undefined {
  if (option === false) return undefined;
  return option ?? loadSmartDataModel;
}

/**
 * Returns a function that, given an entity, loads the model for its `type` into `validator` the
 * first time that type is met (at most 10,000 distinct types are tried). A type the loader does
 * not know, or fails on, is left to the validator's `model.unknown` finding.
 */
export function modelLoaderFor(
  option: ModelLoader | undefined,
  validator: Validator,
): (entity: unknown) => Promise<void> {
  const load = resolveLoader(option);
  const tried = new Set<string>();
  return async (entity) => {
    if (!load || entity === null || typeof entity !== 'object') return;
    const type = (entity as { type?: unknown }).type;
    if (typeof type !== 'string' || tried.has(type) || validator.hasModel(type)) return;
    if (tried.size >= 10_000) return;
    tried.add(type);
    try {
      const model = await load(type);
      if (model) validator.addModel(model);
    } catch {
      // reported as model.unknown by the validator
    }
  };
}

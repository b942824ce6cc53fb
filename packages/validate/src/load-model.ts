import { isModelType, loadModel } from '@smartcitylab/models';
import type { QualityModel } from './model.js';

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

import { NgsiLdError } from '@smartcitylab/ngsi-ld';
import { loadGeneratedModel, MODEL_LIST } from './generated/registry.js';
import type { ModelInfo, ModelOf, ModelType, SmartDataModel } from './internal/types.js';

/**
 * Lists every shipped model as plain data, without loading any model module.
 *
 * @example
 * ```ts
 * import { listModels } from '@smartcitylab/models';
 * for (const m of listModels()) console.log(m.type, m.subpath, m.schemaVersion);
 * ```
 */
export function listModels(): ModelInfo[] {
  return MODEL_LIST.map((m) => ({ ...m }));
}

/**
 * Whether `type` names a shipped model.
 *
 * @example
 * ```ts
 * isModelType('Streetlight'); // true
 * ```
 */
export function isModelType(type: string): type is ModelType {
  return MODEL_LIST.some((m) => m.type === type);
}

/**
 * Loads one model by NGSI-LD type (a dynamic import of its subpath only).
 *
 * @example
 * ```ts
 * const model = await loadModel('AirQualityObserved');
 * model.validate(entity, 'normalized');
 * ```
 * @throws NgsiLdError (code `'UnknownModel'`) when no shipped model has that type.
 */
export async function loadModel<T extends ModelType>(type: T): Promise<ModelOf<T>>;
export async function loadModel(type: string): Promise<SmartDataModel>;
export async function loadModel(type: string): Promise<SmartDataModel> {
  const model = isModelType(type) ? await loadGeneratedModel(type) : undefined;
  if (!model) {
    const known = MODEL_LIST.map((m) => m.type).join(', ');
    throw new NgsiLdError(`No Smart Data Model named ${JSON.stringify(type)}; known: ${known}`, {
      code: 'UnknownModel',
    });
  }
  return model as unknown as SmartDataModel;
}

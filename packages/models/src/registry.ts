import { NgsiLdError } from '@smartcitylab/ngsi-ld';
import { loadGeneratedModel, loadGeneratedSchemas, MODEL_LIST } from './generated/registry.js';
import type { ModelSchemas, ModelSchemasOf } from './internal/define-schemas.js';
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
  if (!model) throw unknownModel(type);
  return model as unknown as SmartDataModel;
}

/**
 * Loads the zod schemas (and JSON Schema export) of one model by NGSI-LD type: a dynamic import
 * of its `/zod` subpath only. Needs zod installed; `loadModel` does not.
 *
 * @example
 * ```ts
 * const schemas = await loadModelSchemas('ParkingSpot');
 * const jsonSchema = schemas.jsonSchema();
 * schemas.keyValues.safeParse(entity);
 * ```
 * @throws NgsiLdError (code `'UnknownModel'`) when no shipped model has that type.
 */
export async function loadModelSchemas<T extends ModelType>(type: T): Promise<ModelSchemasOf<T>>;
export async function loadModelSchemas(type: string): Promise<ModelSchemas>;
export async function loadModelSchemas(type: string): Promise<ModelSchemas> {
  const schemas = isModelType(type) ? await loadGeneratedSchemas(type) : undefined;
  if (!schemas) throw unknownModel(type);
  return schemas as unknown as ModelSchemas;
}

function unknownModel(type: string): NgsiLdError {
  const known = MODEL_LIST.map((m) => m.type).join(', ');
  return new NgsiLdError(
    `No Smart Data Model named ${JSON.stringify(type)}; known: ${known}. Call listModels() for the shipped types.`,
    { code: 'UnknownModel' },
  );
}

/**
 * `@smartcitylab/models`: FIWARE Smart Data Models as TypeScript types, validators and zod schemas.
 * Import one model from its subpath (`@smartcitylab/models/air-quality-observed`, no zod) and its
 * zod schemas from `@smartcitylab/models/air-quality-observed/zod`; the root entry only lists and
 * loads models, so it stays small.
 */
export type {
  ModelConciseMap,
  ModelKeyValuesMap,
  ModelNormalizedMap,
} from './generated/key-values-map.js';
export type {
  ConciseGeoProperty,
  ConciseProperty,
  ConciseRelationship,
  DateTimeValue,
  EntityMembers,
  ExtraAttributes,
  ExtraIn,
  GeoJsonPosition,
  GeoProperty,
  Property,
  Relationship,
  SubAttributes,
  WithExtra,
} from './internal/attributes.js';
export type { ModelSchemas, ModelSchemasOf } from './internal/define-schemas.js';
export { isModelValidationError, ModelValidationError } from './internal/errors.js';
export type {
  AttributeMetadata,
  ConciseOf,
  CreateInput,
  CreateOptions,
  EntityIn,
  KeyValuesOf,
  ModelEntity,
  ModelInfo,
  ModelIssue,
  ModelMetadata,
  ModelOf,
  ModelStandardSchema,
  ModelType,
  ModelValidationResult,
  NormalizedOf,
  SmartDataModel,
} from './internal/types.js';
export { isModelType, listModels, loadModel, loadModelSchemas } from './registry.js';

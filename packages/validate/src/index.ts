export { loadSmartDataModel, type ModelLoader } from './load-model.js';
export { type Region, type RegionPolygon, SWEDEN } from './location.js';
export type { ModelAttribute, ModelIssue, QualityModel } from './model.js';
export {
  type AttributeRange,
  DEFAULT_RANGES,
  PLACEHOLDER_NUMBERS,
  rangeFor,
  seasonalTemperatureBand,
} from './plausibility.js';
export {
  type AssessmentOptions,
  type ReportLanguage,
  reportToDataQualityAssessment,
  reportToDataQualityAssessmentJson,
  reportToJson,
  reportToMarkdown,
  severityLabel,
} from './render.js';
export {
  DIMENSIONS,
  type Dimension,
  type DimensionScore,
  type QualityIssue,
  type QualityReport,
  RULE_DIMENSION,
  RULE_IDS,
  type RuleId,
  type Severity,
} from './report.js';
export {
  type StreamEmit,
  type StreamEntityResult,
  type StreamOptions,
  type StreamRecordError,
  type StreamResult,
  type StreamSource,
  type StreamSummary,
  validateStream,
} from './stream.js';
export { convertQuantity, convertUnit, UNIT_CODES, type UnitCode, unitInfo } from './units.js';
export {
  type ValidateEntityOptions,
  validateBatch,
  validateEntity,
} from './validate-entity.js';
export {
  createValidator,
  parseDuration,
  type RuleSetting,
  type ValidateOptions,
  type Validator,
} from './validator.js';

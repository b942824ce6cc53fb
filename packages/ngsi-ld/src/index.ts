/**
 * `@smartcitylab/ngsi-ld`: typed NGSI-LD 1.8 entities, lossless normalized/concise
 * conversion, keyValues, URN ids, `@context` and Link headers, query builders and
 * ProblemDetails errors.
 */
export {
  CORE_CONTEXT,
  CORE_CONTEXT_V1_6,
  CORE_CONTEXT_V1_7,
  CORE_CONTEXT_V1_8,
  type ContextHeadersOptions,
  checkContextRules,
  contextHeaders,
  formatLinkHeader,
  JSON_LD_CONTEXT_REL,
  type NgsiLdContentType,
  parseLinkHeader,
  SMART_DATA_MODELS_CONTEXT,
  withContext,
  withoutContext,
} from './context.js';
export {
  type AttributeHints,
  type ConversionResult,
  detectRepresentation,
  fromKeyValues,
  type KeyValuesOptions,
  normalizeKeyValues,
  type Representation,
  safeFromKeyValues,
  safeToConcise,
  safeToKeyValues,
  safeToNormalized,
  toConcise,
  toKeyValues,
  toNormalized,
} from './convert.js';
export {
  type CheckCoordinatesOptions,
  type CoordinateFinding,
  checkCoordinates,
  SWEDEN_BBOX,
} from './coordinates.js';
export type {
  AttributeMember,
  AttributeMetadata,
  AttributeType,
  ConciseEntity,
  EntityRepresentation,
  EntityValidationResult,
  GeoJsonGeometry,
  GeoProperty,
  JsonLdContext,
  JsonProperty,
  JsonValue,
  KeyValuesEntity,
  LanguageProperty,
  ListProperty,
  ListRelationship,
  NormalizedAttribute,
  NormalizedEntity,
  Property,
  Relationship,
  VocabProperty,
} from './entity.js';
export type {
  ConvertedEntity,
  EntityRepresentationRegistry,
  EntityRepresentationTypes,
  RegisteredEntity,
} from './entity-registry.js';
export {
  ConversionError,
  type EntityIssue,
  type HeadersLike,
  HttpError,
  type HttpErrorOptions,
  isConversionError,
  isHttpError,
  isNetworkError,
  isNgsiLdError,
  isTimeoutError,
  NetworkError,
  NgsiLdError,
  type NgsiLdErrorOptions,
  type RedactedRequest,
  type RequestInfoLike,
  TimeoutError,
  type TimeoutErrorOptions,
  type TransportErrorOptions,
} from './errors.js';
export {
  evaluateGeoQuery,
  formatGeoRel,
  type GeometryIssue,
  type GeoQuery,
  type GeoQueryInput,
  type GeoQueryParams,
  type GeoRelation,
  type GeoRelationName,
  geoQuery,
  type Position,
  parseGeoQuery,
  parseGeoRel,
  type QueryGeometry,
  validateGeometry,
} from './geo-query.js';
export { buildEntityId, isUri, parseEntityId } from './ids.js';
export {
  type ProblemDetails,
  ProblemType,
  type ProblemTypeName,
  parseProblemDetails,
  problemDetails,
  problemStatus,
  problemTypeForStatus,
  problemTypeName,
} from './problem-details.js';
export {
  type AttributePath,
  type ComparisonOperator,
  evaluateQuery,
  formatQuery,
  type ParseQueryOptions,
  parseAttribute,
  parseQuery,
  QueryExpression,
  type QueryLiteral,
  type QueryNode,
  type QueryScalar,
  QuerySyntaxError,
  type QueryValue,
  q,
} from './query.js';
// The zod schemas live at '@smartcitylab/ngsi-ld/schema', so that this entry loads without zod (an
// optional peer) and a client install stays small. checkEntityStructure needs no zod: it is here too.
export { checkEntityStructure } from './structure.js';

export type { BatchOptions, BatchResult } from './batch.js';
export {
  type BatchQueryOptions,
  createClient,
  NgsiLdClient,
  type UpsertOptions,
} from './client.js';
export {
  isModelMismatchError,
  type ModelMismatch,
  ModelMismatchError,
} from './model-check.js';
export {
  type Notification,
  type NotificationEntity,
  type NotificationRequestLike,
  type ParseNotificationOptions,
  type ParseNotificationResult,
  parseNotification,
} from './notification.js';
export type {
  AuthOptions,
  CallOptions,
  ClientHooks,
  ClientOptions,
  ErrorEvent,
  FetchInit,
  FetchLike,
  RequestEvent,
  ResponseEvent,
  ResponseLike,
  RetryOptions,
} from './options.js';
export type {
  SubscriptionEntity,
  SubscriptionInput,
  SubscriptionNotification,
} from './subscription.js';
export type {
  TemporalEntity,
  TemporalFormat,
  TemporalOptions,
  TemporalQueryOptions,
} from './temporal.js';
export type {
  EntityFormat,
  EntityOf,
  FormatOf,
  GeoQueryOptions,
  GetEntityOptions,
  InferKeyValues,
  JsonObject,
  ModelCheckResult,
  ModelLike,
  QueryEntitiesOptions,
  QueryLike,
  QueryPage,
  StandardSchemaLike,
  UpdateResult,
} from './types.js';

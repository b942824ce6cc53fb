/**
 * The subscription a client creates (GS CIM 009 clause 5.2.12), typed so a missing
 * required member is a compile error: `notification.endpoint.uri` always, and at least
 * one of `entities` and `watchedAttributes`, neither of them empty.
 */
import type { QueryLike } from './types.js';

/**
 * One entity selector of a subscription.
 *
 * @example
 * ```ts
 * const sel: SubscriptionEntity = { type: 'WasteContainer', idPattern: '^urn:ngsi-ld:WasteContainer:lund-' };
 * ```
 */
export interface SubscriptionEntity {
  /** Entity type (a term of the request's @context, or an IRI). */
  type: string;
  id?: string;
  idPattern?: string;
}

/**
 * Where and how notifications are sent.
 *
 * @example
 * ```ts
 * const n: SubscriptionNotification = { endpoint: { uri: 'http://127.0.0.1:3000/notify' }, format: 'keyValues' };
 * ```
 */
export interface SubscriptionNotification {
  endpoint: {
    uri: string;
    accept?: 'application/json' | 'application/ld+json' | 'application/geo+json';
    receiverInfo?: Array<{ key: string; value: string }>;
  };
  /** Attributes each notification carries (all when absent). */
  attributes?: string[];
  format?: 'normalized' | 'concise' | 'keyValues' | 'simplified';
  sysAttrs?: boolean;
}

/** Members every subscription may have. */
interface SubscriptionBase {
  id?: string;
  /** Added by the client when absent; it can only be 'Subscription'. */
  type?: 'Subscription';
  subscriptionName?: string;
  description?: string;
  q?: string | QueryLike;
  geoQ?: { georel: string; geometry: string; coordinates: unknown; geoproperty?: string };
  notificationTrigger?: Array<
    | 'entityCreated'
    | 'entityUpdated'
    | 'entityDeleted'
    | 'attributeCreated'
    | 'attributeUpdated'
    | 'attributeDeleted'
  >;
  throttling?: number;
  timeInterval?: number;
  expiresAt?: string;
  isActive?: boolean;
  /** The @context notifications are compacted with (default: the context of the create call). */
  jsonldContext?: string;
  notification: SubscriptionNotification;
}

/**
 * A subscription to create: `entities` or `watchedAttributes` (non-empty) plus
 * `notification`.
 *
 * @example
 * ```ts
 * const sub: SubscriptionInput = {
 *   entities: [{ type: 'WasteContainer' }],
 *   watchedAttributes: ['fillingLevel'],
 *   notification: { endpoint: { uri: 'http://127.0.0.1:3000/notify' } },
 * };
 * ```
 */
export type SubscriptionInput = SubscriptionBase &
  (
    | {
        entities: [SubscriptionEntity, ...SubscriptionEntity[]];
        watchedAttributes?: [string, ...string[]];
      }
    | {
        entities?: [SubscriptionEntity, ...SubscriptionEntity[]];
        watchedAttributes: [string, ...string[]];
      }
  );

/**
 * In-memory state of the broker: tenants, each with its entities, temporal history,
 * subscriptions and context source registrations.
 */
import type { QueryNode } from '@smartcitylab/ngsi-ld';
import type { AttrInstance, StoredEntity } from './entity-model.js';
import type { ActiveContext } from './jsonld/active-context.js';

/** A subscription as stored (the client's members plus the broker's bookkeeping). */
export interface StoredSubscription {
  id: string;
  /** Members as the client sent them (minus id/type/@context and broker-owned members). */
  body: Record<string, unknown>;
  jsonldContext: string;
  /** The context notifications are compacted with (jsonldContext, or the creation context). */
  notifyContext: ActiveContext;
  /** The subscription's q with its names expanded, parsed once. */
  qAst?: QueryNode | undefined;
  createdAt: string;
  modifiedAt: string;
  timesSent: number;
  lastNotification?: string;
  lastSuccess?: string;
  lastFailure?: string;
  notificationStatus: 'ok' | 'failed';
  /** Time of the last notification in ms, for throttling. */
  lastSentMs?: number;
}

/** A context source registration as stored. */
export interface StoredRegistration {
  id: string;
  body: Record<string, unknown>;
  createdAt: string;
  modifiedAt: string;
}

/** One temporal instance of an attribute: the stored instance, a sequence number for its instanceId, and when it was recorded. */
export interface TemporalInstance {
  attr: AttrInstance;
  seq: number;
  recordedAt: string;
}

/** The history of one entity. */
export interface TemporalEntity {
  id: string;
  types: string[];
  createdAt: string;
  modifiedAt: string;
  attrs: Map<string, TemporalInstance[]>;
}

/** Everything one tenant holds. */
export class TenantState {
  readonly entities = new Map<string, StoredEntity>();
  readonly temporal = new Map<string, TemporalEntity>();
  readonly subscriptions = new Map<string, StoredSubscription>();
  readonly registrations = new Map<string, StoredRegistration>();
}

/** A JSON-LD context document the broker hosts (/jsonldContexts). */
export interface HostedContext {
  id: string;
  document: Record<string, unknown>;
  createdAt: string;
  hits: number;
  /** Hosted: added with POST /jsonldContexts; ImplicitlyCreated: an inline context the broker gave a URL. */
  kind?: 'Hosted' | 'ImplicitlyCreated';
}

/** The default tenant's key. */
export const DEFAULT_TENANT = '';

/** All tenants plus the hosted @context documents. */
export class BrokerStore {
  private readonly tenantMap = new Map<string, TenantState>([[DEFAULT_TENANT, new TenantState()]]);
  readonly contexts = new Map<string, HostedContext>();

  /** The tenant, or undefined when it was never created. */
  tenant(name: string): TenantState | undefined {
    return this.tenantMap.get(name);
  }

  /** The tenant, created when missing (creation requests create tenants). */
  tenantForWrite(name: string): TenantState {
    let t = this.tenantMap.get(name);
    if (!t) {
      t = new TenantState();
      this.tenantMap.set(name, t);
    }
    return t;
  }

  /** Names of the tenants that exist ('' is the default tenant). */
  tenantNames(): string[] {
    return [...this.tenantMap.keys()];
  }

  /** Forgets everything: all tenants, entities, subscriptions and hosted contexts. */
  reset(): void {
    this.tenantMap.clear();
    this.tenantMap.set(DEFAULT_TENANT, new TenantState());
    this.contexts.clear();
  }
}

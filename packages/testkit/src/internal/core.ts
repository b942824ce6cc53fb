/**
 * The broker's core: the store plus the side effects every entity change has (system
 * timestamps, temporal history, subscription notifications).
 */
import { randomUUID } from 'node:crypto';
import type { AttrInstance, StoredEntity } from './entity-model.js';
import type { ActiveContext } from './jsonld/active-context.js';
import type { ContextResolver } from './jsonld/resolver.js';
import type { Notifier } from './notifier.js';
import {
  type BrokerStore,
  DEFAULT_TENANT,
  type TemporalInstance,
  type TenantState,
} from './store.js';

/** Settings the handlers need. */
export interface CoreSettings {
  now: () => Date;
  coreContext: string;
  multiTenant: boolean;
  maxBodyBytes: number;
  temporalPageSize: number;
}

/** Instances written by one change, per attribute name. */
export type ChangedAttrs = Map<string, AttrInstance[]>;

/** Store + settings + change propagation. */
export class BrokerCore {
  constructor(
    readonly store: BrokerStore,
    readonly settings: CoreSettings,
    readonly notifier: Notifier,
    readonly contexts: ContextResolver,
  ) {}

  /** The broker's base URL (set once it listens). */
  baseUrl = '';
  private readonly implicitUrls = new WeakMap<ActiveContext, string>();

  /**
   * The URL a Link header names for a context: the URL itself, or, for an inline context,
   * the URL under which the broker hosts a copy (created on first use, as brokers do).
   */
  linkUrlOf(ac: ActiveContext): string {
    const v = ac.value;
    if (v === undefined || v === null) return this.settings.coreContext;
    if (typeof v === 'string') return v;
    if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'string') return v[0];
    const known = this.implicitUrls.get(ac);
    if (known) return known;
    const id = randomUUID();
    this.store.contexts.set(id, {
      id,
      document: { '@context': v },
      createdAt: this.nowIso(),
      hits: 0,
      kind: 'ImplicitlyCreated',
    });
    const url = `${this.baseUrl}/ngsi-ld/v1/jsonldContexts/${id}`;
    this.implicitUrls.set(ac, url);
    return url;
  }

  private seq = 0;
  /** Random per broker, so instance ids from two brokers never collide. */
  private readonly instancePrefix = `urn:ngsi-ld:attribute:instance:${randomUUID().slice(0, 8)}-`;

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  /** The instanceId of a temporal instance (derived on output, to keep long histories small). */
  instanceIdOf(inst: TemporalInstance): string {
    return `${this.instancePrefix}${inst.seq}`;
  }

  private lastMs = Number.NaN;
  private lastIso = '';

  /** The clock as an ISO string (formatted once per millisecond: stores stamp many instances at once). */
  nowIso(): string {
    const d = this.settings.now();
    const ms = d.getTime();
    if (ms !== this.lastMs) {
      this.lastMs = ms;
      this.lastIso = d.toISOString();
    }
    return this.lastIso;
  }

  /**
   * Records a change of `entity`: bumps modifiedAt, appends the written instances to the
   * temporal history and notifies matching subscriptions.
   */
  entityChanged(
    tenantName: string,
    tenant: TenantState,
    entity: StoredEntity,
    changed: ChangedAttrs,
    created = false,
  ): void {
    entity.view = undefined;
    const now = this.nowIso();
    entity.modifiedAt = now;
    this.recordTemporal(tenant, entity.id, entity.types, changed, now);
    if (tenant.subscriptions.size > 0) {
      this.notifier.entityChanged(
        tenantName === DEFAULT_TENANT ? undefined : tenantName,
        tenant,
        entity,
        [...changed.keys()],
        created ? ['entityCreated'] : ['entityUpdated', 'attributeCreated', 'attributeUpdated'],
      );
    }
  }

  /** Notifies subscriptions about a deleted entity or deleted attribute (no history is written). */
  entityRemoved(
    tenantName: string,
    tenant: TenantState,
    entity: StoredEntity,
    attribute?: string,
  ): void {
    if (tenant.subscriptions.size === 0) return;
    this.notifier.entityChanged(
      tenantName === DEFAULT_TENANT ? undefined : tenantName,
      tenant,
      entity,
      attribute === undefined ? [...entity.attrs.keys()] : [attribute],
      attribute === undefined ? ['entityDeleted'] : ['attributeDeleted'],
    );
  }

  /** Appends instances to an entity's temporal history (creating the history when needed). */
  recordTemporal(
    tenant: TenantState,
    id: string,
    types: string[],
    changed: ChangedAttrs,
    now: string,
  ): void {
    let history = tenant.temporal.get(id);
    if (!history) {
      history = { id, types: [...types], createdAt: now, modifiedAt: now, attrs: new Map() };
      tenant.temporal.set(id, history);
    }
    history.types = [...types];
    history.modifiedAt = now;
    for (const [name, instances] of changed) {
      let list = history.attrs.get(name);
      if (!list) {
        list = [];
        history.attrs.set(name, list);
      }
      // Instances are immutable once stored, so the history shares them with the entity.
      for (const attr of instances) list.push({ attr, seq: this.nextSeq(), recordedAt: now });
    }
  }
}

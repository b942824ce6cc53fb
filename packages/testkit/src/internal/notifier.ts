/**
 * Subscriptions → notifications: after each entity change, every matching subscription
 * of the tenant gets a Notification POSTed (with the platform fetch) to its endpoint.
 */
import { randomUUID } from 'node:crypto';
import {
  evaluateGeoQuery,
  evaluateQuery,
  formatLinkHeader,
  type NormalizedEntity,
  parseGeoQuery,
  parseQuery,
} from '@smartcitylab/ngsi-ld';
import {
  type Format,
  isRecord,
  renderEntity,
  renderNormalized,
  type StoredEntity,
} from './entity-model.js';
import { compactType } from './jsonld/entity-terms.js';
import type { StoredSubscription, TenantState } from './store.js';

/** How long a notification POST may take before it counts as failed. */
const NOTIFY_TIMEOUT_MS = 5_000;

/** Parses the notification format of a subscription. */
export function notificationFormat(sub: StoredSubscription): Format {
  const n = sub.body.notification;
  const f = isRecord(n) ? n.format : undefined;
  if (f === 'keyValues' || f === 'simplified') return 'keyValues';
  if (f === 'concise') return 'concise';
  return 'normalized';
}

/** Expiry of a subscription in ms since the epoch, or undefined when it never expires. */
export function expiryOf(sub: StoredSubscription): number | undefined {
  const raw = sub.body.expiresAt;
  if (typeof raw !== 'string') return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : ms;
}

function selectorMatches(sel: unknown, e: StoredEntity): boolean {
  if (!isRecord(sel)) return false;
  if (typeof sel.type === 'string' && !e.types.includes(sel.type)) return false;
  if (typeof sel.id === 'string' && sel.id !== e.id) return false;
  if (typeof sel.idPattern === 'string') {
    try {
      if (!new RegExp(sel.idPattern).test(e.id)) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** What happened to an entity (the NGSI-LD notificationTrigger values). */
export type ChangeTrigger =
  | 'entityCreated'
  | 'entityUpdated'
  | 'entityDeleted'
  | 'attributeCreated'
  | 'attributeUpdated'
  | 'attributeDeleted';

/** Every trigger a subscription may name. */
export const CHANGE_TRIGGERS: readonly ChangeTrigger[] = [
  'entityCreated',
  'entityUpdated',
  'entityDeleted',
  'attributeCreated',
  'attributeUpdated',
  'attributeDeleted',
];

/** Triggers of a subscription without notificationTrigger: deletions are not notified. */
const DEFAULT_TRIGGERS: readonly ChangeTrigger[] = [
  'entityCreated',
  'entityUpdated',
  'attributeCreated',
  'attributeUpdated',
];

function triggersOf(sub: StoredSubscription): readonly string[] {
  const t = sub.body.notificationTrigger;
  return Array.isArray(t) && t.length > 0 ? (t as string[]) : DEFAULT_TRIGGERS;
}

/** Sends notifications and keeps track of the ones in flight. */
export class Notifier {
  private readonly pending = new Set<Promise<void>>();
  private readonly abort = new AbortController();

  constructor(private readonly now: () => Date) {}

  /** Whether a subscription wants to hear about this change. */
  matches(
    sub: StoredSubscription,
    e: StoredEntity,
    changed: readonly string[],
    nowMs: number,
    happened: readonly ChangeTrigger[],
  ): boolean {
    const b = sub.body;
    if (b.isActive === false) return false;
    const wanted = triggersOf(sub);
    if (!happened.some((t) => wanted.includes(t))) return false;
    const expiry = expiryOf(sub);
    if (expiry !== undefined && expiry <= nowMs) return false;
    if (Array.isArray(b.entities) && b.entities.length > 0) {
      if (!b.entities.some((s) => selectorMatches(s, e))) return false;
    }
    const deleted = happened.includes('entityDeleted');
    if (!deleted && Array.isArray(b.watchedAttributes) && b.watchedAttributes.length > 0) {
      if (!b.watchedAttributes.some((a) => typeof a === 'string' && changed.includes(a)))
        return false;
    }
    if (typeof b.q === 'string') {
      try {
        const ast = sub.qAst ?? parseQuery(b.q);
        if (!evaluateQuery(ast, renderNormalized(e) as unknown as NormalizedEntity)) return false;
      } catch {
        return false;
      }
    }
    if (isRecord(b.geoQ)) {
      try {
        // geoproperty is stored expanded (an IRI the geo-query syntax check would refuse).
        const { geoproperty, ...rest } = b.geoQ;
        let geo = parseGeoQuery(rest as never);
        if (typeof geoproperty === 'string') geo = { ...geo, geoproperty };
        if (!evaluateGeoQuery(geo, renderNormalized(e) as unknown as NormalizedEntity))
          return false;
      } catch {
        return false;
      }
    }
    const throttling = typeof b.throttling === 'number' ? b.throttling : 0;
    if (
      throttling > 0 &&
      sub.lastSentMs !== undefined &&
      nowMs - sub.lastSentMs < throttling * 1000
    )
      return false;
    return true;
  }

  /** Notifies every matching subscription of `tenant` about a change of `entity`. */
  entityChanged(
    tenantName: string | undefined,
    tenant: TenantState,
    entity: StoredEntity,
    changed: readonly string[],
    happened: readonly ChangeTrigger[],
  ): void {
    const nowMs = this.now().getTime();
    for (const sub of tenant.subscriptions.values()) {
      if (!this.matches(sub, entity, changed, nowMs, happened)) continue;
      sub.lastSentMs = nowMs;
      this.send(tenantName, sub, [entity], happened.includes('entityDeleted'));
    }
  }

  /** Builds and POSTs one notification. */
  send(
    tenantName: string | undefined,
    sub: StoredSubscription,
    entities: StoredEntity[],
    deleted = false,
  ): void {
    const n = isRecord(sub.body.notification) ? sub.body.notification : {};
    const endpoint = isRecord(n.endpoint) ? n.endpoint : {};
    const uri = typeof endpoint.uri === 'string' ? endpoint.uri : '';
    const format = notificationFormat(sub);
    const wanted = Array.isArray(n.attributes)
      ? n.attributes.filter((a): a is string => typeof a === 'string')
      : [];
    const pick = wanted.length > 0 ? new Set(wanted) : undefined;
    const notifiedAt = this.now().toISOString();
    // A deleted entity is notified as its id, type and deletion time.
    const ac = sub.notifyContext;
    const data = entities.map((e) =>
      deleted
        ? {
            id: e.id,
            type: compactType(e.types.length === 1 ? e.types[0] : e.types, ac),
            deletedAt: notifiedAt,
          }
        : renderEntity(e, format, { pick, sysAttrs: n.sysAttrs === true, ac }),
    );
    const ld = endpoint.accept === 'application/ld+json';
    const body: Record<string, unknown> = {
      id: `urn:ngsi-ld:Notification:${randomUUID()}`,
      type: 'Notification',
      subscriptionId: sub.id,
      notifiedAt,
      data,
    };
    if (ld) body['@context'] = sub.jsonldContext;
    const headers: Record<string, string> = {
      'Content-Type': ld ? 'application/ld+json' : 'application/json',
      Accept: 'application/json',
      'Ngsild-Attribute-Format':
        format === 'keyValues' ? 'Simplified' : format === 'concise' ? 'Concise' : 'Normalized',
    };
    if (!ld) headers.Link = formatLinkHeader(sub.jsonldContext);
    if (tenantName !== undefined) headers['NGSILD-Tenant'] = tenantName;
    if (Array.isArray(endpoint.receiverInfo)) {
      for (const kv of endpoint.receiverInfo) {
        if (isRecord(kv) && typeof kv.key === 'string' && typeof kv.value === 'string')
          headers[kv.key] = kv.value;
      }
    }
    sub.timesSent += 1;
    sub.lastNotification = notifiedAt;
    const done = this.post(uri, headers, JSON.stringify(body)).then((ok) => {
      const at = this.now().toISOString();
      if (ok) {
        sub.lastSuccess = at;
        sub.notificationStatus = 'ok';
      } else {
        sub.lastFailure = at;
        sub.notificationStatus = 'failed';
      }
    });
    this.pending.add(done);
    void done.finally(() => this.pending.delete(done));
  }

  private async post(uri: string, headers: Record<string, string>, body: string): Promise<boolean> {
    if (!/^https?:\/\//i.test(uri)) return false;
    try {
      const res = await fetch(uri, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(NOTIFY_TIMEOUT_MS)]),
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.status >= 200 && res.status < 300;
    } catch {
      return false;
    }
  }

  /** Resolves when every notification sent so far has been delivered or has failed. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Aborts notifications in flight (on broker close). */
  stop(): void {
    this.abort.abort();
  }
}

/** /subscriptions CRUD. */
import { randomUUID } from 'node:crypto';
import { isUri, parseQuery } from '@smartcitylab/ngsi-ld';
import type { BrokerCore } from '../core.js';
import { isRecord } from '../entity-model.js';
import type { HandlerResult, RequestContext } from '../http.js';
import type { ActiveContext } from '../jsonld/active-context.js';
import { compactType, expandNames } from '../jsonld/entity-terms.js';
import { expandQuery } from '../jsonld/query-terms.js';
import { CHANGE_TRIGGERS, expiryOf } from '../notifier.js';
import { pagingOf } from '../params.js';
import { alreadyExists, badRequest, invalidRequest, notFound } from '../problems.js';
import type { StoredSubscription, TenantState } from '../store.js';
import { readTenant, writeTenant } from '../tenants.js';

const BASE = '/ngsi-ld/v1';
/** Members the broker owns; a client's values for them are ignored. */
const BROKER_MEMBERS = new Set([
  'id',
  'type',
  '@context',
  'status',
  'createdAt',
  'modifiedAt',
  'jsonldContext',
  'timesSent',
  'lastNotification',
  'lastSuccess',
  'lastFailure',
]);

/** Dates without a zone are read as UTC, as brokers do. */
function normalizeDate(raw: unknown, name: string): string {
  if (typeof raw !== 'string')
    throw badRequest(`Invalid ${name}`, `'${name}' must be a DateTime string`);
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`;
  const ms = Date.parse(withZone);
  if (Number.isNaN(ms)) throw badRequest(`Invalid ${name}`, `not a DateTime: ${raw.slice(0, 60)}`);
  return new Date(ms).toISOString();
}

/** Validates a subscription body (create: full; update: fragment) and returns its members. */
function subscriptionMembers(
  body: Record<string, unknown>,
  partial: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(body)) {
    if (BROKER_MEMBERS.has(key)) continue;
    out[key] = body[key];
  }
  // 'expires' is the pre-1.3 name of 'expiresAt'.
  if (out.expires !== undefined && out.expiresAt === undefined) out.expiresAt = out.expires;
  delete out.expires;
  if (out.expiresAt !== undefined) out.expiresAt = normalizeDate(out.expiresAt, 'expiresAt');
  if (!partial && body.type !== 'Subscription') {
    throw badRequest(
      'Invalid Subscription',
      body.type === undefined
        ? 'a subscription needs "type": "Subscription"'
        : `'type' must be 'Subscription', got ${JSON.stringify(body.type).slice(0, 60)}`,
    );
  }
  if (partial && body.type !== undefined && body.type !== 'Subscription') {
    throw badRequest('Invalid Subscription', "'type' must be 'Subscription'");
  }
  if (out.entities !== undefined) {
    if (!Array.isArray(out.entities) || out.entities.length === 0) {
      throw badRequest('Invalid Subscription', "'entities' must be a non-empty array");
    }
    for (const sel of out.entities) {
      if (!isRecord(sel) || (sel.type !== undefined && typeof sel.type !== 'string')) {
        throw badRequest('Invalid Subscription', "each member of 'entities' needs a string 'type'");
      }
      if (typeof sel.idPattern === 'string') {
        try {
          new RegExp(sel.idPattern);
        } catch {
          throw badRequest(
            'Invalid Subscription',
            `invalid idPattern: ${sel.idPattern.slice(0, 100)}`,
          );
        }
      }
    }
  }
  if (out.watchedAttributes !== undefined) {
    if (
      !Array.isArray(out.watchedAttributes) ||
      !out.watchedAttributes.every((a) => typeof a === 'string' && a.length > 0)
    ) {
      throw badRequest(
        'Invalid Subscription',
        "'watchedAttributes' must be an array of attribute names",
      );
    }
    if (out.watchedAttributes.length === 0) {
      throw badRequest(
        'Invalid Subscription',
        "'watchedAttributes' must not be empty: leave it out to watch every attribute",
      );
    }
  }
  if (!partial && out.entities === undefined && out.watchedAttributes === undefined) {
    throw badRequest(
      'Invalid Subscription',
      "a subscription needs 'entities' or 'watchedAttributes'",
    );
  }
  if (out.q !== undefined) {
    if (typeof out.q !== 'string') throw badRequest('Invalid Subscription', "'q' must be a string");
    try {
      parseQuery(out.q);
    } catch (err) {
      throw badRequest(
        'Invalid Subscription',
        `invalid q: ${err instanceof Error ? err.message : ''}`,
      );
    }
  }
  if (out.notificationTrigger !== undefined) {
    const t = out.notificationTrigger;
    if (
      !Array.isArray(t) ||
      t.length === 0 ||
      !t.every((x) => typeof x === 'string' && (CHANGE_TRIGGERS as readonly string[]).includes(x))
    ) {
      throw badRequest(
        'Invalid Subscription',
        `'notificationTrigger' must be a non-empty array of: ${CHANGE_TRIGGERS.join(', ')}`,
      );
    }
  }
  if (out.throttling !== undefined && (typeof out.throttling !== 'number' || out.throttling < 0)) {
    throw badRequest('Invalid Subscription', "'throttling' must be a non-negative number");
  }
  if (out.isActive !== undefined && typeof out.isActive !== 'boolean') {
    throw badRequest('Invalid Subscription', "'isActive' must be a boolean");
  }
  if (!partial || out.notification !== undefined) {
    const n = out.notification;
    if (!isRecord(n)) throw badRequest('Invalid Subscription', "'notification' is missing");
    const ep = n.endpoint;
    if (!isRecord(ep) || typeof ep.uri !== 'string' || !isUri(ep.uri)) {
      throw badRequest('Invalid Subscription', "'notification.endpoint.uri' must be a URI");
    }
    if (
      n.format !== undefined &&
      !['normalized', 'concise', 'keyValues', 'simplified'].includes(String(n.format))
    ) {
      throw badRequest(
        'Invalid Subscription',
        `unsupported notification format: ${String(n.format)}`,
      );
    }
    const outN: Record<string, unknown> = {};
    for (const key of Object.keys(n)) {
      if (['status', 'timesSent', 'lastNotification', 'lastSuccess', 'lastFailure'].includes(key))
        continue;
      outN[key] = n[key];
    }
    out.notification = outN;
  }
  return out;
}

/** Maps the names a subscription holds (entity types, watched and notified attributes). */
function mapSubscriptionNames(
  members: Record<string, unknown>,
  types: (t: unknown) => unknown,
  names: (n: string[]) => string[],
): Record<string, unknown> {
  const out = { ...members };
  if (Array.isArray(out.entities)) {
    out.entities = out.entities.map((sel) =>
      isRecord(sel) && sel.type !== undefined ? { ...sel, type: types(sel.type) } : sel,
    );
  }
  if (Array.isArray(out.watchedAttributes)) out.watchedAttributes = names(out.watchedAttributes);
  if (isRecord(out.geoQ) && typeof out.geoQ.geoproperty === 'string') {
    out.geoQ = { ...out.geoQ, geoproperty: names([out.geoQ.geoproperty])[0] };
  }
  if (isRecord(out.notification) && Array.isArray(out.notification.attributes)) {
    out.notification = {
      ...out.notification,
      attributes: names(out.notification.attributes.filter((a) => typeof a === 'string')),
    };
  }
  return out;
}

function expandMembers(
  members: Record<string, unknown>,
  ac: ActiveContext,
): Record<string, unknown> {
  return mapSubscriptionNames(
    members,
    (t) => (typeof t === 'string' ? ac.expand(t) : t),
    (n) => expandNames(n, ac),
  );
}

function qAstOf(q: unknown, ac: ActiveContext): StoredSubscription['qAst'] {
  return typeof q === 'string' ? expandQuery(parseQuery(q), ac) : undefined;
}

/** The subscription as GET returns it, its names compacted with the requester's context. */
export function renderSubscription(
  sub: StoredSubscription,
  nowMs: number,
  ac?: ActiveContext,
): Record<string, unknown> {
  const b = ac
    ? mapSubscriptionNames(
        sub.body,
        (t) => compactType(t, ac),
        (n) => n.map((x) => ac.compact(x)),
      )
    : sub.body;
  const expiry = expiryOf(sub);
  const status =
    b.isActive === false
      ? 'paused'
      : expiry !== undefined && expiry <= nowMs
        ? 'expired'
        : 'active';
  const notification: Record<string, unknown> = {
    ...(isRecord(b.notification) ? b.notification : {}),
  };
  notification.status = sub.notificationStatus;
  if (sub.timesSent > 0) notification.timesSent = sub.timesSent;
  if (sub.lastNotification) notification.lastNotification = sub.lastNotification;
  if (sub.lastSuccess) notification.lastSuccess = sub.lastSuccess;
  if (sub.lastFailure) notification.lastFailure = sub.lastFailure;
  const out: Record<string, unknown> = { id: sub.id, type: 'Subscription' };
  for (const key of Object.keys(b)) out[key] = b[key];
  out.status = status;
  out.isActive = b.isActive !== false;
  out.notification = notification;
  out.jsonldContext = sub.jsonldContext;
  return out;
}

function requireSubscription(tenant: TenantState, id: string): StoredSubscription {
  const sub = tenant.subscriptions.get(id);
  if (!sub) throw notFound('Subscription Not Found', id);
  return sub;
}

/** POST /subscriptions */
export function createSubscriptionHandler(core: BrokerCore, ctx: RequestContext): HandlerResult {
  const body = ctx.body;
  if (body === undefined)
    throw invalidRequest('Payload body is missing', 'a subscription is needed');
  if (!isRecord(body))
    throw badRequest('Invalid payload body', 'a subscription must be a JSON object');
  const id = body.id === undefined ? `urn:ngsi-ld:Subscription:${randomUUID()}` : body.id;
  if (typeof id !== 'string' || !isUri(id))
    throw badRequest('Invalid Subscription Id', String(id).slice(0, 100));
  const members = expandMembers(subscriptionMembers(body, false), ctx.ac);
  const tenant = writeTenant(core, ctx);
  if (tenant.subscriptions.has(id)) throw alreadyExists('Subscription already exists', id);
  const now = core.nowIso();
  // Notifications are compacted with jsonldContext when given, else with the creation context.
  const notifyContext =
    typeof body.jsonldContext === 'string' ? ctx.acOf(body.jsonldContext) : ctx.ac;
  tenant.subscriptions.set(id, {
    id,
    body: members,
    jsonldContext: core.linkUrlOf(notifyContext),
    notifyContext,
    qAst: qAstOf(members.q, ctx.ac),
    createdAt: now,
    modifiedAt: now,
    timesSent: 0,
    notificationStatus: 'ok',
  });
  return { status: 201, headers: { Location: `${BASE}/subscriptions/${id}` } };
}

/** GET /subscriptions */
export function listSubscriptionsHandler(core: BrokerCore, ctx: RequestContext): HandlerResult {
  const tenant = readTenant(core, ctx);
  const paging = pagingOf(ctx);
  const all = [...tenant.subscriptions.values()];
  const nowMs = core.settings.now().getTime();
  const headers: Record<string, string> = {};
  if (paging.count) headers['NGSILD-Results-Count'] = String(all.length);
  return {
    status: 200,
    kind: 'entities',
    headers,
    body: all
      .slice(paging.offset, paging.offset + paging.limit)
      .map((s) => renderSubscription(s, nowMs, ctx.ac)),
  };
}

/** GET /subscriptions/{id} */
export function retrieveSubscriptionHandler(
  core: BrokerCore,
  ctx: RequestContext,
  id: string,
): HandlerResult {
  const sub = requireSubscription(readTenant(core, ctx), id);
  return {
    status: 200,
    kind: 'entity',
    body: renderSubscription(sub, core.settings.now().getTime(), ctx.ac),
  };
}

/** PATCH /subscriptions/{id} */
export function updateSubscriptionHandler(
  core: BrokerCore,
  ctx: RequestContext,
  id: string,
): HandlerResult {
  const sub = requireSubscription(readTenant(core, ctx), id);
  if (!isRecord(ctx.body))
    throw badRequest('Invalid payload body', 'a subscription fragment must be a JSON object');
  if (ctx.body.id !== undefined && ctx.body.id !== id)
    throw badRequest('Mismatching Subscription Id', String(ctx.body.id));
  const members = expandMembers(subscriptionMembers(ctx.body, true), ctx.ac);
  const merged: Record<string, unknown> = { ...sub.body };
  for (const key of Object.keys(members)) {
    if (members[key] === null || members[key] === 'urn:ngsi-ld:null') delete merged[key];
    else merged[key] = members[key];
  }
  sub.body = merged;
  if (members.q !== undefined) sub.qAst = qAstOf(merged.q, ctx.ac);
  if (typeof ctx.body.jsonldContext === 'string') {
    sub.notifyContext = ctx.acOf(ctx.body.jsonldContext);
    sub.jsonldContext = core.linkUrlOf(sub.notifyContext);
  }
  sub.modifiedAt = core.nowIso();
  delete sub.lastSentMs;
  return { status: 204 };
}

/** DELETE /subscriptions/{id} */
export function deleteSubscriptionHandler(
  core: BrokerCore,
  ctx: RequestContext,
  id: string,
): HandlerResult {
  const tenant = readTenant(core, ctx);
  requireSubscription(tenant, id);
  tenant.subscriptions.delete(id);
  return { status: 204 };
}

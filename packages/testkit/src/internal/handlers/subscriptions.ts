/** /subscriptions CRUD. */
import { randomUUID } from 'node:crypto';
import { isUri, parseQuery } from '@smartcitylab/ngsi-ld';
import type { BrokerCore } from '../core.js';
import { isRecord } from '../entity-model.js';
import type { HandlerResult, RequestContext } from '../http.js';
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
  if (!partial && body.type !== undefined && body.type !== 'Subscription') {
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
      !out.watchedAttributes.every((a) => typeof a === 'string')
    ) {
      throw badRequest(
        'Invalid Subscription',
        "'watchedAttributes' must be an array of attribute names",
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

/** The subscription as GET returns it. */
export function renderSubscription(
  sub: StoredSubscription,
  nowMs: number,
): Record<string, unknown> {
  const b = sub.body;
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
  const members = subscriptionMembers(body, false);
  const tenant = writeTenant(core, ctx);
  if (tenant.subscriptions.has(id)) throw alreadyExists('Subscription already exists', id);
  const now = core.nowIso();
  tenant.subscriptions.set(id, {
    id,
    body: members,
    jsonldContext: ctx.context,
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
      .map((s) => renderSubscription(s, nowMs)),
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
    body: renderSubscription(sub, core.settings.now().getTime()),
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
  const members = subscriptionMembers(ctx.body, true);
  const merged: Record<string, unknown> = { ...sub.body };
  for (const key of Object.keys(members)) {
    if (members[key] === null || members[key] === 'urn:ngsi-ld:null') delete merged[key];
    else merged[key] = members[key];
  }
  sub.body = merged;
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

/** mim1-subscriptions: create, retrieve, list and delete subscriptions; notifications that arrive. */
import {
  type CheckContext,
  createEntity,
  expectArray,
  expectObject,
  expectProblem,
  expectStatus,
  isObject,
  type NotificationSetup,
  newId,
  probeEntity,
  requireWrite,
  send,
} from '../internal/context.js';
import { CheckFailed, CheckSkipped, expectThat } from '../internal/outcome.js';
import type { CheckFn } from './registry.js';

function subscriptionPath(id: string): string {
  return `/subscriptions/${encodeURIComponent(id)}`;
}

/** A subscription on a type nothing else in the run writes, so it never fires. */
function quietSubscription(ctx: CheckContext, id: string): Record<string, unknown> {
  return {
    id,
    type: 'Subscription',
    description: `smartcitylab conformance probe ${ctx.runId}`,
    entities: [{ type: `${ctx.probeType}Quiet` }],
    notification: { endpoint: { uri: 'http://127.0.0.1:9/never', accept: 'application/json' } },
  };
}

async function createSubscription(
  ctx: CheckContext,
  body: Record<string, unknown>,
): Promise<string> {
  const id = String(body.id);
  ctx.ledger.track('subscription', id);
  const res = await send(ctx, { method: 'POST', path: '/subscriptions', json: body });
  expectStatus(res, [201], 'creating a subscription');
  return id;
}

/** The subscription of this run shared by the read checks. */
function sharedSubscription(ctx: CheckContext): Promise<string> {
  let p = ctx.memo.get('subs.shared') as Promise<string> | undefined;
  if (!p) {
    p = createSubscription(ctx, quietSubscription(ctx, newId(ctx, 'sub')));
    ctx.memo.set('subs.shared', p);
  }
  return p;
}

function notificationSetup(ctx: CheckContext): NotificationSetup {
  const n = ctx.notifications;
  if ('unavailable' in n) throw new CheckSkipped(n.unavailable);
  return n;
}

export const subscriptionChecks: Record<string, CheckFn> = {
  async 'subs.create-201'(ctx) {
    requireWrite(ctx);
    const id = newId(ctx, 'sub');
    ctx.ledger.track('subscription', id);
    const res = await send(ctx, {
      method: 'POST',
      path: '/subscriptions',
      json: quietSubscription(ctx, id),
    });
    expectStatus(res, [201], 'creating a subscription');
    const location = res.headers.get('location');
    expectThat(location, 'creating a subscription: 201 came without a Location header');
    expectThat(
      decodeURIComponent(location).endsWith(`/subscriptions/${id}`),
      `creating a subscription: Location must name /ngsi-ld/v1/subscriptions/${id}, got ${location}`,
    );
  },

  async 'subs.retrieve'(ctx) {
    requireWrite(ctx);
    const id = await sharedSubscription(ctx);
    const res = await send(ctx, { path: subscriptionPath(id) });
    expectStatus(res, [200], 'retrieving a subscription');
    const s = expectObject(res, 'retrieving a subscription');
    expectThat(s.id === id && s.type === 'Subscription', `retrieving ${id}: id or type differ`);
    expectThat(
      isObject(s.notification),
      'a retrieved subscription must carry its notification parameters',
    );
  },

  async 'subs.list'(ctx) {
    requireWrite(ctx);
    const id = await sharedSubscription(ctx);
    for (let page = 0; page < 20; page++) {
      const res = await send(ctx, {
        path: '/subscriptions',
        query: { limit: 100, offset: page * 100 },
      });
      expectStatus(res, [200], 'listing subscriptions');
      const list = expectArray(res, 'listing subscriptions');
      if (list.some((s) => isObject(s) && s.id === id)) return;
      if (list.length < 100) break;
    }
    throw new CheckFailed(`the subscription ${id} just created is not in GET /subscriptions`);
  },

  async 'subs.delete'(ctx) {
    requireWrite(ctx);
    const id = await createSubscription(ctx, quietSubscription(ctx, newId(ctx, 'sub')));
    const res = await send(ctx, { method: 'DELETE', path: subscriptionPath(id) });
    expectStatus(res, [204], 'deleting a subscription');
    const back = await send(ctx, { path: subscriptionPath(id) });
    expectProblem(back, [404], 'ResourceNotFound', 'retrieving a deleted subscription');
    ctx.ledger.forget('subscription', id);
  },

  async 'subs.invalid-400'(ctx) {
    requireWrite(ctx);
    const id = newId(ctx, 'sub-bad');
    ctx.ledger.track('subscription', id);
    const res = await send(ctx, {
      method: 'POST',
      path: '/subscriptions',
      json: {
        id,
        type: 'Subscription',
        notification: { endpoint: { uri: 'http://127.0.0.1:9/never' } },
      },
    });
    expectProblem(
      res,
      [400],
      'BadRequestData',
      'a subscription without entities or watchedAttributes',
    );
  },

  async 'subs.notification'(ctx) {
    requireWrite(ctx);
    const setup = notificationSetup(ctx);
    const entityId = newId(ctx, 'notify');
    await createEntity(ctx, probeEntity(ctx, entityId, { temperature: 1 }));
    const subId = newId(ctx, 'sub-notify');
    await createSubscription(ctx, {
      id: subId,
      type: 'Subscription',
      entities: [{ id: entityId, type: ctx.probeType }],
      watchedAttributes: ['temperature'],
      notification: {
        attributes: ['temperature'],
        format: 'normalized',
        endpoint: {
          uri: `${setup.url}/notify/${encodeURIComponent(subId)}`,
          accept: 'application/json',
        },
      },
    });
    const res = await send(ctx, {
      method: 'PATCH',
      path: `/entities/${encodeURIComponent(entityId)}/attrs`,
      json: { temperature: { type: 'Property', value: 33 } },
    });
    expectStatus(res, [204], 'updating the watched attribute');
    const forSub = (body: unknown): boolean => isObject(body) && body.subscriptionId === subId;
    const carries = (body: unknown): boolean =>
      isObject(body) &&
      Array.isArray(body.data) &&
      body.data.some((e) => {
        if (!isObject(e) || e.id !== entityId) return false;
        const t = e.temperature;
        return t === 33 || (isObject(t) && t.value === 33);
      });
    const got = await setup.receiver.waitFor(
      (n) => forSub(n.body) && carries(n.body),
      ctx.notificationWaitMs,
    );
    if (got) {
      expectThat(
        isObject(got.body) &&
          got.body.type === 'Notification' &&
          typeof got.body.notifiedAt === 'string',
        'a notification must have type "Notification" and a notifiedAt time',
      );
      return;
    }
    const any = await setup.receiver.waitFor((n) => forSub(n.body), 0);
    throw new CheckFailed(
      any
        ? `a notification for ${subId} arrived but without temperature = 33 for ${entityId}`
        : `no notification for ${subId} arrived within ${ctx.notificationWaitMs} ms of the update`,
    );
  },
};

/** Maps method + path (below /ngsi-ld/v1) to a handler. */
import type { BrokerCore } from './core.js';
import * as batch from './handlers/batch.js';
import * as contexts from './handlers/contexts.js';
import * as discovery from './handlers/discovery.js';
import * as entities from './handlers/entities.js';
import * as registrations from './handlers/registrations.js';
import * as subscriptions from './handlers/subscriptions.js';
import * as temporal from './handlers/temporal.js';
import type { HandlerResult, RequestContext } from './http.js';
import { notFound, notSupported, problem, RequestProblem } from './problems.js';

type Handler = (core: BrokerCore, ctx: RequestContext) => HandlerResult;

function methodNotAllowed(method: string, path: string, allowed: string[]): RequestProblem {
  return new RequestProblem(
    problem('OperationNotSupported', 'Method not allowed', `${method} is not supported on ${path}`),
    405,
    { Allow: allowed.join(', ') },
  );
}

function pick(ctx: RequestContext, path: string, table: Record<string, Handler>): Handler {
  const h = table[ctx.method];
  if (!h) throw methodNotAllowed(ctx.method, path, Object.keys(table));
  return h;
}

/**
 * Splits `/entities/<id>/attrs/<attr>` where the id itself may contain '/' (URLs as ids):
 * the last 'attrs' segment separates the id from the attribute.
 */
function splitIdAndAttrs(rest: string[]): { id: string; attrsAt: number } {
  const at = rest.lastIndexOf('attrs');
  const attrsAt = at >= 1 && rest.length - at <= 3 ? at : -1;
  const idParts = attrsAt >= 0 ? rest.slice(0, attrsAt) : rest;
  return { id: idParts.join('/'), attrsAt };
}

/** Finds the handler for a request. */
export function route(ctx: RequestContext): Handler {
  const [head, ...rest] = ctx.segments;
  const path = `/ngsi-ld/v1/${ctx.segments.join('/')}`;
  switch (head) {
    case 'entities': {
      if (rest.length === 0 || (rest.length === 1 && rest[0] === '')) {
        return pick(ctx, path, {
          GET: entities.queryEntitiesHandler,
          POST: entities.createEntityHandler,
        });
      }
      const { id, attrsAt } = splitIdAndAttrs(rest);
      if (attrsAt < 0) {
        return pick(ctx, path, {
          GET: (c, x) => entities.retrieveEntityHandler(c, x, id),
          PUT: (c, x) => entities.replaceEntityHandler(c, x, id),
          PATCH: (c, x) => entities.mergeEntityHandler(c, x, id),
          DELETE: (c, x) => entities.deleteEntityHandler(c, x, id),
        });
      }
      const attr = rest[attrsAt + 1];
      if (attr === undefined || attr === '') {
        return pick(ctx, path, {
          POST: (c, x) => entities.appendAttrsHandler(c, x, id),
          PATCH: (c, x) => entities.updateAttrsHandler(c, x, id),
        });
      }
      return pick(ctx, path, {
        PATCH: (c, x) => entities.patchAttrHandler(c, x, id, attr),
        DELETE: (c, x) => entities.deleteAttrHandler(c, x, id, attr),
      });
    }
    case 'entityOperations': {
      const op = rest[0];
      const table: Record<string, Handler> = {
        create: batch.batchCreateHandler,
        upsert: batch.batchUpsertHandler,
        update: batch.batchUpdateHandler,
        merge: batch.batchMergeHandler,
        delete: batch.batchDeleteHandler,
        query: entities.postQueryHandler,
      };
      const h = op !== undefined && rest.length === 1 ? table[op] : undefined;
      if (!h) throw notFound('Unknown batch operation', path);
      return pick(ctx, path, { POST: h });
    }
    case 'subscriptions': {
      if (rest.length === 0) {
        return pick(ctx, path, {
          GET: subscriptions.listSubscriptionsHandler,
          POST: subscriptions.createSubscriptionHandler,
        });
      }
      const id = rest.join('/');
      return pick(ctx, path, {
        GET: (c, x) => subscriptions.retrieveSubscriptionHandler(c, x, id),
        PATCH: (c, x) => subscriptions.updateSubscriptionHandler(c, x, id),
        DELETE: (c, x) => subscriptions.deleteSubscriptionHandler(c, x, id),
      });
    }
    case 'csourceRegistrations': {
      if (rest.length === 0) {
        return pick(ctx, path, {
          GET: registrations.listRegistrationsHandler,
          POST: registrations.createRegistrationHandler,
        });
      }
      const id = rest.join('/');
      return pick(ctx, path, {
        GET: (c, x) => registrations.retrieveRegistrationHandler(c, x, id),
        PATCH: (c, x) => registrations.updateRegistrationHandler(c, x, id),
        DELETE: (c, x) => registrations.deleteRegistrationHandler(c, x, id),
      });
    }
    case 'types': {
      if (rest.length === 0) return pick(ctx, path, { GET: discovery.listTypesHandler });
      const t = rest.join('/');
      return pick(ctx, path, { GET: (c, x) => discovery.retrieveTypeHandler(c, x, t) });
    }
    case 'attributes': {
      if (rest.length === 0) return pick(ctx, path, { GET: discovery.listAttributesHandler });
      const a = rest.join('/');
      return pick(ctx, path, { GET: (c, x) => discovery.retrieveAttributeHandler(c, x, a) });
    }
    case 'jsonldContexts': {
      if (rest.length === 0) {
        return pick(ctx, path, {
          GET: contexts.listContextsHandler,
          POST: contexts.addContextHandler,
        });
      }
      const id = rest.join('/');
      return pick(ctx, path, {
        GET: (c, x) => contexts.retrieveContextHandler(c, x, id),
        DELETE: (c, x) => contexts.deleteContextHandler(c, x, id),
      });
    }
    case 'temporal': {
      if (rest[0] !== 'entities') break;
      const tail = rest.slice(1);
      if (tail.length === 0) {
        return pick(ctx, path, {
          GET: temporal.queryTemporalHandler,
          POST: temporal.createTemporalHandler,
        });
      }
      const { id, attrsAt } = splitIdAndAttrs(tail);
      if (attrsAt < 0) {
        return pick(ctx, path, {
          GET: (c, x) => temporal.retrieveTemporalHandler(c, x, id),
          DELETE: (c, x) => temporal.deleteTemporalHandler(c, x, id),
        });
      }
      const attr = tail[attrsAt + 1];
      const instanceId = tail[attrsAt + 2];
      if (attr === undefined || attr === '') {
        return pick(ctx, path, { POST: (c, x) => temporal.appendTemporalHandler(c, x, id) });
      }
      if (instanceId === undefined) {
        return pick(ctx, path, {
          DELETE: (c, x) => temporal.deleteTemporalAttrHandler(c, x, id, attr),
        });
      }
      return pick(ctx, path, {
        PATCH: (c, x) => temporal.patchInstanceHandler(c, x, id, attr, instanceId),
        DELETE: (c, x) => temporal.deleteInstanceHandler(c, x, id, attr, instanceId),
      });
    }
    default:
      break;
  }
  if (head === 'entitySnapshots' || head === 'info')
    throw notSupported('Not implemented', `${path} is not implemented by the testkit broker`);
  throw notFound('Service Not Found', path);
}

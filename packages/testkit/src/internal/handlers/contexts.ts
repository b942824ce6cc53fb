/** /jsonldContexts: list, add, retrieve and delete the @context documents the broker hosts. */
import { randomUUID } from 'node:crypto';
import type { BrokerCore } from '../core.js';
import { isRecord } from '../entity-model.js';
import type { HandlerResult, RequestContext } from '../http.js';
import { badRequest, invalidRequest, notFound } from '../problems.js';

const PATH = '/ngsi-ld/v1/jsonldContexts';

/** GET /jsonldContexts */
export function listContextsHandler(core: BrokerCore, ctx: RequestContext): HandlerResult {
  const hosted = [...core.store.contexts.values()];
  if (ctx.query.get('details') === 'true') {
    return {
      status: 200,
      body: [
        { URL: core.settings.coreContext, localId: 'core', kind: 'Cached' },
        ...[...core.contexts.preloaded.keys()].map((url) => ({
          URL: url,
          localId: encodeURIComponent(url),
          kind: 'Cached',
        })),
        ...hosted.map((c) => ({
          URL: `${ctx.baseUrl}${PATH}/${c.id}`,
          localId: c.id,
          kind: c.kind ?? 'Hosted',
          createdAt: c.createdAt,
          numberOfHits: c.hits,
        })),
      ],
    };
  }
  return {
    status: 200,
    body: [
      core.settings.coreContext,
      ...core.contexts.preloaded.keys(),
      ...hosted.map((c) => `${ctx.baseUrl}${PATH}/${c.id}`),
    ],
  };
}

/** POST /jsonldContexts (body: { "@context": ... }) */
export function addContextHandler(core: BrokerCore, ctx: RequestContext): HandlerResult {
  if (ctx.body === undefined)
    throw invalidRequest('Payload body is missing', 'send { "@context": ... }');
  if (!isRecord(ctx.body) || ctx.body['@context'] === undefined) {
    throw badRequest(
      'Invalid @context document',
      "the body must be a JSON object with an '@context' member",
    );
  }
  const id = randomUUID();
  core.store.contexts.set(id, { id, document: ctx.body, createdAt: core.nowIso(), hits: 0 });
  return { status: 201, headers: { Location: `${PATH}/${id}` } };
}

/** GET /jsonldContexts/{id} */
export function retrieveContextHandler(
  core: BrokerCore,
  _ctx: RequestContext,
  id: string,
): HandlerResult {
  const c = core.store.contexts.get(id);
  // A preloaded context is addressed by its URL (percent-encoded in the path).
  const preloaded = c ? undefined : core.contexts.preloaded.get(id);
  if (preloaded !== undefined) {
    return { status: 200, body: preloaded, headers: { 'Content-Type': 'application/ld+json' } };
  }
  if (!c) throw notFound('Context Not Found', id);
  c.hits += 1;
  return { status: 200, body: c.document, headers: { 'Content-Type': 'application/ld+json' } };
}

/** DELETE /jsonldContexts/{id} */
export function deleteContextHandler(
  core: BrokerCore,
  _ctx: RequestContext,
  id: string,
): HandlerResult {
  if (!core.store.contexts.delete(id)) throw notFound('Context Not Found', id);
  // Contexts resolved through the deleted document must be resolved again (and fail).
  core.contexts.invalidate();
  return { status: 204 };
}

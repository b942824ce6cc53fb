/** mim1-core: create, retrieve, update, delete, representations, ProblemDetails, @context and content negotiation. */
import {
  type CheckContext,
  CONTEXT_REL,
  contextLinks,
  createEntity,
  expectArray,
  expectObject,
  expectProblem,
  expectStatus,
  isObject,
  newId,
  probeEntity,
  requireWrite,
  send,
} from '../internal/context.js';
import { expectThat } from '../internal/outcome.js';
import type { CheckFn } from './registry.js';

const USER_CONTEXT = 'https://smartdatamodels.org/context.jsonld';
/** Vocabulary of the one term in the context the kit hosts on the broker. */
const PROBE_TERM_BASE = 'urn:ngsi-ld:ConformanceProbe:vocab:';

function entityPath(id: string): string {
  return `/entities/${encodeURIComponent(id)}`;
}

/** One probe entity per run for the read checks of this profile. */
async function sharedEntity(ctx: CheckContext): Promise<string> {
  const key = 'core.entity';
  let p = ctx.memo.get(key) as Promise<string> | undefined;
  if (!p) {
    p = (async () => {
      const id = newId(ctx, 'core');
      await createEntity(ctx, probeEntity(ctx, id, { temperature: 21 }));
      return id;
    })();
    ctx.memo.set(key, p);
  }
  return p;
}

export const coreChecks: Record<string, CheckFn> = {
  async 'core.create-201-location'(ctx) {
    requireWrite(ctx);
    const id = newId(ctx, 'create');
    const res = await createEntity(ctx, probeEntity(ctx, id));
    const location = res.headers.get('location');
    expectThat(location, 'creating an entity: 201 came without a Location header');
    const want = `/ngsi-ld/v1/entities/${encodeURIComponent(id)}`;
    const got = decodeURIComponent(new URL(location, 'http://x').pathname);
    expectThat(
      got === decodeURIComponent(want),
      `creating an entity: Location must name /ngsi-ld/v1/entities/${id}, got ${location}`,
    );
  },

  async 'core.create-duplicate-409'(ctx) {
    requireWrite(ctx);
    const id = await sharedEntity(ctx);
    const res = await send(ctx, { method: 'POST', path: '/entities', json: probeEntity(ctx, id) });
    expectProblem(res, [409], 'AlreadyExists', 'creating an entity that exists');
  },

  async 'core.create-invalid-400'(ctx) {
    requireWrite(ctx);
    const noId = await send(ctx, {
      method: 'POST',
      path: '/entities',
      json: { type: ctx.probeType, status: { type: 'Property', value: 'x' } },
    });
    expectProblem(noId, [400], 'BadRequestData', 'creating an entity without id');
    const broken = await send(ctx, {
      method: 'POST',
      path: '/entities',
      body: '{"id": "urn:ngsi-ld:ConformanceProbe:broken",',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(broken, [400], ['InvalidRequest', 'BadRequestData'], 'sending malformed JSON');
  },

  async 'core.retrieve-normalized'(ctx) {
    requireWrite(ctx);
    const id = await sharedEntity(ctx);
    const res = await send(ctx, { path: entityPath(id) });
    expectStatus(res, [200], 'retrieving an entity');
    const e = expectObject(res, 'retrieving an entity');
    expectThat(e.id === id && e.type === ctx.probeType, `retrieving ${id}: id or type differ`);
    const t = e.temperature;
    expectThat(
      isObject(t) && t.type === 'Property' && t.value === 21 && t.unitCode === 'CEL',
      `retrieving ${id}: temperature must be {"type":"Property","value":21,"unitCode":"CEL"}, got ${JSON.stringify(t)}`,
    );
    const loc = e.location;
    expectThat(
      isObject(loc) && loc.type === 'GeoProperty' && isObject(loc.value),
      `retrieving ${id}: location must be a GeoProperty, got ${JSON.stringify(loc)}`,
    );
  },

  async 'core.retrieve-keyvalues'(ctx) {
    requireWrite(ctx);
    const id = await sharedEntity(ctx);
    const res = await send(ctx, { path: entityPath(id), query: { options: 'keyValues' } });
    expectStatus(res, [200], 'retrieving with options=keyValues');
    const e = expectObject(res, 'retrieving with options=keyValues');
    expectThat(
      e.temperature === 21 && e.status === 'ok',
      `options=keyValues must give plain values (temperature 21, status "ok"), got temperature ${JSON.stringify(e.temperature)}`,
    );
    const loc = e.location;
    expectThat(
      isObject(loc) && loc.type === 'Point',
      `options=keyValues must give the GeoJSON geometry as location, got ${JSON.stringify(loc)}`,
    );
  },

  async 'core.retrieve-concise'(ctx) {
    requireWrite(ctx);
    const id = await sharedEntity(ctx);
    const res = await send(ctx, { path: entityPath(id), query: { options: 'concise' } });
    expectStatus(res, [200], 'retrieving with options=concise');
    const e = expectObject(res, 'retrieving with options=concise');
    const t = e.temperature;
    expectThat(
      isObject(t) && t.value === 21 && t.unitCode === 'CEL' && t.type === undefined,
      `options=concise must keep sub-attributes and drop "type": {"value":21,"unitCode":"CEL"}, got ${JSON.stringify(t)}`,
    );
  },

  async 'core.update-attrs'(ctx) {
    requireWrite(ctx);
    const id = newId(ctx, 'update');
    await createEntity(ctx, probeEntity(ctx, id, { temperature: 10 }));
    const res = await send(ctx, {
      method: 'PATCH',
      path: `${entityPath(id)}/attrs`,
      json: { temperature: { type: 'Property', value: 11, unitCode: 'CEL' } },
    });
    expectStatus(res, [204], 'updating an attribute');
    const back = await send(ctx, { path: entityPath(id), query: { options: 'keyValues' } });
    expectStatus(back, [200], 'retrieving after update');
    const e = expectObject(back, 'retrieving after update');
    expectThat(
      e.temperature === 11,
      `after the update temperature must be 11, got ${JSON.stringify(e.temperature)}`,
    );
  },

  async 'core.append-attrs'(ctx) {
    requireWrite(ctx);
    const id = newId(ctx, 'append');
    await createEntity(ctx, probeEntity(ctx, id));
    const res = await send(ctx, {
      method: 'POST',
      path: `${entityPath(id)}/attrs`,
      json: { humidity: { type: 'Property', value: 55 } },
    });
    expectStatus(res, [204], 'appending an attribute');
    const back = await send(ctx, { path: entityPath(id), query: { options: 'keyValues' } });
    const e = expectObject(back, 'retrieving after append');
    expectThat(
      e.humidity === 55,
      `after the append humidity must be 55, got ${JSON.stringify(e.humidity)}`,
    );
  },

  async 'core.delete-entity'(ctx) {
    requireWrite(ctx);
    const id = newId(ctx, 'delete');
    await createEntity(ctx, probeEntity(ctx, id));
    const res = await send(ctx, { method: 'DELETE', path: entityPath(id) });
    expectStatus(res, [204], 'deleting an entity');
    const back = await send(ctx, { path: entityPath(id) });
    expectProblem(back, [404], 'ResourceNotFound', 'retrieving a deleted entity');
    ctx.ledger.forget('entity', id);
  },

  async 'core.retrieve-missing-404'(ctx) {
    const res = await send(ctx, { path: entityPath(`${ctx.idPrefix}:does-not-exist`) });
    expectProblem(res, [404], 'ResourceNotFound', 'retrieving an entity that does not exist');
  },

  async 'core.problem-details'(ctx) {
    const res = await send(ctx, {
      path: '/entities',
      query: { type: ctx.probeType, georel: 'near', geometry: 'Point', coordinates: '[17.3,62.4]' },
    });
    const body = expectProblem(res, [400], 'BadRequestData', 'a near geo-query without a distance');
    expectThat(
      typeof body.title === 'string' || typeof body.detail === 'string',
      'a ProblemDetails body should say what went wrong in title or detail',
    );
  },

  async 'core.json-link-header'(ctx) {
    const res = await send(ctx, {
      path: '/entities',
      query: { type: ctx.probeType, limit: 1 },
      headers: { accept: 'application/json' },
    });
    expectStatus(res, [200], 'querying with Accept: application/json');
    expectArray(res, 'querying with Accept: application/json');
    expectThat(
      res.mediaType === 'application/json',
      `Accept: application/json must be answered as application/json, got "${res.mediaType}"`,
    );
    expectThat(
      contextLinks(res.headers.get('link')).length === 1,
      `an application/json answer must carry one Link header with rel="${CONTEXT_REL}", got ${JSON.stringify(res.headers.get('link'))}`,
    );
  },

  async 'core.ld-json-context'(ctx) {
    requireWrite(ctx);
    const id = await sharedEntity(ctx);
    const res = await send(ctx, {
      path: entityPath(id),
      headers: { accept: 'application/ld+json' },
    });
    expectStatus(res, [200], 'retrieving with Accept: application/ld+json');
    expectThat(
      res.mediaType === 'application/ld+json',
      `Accept: application/ld+json must be answered as application/ld+json, got "${res.mediaType}"`,
    );
    const e = expectObject(res, 'retrieving as JSON-LD');
    expectThat(e['@context'] !== undefined, 'a JSON-LD answer must carry @context in the body');
  },

  async 'core.link-context-echo'(ctx) {
    requireWrite(ctx);
    const id = await sharedEntity(ctx);
    // A user context the broker can certainly resolve: hosted on the broker itself through the
    // @context management API (clause 5.13) where it offers one, so a broker without internet
    // access is not failed for that; otherwise the public Smart Data Models context.
    const hosted = await send(ctx, {
      method: 'POST',
      path: '/jsonldContexts',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ '@context': { probeName: `${PROBE_TERM_BASE}probeName` } }),
    });
    const location = hosted.status === 201 ? hosted.headers.get('location') : null;
    const hostedUrl = location
      ? new URL(location, `${ctx.probe.settings.apiRoot}/`).href
      : undefined;
    const userContext = hostedUrl ?? USER_CONTEXT;
    try {
      const link = `<${userContext}>; rel="${CONTEXT_REL}"; type="application/ld+json"`;
      const res = await send(ctx, {
        path: entityPath(id),
        headers: { accept: 'application/ld+json', link },
      });
      expectStatus(res, [200], 'retrieving with a Link @context');
      const e = expectObject(res, 'retrieving with a Link @context');
      const c = e['@context'];
      const list = Array.isArray(c) ? c : [c];
      expectThat(
        list.includes(userContext),
        `the @context of the answer must be the one given in the Link header (${userContext}), got ${JSON.stringify(c)}`,
      );
    } finally {
      if (location) {
        const path = `/jsonldContexts/${encodeURIComponent(decodeURIComponent(location.split('/').pop() ?? ''))}`;
        await send(ctx, { method: 'DELETE', path }).catch(() => undefined);
      }
    }
  },

  async 'core.accept-406'(ctx) {
    const res = await send(ctx, {
      path: '/entities',
      query: { type: ctx.probeType },
      headers: { accept: 'text/csv' },
    });
    expectStatus(res, [406], 'asking for text/csv');
  },

  async 'core.content-type-415'(ctx) {
    requireWrite(ctx);
    const id = newId(ctx, 'ct');
    ctx.ledger.track('entity', id);
    const res = await send(ctx, {
      method: 'POST',
      path: '/entities',
      body: JSON.stringify(probeEntity(ctx, id)),
      headers: { 'content-type': 'text/plain' },
    });
    expectStatus(res, [415], 'creating with Content-Type: text/plain');
  },

  async 'core.ld-body-needs-context'(ctx) {
    requireWrite(ctx);
    const id = newId(ctx, 'ldctx');
    ctx.ledger.track('entity', id);
    const res = await send(ctx, {
      method: 'POST',
      path: '/entities',
      body: JSON.stringify(probeEntity(ctx, id)),
      headers: { 'content-type': 'application/ld+json' },
    });
    expectProblem(res, [400], 'BadRequestData', 'creating as application/ld+json without @context');
  },

  async 'core.json-body-no-context'(ctx) {
    requireWrite(ctx);
    const id = newId(ctx, 'jsonctx');
    ctx.ledger.track('entity', id);
    const res = await send(ctx, {
      method: 'POST',
      path: '/entities',
      json: { ...probeEntity(ctx, id), '@context': USER_CONTEXT },
    });
    expectProblem(
      res,
      [400],
      'BadRequestData',
      'creating as application/json with @context in the body',
    );
  },
};

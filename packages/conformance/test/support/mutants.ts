/** The injected non-conformances of the mutation harness; each must be caught by a `must` check. */
import type { Mutant, ProxyAnswer, ProxyRequest } from './proxy.js';

const ETSI = 'https://uri.etsi.org/ngsi-ld/errors/';

const isEntities = (r: ProxyRequest): boolean => r.path === '/ngsi-ld/v1/entities';
const isEntity = (r: ProxyRequest): boolean => /^\/ngsi-ld\/v1\/entities\/[^/]+$/.test(r.path);
const isAttrs = (r: ProxyRequest): boolean => /^\/ngsi-ld\/v1\/entities\/.+\/attrs$/.test(r.path);
const isOp = (r: ProxyRequest, op: string): boolean =>
  r.path === `/ngsi-ld/v1/entityOperations/${op}`;

function withoutParam(r: ProxyRequest, ...names: string[]): ProxyRequest {
  const query = new URLSearchParams(r.query);
  for (const n of names) query.delete(n);
  return { ...r, query };
}

function withParam(r: ProxyRequest, name: string, value: string): ProxyRequest {
  const query = new URLSearchParams(r.query);
  query.set(name, value);
  return { ...r, query };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): ProxyAnswer {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

const NO_CONTENT: ProxyAnswer = { status: 204, headers: {}, body: '' };

function mapJson(a: ProxyAnswer, f: (body: unknown) => unknown): ProxyAnswer {
  try {
    return { ...a, body: JSON.stringify(f(JSON.parse(a.body))) };
  } catch {
    return a;
  }
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/** Every mutant; the README reports the kill rate over this list. */
export const MUTANTS: readonly Mutant[] = [
  {
    id: 'duplicate-create-201',
    fault: 'a duplicate create answers 201 instead of 409 AlreadyExists',
    profiles: ['mim1-core'],
    answer: (a, r) =>
      r.method === 'POST' && isEntities(r) && a.status === 409
        ? { status: 201, headers: {}, body: '' }
        : a,
  },
  {
    id: 'missing-location',
    fault: 'a created entity gets no Location header',
    profiles: ['mim1-core'],
    answer: (a, r) => {
      if (r.method !== 'POST' || !isEntities(r)) return a;
      const { location: _drop, ...headers } = a.headers;
      return { ...a, headers };
    },
  },
  {
    id: 'problem-type-not-etsi',
    fault: 'ProblemDetails carry a type that is not an ETSI error URI',
    profiles: ['mim1-core'],
    answer: (a) =>
      a.status >= 400
        ? mapJson(a, (b) => {
            const p = record(b);
            if (p && typeof p.type === 'string')
              p.type = p.type.replace(ETSI, 'https://errors.example.com/');
            return b;
          })
        : a,
  },
  {
    id: 'error-page-html',
    fault: 'errors come as an HTML page instead of a JSON ProblemDetails',
    profiles: ['mim1-core'],
    answer: (a) =>
      a.status >= 400
        ? {
            status: a.status,
            headers: { 'content-type': 'text/html' },
            body: '<html><body><h1>Error</h1></body></html>',
          }
        : a,
  },
  {
    id: 'missing-entity-200',
    fault: 'retrieving a missing entity answers 200 with an empty object',
    profiles: ['mim1-core'],
    answer: (a, r) => (r.method === 'GET' && isEntity(r) && a.status === 404 ? json(200, {}) : a),
  },
  {
    id: 'keyvalues-as-normalized',
    fault: 'options=keyValues is answered in normalized form',
    profiles: ['mim1-core'],
    request: (r) =>
      r.query.get('options') === 'keyValues' &&
      !isOp(r, 'query') &&
      r.path.includes('/entities/') &&
      !isAttrs(r)
        ? withoutParam(r, 'options')
        : r,
  },
  {
    id: 'concise-ignored',
    fault: 'options=concise is answered in normalized form',
    profiles: ['mim1-core'],
    request: (r) => (r.query.get('options') === 'concise' ? withoutParam(r, 'options') : r),
  },
  {
    id: 'update-not-stored',
    fault: 'an attribute update answers 204 but changes nothing',
    profiles: ['mim1-core'],
    request: (r) => (r.method === 'PATCH' && isAttrs(r) ? NO_CONTENT : r),
  },
  {
    id: 'append-not-stored',
    fault: 'an attribute append answers 204 but adds nothing',
    profiles: ['mim1-core'],
    request: (r) => (r.method === 'POST' && isAttrs(r) ? NO_CONTENT : r),
  },
  {
    id: 'delete-not-done',
    fault: 'deleting an entity answers 204 but the entity stays',
    profiles: ['mim1-core'],
    request: (r) => (r.method === 'DELETE' && isEntity(r) ? NO_CONTENT : r),
  },
  {
    id: 'link-header-missing',
    fault: 'application/json answers carry no @context Link header',
    profiles: ['mim1-core'],
    answer: (a) => {
      const { link: _drop, ...headers } = a.headers;
      return { ...a, headers };
    },
  },
  {
    id: 'ld-json-without-context',
    fault: 'application/ld+json answers have no @context in the body',
    profiles: ['mim1-core'],
    answer: (a) =>
      (a.headers['content-type'] ?? '').includes('ld+json')
        ? mapJson(a, (b) => {
            const e = record(b);
            if (e) delete e['@context'];
            return b;
          })
        : a,
  },
  {
    // Exercises the spec's rule that the answer uses the @context of the request. The testkit
    // does not expand terms yet (JSON-LD expansion is being added by another change), so this
    // mutant is caught through the echoed @context, not through term expansion.
    id: 'link-context-ignored',
    fault: 'the @context given in the Link header is ignored',
    profiles: ['mim1-core'],
    request: (r) => {
      const { link: _drop, ...headers } = r.headers;
      return { ...r, headers };
    },
  },
  {
    id: 'accept-ignored',
    fault: 'an unsupported Accept is answered with JSON instead of 406',
    profiles: ['mim1-core'],
    request: (r) =>
      r.headers.accept === 'text/csv'
        ? { ...r, headers: { ...r.headers, accept: 'application/json' } }
        : r,
  },
  {
    id: 'content-type-ignored',
    fault: 'a text/plain body is accepted instead of 415',
    profiles: ['mim1-core'],
    request: (r) =>
      r.headers['content-type'] === 'text/plain'
        ? { ...r, headers: { ...r.headers, 'content-type': 'application/json' } }
        : r,
  },
  {
    id: 'ld-body-context-not-required',
    fault: 'an application/ld+json body without @context is accepted',
    profiles: ['mim1-core'],
    request: (r) =>
      r.headers['content-type'] === 'application/ld+json' && !r.body.includes('"@context"')
        ? { ...r, headers: { ...r.headers, 'content-type': 'application/json' } }
        : r,
  },
  {
    id: 'q-ignored',
    fault: 'the q filter is ignored',
    profiles: ['mim1-query'],
    request: (r) =>
      isEntities(r) && r.query.has('q') && !r.query.get('q')?.includes('(')
        ? withoutParam(r, 'q')
        : r,
  },
  {
    id: 'q-invalid-accepted',
    fault: 'a q expression that does not parse is answered 200',
    profiles: ['mim1-query'],
    answer: (a, r) => (isEntities(r) && r.query.has('q') && a.status === 400 ? json(200, []) : a),
  },
  {
    id: 'type-filter-widened',
    fault: 'type= also returns entities of another type',
    profiles: ['mim1-query'],
    request: (r) => {
      const t = r.query.get('type');
      return isEntities(r) && t && !t.includes(',') && t.endsWith('Query')
        ? withParam(r, 'type', `${t},${t}Other`)
        : r;
    },
  },
  {
    id: 'attrs-ignored',
    fault: 'attrs= is ignored',
    profiles: ['mim1-query'],
    request: (r) => (isEntities(r) ? withoutParam(r, 'attrs') : r),
  },
  {
    id: 'geo-max-distance-ignored',
    fault: 'near;maxDistance ignores the distance',
    profiles: ['mim1-query'],
    request: (r) => {
      const g = r.query.get('georel');
      return g?.startsWith('near;maxDistance==')
        ? withParam(r, 'georel', 'near;maxDistance==10000000')
        : r;
    },
  },
  {
    id: 'geo-within-ignored',
    fault: 'georel=within is ignored',
    profiles: ['mim1-query'],
    request: (r) =>
      r.query.get('georel') === 'within' ? withoutParam(r, 'georel', 'geometry', 'coordinates') : r,
  },
  {
    id: 'limit-ignored',
    fault: 'limit= is ignored',
    profiles: ['mim1-query'],
    request: (r) => (isEntities(r) ? withoutParam(r, 'limit') : r),
  },
  {
    id: 'pagination-skips',
    fault: 'paging with offset skips an entity',
    profiles: ['mim1-query'],
    request: (r) => {
      const o = Number(r.query.get('offset') ?? 0);
      return isEntities(r) && o > 0 ? withParam(r, 'offset', String(o + 1)) : r;
    },
  },
  {
    id: 'pagination-repeats',
    fault: 'paging with offset repeats an entity',
    profiles: ['mim1-query'],
    request: (r) => {
      const o = Number(r.query.get('offset') ?? 0);
      return isEntities(r) && o > 0 ? withParam(r, 'offset', String(o - 1)) : r;
    },
  },
  {
    id: 'count-ignored',
    fault: 'count=true gives no NGSILD-Results-Count',
    profiles: ['mim1-query'],
    request: (r) => withoutParam(r, 'count'),
  },
  {
    id: 'too-broad-query-accepted',
    fault: 'a query without any filter is answered 200',
    profiles: ['mim1-query'],
    answer: (a, r) =>
      isEntities(r) && [...r.query.keys()].length === 0 && a.status === 400 ? json(200, []) : a,
  },
  {
    id: 'batch-201-on-partial-failure',
    fault: 'a batch create with a failed entity answers 201',
    profiles: ['mim1-batch'],
    answer: (a, r) =>
      isOp(r, 'create') && a.status === 207
        ? mapJson({ ...a, status: 201 }, (b) => record(b)?.success ?? [])
        : a,
  },
  {
    id: 'batch-create-no-ids',
    fault: 'a batch create answers 201 without the created ids',
    profiles: ['mim1-batch'],
    answer: (a, r) =>
      isOp(r, 'create') && a.status === 201 ? { status: 201, headers: {}, body: '' } : a,
  },
  {
    id: 'batch-upsert-ignored',
    fault: 'a batch upsert answers 204 but stores nothing',
    profiles: ['mim1-batch'],
    request: (r) => (isOp(r, 'upsert') ? NO_CONTENT : r),
  },
  {
    id: 'batch-update-204-on-missing',
    fault: 'a batch update with a missing entity answers 204',
    profiles: ['mim1-batch'],
    answer: (a, r) =>
      isOp(r, 'update') && a.status === 207 ? { status: 204, headers: {}, body: '' } : a,
  },
  {
    id: 'batch-delete-ignored',
    fault: 'a batch delete answers 204 but deletes nothing',
    profiles: ['mim1-batch'],
    request: (r) => (isOp(r, 'delete') ? NO_CONTENT : r),
  },
  {
    id: 'subscription-no-location',
    fault: 'a created subscription gets no Location header',
    profiles: ['mim1-subscriptions'],
    answer: (a, r) => {
      if (r.method !== 'POST' || !r.path.endsWith('/subscriptions')) return a;
      const { location: _drop, ...headers } = a.headers;
      return { ...a, headers };
    },
  },
  {
    id: 'subscription-list-empty',
    fault: 'GET /subscriptions lists nothing',
    profiles: ['mim1-subscriptions'],
    answer: (a, r) =>
      r.method === 'GET' && r.path === '/ngsi-ld/v1/subscriptions' ? { ...a, body: '[]' } : a,
  },
  {
    id: 'subscription-delete-ignored',
    fault: 'deleting a subscription answers 204 but it stays',
    profiles: ['mim1-subscriptions'],
    request: (r) =>
      r.method === 'DELETE' && r.path.startsWith('/ngsi-ld/v1/subscriptions/') ? NO_CONTENT : r,
  },
  {
    id: 'subscription-not-validated',
    fault: 'a subscription without entities or watchedAttributes is accepted',
    profiles: ['mim1-subscriptions'],
    request: (r) => {
      if (r.method !== 'POST' || !r.path.endsWith('/subscriptions')) return r;
      const s = JSON.parse(r.body) as Record<string, unknown>;
      if (s.entities || s.watchedAttributes) return r;
      return { ...r, body: JSON.stringify({ ...s, entities: [{ type: 'Anything' }] }) };
    },
  },
  {
    id: 'notifications-never-sent',
    fault: 'notifications are never sent',
    profiles: ['mim1-subscriptions'],
    notification: () => undefined,
  },
  {
    id: 'notification-without-changed-attribute',
    fault: 'notifications leave out the changed attribute',
    profiles: ['mim1-subscriptions'],
    notification: (body) => {
      const n = record(body);
      if (n && Array.isArray(n.data))
        n.data = n.data.map((e) => ({ id: record(e)?.id, type: record(e)?.type }));
      return body;
    },
  },
  {
    id: 'temporal-latest-only',
    fault: 'the temporal API keeps only the latest value',
    profiles: ['mim1-temporal'],
    answer: (a, r) =>
      r.path.startsWith('/ngsi-ld/v1/temporal/entities/') && a.status === 200
        ? mapJson(a, (b) => {
            const e = record(b);
            for (const [k, v] of Object.entries(e ?? {}))
              if (Array.isArray(v) && e) e[k] = v.slice(-1);
            return b;
          })
        : a,
  },
  {
    id: 'timerel-ignored',
    fault: 'timerel/timeAt are ignored',
    profiles: ['mim1-temporal'],
    request: (r) => withoutParam(r, 'timerel', 'timeAt'),
  },
  {
    id: 'tenant-ignored',
    fault: 'the NGSILD-Tenant header is ignored',
    profiles: ['mim1-tenancy'],
    request: (r) => {
      const { 'ngsild-tenant': _drop, ...headers } = r.headers;
      return { ...r, headers };
    },
  },
  {
    id: 'unknown-tenant-200',
    fault: 'a tenant that does not exist answers 200',
    profiles: ['mim1-tenancy'],
    answer: (a) => (a.status === 404 && a.body.includes('NonexistentTenant') ? json(200, []) : a),
  },
  {
    id: 'data-violates-model',
    fault: 'the live entities violate their Smart Data Model (a number given as text)',
    profiles: ['mim2-data'],
    answer: (a, r) =>
      r.query.get('type') === 'WeatherObserved' && a.status === 200
        ? mapJson(a, (b) => {
            if (!Array.isArray(b)) return b;
            return b.map((e, i) => {
              const x = record(e);
              if (x && i % 2 === 0) x.temperature = { type: 'Property', value: 'warm' };
              return e;
            });
          })
        : a,
  },
];

/** mim1-query: type, q, attrs/pick, geo-queries, pagination, count. */
import {
  type CheckContext,
  createEntity,
  expectArray,
  expectProblem,
  expectStatus,
  idsOf,
  isObject,
  memo,
  newId,
  nextLink,
  probeEntity,
  requireWrite,
  send,
} from '../internal/context.js';
import type { ProbeAnswer } from '../internal/http.js';
import { CheckFailed, CheckNotApplicable, expectThat } from '../internal/outcome.js';
import type { CheckFn } from './registry.js';

const CENTER: [number, number] = [17.3069, 62.3908];

interface QueryFixture {
  /** Ids in creation order; entity i has temperature 10*(i+1), status ok/bad alternating, lat CENTER+0.01*i. */
  readonly ids: string[];
  readonly otherType: string;
  /** The type of the five entities (only this fixture writes it). */
  readonly type: string;
}

/** Five probe entities of the run's type and one of another type, created once per run. */
function fixture(ctx: CheckContext): Promise<QueryFixture> {
  return memo(ctx, 'query.fixture', async () => {
    const ids: string[] = [];
    const type = queryType(ctx);
    for (let i = 0; i < 5; i++) {
      const id = newId(ctx, `q${i}`);
      await createEntity(
        ctx,
        probeEntity(ctx, id, {
          temperature: 10 * (i + 1),
          status: i % 2 === 0 ? 'ok' : 'bad',
          lon: CENTER[0],
          lat: CENTER[1] + 0.01 * i,
          type,
        }),
      );
      ids.push(id);
    }
    const otherType = `${type}Other`;
    await createEntity(ctx, probeEntity(ctx, newId(ctx, 'qother'), { type: otherType }));
    return { ids, otherType, type };
  });
}

/** The entity type of the query fixture. */
function queryType(ctx: CheckContext): string {
  return `${ctx.probeType}Query`;
}

function sameSet(got: string[], want: string[], doing: string): void {
  const g = [...got].sort();
  const w = [...want].sort();
  if (g.length !== w.length || g.some((x, i) => x !== w[i])) {
    throw new CheckFailed(
      `${doing}: expected ${w.length} entities [${w.map(short).join(', ')}], got ${g.length} [${g.map(short).join(', ')}]`,
    );
  }
}

function short(id: string): string {
  const cut = id.lastIndexOf(':');
  return cut >= 0 ? id.slice(cut + 1) : id;
}

async function list(
  ctx: CheckContext,
  query: Record<string, string | number>,
  doing: string,
): Promise<{ res: ProbeAnswer; items: unknown[] }> {
  const res = await send(ctx, { path: '/entities', query });
  expectStatus(res, [200], doing);
  return { res, items: expectArray(res, doing) };
}

export const queryChecks: Record<string, CheckFn> = {
  async 'query.type'(ctx) {
    requireWrite(ctx);
    const f = await fixture(ctx);
    const { items } = await list(
      ctx,
      { type: queryType(ctx), limit: 100 },
      `querying type=${f.type}`,
    );
    sameSet(idsOf(items), f.ids, `type=${f.type}`);
    expectThat(
      items.every((e) => isObject(e) && e.type === f.type),
      'every entity of a type query must have that type',
    );
  },

  async 'query.q-number'(ctx) {
    requireWrite(ctx);
    const f = await fixture(ctx);
    const { items } = await list(
      ctx,
      { type: queryType(ctx), q: 'temperature>25', limit: 100 },
      'q=temperature>25',
    );
    sameSet(idsOf(items), f.ids.slice(2), 'q=temperature>25');
  },

  async 'query.q-string'(ctx) {
    requireWrite(ctx);
    const f = await fixture(ctx);
    const { items } = await list(
      ctx,
      { type: queryType(ctx), q: 'status=="bad"', limit: 100 },
      'q=status=="bad"',
    );
    sameSet(idsOf(items), [f.ids[1] ?? '', f.ids[3] ?? ''], 'q=status=="bad"');
  },

  async 'query.q-invalid-400'(ctx) {
    const res = await send(ctx, {
      path: '/entities',
      query: { type: ctx.probeType, q: 'temperature>(((' },
    });
    expectProblem(res, [400], 'BadRequestData', 'a q expression that does not parse');
  },

  async 'query.attrs'(ctx) {
    requireWrite(ctx);
    await fixture(ctx);
    const { items } = await list(
      ctx,
      { type: queryType(ctx), attrs: 'temperature', limit: 100 },
      'attrs=temperature',
    );
    expectThat(
      items.length === 5,
      `attrs=temperature must still return the 5 entities, got ${items.length}`,
    );
    for (const e of items) {
      expectThat(
        isObject(e) && e.temperature !== undefined,
        'attrs=temperature: temperature is missing',
      );
      expectThat(
        isObject(e) && e.status === undefined && e.location === undefined,
        `attrs=temperature must leave out the other attributes, got ${Object.keys(isObject(e) ? e : {}).join(', ')}`,
      );
    }
  },

  async 'query.pick'(ctx) {
    requireWrite(ctx);
    await fixture(ctx);
    const res = await send(ctx, {
      path: '/entities',
      query: { type: queryType(ctx), pick: 'id,status', limit: 100 },
    });
    if (res.status === 400)
      throw new CheckNotApplicable('the endpoint does not support pick (NGSI-LD 1.8)');
    expectStatus(res, [200], 'pick=id,status');
    const items = expectArray(res, 'pick=id,status');
    for (const e of items) {
      expectThat(
        isObject(e) &&
          typeof e.id === 'string' &&
          e.status !== undefined &&
          e.temperature === undefined,
        `pick=id,status must keep only id and status, got ${Object.keys(isObject(e) ? e : {}).join(', ')}`,
      );
    }
  },

  async 'query.geo-near'(ctx) {
    requireWrite(ctx);
    const f = await fixture(ctx);
    const { items } = await list(
      ctx,
      {
        type: queryType(ctx),
        georel: 'near;maxDistance==2500',
        geometry: 'Point',
        coordinates: JSON.stringify(CENTER),
        limit: 100,
      },
      'near;maxDistance==2500',
    );
    // Entities lie 0, 1.1, 2.2, 3.3 and 4.5 km north of the point.
    sameSet(idsOf(items), f.ids.slice(0, 3), 'georel=near;maxDistance==2500');
  },

  async 'query.geo-within'(ctx) {
    requireWrite(ctx);
    const f = await fixture(ctx);
    const [lon, lat] = CENTER;
    const polygon = [
      [
        [lon - 0.1, lat + 0.015],
        [lon + 0.1, lat + 0.015],
        [lon + 0.1, lat + 0.5],
        [lon - 0.1, lat + 0.5],
        [lon - 0.1, lat + 0.015],
      ],
    ];
    const { items } = await list(
      ctx,
      {
        type: queryType(ctx),
        georel: 'within',
        geometry: 'Polygon',
        coordinates: JSON.stringify(polygon),
        limit: 100,
      },
      'georel=within',
    );
    sameSet(idsOf(items), f.ids.slice(2), 'georel=within a polygon');
  },

  async 'query.limit'(ctx) {
    requireWrite(ctx);
    await fixture(ctx);
    const { items } = await list(ctx, { type: queryType(ctx), limit: 2 }, 'limit=2');
    expectThat(items.length === 2, `limit=2 must return 2 of the 5 entities, got ${items.length}`);
  },

  async 'query.pagination'(ctx) {
    requireWrite(ctx);
    const f = await fixture(ctx);
    const seen: string[] = [];
    for (const offset of [0, 2, 4]) {
      const { items } = await list(
        ctx,
        { type: queryType(ctx), limit: 2, offset },
        `limit=2&offset=${offset}`,
      );
      seen.push(...idsOf(items));
    }
    const dupes = seen.filter((id, i) => seen.indexOf(id) !== i);
    expectThat(dupes.length === 0, `paging with limit=2 repeated ${dupes.map(short).join(', ')}`);
    sameSet(seen, f.ids, 'all pages of limit=2');
  },

  async 'query.link-next'(ctx) {
    requireWrite(ctx);
    const f = await fixture(ctx);
    const { res, items } = await list(ctx, { type: queryType(ctx), limit: 2 }, 'limit=2');
    const next = nextLink(res.headers.get('link'));
    if (next === undefined)
      throw new CheckNotApplicable('the endpoint gives no Link rel="next" header');
    const url = new URL(next, ctx.probe.url('/entities'));
    const path = url.pathname.replace(/^.*\/ngsi-ld\/v1/, '');
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const second = await send(ctx, { path, query });
    expectStatus(second, [200], 'following Link rel="next"');
    const more = expectArray(second, 'following Link rel="next"');
    const overlap = idsOf(more).filter((id) => idsOf(items).includes(id));
    expectThat(
      overlap.length === 0 && more.length > 0,
      'the next page must continue the first one',
    );
    expectThat(
      idsOf(more).every((id) => f.ids.includes(id)),
      'the next page must keep the query',
    );
  },

  async 'query.count'(ctx) {
    requireWrite(ctx);
    await fixture(ctx);
    const { res } = await list(
      ctx,
      { type: queryType(ctx), count: 'true', limit: 1 },
      'count=true',
    );
    const header = res.headers.get('ngsild-results-count');
    expectThat(header !== null, 'count=true must give an NGSILD-Results-Count header');
    expectThat(Number(header) === 5, `NGSILD-Results-Count must be 5, got ${header}`);
  },

  async 'query.types'(ctx) {
    const res = await send(ctx, { path: '/types' });
    expectStatus(res, [200], 'listing entity types');
    const body = res.json;
    expectThat(
      (isObject(body) && Array.isArray(body.typeList)) || Array.isArray(body),
      'GET /types must answer an EntityTypeList (typeList) or a list of types',
    );
  },

  async 'query.too-broad-400'(ctx) {
    const res = await send(ctx, { path: '/entities' });
    expectProblem(res, [400], 'BadRequestData', 'querying without type, id, q, geo-query or attrs');
  },
};

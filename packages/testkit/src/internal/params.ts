/** URI parameters shared by several endpoints. */
import type { Format } from './entity-model.js';
import type { RequestContext } from './http.js';
import { expandNames } from './jsonld/entity-terms.js';
import { badRequest, problem, RequestProblem } from './problems.js';

/** Default page size of queries. */
export const DEFAULT_LIMIT = 20;
/** Largest page a client may ask for. */
export const MAX_LIMIT = 1000;

/** Values of the comma-separated `options` parameter. */
export function optionsOf(ctx: RequestContext): Set<string> {
  const raw = ctx.query.get('options');
  return new Set(raw ? raw.split(',').map((s) => s.trim()) : []);
}

/** The requested representation (`format`, or the representation named in `options`). */
export function formatOf(ctx: RequestContext): Format {
  const format = ctx.query.get('format');
  const opts = optionsOf(ctx);
  const pick = (v: string): Format | undefined =>
    v === 'keyValues' || v === 'simplified'
      ? 'keyValues'
      : v === 'concise'
        ? 'concise'
        : v === 'normalized'
          ? 'normalized'
          : undefined;
  if (format !== undefined) {
    const f = pick(format);
    if (!f) throw badRequest('Invalid value for URI parameter /format/', format);
    return f;
  }
  for (const o of ['keyValues', 'simplified', 'concise', 'normalized'])
    if (opts.has(o)) return pick(o) as Format;
  return 'normalized';
}

/** A comma-separated list parameter. */
export function listParam(ctx: RequestContext, name: string): string[] | undefined {
  const raw = ctx.query.get(name);
  if (raw === undefined) return undefined;
  const parts = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return parts;
}

/** Projection of attributes: `pick`/`attrs` keep, `omit` leaves out. */
export function projectionOf(ctx: RequestContext): { pick?: Set<string>; omit?: Set<string> } {
  const out: { pick?: Set<string>; omit?: Set<string> } = {};
  const pick = listParam(ctx, 'pick') ?? listParam(ctx, 'attrs');
  const omit = listParam(ctx, 'omit');
  if (pick && omit)
    throw badRequest('Invalid URI parameters', "'pick' and 'omit' cannot be used together");
  if (pick) out.pick = new Set(expandNames(pick, ctx.ac));
  if (omit) out.omit = new Set(expandNames(omit, ctx.ac));
  return out;
}

function intParam(ctx: RequestContext, name: string): number | undefined {
  const raw = ctx.query.get(name);
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw))
    throw badRequest(
      `Invalid value for URI parameter /${name}/`,
      `not an integer: ${raw.slice(0, 50)}`,
    );
  return Number(raw);
}

/** limit/offset/count with the broker's rules (limit 0 only together with count=true). */
export function pagingOf(ctx: RequestContext): { limit: number; offset: number; count: boolean } {
  const count = ctx.query.get('count') === 'true' || optionsOf(ctx).has('count');
  const limit = intParam(ctx, 'limit') ?? DEFAULT_LIMIT;
  const offset = intParam(ctx, 'offset') ?? 0;
  if (offset < 0)
    throw badRequest('Invalid value for URI parameter /offset/', 'must be an integer value >= 0');
  if (limit < 0 || (limit === 0 && !count)) {
    throw badRequest(
      'Invalid value for URI parameter /limit/',
      'must be an integer value >= 1, if /count/ is not set',
    );
  }
  if (limit > MAX_LIMIT) {
    throw new RequestProblem(
      problem('TooManyResults', 'Too many results requested', `limit must be at most ${MAX_LIMIT}`),
      403,
    );
  }
  return { limit, offset, count };
}

/** The `datasetId` parameter, if given. */
export function datasetIdOf(ctx: RequestContext): string | undefined {
  const v = ctx.query.get('datasetId');
  return v === undefined || v === '' ? undefined : v;
}

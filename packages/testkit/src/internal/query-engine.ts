/**
 * The query engine: compiles the NGSI-LD query parameters (type, id, idPattern, attrs, q,
 * geo-query) into one predicate over stored entities and pages through the matches.
 * `q` and geo-queries are parsed and evaluated by `@smartcitylab/ngsi-ld`.
 */
import {
  evaluateGeoQuery,
  evaluateQuery,
  type GeoQueryInput,
  type NormalizedEntity,
  parseGeoQuery,
  parseQuery,
} from '@smartcitylab/ngsi-ld';
import { renderNormalized, type StoredEntity } from './entity-model.js';
import type { ActiveContext } from './jsonld/active-context.js';
import { compileTypeExpression, expandQuery } from './jsonld/query-terms.js';
import { badRequest, RequestProblem, toRequestProblem } from './problems.js';

/** Query selectors, as they arrive in URL parameters or a POST /entityOperations/query body. */
export interface EntitySelector {
  id?: string;
  idPattern?: string;
  type?: string;
}

/** All filters of one entity query. */
export interface QuerySpec {
  selectors: EntitySelector[];
  /** The context the names of the query are expanded with (names are used as given when absent). */
  ac?: ActiveContext | undefined;
  /** Entities must have at least one of these attributes (the `attrs` parameter). */
  attrs?: string[] | undefined;
  q?: string | undefined;
  geo?:
    | { georel: string; geometry: string; coordinates: unknown; geoproperty?: string | undefined }
    | undefined;
}

type Predicate = (e: StoredEntity) => boolean;

function compileRegex(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    throw badRequest(
      'Invalid idPattern',
      `not a valid regular expression: ${pattern.slice(0, 200)}`,
    );
  }
}

/** Splits a type parameter ("T1,T2") into names; '|' is accepted as well. */
export function splitList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const parts = value
    .split(/[,|]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return parts.length > 0 ? parts : undefined;
}

function compileSelector(sel: EntitySelector, ac: ActiveContext | undefined): Predicate {
  const types =
    sel.type === undefined
      ? undefined
      : ac
        ? compileTypeExpression(sel.type, ac)
        : (() => {
            const list = splitList(sel.type) ?? [];
            return (t: readonly string[]) => t.some((x) => list.includes(x));
          })();
  const ids = sel.id !== undefined ? new Set(splitList(sel.id)) : undefined;
  const pattern = sel.idPattern !== undefined ? compileRegex(sel.idPattern) : undefined;
  return (e) => {
    if (types && !types(e.types)) return false;
    if (ids && !ids.has(e.id)) return false;
    if (pattern && !pattern.test(e.id)) return false;
    return true;
  };
}

/**
 * Compiles a query into a predicate.
 *
 * @throws RequestProblem 400 for invalid q, geo-query or idPattern.
 */
export function compileQuery(spec: QuerySpec): Predicate {
  const checks: Predicate[] = [];
  if (spec.selectors.length > 0) {
    const sels = spec.selectors.map((s) => compileSelector(s, spec.ac));
    checks.push((e) => sels.some((s) => s(e)));
  }
  if (spec.attrs && spec.attrs.length > 0) {
    const ac = spec.ac;
    const names = ac ? spec.attrs.map((n) => ac.expand(n)) : spec.attrs;
    checks.push((e) => names.some((n) => e.attrs.has(n)));
  }
  if (spec.q !== undefined) {
    let ast: ReturnType<typeof parseQuery>;
    try {
      ast = parseQuery(spec.q);
      if (spec.ac) ast = expandQuery(ast, spec.ac);
    } catch (err) {
      const p = toRequestProblem(err);
      throw p.status === 500 ? badRequest('Invalid query', String((err as Error).message)) : p;
    }
    checks.push((e) => evaluateQuery(ast, renderNormalized(e) as unknown as NormalizedEntity));
  }
  if (spec.geo !== undefined) {
    const g = spec.geo;
    let geo: ReturnType<typeof parseGeoQuery>;
    try {
      const input: GeoQueryInput = {
        georel: g.georel,
        geometry: g.geometry as GeoQueryInput['geometry'],
        coordinates: g.coordinates,
      };
      if (g.geoproperty !== undefined) input.geoproperty = g.geoproperty;
      geo = parseGeoQuery(input);
      // Validated as the client wrote it, then looked up under its stored (expanded) name.
      if (spec.ac) geo = { ...geo, geoproperty: spec.ac.expand(geo.geoproperty) };
    } catch (err) {
      if (err instanceof RequestProblem) throw err;
      throw badRequest(
        'Invalid geo-query',
        err instanceof Error ? err.message : 'invalid geo-query',
      );
    }
    checks.push((e) => evaluateGeoQuery(geo, renderNormalized(e) as unknown as NormalizedEntity));
  }
  return (e) => {
    for (const c of checks) if (!c(e)) return false;
    return true;
  };
}

/** Result page of a query. */
export interface QueryPage {
  items: StoredEntity[];
  total: number;
}

/** Runs a compiled query over entities in insertion order, returning one page and the total. */
export function runQuery(
  entities: Iterable<StoredEntity>,
  predicate: Predicate,
  offset: number,
  limit: number,
  needTotal: boolean,
): QueryPage {
  const items: StoredEntity[] = [];
  let total = 0;
  for (const e of entities) {
    if (!predicate(e)) continue;
    if (total >= offset && items.length < limit) items.push(e);
    total += 1;
    if (!needTotal && items.length >= limit && total > offset + limit) break;
  }
  return { items, total };
}

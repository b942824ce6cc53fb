/**
 * `checkMim7`: the checks OASC MIM7 (places) asks of an OGC API Features endpoint: landing
 * page, conformance classes, collection metadata, items as valid GeoJSON, paging that neither
 * repeats nor skips, a bbox that filters, declared CRSs that work, and unique, stable ids.
 */
import { CRS84, fromCrs84, type Geometry, parseCrs, type SupportedCrs, toCrs84 } from './crs.js';
import { geometryProblem, positionsOf } from './internal/geojson.js';

/**
 * The result of one check.
 *
 * @example
 * ```ts
 * const c: Mim7Check = { id: 'paging', passed: false, message: 'page 2 repeats urn:ngsi-ld:X:1' };
 * ```
 */
export interface Mim7Check {
  id:
    | 'landing-page'
    | 'conformance'
    | 'collections'
    | 'items-geojson'
    | 'paging'
    | 'bbox'
    | 'crs'
    | 'ids'
    | 'unknown-parameter';
  passed: boolean;
  message: string;
}

/**
 * What {@link checkMim7} found: `passed` when every check passed.
 *
 * @example
 * ```ts
 * const r = await checkMim7('http://127.0.0.1:8080');
 * for (const c of r.checks) console.log(c.passed ? 'ok  ' : 'FAIL', c.id, c.message);
 * ```
 */
export interface Mim7Report {
  passed: boolean;
  checks: Mim7Check[];
}

/**
 * Options of {@link checkMim7}.
 *
 * @example
 * ```ts
 * const o: Mim7Options = { collections: ['streetlights'], pageSize: 50, requireCrs: ['EPSG:3006'] };
 * ```
 */
export interface Mim7Options {
  /** Collections to check (default: every collection listed). */
  collections?: readonly string[];
  /** Page size for the paging walk (default 25). */
  pageSize?: number;
  /** Most features the paging walk reads per collection (default 500). */
  maxFeatures?: number;
  /** CRSs each collection must declare (default `['EPSG:3006']`, SWEREF 99 TM, for Sweden). */
  requireCrs?: readonly string[];
  fetch?: typeof fetch;
}

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> | undefined;
}

class CheckFailed extends Error {}

function fail(message: string): never {
  throw new CheckFailed(message);
}

interface FeatureLike {
  type?: unknown;
  id?: unknown;
  geometry?: unknown;
  properties?: unknown;
}

interface Link {
  rel?: unknown;
  href?: unknown;
  type?: unknown;
}

function linksOf(body: Record<string, unknown> | undefined): Link[] {
  return Array.isArray(body?.links) ? (body.links as Link[]) : [];
}

function withParams(href: string, params: Record<string, string>): string {
  const u = new URL(href);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

/**
 * Runs the MIM7 checks against an OGC API Features endpoint (its landing page URL). Never
 * throws for what the server does wrong; every finding is a failed check with a message.
 *
 * @example
 * ```ts
 * const report = await checkMim7('http://127.0.0.1:8080', { collections: ['streetlights'] });
 * if (!report.passed) process.exitCode = 1;
 * ```
 */
export async function checkMim7(url: string, options: Mim7Options = {}): Promise<Mim7Report> {
  const doFetch = options.fetch ?? fetch;
  const root = url.replace(/\/+$/, '');
  const pageSize = options.pageSize ?? 25;
  const maxFeatures = options.maxFeatures ?? 500;
  const checks: Mim7Check[] = [];

  async function get(href: string, accept = 'application/json'): Promise<Answer> {
    let res: Response;
    try {
      res = await doFetch(href, { headers: { Accept: accept } });
    } catch (e) {
      return fail(`GET ${href} failed: ${(e as Error).message}`);
    }
    const text = await res.text();
    let body: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      body =
        typeof parsed === 'object' && parsed !== null
          ? (parsed as Record<string, unknown>)
          : undefined;
    } catch {
      body = undefined;
    }
    return { status: res.status, headers: res.headers, body };
  }

  async function getOk(
    href: string,
    accept?: string,
  ): Promise<Answer & { body: Record<string, unknown> }> {
    const a = await get(href, accept);
    if (a.status !== 200) fail(`GET ${href} answered ${a.status}, expected 200`);
    if (!a.body) fail(`GET ${href} did not answer a JSON object`);
    return a as Answer & { body: Record<string, unknown> };
  }

  async function run(id: Mim7Check['id'], body: () => Promise<string>): Promise<void> {
    try {
      checks.push({ id, passed: true, message: await body() });
    } catch (e) {
      checks.push({ id, passed: false, message: e instanceof Error ? e.message : String(e) });
    }
  }

  let conformance: string[] = [];
  await run('landing-page', async () => {
    const a = await getOk(`${root}/`);
    const rels = new Set(linksOf(a.body).map((l) => l.rel));
    const missing = ['self', 'conformance', 'data', 'service-desc'].filter((r) => !rels.has(r));
    if (missing.length > 0) fail(`the landing page has no link with rel ${missing.join(', ')}`);
    return 'the landing page links to the API definition, the conformance classes and the collections';
  });
  await run('conformance', async () => {
    const a = await getOk(`${root}/conformance`);
    const list = a.body.conformsTo;
    if (!Array.isArray(list) || list.some((x) => typeof x !== 'string'))
      fail('/conformance has no conformsTo list of URIs');
    conformance = list as string[];
    const need = [
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
    ];
    const missing = need.filter((c) => !conformance.includes(c));
    if (missing.length > 0) fail(`/conformance does not declare ${missing.join(', ')}`);
    return `declares ${conformance.length} conformance classes, Core and GeoJSON among them`;
  });

  interface Coll {
    id: string;
    items: string;
    crs: string[];
  }
  let colls: Coll[] = [];
  await run('collections', async () => {
    const a = await getOk(`${root}/collections`);
    if (!Array.isArray(a.body.collections)) fail('/collections has no collections array');
    const all = a.body.collections as Record<string, unknown>[];
    const wanted = options.collections ?? all.map((c) => String(c.id));
    const problems: string[] = [];
    for (const name of wanted) {
      const c = all.find((x) => x.id === name);
      if (!c) {
        problems.push(`collection "${name}" is not listed`);
        continue;
      }
      const one = await get(`${root}/collections/${encodeURIComponent(name)}`);
      if (one.status !== 200 || one.body?.id !== name)
        problems.push(`/collections/${name} does not describe collection "${name}"`);
      const items = linksOf(c).find(
        (l) => l.rel === 'items' && (l.type === undefined || /json/.test(String(l.type))),
      );
      if (typeof items?.href !== 'string') {
        problems.push(`collection "${name}" has no items link`);
        continue;
      }
      const bbox = (c.extent as { spatial?: { bbox?: unknown } } | undefined)?.spatial?.bbox;
      if (bbox !== undefined) {
        const b = (Array.isArray(bbox) ? bbox[0] : undefined) as unknown;
        if (
          !Array.isArray(b) ||
          (b.length !== 4 && b.length !== 6) ||
          b.some((x) => typeof x !== 'number')
        )
          problems.push(`collection "${name}" has a malformed extent.spatial.bbox`);
      }
      const crs = Array.isArray(c.crs) ? (c.crs as unknown[]).map(String) : [CRS84];
      for (const r of options.requireCrs ?? ['EPSG:3006']) {
        const uri = parseCrs(r).uri;
        if (!crs.includes(uri)) problems.push(`collection "${name}" does not declare ${uri}`);
      }
      colls.push({ id: name, items: items.href, crs });
    }
    if (problems.length > 0) fail(problems.join('; '));
    if (colls.length === 0) fail('no collections to check');
    return `${colls.length} collection(s) described with items links and CRSs`;
  });
  if (colls.length === 0) colls = [];

  const walked = new Map<string, FeatureLike[]>();
  await run('items-geojson', async () => {
    const problems: string[] = [];
    for (const c of colls) {
      const a = await getOk(
        withParams(c.items, { limit: String(pageSize) }),
        'application/geo+json',
      );
      const type = a.headers.get('content-type') ?? '';
      if (!/application\/geo\+json/.test(type))
        problems.push(`${c.id}: items are served as "${type}", not application/geo+json`);
      if (a.body.type !== 'FeatureCollection' || !Array.isArray(a.body.features)) {
        problems.push(`${c.id}: items are not a GeoJSON FeatureCollection`);
        continue;
      }
      const features = a.body.features as FeatureLike[];
      if (typeof a.body.numberReturned === 'number' && a.body.numberReturned !== features.length)
        problems.push(
          `${c.id}: numberReturned ${a.body.numberReturned} but ${features.length} features`,
        );
      features.forEach((f, i) => {
        if (f.type !== 'Feature') problems.push(`${c.id}: feature ${i} is not of type Feature`);
        if (typeof f.id !== 'string' && typeof f.id !== 'number')
          problems.push(`${c.id}: feature ${i} has no id`);
        if (f.geometry !== null) {
          const p = geometryProblem(f.geometry);
          if (p) problems.push(`${c.id}: feature ${String(f.id)} ${p}`);
        }
        if (typeof f.properties !== 'object')
          problems.push(`${c.id}: feature ${String(f.id)} has no properties object`);
      });
    }
    if (problems.length > 0) fail(problems.slice(0, 5).join('; '));
    return 'items are GeoJSON FeatureCollections of valid Features';
  });

  await run('paging', async () => {
    for (const c of colls) {
      const seen = new Set<string>();
      const order: FeatureLike[] = [];
      let href: string | undefined = withParams(c.items, { limit: String(pageSize) });
      let matched: number | undefined;
      let pages = 0;
      while (href !== undefined && order.length < maxFeatures) {
        const a = await getOk(href, 'application/geo+json');
        if (typeof a.body.numberMatched === 'number' && matched === undefined)
          matched = a.body.numberMatched;
        const features = Array.isArray(a.body.features) ? (a.body.features as FeatureLike[]) : [];
        pages += 1;
        for (const f of features) {
          const id = String(f.id);
          if (seen.has(id)) fail(`${c.id}: page ${pages} repeats feature ${id}`);
          seen.add(id);
          order.push(f);
        }
        const next = linksOf(a.body).find((l) => l.rel === 'next');
        href = typeof next?.href === 'string' && features.length > 0 ? next.href : undefined;
      }
      if (href === undefined && matched !== undefined && order.length !== matched)
        fail(`${c.id}: paging returned ${order.length} features but numberMatched is ${matched}`);
      const limit = Math.min(order.length, maxFeatures);
      const whole = await getOk(
        withParams(c.items, { limit: String(Math.max(limit, 1)) }),
        'application/geo+json',
      );
      const direct = (
        Array.isArray(whole.body.features) ? (whole.body.features as FeatureLike[]) : []
      ).map((f) => String(f.id));
      const walkedIds = order.slice(0, limit).map((f) => String(f.id));
      const skipped = direct.filter((id) => !seen.has(id));
      if (skipped.length > 0)
        fail(`${c.id}: paging skipped ${skipped.length} feature(s), e.g. ${skipped[0]}`);
      if (direct.length !== walkedIds.length)
        fail(
          `${c.id}: one page of ${limit} gave ${direct.length} features, paging gave ${walkedIds.length}`,
        );
      walked.set(c.id, order);
    }
    return `paged through ${[...walked.values()].reduce((n, l) => n + l.length, 0)} features without repeats or gaps`;
  });

  await run('bbox', async () => {
    for (const c of colls) {
      const features = walked.get(c.id) ?? [];
      const pts = features.flatMap((f) => (f.geometry ? positionsOf(f.geometry) : []));
      if (pts.length === 0) fail(`${c.id}: no feature has a geometry to test bbox with`);
      const [x, y] = pts[0] as number[];
      const box = [
        (x as number) - 1e-6,
        (y as number) - 1e-6,
        (x as number) + 1e-6,
        (y as number) + 1e-6,
      ];
      const inside = await getOk(
        withParams(c.items, { bbox: box.join(','), limit: String(maxFeatures) }),
        'application/geo+json',
      );
      const got = Array.isArray(inside.body.features)
        ? (inside.body.features as FeatureLike[])
        : [];
      if (got.length === 0)
        fail(`${c.id}: bbox ${box.join(',')} around a feature returned nothing`);
      // OGC bbox semantics: a feature is returned when its geometry intersects the box, so
      // one whose envelope misses the box must not be there.
      const outside = got.filter((f) => !f.geometry || geometryBoxMisses(f.geometry, box));
      if (outside.length > 0)
        fail(
          `${c.id}: bbox ${box.join(',')} returned ${outside.length} feature(s) outside it, e.g. ${String(outside[0]?.id)}`,
        );
      const far = [-179.9, -89.9, -179.8, -89.8];
      const none = await getOk(
        withParams(c.items, { bbox: far.join(',') }),
        'application/geo+json',
      );
      const n = Array.isArray(none.body.features) ? none.body.features.length : -1;
      if (n !== 0)
        fail(`${c.id}: a bbox near the South Pole returned ${n} features; bbox is not applied`);
    }
    return 'bbox keeps the features inside it and drops the others';
  });

  await run('crs', async () => {
    const problems: string[] = [];
    for (const c of colls) {
      const sample = (walked.get(c.id) ?? []).find((f) => f.geometry) as
        | (FeatureLike & { geometry: Geometry })
        | undefined;
      if (!sample) continue;
      const href = `${c.items.split('?')[0]}/${encodeURIComponent(String(sample.id))}`;
      for (const uri of c.crs) {
        let crs: SupportedCrs;
        try {
          crs = parseCrs(uri);
        } catch {
          continue; // a CRS this check cannot reproject is not judged
        }
        const a = await get(withParams(href, { crs: crs.uri }), 'application/geo+json');
        if (a.status !== 200) {
          problems.push(`${c.id}: crs=${crs.uri} answered ${a.status}`);
          continue;
        }
        const header = a.headers.get('content-crs');
        if (header !== `<${crs.uri}>`)
          problems.push(`${c.id}: crs=${crs.uri} answered Content-Crs ${header ?? '(none)'}`);
        const g = a.body?.geometry as Geometry | undefined;
        if (!g) {
          problems.push(`${c.id}: crs=${crs.uri} answered a feature without geometry`);
          continue;
        }
        const back = positionsOf(toCrs84(g, crs));
        const want = positionsOf(sample.geometry);
        const off = back.some(
          (p, i) =>
            Math.abs((p[0] as number) - (want[i]?.[0] as number)) > 1e-5 ||
            Math.abs((p[1] as number) - (want[i]?.[1] as number)) > 1e-5,
        );
        if (off || back.length !== want.length)
          problems.push(
            `${c.id}: crs=${crs.uri} coordinates do not match the CRS84 ones (expected ${JSON.stringify(positionsOf(fromCrs84(sample.geometry, crs))[0])}, got ${JSON.stringify(positionsOf(g)[0])})`,
          );
      }
    }
    if (problems.length > 0) fail(problems.slice(0, 5).join('; '));
    return 'every declared CRS answers with its Content-Crs and matching coordinates';
  });

  await run('ids', async () => {
    for (const c of colls) {
      const first = await getOk(
        withParams(c.items, { limit: String(pageSize) }),
        'application/geo+json',
      );
      const again = await getOk(
        withParams(c.items, { limit: String(pageSize) }),
        'application/geo+json',
      );
      const a = ((first.body.features as FeatureLike[] | undefined) ?? []).map((f) => String(f.id));
      const b = ((again.body.features as FeatureLike[] | undefined) ?? []).map((f) => String(f.id));
      if (a.join('\n') !== b.join('\n'))
        fail(`${c.id}: two identical requests returned different ids (${a[0]} vs ${b[0]})`);
      if (new Set(a).size !== a.length) fail(`${c.id}: ids on one page are not unique`);
      for (const id of a.slice(0, 3)) {
        const one = await get(
          `${c.items.split('?')[0]}/${encodeURIComponent(id)}`,
          'application/geo+json',
        );
        if (one.status !== 200 || String(one.body?.id) !== id)
          fail(`${c.id}: feature ${id} is not served at /items/${id}`);
      }
    }
    return 'ids are unique, stable across calls and resolve at /items/{featureId}';
  });

  await run('unknown-parameter', async () => {
    for (const c of colls) {
      const a = await get(
        withParams(c.items, { 'no-such-parameter': '1' }),
        'application/geo+json',
      );
      if (a.status !== 400)
        fail(`${c.id}: an unknown parameter answered ${a.status}, expected 400`);
      if (typeof a.body?.code !== 'string')
        fail(`${c.id}: the 400 answer is not an exception with a code`);
    }
    return 'unknown parameters get a 400 exception';
  });

  return { passed: checks.every((c) => c.passed), checks };
}

function geometryBoxMisses(g: unknown, box: number[]): boolean {
  const ps = positionsOf(g);
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [x, y] of ps) {
    minX = Math.min(minX, x as number);
    minY = Math.min(minY, y as number);
    maxX = Math.max(maxX, x as number);
    maxY = Math.max(maxY, y as number);
  }
  return (
    maxX < (box[0] as number) ||
    minX > (box[2] as number) ||
    maxY < (box[1] as number) ||
    minY > (box[3] as number)
  );
}

/**
 * `createFeaturesHandler`: a `node:http` request handler that serves NGSI-LD entity types from
 * any broker as OGC API – Features (Part 1 Core with HTML and GeoJSON, Part 2 CRS by reference).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NgsiLdClient } from '@smartcitylab/client';
import { isHttpError } from '@smartcitylab/ngsi-ld';
import {
  type CollectionConfig,
  type ResolvedCollection,
  resolveCollections,
} from './collection.js';
import { CRS84, parseCrs, supportedCrsUris } from './crs.js';
import { FeaturesError } from './errors.js';
import { type CollectionExtent, computeExtent } from './extent.js';
import { entityToFeature } from './feature.js';
import { MEDIA, negotiate, sendChunks, sendException } from './internal/http.js';
import { badParam, OgcException, onlyParams, parseItemsParams } from './internal/params.js';
import {
  renderCollection,
  renderCollections,
  renderFeature,
  renderItems,
  renderLanding,
} from './internal/views.js';
import { streamItems } from './items.js';
import { openApiDocument } from './openapi.js';

/**
 * The conformance classes this server implements.
 *
 * @example
 * ```ts
 * CONFORMANCE_CLASSES.includes('http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs'); // true
 * ```
 */
export const CONFORMANCE_CLASSES: readonly string[] = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
];

/**
 * Options of {@link createFeaturesHandler}.
 *
 * @example
 * ```ts
 * const options: FeaturesOptions = { client: createClient({ baseUrl: 'http://localhost:1026' }), collections: ['WasteContainer'] };
 * ```
 */
export interface FeaturesOptions {
  /** The NGSI-LD client the entities are read through. */
  client: NgsiLdClient;
  /** The entity types to serve; a string is a type whose collection id is its name. */
  collections: readonly (CollectionConfig | string)[];
  /** Title of the landing page (default "NGSI-LD features"). */
  title?: string;
  description?: string;
  /** Public base URL of the service (no trailing slash); by default taken from the Host header. */
  baseUrl?: string;
  /** Features per page when `limit` is absent (default 10, as OGC API Features 1.0). */
  defaultLimit?: number;
  /** Largest `limit` honoured; larger values are capped (default 10 000). */
  maxLimit?: number;
  /** Entities per broker request (default 1 000, the limit most brokers accept). */
  brokerPageSize?: number;
  /** How long a computed extent is reused, in milliseconds (default 60 000). */
  extentTtlMs?: number;
}

/**
 * A `node:http` request listener for an OGC API Features service.
 *
 * @example
 * ```ts
 * createServer(handler).listen(8080);
 * ```
 */
export type FeaturesHandler = (req: IncomingMessage, res: ServerResponse) => void;

interface Context {
  req: IncomingMessage;
  res: ServerResponse;
  base: string;
  params: URLSearchParams;
}

/**
 * Creates the request handler. The collections are checked at once; the broker is first
 * contacted on the first request.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createClient } from '@smartcitylab/client';
 * const handler = createFeaturesHandler({ client: createClient({ baseUrl: 'http://localhost:1026' }), collections: ['WasteContainer'] });
 * createServer(handler).listen(8080, '127.0.0.1');
 * ```
 * @throws {FeaturesError} code `InvalidConfiguration` for a bad collection list or limits.
 */
export function createFeaturesHandler(options: FeaturesOptions): FeaturesHandler {
  const collections = resolveCollections(options.collections);
  const byId = new Map(collections.map((c) => [c.id, c]));
  const defaultLimit = options.defaultLimit ?? 10;
  const maxLimit = options.maxLimit ?? 10_000;
  const brokerPageSize = options.brokerPageSize ?? 1000;
  if (!(defaultLimit >= 1 && maxLimit >= defaultLimit && brokerPageSize >= 1)) {
    throw new FeaturesError(
      `limits must satisfy 1 <= defaultLimit (${defaultLimit}) <= maxLimit (${maxLimit}) and brokerPageSize (${brokerPageSize}) >= 1`,
      { code: 'InvalidConfiguration' },
    );
  }
  const title = options.title ?? 'NGSI-LD features';
  const description =
    options.description ??
    `OGC API - Features over the NGSI-LD broker ${options.client.toString()}`;
  const ttl = options.extentTtlMs ?? 60_000;
  const extents = new Map<string, { at: number; value: Promise<CollectionExtent> }>();
  const client = options.client;

  function extentOf(c: ResolvedCollection): Promise<CollectionExtent> {
    const cached = extents.get(c.id);
    if (cached && Date.now() - cached.at < ttl) return cached.value;
    const value = computeExtent(client, c, brokerPageSize);
    extents.set(c.id, { at: Date.now(), value });
    value.catch(() => extents.delete(c.id));
    return value;
  }

  async function collectionJson(
    c: ResolvedCollection,
    base: string,
  ): Promise<Record<string, unknown>> {
    const e = await extentOf(c);
    const href = `${base}/collections/${encodeURIComponent(c.id)}`;
    const extent: Record<string, unknown> = {};
    if (e.bbox) extent.spatial = { bbox: [e.bbox], crs: CRS84 };
    if (e.interval)
      extent.temporal = {
        interval: [e.interval],
        trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian',
      };
    return {
      id: c.id,
      title: c.title,
      description: c.description,
      links: [
        { href, rel: 'self', type: MEDIA.json, title: 'This collection' },
        {
          href: `${href}?f=html`,
          rel: 'alternate',
          type: 'text/html',
          title: 'This collection as HTML',
        },
        {
          href: `${href}/items`,
          rel: 'items',
          type: MEDIA.geojson,
          title: `${c.title} as GeoJSON`,
        },
        {
          href: `${href}/items?f=html`,
          rel: 'items',
          type: 'text/html',
          title: `${c.title} as HTML`,
        },
      ],
      ...(Object.keys(extent).length > 0 ? { extent } : {}),
      itemType: 'feature',
      crs: supportedCrsUris(),
      storageCrs: CRS84,
    };
  }

  function send(
    ctx: Context,
    format: 'json' | 'html',
    json: unknown,
    html: () => string,
    jsonType: string = MEDIA.json,
    headers: Record<string, string> = {},
  ): void {
    if (format === 'html') sendChunks(ctx.req, ctx.res, 200, MEDIA.html, [html()], headers);
    else sendChunks(ctx.req, ctx.res, 200, jsonType, [JSON.stringify(json)], headers);
  }

  async function landing(ctx: Context): Promise<void> {
    onlyParams(ctx.params, ['f']);
    const format = negotiate(ctx.req, ctx.params);
    const b = ctx.base;
    const body = {
      title,
      description,
      links: [
        { href: `${b}/`, rel: 'self', type: MEDIA.json, title: 'This document' },
        {
          href: `${b}/?f=html`,
          rel: 'alternate',
          type: 'text/html',
          title: 'This document as HTML',
        },
        { href: `${b}/api`, rel: 'service-desc', type: MEDIA.openapi, title: 'The API definition' },
        {
          href: `${b}/api?f=html`,
          rel: 'service-doc',
          type: 'text/html',
          title: 'The API documentation',
        },
        {
          href: `${b}/conformance`,
          rel: 'conformance',
          type: MEDIA.json,
          title: 'Conformance classes',
        },
        { href: `${b}/collections`, rel: 'data', type: MEDIA.json, title: 'Collections' },
      ],
    };
    send(ctx, format, body, () => renderLanding(body));
  }

  async function conformance(ctx: Context): Promise<void> {
    onlyParams(ctx.params, ['f']);
    const body = { conformsTo: CONFORMANCE_CLASSES };
    send(ctx, negotiate(ctx.req, ctx.params), body, () =>
      renderLanding({
        title: 'Conformance',
        description: '',
        links: CONFORMANCE_CLASSES.map((href) => ({ href, rel: 'conformance' })),
      }),
    );
  }

  async function api(ctx: Context): Promise<void> {
    onlyParams(ctx.params, ['f']);
    const doc = openApiDocument(ctx.base, collections, { title, defaultLimit, maxLimit });
    send(
      ctx,
      negotiate(ctx.req, ctx.params),
      doc,
      () =>
        renderLanding({
          title: `${title}: API`,
          description: 'The OpenAPI 3.0 definition of this service.',
          links: [{ href: `${ctx.base}/api?f=json`, rel: 'service-desc', type: MEDIA.openapi }],
        }),
      MEDIA.openapi,
    );
  }

  async function listCollections(ctx: Context): Promise<void> {
    onlyParams(ctx.params, ['f']);
    const format = negotiate(ctx.req, ctx.params);
    const list = await Promise.all(collections.map((c) => collectionJson(c, ctx.base)));
    const body = {
      links: [
        { href: `${ctx.base}/collections`, rel: 'self', type: MEDIA.json, title: 'This document' },
        {
          href: `${ctx.base}/collections?f=html`,
          rel: 'alternate',
          type: 'text/html',
          title: 'This document as HTML',
        },
      ],
      collections: list,
      crs: supportedCrsUris(),
    };
    send(ctx, format, body, () => renderCollections(title, list));
  }

  async function oneCollection(ctx: Context, c: ResolvedCollection): Promise<void> {
    onlyParams(ctx.params, ['f']);
    const format = negotiate(ctx.req, ctx.params);
    const body = await collectionJson(c, ctx.base);
    send(ctx, format, body, () => renderCollection(body));
  }

  async function items(ctx: Context, c: ResolvedCollection): Promise<void> {
    const format = negotiate(ctx.req, ctx.params);
    const p = parseItemsParams(ctx.params, c, { defaultLimit, maxLimit });
    let numberMatched: number | undefined;
    const features: string[] = [];
    for await (const f of streamItems(client, c, p, brokerPageSize, (h) => {
      numberMatched = h.numberMatched;
    })) {
      features.push(f);
    }
    const href = `${ctx.base}/collections/${encodeURIComponent(c.id)}/items`;
    const pageUrl = (offset: number, f?: string): string => {
      const q = new URLSearchParams(ctx.params);
      q.set('limit', String(p.limit));
      q.set('offset', String(offset));
      if (f === undefined) q.delete('f');
      else q.set('f', f);
      return `${href}?${q.toString()}`;
    };
    const links: { href: string; rel: string; type: string; title: string }[] = [
      { href: pageUrl(p.offset), rel: 'self', type: MEDIA.geojson, title: 'This page' },
      {
        href: pageUrl(p.offset, 'html'),
        rel: 'alternate',
        type: 'text/html',
        title: 'This page as HTML',
      },
      {
        href: `${ctx.base}/collections/${encodeURIComponent(c.id)}`,
        rel: 'collection',
        type: MEDIA.json,
        title: c.title,
      },
    ];
    const more =
      numberMatched === undefined
        ? features.length === p.limit
        : p.offset + features.length < numberMatched;
    if (more)
      links.push({
        href: pageUrl(p.offset + features.length),
        rel: 'next',
        type: MEDIA.geojson,
        title: 'Next page',
      });
    if (p.offset > 0)
      links.push({
        href: pageUrl(Math.max(0, p.offset - p.limit)),
        rel: 'prev',
        type: MEDIA.geojson,
        title: 'Previous page',
      });
    const headers = { 'Content-Crs': `<${p.crs.uri}>` };
    if (format === 'html') {
      sendChunks(
        ctx.req,
        ctx.res,
        200,
        MEDIA.html,
        [renderItems(c, features, links, numberMatched)],
        headers,
      );
      return;
    }
    const head: Record<string, unknown> = { type: 'FeatureCollection' };
    if (numberMatched !== undefined) head.numberMatched = numberMatched;
    head.numberReturned = features.length;
    head.timeStamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    head.links = links;
    const start = `${JSON.stringify(head).slice(0, -1)},"features":[`;
    const chunks: string[] = [start];
    for (let i = 0; i < features.length; i++)
      chunks.push(i === 0 ? (features[i] as string) : `,${features[i]}`);
    chunks.push(']}');
    // Two answers that differ only in timeStamp carry the same data, so they share an ETag.
    const etagSource = [JSON.stringify({ ...head, timeStamp: undefined }), ...features];
    sendChunks(ctx.req, ctx.res, 200, MEDIA.geojson, chunks, headers, etagSource);
  }

  async function oneFeature(ctx: Context, c: ResolvedCollection, id: string): Promise<void> {
    onlyParams(ctx.params, ['f', 'crs']);
    const format = negotiate(ctx.req, ctx.params);
    let crs: ReturnType<typeof parseCrs>;
    try {
      crs = parseCrs(ctx.params.get('crs') ?? CRS84);
    } catch (e) {
      throw badParam(`crs: ${(e as Error).message}`);
    }
    let entity: Record<string, unknown>;
    try {
      entity = (await client.getEntity(id, { format: 'keyValues', type: c.type })) as Record<
        string,
        unknown
      >;
    } catch (e) {
      if (isHttpError(e) && (e.status === 404 || e.status === 400)) {
        throw new OgcException(404, 'NotFound', `collection "${c.id}" has no feature "${id}"`);
      }
      throw e;
    }
    const t = entity.type;
    if (t !== c.type && !(Array.isArray(t) && t.includes(c.type))) {
      throw new OgcException(404, 'NotFound', `collection "${c.id}" has no feature "${id}"`);
    }
    const href = `${ctx.base}/collections/${encodeURIComponent(c.id)}/items/${encodeURIComponent(id)}`;
    const feature = entityToFeature(entity, c, crs);
    feature.links = [
      { href, rel: 'self', type: MEDIA.geojson, title: 'This feature' },
      {
        href: `${href}?f=html`,
        rel: 'alternate',
        type: 'text/html',
        title: 'This feature as HTML',
      },
      {
        href: `${ctx.base}/collections/${encodeURIComponent(c.id)}`,
        rel: 'collection',
        type: MEDIA.json,
        title: c.title,
      },
    ];
    send(ctx, format, feature, () => renderFeature(c, feature), MEDIA.geojson, {
      'Content-Crs': `<${crs.uri}>`,
    });
  }

  async function route(ctx: Context, path: string): Promise<void> {
    const parts = path
      .split('/')
      .filter((s) => s.length > 0)
      .map(decodeURIComponent);
    if (parts.length === 0) return landing(ctx);
    if (parts.length === 1 && parts[0] === 'conformance') return conformance(ctx);
    if (parts.length === 1 && parts[0] === 'api') return api(ctx);
    if (parts[0] === 'collections') {
      if (parts.length === 1) return listCollections(ctx);
      const c = byId.get(parts[1] as string);
      if (!c)
        throw new OgcException(
          404,
          'NotFound',
          `no collection "${parts[1]}"; see ${ctx.base}/collections`,
        );
      if (parts.length === 2) return oneCollection(ctx, c);
      if (parts[2] === 'items' && parts.length === 3) return items(ctx, c);
      if (parts[2] === 'items' && parts.length === 4) return oneFeature(ctx, c, parts[3] as string);
    }
    throw new OgcException(404, 'NotFound', `no resource at ${path}; start at ${ctx.base}/`);
  }

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const base = options.baseUrl ?? `http://${req.headers.host ?? 'localhost'}`;
    const ctx: Context = { req, res, base, params: url.searchParams };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendException(
        req,
        res,
        405,
        'MethodNotAllowed',
        `${req.method} is not supported; this service is read-only (GET, HEAD)`,
      );
      return;
    }
    let path: string;
    try {
      path = url.pathname;
      decodeURIComponent(path);
    } catch {
      sendException(
        req,
        res,
        400,
        'InvalidParameterValue',
        'the path is not valid percent-encoding',
      );
      return;
    }
    route(ctx, path).catch((e: unknown) => {
      if (res.headersSent) {
        res.destroy(e instanceof Error ? e : undefined);
        return;
      }
      if (e instanceof OgcException) sendException(req, res, e.status, e.code, e.message);
      else if (e instanceof FeaturesError) sendException(req, res, 400, e.code, e.message);
      else if (isHttpError(e) && e.status === 400)
        sendException(
          req,
          res,
          400,
          'InvalidParameterValue',
          `the broker refused the query: ${e.message}`,
        );
      else
        sendException(
          req,
          res,
          502,
          'BrokerError',
          `the NGSI-LD broker could not answer: ${e instanceof Error ? e.message : String(e)}`,
        );
    });
  };
}

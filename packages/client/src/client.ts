import { NgsiLdError } from '@smartcitylab/ngsi-ld';
import { defaultFetch } from '#default-fetch';
import { type BatchOptions, type BatchResult, runBatch } from './batch.js';
import { createAuthProvider } from './internal/auth.js';
import { PageIterator } from './internal/page-iterator.js';
import {
  assertId,
  entityQueryParams,
  formatOptions,
  idFromLocation,
  list,
  readUpdateResult,
  seg,
} from './internal/params.js';
import { type QueryValue, type RequestSpec, Transport } from './internal/transport.js';
import { checkAgainstModel } from './model-check.js';
import type { CallOptions, ClientOptions, FetchLike } from './options.js';
import type { SubscriptionInput } from './subscription.js';
import {
  fetchTemporal,
  type TemporalEntity,
  type TemporalOptions,
  type TemporalQueryOptions,
  temporalQuery,
} from './temporal.js';
import type {
  EntityFormat,
  EntityOf,
  FormatOf,
  GetEntityOptions,
  JsonObject,
  ModelLike,
  QueryEntitiesOptions,
  QueryPage,
  UpdateResult,
} from './types.js';

/**
 * Options of the batch upsert.
 *
 * @example
 * ```ts
 * await client.upsertEntities(entities, { mode: 'replace' });
 * ```
 */
export interface UpsertOptions extends BatchOptions {
  /** `'update'` merges attributes into existing entities, `'replace'` (default) replaces them. */
  mode?: 'update' | 'replace';
}

/**
 * Options of a batch query (`POST /entityOperations/query`).
 *
 * @example
 * ```ts
 * await client.queryBatch({ type: 'Query', entities: [{ type: 'Building' }] }, { limit: 100 });
 * ```
 */
export interface BatchQueryOptions extends CallOptions {
  limit?: number;
  offset?: number;
  count?: boolean;
  format?: EntityFormat;
}

/**
 * An NGSI-LD API client bound to one broker. Build it with {@link createClient}.
 * Credentials live in a closure: they never show in `JSON.stringify(client)`,
 * `String(client)`, errors or hook events.
 *
 * @example
 * ```ts
 * const client = createClient({ baseUrl: 'http://localhost:1026' });
 * const building = await client.getEntity('urn:ngsi-ld:Building:1', { format: 'concise' });
 * ```
 */
export class NgsiLdClient {
  readonly #t: Transport;
  readonly #batchSize: number;
  readonly #batchConcurrency: number;

  /** @internal Use {@link createClient}. */
  constructor(options: ClientOptions) {
    if (typeof options?.baseUrl !== 'string' || !/^https?:\/\//i.test(options.baseUrl)) {
      throw new NgsiLdError(
        `baseUrl must be an http(s) URL such as 'http://localhost:1026', got ${JSON.stringify(options?.baseUrl)}`,
        { code: 'BadRequestData' },
      );
    }
    // On Node the default is node:http (the `node` condition of #default-fetch); elsewhere fetch.
    const fetchImpl: FetchLike = options.fetch ?? defaultFetch();
    this.#t = new Transport({
      baseUrl: options.baseUrl,
      tenant: options.tenant,
      context: options.context,
      fetch: fetchImpl,
      auth: createAuthProvider(options.auth, fetchImpl),
      timeoutMs: options.timeoutMs ?? 30_000,
      retry: {
        retries: options.retry?.retries ?? 3,
        baseDelayMs: options.retry?.baseDelayMs ?? 100,
        maxDelayMs: options.retry?.maxDelayMs ?? 5_000,
        maxRetryAfterMs: options.retry?.maxRetryAfterMs ?? 60_000,
      },
      hooks: options.hooks ?? {},
      headers: { ...options.headers },
    });
    this.#batchSize = options.batchSize ?? 1000;
    this.#batchConcurrency = options.batchConcurrency ?? 1;
  }

  /**
   * The broker URL and tenant; never credentials.
   *
   * @example
   * ```ts
   * JSON.stringify(client); // '{"baseUrl":"http://localhost:1026","tenant":"malmo"}'
   * ```
   */
  toJSON(): { baseUrl: string; tenant?: string } {
    const t = this.#t.tenant;
    return t ? { baseUrl: this.#t.baseUrl, tenant: t } : { baseUrl: this.#t.baseUrl };
  }

  /**
   * `NgsiLdClient(<baseUrl>)`, without credentials.
   *
   * @example
   * ```ts
   * String(client); // 'NgsiLdClient(http://localhost:1026)'
   * ```
   */
  toString(): string {
    return `NgsiLdClient(${this.#t.baseUrl})`;
  }

  #send(spec: RequestSpec) {
    return this.#t.send(spec);
  }

  // ---------------------------------------------------------------- entities

  /**
   * Creates an entity (`POST /entities`) and returns its id.
   *
   * @example
   * ```ts
   * await client.createEntity({ id: 'urn:ngsi-ld:Building:1', type: 'Building', name: { type: 'Property', value: 'Town hall' } });
   * ```
   * @throws {HttpError} code `AlreadyExists` (409) when the id is taken, `BadRequestData` on an invalid entity.
   * @throws {NetworkError | TimeoutError} when the broker cannot be reached (never resent blindly).
   */
  async createEntity(entity: JsonObject, options?: CallOptions): Promise<string> {
    const res = await this.#send({
      method: 'POST',
      path: '/entities',
      body: entity,
      idempotent: false,
      call: options,
    });
    return idFromLocation(res.headers.get('location'), entity);
  }

  /**
   * Reads one entity in the asked representation.
   *
   * @example
   * ```ts
   * const e = await client.getEntity('urn:ngsi-ld:Building:1', { format: 'keyValues', pick: ['name'] });
   * ```
   * @throws {HttpError} code `ResourceNotFound` (404) when there is no such entity.
   */
  async getEntity<const O extends GetEntityOptions = Record<never, never>>(
    id: string,
    options?: O,
  ): Promise<EntityOf<undefined, FormatOf<O>>> {
    assertId(id, 'entity id');
    const o: GetEntityOptions = options ?? {};
    const res = await this.#send({
      method: 'GET',
      path: `/entities/${seg(id)}`,
      query: {
        type: o.type,
        attrs: list(o.attrs),
        pick: list(o.pick),
        omit: list(o.omit),
        lang: o.lang,
        options: formatOptions(o.format, o.sysAttrs),
      },
      idempotent: true,
      call: o,
    });
    return res.body as EntityOf<undefined, FormatOf<O>>;
  }

  /**
   * Replaces a whole entity (`PUT /entities/{id}`, NGSI-LD 1.8).
   *
   * @example
   * ```ts
   * await client.replaceEntity({ id, type: 'Building', name: { type: 'Property', value: 'New name' } });
   * ```
   * @throws {HttpError} code `ResourceNotFound` when the entity does not exist.
   */
  async replaceEntity(entity: JsonObject & { id: string }, options?: CallOptions): Promise<void> {
    assertId(entity?.id, 'entity.id');
    await this.#send({
      method: 'PUT',
      path: `/entities/${seg(entity.id)}`,
      body: entity,
      idempotent: true,
      call: options,
    });
  }

  /**
   * Updates existing attributes (`PATCH /entities/{id}/attrs`); attributes the entity lacks
   * come back in `notUpdated`.
   *
   * @example
   * ```ts
   * await client.updateEntity(id, { temperature: { type: 'Property', value: 21 } });
   * ```
   * @throws {HttpError} code `ResourceNotFound` when the entity does not exist.
   */
  async updateEntity(
    id: string,
    fragment: JsonObject,
    options?: CallOptions,
  ): Promise<UpdateResult> {
    assertId(id, 'entity id');
    const res = await this.#send({
      method: 'PATCH',
      path: `/entities/${seg(id)}/attrs`,
      body: fragment,
      idempotent: false,
      call: options,
    });
    return readUpdateResult(res.status, res.body, fragment);
  }

  /**
   * Merges a fragment into an entity (`PATCH /entities/{id}`): adds missing attributes,
   * overwrites present ones, `urn:ngsi-ld:null` deletes.
   *
   * @example
   * ```ts
   * await client.mergeEntity(id, { status: { type: 'Property', value: 'open' } });
   * ```
   * @throws {HttpError} code `ResourceNotFound` when the entity does not exist.
   */
  async mergeEntity(id: string, fragment: JsonObject, options?: CallOptions): Promise<void> {
    assertId(id, 'entity id');
    await this.#send({
      method: 'PATCH',
      path: `/entities/${seg(id)}`,
      body: fragment,
      idempotent: false,
      call: options,
    });
  }

  /**
   * Appends attributes (`POST /entities/{id}/attrs`); with `noOverwrite` existing ones
   * are kept and reported in `notUpdated`.
   *
   * @example
   * ```ts
   * await client.appendAttributes(id, { height: { type: 'Property', value: 30 } }, { noOverwrite: true });
   * ```
   * @throws {HttpError} code `ResourceNotFound` when the entity does not exist.
   */
  async appendAttributes(
    id: string,
    fragment: JsonObject,
    options?: CallOptions & { noOverwrite?: boolean },
  ): Promise<UpdateResult> {
    assertId(id, 'entity id');
    const res = await this.#send({
      method: 'POST',
      path: `/entities/${seg(id)}/attrs`,
      query: { options: options?.noOverwrite ? 'noOverwrite' : undefined },
      body: fragment,
      idempotent: false,
      call: options,
    });
    return readUpdateResult(res.status, res.body, fragment);
  }

  /**
   * Partially updates one attribute (`PATCH /entities/{id}/attrs/{attr}`).
   *
   * @example
   * ```ts
   * await client.updateAttribute(id, 'temperature', { value: 22 }, { datasetId: 'urn:ngsi-ld:Dataset:raw' });
   * ```
   * @throws {HttpError} code `ResourceNotFound` when the entity or attribute does not exist.
   */
  async updateAttribute(
    id: string,
    attribute: string,
    value: JsonObject,
    options?: CallOptions & { datasetId?: string },
  ): Promise<void> {
    assertId(id, 'entity id');
    assertId(attribute, 'attribute name');
    const body = options?.datasetId ? { ...value, datasetId: options.datasetId } : value;
    await this.#send({
      method: 'PATCH',
      path: `/entities/${seg(id)}/attrs/${seg(attribute)}`,
      body,
      idempotent: false,
      call: options,
    });
  }

  /**
   * Deletes one attribute, one dataset of it (`datasetId`) or all of its datasets (`deleteAll`).
   *
   * @example
   * ```ts
   * await client.deleteAttribute(id, 'temperature', { deleteAll: true });
   * ```
   * @throws {HttpError} code `ResourceNotFound` when the entity or attribute does not exist.
   */
  async deleteAttribute(
    id: string,
    attribute: string,
    options?: CallOptions & { datasetId?: string; deleteAll?: boolean },
  ): Promise<void> {
    assertId(id, 'entity id');
    assertId(attribute, 'attribute name');
    await this.#send({
      method: 'DELETE',
      path: `/entities/${seg(id)}/attrs/${seg(attribute)}`,
      query: { datasetId: options?.datasetId, deleteAll: options?.deleteAll ? 'true' : undefined },
      idempotent: true,
      call: options,
    });
  }

  /**
   * Deletes an entity.
   *
   * @example
   * ```ts
   * await client.deleteEntity('urn:ngsi-ld:Building:1');
   * ```
   * @throws {HttpError} code `ResourceNotFound` when there is no such entity.
   */
  async deleteEntity(id: string, options?: CallOptions & { type?: string }): Promise<void> {
    assertId(id, 'entity id');
    await this.#send({
      method: 'DELETE',
      path: `/entities/${seg(id)}`,
      query: { type: options?.type },
      idempotent: true,
      call: options,
    });
  }

  // ---------------------------------------------------------------- queries

  /**
   * Queries entities (`GET /entities`) — one page. Pass a model as `type` with
   * `format: 'keyValues'` for typed results.
   *
   * @example
   * ```ts
   * const { entities, count } = await client.queryEntities({ type: 'AirQualityObserved', q: 'no2>40', count: true, limit: 100 });
   * ```
   * @throws {HttpError} code `BadRequestData` on an invalid query, `TooManyResults` when the broker refuses.
   */
  async queryEntities<const O extends QueryEntitiesOptions>(
    options: O,
  ): Promise<QueryPage<EntityOf<O['type'], FormatOf<O>>>> {
    const res = await this.#send({
      method: 'GET',
      path: '/entities',
      query: entityQueryParams(options),
      idempotent: true,
      call: options,
    });
    const entities = (Array.isArray(res.body) ? res.body : []) as EntityOf<
      O['type'],
      FormatOf<O>
    >[];
    const model = options.type;
    if (
      typeof model === 'object' &&
      model !== null &&
      !Array.isArray(model) &&
      options.validate !== false
    ) {
      const partial =
        options.attrs !== undefined || options.pick !== undefined || options.omit !== undefined;
      checkAgainstModel(model as ModelLike, entities, options.format, partial);
    }
    const page: QueryPage<EntityOf<O['type'], FormatOf<O>>> = { entities };
    const count = res.headers.get('ngsild-results-count');
    if (count !== null && /^\d+$/.test(count.trim())) page.count = Number(count);
    return page;
  }

  /**
   * Iterates over every matching entity, requesting page after page (`limit`, default
   * 1 000) until the broker has no more.
   *
   * @example
   * ```ts
   * for await (const e of client.queryAll({ type: 'Streetlight', format: 'keyValues' })) console.log(e.id);
   * ```
   * @throws {HttpError} as {@link NgsiLdClient.queryEntities}.
   * @throws {NgsiLdError} code `OperationNotSupported` when the broker ignores `offset`.
   */
  queryAll<const O extends QueryEntitiesOptions>(
    options: O,
  ): AsyncGenerator<EntityOf<O['type'], FormatOf<O>>, void, undefined> {
    let limit = 0;
    let offset = 0;
    let started = false;
    let last = false;
    let previousFirst: unknown;
    return new PageIterator(async () => {
      // Read on the first page, as the body of a generator would be.
      if (!started) {
        started = true;
        limit = options.limit ?? 1000;
        offset = options.offset ?? 0;
      } else if (last) return undefined;
      const page = await this.queryEntities({ ...options, limit, offset, count: false });
      const first = (page.entities[0] as { id?: unknown } | undefined)?.id;
      if (first !== undefined && first === previousFirst) {
        // A broker that ignores offset would otherwise be paged forever.
        throw new NgsiLdError(
          `the broker answered offset ${offset} with the same page as before; it seems to ignore offset, so queryAll cannot page`,
          { code: 'OperationNotSupported' },
        );
      }
      previousFirst = first;
      last = page.entities.length < limit;
      offset += page.entities.length;
      return page.entities;
    });
  }

  // ---------------------------------------------------------------- batch

  #batch(
    op: 'create' | 'upsert' | 'update' | 'merge' | 'delete',
    items: readonly unknown[],
    query: Record<string, string | undefined>,
    idempotent: boolean,
    o: BatchOptions | undefined,
  ): Promise<BatchResult> {
    if (!Array.isArray(items)) {
      throw new NgsiLdError(`${op} expects an array, got ${typeof items}`, {
        code: 'BadRequestData',
      });
    }
    return runBatch(
      this.#t,
      op,
      items,
      query,
      idempotent,
      o?.batchSize ?? this.#batchSize,
      o?.concurrency ?? this.#batchConcurrency,
      o,
    );
  }

  /**
   * Creates many entities (`POST /entityOperations/create`), chunked. Never throws on
   * partial failure; not resent after an ambiguous failure (it is not idempotent).
   *
   * @example
   * ```ts
   * const { success, errors } = await client.createEntities(entities);
   * ```
   * @throws {NgsiLdError} only when `entities` is not an array or the call is aborted.
   */
  createEntities(entities: readonly JsonObject[], options?: BatchOptions): Promise<BatchResult> {
    return this.#batch('create', entities, {}, false, options);
  }

  /**
   * Creates or replaces (`mode: 'replace'`, default) / updates (`mode: 'update'`) many
   * entities, chunked and retried (upsert is idempotent).
   *
   * @example
   * ```ts
   * const { errors } = await client.upsertEntities(entities, { mode: 'update', batchSize: 500 });
   * ```
   * @throws {NgsiLdError} only when `entities` is not an array or the call is aborted.
   */
  upsertEntities(entities: readonly JsonObject[], options?: UpsertOptions): Promise<BatchResult> {
    return this.#batch(
      'upsert',
      entities,
      { options: options?.mode === 'update' ? 'update' : undefined },
      true,
      options,
    );
  }

  /**
   * Updates attributes of many existing entities (`POST /entityOperations/update`).
   *
   * @example
   * ```ts
   * await client.updateEntities([{ id, type: 'Building', height: { type: 'Property', value: 31 } }]);
   * ```
   * @throws {NgsiLdError} only when `entities` is not an array or the call is aborted.
   */
  updateEntities(
    entities: readonly JsonObject[],
    options?: BatchOptions & { noOverwrite?: boolean },
  ): Promise<BatchResult> {
    return this.#batch(
      'update',
      entities,
      { options: options?.noOverwrite ? 'noOverwrite' : undefined },
      true,
      options,
    );
  }

  /**
   * Merges fragments into many entities (`POST /entityOperations/merge`).
   *
   * @example
   * ```ts
   * await client.mergeEntities([{ id, type: 'Building', status: { type: 'Property', value: 'closed' } }]);
   * ```
   * @throws {NgsiLdError} only when `entities` is not an array or the call is aborted.
   */
  mergeEntities(entities: readonly JsonObject[], options?: BatchOptions): Promise<BatchResult> {
    return this.#batch('merge', entities, {}, true, options);
  }

  /**
   * Deletes many entities by id (`POST /entityOperations/delete`).
   *
   * @example
   * ```ts
   * const { errors } = await client.deleteEntities(['urn:ngsi-ld:Building:1', 'urn:ngsi-ld:Building:2']);
   * ```
   * @throws {NgsiLdError} only when `ids` is not an array or the call is aborted.
   */
  deleteEntities(ids: readonly string[], options?: BatchOptions): Promise<BatchResult> {
    return this.#batch('delete', ids, {}, true, options);
  }

  /**
   * Queries with a Query body (`POST /entityOperations/query`), for filters too long for a URL.
   *
   * @example
   * ```ts
   * const { entities } = await client.queryBatch({ type: 'Query', entities: [{ type: 'Building' }], q: 'height>20' });
   * ```
   * @throws {HttpError} code `BadRequestData` on an invalid query.
   */
  async queryBatch(query: JsonObject, options?: BatchQueryOptions): Promise<QueryPage<JsonObject>> {
    const res = await this.#send({
      method: 'POST',
      path: '/entityOperations/query',
      query: {
        limit: options?.limit,
        offset: options?.offset,
        count: options?.count ? 'true' : undefined,
        options: formatOptions(options?.format, false),
      },
      body: { type: 'Query', ...query },
      idempotent: true,
      call: options,
    });
    const page: QueryPage<JsonObject> = {
      entities: Array.isArray(res.body) ? (res.body as JsonObject[]) : [],
    };
    const count = res.headers.get('ngsild-results-count');
    if (count !== null && /^\d+$/.test(count.trim())) page.count = Number(count);
    return page;
  }

  // ---------------------------------------------------------------- discovery

  /**
   * Lists entity types (`GET /types`); with `details` the full EntityTypeInfo objects.
   *
   * @example
   * ```ts
   * const types = await client.listTypes();
   * ```
   * @throws {HttpError} when the broker answers an error.
   */
  async listTypes(
    options?: CallOptions & { details?: boolean },
  ): Promise<JsonObject | JsonObject[]> {
    const res = await this.#send({
      method: 'GET',
      path: '/types',
      query: { details: options?.details ? 'true' : undefined },
      idempotent: true,
      call: options,
    });
    return res.body as JsonObject | JsonObject[];
  }

  /**
   * Details of one entity type (`GET /types/{type}`).
   *
   * @example
   * ```ts
   * const info = await client.getType('Building');
   * ```
   * @throws {HttpError} code `ResourceNotFound` when the type is unknown.
   */
  async getType(type: string, options?: CallOptions): Promise<JsonObject> {
    assertId(type, 'type');
    const res = await this.#send({
      method: 'GET',
      path: `/types/${seg(type)}`,
      idempotent: true,
      call: options,
    });
    return res.body as JsonObject;
  }

  /**
   * Lists attributes (`GET /attributes`); with `details` the full Attribute objects.
   *
   * @example
   * ```ts
   * const attrs = await client.listAttributes({ details: true });
   * ```
   * @throws {HttpError} when the broker answers an error.
   */
  async listAttributes(
    options?: CallOptions & { details?: boolean },
  ): Promise<JsonObject | JsonObject[]> {
    const res = await this.#send({
      method: 'GET',
      path: '/attributes',
      query: { details: options?.details ? 'true' : undefined },
      idempotent: true,
      call: options,
    });
    return res.body as JsonObject | JsonObject[];
  }

  /**
   * Details of one attribute (`GET /attributes/{attr}`).
   *
   * @example
   * ```ts
   * const info = await client.getAttribute('temperature');
   * ```
   * @throws {HttpError} code `ResourceNotFound` when the attribute is unknown.
   */
  async getAttribute(attribute: string, options?: CallOptions): Promise<JsonObject> {
    assertId(attribute, 'attribute name');
    const res = await this.#send({
      method: 'GET',
      path: `/attributes/${seg(attribute)}`,
      idempotent: true,
      call: options,
    });
    return res.body as JsonObject;
  }

  // ---------------------------------------------------------------- generic resources

  async #createResource(
    path: string,
    body: JsonObject,
    options: CallOptions | undefined,
  ): Promise<string> {
    const res = await this.#send({ method: 'POST', path, body, idempotent: false, call: options });
    return idFromLocation(res.headers.get('location'), body);
  }

  async #listResource(
    path: string,
    options: (CallOptions & { limit?: number; offset?: number }) | undefined,
  ): Promise<JsonObject[]> {
    const res = await this.#send({
      method: 'GET',
      path,
      query: { limit: options?.limit, offset: options?.offset },
      idempotent: true,
      call: options,
    });
    return Array.isArray(res.body) ? (res.body as JsonObject[]) : [];
  }

  async #getResource(
    path: string,
    id: string,
    options: CallOptions | undefined,
  ): Promise<JsonObject> {
    assertId(id, 'id');
    const res = await this.#send({
      method: 'GET',
      path: `${path}/${seg(id)}`,
      idempotent: true,
      call: options,
    });
    return res.body as JsonObject;
  }

  async #patchResource(
    path: string,
    id: string,
    body: JsonObject,
    options: CallOptions | undefined,
  ): Promise<void> {
    assertId(id, 'id');
    await this.#send({
      method: 'PATCH',
      path: `${path}/${seg(id)}`,
      body,
      idempotent: false,
      call: options,
    });
  }

  async #deleteResource(
    path: string,
    id: string,
    options: CallOptions | undefined,
    query?: Record<string, QueryValue>,
  ): Promise<void> {
    assertId(id, 'id');
    await this.#send({
      method: 'DELETE',
      path: `${path}/${seg(id)}`,
      ...(query ? { query } : {}),
      idempotent: true,
      call: options,
    });
  }

  // ---------------------------------------------------------------- subscriptions

  /**
   * Creates a subscription and returns its id.
   *
   * @example
   * ```ts
   * const id = await client.createSubscription({
   *   type: 'Subscription', entities: [{ type: 'Building' }],
   *   notification: { endpoint: { uri: 'http://127.0.0.1:3000/notify', accept: 'application/json' } },
   * });
   * ```
   * @throws {HttpError} code `BadRequestData` on an invalid subscription, `AlreadyExists` on a taken id.
   */
  createSubscription(subscription: SubscriptionInput, options?: CallOptions): Promise<string> {
    const body: JsonObject = { type: 'Subscription', ...(subscription as unknown as JsonObject) };
    if (subscription.q !== undefined) body.q = String(subscription.q);
    return this.#createResource('/subscriptions', body, options);
  }

  /**
   * Lists subscriptions.
   *
   * @example
   * ```ts
   * const subs = await client.listSubscriptions({ limit: 100 });
   * ```
   * @throws {HttpError} when the broker answers an error.
   */
  listSubscriptions(
    options?: CallOptions & { limit?: number; offset?: number },
  ): Promise<JsonObject[]> {
    return this.#listResource('/subscriptions', options);
  }

  /**
   * Reads one subscription.
   *
   * @example
   * ```ts
   * const sub = await client.getSubscription(id);
   * ```
   * @throws {HttpError} code `ResourceNotFound` when there is no such subscription.
   */
  getSubscription(id: string, options?: CallOptions): Promise<JsonObject> {
    return this.#getResource('/subscriptions', id, options);
  }

  /**
   * Updates members of a subscription (`PATCH`).
   *
   * @example
   * ```ts
   * await client.updateSubscription(id, { isActive: false });
   * ```
   * @throws {HttpError} code `ResourceNotFound` when there is no such subscription.
   */
  updateSubscription(id: string, changes: JsonObject, options?: CallOptions): Promise<void> {
    return this.#patchResource('/subscriptions', id, changes, options);
  }

  /**
   * Deletes a subscription.
   *
   * @example
   * ```ts
   * await client.deleteSubscription(id);
   * ```
   * @throws {HttpError} code `ResourceNotFound` when there is no such subscription.
   */
  deleteSubscription(id: string, options?: CallOptions): Promise<void> {
    return this.#deleteResource('/subscriptions', id, options);
  }

  // ---------------------------------------------------------------- context source registrations

  /**
   * Registers a context source and returns the registration id.
   *
   * @example
   * ```ts
   * await client.createRegistration({ type: 'ContextSourceRegistration', information: [{ entities: [{ type: 'Building' }] }], endpoint: 'http://cs.example' });
   * ```
   * @throws {HttpError} code `BadRequestData` on an invalid registration.
   */
  createRegistration(registration: JsonObject, options?: CallOptions): Promise<string> {
    return this.#createResource(
      '/csourceRegistrations',
      { type: 'ContextSourceRegistration', ...registration },
      options,
    );
  }

  /**
   * Lists context source registrations.
   *
   * @example
   * ```ts
   * const regs = await client.listRegistrations();
   * ```
   * @throws {HttpError} when the broker answers an error.
   */
  listRegistrations(
    options?: CallOptions & { limit?: number; offset?: number },
  ): Promise<JsonObject[]> {
    return this.#listResource('/csourceRegistrations', options);
  }

  /**
   * Reads one context source registration.
   *
   * @example
   * ```ts
   * const reg = await client.getRegistration(id);
   * ```
   * @throws {HttpError} code `ResourceNotFound` when there is no such registration.
   */
  getRegistration(id: string, options?: CallOptions): Promise<JsonObject> {
    return this.#getResource('/csourceRegistrations', id, options);
  }

  /**
   * Updates members of a context source registration (`PATCH`).
   *
   * @example
   * ```ts
   * await client.updateRegistration(id, { endpoint: 'http://cs2.example' });
   * ```
   * @throws {HttpError} code `ResourceNotFound` when there is no such registration.
   */
  updateRegistration(id: string, changes: JsonObject, options?: CallOptions): Promise<void> {
    return this.#patchResource('/csourceRegistrations', id, changes, options);
  }

  /**
   * Deletes a context source registration.
   *
   * @example
   * ```ts
   * await client.deleteRegistration(id);
   * ```
   * @throws {HttpError} code `ResourceNotFound` when there is no such registration.
   */
  deleteRegistration(id: string, options?: CallOptions): Promise<void> {
    return this.#deleteResource('/csourceRegistrations', id, options);
  }

  // ---------------------------------------------------------------- @context store

  /**
   * Lists the `@context`s the broker holds (`GET /jsonldContexts`).
   *
   * @example
   * ```ts
   * const contexts = await client.listContexts({ details: true });
   * ```
   * @throws {HttpError} when the broker answers an error.
   */
  async listContexts(
    options?: CallOptions & { details?: boolean; kind?: 'hosted' | 'cached' | 'implicitlycreated' },
  ): Promise<unknown[]> {
    const res = await this.#send({
      method: 'GET',
      path: '/jsonldContexts',
      query: { details: options?.details ? 'true' : undefined, kind: options?.kind },
      idempotent: true,
      call: options,
    });
    return Array.isArray(res.body) ? res.body : [];
  }

  /**
   * Stores a `@context` on the broker and returns its id (`POST /jsonldContexts`).
   *
   * @example
   * ```ts
   * const id = await client.addContext({ '@context': { temperature: 'https://example.org/temperature' } });
   * ```
   * @throws {HttpError} code `BadRequestData` when the body is not a JSON-LD context.
   */
  addContext(
    context: JsonObject & { '@context': unknown },
    options?: CallOptions,
  ): Promise<string> {
    return this.#createResource('/jsonldContexts', context, { ...options, context: '' });
  }

  /**
   * Deletes a stored `@context` (`reload: true` re-fetches a cached one instead).
   *
   * @example
   * ```ts
   * await client.deleteContext(id);
   * ```
   * @throws {HttpError} code `ResourceNotFound` when there is no such context.
   */
  deleteContext(id: string, options?: CallOptions & { reload?: boolean }): Promise<void> {
    return this.#deleteResource('/jsonldContexts', id, options, {
      reload: options?.reload ? 'true' : undefined,
    });
  }

  // ---------------------------------------------------------------- temporal

  /**
   * Reads an entity's history, following 206 pages (`Content-Range`) of long histories.
   *
   * @example
   * ```ts
   * const h = await client.getTemporalEntity(id, { attrs: ['temperature'], timerel: 'after', timeAt: '2026-11-01T00:00:00Z', format: 'temporalValues' });
   * ```
   * @throws {HttpError} code `ResourceNotFound` when there is no such entity.
   */
  async getTemporalEntity(id: string, options: TemporalOptions = {}): Promise<TemporalEntity> {
    assertId(id, 'entity id');
    const [entity] = await fetchTemporal(
      this.#t,
      `/temporal/entities/${seg(id)}`,
      temporalQuery(options),
      options,
    );
    if (!entity)
      throw new NgsiLdError(`the broker answered no temporal entity for ${id}`, {
        code: 'ResourceNotFound',
      });
    return entity;
  }

  /**
   * Queries entity histories (`GET /temporal/entities`), following 206 pages.
   *
   * @example
   * ```ts
   * const all = await client.queryTemporal({ type: 'WaterObserved', timerel: 'before', timeAt: '2026-11-01T00:00:00Z', lastN: 10 });
   * ```
   * @throws {HttpError} code `BadRequestData` on an invalid query.
   */
  queryTemporal(options: TemporalQueryOptions): Promise<TemporalEntity[]> {
    return fetchTemporal(this.#t, '/temporal/entities', temporalQuery(options), options);
  }

  /**
   * Appends attribute instances to an entity's history (`POST /temporal/entities/{id}/attrs`).
   *
   * @example
   * ```ts
   * await client.appendTemporalInstances(id, { temperature: [{ type: 'Property', value: 20, observedAt: '2026-11-25T10:00:00Z' }] });
   * ```
   * @throws {HttpError} code `ResourceNotFound` when the entity has no history.
   */
  async appendTemporalInstances(
    id: string,
    fragment: JsonObject,
    options?: CallOptions,
  ): Promise<void> {
    assertId(id, 'entity id');
    await this.#send({
      method: 'POST',
      path: `/temporal/entities/${seg(id)}/attrs`,
      body: fragment,
      idempotent: false,
      call: options,
    });
  }

  /**
   * Deletes one attribute instance from an entity's history.
   *
   * @example
   * ```ts
   * await client.deleteTemporalInstance(id, 'temperature', 'urn:ngsi-ld:Instance:1');
   * ```
   * @throws {HttpError} code `ResourceNotFound` when there is no such instance.
   */
  async deleteTemporalInstance(
    id: string,
    attribute: string,
    instanceId: string,
    options?: CallOptions,
  ): Promise<void> {
    assertId(id, 'entity id');
    assertId(attribute, 'attribute name');
    assertId(instanceId, 'instanceId');
    await this.#send({
      method: 'DELETE',
      path: `/temporal/entities/${seg(id)}/attrs/${seg(attribute)}/${seg(instanceId)}`,
      idempotent: true,
      call: options,
    });
  }
}

/**
 * Creates an NGSI-LD client for one broker (Orion-LD, Scorpio, Stellio or any conformant one).
 *
 * @example
 * ```ts
 * const client = createClient({
 *   baseUrl: 'http://localhost:1026',
 *   tenant: 'malmo',
 *   auth: { type: 'oauth2', tokenUrl: 'https://idp/token', clientId: 'app', clientSecret: 's3cret' },
 *   retry: { retries: 5 },
 * });
 * ```
 * @throws {NgsiLdError} code `BadRequestData` when `baseUrl` is not an http(s) URL.
 */
export function createClient(options: ClientOptions): NgsiLdClient {
  return new NgsiLdClient(options);
}

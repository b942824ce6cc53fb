import {
  type AttributeHints,
  type ConciseEntity,
  detectRepresentation,
  type EntityIssue,
  fromKeyValues,
  type KeyValuesEntity,
  type NormalizedEntity,
  type ProblemDetails,
  problemDetails,
  type Representation,
  safeToConcise,
  safeToKeyValues,
  safeToNormalized,
} from '@smartcitylab/ngsi-ld';

/**
 * An incoming HTTP request as any framework exposes it: headers (a `Headers`, a
 * node-style record, or pairs) and the body (raw text/bytes or already-parsed JSON).
 *
 * @example
 * ```ts
 * const req: NotificationRequestLike = { headers: { 'content-type': 'application/json' }, body: '{"type":"Notification"}' };
 * ```
 */
export interface NotificationRequestLike {
  headers?:
    | Headers
    | Readonly<Record<string, string | readonly string[] | undefined>>
    | readonly (readonly [string, string])[]
    | undefined;
  body: unknown;
}

/**
 * A validated NGSI-LD notification with its entities in the asked representation.
 *
 * @example
 * ```ts
 * const n: Notification<KeyValuesEntity> = { id: 'urn:x', type: 'Notification', subscriptionId: 'urn:s', notifiedAt: '2026-01-01T00:00:00Z', data: [] };
 * ```
 */
export interface Notification<E = NormalizedEntity> {
  id: string;
  type: 'Notification';
  subscriptionId: string;
  notifiedAt: string;
  data: E[];
  /** `NGSILD-Tenant` of the notification request, when present. */
  tenant?: string;
  /** Trigger reason (NGSI-LD 1.8), when the broker sent it. */
  triggerReason?: string;
}

/**
 * Options of {@link parseNotification}.
 *
 * @example
 * ```ts
 * parseNotification(req, { format: 'keyValues' });
 * ```
 */
export interface ParseNotificationOptions<F extends Representation = Representation> {
  /** Representation of `data` (default `'normalized'`). */
  format?: F;
  /** Hints to rebuild normalized attributes from keyValues notifications. */
  hints?: AttributeHints;
}

/**
 * Outcome of {@link parseNotification}: the notification, or a 400 ProblemDetails plus
 * the issues to answer the broker with.
 *
 * @example
 * ```ts
 * const r = parseNotification(req);
 * if (!r.success) console.warn(r.problem.detail);
 * ```
 */
export type ParseNotificationResult<E> =
  | { success: true; data: Notification<E> }
  | { success: false; problem: ProblemDetails; issues: EntityIssue[] };

/**
 * The entity type of a notification parsed into representation `F`.
 *
 * @example
 * ```ts
 * type E = NotificationEntity<'keyValues'>; // KeyValuesEntity
 * ```
 */
export type NotificationEntity<F> = F extends 'keyValues'
  ? KeyValuesEntity
  : F extends 'concise'
    ? ConciseEntity
    : NormalizedEntity;

type EntityFor<F> = NotificationEntity<F>;

function header(headers: NotificationRequestLike['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof Headers !== 'undefined' && headers instanceof Headers)
    return headers.get(name) ?? undefined;
  if (Array.isArray(headers)) {
    for (const pair of headers as readonly (readonly [string, string])[]) {
      if (pair[0].toLowerCase() === name) return pair[1];
    }
    return undefined;
  }
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== name) continue;
    const v = record[key];
    return typeof v === 'string' ? v : v?.join(', ');
  }
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail<E>(issues: EntityIssue[]): ParseNotificationResult<E> {
  const detail = issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(body)'}: ${i.message}`)
    .join('; ');
  return {
    success: false,
    problem: problemDetails('BadRequestData', `invalid notification: ${detail}`),
    issues,
  };
}

function convert(
  entity: Record<string, unknown>,
  format: Representation,
  hints: AttributeHints | undefined,
): { ok: true; value: unknown } | { ok: false; message: string } {
  let source: Representation;
  try {
    source = detectRepresentation(entity);
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : 'unrecognised entity' };
  }
  if (source === format) return { ok: true, value: entity };
  try {
    const normalized: NormalizedEntity =
      source === 'keyValues'
        ? fromKeyValues(entity as KeyValuesEntity, hints)
        : source === 'concise'
          ? unwrap(safeToNormalized(entity as ConciseEntity))
          : (entity as NormalizedEntity);
    if (format === 'normalized') return { ok: true, value: normalized };
    if (format === 'concise') return { ok: true, value: unwrap(safeToConcise(normalized)) };
    return { ok: true, value: unwrap(safeToKeyValues(normalized)) };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : 'conversion failed' };
  }
}

function unwrap<T>(r: { success: true; data: T } | { success: false; error: Error }): T {
  if (r.success) return r.data;
  throw r.error;
}

/**
 * Validates an NGSI-LD notification request (any framework) and converts its entities to
 * the representation you ask for. Never throws: a bad body gives `success: false` with a
 * ProblemDetails to answer 400 with.
 *
 * @example
 * ```ts
 * app.post('/notify', (req, res) => {
 *   const r = parseNotification({ headers: req.headers, body: req.body }, { format: 'keyValues' });
 *   if (!r.success) return res.status(400).json(r.problem);
 *   for (const e of r.data.data) store(e);
 *   res.status(204).end();
 * });
 * ```
 */
export function parseNotification<F extends Representation = 'normalized'>(
  request: NotificationRequestLike,
  options: ParseNotificationOptions<F> = {},
): ParseNotificationResult<EntityFor<F>> {
  const format: Representation = options.format ?? 'normalized';
  let body = request.body;
  if (body instanceof Uint8Array) body = new TextDecoder().decode(body);
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body) as unknown;
    } catch {
      return fail([{ path: [], message: 'body is not valid JSON' }]);
    }
  }
  if (!isRecord(body)) return fail([{ path: [], message: 'body must be a JSON object' }]);
  const issues: EntityIssue[] = [];
  for (const key of ['id', 'subscriptionId', 'notifiedAt'] as const) {
    if (typeof body[key] !== 'string' || body[key] === '')
      issues.push({ path: [key], message: 'must be a non-empty string' });
  }
  if (body.type !== 'Notification')
    issues.push({ path: ['type'], message: "must be 'Notification'" });
  if (!Array.isArray(body.data))
    issues.push({ path: ['data'], message: 'must be an array of entities' });
  if (issues.length > 0) return fail(issues);

  const data: unknown[] = [];
  (body.data as unknown[]).forEach((item, index) => {
    if (!isRecord(item) || typeof item.id !== 'string' || item.type === undefined) {
      issues.push({ path: ['data', index], message: 'must be an entity with id and type' });
      return;
    }
    const converted = convert(item, format, options.hints);
    if (converted.ok) data.push(converted.value);
    else issues.push({ path: ['data', index], message: converted.message });
  });
  if (issues.length > 0) return fail(issues);

  const out: Notification<EntityFor<F>> = {
    id: body.id as string,
    type: 'Notification',
    subscriptionId: body.subscriptionId as string,
    notifiedAt: body.notifiedAt as string,
    data: data as EntityFor<F>[],
  };
  const tenant = header(request.headers, 'ngsild-tenant');
  if (tenant) out.tenant = tenant;
  if (typeof body.triggerReason === 'string') out.triggerReason = body.triggerReason;
  return { success: true, data: out };
}

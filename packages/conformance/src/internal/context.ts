/** What a check implementation gets: the probe, the run's names and helpers for common steps. */

import type { AuditSettings } from '../audit.js';
import type { AuditTypeResult } from '../types.js';
import type { Probe, ProbeAnswer, ProbeRequest } from './http.js';
import type { Ledger } from './ledger.js';
import { CheckFailed, CheckSkipped, expectThat } from './outcome.js';
import type { NotificationReceiver } from './receiver.js';

/** The ETSI base of NGSI-LD problem types. */
export const ERROR_BASE = 'https://uri.etsi.org/ngsi-ld/errors/';
/** The rel of a JSON-LD context Link header. */
export const CONTEXT_REL = 'http://www.w3.org/ns/json-ld#context';

/** Where the kit's notification receiver can be reached, and how to wait for notifications. */
export interface NotificationSetup {
  readonly receiver: NotificationReceiver;
  /** The URL the broker is told to notify. */
  readonly url: string;
}

/** The shared state of one run that checks use. */
export interface CheckContext {
  readonly probe: Probe;
  readonly ledger: Ledger;
  readonly runId: string;
  /** `urn:ngsi-ld:ConformanceProbe:<runId>`. */
  readonly idPrefix: string;
  /** The entity type used for this run's probe entities (unique per run, so queries see only them). */
  readonly probeType: string;
  readonly allowWrite: boolean;
  /** How long to wait for a notification. */
  readonly notificationWaitMs: number;
  /** The receiver, or why notifications cannot be checked. */
  readonly notifications: NotificationSetup | { readonly unavailable: string };
  /** The data audit settings, when the run audits data (mim2-data). */
  readonly audit:
    | {
        readonly settings: AuditSettings;
        readonly minValidPercent: number;
        readonly minScore: number;
        results?: AuditTypeResult[];
      }
    | undefined;
  /** Per-run memo for fixtures shared by checks of one profile. */
  readonly memo: Map<string, Promise<unknown>>;
}

let counter = 0;

/** A fresh probe entity id below the run's prefix. */
export function newId(ctx: CheckContext, label: string): string {
  counter += 1;
  return `${ctx.idPrefix}:${label}-${counter.toString(36)}`;
}

/** Skips the check unless the run may write. */
export function requireWrite(ctx: CheckContext): void {
  if (!ctx.allowWrite) throw new CheckSkipped('needs --allow-write (the run is read-only)');
}

/** A normalized probe entity. */
export function probeEntity(
  ctx: CheckContext,
  id: string,
  attrs: { temperature?: number; status?: string; lon?: number; lat?: number; type?: string } = {},
): Record<string, unknown> {
  const e: Record<string, unknown> = { id, type: attrs.type ?? ctx.probeType };
  e.temperature = { type: 'Property', value: attrs.temperature ?? 21, unitCode: 'CEL' };
  e.status = { type: 'Property', value: attrs.status ?? 'ok' };
  e.location = {
    type: 'GeoProperty',
    value: { type: 'Point', coordinates: [attrs.lon ?? 17.3069, attrs.lat ?? 62.3908] },
  };
  return e;
}

/** Creates an entity (tracked for cleanup before the request is sent) and expects 201. */
export async function createEntity(
  ctx: CheckContext,
  entity: Record<string, unknown>,
  tenant?: string,
): Promise<ProbeAnswer> {
  const id = String(entity.id);
  ctx.ledger.track('entity', id, tenant);
  const res = await ctx.probe.send({
    method: 'POST',
    path: '/entities',
    json: entity,
    ...(tenant ? { headers: { 'ngsild-tenant': tenant } } : {}),
  });
  expectStatus(res, [201], `creating ${id}`);
  return res;
}

/** Fails unless the status is one of `want`. */
export function expectStatus(res: ProbeAnswer, want: readonly number[], doing: string): void {
  if (want.includes(res.status)) return;
  throw new CheckFailed(
    `${doing}: expected ${want.join(' or ')}, got ${res.status}${describeBody(res)}`,
  );
}

/** A short description of an unexpected body: HTML pages and cut answers are named as such. */
export function describeBody(res: ProbeAnswer): string {
  if (res.truncated) return ' (the answer was larger than the size cap and was cut)';
  if (res.mediaType.includes('html')) return ' (an HTML page, not JSON)';
  return '';
}

/** Expects a JSON body and returns it. */
export function expectJson(res: ProbeAnswer, doing: string): unknown {
  if (res.truncated)
    throw new CheckFailed(`${doing}: the answer was larger than the size cap and was cut`);
  expectThat(
    res.json !== undefined,
    `${doing}: expected a JSON body, got ${res.mediaType || 'no Content-Type'}${res.text ? ` starting "${res.text.slice(0, 40)}"` : ' and an empty body'}`,
  );
  return res.json;
}

/** Expects a JSON array and returns it. */
export function expectArray(res: ProbeAnswer, doing: string): unknown[] {
  const body = expectJson(res, doing);
  expectThat(Array.isArray(body), `${doing}: expected a JSON array`);
  return body;
}

/** Expects a JSON object and returns it. */
export function expectObject(res: ProbeAnswer, doing: string): Record<string, unknown> {
  const body = expectJson(res, doing);
  expectThat(isObject(body), `${doing}: expected a JSON object`);
  return body;
}

/**
 * Expects an error answer with `status` and a ProblemDetails body whose `type` is the ETSI URI
 * of `typeName` (GS CIM 009 clause 5.5.2 and 6.3.2).
 */
export function expectProblem(
  res: ProbeAnswer,
  status: readonly number[],
  typeName: string | readonly string[],
  doing: string,
): Record<string, unknown> {
  expectStatus(res, status, doing);
  expectThat(
    res.mediaType === 'application/json' || res.mediaType === 'application/problem+json',
    `${doing}: an error body must be application/json or application/problem+json, got "${res.mediaType || 'none'}"${describeBody(res)}`,
  );
  const body = expectObject(res, doing);
  const names = typeof typeName === 'string' ? [typeName] : typeName;
  const want = names.map((n) => ERROR_BASE + n);
  expectThat(
    typeof body.type === 'string' && want.includes(body.type),
    `${doing}: ProblemDetails type must be ${want.join(' or ')}, got ${JSON.stringify(body.type)}`,
  );
  expectThat(
    body.title === undefined || typeof body.title === 'string',
    `${doing}: ProblemDetails title must be a string`,
  );
  return body;
}

/** The ids of a list of entities. */
export function idsOf(list: readonly unknown[]): string[] {
  return list.map((e) => (isObject(e) && typeof e.id === 'string' ? e.id : '?'));
}

/** Whether a value is a plain JSON object. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Sends a request; shorthand used by checks. */
export function send(ctx: CheckContext, req: ProbeRequest): Promise<ProbeAnswer> {
  return ctx.probe.send(req);
}

/** Memoizes a fixture per run. */
export function memo<T>(ctx: CheckContext, key: string, make: () => Promise<T>): Promise<T> {
  let p = ctx.memo.get(key) as Promise<T> | undefined;
  if (!p) {
    p = make();
    ctx.memo.set(key, p);
  }
  return p;
}

/** Parses the context URLs of a JSON-LD Link header (rel = the JSON-LD context rel). */
export function contextLinks(header: string | null): string[] {
  if (!header) return [];
  const out: string[] = [];
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (m?.[2]?.includes(CONTEXT_REL)) out.push(m[1] ?? '');
  }
  return out;
}

/** The target of a `rel="next"` Link, or undefined. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (m && /rel="?next"?/.test(m[2] ?? '')) return m[1];
  }
  return undefined;
}

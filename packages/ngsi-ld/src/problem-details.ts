/**
 * RFC 7807 ProblemDetails as NGSI-LD brokers return them (ETSI GS CIM 009 §5.5.2 and
 * Annex with the error type table), parsed leniently because brokers differ.
 */

/**
 * An RFC 7807 problem body. `type` is always present after {@link parseProblemDetails};
 * brokers may add any extension member.
 *
 * @example
 * ```ts
 * const p: ProblemDetails = { type: ProblemType.ResourceNotFound, title: 'Not found', status: 404 };
 * ```
 */
export type ProblemDetails = {
  type: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  [k: string]: unknown;
};

const BASE = 'https://uri.etsi.org/ngsi-ld/errors/';

/**
 * The NGSI-LD error type URIs (ETSI GS CIM 009, error types table; `Conflict`, `Gone` and
 * `PartialUpdate` come from later editions and are accepted when brokers send them).
 *
 * @example
 * ```ts
 * ProblemType.BadRequestData; // 'https://uri.etsi.org/ngsi-ld/errors/BadRequestData'
 * ```
 */
export const ProblemType = {
  InvalidRequest: `${BASE}InvalidRequest`,
  BadRequestData: `${BASE}BadRequestData`,
  AlreadyExists: `${BASE}AlreadyExists`,
  OperationNotSupported: `${BASE}OperationNotSupported`,
  ResourceNotFound: `${BASE}ResourceNotFound`,
  InternalError: `${BASE}InternalError`,
  TooComplexQuery: `${BASE}TooComplexQuery`,
  TooManyResults: `${BASE}TooManyResults`,
  LdContextNotAvailable: `${BASE}LdContextNotAvailable`,
  NoMultiTenantSupport: `${BASE}NoMultiTenantSupport`,
  NonexistentTenant: `${BASE}NonexistentTenant`,
  Conflict: `${BASE}Conflict`,
  Gone: `${BASE}Gone`,
  PartialUpdate: `${BASE}PartialUpdate`,
} as const;

/**
 * Short name of an NGSI-LD problem type, e.g. `'BadRequestData'`.
 *
 * @example
 * ```ts
 * const name: ProblemTypeName = 'ResourceNotFound';
 * ```
 */
export type ProblemTypeName = keyof typeof ProblemType;

/** HTTP status the spec associates with each problem type. */
const STATUS_OF: Readonly<Record<ProblemTypeName, number>> = {
  InvalidRequest: 400,
  BadRequestData: 400,
  AlreadyExists: 409,
  OperationNotSupported: 422,
  ResourceNotFound: 404,
  InternalError: 500,
  TooComplexQuery: 403,
  TooManyResults: 403,
  LdContextNotAvailable: 504,
  NoMultiTenantSupport: 501,
  NonexistentTenant: 404,
  Conflict: 409,
  Gone: 410,
  PartialUpdate: 207,
};

/** Spellings seen in the wild (lower-cased) mapped to the canonical short name. */
const ALIASES: Readonly<Record<string, ProblemTypeName>> = {
  nonexistingtenant: 'NonexistentTenant', // Orion-LD
  nonexistenttenant: 'NonexistentTenant',
  tenantnotfound: 'NonexistentTenant',
  notfound: 'ResourceNotFound',
  entitynotfound: 'ResourceNotFound',
  badrequest: 'BadRequestData',
  parseerror: 'InvalidRequest',
  invalidjson: 'InvalidRequest',
  alreadyexist: 'AlreadyExists',
  entityalreadyexists: 'AlreadyExists',
  unprocessableentity: 'OperationNotSupported',
  methodnotallowed: 'OperationNotSupported',
  internalservererror: 'InternalError',
  ldcontextnotavailable: 'LdContextNotAvailable',
  contextnotavailable: 'LdContextNotAvailable',
};

const hasOwn = (o: object, k: string): boolean => Object.hasOwn(o, k);

function lookupName(token: string): ProblemTypeName | undefined {
  if (hasOwn(ProblemType, token)) return token as ProblemTypeName;
  const lower = token.toLowerCase();
  for (const name of Object.keys(ProblemType) as ProblemTypeName[]) {
    if (name.toLowerCase() === lower) return name;
  }
  return hasOwn(ALIASES, lower) ? ALIASES[lower] : undefined;
}

/**
 * The short name of an NGSI-LD problem type URI (or of a bare name, any case, including
 * known broker variants such as Orion-LD's `NonExistingTenant`); `undefined` when unknown.
 *
 * @example
 * ```ts
 * problemTypeName('https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound'); // 'ResourceNotFound'
 * problemTypeName('https://uri.etsi.org/ngsi-ld/errors/NonExistingTenant'); // 'NonexistentTenant'
 * problemTypeName('about:blank'); // undefined
 * ```
 */
export function problemTypeName(uri: string): ProblemTypeName | undefined {
  if (typeof uri !== 'string' || uri.length === 0 || uri.length > 2048) return undefined;
  const trimmed = uri.trim().replace(/[/#]+$/, '');
  const cut = Math.max(
    trimmed.lastIndexOf('/'),
    trimmed.lastIndexOf('#'),
    trimmed.lastIndexOf(':'),
  );
  const token = trimmed.slice(cut + 1);
  return token ? lookupName(token) : undefined;
}

/**
 * The problem type short name to assume for an HTTP status when a body carries no
 * usable type; `undefined` for statuses with no NGSI-LD meaning (401, 403, 429, 502,
 * 503, 504 from a proxy, ...), which then keep the RFC 7807 `about:blank` type.
 *
 * @example
 * ```ts
 * problemTypeForStatus(404); // 'ResourceNotFound'
 * problemTypeForStatus(503); // undefined
 * ```
 */
export function problemTypeForStatus(status: number): ProblemTypeName | undefined {
  switch (status) {
    case 400:
      return 'BadRequestData';
    case 404:
      return 'ResourceNotFound';
    case 405:
    case 422:
    case 501:
      return 'OperationNotSupported';
    case 409:
      return 'AlreadyExists';
    case 410:
      return 'Gone';
    case 411:
    case 413:
    case 414:
      return 'InvalidRequest';
    case 500:
      return 'InternalError';
    default:
      return undefined;
  }
}

/**
 * The canonical HTTP status for a problem type short name.
 *
 * @example
 * ```ts
 * problemStatus('AlreadyExists'); // 409
 * ```
 */
export function problemStatus(name: ProblemTypeName): number {
  return STATUS_OF[name];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const MAX_TEXT = 4096;
const clip = (s: string): string => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);

/**
 * Builds a ProblemDetails from whatever a broker answered, never throwing:
 * an RFC 7807 object, a JSON string, an NGSI v2 `{ error, description }` body, a
 * plain-text body, or nothing. Known type spellings are normalised to the ETSI URI; a
 * missing or unknown type falls back on the HTTP `status` (the original type, if any,
 * is kept in `originalType`).
 *
 * @example
 * ```ts
 * parseProblemDetails({ error: 'NotFound', description: 'no such entity' }, 404);
 * // { type: 'https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound', title: 'NotFound',
 * //   detail: 'no such entity', status: 404 }
 * ```
 */
export function parseProblemDetails(body: unknown, status: number): ProblemDetails {
  let value: unknown = body;
  if (typeof value === 'string' || value instanceof Uint8Array) {
    const text = typeof value === 'string' ? value : new TextDecoder().decode(value);
    const trimmed = text.trim();
    if (trimmed.startsWith('{')) {
      try {
        value = JSON.parse(trimmed) as unknown;
      } catch {
        value = trimmed;
      }
    } else {
      value = trimmed;
    }
  }
  // A 207 body or a batch error list sometimes wraps the problem in an array.
  if (Array.isArray(value) && value.length > 0 && isRecord(value[0])) value = value[0];

  const out: ProblemDetails = { type: '' };
  let typeName: ProblemTypeName | undefined;
  let originalType: string | undefined;

  if (isRecord(value)) {
    for (const key of Object.keys(value)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
      out[key] = value[key];
    }
    const rawType = value.type ?? value.error ?? value.code;
    if (typeof rawType === 'string' && rawType.length > 0) {
      typeName = problemTypeName(rawType);
      if (!typeName || !rawType.startsWith(BASE)) originalType = rawType;
    }
    if (typeof out.title !== 'string') {
      if (typeof value.error === 'string') out.title = clip(value.error);
      else delete out.title;
    }
    if (typeof out.detail !== 'string') {
      if (typeof value.description === 'string') out.detail = clip(value.description);
      else if (typeof value.message === 'string') out.detail = clip(value.message);
      else delete out.detail;
    }
    if (typeof out.instance !== 'string') delete out.instance;
    if (typeof out.status !== 'number') delete out.status;
    // v2-style members are folded into title/detail above.
    if (value.error !== undefined && typeof value.error === 'string') delete out.error;
    if (value.description !== undefined && typeof value.description === 'string')
      delete out.description;
  } else if (typeof value === 'string' && value.length > 0) {
    out.detail = clip(value);
  }

  const name = typeName ?? problemTypeForStatus(status);
  out.type = name ? ProblemType[name] : 'about:blank';
  if (originalType !== undefined && originalType !== out.type) out.originalType = originalType;
  if (out.status === undefined) {
    // Inside a 207 batch body the entity's own status is the type's, not the batch's.
    if (status < 400 && typeName) out.status = STATUS_OF[typeName];
    else if (Number.isInteger(status) && status > 0) out.status = status;
  }
  return out;
}

/**
 * Builds a ProblemDetails for a problem type short name, with the spec's status and an
 * optional detail and extension members (used by servers and the testkit broker).
 *
 * @example
 * ```ts
 * problemDetails('ResourceNotFound', 'urn:ngsi-ld:Building:1 not found');
 * // { type: 'https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound', title: 'ResourceNotFound',
 * //   status: 404, detail: 'urn:ngsi-ld:Building:1 not found' }
 * ```
 */
export function problemDetails(
  typeName: ProblemTypeName,
  detail?: string,
  extra?: Readonly<Record<string, unknown>>,
): ProblemDetails {
  const out: ProblemDetails = {
    type: ProblemType[typeName],
    title: typeName,
    status: STATUS_OF[typeName],
  };
  if (detail !== undefined) out.detail = detail;
  if (extra) {
    for (const key of Object.keys(extra)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
      out[key] = extra[key];
    }
  }
  return out;
}

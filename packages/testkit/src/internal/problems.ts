import {
  NgsiLdError,
  type ProblemDetails,
  type ProblemTypeName,
  problemDetails,
} from '@smartcitylab/ngsi-ld';

/**
 * A request the broker answers with an error status and a ProblemDetails body. Thrown
 * inside handlers and turned into the HTTP answer by the HTTP layer; never leaves the broker.
 */
export class RequestProblem extends NgsiLdError {
  override readonly name = 'RequestProblem';
  readonly status: number;
  readonly problem: ProblemDetails;
  readonly headers: Readonly<Record<string, string>>;

  constructor(problem: ProblemDetails, status: number, headers: Record<string, string> = {}) {
    super(problem.detail ?? problem.title ?? problem.type, { code: codeOf(problem.type) });
    this.status = status;
    this.problem = problem;
    this.headers = headers;
  }
}

function codeOf(type: string): string {
  const cut = type.lastIndexOf('/');
  return cut >= 0 ? type.slice(cut + 1) : type;
}

/**
 * ProblemDetails in the shape Orion-LD answers with: type, title, detail (no `status`
 * member at the top level, which RFC 7807 makes optional).
 */
export function problem(typeName: ProblemTypeName, title: string, detail?: string): ProblemDetails {
  const p = problemDetails(typeName, detail, { title });
  delete p.status;
  return p;
}

/**
 * A plain RFC 7807 problem (`about:blank`) for HTTP-level refusals that have no NGSI-LD
 * error type (406 Not Acceptable, 415 Unsupported Media Type, 429, 503).
 */
export function httpProblem(title: string, detail?: string): ProblemDetails {
  const p: ProblemDetails = { type: 'about:blank', title };
  if (detail !== undefined) p.detail = detail;
  return p;
}

/** The same problem with `status`, as batch operation results carry it per entity. */
export function problemWithStatus(
  typeName: ProblemTypeName,
  status: number,
  title: string,
  detail?: string,
): ProblemDetails {
  return problemDetails(typeName, detail, { title, status });
}

/** Throws a 400 BadRequestData. */
export function badRequest(title: string, detail?: string): RequestProblem {
  return new RequestProblem(problem('BadRequestData', title, detail), 400);
}

/** Throws a 400 InvalidRequest (the request is not even well-formed JSON / HTTP). */
export function invalidRequest(title: string, detail?: string): RequestProblem {
  return new RequestProblem(problem('InvalidRequest', title, detail), 400);
}

/** A 404 ResourceNotFound. */
export function notFound(title: string, detail?: string): RequestProblem {
  return new RequestProblem(problem('ResourceNotFound', title, detail), 404);
}

/** A 409 AlreadyExists. */
export function alreadyExists(title: string, detail?: string): RequestProblem {
  return new RequestProblem(problem('AlreadyExists', title, detail), 409);
}

/** A 422 OperationNotSupported. */
export function notSupported(title: string, detail?: string): RequestProblem {
  return new RequestProblem(problem('OperationNotSupported', title, detail), 422);
}

/** Turns anything thrown by a handler or by `@smartcitylab/ngsi-ld` into a RequestProblem. */
export function toRequestProblem(err: unknown): RequestProblem {
  if (err instanceof RequestProblem) return err;
  if (err instanceof NgsiLdError) {
    if (err.code === 'BadRequestData' || err.code === 'InvalidEntity') {
      return badRequest('Invalid request', err.message);
    }
    if (err.code === 'InvalidRequest') return invalidRequest('Invalid request', err.message);
  }
  if (err instanceof RangeError) {
    // Deeply recursive input that slipped past the depth check.
    return badRequest('Request too complex', 'the payload is nested too deeply');
  }
  return new RequestProblem(
    problem('InternalError', 'Internal error', err instanceof Error ? err.message : String(err)),
    500,
  );
}

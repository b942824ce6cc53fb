import { NgsiLdError } from '@smartcitylab/ngsi-ld';

/**
 * Why a conformance run could not run at all (exit code 2): the endpoint is unreachable, the
 * options are wrong, or the endpoint answers in a way no check can start from.
 *
 * @example
 * ```ts
 * try { await runConformance({ endpoint: 'http://bad.invalid' }); }
 * catch (e) { if (isConformanceError(e)) console.error(e.code, e.message); }
 * ```
 */
export class ConformanceError extends NgsiLdError {
  override readonly name = 'ConformanceError';
  constructor(code: ConformanceErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** Stable codes of {@link ConformanceError}. */
export type ConformanceErrorCode =
  | 'InvalidOptions'
  | 'Unreachable'
  | 'Timeout'
  | 'Redirected'
  | 'Unauthorized'
  | 'AuthFailed'
  | 'NotNgsiLd';

/**
 * True for a {@link ConformanceError}, also across duplicate installs.
 *
 * @example
 * ```ts
 * if (isConformanceError(e)) process.exitCode = 2;
 * ```
 */
export function isConformanceError(e: unknown): e is ConformanceError {
  return e instanceof ConformanceError || (e instanceof Error && e.name === 'ConformanceError');
}

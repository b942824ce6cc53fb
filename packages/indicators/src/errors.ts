/**
 * Why an indicator could not be computed: `InvalidIndicator` (the definition is
 * inconsistent) or `InvalidPeriod` (the period cannot be read or is empty).
 *
 * @example
 * ```ts
 * import { IndicatorError } from '@smartcitylab/indicators';
 * const e = new IndicatorError('InvalidPeriod', 'from must be before to');
 * e.code; // 'InvalidPeriod'
 * ```
 */
export class IndicatorError extends Error {
  /** Stable machine-readable code. */
  readonly code: 'InvalidIndicator' | 'InvalidPeriod';

  constructor(
    code: 'InvalidIndicator' | 'InvalidPeriod',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'IndicatorError';
    this.code = code;
  }
}

/**
 * True for an {@link IndicatorError}, also across duplicate installs (checks the name).
 *
 * @example
 * ```ts
 * import { isIndicatorError } from '@smartcitylab/indicators';
 * try { /* ... *\/ } catch (e) { if (isIndicatorError(e)) console.error(e.code); }
 * ```
 */
export function isIndicatorError(e: unknown): e is IndicatorError {
  return e instanceof IndicatorError || (e instanceof Error && e.name === 'IndicatorError');
}

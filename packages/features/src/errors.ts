import { NgsiLdError } from '@smartcitylab/ngsi-ld';

/**
 * Stable codes of {@link FeaturesError}.
 *
 * @example
 * ```ts
 * const code: FeaturesErrorCode = 'InvalidParameterValue';
 * ```
 */
export type FeaturesErrorCode =
  | 'InvalidParameterValue'
  | 'InvalidConfiguration'
  | 'UnsupportedCrs'
  | 'InvalidMapping'
  | 'InvalidResponse';

/**
 * An error of `@smartcitylab/features`: a bad request parameter, configuration, mapping, or
 * an answer from a remote OGC API Features / WFS endpoint that cannot be read.
 *
 * @example
 * ```ts
 * try { parseCrs('EPSG:9999'); } catch (e) { if (e instanceof FeaturesError) console.log(e.code); }
 * ```
 */
export class FeaturesError extends NgsiLdError {
  declare readonly code: FeaturesErrorCode;
  constructor(message: string, options: { code: FeaturesErrorCode; cause?: unknown }) {
    super(message, options);
    // Set explicitly so the name survives minification.
    this.name = 'FeaturesError';
  }
}

import { NgsiLdError } from '@smartcitylab/ngsi-ld';

/**
 * Error thrown by `toLwm2mSenml` and `fromLwm2mSenml` for input that does not fit
 * the LwM2M object (`code` `InvalidLwm2m`). `path` names the offending reading or record.
 *
 * @example
 * ```ts
 * import { Lwm2mError, toLwm2mSenml } from '@smartcitylab/decoders/lwm2m';
 * try {
 *   toLwm2mSenml(3303, { 5700: 'warm' }, { deviceId: 'dev-1' });
 * } catch (err) {
 *   if (err instanceof Lwm2mError) console.error(err.path, err.message);
 * }
 * ```
 */
export class Lwm2mError extends NgsiLdError {
  /** Where the problem is, e.g. `readings[5700]` or `pack[0].bn`. */
  readonly path: string | undefined;

  constructor(message: string, options?: { path?: string; cause?: unknown }) {
    super('InvalidLwm2m', message, options?.cause === undefined ? {} : { cause: options.cause });
    this.name = 'Lwm2mError';
    this.path = options?.path;
  }
}

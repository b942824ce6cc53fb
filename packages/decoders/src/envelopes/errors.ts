import { NgsiLdError } from '@smartcitylab/ngsi-ld';
import type { UplinkNetwork } from './types.js';

/**
 * Why an envelope was rejected: `UnrecognisedUplink` when the JSON matches no
 * supported network-server format, `InvalidUplink` when it matches one but a field
 * is missing or malformed.
 *
 * @example
 * ```ts
 * import type { EnvelopeErrorCode } from '@smartcitylab/decoders/envelopes';
 * const code: EnvelopeErrorCode = 'InvalidUplink';
 * ```
 */
export type EnvelopeErrorCode = 'UnrecognisedUplink' | 'InvalidUplink';

/**
 * Error thrown by `parseUplink` / `parseUplinks` (and returned by the safe variants).
 * `path` names the offending field (e.g. `uplink_message.frm_payload`), `format` the
 * network-server format the message was read as.
 *
 * @example
 * ```ts
 * import { EnvelopeError, parseUplink } from '@smartcitylab/decoders/envelopes';
 * try {
 *   parseUplink({ hello: 'world' });
 * } catch (err) {
 *   if (err instanceof EnvelopeError) console.error(err.code, err.path, err.message);
 * }
 * ```
 */
export class EnvelopeError extends NgsiLdError {
  /** `UnrecognisedUplink` or `InvalidUplink`. */
  declare readonly code: EnvelopeErrorCode;
  /** Dotted path of the offending field, when one field is to blame. */
  readonly path: string | undefined;
  /** Format the message was read as, when one was detected or requested. */
  readonly format: UplinkNetwork | undefined;

  constructor(
    code: EnvelopeErrorCode,
    message: string,
    options?: { cause?: unknown; path?: string; format?: UplinkNetwork },
  ) {
    super(code, message, options?.cause === undefined ? {} : { cause: options.cause });
    this.name = 'EnvelopeError';
    this.path = options?.path;
    this.format = options?.format;
  }
}

/**
 * True when `err` is an `EnvelopeError`, also across duplicate installs (checks `name`).
 *
 * @example
 * ```ts
 * import { isEnvelopeError, safeParseUplink } from '@smartcitylab/decoders/envelopes';
 * const r = safeParseUplink(42);
 * if (!r.success && isEnvelopeError(r.error)) console.error(r.error.code);
 * ```
 */
export function isEnvelopeError(err: unknown): err is EnvelopeError {
  return (
    err instanceof EnvelopeError ||
    (err instanceof Error && (err as { name?: unknown }).name === 'EnvelopeError')
  );
}

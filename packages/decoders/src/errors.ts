import { NgsiLdError } from '@smartcitylab/ngsi-ld';

/**
 * Error thrown by the decoder registry (never by a decoder itself, which returns
 * `{ errors }`). `code` is `UnknownDevice` for an id missing from the catalog.
 *
 * @example
 * ```ts
 * import { DecoderError, loadDecoder } from '@smartcitylab/decoders';
 * try {
 *   await loadDecoder('acme/unknown');
 * } catch (err) {
 *   if (err instanceof DecoderError) console.error(err.code, err.message);
 * }
 * ```
 */
export class DecoderError extends NgsiLdError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

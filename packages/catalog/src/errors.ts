/**
 * Why a catalogue could not be built, read or checked: `InvalidDescription` (the typed
 * description is incomplete or wrong, the message names the path), `ParseError` (an RDF
 * file could not be read) or `UnsupportedFormat`.
 *
 * @example
 * ```ts
 * import { CatalogError } from '@smartcitylab/catalog';
 * const e = new CatalogError('ParseError', 'catalog.ttl: unexpected "." on line 3');
 * e.code; // 'ParseError'
 * ```
 */
export class CatalogError extends Error {
  /** Stable machine-readable code. */
  readonly code: 'InvalidDescription' | 'ParseError' | 'UnsupportedFormat';

  constructor(
    code: 'InvalidDescription' | 'ParseError' | 'UnsupportedFormat',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CatalogError';
    this.code = code;
  }
}

/**
 * True for a {@link CatalogError}, also across duplicate installs (checks the name).
 *
 * @example
 * ```ts
 * import { isCatalogError } from '@smartcitylab/catalog';
 * const describe = (e: unknown) => (isCatalogError(e) ? e.code : 'other');
 * ```
 */
export function isCatalogError(e: unknown): e is CatalogError {
  return e instanceof CatalogError || (e instanceof Error && e.name === 'CatalogError');
}

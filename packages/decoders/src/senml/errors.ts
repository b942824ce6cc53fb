import { NgsiLdError } from '@smartcitylab/ngsi-ld';
import type { SenmlIssue } from './types.js';

/**
 * Error thrown by `parseSenml`, `resolveSenml` and `buildSenml` for input that is
 * not valid SenML. `code` is `InvalidSenml`; `issues` lists every problem with its path.
 *
 * @example
 * ```ts
 * import { parseSenml, SenmlError } from '@smartcitylab/decoders/senml';
 * try {
 *   parseSenml([{ n: 'temp', v: 'warm' }]);
 * } catch (err) {
 *   if (err instanceof SenmlError) console.error(err.issues);
 * }
 * ```
 */
export class SenmlError extends NgsiLdError {
  /** Every problem found, each with its JSON path. */
  readonly issues: SenmlIssue[];

  constructor(message: string, issues: SenmlIssue[], options?: { cause?: unknown }) {
    super('InvalidSenml', message, options ?? {});
    this.name = 'SenmlError';
    this.issues = issues;
  }
}

/** Builds a `SenmlError` whose message summarizes the first issues. */
export function senmlError(what: string, issues: SenmlIssue[]): SenmlError {
  const shown = issues
    .slice(0, 3)
    .map((i) => `${i.path.length === 0 ? '(pack)' : formatPath(i.path)}: ${i.message}`)
    .join('; ');
  const more = issues.length > 3 ? ` (+${issues.length - 3} more)` : '';
  return new SenmlError(`${what}: ${shown}${more}`, issues);
}

function formatPath(path: readonly (string | number)[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
}

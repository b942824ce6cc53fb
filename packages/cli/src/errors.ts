import { NgsiLdError } from '@smartcitylab/ngsi-ld';

/**
 * A mistake in how the command was called (unknown flag, missing argument). Printed as one line
 * with a pointer to `--help`; exit code 2.
 */
export class UsageError extends NgsiLdError {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super('UsageError', message);
  }
}

/**
 * A problem the user can fix outside the command line (missing file, unreachable broker, bad
 * payload). Printed as one line; exit code 2.
 */
export class CliError extends NgsiLdError {
  override readonly name = 'CliError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('CliError', message, options);
  }
}

/** One line describing any error, without a stack trace. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

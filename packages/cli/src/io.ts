import type { Readable, Writable } from 'node:stream';

/** Where a command reads and writes; injectable so tests run commands in-process. */
export interface CliIo {
  /** Standard output: results (tables, JSON, NDJSON). */
  readonly stdout: Writable;
  /** Standard error: progress, warnings and error lines. */
  readonly stderr: Writable;
  /** Standard input, read when a file argument is `-`. */
  readonly stdin: Readable;
  /** Whether stderr is an interactive terminal (progress bars are drawn only then). */
  readonly interactive: boolean;
  /** Working directory that relative paths resolve against. */
  readonly cwd: string;
  /** Environment variables (e.g. `SMARTCITY_BROKER_TOKEN`). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Exit codes: 0 ok, 1 findings (invalid data, failed entities), 2 usage or runtime error. */
export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

/** Writes one line to a stream. */
export function println(stream: Writable, text = ''): void {
  stream.write(`${text}\n`);
}

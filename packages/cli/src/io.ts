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

/**
 * Writes lines to a stream in blocks of about 64 KiB and waits for `drain` whenever the stream
 * says its buffer is full, so a slow reader (a pipe, `| head`) slows the producer down instead of
 * the output piling up in memory.
 */
export class LineWriter {
  readonly #stream: Writable;
  #pending: string[] = [];
  #size = 0;

  constructor(stream: Writable) {
    this.#stream = stream;
  }

  /** Adds one line; resolves once it is buffered or handed to the stream. */
  async line(text: string): Promise<void> {
    this.#pending.push(text, '\n');
    this.#size += text.length + 1;
    if (this.#size >= 65_536) await this.flush();
  }

  /** Hands everything buffered to the stream and waits until the stream can take more. */
  async flush(): Promise<void> {
    if (this.#size === 0) return;
    const block = this.#pending.join('');
    this.#pending = [];
    this.#size = 0;
    if (this.#stream.write(block)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (err?: Error): void => {
        this.#stream.off('drain', onDrain);
        this.#stream.off('error', done);
        this.#stream.off('close', onDrain);
        if (err) reject(err);
        else resolve();
      };
      const onDrain = (): void => done();
      this.#stream.once('drain', onDrain);
      this.#stream.once('error', done);
      this.#stream.once('close', onDrain);
    });
  }
}

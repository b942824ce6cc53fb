import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '@smartcitylab/cli';
import { onTestFinished } from 'vitest';

/** What one CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with captured output, as a non-interactive terminal would. */
export async function cli(
  argv: readonly string[],
  options: {
    cwd?: string;
    stdin?: string;
    env?: Record<string, string>;
    interactive?: boolean;
  } = {},
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await runCli(argv, {
    stdout,
    stderr,
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    interactive: options.interactive ?? false,
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
  });
  return {
    code,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
  };
}

/** A fresh temporary folder with the given files, removed when the calling test ends. */
export function workdir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'smartcity-cli-'));
  // Each run made about twenty of these; without the removal they piled up in the temp folder.
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The stderr of a run is one line of text. */
export function oneLine(run: CliRun): string {
  return run.stderr.trimEnd();
}

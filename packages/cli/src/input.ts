import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { CliError } from './errors.js';
import type { CliIo } from './io.js';

const DATA_EXTENSIONS = new Set(['.json', '.jsonld', '.ndjson', '.jsonl', '.geojson']);

/** Expands file and folder arguments into the data files to read; `-` stands for stdin. */
export async function expandInputs(args: readonly string[], io: CliIo): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    if (arg === '-') {
      out.push('-');
      continue;
    }
    const path = resolve(io.cwd, arg);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      throw new CliError(`Cannot read "${arg}": no such file or folder. Check the path.`);
    }
    if (info.isDirectory()) {
      const found = await walk(path);
      if (found.length === 0) {
        throw new CliError(`Folder "${arg}" holds no .json, .jsonld, .ndjson or .jsonl files.`);
      }
      out.push(...found);
    } else out.push(path);
  }
  return out;
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (DATA_EXTENSIONS.has(extname(entry.name).toLowerCase())) out.push(full);
  }
  return out;
}

/** How a data file is laid out. */
export type InputShape = 'array' | 'object' | 'ndjson';

/** Opens a file (or stdin for `-`) as a byte stream. */
export function openInput(path: string, io: CliIo): Readable {
  if (path === '-') return io.stdin;
  const s = createReadStream(path);
  return s;
}

/** Reads the first non-blank character of a file to tell a JSON array, one object or NDJSON apart. */
export async function sniffShape(path: string): Promise<InputShape> {
  if (path === '-') return 'ndjson';
  const ext = extname(path).toLowerCase();
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const head = buf
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    if (head.startsWith('[')) return 'array';
    // One object spread over several lines is a single entity; one object per line is NDJSON.
    const firstLine = head.split('\n', 1)[0] ?? '';
    try {
      JSON.parse(firstLine);
      return 'ndjson';
    } catch {
      return 'object';
    }
  } finally {
    await handle.close();
  }
}

/** A parsed record, or why a record could not be read. */
export type InputRecord =
  | { readonly source: string; readonly line: number | undefined; readonly value: unknown }
  | { readonly source: string; readonly line: number | undefined; readonly error: string };

/** Reads every record of one input, in order; bad records are yielded as errors, never thrown. */
export async function* readRecords(
  path: string,
  io: CliIo,
  label = path,
): AsyncGenerator<InputRecord> {
  const shape = await sniffShape(path);
  if (shape === 'ndjson') {
    const rl = createInterface({ input: openInput(path, io), crlfDelay: Number.POSITIVE_INFINITY });
    let line = 0;
    for await (const text of rl) {
      line++;
      if (text.trim() === '') continue;
      try {
        yield { source: label, line, value: JSON.parse(text) as unknown };
      } catch (e) {
        yield { source: label, line, error: `not valid JSON (${(e as Error).message})` };
      }
    }
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    yield { source: label, line: undefined, error: `not valid JSON (${(e as Error).message})` };
    return;
  }
  if (Array.isArray(parsed)) {
    for (const value of parsed) yield { source: label, line: undefined, value };
  } else yield { source: label, line: undefined, value: parsed };
}

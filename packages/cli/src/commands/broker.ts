import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { startBroker } from '@smartcitylab/testkit';
import { type Command, flag, intOpt, stringOpt } from '../command.js';
import { CliError } from '../errors.js';
import { EXIT, println } from '../io.js';

/** A `--context` value: a URL to fetch once, `URL=FILE` to preload, or a FILE to host. */
interface ContextSource {
  url?: string;
  file?: string;
}

function sourceOf(value: string): ContextSource {
  const eq = value.indexOf('=');
  if (/^https?:\/\//i.test(value) && eq > 0)
    return { url: value.slice(0, eq), file: value.slice(eq + 1) };
  if (/^https?:\/\//i.test(value)) return { url: value };
  return { file: value };
}

async function readJson(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(`--context ${file}: cannot read the file (${(err as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new CliError(`--context ${file}: not JSON; a JSON-LD context file is a JSON object`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !('@context' in doc)) {
    throw new CliError(`--context ${file}: the file needs an "@context" member`);
  }
  return doc as Record<string, unknown>;
}

async function fetchJson(url: string): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { Accept: 'application/ld+json, application/json' },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    throw new CliError(
      `--context ${url}: cannot fetch it (${(err as Error).message}); download it and pass URL=FILE instead`,
    );
  }
  if (!res.ok) throw new CliError(`--context ${url}: the server answered ${res.status}`);
  const doc = (await res.json().catch(() => undefined)) as unknown;
  if (typeof doc !== 'object' || doc === null || !('@context' in doc)) {
    throw new CliError(`--context ${url}: not a JSON-LD context document`);
  }
  return doc as Record<string, unknown>;
}

/** `smartcity broker`: the in-process NGSI-LD broker of the testkit, for local work. */
export const brokerCommand: Command = {
  name: 'broker',
  summary:
    'Starts the embedded NGSI-LD broker (in memory, API 1.8) for local development; stops on Ctrl-C. Not for production data.',
  usage: '[--port <n>] [--host <address>] [--context <FILE_OR_URL>]... [--fetch-contexts]',
  options: {
    port: {
      type: 'string',
      short: 'p',
      value: '<n>',
      description: 'Port to listen on (default 1026).',
    },
    host: {
      type: 'string',
      value: '<address>',
      description: 'Address to bind (default 127.0.0.1).',
    },
    context: {
      type: 'string',
      multiple: true,
      value: '<FILE_OR_URL>',
      description:
        'A JSON-LD @context to know offline (repeatable): a URL (fetched once at start), URL=FILE (the file served under that URL), or a FILE (hosted under /jsonldContexts/<name>).',
    },
    'fetch-contexts': {
      type: 'boolean',
      description:
        'Fetch @context URLs the broker does not know when a request names them (default: answer 503 LdContextNotAvailable).',
    },
  },
  examples: [
    'smartcity broker',
    'smartcity broker --port 9090',
    'smartcity broker --context https://smartdatamodels.org/context.jsonld=./context.jsonld',
  ],
  async run(args, io) {
    const port = intOpt(args, 'port', 1026);
    const host = stringOpt(args, 'host') ?? '127.0.0.1';
    const raw = args.values.context;
    const values = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : [];
    const contexts: Record<string, unknown> = {};
    const hosted: Array<[string, Record<string, unknown>]> = [];
    for (const v of values) {
      const src = sourceOf(v);
      if (src.url && src.file) contexts[src.url] = await readJson(src.file);
      else if (src.url) contexts[src.url] = await fetchJson(src.url);
      else if (src.file) {
        hosted.push([basename(src.file, extname(src.file)), await readJson(src.file)]);
      }
    }
    const broker = await startBroker({
      port,
      host,
      contexts,
      fetchContexts: flag(args, 'fetch-contexts'),
    });
    println(io.stdout, `NGSI-LD broker listening on ${broker.url} (Ctrl-C to stop)`);
    println(io.stdout, `Client base URL: ${broker.apiUrl}`);
    for (const url of Object.keys(contexts)) println(io.stdout, `@context known offline: ${url}`);
    for (const [id, doc] of hosted) {
      println(io.stdout, `@context hosted: ${broker.hostContext(doc, id)}`);
    }
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await broker.close();
    return EXIT.ok;
  },
};

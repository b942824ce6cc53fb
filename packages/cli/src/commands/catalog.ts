import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  buildCatalog,
  checkCatalog,
  formatOfFile,
  formatViolation,
  isCatalogError,
  parseRdf,
  type RdfFormat,
  readCatalogDescription,
  serializeCatalog,
} from '@smartcitylab/catalog';
import { type Command, choiceOpt, type ParsedArgs, stringOpt } from '../command.js';
import { CliError, UsageError } from '../errors.js';
import { type CliIo, EXIT, println } from '../io.js';

const FORMATS = ['rdfxml', 'turtle', 'jsonld'] as const;

async function readText(io: CliIo, file: string): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, {
      cause: e,
    });
  }
}

async function build(args: ParsedArgs, io: CliIo, file: string): Promise<number> {
  const description = readCatalogDescription(await readText(io, file), file);
  const out = stringOpt(args, 'out');
  const fallback: RdfFormat = (out && formatOfFile(out)) || 'rdfxml';
  const format = choiceOpt(args, 'format', FORMATS, fallback);
  const text = await serializeCatalog(await buildCatalog(description), format);
  if (out) {
    await writeFile(resolve(io.cwd, out), text);
    println(io.stderr, `wrote ${out} (${format}, ${description.datasets.length} datasets)`);
  } else io.stdout.write(text);
  return EXIT.ok;
}

async function check(args: ParsedArgs, io: CliIo, file: string): Promise<number> {
  const format = (stringOpt(args, 'format') as RdfFormat | undefined) ?? formatOfFile(file);
  if (!format || !(FORMATS as readonly string[]).includes(format))
    throw new UsageError(
      `Cannot tell the RDF format of "${file}"; name it .rdf, .ttl or .jsonld, or give --format.`,
    );
  const quads = await parseRdf(await readText(io, file), format, file);
  const shapeFiles = (args.values.shapes as string[] | undefined) ?? [];
  const shapes = [];
  for (const s of shapeFiles) {
    const f = formatOfFile(s) ?? 'turtle';
    shapes.push({ name: s, quads: await parseRdf(await readText(io, s), f, s) });
  }
  const profile = choiceOpt(args, 'profile', ['3.0.1', '3.0.0'] as const, '3.0.1');
  const violations = await checkCatalog(quads, { shapes, profile });
  for (const v of violations) println(io.stdout, formatViolation(v));
  println(
    io.stderr,
    violations.length === 0
      ? `${file}: conforms to DCAT-AP-SE ${profile}${shapes.length ? ` and ${shapeFiles.join(', ')}` : ''}`
      : `${file}: ${violations.length} violation${violations.length === 1 ? '' : 's'}`,
  );
  return violations.length === 0 ? EXIT.ok : EXIT.findings;
}

/** `smartcity catalog`: DCAT-AP-SE catalogues for the national data portal. */
export const catalogCommand: Command = {
  name: 'catalog',
  summary:
    'Builds a DCAT-AP-SE catalogue (RDF/XML, Turtle or JSON-LD) from a YAML or JSON description, or checks a catalogue against DCAT-AP 3 and the Swedish profile, one line per violation.',
  usage: '<build <description.yaml|json> | check <catalog.rdf|ttl|jsonld>> [options]',
  options: {
    format: {
      type: 'string',
      short: 'f',
      value: `<${FORMATS.join('|')}>`,
      description:
        'build: output format (default from --out, else rdfxml); check: input format (default from the file name).',
    },
    out: {
      type: 'string',
      short: 'o',
      value: '<file>',
      description: 'build: write to this file instead of stdout.',
    },
    shapes: {
      type: 'string',
      multiple: true,
      value: '<shapes.ttl>',
      description:
        'check: also validate against these SHACL shapes (e.g. the official DCAT-AP 3 shapes.ttl); repeatable.',
    },
    profile: {
      type: 'string',
      value: '<3.0.1|3.0.0>',
      description: 'check: DCAT-AP-SE version (default 3.0.1).',
    },
  },
  examples: [
    'smartcity catalog build catalog.yaml -o catalog.rdf',
    'smartcity catalog build catalog.yaml --format turtle > catalog.ttl',
    'smartcity catalog check catalog.rdf --shapes dcat-ap-3.0.0-shapes.ttl',
  ],
  async run(args, io) {
    const [action, file, extra] = args.positionals;
    if (action !== 'build' && action !== 'check')
      throw new UsageError(
        `Give "build" or "check" first, not ${action === undefined ? 'nothing' : `"${action}"`}.`,
      );
    if (file === undefined) throw new UsageError(`Give the file to ${action}.`);
    if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}".`);
    try {
      return action === 'build' ? await build(args, io, file) : await check(args, io, file);
    } catch (e) {
      if (isCatalogError(e)) throw new CliError(e.message, { cause: e });
      throw e;
    }
  },
};

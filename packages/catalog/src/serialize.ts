import { createRequire } from 'node:module';
import type { Quad } from '@rdfjs/types';
import jsonld from 'jsonld';
import { Parser, Writer } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { CatalogError } from './errors.js';
import { PREFIXES } from './vocab.js';

/**
 * RDF serialisations a catalogue is written in and read from. The national data portal
 * harvests `rdfxml`.
 *
 * @example
 * ```ts
 * import type { RdfFormat } from '@smartcitylab/catalog';
 * const f: RdfFormat = 'turtle';
 * ```
 */
export type RdfFormat = 'rdfxml' | 'turtle' | 'jsonld';

/** File extension → format, for reading and writing files. */
export function formatOfFile(name: string): RdfFormat | undefined {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === 'ttl') return 'turtle';
  if (ext === 'rdf' || ext === 'xml' || ext === 'owl') return 'rdfxml';
  if (ext === 'jsonld') return 'jsonld';
  return undefined;
}

// Subjects together and in a stable order, so every writer groups a resource's properties.
function sorted(quads: readonly Quad[]): Quad[] {
  const rank = (q: Quad) => (q.subject.termType === 'BlankNode' ? '1' : '0') + q.subject.value;
  return [...quads].sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
}

/**
 * Writes quads as Turtle (with the DCAT prefixes), using the n3 writer.
 *
 * @example
 * ```ts
 * import { buildCatalog, toTurtle, type CatalogDescription } from '@smartcitylab/catalog';
 * declare const description: CatalogDescription;
 * const ttl = await toTurtle(await buildCatalog(description));
 * ```
 */
export function toTurtle(quads: readonly Quad[]): Promise<string> {
  const writer = new Writer({ prefixes: { ...PREFIXES } });
  writer.addQuads(sorted(quads));
  return new Promise((resolve, reject) =>
    writer.end((error, result: string) => (error ? reject(error) : resolve(result))),
  );
}

interface XmlScriber {
  on(event: 'data', fn: (chunk: string) => void): void;
  on(event: 'end', fn: () => void): void;
  on(event: 'error', fn: (e: Error) => void): void;
  write(q: Quad): void;
  end(): void;
}

/**
 * Writes quads as RDF/XML, the form the Swedish national data portal harvests, using
 * graphy's RDF/XML scriber.
 *
 * @example
 * ```ts
 * import { buildCatalog, toRdfXml, type CatalogDescription } from '@smartcitylab/catalog';
 * declare const description: CatalogDescription;
 * const xml = await toRdfXml(await buildCatalog(description));
 * ```
 */
export function toRdfXml(quads: readonly Quad[]): Promise<string> {
  // graphy ships CommonJS without types; loaded lazily so importing the package stays cheap.
  const require = createRequire(import.meta.url);
  const scribe = require('@graphy/content.xml.scribe') as (o: {
    prefixes: Record<string, string>;
  }) => XmlScriber;
  const s = scribe({ prefixes: { ...PREFIXES } });
  let out = '';
  return new Promise((resolve, reject) => {
    s.on('data', (chunk) => {
      out += chunk;
    });
    s.on('end', () => resolve(out));
    s.on('error', reject);
    for (const q of sorted(quads)) s.write(q);
    s.end();
  });
}

/** The JSON-LD context of written catalogues: the DCAT prefixes. */
export const JSONLD_CONTEXT: Readonly<Record<string, string>> = PREFIXES;

/**
 * Writes quads as compacted JSON-LD (with the DCAT prefixes as its inline `@context`),
 * using jsonld.js.
 *
 * @example
 * ```ts
 * import { buildCatalog, toJsonLd, type CatalogDescription } from '@smartcitylab/catalog';
 * declare const description: CatalogDescription;
 * const doc = await toJsonLd(await buildCatalog(description));
 * ```
 */
export async function toJsonLd(quads: readonly Quad[]): Promise<string> {
  const nquads = new Writer({ format: 'N-Quads' });
  nquads.addQuads([...quads]);
  const text = await new Promise<string>((resolve, reject) =>
    nquads.end((error, result: string) => (error ? reject(error) : resolve(result))),
  );
  const expanded = await jsonld.fromRDF(text, { format: 'application/n-quads' });
  const compacted = await jsonld.compact(
    expanded,
    { ...JSONLD_CONTEXT },
    { documentLoader: noRemote },
  );
  return `${JSON.stringify(compacted, null, 2)}\n`;
}

/**
 * Writes quads in one of the formats.
 *
 * @example
 * ```ts
 * import { serializeCatalog, buildCatalog, type CatalogDescription } from '@smartcitylab/catalog';
 * declare const description: CatalogDescription;
 * const xml = await serializeCatalog(await buildCatalog(description), 'rdfxml');
 * ```
 */
export function serializeCatalog(quads: readonly Quad[], format: RdfFormat): Promise<string> {
  if (format === 'turtle') return toTurtle(quads);
  if (format === 'jsonld') return toJsonLd(quads);
  return toRdfXml(quads);
}

// No network: a catalogue that names a remote @context must inline it.
function noRemote(url: string): Promise<never> {
  return Promise.reject(
    new CatalogError(
      'ParseError',
      `the JSON-LD names the remote @context ${url}, which is not fetched; inline the context`,
    ),
  );
}

/**
 * Reads RDF text (Turtle, RDF/XML or JSON-LD) into quads.
 *
 * @example
 * ```ts
 * import { parseRdf } from '@smartcitylab/catalog';
 * const quads = await parseRdf('<https://x.se/c> a <http://www.w3.org/ns/dcat#Catalog> .', 'turtle', 'c.ttl');
 * ```
 * @throws {CatalogError} code `ParseError` naming the source and the parser's message.
 */
export async function parseRdf(text: string, format: RdfFormat, source = 'input'): Promise<Quad[]> {
  try {
    if (format === 'turtle') return new Parser({ format: 'text/turtle' }).parse(text) as Quad[];
    if (format === 'jsonld') {
      const nquads = (await jsonld.toRDF(JSON.parse(text), {
        format: 'application/n-quads',
        documentLoader: noRemote,
      })) as unknown as string;
      return new Parser({ format: 'N-Quads' }).parse(nquads) as Quad[];
    }
    return await new Promise<Quad[]>((resolve, reject) => {
      const parser = new RdfXmlParser({ baseIRI: 'http://localhost/' });
      const out: Quad[] = [];
      parser.on('data', (q: Quad) => out.push(q));
      parser.on('error', reject);
      parser.on('end', () => resolve(out));
      parser.write(text);
      parser.end();
    });
  } catch (e) {
    if (e instanceof CatalogError) throw e;
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new CatalogError('ParseError', `${source}: not valid ${format}: ${msg}`, { cause: e });
  }
}

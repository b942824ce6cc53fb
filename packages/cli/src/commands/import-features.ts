import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import {
  type FeatureMapping,
  type ReadFeaturesOptions,
  readFeatures,
} from '@smartcitylab/features';
import { clientFor } from '../broker-url.js';
import { type Command, intOpt, stringOpt } from '../command.js';
import { CliError, UsageError } from '../errors.js';
import { EXIT, println } from '../io.js';

/** `smartcity import-features`: OGC API Features / WFS 2.0 → NGSI-LD entities (NDJSON or a broker). */
export const importFeaturesCommand: Command = {
  name: 'import-features',
  summary:
    'Reads a collection from an OGC API - Features endpoint (or a WFS 2.0 feature type with GeoJSON output), maps each feature to an NGSI-LD entity of --type, reprojects SWEREF 99 to WGS84, and writes NDJSON or upserts into a broker.',
  usage: '<url> --collection <id> --type <type> [--map <map.json>] [--broker <url> | --out <file>]',
  options: {
    collection: {
      type: 'string',
      value: '<id>',
      description: 'Collection id (OGC API) or feature type name (WFS).',
    },
    type: {
      type: 'string',
      value: '<type>',
      description: 'NGSI-LD entity type of the entities made.',
    },
    map: {
      type: 'string',
      value: '<file>',
      description:
        'JSON mapping: { "id": "urn:ngsi-ld:T:{prop}", "attributes": { "attr": "prop" }, "geoproperty": "location" }.',
    },
    broker: {
      type: 'string',
      value: '<url>',
      description: 'Upsert into this broker instead of writing NDJSON.',
    },
    out: {
      type: 'string',
      short: 'o',
      value: '<file>',
      description: 'Write NDJSON here (default standard output).',
    },
    wfs: {
      type: 'boolean',
      description: 'The URL is a WFS 2.0 endpoint (implied by service=WFS in it).',
    },
    crs: {
      type: 'string',
      value: '<crs>',
      description: 'CRS to ask the server for, e.g. EPSG:3006 (answers are reprojected).',
    },
    'source-crs': {
      type: 'string',
      value: '<crs>',
      description: 'CRS of the coordinates when the server does not say (default CRS84).',
    },
    'page-size': {
      type: 'string',
      value: '<n>',
      description: 'Features per request (default 1000).',
    },
    tenant: {
      type: 'string',
      value: '<name>',
      description: 'NGSILD-Tenant to write to (with --broker).',
    },
  },
  examples: [
    'smartcity import-features https://geo.sundsvall.se/ogc --collection avfallskarl --type WasteContainer --map map.json > containers.ndjson',
    'smartcity import-features "https://geo.kommun.se/geoserver/wfs?service=WFS" --collection kommun:lampor --type Streetlight --broker http://localhost:1026',
  ],
  async run(args, io) {
    const url = args.positionals[0];
    if (url === undefined)
      throw new UsageError('Give the OGC API Features landing page (or WFS) URL.');
    const collection = stringOpt(args, 'collection');
    if (collection === undefined)
      throw new UsageError(
        '--collection is required: the collection id or WFS feature type to read.',
      );
    const mapping = await mappingFrom(stringOpt(args, 'map'), stringOpt(args, 'type'), io.cwd);
    const options: ReadFeaturesOptions = { pageSize: intOpt(args, 'page-size', 1000) };
    if (args.values.wfs === true) options.protocol = 'wfs';
    const crs = stringOpt(args, 'crs');
    if (crs !== undefined) options.crs = crs;
    const sourceCrs = stringOpt(args, 'source-crs');
    if (sourceCrs !== undefined) options.sourceCrs = sourceCrs;
    const entities = readFeatures(url, collection, mapping, options);
    const brokerUrl = stringOpt(args, 'broker');
    if (brokerUrl !== undefined) {
      const client = clientFor(brokerUrl, io, stringOpt(args, 'tenant'));
      let batch: Record<string, unknown>[] = [];
      let ok = 0;
      let failed = 0;
      const flush = async (): Promise<void> => {
        if (batch.length === 0) return;
        const r = await client.upsertEntities(batch, { mode: 'replace', batchSize: 500 });
        ok += r.success.length;
        failed += r.errors.length;
        for (const e of r.errors.slice(0, 5))
          println(
            io.stderr,
            `failed ${e.entityId}: ${e.error.detail ?? e.error.title ?? e.error.type}`,
          );
        batch = [];
      };
      for await (const e of entities) {
        batch.push(e as Record<string, unknown>);
        if (batch.length >= 500) await flush();
      }
      await flush();
      println(
        io.stdout,
        `Imported ${ok} ${mapping.type} entities into ${brokerUrl}${failed ? `; ${failed} failed` : ''}`,
      );
      return failed > 0 ? EXIT.findings : EXIT.ok;
    }
    const outFile = stringOpt(args, 'out');
    const out: Writable = outFile ? createWriteStream(resolve(io.cwd, outFile)) : io.stdout;
    let n = 0;
    for await (const e of entities) {
      if (!out.write(`${JSON.stringify(e)}\n`)) await new Promise((r) => out.once('drain', r));
      n += 1;
    }
    if (outFile) {
      await new Promise<void>((done, fail) =>
        out.end((err?: Error | null) => (err ? fail(err) : done())),
      );
      println(io.stderr, `Wrote ${n} ${mapping.type} entities to ${outFile}`);
    }
    return EXIT.ok;
  },
};

async function mappingFrom(
  file: string | undefined,
  type: string | undefined,
  cwd: string,
): Promise<FeatureMapping> {
  let fromFile: Partial<FeatureMapping> = {};
  if (file !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(resolve(cwd, file), 'utf8'));
    } catch (e) {
      throw new CliError(`cannot read --map ${file}: ${(e as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new UsageError(
        `--map ${file} must hold a JSON object such as { "id": "urn:ngsi-ld:T:{objectId}", "attributes": { "name": "namn" } }.`,
      );
    }
    fromFile = parsed as Partial<FeatureMapping>;
  }
  const t = type ?? fromFile.type;
  if (typeof t !== 'string' || t === '')
    throw new UsageError(
      '--type is required: the NGSI-LD entity type to create (or "type" in the --map file).',
    );
  return { ...fromFile, type: t };
}

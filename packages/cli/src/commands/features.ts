import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { NgsiLdClient } from '@smartcitylab/client';
import { type CollectionConfig, createFeaturesHandler } from '@smartcitylab/features';
import { clientFor } from '../broker-url.js';
import { type Command, stringOpt } from '../command.js';
import { CliError, UsageError } from '../errors.js';
import { EXIT, println } from '../io.js';

/** `smartcity features`: serves broker entity types as OGC API – Features until Ctrl-C. */
export const featuresCommand: Command = {
  name: 'features',
  summary:
    'Serves entity types of an NGSI-LD broker as OGC API - Features (GeoJSON and HTML, CRS84, EPSG:4326 and SWEREF 99) for GIS tools such as QGIS and GDAL; stops on Ctrl-C.',
  usage: '<broker-url> [--port <n>] [--type <type>]... [--collections <file>]',
  options: {
    port: {
      type: 'string',
      short: 'p',
      value: '<n>',
      description: 'Port to listen on (default 8080; 0 picks a free one).',
    },
    host: {
      type: 'string',
      value: '<address>',
      description: 'Address to bind (default 127.0.0.1).',
    },
    type: {
      type: 'string',
      multiple: true,
      value: '<type>',
      description: 'Entity type to serve (repeatable; default every type the broker lists).',
    },
    collections: {
      type: 'string',
      value: '<file>',
      description: 'JSON file with an array of collections ({ id, type, title, queryables, ... }).',
    },
    tenant: { type: 'string', value: '<name>', description: 'NGSILD-Tenant to read from.' },
    'base-url': {
      type: 'string',
      value: '<url>',
      description: 'Public URL of the service, for the links (default from the Host header).',
    },
  },
  examples: [
    'smartcity features http://localhost:1026 --port 8080',
    'smartcity features http://localhost:1026 --type WasteContainer --type Streetlight',
    'ogrinfo OAPIF:http://127.0.0.1:8080',
  ],
  async run(args, io) {
    const client = clientFor(args.positionals[0], io, stringOpt(args, 'tenant'));
    const port = portOpt(stringOpt(args, 'port'));
    const host = stringOpt(args, 'host') ?? '127.0.0.1';
    const collections = await collectionsFrom(
      args.values.type as string[] | undefined,
      stringOpt(args, 'collections'),
      io.cwd,
      client,
    );
    const baseUrl = stringOpt(args, 'base-url');
    const handler = createFeaturesHandler({
      client,
      collections,
      ...(baseUrl ? { baseUrl: baseUrl.replace(/\/+$/, '') } : {}),
    });
    const server = createServer(handler);
    const url = await listen(server, port, host);
    println(
      io.stdout,
      `OGC API - Features at ${url} serving ${collections.map((c) => (typeof c === 'string' ? c : c.id)).join(', ')} (Ctrl-C to stop)`,
    );
    println(io.stdout, `Try: ogrinfo OAPIF:${url}`);
    await new Promise<void>((done) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        done();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
    return EXIT.ok;
  },
};

function portOpt(v: string | undefined): number {
  if (v === undefined) return 8080;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${v}".`);
  return n;
}

function idFor(type: string): string {
  const short = type.split(/[/#:]/).pop() ?? type;
  return short.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'collection';
}

async function collectionsFrom(
  types: string[] | undefined,
  file: string | undefined,
  cwd: string,
  client: NgsiLdClient,
): Promise<(CollectionConfig | string)[]> {
  if (file !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(resolve(cwd, file), 'utf8'));
    } catch (e) {
      throw new CliError(`cannot read --collections ${file}: ${(e as Error).message}`);
    }
    if (
      !Array.isArray(parsed) ||
      parsed.some(
        (c) =>
          typeof c !== 'string' &&
          (typeof c !== 'object' ||
            c === null ||
            typeof (c as { id?: unknown }).id !== 'string' ||
            typeof (c as { type?: unknown }).type !== 'string'),
      )
    ) {
      throw new UsageError(
        `--collections ${file} must hold a JSON array of type names or { "id", "type" } objects.`,
      );
    }
    return parsed as (CollectionConfig | string)[];
  }
  if (types && types.length > 0) return types.map((t) => ({ id: idFor(t), type: t }));
  const listed = await client.listTypes();
  const names = Array.isArray(listed)
    ? listed.map((t) =>
        String((t as { typeName?: unknown; id?: unknown }).typeName ?? (t as { id?: unknown }).id),
      )
    : Array.isArray((listed as { typeList?: unknown }).typeList)
      ? (listed as { typeList: unknown[] }).typeList.map(String)
      : [];
  if (names.length === 0)
    throw new CliError(
      'the broker lists no entity types; add entities first or name them with --type.',
    );
  return names.map((t) => ({ id: idFor(t), type: t }));
}

function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((done, fail) => {
    server.once('error', (e) =>
      fail(new CliError(`cannot listen on ${host}:${port}: ${e.message}; choose another --port.`)),
    );
    server.listen(port, host, () => {
      const a = server.address() as AddressInfo;
      done(`http://${host.includes(':') ? `[${host}]` : host}:${a.port}`);
    });
  });
}

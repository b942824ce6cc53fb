import { clientFor } from '../broker-url.js';
import { type Command, choiceOpt, intOpt, stringOpt } from '../command.js';
import { UsageError } from '../errors.js';
import { EXIT, println } from '../io.js';
import { renderTable } from '../table.js';

/** `smartcity query`: type, q and geo queries against a broker. */
export const queryCommand: Command = {
  name: 'query',
  summary:
    'Queries an NGSI-LD broker by type, q expression and geo-query, paging through all results, and prints a table, NDJSON or a GeoJSON FeatureCollection.',
  usage: '<broker-url> [--type <T>] [--q <expr>] [--near <lon,lat> --max-distance <m>] [options]',
  options: {
    type: {
      type: 'string',
      short: 't',
      value: '<Type>',
      description: 'Entity type (comma-separated for several).',
    },
    q: {
      type: 'string',
      value: '<expr>',
      description: 'NGSI-LD query, e.g. "temperature>20;status==\\"ok\\"".',
    },
    near: { type: 'string', value: '<lon,lat>', description: 'Point for a near query (WGS84).' },
    'max-distance': {
      type: 'string',
      value: '<m>',
      description: 'Radius of the near query in metres (default 1000).',
    },
    attrs: { type: 'string', value: '<a,b>', description: 'Only these attributes.' },
    limit: {
      type: 'string',
      value: '<n>',
      description: 'At most this many entities (default: all).',
    },
    tenant: { type: 'string', value: '<name>', description: 'NGSILD-Tenant to read from.' },
    format: {
      type: 'string',
      short: 'f',
      value: '<table|ndjson|geojson>',
      description: 'Output (default table).',
    },
  },
  examples: [
    'smartcity query http://localhost:1026 --type WeatherObserved',
    'smartcity query http://localhost:1026 --type AirQualityObserved --q "no2>40" --format ndjson',
    'smartcity query http://localhost:1026 --type ParkingSpot --near 17.3069,62.3908 --max-distance 500 -f geojson',
  ],
  async run(args, io) {
    const [url, extra] = args.positionals;
    if (extra !== undefined)
      throw new UsageError(`Unexpected argument "${extra}"; filters go in --type, --q or --near.`);
    const client = clientFor(url, io, stringOpt(args, 'tenant'));
    const format = choiceOpt(args, 'format', ['table', 'ndjson', 'geojson'] as const, 'table');
    const type = stringOpt(args, 'type');
    const q = stringOpt(args, 'q');
    const near = stringOpt(args, 'near');
    const limit =
      args.values.limit === undefined ? Number.POSITIVE_INFINITY : intOpt(args, 'limit', 1);
    if (!type && !q && !near) throw new UsageError('Give at least one of --type, --q or --near.');
    let geo: { georel: string; geometry: string; coordinates: number[] } | undefined;
    if (near !== undefined) {
      const parts = near.split(',').map((p) => Number(p.trim()));
      if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n))) {
        throw new UsageError(`--near must be "lon,lat" in WGS84 degrees, not "${near}".`);
      }
      const distance = intOpt(args, 'max-distance', 1000);
      geo = { georel: `near;maxDistance==${distance}`, geometry: 'Point', coordinates: parts };
    }
    const attrs = stringOpt(args, 'attrs')
      ?.split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    const results: Record<string, unknown>[] = [];
    for await (const e of client.queryAll({
      ...(type ? { type: type.split(',') } : {}),
      ...(q ? { q } : {}),
      ...(geo ?? {}),
      ...(attrs ? { attrs } : {}),
      format: 'keyValues',
    })) {
      const entity = e as Record<string, unknown>;
      if (format === 'ndjson') println(io.stdout, JSON.stringify(entity));
      else results.push(entity);
      if (results.length >= limit) break;
    }
    if (format === 'geojson') {
      const features = results.map((e) => {
        const { location, ...properties } = e;
        return { type: 'Feature', id: e.id, geometry: location ?? null, properties };
      });
      println(io.stdout, JSON.stringify({ type: 'FeatureCollection', features }, null, 2));
    } else if (format === 'table') {
      const keys = [...new Set(results.flatMap((e) => Object.keys(e)))].filter(
        (k) => k !== 'id' && k !== 'type' && k !== '@context' && k !== 'location',
      );
      const shown = keys.slice(0, 4);
      println(
        io.stdout,
        renderTable(
          ['id', 'type', ...shown],
          results.map((e) => [String(e.id), String(e.type), ...shown.map((k) => cell(e[k]))]),
        ),
      );
      println(io.stderr, `${results.length} entities`);
    }
    return EXIT.ok;
  },
};

function cell(v: unknown): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

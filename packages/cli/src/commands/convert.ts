import type { Representation } from '@smartcitylab/ngsi-ld';
import { type SwerefCrs, swerefToWgs84 } from '@smartcitylab/ngsi-ld/geo';
import { type Command, choiceOpt, stringOpt } from '../command.js';
import { asNormalized, inRepresentation } from '../entities.js';
import { oneLine, UsageError } from '../errors.js';
import { expandInputs, readRecords } from '../input.js';
import { EXIT, println } from '../io.js';

const REPRESENTATIONS = ['normalized', 'concise', 'keyValues'] as const;
const ZONES = [
  'TM',
  '12 00',
  '13 30',
  '15 00',
  '16 30',
  '18 00',
  '14 15',
  '15 45',
  '17 15',
  '18 45',
  '20 15',
  '21 45',
  '23 15',
];

/** `smartcity convert`: between normalized, concise and keyValues; SWEREF 99 to WGS84 on the way. */
export const convertCommand: Command = {
  name: 'convert',
  summary:
    'Converts NGSI-LD entities between the normalized, concise and keyValues representations (keyValues → normalized uses the Smart Data Model of the type for Relationships and GeoProperties), optionally reprojecting SWEREF 99 locations to WGS84. Writes NDJSON.',
  usage: '<files|dirs|->... --to <normalized|concise|keyValues> [options]',
  options: {
    to: {
      type: 'string',
      short: 't',
      value: '<representation>',
      description: 'Target representation (required).',
    },
    from: {
      type: 'string',
      value: '<representation>',
      description: 'Source representation (default: detected per entity).',
    },
    sweref: {
      type: 'string',
      value: '<TM|18 00|...>',
      description:
        'Location coordinates are SWEREF 99 (TM = EPSG:3006, or a local zone such as "18 00"); convert them to WGS84.',
    },
  },
  examples: [
    'smartcity convert export.json --to normalized > entities.ndjson',
    'smartcity convert gis-export.ndjson --to keyValues --sweref TM',
    'smartcity convert stockholm.json --to concise --sweref "18 00"',
  ],
  async run(args, io) {
    const to = choiceOpt(args, 'to', REPRESENTATIONS, 'normalized');
    if (args.values.to === undefined)
      throw new UsageError('--to is required: normalized, concise or keyValues.');
    const from =
      args.values.from === undefined
        ? undefined
        : choiceOpt(args, 'from', REPRESENTATIONS, 'normalized');
    const sweref = stringOpt(args, 'sweref');
    if (
      sweref !== undefined &&
      !ZONES.includes(sweref) &&
      !/^(EPSG:)?30(0[6-9]|1[0-8])$/.test(sweref)
    ) {
      throw new UsageError(
        `--sweref must be TM, a local zone such as "18 00", or EPSG:3006–3018; not "${sweref}".`,
      );
    }
    if (args.positionals.length === 0)
      throw new UsageError('Give at least one file, folder or "-" for stdin.');
    const files = await expandInputs(args.positionals, io);
    let failed = 0;
    for (const file of files) {
      for await (const rec of readRecords(file, io, file === '-' ? 'stdin' : file)) {
        const where = `${rec.source}${rec.line === undefined ? '' : `:${rec.line}`}`;
        if ('error' in rec) {
          failed++;
          println(io.stderr, `${where}: ${rec.error}`);
          continue;
        }
        try {
          const entity = sweref === undefined ? rec.value : reproject(rec.value, sweref);
          println(io.stdout, JSON.stringify(await convertOne(entity, from, to)));
        } catch (e) {
          failed++;
          println(io.stderr, `${where}: ${oneLine(e)}`);
        }
      }
    }
    return failed > 0 ? EXIT.findings : EXIT.ok;
  },
};

async function convertOne(
  entity: unknown,
  from: Representation | undefined,
  to: Representation,
): Promise<unknown> {
  return inRepresentation(await asNormalized(entity, from), to);
}

const GEO = ['location', 'observationSpace', 'operationSpace'];

/** Reprojects the location attributes of an entity in any representation. */
function reproject(entity: unknown, zone: string): unknown {
  if (!entity || typeof entity !== 'object') return entity;
  const crs = (/^\d+$/.test(zone) ? Number(zone) : zone) as SwerefCrs;
  const out: Record<string, unknown> = { ...(entity as Record<string, unknown>) };
  for (const name of GEO) {
    const attr = out[name];
    if (!attr || typeof attr !== 'object') continue;
    const a = attr as Record<string, unknown>;
    if (a.type === 'GeoProperty' && a.value && typeof a.value === 'object') {
      out[name] = { ...a, value: swerefToWgs84(a.value as never, crs) };
    } else if (typeof a.type === 'string' && 'coordinates' in a) {
      out[name] = swerefToWgs84(a as never, crs);
    }
  }
  return out;
}

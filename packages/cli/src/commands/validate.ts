import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  type Region,
  type RegionPolygon,
  type RuleId,
  type StreamSummary,
  validateStream,
} from '@smartcitylab/validate';
import { type Command, choiceOpt, intOpt, type ParsedArgs, stringOpt } from '../command.js';
import { CliError, UsageError } from '../errors.js';
import { expandInputs, sniffShape } from '../input.js';
import { type CliIo, EXIT, println } from '../io.js';
import { createProgress } from '../progress.js';
import { VALIDATE_FORMATS, ValidateOutput, type ValidateTotals } from '../validate-output.js';

/** Findings shown by the table and Markdown formats unless `--limit` says otherwise. */
const DEFAULT_LIMIT = 50;

/** `smartcity validate`: schema and quality checks of files, folders or stdin. */
export const validateCommand: Command = {
  name: 'validate',
  summary:
    'Checks NGSI-LD entities (JSON, JSON arrays or NDJSON; any representation) against their Smart Data Model and the data-quality rules, and prints a quality report. Exit code 1 when any entity has errors.',
  usage: '<files|dirs|->... [options]',
  options: {
    format: {
      type: 'string',
      short: 'f',
      value: '<table|markdown|json|ndjson|dqa>',
      description:
        'Report format (default table). table and markdown: the summary, findings per rule and the first --limit findings; json: one document, a report per line, written as it goes; ndjson: a line per record then a summary line; dqa: DataQualityAssessment entities as NDJSON. Memory stays bounded in every format, whatever the input size.',
    },
    limit: {
      type: 'string',
      value: '<n>',
      description: `How many findings the table and Markdown formats list, and how many unreadable records are named (default ${DEFAULT_LIMIT}); all are counted.`,
    },
    'max-age': {
      type: 'string',
      value: '<duration>',
      description:
        'Oldest acceptable observation, ISO 8601 (PT1H, P7D) or milliseconds. Default P7D.',
    },
    bbox: {
      type: 'string',
      value: '<minLon,minLat,maxLon,maxLat>',
      description:
        'Area where locations must lie (WGS84); write it with "=" (--bbox=-5,41,10,51.5) so negative numbers are not read as options. Default: Sweden\'s outline.',
    },
    municipality: {
      type: 'string',
      value: '<file.geojson>',
      description: 'A GeoJSON Polygon/MultiPolygon (or Feature) of the municipality boundary.',
    },
    lang: { type: 'string', value: '<en|sv>', description: 'Language of messages. Default en.' },
    json: { type: 'boolean', description: 'Same as --format json.' },
  },
  examples: [
    'smartcity validate delivery.ndjson',
    'smartcity validate data/ --format markdown --lang sv > rapport.md',
    'smartcity validate readings.json --max-age PT2H --municipality sundsvall.geojson',
    'smartcity validate france.ndjson --bbox=-5,41,10,51.5',
    'cat entities.ndjson | smartcity validate - --json',
    'smartcity validate yearly-export.ndjson --format ndjson > reports.ndjson',
    'smartcity validate yearly-export.ndjson --limit 200',
  ],
  async run(args, io) {
    if (args.positionals.length === 0) {
      throw new UsageError('Give at least one file, folder or "-" for stdin.');
    }
    const format =
      args.values.json === true ? 'json' : choiceOpt(args, 'format', VALIDATE_FORMATS, 'table');
    const lang = choiceOpt(args, 'lang', ['en', 'sv'] as const, 'en');
    const limit = intOpt(args, 'limit', DEFAULT_LIMIT);
    const region = await regionOption(args, io);
    const maxAge = stringOpt(args, 'max-age');
    const files = await expandInputs(args.positionals, io);
    const progress = createProgress(io, 'validate');
    const output = new ValidateOutput(io, format, lang, limit);
    // Without a progress bar to advance, valid entities need not travel to this loop at all.
    const emit = output.needsEveryReport || io.interactive ? 'all' : 'issues';
    const totals: ValidateTotals = {
      total: 0,
      valid: 0,
      invalid: 0,
      unreadable: 0,
      meanScore: 0,
      issuesByRule: {},
    };
    let scoreSum = 0;
    await output.start();
    for (const file of files) {
      const label = file === '-' ? 'stdin' : file;
      const shape = await sniffShape(file);
      let source: AsyncIterable<unknown> | unknown[];
      if (file === '-') source = io.stdin;
      else if (shape === 'object') {
        const single = await readSingle(file);
        if (!single.ok) {
          progress.tick();
          await output.unreadable(
            {
              kind: 'unreadable',
              index: 0,
              line: undefined,
              message: single.error,
              messageSv: single.errorSv,
            },
            label,
          );
          totals.total++;
          totals.unreadable++;
          continue;
        }
        source = [single.value];
      } else source = createReadStream(file);
      let summary: StreamSummary | undefined;
      for await (const r of validateStream(source, {
        ...(maxAge === undefined ? {} : { maxAge: durationOption(maxAge) }),
        ...(region ? { region } : {}),
        emit,
      })) {
        if (r.kind === 'summary') summary = r;
        else if (r.kind === 'unreadable') {
          progress.tick();
          await output.unreadable(r, label);
        } else {
          progress.tick();
          await output.entity(r, label);
        }
      }
      if (summary) {
        totals.total += summary.total;
        totals.valid += summary.valid;
        totals.invalid += summary.invalid;
        totals.unreadable += summary.unreadable;
        scoreSum += summary.meanScore * (summary.valid + summary.invalid);
        for (const [rule, n] of Object.entries(summary.issuesByRule) as [RuleId, number][])
          totals.issuesByRule[rule] = (totals.issuesByRule[rule] ?? 0) + n;
      }
    }
    progress.stop();
    const read = totals.valid + totals.invalid;
    totals.meanScore = read === 0 ? 0 : Math.round((scoreSum / read) * 1000) / 1000;
    await output.finish(totals);
    const summaryLine =
      lang === 'sv'
        ? `${totals.total} ${totals.total === 1 ? 'post' : 'poster'}: ${totals.valid} ${totals.valid === 1 ? 'giltig' : 'giltiga'}, ${totals.invalid} med fel, ${totals.unreadable} ${totals.unreadable === 1 ? 'oläsbar' : 'oläsbara'}`
        : `${totals.total} ${totals.total === 1 ? 'record' : 'records'}: ${totals.valid} valid, ${totals.invalid} with errors, ${totals.unreadable} unreadable`;
    println(io.stderr, summaryLine);
    return totals.invalid + totals.unreadable > 0 ? EXIT.findings : EXIT.ok;
  },
};

async function readSingle(
  file: string,
): Promise<{ ok: true; value: unknown } | { ok: false; error: string; errorSv: string }> {
  try {
    return { ok: true, value: JSON.parse(await readFile(file, 'utf8')) };
  } catch (e) {
    const why = (e as Error).message;
    return {
      ok: false,
      error: `not valid JSON (${why}); fix the file or export it again.`,
      errorSv: `inte giltig JSON (${why}); rätta filen eller exportera den igen.`,
    };
  }
}

function durationOption(text: string): number | string {
  return /^\d+$/.test(text) ? Number(text) : text;
}

async function regionOption(args: ParsedArgs, io: CliIo): Promise<Region | undefined> {
  const bboxText = stringOpt(args, 'bbox');
  const municipality = stringOpt(args, 'municipality');
  let bbox: [number, number, number, number] | undefined;
  if (bboxText !== undefined) {
    const parts = bboxText.split(',').map((p) => Number(p.trim()));
    if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
      throw new UsageError(
        `--bbox must be four numbers minLon,minLat,maxLon,maxLat, not "${bboxText}"; write --bbox=-5,41,10,51.5 when a number is negative.`,
      );
    }
    bbox = parts as [number, number, number, number];
  }
  if (municipality === undefined) return bbox ? { name: `bbox ${bboxText}`, bbox } : undefined;
  let geo: unknown;
  try {
    geo = JSON.parse(await readFile(new URL(municipality, `file://${io.cwd}/`), 'utf8'));
  } catch (e) {
    throw new CliError(
      `Cannot read the municipality boundary "${municipality}": ${(e as Error).message}. Give a GeoJSON Polygon, MultiPolygon or Feature file.`,
    );
  }
  const polygon = polygonOf(geo);
  if (!polygon) {
    throw new CliError(`"${municipality}" holds no GeoJSON Polygon or MultiPolygon.`);
  }
  return { name: municipality, bbox: bbox ?? boundsOf(polygon), polygon };
}

function polygonOf(geo: unknown): RegionPolygon | undefined {
  if (!geo || typeof geo !== 'object') return undefined;
  const g = geo as {
    type?: unknown;
    geometry?: unknown;
    features?: unknown;
    coordinates?: unknown;
  };
  if ((g.type === 'Polygon' || g.type === 'MultiPolygon') && Array.isArray(g.coordinates)) {
    return { type: g.type, coordinates: g.coordinates };
  }
  if (g.type === 'Feature') return polygonOf(g.geometry);
  if (g.type === 'FeatureCollection' && Array.isArray(g.features)) return polygonOf(g.features[0]);
  return undefined;
}

function boundsOf(p: RegionPolygon): [number, number, number, number] {
  const b: [number, number, number, number] = [180, 90, -180, -90];
  const stack: unknown[] = [p.coordinates];
  while (stack.length > 0) {
    const c = stack.pop();
    if (!Array.isArray(c)) continue;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      b[0] = Math.min(b[0], c[0]);
      b[1] = Math.min(b[1], c[1]);
      b[2] = Math.max(b[2], c[0]);
      b[3] = Math.max(b[3], c[1]);
    } else stack.push(...c);
  }
  return b;
}

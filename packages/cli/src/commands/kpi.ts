import {
  computeIndicator,
  dailyMeanNo2,
  type EntityReduction,
  type Grouping,
  type IndicatorDefinition,
  isIndicatorError,
  type Period,
  type PeriodUnit,
  periodOf,
  publishIndicators,
  type Statistic,
  toKpiEntity,
  wasteContainersOverThreshold,
} from '@smartcitylab/indicators';
import { isModelValidationError } from '@smartcitylab/models';
import { clientFor } from '../broker-url.js';
import { type Command, choiceOpt, flag, type ParsedArgs, stringOpt } from '../command.js';
import { CliError, UsageError } from '../errors.js';
import { EXIT, println } from '../io.js';
import { renderTable } from '../table.js';

const PRESETS = ['waste-full', 'no2-daily'] as const;
const STATS = ['count', 'sum', 'mean', 'min', 'max', 'share-above'] as const;
const GROUPS = ['municipality', 'area', 'entity', 'all'] as const;
const UNITS = ['hour', 'day', 'week', 'month', 'year'] as const;

/** `--from`/`--to`, else the `--period` unit around `--at` (default `fallback`). */
function periodFrom(args: ParsedArgs, fallback: PeriodUnit): Period {
  const from = stringOpt(args, 'from');
  const to = stringOpt(args, 'to');
  if ((from === undefined) !== (to === undefined))
    throw new UsageError('Give both --from and --to, or neither (then --period and --at).');
  if (from !== undefined && to !== undefined) return { from, to };
  return periodOf(choiceOpt(args, 'period', UNITS, fallback), stringOpt(args, 'at') ?? new Date());
}

function threshold(args: ParsedArgs): number | undefined {
  const raw = stringOpt(args, 'threshold');
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new UsageError(`--threshold must be a number, not "${raw}".`);
  return n;
}

function definitionOf(args: ParsedArgs): IndicatorDefinition {
  const preset = stringOpt(args, 'preset');
  const organization = stringOpt(args, 'organization');
  const org = organization ? { organization } : {};
  if (preset === 'waste-full') {
    const t = threshold(args);
    return {
      ...wasteContainersOverThreshold({ ...org, ...(t !== undefined ? { threshold: t } : {}) }),
      period: periodFrom(args, 'week'),
    };
  }
  if (preset === 'no2-daily') return { ...dailyMeanNo2(org), period: periodFrom(args, 'day') };
  if (preset !== undefined)
    throw new UsageError(`--preset must be one of ${PRESETS.join(', ')}, not "${preset}".`);
  const type = stringOpt(args, 'type');
  const attribute = stringOpt(args, 'attr');
  const stat = stringOpt(args, 'stat');
  if (!type || !attribute || !stat)
    throw new UsageError('Give --preset, or --type, --attr and --stat (see --help).');
  const statistic = choiceOpt(args, 'stat', STATS, 'mean');
  const per = stringOpt(args, 'per-entity');
  const id = stringOpt(args, 'id') ?? `${type}-${attribute}-${statistic}`.toLowerCase();
  const t = threshold(args);
  return {
    id,
    name: stringOpt(args, 'name') ?? `${statistic} of ${type} ${attribute}`,
    entityType: type,
    attribute,
    statistic: (statistic === 'share-above' ? 'shareAbove' : statistic) as Statistic,
    groupBy: choiceOpt(args, 'group', GROUPS, 'all') as Grouping,
    period: periodFrom(args, 'day'),
    ...(stringOpt(args, 'q') ? { q: stringOpt(args, 'q') as string } : {}),
    ...(t !== undefined ? { threshold: t } : {}),
    ...(per !== undefined
      ? {
          perEntity: choiceOpt(
            args,
            'per-entity',
            ['max', 'min', 'mean', 'last'] as const,
            'max',
          ) as EntityReduction,
        }
      : {}),
    ...org,
  };
}

/** `smartcity kpi`: MIM8 indicators from broker data, as KeyPerformanceIndicator entities. */
export const kpiCommand: Command = {
  name: 'kpi',
  summary:
    'Computes an indicator (count, sum, mean, min, max or share above a threshold, per municipality, area or entity) from the history in an NGSI-LD broker for a period, and prints or publishes it as KeyPerformanceIndicator entities.',
  usage: '<broker-url> (--preset <name> | --type <T> --attr <a> --stat <s>) [options]',
  options: {
    preset: {
      type: 'string',
      value: `<${PRESETS.join('|')}>`,
      description:
        'A ready indicator: waste containers over 80 % full per municipality and week, or daily mean NO2 per station.',
    },
    type: { type: 'string', short: 't', value: '<Type>', description: 'Source entity type.' },
    attr: {
      type: 'string',
      value: '<attribute>',
      description: 'Attribute whose observations are aggregated.',
    },
    stat: { type: 'string', value: `<${STATS.join('|')}>`, description: 'The statistic.' },
    threshold: {
      type: 'string',
      value: '<n>',
      description: 'For share-above: values strictly above it count (waste-full: default 0.8).',
    },
    'per-entity': {
      type: 'string',
      value: '<max|min|mean|last>',
      description: 'Reduce each entity to one value first, so each counts once.',
    },
    group: {
      type: 'string',
      value: `<${GROUPS.join('|')}>`,
      description: 'Grouping (default all).',
    },
    q: {
      type: 'string',
      value: '<expr>',
      description: 'NGSI-LD q selecting which entities count (on their current state).',
    },
    period: {
      type: 'string',
      value: `<${UNITS.join('|')}>`,
      description: "Calendar period (UTC) around --at (default: the preset's, else day).",
    },
    at: { type: 'string', value: '<date>', description: 'A date inside the period (default now).' },
    from: {
      type: 'string',
      value: '<date-time>',
      description: 'Explicit period start (with --to; end exclusive).',
    },
    to: { type: 'string', value: '<date-time>', description: 'Explicit period end.' },
    id: { type: 'string', value: '<id>', description: 'Indicator id inside the KPI entity ids.' },
    name: { type: 'string', value: '<text>', description: 'Indicator name.' },
    organization: {
      type: 'string',
      value: '<name>',
      description: 'Organisation that calculates the KPI.',
    },
    publish: { type: 'boolean', description: 'Upsert the KPI entities to the broker.' },
    json: {
      type: 'boolean',
      description: 'Print the KPI entities (keyValues) as JSON instead of a table.',
    },
    tenant: {
      type: 'string',
      value: '<name>',
      description: 'NGSILD-Tenant to read from and publish to.',
    },
  },
  examples: [
    'smartcity kpi http://localhost:1026 --preset waste-full --at 2026-11-25 --publish',
    'smartcity kpi http://localhost:1026 --preset no2-daily --at 2026-11-25 --json',
    'smartcity kpi http://localhost:1026 --type ParkingSpot --attr occupancy --stat mean --group area --period week',
  ],
  async run(args, io) {
    const [url, extra] = args.positionals;
    if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}".`);
    const client = clientFor(url, io, stringOpt(args, 'tenant'));
    try {
      const definition = definitionOf(args);
      const report = await computeIndicator(client, definition);
      const entities = report.results.map((r) => toKpiEntity(r));
      if (flag(args, 'json')) println(io.stdout, JSON.stringify(entities, null, 2));
      else {
        println(
          io.stdout,
          renderTable(
            ['group', 'value', 'entities', 'observations'],
            report.results.map((r) => [
              r.group,
              r.value === null ? '' : String(r.value),
              String(r.entities),
              String(r.observations),
            ]),
          ),
        );
        println(io.stdout, `period:  [${definition.period.from}, ${definition.period.to})`);
        println(io.stdout, `formula: ${report.results[0]?.formula ?? ''}`);
        println(io.stdout, `source:  ${report.results[0]?.sourceQuery ?? ''}`);
      }
      if (report.results.length === 0)
        println(
          io.stderr,
          `no ${definition.entityType} observation of ${definition.attribute} in the period`,
        );
      if (report.withoutData.length > 0)
        println(
          io.stderr,
          `${report.withoutData.length} entities had no observation in the period`,
        );
      if (report.ungrouped.length > 0)
        println(
          io.stderr,
          `${report.ungrouped.length} entities lack the grouping attribute and were left out`,
        );
      if (flag(args, 'publish')) {
        const result = await publishIndicators(client, report.results);
        for (const e of result.errors)
          println(io.stderr, `${e.entityId}: ${e.error.title ?? e.error.type}`);
        println(io.stderr, `published ${result.success.length} KeyPerformanceIndicator entities`);
        if (result.errors.length > 0) return EXIT.findings;
      }
      return EXIT.ok;
    } catch (e) {
      if (isIndicatorError(e) || isModelValidationError(e))
        throw new CliError(e.message, { cause: e });
      throw e;
    }
  },
};

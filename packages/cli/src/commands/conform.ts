import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  authFromEnv,
  exitCodeOf,
  isConformanceError,
  isProfileName,
  type ProfileName,
  reportToHtml,
  reportToJson,
  reportToJUnit,
  reportToMarkdown,
  runConformance,
} from '@smartcitylab/conformance';
import { type Command, choiceOpt, flag, intOpt, stringOpt } from '../command.js';
import { CliError, UsageError } from '../errors.js';
import { println } from '../io.js';
import { createProgress } from '../progress.js';

function list(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function numberOpt(
  value: string | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a number from ${min} to ${max}, not "${value}".`);
  return n;
}

/** `smartcity conform`: check a supplier's live NGSI-LD endpoint and the data behind it. */
export const conformCommand: Command = {
  name: 'conform',
  summary:
    'Checks a live NGSI-LD endpoint against the versioned MIM1 profiles and audits its data against Smart Data Models (MIM2), and writes a conformance statement. Read-only unless --allow-write. Exit 0 all must checks pass, 1 a must check failed, 2 could not run.',
  usage: '<broker-url> [--profile a,b] [--types A,B] [--allow-write] [options]',
  options: {
    profile: {
      type: 'string',
      short: 'p',
      value: '<a,b>',
      description: 'Profiles (default every mim1-*, plus mim2-data with --types).',
    },
    types: {
      type: 'string',
      value: '<A,B>',
      description: 'Entity types for the data audit (mim2-data).',
    },
    sample: {
      type: 'string',
      value: '<n>',
      description: 'Entities audited per type (default 1000).',
    },
    'allow-write': {
      type: 'boolean',
      description: 'Run the write checks (creates and deletes probe entities).',
    },
    tenant: { type: 'string', value: '<name>', description: 'NGSILD-Tenant for every request.' },
    rps: {
      type: 'string',
      value: '<n>',
      description: 'Requests per second at most (default 10; 0 = no limit).',
    },
    timeout: { type: 'string', value: '<ms>', description: 'Per-request timeout (default 10000).' },
    'notify-url': {
      type: 'string',
      value: '<url>',
      description: "Public URL forwarding to the kit's notification receiver (remote brokers).",
    },
    'receiver-port': {
      type: 'string',
      value: '<port>',
      description: 'Port of the notification receiver on 127.0.0.1.',
    },
    'min-score': {
      type: 'string',
      value: '<0..1>',
      description: 'Least mean quality score per type (default 0.8).',
    },
    'min-valid': {
      type: 'string',
      value: '<percent>',
      description: 'Least share of schema-valid entities (default 100).',
    },
    format: {
      type: 'string',
      short: 'f',
      value: '<md|html|json|junit>',
      description: 'Report format (default md).',
    },
    lang: {
      type: 'string',
      value: '<sv|en>',
      description: 'Language of md and html (default en).',
    },
    out: {
      type: 'string',
      short: 'o',
      value: '<file>',
      description: 'Write the report here instead of stdout.',
    },
  },
  examples: [
    'smartcity conform https://broker.example.se',
    'SMARTCITY_TOKEN=... smartcity conform https://staging.example.se --allow-write --format junit --out conformance.xml',
    'smartcity conform https://broker.example.se --types WasteContainer,AirQualityObserved --sample 500 --lang sv --format html --out intyg.html',
  ],
  async run(args, io) {
    const [url, extra] = args.positionals;
    if (url === undefined)
      throw new UsageError('Give the broker URL, e.g. https://broker.example.se.');
    if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}".`);
    const format = choiceOpt(args, 'format', ['md', 'html', 'json', 'junit'] as const, 'md');
    const lang = choiceOpt(args, 'lang', ['sv', 'en'] as const, 'en');
    const profiles = list(stringOpt(args, 'profile'));
    for (const p of profiles ?? []) {
      if (!isProfileName(p))
        throw new UsageError(
          `Unknown profile "${p}". Use mim1-core, mim1-query, mim1-batch, mim1-subscriptions, mim1-temporal, mim1-tenancy or mim2-data.`,
        );
    }
    const types = list(stringOpt(args, 'types'));
    if (profiles?.includes('mim2-data') && !types)
      throw new UsageError('The mim2-data profile needs --types, e.g. --types WasteContainer.');
    let auth: ReturnType<typeof authFromEnv>;
    try {
      auth = authFromEnv(io.env);
    } catch (e) {
      throw new CliError(e instanceof Error ? e.message : String(e));
    }
    const rps = numberOpt(stringOpt(args, 'rps'), 'rps', 0, 10_000);
    const timeoutMs =
      args.values.timeout === undefined ? undefined : intOpt(args, 'timeout', 10_000);
    const receiverPort = numberOpt(stringOpt(args, 'receiver-port'), 'receiver-port', 1, 65_535);
    const minScore = numberOpt(stringOpt(args, 'min-score'), 'min-score', 0, 1);
    const minValid = numberOpt(stringOpt(args, 'min-valid'), 'min-valid', 0, 100);
    const notifyUrl = stringOpt(args, 'notify-url');
    const tenant = stringOpt(args, 'tenant');
    const controller = new AbortController();
    const onSigint = (): void => {
      println(io.stderr, 'smartcity conform: interrupted; deleting what the run created…');
      controller.abort();
    };
    process.once('SIGINT', onSigint);
    const progress = createProgress(io, 'conform');
    let report: Awaited<ReturnType<typeof runConformance>>;
    try {
      report = await runConformance({
        endpoint: url,
        allowWrite: flag(args, 'allow-write'),
        signal: controller.signal,
        ...(profiles ? { profiles: profiles as ProfileName[] } : {}),
        ...(types
          ? {
              audit: {
                types,
                sample: args.values.sample === undefined ? 1000 : intOpt(args, 'sample', 1000),
              },
            }
          : {}),
        ...(auth ? { auth } : {}),
        ...(tenant ? { tenant } : {}),
        ...(rps !== undefined ? { rps } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(notifyUrl ? { notifyUrl } : {}),
        ...(receiverPort !== undefined ? { receiverPort } : {}),
        ...(minScore !== undefined ? { minScore } : {}),
        ...(minValid !== undefined ? { minValidPercent: minValid } : {}),
        onCheck: (_r, done, total) => {
          progress.setTotal(total);
          progress.tick();
          void done;
        },
      });
    } catch (e) {
      if (isConformanceError(e)) throw new CliError(e.message);
      throw e;
    } finally {
      progress.stop();
      process.off('SIGINT', onSigint);
    }
    const text =
      format === 'json'
        ? reportToJson(report)
        : format === 'junit'
          ? reportToJUnit(report)
          : format === 'html'
            ? reportToHtml(report, { lang })
            : reportToMarkdown(report, { lang });
    const out = stringOpt(args, 'out');
    if (out) await writeFile(resolve(io.cwd, out), text);
    else io.stdout.write(text);
    const s = report.summary;
    if (report.outcome === 'error')
      println(io.stderr, `smartcity conform: ${report.error ?? 'could not run'}`);
    else
      println(
        io.stderr,
        `${report.outcome === 'pass' ? 'PASS' : 'FAIL'}: ${s.pass} passed, ${s.fail} failed (${s.mustFailed} must), ${s.skipped} skipped, ${s.notApplicable} not applicable${report.leftovers.some((l) => l.kind !== 'tenant') ? `; ${report.leftovers.length} left behind, see the report` : ''}`,
      );
    return exitCodeOf(report);
  },
};

import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ProblemDetails } from '@smartcitylab/ngsi-ld';
import { clientFor } from '../broker-url.js';
import { type Command, choiceOpt, intOpt, stringOpt } from '../command.js';
import { asNormalized } from '../entities.js';
import { CliError, oneLine, UsageError } from '../errors.js';
import { expandInputs, readRecords } from '../input.js';
import { EXIT, println } from '../io.js';
import { createProgress } from '../progress.js';

/** One entity that did not reach the broker, with the reason. */
interface Failure {
  readonly entityId: string | undefined;
  readonly source: string;
  readonly reason: string;
  readonly problem?: ProblemDetails;
}

/** `smartcity push`: batch upsert of files into a broker, with a report of every failure. */
export const pushCommand: Command = {
  name: 'push',
  summary:
    'Upserts the entities of files (JSON, JSON arrays or NDJSON; any representation) into an NGSI-LD broker in chunks, with retries, and writes a report of every entity that failed and why. Exit code 1 when any failed.',
  usage: '<broker-url> <files|dirs|->... [options]',
  options: {
    tenant: { type: 'string', value: '<name>', description: 'NGSILD-Tenant to write to.' },
    'batch-size': {
      type: 'string',
      value: '<n>',
      description: 'Entities per request (default 500).',
    },
    mode: {
      type: 'string',
      value: '<update|replace>',
      description: 'Upsert mode (default update).',
    },
    report: {
      type: 'string',
      value: '<file>',
      description:
        'Where to write the failure report (default push-report.json when anything failed).',
    },
  },
  examples: [
    'smartcity push http://localhost:1026 readings.ndjson',
    'SMARTCITY_TOKEN=… smartcity push https://broker.kommun.se data/ --tenant sundsvall --report failed.json',
  ],
  async run(args, io) {
    const [url, ...inputs] = args.positionals;
    const client = clientFor(url, io, stringOpt(args, 'tenant'));
    if (inputs.length === 0)
      throw new UsageError('Give at least one file, folder or "-" after the broker URL.');
    const batchSize = intOpt(args, 'batch-size', 500);
    const mode = choiceOpt(args, 'mode', ['update', 'replace'] as const, 'update');
    const files = await expandInputs(inputs, io);
    const failures: Failure[] = [];
    const progress = createProgress(io, 'push');
    let sent = 0;
    let ok = 0;
    let pending: { entity: Record<string, unknown>; source: string }[] = [];
    const flush = async (): Promise<void> => {
      if (pending.length === 0) return;
      const chunk = pending;
      pending = [];
      const sourceOf = new Map(chunk.map((c) => [c.entity.id as string, c.source]));
      const result = await client.upsertEntities(
        chunk.map((c) => c.entity),
        { mode, batchSize },
      );
      ok += result.success.length;
      for (const e of result.errors) {
        failures.push({
          entityId: e.entityId,
          source: sourceOf.get(e.entityId) ?? '?',
          reason: e.error.detail ?? e.error.title ?? e.error.type,
          problem: e.error,
        });
      }
      progress.tick(chunk.length);
    };
    try {
      for (const file of files) {
        for await (const rec of readRecords(file, io, file === '-' ? 'stdin' : file)) {
          const where = `${rec.source}${rec.line === undefined ? '' : `:${rec.line}`}`;
          if ('error' in rec) {
            failures.push({ entityId: undefined, source: where, reason: rec.error });
            continue;
          }
          sent++;
          try {
            const entity = (await asNormalized(rec.value)) as unknown as Record<string, unknown>;
            pending.push({ entity, source: where });
          } catch (e) {
            const id = (rec.value as { id?: unknown } | null)?.id;
            failures.push({
              entityId: typeof id === 'string' ? id : undefined,
              source: where,
              reason: oneLine(e),
            });
          }
          if (pending.length >= batchSize) await flush();
        }
      }
      await flush();
    } finally {
      progress.stop();
    }
    if (failures.length > 0) {
      const reportPath = resolve(io.cwd, stringOpt(args, 'report') ?? 'push-report.json');
      try {
        await writeFile(
          reportPath,
          `${JSON.stringify({ broker: url, ok, failed: failures.length, failures }, null, 2)}\n`,
        );
      } catch (e) {
        throw new CliError(`Could not write the failure report to ${reportPath}: ${oneLine(e)}`);
      }
      println(
        io.stderr,
        `${ok} of ${sent} entities upserted; ${failures.length} failed, listed in ${reportPath}.`,
      );
      return EXIT.findings;
    }
    println(io.stderr, `${ok} of ${sent} entities upserted into ${url}.`);
    return EXIT.ok;
  },
};

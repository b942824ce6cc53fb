#!/usr/bin/env node
/**
 * `smartcity-broker`: runs the testkit NGSI-LD broker from a terminal.
 *
 *   npx smartcity-broker --port 1026 [--host 127.0.0.1] [--no-tenants] [--latency 50]
 *     [--rate429 0.1] [--rate503 0.05] [--reset-rate 0.01] [--timeout-rate 0.01] [--seed 1]
 */
import { parseArgs } from 'node:util';
import { type FaultOptions, startBroker } from './index.js';

const USAGE = `Usage: smartcity-broker [options]

An in-memory NGSI-LD 1.8 broker for local development and tests.

Options:
  --port <n>            TCP port (default 1026; 0 picks a free one)
  --host <addr>         interface to listen on (default 127.0.0.1)
  --no-tenants          answer 501 to NGSILD-Tenant headers
  --latency <ms>        delay every answer
  --rate429 <0..1>      share of requests answered 429 (with Retry-After)
  --rate503 <0..1>      share of requests answered 503
  --retry-after <s>     Retry-After of injected 429/503 answers (default 1)
  --reset-rate <0..1>   share of connections reset
  --timeout-rate <0..1> share of requests never answered
  --seed <n>            seed of the fault PRNG (default 1)
  -h, --help            show this help
`;

function fail(message: string): never {
  process.stderr.write(`smartcity-broker: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function numberOption(
  values: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max)
    fail(`--${name} must be a number between ${min} and ${max}, got '${String(raw)}'`);
  return n;
}

async function main(): Promise<void> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'no-tenants': { type: 'boolean' },
        latency: { type: 'string' },
        rate429: { type: 'string' },
        rate503: { type: 'string' },
        'retry-after': { type: 'string' },
        'reset-rate': { type: 'string' },
        'timeout-rate': { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const faults: FaultOptions = {};
  const set = (key: keyof FaultOptions, v: number | undefined): void => {
    if (v !== undefined) faults[key] = v;
  };
  set('latencyMs', numberOption(values, 'latency', 0, 600_000));
  set('rate429', numberOption(values, 'rate429', 0, 1));
  set('rate503', numberOption(values, 'rate503', 0, 1));
  set('retryAfterSeconds', numberOption(values, 'retry-after', 0, 86_400));
  set('resetRate', numberOption(values, 'reset-rate', 0, 1));
  set('timeoutRate', numberOption(values, 'timeout-rate', 0, 1));
  set('seed', numberOption(values, 'seed', 0, 2 ** 32));
  const port = numberOption(values, 'port', 0, 65_535) ?? 1026;
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1';

  const broker = await startBroker({ port, host, tenants: values['no-tenants'] !== true, faults });
  process.stdout.write(`NGSI-LD broker listening on ${broker.url}/ngsi-ld/v1 (Ctrl+C to stop)\n`);
  const stop = (): void => {
    void broker.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`smartcity-broker: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

/**
 * @smartcitylab/conformance speed and memory:
 * 1. every mim1-* profile with allowWrite against the testkit (budget: under 15 s), beside a
 *    reference that sends the same number of plain GET requests with fetch, so the ratio shows
 *    what the checks cost beyond their HTTP round trips;
 * 2. the MIM2 data audit streaming BENCH_N entities (default 100,000) from a testkit broker in a
 *    child process (so this process's RSS is the auditor's alone; budget: peak RSS under 200 MB),
 *    beside the reference: the same validator over the same entities held in memory, no HTTP.
 *
 * Run: node --conditions=@smartcitylab/source --import tsx bench/conformance.bench.ts
 * Env: BENCH_N (entities for the audit, default 100000).
 */
import { spawn } from 'node:child_process';
import { MIM1_PROFILES, runConformance } from '@smartcitylab/conformance';
import { startBroker } from '@smartcitylab/testkit';
import { createValidator, loadSmartDataModel } from '@smartcitylab/validate';

const N = Number(process.env.BENCH_N ?? 100_000);
const NOW = new Date('2026-11-25T08:00:00Z');
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function weather(i: number): Record<string, unknown> {
  return {
    id: `urn:ngsi-ld:WeatherObserved:bench-${i}`,
    type: 'WeatherObserved',
    dateObserved: { type: 'Property', value: '2026-11-25T07:00:00Z' },
    temperature: { type: 'Property', value: -3 + (i % 10) },
    relativeHumidity: { type: 'Property', value: 0.8 },
    location: {
      type: 'GeoProperty',
      value: { type: 'Point', coordinates: [17.3 + (i % 100) / 1000, 62.39] },
    },
  };
}

async function profilesRun(): Promise<void> {
  const broker = await startBroker();
  // Warm-up (module loading, JIT), then the measured run.
  await runConformance({ endpoint: broker.url, allowWrite: true, rps: 0 });
  broker.store.reset();
  let requests = 0;
  const t0 = performance.now();
  const report = await runConformance({
    endpoint: broker.url,
    allowWrite: true,
    rps: 0,
    onCheck: (r) => {
      requests += r.evidence.length;
    },
  });
  const ms = performance.now() - t0;
  const t1 = performance.now();
  for (let i = 0; i < requests; i++) await (await fetch(`${broker.url}/ngsi-ld/v1/types`)).text();
  const refMs = performance.now() - t1;
  await broker.close();
  console.log(
    `all ${MIM1_PROFILES.length} mim1 profiles, --allow-write: ${report.checks.length} checks, outcome ${report.outcome}`,
  );
  console.log(
    `  conformance run      ${(ms / 1000).toFixed(2)} s  (budget 15 s: ${((ms / 15000) * 100).toFixed(0)} % of it)`,
  );
  console.log(
    `  reference ${requests} GETs (as many as the recorded evidence) ${(refMs / 1000).toFixed(2)} s  ratio ${(ms / refMs).toFixed(1)}x (the run also creates, waits for a notification and cleans up)`,
  );
}

async function childBroker(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@smartcitylab/source',
      '--import',
      'tsx',
      'packages/testkit/src/bin.ts',
      '--port',
      '0',
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      const m = /listening on (http:\/\/[^/\s]+)/.exec(c.toString());
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`broker exited with ${code}`)));
  });
  return { url, stop: () => child.kill() };
}

async function seed(url: string): Promise<void> {
  for (let start = 0; start < N; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, N - start) }, (_, k) => weather(start + k));
    const res = await fetch(`${url}/ngsi-ld/v1/entityOperations/upsert`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    });
    if (res.status >= 300) throw new Error(`seeding failed: ${res.status}`);
  }
}

/** Runs in its own process, against a broker seeded by the parent: its RSS is the auditor's. */
async function auditRun(url: string): Promise<void> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  const report = await runConformance({
    endpoint: url,
    profiles: ['mim2-data'],
    rps: 0,
    timeoutMs: 60_000,
    audit: { types: ['WeatherObserved'], sample: N, pageSize: 1000, now: () => NOW },
  });
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const seen = report.audit?.[0]?.entitiesSeen ?? 0;
  // Reference: the same validator over the same entities, built one at a time, without HTTP.
  const model = await loadSmartDataModel('WeatherObserved');
  const validator = createValidator({ ...(model ? { models: [model] } : {}), now: () => NOW });
  const t1 = performance.now();
  for (let i = 0; i < N; i++) validator.check(weather(i));
  const refMs = performance.now() - t1;
  console.log(
    `mim2-data audit of ${seen.toLocaleString('en-US')} entities (pages of 1000), outcome ${report.outcome}`,
  );
  console.log(
    `  audit over HTTP      ${(ms / 1000).toFixed(2)} s, peak RSS ${mb(peak)} (budget 200 MB; ${mb(base)} at the start)`,
  );
  console.log(
    `  reference in memory  ${(refMs / 1000).toFixed(2)} s  ratio ${(ms / refMs).toFixed(1)}x`,
  );
}

// The audit runs in a fresh process so its peak RSS holds neither the profile run nor the seeding.
const auditUrl = process.env.BENCH_AUDIT_URL;
if (auditUrl) await auditRun(auditUrl);
else {
  await profilesRun();
  const broker = await childBroker();
  try {
    await seed(broker.url);
    const child = spawn(
      process.execPath,
      ['--conditions=@smartcitylab/source', '--import', 'tsx', 'bench/conformance.bench.ts'],
      {
        stdio: 'inherit',
        env: { ...process.env, BENCH_AUDIT_URL: broker.url },
      },
    );
    await new Promise((resolve) => child.once('exit', resolve));
  } finally {
    broker.stop();
  }
}

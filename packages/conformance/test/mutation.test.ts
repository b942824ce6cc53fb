import { type ProfileName, runConformance } from '@smartcitylab/conformance';
import { type Broker, startBroker } from '@smartcitylab/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTANTS } from './support/mutants.js';
import { type MutationProxy, startMutationProxy } from './support/proxy.js';
import { seedWeather } from './support/seed.js';

const NOW = new Date('2026-11-25T08:00:00Z');
let broker: Broker;
let proxy: MutationProxy;

beforeAll(async () => {
  // Through the proxy, the context the kit hosts on the broker has the proxy's address, which the
  // broker then fetches over 127.0.0.1 like any remote context.
  broker = await startBroker({ fetchContexts: true });
  proxy = await startMutationProxy(broker.url);
});
afterAll(async () => {
  await proxy.close();
  await broker.close();
});

async function run(profiles: readonly ProfileName[]) {
  broker.store.reset();
  await seedWeather(broker.url, 30, '2026-11-25T07:00:00Z');
  return runConformance({
    endpoint: proxy.url,
    profiles,
    allowWrite: true,
    rps: 0,
    notificationWaitMs: 5000,
    audit: { types: ['WeatherObserved'], now: () => NOW },
  });
}

describe('the mutation harness', () => {
  it('has at least 25 distinct mutants', () => {
    expect(new Set(MUTANTS.map((m) => m.id)).size).toBe(MUTANTS.length);
    expect(MUTANTS.length).toBeGreaterThanOrEqual(25);
  });

  it('passes every check through the proxy without a mutant', async () => {
    proxy.use(undefined);
    const report = await run([
      'mim1-core',
      'mim1-query',
      'mim1-batch',
      'mim1-subscriptions',
      'mim1-temporal',
      'mim1-tenancy',
      'mim2-data',
    ]);
    const bad = report.checks.filter(
      (c) => c.status !== 'pass' && !(c.id === 'query.link-next' && c.status === 'not-applicable'),
    );
    expect(bad.map((c) => `${c.id}: ${c.reason}`)).toEqual([]);
  }, 180_000);

  // Kill rate 100 %: every mutant makes at least one `must` check fail.
  it.each(MUTANTS.map((m) => [m.id, m] as const))(
    'catches %s with a must check',
    async (_id, mutant) => {
      proxy.use(mutant);
      try {
        const report = await run(mutant.profiles as ProfileName[]);
        const killers = report.checks.filter((c) => c.status === 'fail' && c.level === 'must');
        expect(killers.length, `${mutant.fault}: no must check failed`).toBeGreaterThan(0);
        expect(report.outcome).toBe('fail');
      } finally {
        proxy.use(undefined);
      }
    },
    180_000,
  );
});

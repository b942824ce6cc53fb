import { MIM1_PROFILES, runConformance } from '@smartcitylab/conformance';
import { type Broker, startBroker } from '@smartcitylab/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let broker: Broker;
beforeAll(async () => {
  broker = await startBroker();
});
afterAll(() => broker.close());

describe('the full write run against the testkit', () => {
  it('passes every check and leaves nothing behind', async () => {
    const report = await runConformance({
      endpoint: broker.url,
      allowWrite: true,
      rps: 0,
      notificationWaitMs: 10_000,
    });
    // The testkit sends no Link rel="next" header, so that `should` check does not apply to it.
    const bad = report.checks.filter(
      (c) => c.status !== 'pass' && !(c.id === 'query.link-next' && c.status === 'not-applicable'),
    );
    expect(bad.map((c) => `${c.id}: ${c.status} ${c.reason ?? ''}`)).toEqual([]);
    expect(report.outcome).toBe('pass');
    expect(report.profiles.map((p) => p.name)).toEqual([...MIM1_PROFILES]);
    expect(report.leftovers.filter((l) => l.kind !== 'tenant')).toEqual([]);
    expect(broker.store.entityCount()).toBe(0);
  }, 180_000);
});

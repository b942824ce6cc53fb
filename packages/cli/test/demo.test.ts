import { startBroker } from '@smartcitylab/testkit';
import { describe, expect, it } from 'vitest';
import { cli } from './harness.js';

describe('smartcity demo (the main job of npm start)', () => {
  it('runs the whole path on the embedded broker and shows every step', {
    timeout: 120_000,
  }, async () => {
    const run = await cli(['demo']);
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toMatch(/1\. Broker: embedded NGSI-LD broker at http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toMatch(/2\. Decoded 8 uplinks .* into \d+ entities/);
    expect(out).toContain('not decoded: 0000000000000bad');
    // the planted bad readings are caught by the quality checks
    expect(out).toContain('plausibility.range');
    expect(out).toContain('location.swapped');
    expect(out).toContain('timeliness.max-age');
    expect(out).toMatch(/5\. Upserted \d+ entities/);
    expect(out).toMatch(/6\. Notification received for urn:ngsi-ld:IndoorEnvironmentObserved:/);
    expect(out).toMatch(/7\. Within 2 km of Sundsvall town centre: [1-9]\d* entities/);
    expect(out).toContain('urn:ngsi-ld:WasteContainer:24e124136b3242a1');
    expect(out).toMatch(
      /8\. OGC API - Features \(MIM7\) served at http:\/\/127\.0\.0\.1:\d+: waste-containers 1,/,
    );
    expect(out).toMatch(/ogrinfo OAPIF:http:\/\/127\.0\.0\.1:\d+/);
  });

  it('runs the same against a broker given with --broker', async () => {
    const broker = await startBroker();
    try {
      const run = await cli(['demo', '--broker', broker.url]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`1. Broker: ${broker.url}`);
      const stored = await fetch(`${broker.url}/ngsi-ld/v1/entities?type=WasteContainer`);
      expect(((await stored.json()) as unknown[]).length).toBe(1);
    } finally {
      await broker.close();
    }
  });

  it('names a bad --broker in one line', async () => {
    const run = await cli(['demo', '--broker', 'ftp://x']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

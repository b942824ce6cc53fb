import { type Broker, type FaultOptions, startBroker } from '@smartcitylab/testkit';
import { afterEach, describe, expect, it } from 'vitest';

let broker: Broker | undefined;
afterEach(async () => {
  await broker?.close();
  broker = undefined;
});

async function outcomes(faults: FaultOptions, n: number, giveUpMs = 5000): Promise<string[]> {
  broker = await startBroker({ faults });
  const out: string[] = [];
  for (let k = 0; k < n; k += 1) {
    try {
      const res = await fetch(`${broker.url}/ngsi-ld/v1/types`, {
        signal: AbortSignal.timeout(giveUpMs),
      });
      await res.arrayBuffer();
      out.push(
        res.status === 429 || res.status === 503
          ? `${res.status}:${res.headers.get('retry-after')}`
          : String(res.status),
      );
    } catch (err) {
      out.push((err as Error).name === 'TimeoutError' ? 'hang' : 'reset');
    }
  }
  await broker.close();
  broker = undefined;
  return out;
}

describe('fault injection', () => {
  it('injects 429 with Retry-After and 503 at the seeded rate, the same way for the same seed', async () => {
    const faults = { rate429: 0.3, rate503: 0.2, retryAfterSeconds: 7, seed: 42 };
    const first = await outcomes(faults, 60);
    const second = await outcomes(faults, 60);
    expect(second).toEqual(first);
    const n429 = first.filter((o) => o === '429:7').length;
    const n503 = first.filter((o) => o === '503:7').length;
    const ok = first.filter((o) => o === '200').length;
    expect(n429 + n503 + ok).toBe(60);
    expect(n429).toBeGreaterThan(8);
    expect(n503).toBeGreaterThan(4);
    expect(ok).toBeGreaterThan(15);
    expect(await outcomes({ ...faults, seed: 43 }, 60)).not.toEqual(first);
  });

  it('resets connections and hangs until the client gives up', async () => {
    const got = await outcomes({ resetRate: 0.25, timeoutRate: 0.25, seed: 3 }, 24, 600);
    expect(got.filter((o) => o === 'reset').length).toBeGreaterThan(2);
    expect(got.filter((o) => o === 'hang').length).toBeGreaterThan(2);
    expect(got.filter((o) => o === '200').length).toBeGreaterThan(4);
  });

  it('delays every answer by latencyMs', async () => {
    broker = await startBroker({ faults: { latencyMs: 120 } });
    const started = performance.now();
    const res = await fetch(`${broker.url}/ngsi-ld/v1/types`);
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('turns faults off and on at runtime with setFaults', async () => {
    broker = await startBroker({ faults: { rate503: 1 } });
    expect((await fetch(`${broker.url}/ngsi-ld/v1/types`)).status).toBe(503);
    broker.setFaults({});
    expect((await fetch(`${broker.url}/ngsi-ld/v1/types`)).status).toBe(200);
  });

  it('closes while requests hang, instead of waiting for them', { timeout: 180_000 }, async () => {
    broker = await startBroker({ faults: { timeoutRate: 1 } });
    const pending = fetch(`${broker.url}/ngsi-ld/v1/types`).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    // A hanging request never ends by itself, so a close that waited for it would trip the timeout.
    await broker.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});

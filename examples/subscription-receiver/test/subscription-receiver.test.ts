import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Broker, startBroker } from '@smartcitylab/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

// Runs exactly what `npm start` runs, with extra arguments.
async function start(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--conditions=@smartcitylab/source', '--import', 'tsx', 'src/main.ts', ...args],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

/** The entities the program printed from notifications, in arrival order. */
function notified(stdout: string): Record<string, unknown>[] {
  return [
    ...stdout.matchAll(/^notification from urn:ngsi-ld:Subscription:\S+ at \S+: (.*)$/gm),
  ].map((m) => JSON.parse(m[1] ?? 'null') as Record<string, unknown>);
}

describe('examples/subscription-receiver', () => {
  let broker: Broker;
  beforeAll(async () => {
    broker = await startBroker();
  });
  afterAll(() => broker.close());

  it('receives the notification for the update from its own test broker', async () => {
    const { stdout, stderr, code } = await start();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('(in-process test broker)');
    const last = notified(stdout).at(-1);
    expect(last).toEqual({
      id: 'urn:ngsi-ld:WasteContainer:sundsvall-stora-torget-1',
      type: 'WasteContainer',
      fillingLevel: 0.93,
      status: 'ok',
    });
    expect(stdout).toContain('received the update notification');
  });

  it('works against a broker given with --broker and leaves it clean', async () => {
    const { stdout, code } = await start('--broker', broker.url);
    expect(code).toBe(0);
    expect(stdout).toContain(`broker ${broker.url}\n`);
    expect(notified(stdout).map((e) => e.fillingLevel)).toContain(0.93);
    // The program deletes its subscription and entity, so a real broker is left as it was.
    expect(broker.store.entityCount()).toBe(0);
    const subscriptions = await fetch(`${broker.url}/ngsi-ld/v1/subscriptions`);
    expect(await subscriptions.json()).toEqual([]);
  });

  it('says what failed and exits 1 when the broker is unreachable', async () => {
    const gone = await startBroker();
    const url = gone.url;
    await gone.close();
    const { stderr, code } = await start('--broker', url);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^failed: /m);
  });
});

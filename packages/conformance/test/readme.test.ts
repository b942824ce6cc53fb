import { readFileSync } from 'node:fs';
import * as conformance from '@smartcitylab/conformance';
import { type Broker, startBroker } from '@smartcitylab/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const quickStart = /## Quick start\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<void>;

let broker: Broker;
beforeAll(async () => {
  broker = await startBroker();
});
afterAll(() => broker.close());

describe('the README quick start', () => {
  it('runs as written against a broker (plain JavaScript, one import)', async () => {
    expect(quickStart).toContain("from '@smartcitylab/conformance'");
    const body = quickStart
      .replace(/^import \{([^}]+)\} from '@smartcitylab\/conformance';$/m, 'const {$1} = mod;')
      .replace("'http://localhost:1026'", 'url');
    const run = async (code: string) => {
      const printed: string[] = [];
      const fakeProcess = { env: {}, exitCode: undefined as number | undefined };
      await new AsyncFunction('mod', 'url', 'process', 'console', code)(
        conformance,
        broker.url,
        fakeProcess,
        { log: (s: string) => printed.push(s) },
      );
      return { printed, exitCode: fakeProcess.exitCode };
    };
    // The testkit passes every must of the API profiles: exit 0.
    const plain = await run(body);
    expect(plain.printed[0]).toContain('# Intyg om NGSI-LD-överensstämmelse');
    expect(plain.exitCode).toBe(0);
    // The sentence below the quick start: adding the audit runs mim2-data, and a type
    // the broker does not hold fails it (exit 1).
    expect(readme).toContain("`audit: { types: ['WasteContainer'], sample: 500 }`");
    const audited = await run(
      body.replace(
        'allowWrite: true,',
        "allowWrite: true, audit: { types: ['WasteContainer'], sample: 500 },",
      ),
    );
    expect(audited.exitCode).toBe(1);
    expect(audited.printed[0]).toContain('no entities of type WasteContainer');
  }, 240_000);
});

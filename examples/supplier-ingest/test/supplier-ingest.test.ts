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

/** The keyValues entities the program printed after reading them back from the broker. */
function stored(stdout: string): Map<string, Record<string, unknown>> {
  const entities = [...stdout.matchAll(/^stored (.*)$/gm)].map(
    (m) => JSON.parse(m[1] ?? 'null') as Record<string, unknown>,
  );
  return new Map(entities.map((e) => [String(e.id), e]));
}

const ERS = 'a81758fffe0312ab';
const ERS_900 = 'a81758fffe0312ad';

describe('examples/supplier-ingest', () => {
  let broker: Broker;
  beforeAll(async () => {
    broker = await startBroker();
  });
  afterAll(() => broker.close());

  const own = start();

  it.each([
    {
      given: 'an Elsys ERS uplink from The Things Stack',
      want: `✓ tts-v3 ${ERS} fCnt 1043: decoded {"temperature":22.6,"humidity":41,`,
    },
    {
      given: 'a Milesight EM500-UDL uplink from ChirpStack',
      want: '✓ chirpstack-v4 24e124136b316456 fCnt 187: decoded {"battery":91,"distance":400}',
    },
    {
      given: 'a frame cut short in the radio',
      want: '✗ tts-v3 a81758fffe0312ac fCnt 998: skipped: ',
    },
    {
      given: 'a device missing from the registry',
      want: '✗ tts-v3 70b3d57ed005a1f2 fCnt 15: skipped: device 70b3d57ed005a1f2 is not in the device registry',
    },
    {
      given: 'a corrupted 900 °C reading',
      want: `✗ held back urn:ngsi-ld:IndoorEnvironmentObserved:${ERS_900}`,
    },
  ])('reports $given', async ({ want }) => {
    const { stdout, code } = await own;
    expect(code).toBe(0);
    expect(stdout).toContain(want);
  });

  it('stores the mapped entities in its own test broker and reads them back', async () => {
    const { stdout } = await own;
    expect(stdout).toContain('(in-process test broker)');
    expect(stdout).toContain(
      'summary: 6 uplinks, 2 skipped; 8 entities, 1 held back, 7 stored, 0 failed',
    );
    const entities = stored(stdout);
    expect(entities.get(`urn:ngsi-ld:IndoorEnvironmentObserved:${ERS}`)).toMatchObject({
      temperature: 22.6,
      relativeHumidity: 0.41,
      name: 'Nacksta skola, sal 2.14',
    });
    // 400 mm from the sensor to the waste in a 2.4 m deep container: 83 % full.
    expect(entities.get('urn:ngsi-ld:WasteContainer:24e124136b316456')).toMatchObject({
      fillingLevel: 0.8333,
    });
    expect(entities.has(`urn:ngsi-ld:IndoorEnvironmentObserved:${ERS_900}`)).toBe(false);
  });

  it('upserts into a broker given with --broker', async () => {
    const { code } = await start('--broker', broker.url);
    expect(code).toBe(0);
    expect(broker.store.entityCount()).toBe(7);
    expect(broker.store.getEntity(`urn:ngsi-ld:IndoorEnvironmentObserved:${ERS}`)).toMatchObject({
      temperature: { type: 'Property', value: 22.6 },
      location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [17.2761, 62.3912] } },
    });
    expect(broker.store.getEntity('urn:ngsi-ld:Device:24e124136b316455')).toMatchObject({
      batteryLevel: { type: 'Property', value: 0.92 },
    });
    // The device of the 900 °C reading is stored (it did report), its reading is not.
    expect(broker.store.getEntity(`urn:ngsi-ld:Device:${ERS_900}`)).toBeDefined();
    expect(
      broker.store.getEntity(`urn:ngsi-ld:IndoorEnvironmentObserved:${ERS_900}`),
    ).toBeUndefined();
    // Running it again updates the same entities instead of failing with AlreadyExists.
    expect((await start('--broker', broker.url)).code).toBe(0);
    expect(broker.store.entityCount()).toBe(7);
  });

  it('fails with exit code 1 when the broker refuses the batch', async () => {
    const failing = await startBroker({ faults: { rate503: 1, seed: 1 } });
    try {
      const { stdout, code } = await start('--broker', failing.url);
      expect(code).toBe(1);
      expect(stdout).toMatch(/^✗ broker refused urn:ngsi-ld:Device:a81758fffe0312ab: /m);
      expect(stdout).toContain('0 stored, 7 failed');
    } finally {
      await failing.close();
    }
  });

  it('names the file and what it should hold when it cannot be read', async () => {
    const { stderr, code } = await start('--devices', 'no-such-registry.json');
    expect(code).toBe(2);
    expect(stderr).toContain('cannot read no-such-registry.json');
    expect(stderr).toContain('it should be JSON: an object keyed by DevEUI');
  });
});

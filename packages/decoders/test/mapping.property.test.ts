import { listDevices } from '@smartcitylab/decoders';
import {
  type DeviceRegistry,
  getDefaultMapping,
  type Mapping,
  uplinksToEntities,
  uplinkToEntities,
} from '@smartcitylab/decoders/mapping';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const ids = listDevices().map((d) => d.id);
const EUI = '0011223344556677';
// Decoded key names the default mappings read, mixed with arbitrary ones.
const keys = fc.oneof(
  fc.string(),
  fc.constantFrom(
    'temperature',
    'humidity',
    'co2',
    'battery',
    'distance',
    'Distance',
    'DistanceUnit',
    'values',
    'bytes',
    'presence',
    'door',
    'counter_a',
    'counter_b',
    'current_volume_m3',
    'curVol',
    'TempC_SHT',
    '__proto__',
    'constructor',
  ),
);

function expectShape(r: unknown): void {
  expect(r).toMatchObject({
    entities: expect.any(Array),
    warnings: expect.any(Array),
    errors: expect.any(Array),
  });
  const { entities, errors, warnings } = r as {
    entities: unknown[];
    errors: unknown[];
    warnings: unknown[];
  };
  for (const m of [...errors, ...warnings]) expect(typeof m).toBe('string');
  for (const e of entities)
    expect(e).toMatchObject({
      id: expect.stringMatching(/^urn:ngsi-ld:/),
      type: expect.any(String),
    });
}

describe('uplinkToEntities on arbitrary input', () => {
  it('never throws on random JSON and always returns the result shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.boolean(), async (json, asText) => {
        const r = await uplinkToEntities(asText ? JSON.stringify(json) : json, { registry: {} });
        expectShape(r);
        expect(r.entities).toEqual([]);
        expect(r.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random payloads for every known device and any registry entry', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ids),
        fc.uint8Array({ maxLength: 64 }),
        fc.integer({ min: 1, max: 223 }),
        fc.record(
          {
            indoor: fc.boolean(),
            containerDepthM: fc.oneof(fc.double(), fc.constant(2)),
            pulseVolumeL: fc.oneof(fc.double(), fc.constant(1)),
            refParkingSite: fc.oneof(fc.string(), fc.constant('urn:ngsi-ld:ParkingSite:a')),
            location: fc.tuple(fc.double(), fc.double()),
          },
          { requiredKeys: [] },
        ),
        async (deviceId, bytes, fPort, extra) => {
          const registry: DeviceRegistry = { [EUI]: { deviceId, ...extra } };
          const envelope = {
            devEui: EUI,
            fPort: String(fPort),
            payload: Buffer.from(bytes).toString('hex'),
            timestamp: '2026-11-25T21:00:00Z',
          };
          const [r] = await uplinksToEntities([envelope], { registry });
          expectShape(r);
          if (r && r.errors.length === 0) expect(r.entities.at(-1)?.type).toBe('Device');
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws on a server-decoded object of any shape', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ids),
        fc.dictionary(keys, fc.jsonValue()),
        async (deviceId, object) => {
          const body = {
            deviceInfo: { devEui: EUI },
            fPort: 1,
            data: '',
            object,
            time: '2026-11-25T21:00:00Z',
          };
          // An unknown decoder id makes the server-decoded object go through the device's default mapping.
          const mapping: Mapping = {
            ...(getDefaultMapping(deviceId) as Mapping),
            deviceId: `x-${deviceId}`,
          };
          const r = await uplinkToEntities(body, {
            registry: { [EUI]: { deviceId: `x-${deviceId}`, containerDepthM: 2, pulseVolumeL: 1 } },
            mappings: [mapping],
          });
          expectShape(r);
        },
      ),
      { numRuns: 200 },
    );
  });
});

import { basename, dirname } from 'node:path';
import { getDeviceInfo, listDevices } from '@smartcitylab/decoders';
import {
  type DeviceRegistryEntry,
  getDefaultMapping,
  type UplinkToEntitiesResult,
  uplinkToEntities,
} from '@smartcitylab/decoders/mapping';
import { loadModel } from '@smartcitylab/models';
import { createValidator, type QualityReport } from '@smartcitylab/validate';
import { describe, expect, it } from 'vitest';
import {
  describeWithFixtures,
  listFixtureFiles,
  readFixtureJson,
} from '../../../test-support/fixtures.js';

const NOW = new Date('2026-11-25T21:00:00.000Z');
const now = (): Date => NOW;
const SUNDSVALL = [17.3069, 62.3908] as const;
const DEV_EUI = '70b3d57ed0000001';

interface Vector {
  description: string;
  fPort: number;
  bytesHex: string;
  expected: unknown;
  expectedErrors?: string[];
}

/** A The Things Stack v3 uplink carrying the vector's bytes, received "now". */
function ttsEnvelope(v: Vector): unknown {
  return {
    end_device_ids: { device_id: 'fixture-device', dev_eui: DEV_EUI.toUpperCase() },
    received_at: NOW.toISOString(),
    uplink_message: {
      f_port: v.fPort,
      frm_payload: Buffer.from(v.bytesHex, 'hex').toString('base64'),
      rx_metadata: [{ gateway_ids: { gateway_id: 'gw-sundsvall' }, rssi: -97, snr: 7.5 }],
    },
  };
}

/** Registry facts a device model needs (container depth for level sensors, pulse weight for pulse counters). */
function entryFor(deviceId: string): DeviceRegistryEntry {
  return {
    deviceId,
    location: SUNDSVALL,
    name: `Test ${deviceId}`,
    containerDepthM: 3,
    pulseVolumeL: 10,
  };
}

interface Finding {
  rule: string;
  path: string;
}

/**
 * What the quality rules rightly report on some fixture vectors. Every vector not listed here
 * must map to entities with no quality error and no quality warning.
 */
/**
 * The vectors carry no place or date of their own: mapped in Sundsvall on the test's fixed late-November
 * date, vendor examples with indoor or summer readings get the seasonal plausibility warning, as
 * validate's seasonal bands intend (a question, not an error).
 */
const SEASON: Finding[] = [{ rule: 'plausibility.season', path: '$.temperature.value' }];

const EXPECTED_FINDINGS: Record<string, { errors?: Finding[]; warnings?: Finding[]; why: string }> =
  {
    'elsys/elt-2#0': {
      // Physically implausible: the TTN example (commented out upstream) decodes pressure to
      // 100729.105 hPa, about 100 times any real air pressure.
      errors: [{ rule: 'plausibility.range', path: '$.atmosphericPressure.value' }],
      warnings: SEASON,
      why: 'pressure 100729 hPa; a room temperature, questioned for Sundsvall in November',
    },
    'decentlab/dl-lp8p#0': {
      warnings: SEASON,
      why: 'the vendor example reads a room or summer temperature, which the seasonal band questions for Sundsvall on the test date',
    },
    'dragino/lsn50-v2#0': {
      warnings: SEASON,
      why: 'the vendor example reads a room or summer temperature, which the seasonal band questions for Sundsvall on the test date',
    },
    'elsys/elt-lite#0': {
      warnings: SEASON,
      why: 'the vendor example reads a room or summer temperature, which the seasonal band questions for Sundsvall on the test date',
    },
    'elsys/elt-lite#1': {
      warnings: SEASON,
      why: 'the vendor example reads a room or summer temperature, which the seasonal band questions for Sundsvall on the test date',
    },
    'milesight-iot/em500-co2#0': {
      warnings: SEASON,
      why: 'the vendor example reads a room or summer temperature, which the seasonal band questions for Sundsvall on the test date',
    },
    'adeunis/comfort-co2#0': {
      // The vendor example reads 43.5 °C, possible but outside a heated Swedish room's 5..35 °C.
      warnings: [{ rule: 'plausibility.range', path: '$.temperature.value' }],
      why: 'indoor temperature 43.5 °C',
    },
  };

/** Fixture facts that put the Device outside Sweden: the Abeeway example's GPS fix is in Paris. */
const OUTSIDE_SWEDEN = new Set(['abeeway/asset-tracker-2']);

async function check(result: UplinkToEntitiesResult, deviceId: string) {
  const issues: string[] = [];
  const reports: { id: string; report: QualityReport }[] = [];
  const types = [...new Set(result.entities.map((e) => String(e.type)))];
  const models = await Promise.all(types.map((t) => loadModel(t)));
  const validator = createValidator({
    models,
    now,
    ...(OUTSIDE_SWEDEN.has(deviceId) ? { rules: { 'location.region': { enabled: false } } } : {}),
  });
  for (const entity of result.entities) {
    const model = models[types.indexOf(String(entity.type))];
    const schema = model?.validate(entity, 'normalized');
    if (!schema?.success)
      issues.push(
        `${entity.id}: ${JSON.stringify(schema && !schema.success ? schema.issues : 'no model')}`,
      );
    reports.push({ id: String(entity.id), report: validator.check(entity) });
  }
  return { issues, reports };
}

describeWithFixtures('default mappings on every decoder fixture vector', 'decoders', () => {
  const files = listFixtureFiles('decoders', '.json');
  const cases = files.flatMap((file) => {
    const deviceId = `${basename(dirname(file))}/${basename(file, '.json')}`;
    const { vectors } = readFixtureJson<{ vectors: Vector[] }>(file);
    return vectors
      .map((v, i) => ({ deviceId, index: i, v }))
      .filter(({ v }) => v.expectedErrors === undefined && getDeviceInfo(deviceId) !== undefined);
  });

  it('covers a vector of most devices', () => {
    expect(new Set(cases.map((c) => c.deviceId)).size).toBeGreaterThanOrEqual(35);
  });

  it.each(cases)('$deviceId #$index: $v.description', async ({ deviceId, index, v }) => {
    const result = await uplinkToEntities(ttsEnvelope(v), {
      registry: { [DEV_EUI]: entryFor(deviceId) },
      now,
    });
    expect(result.errors).toEqual([]);
    expect(result.uplink?.devEui).toBe(DEV_EUI);
    const device = result.entities.find((e) => e.type === 'Device');
    expect(device?.id).toBe(`urn:ngsi-ld:Device:${DEV_EUI}`);
    expect(device?.rssi).toMatchObject({
      type: 'Property',
      value: -97,
      observedAt: NOW.toISOString(),
    });
    for (const e of result.entities) {
      expect(e.id).toMatch(new RegExp(`^urn:ngsi-ld:${e.type}:${DEV_EUI}(-[A-Za-z]+)?$`));
      if (e.type !== 'Device') {
        const ref = (e.refDevice as { object: unknown }).object;
        expect(Array.isArray(ref) ? ref : [ref]).toEqual([`urn:ngsi-ld:Device:${DEV_EUI}`]);
        expect(e.location).toEqual({
          type: 'GeoProperty',
          value: { type: 'Point', coordinates: [...SUNDSVALL] },
        });
      }
    }
    const { issues, reports } = await check(result, deviceId);
    expect(issues).toEqual([]);
    const findings = (severity: string): Finding[] =>
      reports.flatMap(({ report }) =>
        report.issues
          .filter((i) => i.severity === severity)
          .map((i) => ({ rule: i.rule, path: i.path })),
      );
    const want = EXPECTED_FINDINGS[`${deviceId}#${index}`];
    expect(findings('error')).toEqual(want?.errors ?? []);
    expect(findings('warning')).toEqual(want?.warnings ?? []);
    expect(reports.every((r) => r.report.valid)).toBe(want?.errors === undefined);
  });
});

describe('default mappings', () => {
  it.each(listDevices().map((d) => d.id))('ships a mapping for %s', (id) => {
    expect(getDefaultMapping(id)).toBeDefined();
  });
});

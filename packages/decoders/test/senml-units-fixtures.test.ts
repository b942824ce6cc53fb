import { basename, dirname } from 'node:path';
import { decode, getDeviceInfo } from '@smartcitylab/decoders';
import { decodedToSenml } from '@smartcitylab/decoders/senml';
import { expect, it } from 'vitest';
import {
  describeWithFixtures,
  listFixtureFiles,
  readFixtureJson,
} from '../../../test-support/fixtures.js';

interface DeviceFile {
  vectors: { fPort: number; bytesHex: string; recvTime?: string }[];
}

/**
 * Numeric readings that rightly leave the SenML converter without a unit, per device. Each was
 * reviewed: a status word, state, flag, id, version or sequence number; a counter (left without
 * the SenML `count` unit on purpose); a raw or unscaled sensor reading; an index or level on a
 * vendor scale; or a quantity whose only registered SenML unit needs a rescaled value (m3/h,
 * mg/m3). A reading with a registered unit that comes out without one fails this test.
 */
const NO_UNIT: Readonly<Record<string, readonly string[]>> = {
  // States and flags; the message's acknowledgement token.
  'abeeway/asset-tracker-2': ['ackToken', 'appState', 'sosFlag'],
  'adeunis/comfort-co2': ['bytes/status/frameCounter'],
  // Pulse counts of the five channels.
  'adeunis/pulse': [
    'bytes/counterValues/0',
    'bytes/counterValues/1',
    'bytes/counterValues/2',
    'bytes/counterValues/3',
    'bytes/counterValues/4',
    'bytes/status/frameCounter',
  ],
  // Temperature is the raw register (hundredths of a degree), not degrees Celsius.
  'axioma/qalcosonic-w1-diwise': ['FrameVersion', 'StatusCode', 'Temperature', 'VolumesCount'],
  'axioma/qalcosonic-w1-universal-codec': ['frameVersion', 'statusCode'],
  // The Unix timestamp is the reading's time, not a measured duration.
  'axioma/qalcosonic-w1': [
    'frame_version',
    'history_count',
    'history_multiplier',
    'payload_bytes',
    'status',
    'timestamp_unix',
  ],
  'browan/tbdw100': ['count', 'status'],
  'browan/tbhh100': ['status'],
  'browan/tbms100': ['count', 'status'],
  // Relative permittivity is dimensionless; the water content is the sensor's raw ratio.
  'decentlab/dl-5tm': [
    'device_id',
    'dielectric_permittivity/value',
    'protocol_version',
    'volumetric_water_content/value',
  ],
  'decentlab/dl-lp8p': [
    'co2_sensor_status/value',
    'device_id',
    'protocol_version',
    'raw_ir_reading/value',
    'raw_ir_reading_lpf/value',
  ],
  'decentlab/dl-mbx': ['device_id', 'number_of_valid_samples/value', 'protocol_version'],
  'dragino/lht65': ['Bat_status'],
  // x/y/z are raw accelerometer counts; digital inputs are states; pulses are counts.
  'elsys/elt-2': ['digital', 'digital2', 'x', 'y', 'z'],
  'elsys/ems-door': ['pulse1', 'pulseAbs', 'x', 'y', 'z'],
  'elsys/ers': ['motion'],
  'elsys/ers-co2': ['motion'],
  'imbuildings/people-counter': [
    'counter_a',
    'counter_b',
    'device_status',
    'device_type_identifier',
    'device_type_variant',
    'payload_counter',
    'sensor_status',
    'total_counter_a',
    'total_counter_b',
  ],
  // 0 and 9: the module configuration number and the days since the last leak; 10 and 11: flows
  // in m3/h, which SenML registers only as m3/s.
  'kamstrup/flowiq2200': ['values/0/Value', 'values/10/Value', 'values/11/Value', 'values/9/Value'],
  // Light and TVOC are levels on Milesight's scale; HCHO is in mg/m3, which SenML lacks.
  'milesight-iot/am319': ['hcho', 'light_level', 'tvoc'],
  'netvox/r311a': ['HWver', 'OnOff', 'SWver'],
  'netvox/r718a': ['HWver', 'SWver'],
  'netvox/r718b': ['Channel', 'DeltValue', 'Divisor', 'HWver', 'Multiplier', 'SWver'],
  'sensative/strips': ['buildId/id', 'historySeqNr', 'prevHistSeqNr'],
  'tektelic/t00061xx-smart-room-sensor': ['light_detected'],
  // The samples are IAQ (an index) and occupancy (a state).
  'watteco/vaqao-lite': [
    'IAQ',
    'occupancy',
    'samples/0/value',
    'samples/6/value',
    'samples/7/value',
  ],
};

function bytesOf(hex: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hex.length; i += 2) out.push(Number.parseInt(hex.slice(i, i + 2), 16));
  return out;
}

describeWithFixtures('SenML output of every fixture vector', 'decoders', () => {
  it('gives every numeric reading with a registered unit that unit', async () => {
    const missing: Record<string, string[]> = {};
    for (const file of listFixtureFiles('decoders', '.json')) {
      const folder = basename(dirname(file));
      const id = `${folder}/${basename(file, '.json')}`;
      const info = getDeviceInfo(id);
      if (info === undefined) continue;
      const device = readFixtureJson<DeviceFile>('decoders', folder, basename(file));
      const names = new Set<string>();
      for (const vector of device.vectors) {
        const result = await decode(id, {
          bytes: bytesOf(vector.bytesHex),
          fPort: vector.fPort,
          ...(vector.recvTime === undefined ? {} : { recvTime: vector.recvTime }),
        });
        if (!('data' in result)) continue;
        const pack = decodedToSenml(result.data, {
          devEui: '70B3D57ED0000001',
          quantities: info.quantities,
          time: 0,
        });
        for (const r of pack) {
          const n = r.n ?? '';
          // The DevEUI base name (RFC 9039 `mac` URN) stays on the first record.
          expect(r.bn ?? 'urn:dev:mac:70b3d57ed0000001:').toBe('urn:dev:mac:70b3d57ed0000001:');
          if (r.v !== undefined && r.u === undefined) names.add(n);
        }
      }
      if (names.size > 0) missing[id] = [...names].sort();
    }
    const allowed = Object.fromEntries(
      Object.entries(NO_UNIT).map(([id, names]) => [id, [...names].sort()]),
    );
    expect(missing).toEqual(allowed);
  });
});

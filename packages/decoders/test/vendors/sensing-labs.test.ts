import { decoders, senlabT } from '@smartcitylab/decoders/sensing-labs';
import { describe, expect, it } from 'vitest';
import { describeArbitraryBytes, hex } from './support.js';

describeArbitraryBytes('sensing-labs', decoders, 300);

// Vectors: uplinks captured by the diwise platform (diwise/iot-agent SenLab T tests);
// the frame layout (id, battery 0-254, internal bytes, temperature in 1/16 °C) is
// the Sensing Labs SenLab T payload description.
describe('sensing-labs/senlab-t', () => {
  it.each([
    {
      name: 'decodes a single-probe frame at full battery',
      given: { bytes: hex('01fe90619c10006a'), fPort: 3 },
      want: { ID: 1, BatteryLevel: 100, Temperature: 6.625 },
    },
    {
      name: 'decodes a single-probe frame (battery 182/254 truncates to 71 %)',
      given: { bytes: hex('01b68e169c100166'), fPort: 3 },
      want: { ID: 1, BatteryLevel: 71, Temperature: 22.375 },
    },
    {
      name: 'decodes a negative temperature',
      given: { bytes: hex('017f0000ffe0'), fPort: 3 },
      want: { ID: 1, BatteryLevel: 50, Temperature: -2 },
    },
  ])('$name', ({ given, want }) => {
    expect(senlabT.decodeUplink(given)).toEqual({ data: want });
  });

  it.each([
    {
      name: 'rejects the -46.75 °C probe reading error',
      given: { bytes: hex('01fe90619c10fd14'), fPort: 3 },
      want: /-46.75 °C.*reading error/,
    },
    {
      name: 'rejects the 85 °C probe reading error',
      given: { bytes: hex('01fe90619c100550'), fPort: 3 },
      want: /85 °C/,
    },
    {
      name: 'rejects a payload shorter than 4 bytes',
      given: { bytes: hex('01fe00'), fPort: 3 },
      want: /at least 4 bytes.*received 3/,
    },
    {
      name: 'rejects dual probe frames',
      given: { bytes: hex('0cfe90619c10006a006b'), fPort: 3 },
      want: /dual probe/,
    },
    {
      name: 'rejects unknown frame ids',
      given: { bytes: hex('05fe0000006a'), fPort: 3 },
      want: /unknown frame id 5/,
    },
  ])('$name', ({ given, want }) => {
    const result = senlabT.decodeUplink(given);
    expect(result).toHaveProperty('errors');
    if ('errors' in result) expect(result.errors.join()).toMatch(want);
  });
});

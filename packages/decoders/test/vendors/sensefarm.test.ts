import { decoders, sensefarmSoil } from '@smartcitylab/decoders/sensefarm';
import { describe, expect, it } from 'vitest';
import { describeArbitraryBytes, hex } from './support.js';

describeArbitraryBytes('sensefarm', decoders, 300);

// The vector is a Sensefarm Cube 02 uplink captured by the diwise platform
// (diwise/iot-agent Sensefarm test); field types (header >> 3) and sizes follow the
// Sensefarm payload description: 0x16 transmission reason, 0x17 protocol version,
// 0x06 battery mV, 0x13 resistance Ω, 0x15 soil water tension kPa, 0x01 float °C.
describe('sensefarm/sensefarm-soil', () => {
  it('decodes two probes, temperature, battery and header fields', () => {
    const result = sensefarmSoil.decodeUplink({
      bytes: hex('b006b800013008e4980000032fa80006990000043aa9000a08418a8bcc'),
      fPort: 2,
    });
    expect(result).toEqual({
      data: {
        TransmissionReason: 6,
        ProtocolVersion: 1,
        BatteryVoltage: 2276,
        Resistances: [815, 1082],
        SoilMoistures: [6, 10],
        Temperature: expect.closeTo(17.31826, 5),
      },
    });
  });

  it('decodes a negative float temperature', () => {
    // 0xc1200000 is -10.0 as an IEEE 754 single.
    expect(sensefarmSoil.decodeUplink({ bytes: hex('08c1200000'), fPort: 2 })).toEqual({
      data: { Temperature: -10 },
    });
  });

  it('keeps the decoded fields and warns at an unknown field type', () => {
    const result = sensefarmSoil.decodeUplink({ bytes: hex('b006f80102'), fPort: 2 });
    expect(result).toMatchObject({ data: { TransmissionReason: 6 } });
    expect(result.warnings?.join()).toMatch(/unknown field type 31 .* at byte offset 2/);
  });

  it.each([
    {
      name: 'rejects a 1-byte payload',
      given: { bytes: hex('b0'), fPort: 2 },
      want: /at least 2 bytes.*received 1/,
    },
    {
      name: 'rejects a truncated resistance',
      given: { bytes: hex('b006980000'), fPort: 2 },
      want: /too short/,
    },
  ])('$name', ({ given, want }) => {
    const result = sensefarmSoil.decodeUplink(given);
    expect(result).toHaveProperty('errors');
    if ('errors' in result) expect(result.errors.join()).toMatch(want);
  });
});

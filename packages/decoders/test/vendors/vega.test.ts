import { decoders, vegapulsAir41, vegapulsAir42 } from '@smartcitylab/decoders/vega';
import { describe, expect, it } from 'vitest';
import { describeArbitraryBytes, hex } from './support.js';

describeArbitraryBytes('vega', decoders, 300);

// Vectors: packet 8 `083fa31f152d2401042009` is the worked example of the VEGAPULS
// Air 41 LoRaWAN documentation (distance 1.27439 m, 36 % power, 26.0 °C, 9°); the
// others are uplinks from the diwise platform tests (diwise/iot-agent vegapuls).
describe('vega/vegapuls-air-41 and -42', () => {
  it.each([
    {
      name: 'decodes packet 8 (documentation example)',
      given: '083fa31f152d2401042009',
      want: {
        PacketIdentifier: 8,
        NamurState: 0,
        Distance: expect.closeTo(1.27439, 5),
        Unit: 45,
        RemainingPower: 36,
        Temperature: 26,
        TemperatureUnit: 32,
        InclinationDegree: 9,
      },
    },
    {
      name: 'decodes packet 2 (fixed layout, temperature always °C)',
      given: '0200400000002d6000d1af',
      want: {
        PacketIdentifier: 2,
        NamurState: 0,
        Distance: 2,
        Unit: 45,
        RemainingPower: 96,
        Temperature: 20.9,
        TemperatureUnit: 32,
        InclinationDegree: 175,
      },
    },
    {
      name: 'keeps distance in inches and temperature in °F with their unit codes',
      given: '083fa31f152f2403022109',
      want: {
        PacketIdentifier: 8,
        NamurState: 0,
        Distance: expect.closeTo(1.27439, 5),
        Unit: 47,
        RemainingPower: 36,
        Temperature: 77,
        TemperatureUnit: 33,
        InclinationDegree: 9,
      },
    },
    {
      name: 'decodes packet 12 with percent and scaled values',
      given: '0c3fefc9712d222f222f42af05af296300d620b2',
      want: {
        PacketIdentifier: 12,
        NamurState: 0,
        Distance: expect.closeTo(1.87334, 5),
        Unit: 45,
        PercentValue: 87.51,
        LinPercentValue: 87.51,
        ScaledValue: expect.closeTo(87.5111, 4),
        ScaledValueUnit: 41,
        RemainingPower: 99,
        Temperature: 21.4,
        TemperatureUnit: 32,
        InclinationDegree: 178,
      },
    },
    {
      name: 'reports a NaN distance (no echo) as null, with NAMUR and detail state',
      given: '0a047fffffff2d42000055f0003d2004',
      want: {
        PacketIdentifier: 10,
        NamurState: 4,
        Distance: null,
        Unit: 45,
        RemainingPower: 66,
        DetailState: 22000,
        Temperature: 6.1,
        TemperatureUnit: 32,
        InclinationDegree: 4,
      },
    },
    {
      name: 'decodes packet 7 (NAMUR and detail state only)',
      given: '070100000102',
      want: { PacketIdentifier: 7, NamurState: 1, DetailState: 258 },
    },
    {
      name: 'leaves out GNSS coordinates sent as negative NaN (no fix)',
      given: '0600ffc00000ffc00000',
      want: { PacketIdentifier: 6, NamurState: 0 },
    },
    {
      name: 'decodes packet 25 (schedule: Mo-Fr, 06:00-18:00, every 60/120 min)',
      // Days bits 1-5 (Mo-Fr) in byte 0 bits 1-7; start 360 and end 1080 as 11-bit fields.
      given: '1900' + '7c5a21c03c0078' + '0007',
      want: {
        PacketIdentifier: 25,
        NamurState: 0,
        Schedule: {
          Days: ['Mo', 'Tu', 'We', 'Th', 'Fr'],
          StartTimeMinutes: 360,
          EndTimeMinutes: 1080,
          MeasureIntervalMinutes: 60,
          TransmissionIntervalMinutes: 120,
        },
        ChangeCounter: 7,
      },
    },
  ])('$name', ({ given, want }) => {
    expect(vegapulsAir41.decodeUplink({ bytes: hex(given), fPort: 1 })).toEqual({ data: want });
    expect(vegapulsAir42.decodeUplink({ bytes: hex(given), fPort: 1 })).toEqual({ data: want });
  });

  it('warns about trailing bytes after a complete packet', () => {
    const result = vegapulsAir41.decodeUplink({ bytes: hex('0701000001020000'), fPort: 1 });
    expect(result.warnings?.join()).toMatch(/2 trailing byte/);
  });

  it.each([
    {
      name: 'rejects a truncated packet 2',
      given: '02003fa31f152d2400fa',
      want: /too short.*payload is 10 byte/,
    },
    {
      name: 'rejects an unknown packet identifier',
      given: '1b',
      want: /unknown packet identifier 27/,
    },
    { name: 'rejects an empty payload', given: '', want: /empty payload/ },
  ])('$name', ({ given, want }) => {
    const result = vegapulsAir41.decodeUplink({ bytes: hex(given), fPort: 1 });
    expect(result).toHaveProperty('errors');
    if ('errors' in result) expect(result.errors.join()).toMatch(want);
  });
});

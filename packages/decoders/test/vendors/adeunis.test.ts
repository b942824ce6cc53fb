import { comfortCo2, decoders, pulse } from '@smartcitylab/decoders/adeunis';
import { describe, expect, it } from 'vitest';
import { describeArbitraryBytes, describeFixtureVectors, hex } from './support.js';

describeFixtureVectors(
  'adeunis',
  [
    ['adeunis/comfort-co2', 'comfort-co2.json'],
    ['adeunis/pulse', 'pulse.json'],
  ],
  decoders,
);

describeArbitraryBytes('adeunis', decoders, 300);

const status = (frameCounter: number, extra: Record<string, boolean> = {}) => ({
  frameCounter,
  hardwareError: false,
  lowBattery: false,
  configurationDone: false,
  timestamp: false,
  ...extra,
});

describe('adeunis/comfort-co2', () => {
  const comfortStatus = (n: number, extra: Record<string, boolean> = {}) =>
    status(n, { configurationInconsistency: false, ...extra });

  it.each([
    {
      name: 'decodes a data frame with the trailing timestamp (seconds since 2013)',
      given: '6a8400fa3201f414aba3e9',
      want: {
        type: '0x6a Comfort CO2 data',
        status: comfortStatus(4, { timestamp: true }),
        timestamp: '2023-12-28T19:22:17.000',
        decodingInfo: 'values: [t=0, t-1, t-2, ...]',
        temperature: { unit: '°C', values: [25] },
        humidity: { unit: '%', values: [50] },
        co2: { unit: 'ppm', values: [500] },
      },
    },
    {
      name: 'decodes negative temperatures and the inconsistency flag',
      given: '6a0bff9c1e0190',
      want: {
        type: '0x6a Comfort CO2 data',
        status: comfortStatus(0, {
          configurationInconsistency: true,
          lowBattery: true,
          configurationDone: true,
        }),
        decodingInfo: 'values: [t=0, t-1, t-2, ...]',
        temperature: { unit: '°C', values: [-10] },
        humidity: { unit: '%', values: [30] },
        co2: { unit: 'ppm', values: [400] },
      },
    },
    {
      name: 'decodes an alarm frame',
      given: '6b203100fa500320',
      want: {
        type: '0x6b Comfort CO2 alarm',
        status: comfortStatus(1),
        alarmTemperature: { alarmStatus: 'active', temperature: { unit: '°C', value: 25 } },
        alarmHumidity: { alarmStatus: 'active', humidity: { unit: '%', value: 80 } },
        alarmCo2: { alarmStatus: 'active', co2: { unit: 'ppm', value: 800 } },
      },
    },
    {
      name: 'decodes a short daily frame',
      given: '30000203' + '00fa' + '0320' + '50' + 'ff9c',
      want: {
        type: '0x30 Comfort CO2 Daily frame',
        status: comfortStatus(0),
        icone: 2,
        qaiRedDuration: { unit: 'min', value: 30 },
        temperatureMax: { unit: '°C', value: 25 },
        co2Max: { unit: 'ppm', value: 800 },
        humidityMax: { unit: '%', value: 80 },
        temperatureMin: { unit: '°C', value: -10 },
      },
    },
    {
      name: 'decodes the software version frame',
      given: '3700010203040506',
      want: {
        type: '0x37 Software version',
        status: comfortStatus(0),
        appVersion: '1.2.3',
        rtuVersion: '4.5.6',
      },
    },
  ])('$name', ({ given, want }) => {
    expect(comfortCo2.decodeUplink({ bytes: hex(given), fPort: 1 })).toEqual({
      data: { bytes: want },
    });
  });

  it.each([
    { name: 'rejects a 1-byte payload', given: '6a', want: /at least 2 bytes.*received 1/ },
    { name: 'rejects an unknown frame code', given: '9900', want: /unsupported frame code 0x99/ },
    {
      name: 'rejects a data frame cut inside a sample',
      given: '6a8000fa32',
      want: /5-byte samples/,
    },
    { name: 'rejects a truncated alarm frame', given: '6b203100fa', want: /too short/ },
  ])('$name', ({ given, want }) => {
    const result = comfortCo2.decodeUplink({ bytes: hex(given), fPort: 1 });
    expect(result).toHaveProperty('errors');
    if ('errors' in result) expect(result.errors.join()).toMatch(want);
  });
});

describe('adeunis/pulse', () => {
  it.each([
    {
      name: 'decodes both channel counters',
      given: '46200000012700000005',
      want: {
        type: '0x46 Pulse 4 data',
        status: status(1),
        decodingInfo: 'counterValues: [Channel A, Channel B]',
        counterValues: [295, 5],
      },
    },
    {
      name: 'decodes a flow alarm',
      given: '470000010002',
      want: {
        type: '0x47 Pulse 4 alarm',
        status: status(0),
        decodingInfo: 'flowValues: [Channel A, Channel B]',
        flowValues: [1, 2],
      },
    },
    {
      name: 'rebuilds channel B history from the counter and its deltas',
      given: '5b0000000064000a0005',
      want: {
        type: '0x5b Pulse 4 data - channel B',
        status: status(0),
        decodingInfo: 'counterValues: [t=0, t-1, t-2, ...]',
        counterValues: [100, 90, 85],
      },
    },
    {
      name: 'decodes the keep-alive with every alarm flag set',
      given: '30003f0010002000010002',
      want: {
        type: '0x30 Pulse 4 keep alive',
        status: status(0),
        channels: [
          {
            name: 'channel A',
            flow: { alarm: true, last24hMin: 1, last24hMax: 16 },
            tamperAlarm: true,
            leakageAlarm: true,
          },
          {
            name: 'channel B',
            flow: { alarm: true, last24hMin: 2, last24hMax: 32 },
            tamperAlarm: true,
            leakageAlarm: true,
          },
        ],
      },
    },
  ])('$name', ({ given, want }) => {
    expect(pulse.decodeUplink({ bytes: hex(given), fPort: 1 })).toEqual({ data: { bytes: want } });
  });

  it.each([
    {
      name: 'rejects a COMFORT CO2 frame code',
      given: '6a8001b33e01a4',
      want: /unsupported frame code 0x6a/,
    },
    {
      name: 'rejects a counter frame with half a delta',
      given: '5a000000000100',
      want: /2-byte deltas/,
    },
    { name: 'rejects a truncated counter frame', given: '46200000012700', want: /too short/ },
  ])('$name', ({ given, want }) => {
    const result = pulse.decodeUplink({ bytes: hex(given), fPort: 1 });
    expect(result).toHaveProperty('errors');
    if ('errors' in result) expect(result.errors.join()).toMatch(want);
  });
});

describe('adeunis network configuration frame (0x20)', () => {
  it.each([
    {
      name: 'COMFORT CO2 adds duty cycle and class on LoRaWAN',
      decoder: comfortCo2,
      given: '20002501',
      want: {
        loraAdr: true,
        loraProvisioningMode: 'OTAA',
        loraDutycyle: 'activated',
        loraClassMode: 'CLASS C',
      },
    },
    {
      name: 'PULSE reports ADR and provisioning only',
      decoder: pulse,
      given: '20002500',
      want: { loraAdr: true, loraProvisioningMode: 'ABP' },
    },
    {
      name: 'a 5-byte frame is the Sigfox variant',
      decoder: pulse,
      given: '200002003c',
      want: { sigfoxRetry: 2, sigfoxDownlinkPeriod: { unit: 'm', value: 60 } },
    },
    {
      name: 'an unexpected length is flagged as partially decoded',
      decoder: comfortCo2,
      given: '200000000000',
      want: { partialDecoding: 1 },
    },
  ])('$name', ({ decoder, given, want }) => {
    const result = decoder.decodeUplink({ bytes: hex(given), fPort: 1 });
    expect(result).toMatchObject({ data: { bytes: { type: '0x20 Configuration', ...want } } });
  });
});

describe('adeunis/pulse configuration frame (0x10)', () => {
  it('decodes the LoRaWAN (28-byte) configuration with leakage and tamper settings', () => {
    const given =
      '1000' +
      '01' +
      '0018' +
      '9b' +
      '0005' +
      '32' +
      '000a' +
      '0064' +
      '00c8' +
      '0003' +
      '0004' +
      '0018' +
      '0030' +
      '06' +
      '05' +
      '0c' +
      '07' +
      '02';
    const result = pulse.decodeUplink({ bytes: hex(given), fPort: 1 });
    expect(result).toMatchObject({
      data: {
        bytes: {
          type: '0x10 Pulse 4 configuration',
          productMode: 'PRODUCTION',
          numberOfHistorizationBeforeSending: 24,
          samplingPeriod: { unit: 's', value: 10 },
          calculatedSendingPeriod: { unit: 's', value: 240 },
          flowCalculationPeriod: { unit: 'm', value: 10 },
          redundantSamples: 2,
          channels: [
            {
              name: 'channel A',
              state: 'enabled',
              type: 'gasPullUpOn',
              debouncingPeriod: { unit: 'ms', value: 10 },
              leakageDetection: {
                overflowAlarmTriggerThreshold: 100,
                threshold: 3,
                dailyPeriodsBelowWhichLeakageAlarmTriggered: 24,
              },
              tamper: {
                activated: true,
                samplePeriodForDetection: { unit: 's', value: 60 },
                threshold: 5,
              },
            },
            {
              name: 'channel B',
              state: 'enabled',
              type: 'otherPullUpOff',
              debouncingPeriod: { unit: 'ms', value: 20 },
              leakageDetection: {
                overflowAlarmTriggerThreshold: 200,
                threshold: 4,
                dailyPeriodsBelowWhichLeakageAlarmTriggered: 48,
              },
              tamper: {
                activated: true,
                samplePeriodForDetection: { unit: 's', value: 120 },
                threshold: 7,
              },
            },
          ],
        },
      },
    });
  });
});

import { decoders, vaqaoLite } from '@smartcitylab/decoders/watteco';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineDecoder } from '../../src/internal/define.js';
import { describeArbitraryBytes, describeFixtureVectors, hex } from './support.js';

describeFixtureVectors('watteco', [['watteco/vaqao-lite', 'vaqao-lite.json']], decoders);

describeArbitraryBytes('watteco', decoders, 300);

// Own vectors from the Watteco ZCL payload description: header byte (endpoint in
// bits 5-7 and 1-2, bit 0 = standard report), command, cluster, attribute, type, value.
describe('watteco/vaqao-lite standard reports', () => {
  const at = '2024-05-01T10:00:00.123456789Z';
  const decode = (bytesHex: string, extra: { recvTime?: string | Date; fPort?: number } = {}) =>
    vaqaoLite.decodeUplink({ bytes: hex(bytesHex), fPort: 125, recvTime: at, ...extra });

  it.each([
    {
      name: 'names the concentration of endpoint 1 CO2',
      given: '310a800c00002101c2',
      want: { variable: 'CO2', value: 450 },
    },
    {
      name: 'decodes occupancy as a boolean',
      given: '110a040600001801',
      want: { variable: 'occupancy', value: true },
    },
    {
      name: 'decodes a negative temperature',
      given: '110a04020000290064'.replace('0064', 'ff38'),
      want: { variable: 'temperature_1', value: -2 },
    },
    {
      name: 'keeps the raw name in read attribute responses (no endpoint mapping)',
      given: '1101040200000029ff38',
      want: { variable: 'temperature', value: -2 },
    },
  ])('$name', ({ given, want }) => {
    expect(decode(given)).toEqual({
      data: { samples: [{ ...want, date: at }], [want.variable]: want.value },
    });
  });

  it('decodes every reported power source voltage', () => {
    expect(decode('110a00500006410703032ee00e68')).toMatchObject({
      data: { main_or_external_voltage: 12, rechargeable_battery_voltage: 3.688 },
    });
  });

  it('warns on an alarm report (command 0x8a)', () => {
    expect(decode('118a04020000290b89')).toEqual({
      data: {
        samples: [{ variable: 'temperature_1', value: 29.53, date: at }],
        temperature_1: 29.53,
      },
      warnings: ['alarm triggered'],
    });
  });

  it('stamps samples with a Date recvTime and leaves the date out without one', () => {
    const withDate = decode('110a04020000290b89', { recvTime: new Date('2024-05-01T10:00:00Z') });
    expect(withDate).toMatchObject({ data: { samples: [{ date: '2024-05-01T10:00:00.000Z' }] } });
    const without = vaqaoLite.decodeUplink({ bytes: hex('110a04020000290b89'), fPort: 125 });
    expect(without).toEqual({
      data: { samples: [{ variable: 'temperature_1', value: 29.53 }], temperature_1: 29.53 },
    });
  });

  it('decodes a configure reporting response', () => {
    expect(decode('1107040200000000')).toMatchObject({
      data: {
        samples: [
          {
            variable: 'configure_reporting_response',
            value: { clustID: '0x0402', attID: '0x0000', status: 0 },
          },
        ],
      },
    });
  });

  it.each([
    { name: 'an unknown fPort', given: '110a04020000290b89', fPort: 1, want: /fPort 1/ },
    { name: 'an unknown cluster', given: '110a04070000290000', fPort: 125, want: /cluster 0x0407/ },
    {
      name: 'a 7-byte report',
      given: '110a0402000029',
      fPort: 125,
      want: /needs 1 byte\(s\) at offset 7, payload is 7 byte/,
    },
    {
      name: 'a failed read response',
      given: '1101040200008629',
      fPort: 125,
      want: /offset 6: unsupported read status 0x86/,
    },
    {
      name: 'an unsupported command',
      given: '110604020000290b89',
      fPort: 125,
      want: /command 0x06/,
    },
    { name: 'a 1-byte payload', given: '11', fPort: 125, want: /payload is 1 byte/ },
    { name: 'a truncated value', given: '110a0402000029', fPort: 125, want: /payload is 7 byte/ },
  ])('rejects $name', ({ given, fPort, want }) => {
    const result = decode(given, { fPort });
    expect(result).toHaveProperty('errors');
    if ('errors' in result) expect(result.errors.join()).toMatch(want);
  });
});

describe('watteco/vaqao-lite batch reports', () => {
  const batch =
    '70060000e2760090cfc0015b028423fb03272919804c121c003ebc5bd6895f0040000b68b72c27a0ddb4dc8076db920c68b72c19605b04';

  it('dates samples relative to recvTime', () => {
    const shifted = vaqaoLite.decodeUplink({
      bytes: hex(batch),
      fPort: 125,
      recvTime: '2024-12-27T19:35:54.000Z',
    });
    expect(shifted).toHaveProperty('data');
    if (!('data' in shifted)) return;
    expect(shifted.data.samples).toHaveLength(11);
    expect(shifted.data.samples[0]).toEqual({
      variable: 'occupancy',
      value: 0,
      date: '2024-12-27T19:15:38.000Z',
    });
  });

  it.each([
    { name: 'a batch without recvTime', given: batch, recvTime: undefined, want: /needs recvTime/ },
    {
      name: 'a truncated batch',
      given: batch.slice(0, 40),
      recvTime: '2024-12-27T18:35:54Z',
      want: /payload too short/,
    },
    {
      name: 'an unknown series tag',
      given: '10700000000000',
      recvTime: '2024-12-27T18:35:54Z',
      want: /unsupported series tag 0x07/,
    },
  ])('rejects $name', ({ given, recvTime, want }) => {
    const input = { bytes: hex(given), fPort: 125 };
    const result = vaqaoLite.decodeUplink(recvTime ? { ...input, recvTime } : input);
    expect(result).toHaveProperty('errors');
    if ('errors' in result) expect(result.errors.join()).toMatch(want);
  });
});

// VAQAO Lite checks its input itself (the shared wrapper would take a fifth of its size budget):
// its checks and texts must stay those of every other decoder.
describe('watteco/vaqao-lite input checks', () => {
  const shared = defineDecoder(
    vaqaoLite.info,
    () => {
      throw new Error('the checks let a bad input through');
    },
    { recvTime: true },
  );
  const hostile = {
    toString() {
      throw new Error('hostile toString');
    },
  };

  it.each([
    { name: 'no input', given: undefined },
    { name: 'a number as input', given: 5 },
    { name: 'no fPort', given: { bytes: [0x11] } },
    { name: 'fPort 256', given: { bytes: [0x11], fPort: 256 } },
    { name: 'fPort 1.5', given: { bytes: [0x11], fPort: 1.5 } },
    { name: 'fPort as text', given: { bytes: [0x11], fPort: '125' } },
    { name: 'bytes as text', given: { bytes: '110a', fPort: 125 } },
    { name: 'a byte 256', given: { bytes: [0x11, 256], fPort: 125 } },
    { name: 'a byte 1.5', given: { bytes: [0x11, 1.5], fPort: 125 } },
    { name: 'a byte as text', given: { bytes: [0x11, '1'], fPort: 125 } },
    { name: 'a NaN byte', given: { bytes: [0x11, Number.NaN], fPort: 125 } },
    { name: 'a bad byte and a bad time', given: { bytes: [-1], fPort: 125, recvTime: 'no' } },
    { name: 'a bad recvTime', given: { bytes: [0x11], fPort: 125, recvTime: 'yesterday' } },
    {
      name: 'an invalid Date',
      given: { bytes: [0x11], fPort: 125, recvTime: new Date(Number.NaN) },
    },
    { name: 'a recvTime that throws', given: { bytes: [0x11], fPort: 125, recvTime: hostile } },
  ])('rejects $name as the shared wrapper does', ({ given }) => {
    const input = given as never;
    expect(vaqaoLite.decodeUplink(input)).toEqual(shared.decodeUplink(input));
  });

  const payloads = fc.oneof(
    fc.uint8Array({ maxLength: 40 }),
    fc.constantFrom(
      ...['110a04020000290b89', '1101040200000029ff38', '1107040200000000'].map(hex),
      hex(
        '70060000e2760090cfc0015b028423fb03272919804c121c003ebc5bd6895f0040000b68b72c27a0ddb4dc8076db920c68b72c19605b04',
      ),
    ),
  );

  it('decodes a number[] as the same bytes in a Uint8Array, a -0 as 0', () => {
    fc.assert(
      fc.property(payloads, fc.nat(), fc.boolean(), (given, at, zero) => {
        const bytes = Uint8Array.from(given);
        const array: number[] = [...bytes];
        if (zero && bytes.length > 0) {
          bytes[at % bytes.length] = 0;
          array[at % bytes.length] = -0;
        }
        const recvTime = '2024-12-27T18:35:54.000Z';
        expect(vaqaoLite.decodeUplink({ bytes: array, fPort: 125, recvTime })).toEqual(
          vaqaoLite.decodeUplink({ bytes, fPort: 125, recvTime }),
        );
      }),
      { numRuns: 2000 },
    );
  });
});

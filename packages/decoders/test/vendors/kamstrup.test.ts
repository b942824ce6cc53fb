import { decoders, flowiq2200 } from '@smartcitylab/decoders/kamstrup';
import { describe, expect, it } from 'vitest';
import { describeArbitraryBytes, describeFixtureVectors, hex } from './support.js';

describeFixtureVectors('kamstrup', [['kamstrup/flowiq2200', 'flowiq2200.json']], decoders);

describeArbitraryBytes('kamstrup', decoders, 300);

const value = (
  Type: string,
  Value: number | boolean | null,
  Unit: string,
  Timestamp: string | null = null,
) => ({
  Type,
  Value,
  Unit,
  Timestamp,
});

// Own vectors built from EN 13757-3 (DIF/VIF coding, data types A, B, C, G) and the
// Kamstrup manufacturer VIFEs (0xFF 0x25 info code, 0xFF 0x1C ALD last day).
describe('kamstrup/flowiq2200', () => {
  it.each([
    {
      name: 'skips the 4-byte short transport header (CI 0x7A)',
      given: '7a08000000' + '0413e8030000',
      want: { values: [value('Volume', 1, 'm3')], latestVolume: 1 },
    },
    {
      name: 'reads BCD volumes (data field 0xC)',
      given: '780c1378563412',
      want: { values: [value('Volume', 12345.678, 'm3')], latestVolume: 12345.678 },
    },
    {
      name: 'prefixes the function field (max) and reads a 2-byte flow',
      given: '78123b6400',
      want: { values: [value('Max Volume flow', 0.1, 'm3/h')] },
    },
    {
      name: 'prefixes the orthogonal VIFE "Reverse"',
      given: '7804933c0a000000',
      want: { values: [value('Reverse Volume', 0.01, 'm3')] },
    },
    {
      name: 'expands the info code into one flag per bit',
      given: '7801ff2514',
      want: {
        values: [
          value('Dry', false, 'NA'),
          value('Reverse', false, 'NA'),
          value('Leak', true, 'NA'),
          value('Burst', false, 'NA'),
          value('Tamper', true, 'NA'),
          value('Low Battery', false, 'NA'),
          value('Low Ambient Temperature', false, 'NA'),
          value('High Ambient Temperature', false, 'NA'),
        ],
      },
    },
    {
      name: 'stamps values with the date (type G) of the same storage number, skipping fillers',
      given: '782f426c1f2c' + '441301000000',
      want: {
        values: [value('Volume', 0.001, 'm3', '2016-12-31T00:00:00.000')],
        latestVolume: 0.001,
      },
    },
  ])('$name', ({ given, want }) => {
    expect(flowiq2200.decodeUplink({ bytes: hex(given), fPort: 1 })).toEqual({ data: want });
  });

  it('reports an invalid (most negative) value as null with a warning', () => {
    expect(flowiq2200.decodeUplink({ bytes: hex('78041300000080'), fPort: 1 })).toEqual({
      data: { values: [value('Volume', null, 'Invalid')] },
      warnings: ['Invalid value among data'],
    });
  });

  it.each([
    { name: 'an empty payload', given: '', want: /needs 1 byte\(s\) at offset 0/ },
    { name: 'an unknown CI field', given: '510413e8030000', want: /unsupported CI field 0x51/ },
    { name: 'an encrypted transport layer', given: '7a080000050413e8030000', want: /encryption/ },
    { name: 'a truncated short header', given: '7a0800', want: /needs 4 byte\(s\) at offset 1/ },
    { name: 'an unsupported VIF', given: '78047e01000000', want: /offset 2: unsupported VIF 0x7e/ },
    { name: 'a truncated value', given: '780413e803', want: /needs 4 byte\(s\) at offset 3/ },
    { name: 'a special DIF function', given: '780f', want: /offset 1: unsupported DIF 0x0f/ },
    {
      name: 'a profile without base time',
      given: '78041303000000' + '0d931303610101',
      want: /base time/,
    },
  ])('rejects $name', ({ given, want }) => {
    const result = flowiq2200.decodeUplink({ bytes: hex(given), fPort: 1 });
    expect(result).toHaveProperty('errors');
    if ('errors' in result) expect(result.errors.join()).toMatch(want);
  });
});

import { decoders, flowiq2200 } from '@smartcitylab/decoders/kamstrup';
import fc from 'fast-check';
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

/** A volume record stamped with a type F date/time (storage 0): 20YY-MM-DD hh:mm. */
function stampedVolume(year: number, month: number, day: number, hour: number, minute: number) {
  const yy = year - 2000;
  const date = [minute, hour | (1 << 5), day | ((yy & 7) << 5), month | ((yy >> 3) << 4)];
  return [0x78, 0x04, 0x6d, ...date, 0x04, 0x13, 0x01, 0, 0, 0];
}

describe('kamstrup/flowiq2200 meter times', () => {
  // Formatted times are remembered per hour (64 slots): times that share a slot, decoded in
  // turn, and random times decoded one after another must each still get their own text.
  it('stamps each value with its own time when times share a memo slot', () => {
    const a = stampedVolume(2024, 7, 24, 19, 0);
    const b = stampedVolume(2024, 7, 27, 11, 0); // 64 hours later: the same slot
    const c = stampedVolume(2024, 7, 27, 11, 30);
    for (const [bytes, want] of [
      [a, '2024-07-24T19:00:00.000'],
      [b, '2024-07-27T11:00:00.000'],
      [a, '2024-07-24T19:00:00.000'],
      [c, '2024-07-27T11:30:00.000'],
      [b, '2024-07-27T11:00:00.000'],
    ] as const) {
      const result = flowiq2200.decodeUplink({ bytes, fPort: 1 });
      expect('data' in result && result.data.values[0]?.Timestamp).toBe(want);
    }
  });

  it('formats random meter times as toISOString does, without the zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (year, month, day, hour, minute) => {
          const result = flowiq2200.decodeUplink({
            bytes: stampedVolume(year, month, day, hour, minute),
            fPort: 1,
          });
          const want = new Date(Date.UTC(year, month - 1, day, hour, minute)).toISOString();
          expect('data' in result && result.data.values[0]?.Timestamp).toBe(want.slice(0, -1));
        },
      ),
      { numRuns: 2000, seed: 17 },
    );
  });
});

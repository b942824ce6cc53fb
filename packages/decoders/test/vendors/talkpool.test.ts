import { decoders, oy1210 } from '@smartcitylab/decoders/talkpool';
import { describe, expect, it } from 'vitest';
import { describeArbitraryBytes, describeFixtureVectors, hex } from './support.js';

describeFixtureVectors('talkpool', [['talkpool/oy1210', 'oy1210.json']], decoders);

describeArbitraryBytes('talkpool', decoders, 300);

describe('talkpool/oy1210', () => {
  it.each([
    {
      name: 'decodes a below-zero temperature (12-bit values share byte 2)',
      given: { bytes: hex('2b2ece0190'), fPort: 2 },
      want: { Temperature: -10, Humidity: 50, CO2: 400 },
    },
    {
      name: 'accepts fPort 1, which some network servers report for the same frame',
      given: { bytes: hex('412b10033a'), fPort: 1 },
      want: { Temperature: 24.1, Humidity: 43.8, CO2: 826 },
    },
  ])('$name', ({ given, want }) => {
    expect(oy1210.decodeUplink(given)).toEqual({ data: want });
  });

  it.each([
    {
      name: 'rejects an unknown fPort',
      given: { bytes: hex('412b10033a'), fPort: 5 },
      want: /fPort 5/,
    },
    {
      name: 'rejects a truncated frame',
      given: { bytes: hex('412b1003'), fPort: 2 },
      want: /5-byte.*received 4/,
    },
    {
      name: 'rejects a longer frame',
      given: { bytes: hex('412b10033a00'), fPort: 2 },
      want: /received 6/,
    },
  ])('$name', ({ given, want }) => {
    const result = oy1210.decodeUplink(given);
    expect(result).toHaveProperty('errors');
    if ('errors' in result) expect(result.errors.join()).toMatch(want);
  });
});

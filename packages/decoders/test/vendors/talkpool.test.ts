import { decoders, oy1210 } from '@smartcitylab/decoders/talkpool';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeWithFixtures, readFixtureJson } from '../../../../test-support/fixtures.js';

const hex = (s: string): number[] => (s.match(/../g) ?? []).map((b) => Number.parseInt(b, 16));

interface Vector {
  description: string;
  fPort: number;
  bytesHex: string;
  recvTime?: string;
  expected: unknown;
  expectedErrors?: string[];
  expectedWarnings?: string[];
  expectedPartial?: boolean;
}

/** Numbers compare to 6 decimals, as the reference decoders round some values. */
function approx(v: unknown): unknown {
  if (typeof v === 'number') return expect.closeTo(v, 6);
  if (Array.isArray(v)) return v.map(approx);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, approx(x)]));
  }
  return v;
}

describeWithFixtures('talkpool fixture vectors', 'decoders/talkpool', () => {
  const devices: [id: string, file: string][] = [['talkpool/oy1210', 'oy1210.json']];
  for (const [id, file] of devices) {
    const { vectors } = readFixtureJson<{ vectors: Vector[] }>('decoders', 'talkpool', file);
    describe(id, () => {
      for (const v of vectors) {
        it(v.description, () => {
          const decoder = decoders[id];
          expect(decoder).toBeDefined();
          const input = { bytes: hex(v.bytesHex), fPort: v.fPort };
          const result = decoder!.decodeUplink(
            v.recvTime ? { ...input, recvTime: v.recvTime } : input,
          );
          if (v.expectedErrors) {
            expect(result).toHaveProperty('errors');
            return;
          }
          expect(result).toHaveProperty('data');
          if (!('data' in result)) return;
          if (v.expectedPartial) expect(result.data).toMatchObject(approx(v.expected) as object);
          else expect(result.data).toEqual(approx(v.expected));
          if (v.expectedWarnings) expect(result.warnings).toEqual(v.expectedWarnings);
        });
      }
    });
  }
});

describe('talkpool decoders on arbitrary bytes', () => {
  it('never throw and always return data or errors', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 80 }),
        fc.option(fc.integer({ min: 0, max: 255 }), { freq: 4 }),
        (bytes, port) => {
          for (const decoder of Object.values(decoders)) {
            // Often the device's own fPort, so the payload parsers themselves are exercised.
            const fPort = port ?? decoder.info.defaultFPort;
            const result = decoder.decodeUplink({ bytes, fPort, recvTime: '2024-01-01T00:00:00Z' });
            expect('data' in result || 'errors' in result).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

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

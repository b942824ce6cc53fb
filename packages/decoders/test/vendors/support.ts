import type { DeviceDecoder } from '@smartcitylab/decoders';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeWithFixtures, readFixtureJson } from '../../../../test-support/fixtures.js';

/** Bytes of a lower-case hex string. */
export const hex = (s: string): number[] =>
  (s.match(/../g) ?? []).map((b) => Number.parseInt(b, 16));

/** One decoder test vector as the shared fixtures give it. */
export interface Vector {
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
export function approx(v: unknown): unknown {
  if (typeof v === 'number') return expect.closeTo(v, 6);
  if (Array.isArray(v)) return v.map(approx);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, approx(x)]));
  }
  return v;
}

/**
 * Every fixture vector of a vendor's devices decodes to its expected object (or to errors where
 * the fixture expects them).
 */
export function describeFixtureVectors(
  vendor: string,
  devices: readonly (readonly [id: string, file: string])[],
  decoders: Readonly<Record<string, DeviceDecoder<unknown>>>,
): void {
  describeWithFixtures(`${vendor} fixture vectors`, `decoders/${vendor}`, () => {
    for (const [id, file] of devices) {
      const { vectors } = readFixtureJson<{ vectors: Vector[] }>('decoders', vendor, file);
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
}

/** A vendor's decoders never throw on arbitrary bytes and always return data or errors. */
export function describeArbitraryBytes(
  vendor: string,
  decoders: Readonly<Record<string, DeviceDecoder<unknown>>>,
  numRuns: number,
): void {
  describe(`${vendor} decoders on arbitrary bytes`, () => {
    it('never throw and always return data or errors', () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ maxLength: 80 }),
          fc.option(fc.integer({ min: 0, max: 255 }), { freq: 4 }),
          (bytes, port) => {
            for (const decoder of Object.values(decoders)) {
              // Often the device's own fPort, so the payload parsers themselves are exercised.
              const fPort = port ?? decoder.info.defaultFPort;
              const result = decoder.decodeUplink({
                bytes,
                fPort,
                recvTime: '2024-01-01T00:00:00Z',
              });
              expect('data' in result || 'errors' in result).toBe(true);
            }
          },
        ),
        { numRuns },
      );
    });
  });
}

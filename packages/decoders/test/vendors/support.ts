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

/** Elements that are not bytes: a fast path that reads arrays in place must leave each of them to the checked path. */
export const NOT_BYTES: readonly unknown[] = [-0, 256, 1.5, '1', Number.NaN, -1, null, undefined];

/**
 * `number[]` and `Uint8Array` input give the same result, down to the key order, whichever path
 * each takes; and with `bad` (one of {@link NOT_BYTES}) at index `slot` of the array, the result
 * is the checked path's: a `-0` reads as 0, anything else is an input error naming the element.
 */
export function expectInputKindsAlike(
  decoder: DeviceDecoder<unknown>,
  bytes: readonly number[],
  fPort: number,
  slot: number,
  bad: unknown,
): void {
  const fromArray = decoder.decodeUplink({ bytes: [...bytes], fPort });
  const fromBytes = decoder.decodeUplink({ bytes: Uint8Array.from(bytes), fPort });
  expect(fromArray).toStrictEqual(fromBytes);
  expect(JSON.stringify(fromArray)).toBe(JSON.stringify(fromBytes));
  if (bytes.length === 0) return;
  const at = slot % bytes.length;
  const spoilt: unknown[] = [...bytes];
  spoilt[at] = bad;
  const result = decoder.decodeUplink({ bytes: spoilt as number[], fPort });
  if (Object.is(bad, -0)) {
    const zeroed = [...bytes];
    zeroed[at] = 0;
    const want = decoder.decodeUplink({ bytes: Uint8Array.from(zeroed), fPort });
    expect(result).toStrictEqual(want);
    expect(JSON.stringify(result)).toBe(JSON.stringify(want));
  } else {
    expect(result).toStrictEqual({
      errors: [expect.stringContaining(`bytes[${at}] must be an integer 0-255`)],
    });
  }
}

/**
 * {@link expectInputKindsAlike} with `bad` at `slot`, and again with a `-0` in place of each zero
 * byte: a fast path that reads an array in place must read every such zero as 0.
 */
export function expectInputKindsAlikeWithZeros(
  decoder: DeviceDecoder<unknown>,
  bytes: readonly number[],
  fPort: number,
  slot: number,
  bad: unknown,
): void {
  expectInputKindsAlike(decoder, bytes, fPort, slot, bad);
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0) expectInputKindsAlike(decoder, bytes, fPort, i, -0);
  }
}

/** The payloads of one device's fixture vectors (`decoders/<folder>/<model>.json`). */
export function fixturePayloads(
  folder: string,
  model: string,
): { bytes: number[]; fPort: number }[] {
  const { vectors } = readFixtureJson<{ vectors: Vector[] }>('decoders', folder, `${model}.json`);
  return vectors.map((v) => ({ bytes: hex(v.bytesHex), fPort: v.fPort }));
}

/** An uplink a property test sends to a vendor's decoders. */
export interface Frame {
  bytes: number[];
  fPort: number;
}

/**
 * A vendor's decoders give the same result for `number[]` and `Uint8Array` input, on the fixture
 * vectors (with every non-byte element at every index) and on frames from `frames`; the fast
 * paths that read arrays in place must agree with the checked path that copies them.
 */
export function describeInputKinds(
  vendor: string,
  devices: readonly (readonly [id: string, file: string])[],
  decoders: Readonly<Record<string, DeviceDecoder<unknown>>>,
  frames: fc.Arbitrary<Frame>,
  numRuns = 500,
): void {
  describe(`${vendor} number[] and Uint8Array input`, () => {
    describeWithFixtures('fixture vectors', `decoders/${vendor}`, () => {
      it('decode alike, and a non-byte element anywhere takes the checked path', () => {
        for (const [id, file] of devices) {
          const decoder = decoders[id];
          expect(decoder).toBeDefined();
          const { vectors } = readFixtureJson<{ vectors: Vector[] }>('decoders', vendor, file);
          for (const v of vectors) {
            const bytes = hex(v.bytesHex);
            for (let slot = 0; slot < Math.max(1, bytes.length); slot++) {
              for (const bad of NOT_BYTES) {
                expectInputKindsAlike(decoder!, bytes, v.fPort, slot, bad);
              }
            }
          }
        }
      });
    });

    it('random frames decode alike, and a non-byte element takes the checked path', () => {
      fc.assert(
        fc.property(frames, fc.nat(), fc.constantFrom(...NOT_BYTES), (frame, slot, bad) => {
          for (const decoder of Object.values(decoders)) {
            expectInputKindsAlike(decoder, frame.bytes, frame.fPort, slot, bad);
          }
        }),
        { numRuns, seed: 7 },
      );
    });
  });
}

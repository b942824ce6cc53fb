/**
 * Checks that a decoder answers the same bytes alike whatever form they come in: a `Uint8Array`,
 * a `number[]` (which some devices read in place on a fast path), and a `number[]` with a zero
 * written as `-0` (which some fast paths leave to the checked path, and all must read as 0), and
 * that an element that is not a byte is an error naming it, wherever it sits.
 */
import type { DeviceDecoder } from '@smartcitylab/decoders';
import { expect } from 'vitest';
import { readFixtureJson } from '../../../../test-support/fixtures.js';

/** Elements that are not integers 0-255, as a `number[]` payload might carry them. */
export const BAD_ELEMENTS: readonly unknown[] = [256, -1, 1.5, '1', Number.NaN, null, undefined];

/** Deep equality and the same JSON text (key order is part of what a consumer sees). */
function expectSame(got: unknown, want: unknown): void {
  expect(got).toEqual(want);
  expect(JSON.stringify(got)).toBe(JSON.stringify(want));
}

/**
 * The same bytes as `Uint8Array`, `number[]` and, for each zero byte, `number[]` with that
 * zero as `-0` decode alike; `bad` (an index into the bytes and one of {@link BAD_ELEMENTS})
 * replaces one element and must give an error naming that element.
 */
export function expectSameForInputKinds(
  decoder: DeviceDecoder<unknown>,
  bytes: readonly number[],
  fPort: number,
  bad?: { at: number; value: unknown },
): void {
  const want = decoder.decodeUplink({ bytes: Uint8Array.from(bytes), fPort });
  expectSame(decoder.decodeUplink({ bytes: bytes.slice(), fPort }), want);
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0) continue;
    const negative = bytes.slice();
    negative[i] = -0;
    expectSame(decoder.decodeUplink({ bytes: negative, fPort }), want);
  }
  if (bad !== undefined && bytes.length > 0) {
    const i = bad.at % bytes.length;
    const given: unknown[] = bytes.slice();
    given[i] = bad.value;
    const result = decoder.decodeUplink({ bytes: given as number[], fPort });
    expect(result).toHaveProperty('errors');
    if ('errors' in result) expect(result.errors.join('\n')).toContain(`bytes[${i}]`);
  }
}

/** The fixture vectors' payloads of one device (`<folder>/<model>.json` under decoders/). */
export function fixturePayloads(
  folder: string,
  model: string,
): { bytes: number[]; fPort: number }[] {
  const { vectors } = readFixtureJson<{ vectors: { bytesHex: string; fPort: number }[] }>(
    'decoders',
    folder,
    `${model}.json`,
  );
  return vectors.map((v) => ({
    bytes: (v.bytesHex.match(/../g) ?? []).map((h) => Number.parseInt(h, 16)),
    fPort: v.fPort,
  }));
}

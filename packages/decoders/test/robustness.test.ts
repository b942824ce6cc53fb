import { type DeviceDecoder, listDevices, loadDecoder } from '@smartcitylab/decoders';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Total random payloads across all devices (split evenly, at least 10,000). */
const TOTAL_RUNS = 10_000;

function checkResult(result: unknown): void {
  expect(result).toBeTypeOf('object');
  const r = result as Record<string, unknown>;
  const hasData = Object.hasOwn(r, 'data');
  const hasErrors = Object.hasOwn(r, 'errors');
  // Exactly one of data / errors, errors a non-empty string list, warnings strings when present.
  expect(hasData !== hasErrors).toBe(true);
  if (hasErrors) {
    expect(Array.isArray(r.errors)).toBe(true);
    expect((r.errors as unknown[]).length).toBeGreaterThan(0);
    for (const e of r.errors as unknown[]) expect(e).toBeTypeOf('string');
  }
  if (r.warnings !== undefined) {
    for (const w of r.warnings as unknown[]) expect(w).toBeTypeOf('string');
  }
  // Results must survive a JSON round trip (what a network server does with them).
  expect(() => JSON.stringify(r)).not.toThrow();
}

describe('every decoder survives arbitrary payloads', () => {
  const devices = listDevices();
  const perDevice = Math.ceil(TOTAL_RUNS / Math.max(1, devices.length));

  it('covers at least 10,000 payloads in total', () => {
    expect(perDevice * devices.length).toBeGreaterThanOrEqual(TOTAL_RUNS);
  });

  for (const info of devices) {
    it(`${info.id}: any bytes (0-64) on any fPort give data or errors, never a throw`, async () => {
      const decoder: DeviceDecoder<unknown> = await loadDecoder(info.id);
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: 0, maxLength: 64 }),
          fc.oneof(fc.constant(info.defaultFPort), fc.integer({ min: 0, max: 255 })),
          // Some decoders (batch reports, trackers) time-stamp with the receive time.
          fc.option(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01') })),
          (bytes, fPort, recvTime) => {
            const input = recvTime === null ? { bytes, fPort } : { bytes, fPort, recvTime };
            checkResult(decoder.decodeUplink(input));
            checkResult(decoder.decodeUplink({ ...input, bytes: Array.from(bytes) }));
          },
        ),
        { numRuns: perDevice },
      );
    });
  }

  // number[] input is copied into a reused per-length buffer: no result may keep a view of it.
  it('a result from number[] input is not changed by the next decode of the same length', async () => {
    for (const info of devices) {
      const decoder = await loadDecoder(info.id);
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: 1, maxLength: 64 }),
          fc.integer({ min: 0, max: 0xffffffff }),
          (first, seed) => {
            const second = first.map((b, i) => (b + seed + i) & 0xff);
            const input = { fPort: info.defaultFPort, recvTime: '2024-03-01T12:00:00Z' };
            const result = decoder.decodeUplink({ ...input, bytes: Array.from(first) });
            const before = JSON.stringify(result);
            decoder.decodeUplink({ ...input, bytes: Array.from(second) });
            expect(JSON.stringify(result)).toBe(before);
          },
        ),
        { numRuns: 50, seed: 7 },
      );
    }
  });

  // Some devices answer well-formed frames in a fast path and leave everything else to the
  // checked decoder. A `-0` byte is outside every fast path (the checked path reads it as 0), so
  // the same bytes with one zero written as -0 must decode to the same result by the other path.
  it('a fast path and the checked path agree on the same bytes, for every decoder', async () => {
    for (const info of devices) {
      const decoder = await loadDecoder(info.id);
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 48 }),
          fc.nat(),
          fc.oneof(fc.constant(info.defaultFPort), fc.integer({ min: 0, max: 255 })),
          (bytes, at, fPort) => {
            const i = at % bytes.length;
            const plain = bytes.slice();
            plain[i] = 0;
            const checked = plain.slice();
            checked[i] = -0;
            const input = { fPort, recvTime: '2024-03-01T12:00:00Z' };
            const want = JSON.stringify(decoder.decodeUplink({ ...input, bytes: checked }));
            expect(JSON.stringify(decoder.decodeUplink({ ...input, bytes: plain }))).toBe(want);
            expect(
              JSON.stringify(decoder.decodeUplink({ ...input, bytes: Uint8Array.from(plain) })),
            ).toBe(want);
          },
        ),
        { numRuns: 300, seed: 11 },
      );
    }
  });

  it('hostile inputs give errors for every decoder', async () => {
    const hostile: unknown[] = [
      undefined,
      null,
      42,
      'payload',
      { bytes: null, fPort: 1 },
      { bytes: [256], fPort: 1 },
      { bytes: [-1], fPort: 1 },
      { bytes: [Number.NaN], fPort: 1 },
      { bytes: [1], fPort: -1 },
      { bytes: [1], fPort: Number.POSITIVE_INFINITY },
      { bytes: [1], fPort: '1' },
    ];
    for (const info of devices) {
      const decoder = await loadDecoder(info.id);
      for (const input of hostile) {
        const result = decoder.decodeUplink(input as never);
        expect(result, `${info.id} ${JSON.stringify(input)}`).toHaveProperty('errors');
      }
    }
  });
});

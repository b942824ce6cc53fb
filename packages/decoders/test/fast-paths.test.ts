import { existsSync } from 'node:fs';
import type { DeviceDecoder } from '@smartcitylab/decoders';
import { decoders as browan } from '@smartcitylab/decoders/browan';
import { decoders as elsys } from '@smartcitylab/decoders/elsys';
import { decoders as milesight } from '@smartcitylab/decoders/milesight';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixturePath, readFixtureJson } from '../../../test-support/fixtures.js';

// Browan, Elsys and the Milesight WS101/WS301 and ambience models answer well-formed uplinks in
// fast paths of their own, one per input kind (a `number[]` read in place, a `Uint8Array` read
// without the shared wrapper), and leave everything else to the checked path. These tests hold
// both fast paths to the checked path's answers. `toEqual` tells -0 from 0, so a -0 element that
// leaked into a field would fail them too.

type Decoder = DeviceDecoder<unknown>;

/** The devices with fast paths, by id, and the fPort their uplinks use. */
const DEVICES: readonly (readonly [string, Decoder, number])[] = [
  ['browan/tbdw100', browan['browan/tbdw100'], 100],
  ['browan/tbms100', browan['browan/tbms100'], 102],
  ['browan/tbhh100', browan['browan/tbhh100'], 103],
  ...Object.entries(elsys).map(([id, d]) => [id, d, 5] as const),
  ['milesight-iot/ws101', milesight['milesight-iot/ws101'], 85],
  ['milesight-iot/ws301', milesight['milesight-iot/ws301'], 85],
  ['milesight-iot/am307', milesight['milesight-iot/am307'], 85],
  ['milesight-iot/am319', milesight['milesight-iot/am319'], 85],
  ['milesight-iot/em500-co2', milesight['milesight-iot/em500-co2'], 85],
];

/** Bytes that the fast paths decode: well-formed frames of each family, a field at a time. */
const ELSYS_SIZES: Readonly<Record<number, number>> = {
  1: 2,
  2: 1,
  3: 3,
  4: 2,
  5: 1,
  6: 2,
  7: 2,
  8: 2,
  10: 2,
  11: 4,
  12: 2,
  13: 1,
  14: 2,
  15: 1,
  16: 4,
  17: 1,
  18: 1,
  20: 4,
  21: 2,
  22: 2,
  23: 4,
  24: 2,
  25: 2,
  26: 1,
  27: 4,
  28: 2,
  61: 4,
};
const byte = fc.integer({ min: 0, max: 255 });
const elsysField = fc
  .constantFrom(...Object.keys(ELSYS_SIZES).map(Number))
  .chain((type) =>
    fc
      .array(byte, { minLength: ELSYS_SIZES[type] ?? 0, maxLength: ELSYS_SIZES[type] ?? 0 })
      .map((v) => [type, ...v]),
  );
const switchPair = fc
  .constantFrom([0x01, 0x75], [0xff, 0x2e], [0x03, 0x00], [0x04, 0x00], [0xff, 0x0b], [0x05, 0x00])
  .chain((pair) => byte.map((v) => [...pair, v]));

// Ambience pairs, with the value size each has; the last ones are another model's, device
// information and an unknown pair, which end the fast path or add a warning.
const ambiencePair = fc
  .constantFrom(
    [0x01, 0x75, 1],
    [0x03, 0x67, 2],
    [0x04, 0x68, 1],
    [0x05, 0x00, 1],
    [0x06, 0xcb, 1],
    [0x07, 0x7d, 2],
    [0x08, 0x7d, 2],
    [0x09, 0x73, 2],
    [0x0a, 0x7d, 2],
    [0x0b, 0x7d, 2],
    [0x0c, 0x7d, 2],
    [0x0d, 0x7d, 2],
    [0x0e, 0x01, 1],
    [0x05, 0x7d, 2],
    [0x06, 0x73, 2],
    [0x03, 0x82, 2],
    [0x03, 0x00, 1],
    [0x04, 0x00, 1],
    [0xff, 0x0b, 1],
    [0x05, 0x6a, 2],
  )
  .chain(([channel, type, size]) =>
    fc
      .array(byte, { minLength: size ?? 1, maxLength: size ?? 1 })
      .map((v) => [channel ?? 0, type ?? 0, ...v]),
  );

/**
 * The head most Milesight temperature-and-humidity uplinks open with (01 75 battery, 03 67
 * temperature, 04 68 humidity), which the ambience paths read as one object literal, then up to
 * three more pairs. `moved` is the same payload with the battery pair moved behind the humidity,
 * which no head path reads: the pair loop's answer, to compare with.
 */
const ambienceHead = fc
  .tuple(byte, byte, byte, byte, fc.array(ambiencePair, { maxLength: 3 }))
  .map(([b, t0, t1, h, rest]) => ({
    bytes: [0x01, 0x75, b, 0x03, 0x67, t0, t1, 0x04, 0x68, h, ...rest.flat()],
    moved: [0x03, 0x67, t0, t1, 0x04, 0x68, h, 0x01, 0x75, b, ...rest.flat()],
  }));
const ambienceHeadFrame = ambienceHead.map((f) => f.bytes);

/** The periodic frames that the Elsys ERS, ERS CO2 and EMS Door decode into one object literal. */
const ersFrame = fc
  .tuple(byte, byte, byte, byte, byte, byte)
  .map(([t0, t1, h, l0, l1, m]) => [1, t0, t1, 2, h, 4, l0, l1, 5, m]);
const ELSYS_FRAMES: Readonly<Record<string, fc.Arbitrary<number[]>>> = {
  'elsys/ers': ersFrame,
  // The ERS frame with CO2, and with the supply voltage after it.
  'elsys/ers-co2': fc.oneof(
    fc.tuple(ersFrame, byte, byte).map(([f, c0, c1]) => [...f, 6, c0, c1]),
    fc
      .tuple(ersFrame, byte, byte, byte, byte)
      .map(([f, c0, c1, v0, v1]) => [...f, 6, c0, c1, 7, v0, v1]),
  ),
  'elsys/ems-door': fc
    .tuple(byte, byte, byte, byte, byte, byte, byte, byte, byte)
    .map(([x, y, z, p0, p1, a0, a1, a2, a3]) => [3, x, y, z, 10, p0, p1, 11, a0, a1, a2, a3]),
};

function wellFormed(id: string): fc.Arbitrary<number[]> {
  const frame = ELSYS_FRAMES[id];
  if (frame !== undefined) {
    return fc.oneof(
      frame,
      fc.array(elsysField, { minLength: 1, maxLength: 6 }).map((f) => f.flat()),
    );
  }
  if (/am3|em500/.test(id)) {
    return fc.oneof(
      fc.array(ambiencePair, { minLength: 1, maxLength: 5 }).map((f) => f.flat()),
      ambienceHeadFrame,
    );
  }
  if (id.startsWith('browan/')) return fc.array(byte, { minLength: 4, maxLength: 12 });
  if (id.startsWith('elsys/')) {
    return fc.array(elsysField, { minLength: 1, maxLength: 6 }).map((f) => f.flat());
  }
  return fc.array(switchPair, { minLength: 1, maxLength: 4 }).map((f) => f.flat());
}

/** Payloads of any shape: well-formed, cut short, or random bytes. */
const payload = (id: string): fc.Arbitrary<number[]> =>
  fc.oneof(
    wellFormed(id),
    wellFormed(id).map((b) => b.slice(0, -1)),
    fc.array(byte, { minLength: 0, maxLength: 24 }),
  );

/** Elements the checked path rejects (all but -0, which it reads as 0). */
const BAD: readonly unknown[] = [256, -1, 1.5, '1', Number.NaN, null, undefined, 2 ** 32 + 1];

describe('Elsys periodic frames', () => {
  // ELT-2 has no frame of its own: its field loop is the reference for the frames' answers,
  // keys in the same order included.
  const loop = elsys['elsys/elt-2'];
  it('decode as the field loop does, from number[] and Uint8Array', () => {
    for (const [id, frame] of Object.entries(ELSYS_FRAMES)) {
      const d = elsys[id as keyof typeof elsys];
      fc.assert(
        fc.property(frame, (bytes) => {
          const expected = loop.decodeUplink({ bytes, fPort: 5 });
          for (const b of [bytes, Uint8Array.from(bytes)]) {
            const r = d.decodeUplink({ bytes: b, fPort: 5 });
            expect(r, id).toEqual(expected);
            if ('data' in r && 'data' in expected) {
              expect(Object.keys(r.data)).toEqual(Object.keys(expected.data));
            }
          }
        }),
        { numRuns: 300, seed: 46 },
      );
    }
  });
});

describe('Milesight head of battery, temperature and humidity', () => {
  // These models all read the head as one literal in their own paths (the EM300-TH in the
  // shared pair switch only); the moved payload gives the pair loop's fields, the warning of an
  // unknown pair aside, whose offset moves with it.
  const models = ['am307', 'am319', 'em500-co2', 'em300-th'] as const;
  it('decodes as the pair loop does, keys in the order sent, from number[] and Uint8Array', () => {
    for (const model of models) {
      const d = milesight[`milesight-iot/${model}`];
      fc.assert(
        fc.property(ambienceHead, ({ bytes, moved }) => {
          const loop = d.decodeUplink({ bytes: moved, fPort: 85 });
          for (const b of [bytes, Uint8Array.from(bytes)]) {
            const r = d.decodeUplink({ bytes: b, fPort: 85 });
            expect(Object.keys(r), model).toEqual(Object.keys(loop));
            if ('data' in r && 'data' in loop) {
              expect(r.data, model).toEqual(loop.data);
              expect(Object.keys(r.data).slice(0, 3)).toEqual([
                'battery',
                'temperature',
                'humidity',
              ]);
            }
            if ('warnings' in r) expect(r.warnings?.length).toBe(1);
          }
        }),
        { numRuns: 300, seed: 47 },
      );
    }
  });

  it('reads a negative temperature and odd humidity in the head', () => {
    const bytes = [0x01, 0x75, 0x5c, 0x03, 0x67, 0x9c, 0xff, 0x04, 0x68, 0x65];
    for (const model of models) {
      const d = milesight[`milesight-iot/${model}`];
      for (const b of [bytes, Uint8Array.from(bytes)]) {
        expect(d.decodeUplink({ bytes: b, fPort: 85 })).toEqual({
          data: { battery: 92, temperature: -10, humidity: 50.5 },
        });
      }
    }
  });
});

describe('fast paths agree with the checked path', () => {
  const fixtures = fixturePath('decoders');
  it.skipIf(!existsSync(fixtures))('on every fixture vector, number[] and Uint8Array', () => {
    for (const [id, d] of DEVICES) {
      const file = `${id}.json`;
      if (!existsSync(fixturePath('decoders', file))) continue;
      const { vectors } = readFixtureJson<{ vectors: { fPort: number; bytesHex: string }[] }>(
        'decoders',
        file,
      );
      for (const v of vectors) {
        const bytes = [...Buffer.from(v.bytesHex, 'hex')];
        const fromArray = d.decodeUplink({ bytes, fPort: v.fPort });
        expect(fromArray, `${id} ${v.bytesHex}`).toEqual(
          d.decodeUplink({ bytes: Uint8Array.from(bytes), fPort: v.fPort }),
        );
      }
    }
  });

  it('on random payloads and fPorts, number[] and Uint8Array', () => {
    for (const [id, d, port] of DEVICES) {
      fc.assert(
        fc.property(payload(id), fc.oneof(fc.constant(port), byte), (bytes, fPort) => {
          const fromArray = d.decodeUplink({ bytes, fPort });
          expect(fromArray).toEqual(d.decodeUplink({ bytes: Uint8Array.from(bytes), fPort }));
        }),
        { numRuns: 200, seed: 42 },
      );
    }
  });

  it('read a -0 element as 0, as the checked path does', () => {
    for (const [id, d, port] of DEVICES) {
      fc.assert(
        fc.property(wellFormed(id), fc.nat(), fc.oneof(fc.constant(port), byte), (b, at, fPort) => {
          const i = at % b.length;
          const zero = b.slice();
          zero[i] = 0;
          const minusZero = zero.slice();
          minusZero[i] = -0;
          expect(d.decodeUplink({ bytes: minusZero, fPort })).toEqual(
            d.decodeUplink({ bytes: Uint8Array.from(zero), fPort }),
          );
        }),
        { numRuns: 200, seed: 43 },
      );
    }
  });

  it('send any other bad element to the checked path, which names it', () => {
    for (const [id, d, port] of DEVICES) {
      fc.assert(
        fc.property(
          wellFormed(id),
          fc.nat(),
          fc.constantFrom(...BAD),
          fc.oneof(fc.constant(port), byte),
          (b, at, bad, fPort) => {
            const i = at % b.length;
            const bytes: unknown[] = b.slice();
            bytes[i] = bad;
            const result = d.decodeUplink({ bytes: bytes as number[], fPort });
            expect(result).toHaveProperty('errors');
            if ('errors' in result) expect(result.errors.join('\n')).toContain(`bytes[${i}]`);
          },
        ),
        { numRuns: 200, seed: 44 },
      );
    }
  });

  it('never run user code in an element, and treat a hole as a bad element', () => {
    for (const [id, d, port] of DEVICES) {
      fc.assert(
        fc.property(wellFormed(id), fc.nat(), (b, at) => {
          const i = at % b.length;
          let called = false;
          const hostile: unknown[] = b.slice();
          hostile[i] = {
            valueOf: () => {
              called = true;
              return 1;
            },
          };
          expect(d.decodeUplink({ bytes: hostile as number[], fPort: port })).toHaveProperty(
            'errors',
          );
          expect(called, id).toBe(false);
          const holey = b.slice();
          delete holey[i];
          expect(d.decodeUplink({ bytes: holey, fPort: port })).toHaveProperty('errors');
        }),
        { numRuns: 50, seed: 45 },
      );
    }
  });
});

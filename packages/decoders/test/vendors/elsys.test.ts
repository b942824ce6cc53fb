import { decoders, elt2, emsDoor, ers, ersSound } from '@smartcitylab/decoders/elsys';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Case, expectCase } from '../support/expect-decoded.js';

describe('elsys', () => {
  const cases: (Case & { decoder: typeof ers })[] = [
    {
      name: 'negative temperature is two-complement tenths',
      decoder: ers,
      bytes: [0x01, 0xff, 0x9c],
      fPort: 5,
      data: { temperature: -10 },
    },
    {
      name: 'sound peak and average',
      decoder: ersSound,
      bytes: [0x15, 0x40, 0x30],
      fPort: 5,
      data: { soundPeak: 64, soundAvg: 48 },
    },
    {
      name: 'IR temperature pair, distance, water leak, TVOC, analog uV',
      decoder: elt2,
      bytes: [
        0x10, 0x00, 0xe2, 0xff, 0xf6, 0x0e, 0x01, 0x00, 0x12, 0x01, 0x1c, 0x00, 0x20, 0x1b, 0xff,
        0xff, 0xff, 0xfe,
      ],
      fPort: 5,
      data: {
        irInternalTemperature: 22.6,
        irExternalTemperature: -1,
        distance: 256,
        waterleak: 1,
        tvoc: 32,
        analogUv: -2,
      },
    },
    {
      name: 'second external probe repeats become a list',
      decoder: elt2,
      bytes: [0x19, 0x00, 0x64, 0x19, 0x00, 0xc8, 0x19, 0xff, 0x38],
      fPort: 5,
      data: { externalTemperature2: [10, 20, -20] },
    },
    {
      name: 'GPS position is signed 24-bit ten-thousandths of a degree',
      decoder: elt2,
      bytes: [0x09, 0x09, 0x0d, 0x64, 0xff, 0x6d, 0x20],
      fPort: 5,
      data: { lat: 59.3252, long: -3.76 },
    },
    {
      name: 'pulse counters and second analog input',
      decoder: emsDoor,
      bytes: [
        0x16, 0x00, 0x05, 0x17, 0x00, 0x00, 0x01, 0x00, 0x18, 0x0c, 0xe4, 0x0f, 0x03, 0x11, 0x02,
      ],
      fPort: 5,
      data: { pulse2: 5, pulseAbs2: 256, analog2: 3300, accMotion: 3, occupancy: 2 },
    },
    {
      name: 'unknown type stops decoding with a warning and keeps earlier values',
      decoder: ers,
      bytes: [0x02, 0x29, 0x7f, 0x01, 0x02],
      fPort: 5,
      data: { humidity: 41 },
      warning: 'unknown Elsys type 0x7f at byte offset 2',
    },
    {
      name: 'truncated value is an error naming the offset',
      decoder: ers,
      bytes: [0x01, 0x00],
      fPort: 5,
      error: 'at byte offset 1',
    },
    {
      name: 'acceleration axes are signed bytes',
      decoder: ers,
      bytes: [0x03, 0xff, 0x01, 0x80],
      fPort: 5,
      data: { x: -1, y: 1, z: -128 },
    },
    {
      name: 'pressure is thousandths of a hectopascal over four bytes',
      decoder: elt2,
      bytes: [0x14, 0x00, 0x0f, 0x6a, 0xed],
      fPort: 5,
      data: { pressure: 1010.413 },
    },
    {
      name: 'an element that is not a byte is an error naming it',
      decoder: ers,
      bytes: [0x01, 0x00, 0xe2, 0x02, 256],
      fPort: 5,
      error: 'bytes[4]',
    },
    {
      name: 'empty payload is an error',
      decoder: ers,
      bytes: [],
      fPort: 5,
      error: 'empty payload',
    },
  ];

  for (const c of cases) {
    it(c.name, () => expectCase(c.decoder.decodeUplink({ bytes: c.bytes, fPort: c.fPort }), c));
  }

  it('grideye frame gives 64 temperatures around the reference', () => {
    const bytes = [0x13, 20, ...Array.from({ length: 64 }, (_, i) => i)];
    const result = elt2.decodeUplink({ bytes, fPort: 5 });
    expect('data' in result && result.data.grideye?.length).toBe(64);
    expect('data' in result && result.data.grideye?.[10]).toBeCloseTo(21);
  });

  // number[] input of the common types is read in place by a reader of its own; the same bytes
  // as a Uint8Array take the checked reader, and both must give the same result.
  it('number[] and Uint8Array input decode alike, field by field', () => {
    const sizes: Record<number, number> = {
      1: 2,
      2: 1,
      3: 3,
      4: 2,
      5: 1,
      6: 2,
      7: 2,
      8: 2,
      9: 6,
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
    const field = fc.constantFrom(...Object.keys(sizes).map(Number)).chain((type) =>
      fc
        .array(fc.integer({ min: 0, max: 255 }), {
          minLength: sizes[type] as number,
          maxLength: sizes[type] as number,
        })
        .map((value) => [type, ...value]),
    );
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 6 }), fc.nat(3), (fields, cut) => {
        const bytes = fields.flat();
        // Sometimes cut short, so that the short-payload answer is compared too.
        const given = cut === 0 ? bytes.slice(0, -1) : bytes;
        for (const d of Object.values(decoders)) {
          const fromArray = d.decodeUplink({ bytes: given, fPort: 5 });
          expect(fromArray).toEqual(d.decodeUplink({ bytes: Uint8Array.from(given), fPort: 5 }));
        }
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('keys every decoder by its catalog id', () => {
    for (const [id, d] of Object.entries(decoders)) expect(d.info.id).toBe(id);
  });
});

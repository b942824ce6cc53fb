import { dl5tm, dlLp8p, dlMbx } from '@smartcitylab/decoders/decentlab';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeWithFixtures } from '../../../../test-support/fixtures.js';
import { type Case, expectCase } from '../support/expect-decoded.js';
import { expectInputKindsAlikeWithZeros, fixturePayloads, NOT_BYTES } from './support.js';

describe('decentlab', () => {
  const cases: (Case & { decoder: typeof dl5tm })[] = [
    {
      name: 'only the sensor groups flagged present are read',
      decoder: dlMbx,
      bytes: [0x02, 0x01, 0x2f, 0x00, 0x01, 0x04, 0xd2, 0x00, 0x05],
      fPort: 1,
      data: {
        protocol_version: 2,
        device_id: 303,
        distance: { displayName: 'Distance', unit: 'mm', value: 1234 },
        number_of_valid_samples: { displayName: 'Number of valid samples', unit: null, value: 5 },
      },
    },
    {
      name: 'no groups flagged gives the header only',
      decoder: dl5tm,
      bytes: [0x02, 0x00, 0x07, 0x00, 0x00],
      fPort: 1,
      data: { protocol_version: 2, device_id: 7 },
    },
    {
      name: 'other protocol versions are refused',
      decoder: dl5tm,
      bytes: [0x01, 0x02, 0x3b, 0x00, 0x02, 0x0c, 0x60],
      fPort: 1,
      error: 'protocol version 1 is not supported',
    },
    {
      name: 'a flagged group cut short is an error',
      decoder: dl5tm,
      bytes: [0x02, 0x02, 0x3b, 0x00, 0x03, 0x00, 0x37],
      fPort: 1,
      error: 'at byte offset 7',
    },
    {
      name: 'header cut short is an error',
      decoder: dl5tm,
      bytes: [0x02, 0x02],
      fPort: 1,
      error: 'offset 1',
    },
  ];
  for (const c of cases) {
    it(c.name, () => expectCase(c.decoder.decodeUplink({ bytes: c.bytes, fPort: c.fPort }), c));
  }
});

// Frames of every sensor group, or of the battery alone, take a fast path that reads number[]
// in place; other frames, and arrays with an element that is not a byte, the group table.
describe('decentlab input kinds', () => {
  const models = [
    { decoder: dl5tm, model: 'dl-5tm', words: 3 },
    { decoder: dlLp8p, model: 'dl-lp8p', words: 13 },
    { decoder: dlMbx, model: 'dl-mbx', words: 3 },
  ] as const;

  describeWithFixtures('on the fixture vectors', 'decoders/decentlab', () => {
    for (const { decoder, model } of models) {
      it(`${model}: number[] and Uint8Array decode alike, bad elements are errors`, () => {
        for (const { bytes, fPort } of fixturePayloads('decentlab', model)) {
          for (const [k, value] of NOT_BYTES.entries()) {
            expectInputKindsAlikeWithZeros(decoder, bytes, fPort, k * 7, value);
          }
        }
      });
    }
  });

  it('number[] and Uint8Array decode random frames alike', () => {
    // Zeros often: each one, written as -0, sends the same bytes down the group table.
    const byte = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 255 }));
    const word = fc.tuple(byte, byte);
    fc.assert(
      fc.property(
        fc.constantFrom(...models),
        fc.oneof(fc.constantFrom(0, 1, 2, 3, 8, 15, 0xffff), fc.integer({ min: 0, max: 0xffff })),
        fc.array(word, { minLength: 0, maxLength: 16 }),
        fc.integer({ min: -3, max: 2 }),
        fc.nat(),
        fc.constantFrom(...NOT_BYTES),
        ({ decoder }, flags, words, cut, at, value) => {
          const frame = [0x02, 0x01, 0x2f, flags >> 8, flags & 0xff, ...words.flat()];
          const bytes = cut < 0 ? frame.slice(0, cut) : frame;
          expectInputKindsAlikeWithZeros(decoder, bytes, 1, at, value);
        },
      ),
      { numRuns: 1000, seed: 3 },
    );
  });

  // A frame of the first group alone is no fast-path layout, so the group table decodes it.
  it('the fast path computes the volumetric water content of every permittivity word', () => {
    for (let w = 0; w <= 0xffff; w++) {
      const fast = dl5tm.decodeUplink({
        bytes: [0x02, 0x00, 0x3b, 0x00, 0x03, w >> 8, w & 0xff, 0x02, 0x71, 0x0c, 0x60],
        fPort: 1,
      });
      const table = dl5tm.decodeUplink({
        bytes: [0x02, 0x00, 0x3b, 0x00, 0x01, w >> 8, w & 0xff, 0x02, 0x71],
        fPort: 1,
      });
      if ('data' in fast && 'data' in table) {
        expect(fast.data.volumetric_water_content).toEqual(table.data.volumetric_water_content);
      } else expect.unreachable('both frames decode');
    }
  });

  // Full frames are fast-path layouts; each group flagged alone (but the battery) is not, so the
  // group table decodes those, and together they must give the same object, keys in order.
  it('the fast path decodes full frames as the group table decodes each group', () => {
    const byte = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 255 }));
    fc.assert(
      fc.property(
        fc.constantFrom(...models),
        fc.array(byte, { minLength: 26, maxLength: 26 }),
        ({ decoder, words }, bytes) => {
          const groups = words === 13 ? [2, 2, 8, 1] : [2, 1];
          const all = (1 << groups.length) - 1;
          const full = decoder.decodeUplink({
            bytes: [0x02, 0x01, 0x2f, 0x00, all, ...bytes.slice(0, 2 * words)],
            fPort: 1,
          });
          let want: Record<string, unknown> = {};
          let at = 0;
          for (const [g, size] of groups.entries()) {
            const part = decoder.decodeUplink({
              bytes: [0x02, 0x01, 0x2f, 0x00, 1 << g, ...bytes.slice(at, at + 2 * size)],
              fPort: 1,
            });
            at += 2 * size;
            if (!('data' in part)) return expect.unreachable('each group decodes');
            want = { ...want, ...part.data };
          }
          expect(full).toEqual({ data: want });
          expect(JSON.stringify(full)).toBe(JSON.stringify({ data: want }));
        },
      ),
      { numRuns: 500, seed: 4 },
    );
  });

  it('fixture-sized frames still decode when flagged with unused high bits', () => {
    const r = dlMbx.decodeUplink({
      bytes: [0x02, 0x01, 0x2f, 0x80, 0x03, 0x04, 0xd2, 0x00, 0x01, 0x0b, 0xb1],
      fPort: 1,
    });
    expect(r).toEqual({
      data: {
        protocol_version: 2,
        device_id: 303,
        distance: { displayName: 'Distance', unit: 'mm', value: 1234 },
        number_of_valid_samples: { displayName: 'Number of valid samples', unit: null, value: 1 },
        battery_voltage: { displayName: 'Battery voltage', unit: 'V', value: 2.993 },
      },
    });
  });
});

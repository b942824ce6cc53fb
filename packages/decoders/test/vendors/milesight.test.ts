import {
  am307,
  am319,
  em300Th,
  em310Udl,
  em500Co2,
  em500Udl,
  ws101,
  ws301,
} from '@smartcitylab/decoders/milesight';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeWithFixtures } from '../../../../test-support/fixtures.js';
import { type Case, expectCase } from '../support/expect-decoded.js';
import { expectInputKindsAlikeWithZeros, fixturePayloads, NOT_BYTES } from './support.js';

describe('milesight', () => {
  const cases: (Case & { decoder: typeof ws301 })[] = [
    {
      name: 'a switch state after device information decodes both',
      decoder: ws301,
      bytes: [0xff, 0x01, 0x01, 0x03, 0x00, 0x01],
      fPort: 85,
      data: { ipso_version: 'v0.1', door: 'open' },
    },
    {
      name: 'a -0 in number[] input reads as 0',
      decoder: ws101,
      bytes: [0x01, 0x75, -0],
      fPort: 85,
      data: { battery: 0 },
    },
    {
      name: 'a two-byte distance cut short is an error',
      decoder: em500Udl,
      bytes: [0x01, 0x75, 0x64, 0x03, 0x82, 0x1e],
      fPort: 85,
      error: 'at byte offset 5',
    },
    {
      name: 'a pair the fast path does not know still decodes',
      decoder: em310Udl,
      bytes: [0x03, 0x82, 0x44, 0x08, 0xff, 0x0b, 0xff],
      fPort: 85,
      data: { distance: 2116, device_status: 'on' },
    },
    {
      name: 'negative temperature is signed little-endian tenths',
      decoder: em300Th,
      bytes: [0x03, 0x67, 0x9c, 0xff],
      fPort: 85,
      data: { temperature: -10 },
    },
    {
      name: 'device information channels after join',
      decoder: ws301,
      bytes: [
        0xff, 0x01, 0x01, 0xff, 0x09, 0x01, 0x40, 0xff, 0x0a, 0x01, 0x14, 0xff, 0x0b, 0xff, 0xff,
        0x0f, 0x00,
      ],
      fPort: 85,
      data: {
        ipso_version: 'v0.1',
        hardware_version: 'v1.4',
        firmware_version: 'v1.14',
        device_status: 'on',
        lorawan_class: 'Class A',
      },
    },
    {
      name: 'serial number, TSL version and reset event',
      decoder: ws101,
      bytes: [
        0xff, 0x16, 0x67, 0x45, 0x23, 0x01, 0xab, 0xcd, 0xef, 0x00, 0xff, 0xff, 0x01, 0x02, 0xff,
        0xfe, 0xff,
      ],
      fPort: 85,
      data: { sn: '67452301abcdef00', tsl_version: 'v1.2', reset_event: 'reset' },
    },
    {
      name: 'button long and double press',
      decoder: ws101,
      bytes: [0xff, 0x2e, 0x03],
      fPort: 85,
      data: { button: 'double' },
    },
    {
      name: 'door closed, installed',
      decoder: ws301,
      bytes: [0x03, 0x00, 0x00, 0x04, 0x00, 0x00],
      fPort: 85,
      data: { door: 'close', install: 'yes' },
    },
    {
      name: 'out-of-range enumeration is reported, not guessed',
      decoder: em310Udl,
      bytes: [0x04, 0x00, 0x07],
      fPort: 85,
      data: { tilt: 'unknown(7)' },
    },
    {
      name: 'ozone and buzzer channels of the AM319',
      decoder: am319,
      bytes: [0x0d, 0x7d, 0x0a, 0x00, 0x0e, 0x01, 0x01],
      fPort: 85,
      data: { o3: 0.1, beep: 'yes' },
    },
    {
      name: 'an AM307 warns about a pair it does not know and keeps what came before',
      decoder: am307,
      bytes: [0x01, 0x75, 0x5c, 0x05, 0x6a, 0x49, 0x00],
      fPort: 85,
      data: { battery: 92 },
      warning: 'unknown channel 0x05 type 0x6a at byte offset 3; the remaining 4 byte(s)',
    },
    {
      name: 'an AM307 warns about a distance pair, which only the EM310/EM500-UDL know',
      decoder: am307,
      bytes: [0x03, 0x82, 0x44, 0x08],
      fPort: 85,
      data: {},
      warning: 'unknown channel 0x03 type 0x82 at byte offset 0',
    },
    {
      name: 'an element that is not a byte after an unknown pair is still an error',
      decoder: am307,
      bytes: [0x01, 0x75, 0x5c, 0x05, 0x6a, 0x49, 300],
      fPort: 85,
      error: 'bytes[6]',
    },
    {
      name: 'EM500-CO2 carbon dioxide and pressure, then device information',
      decoder: em500Co2,
      bytes: [0x05, 0x7d, 0x67, 0x04, 0x06, 0x73, 0x66, 0x27, 0xff, 0x0b, 0xff],
      fPort: 85,
      data: { co2: 1127, pressure: 1008.6, device_status: 'on' },
    },
    {
      name: 'unknown channel stops decoding with a warning',
      decoder: em300Th,
      bytes: [0x01, 0x75, 0x64, 0x20, 0xce, 0x00, 0x00],
      fPort: 85,
      data: { battery: 100 },
      warning: 'unknown channel 0x20 type 0xce at byte offset 3',
    },
    {
      name: 'truncated value is an error',
      decoder: em300Th,
      bytes: [0x03, 0x67, 0x9c],
      fPort: 85,
      error: 'at byte offset 2',
    },
    {
      name: 'lone channel byte is an error',
      decoder: em300Th,
      bytes: [0x03],
      fPort: 85,
      error: 'at byte offset 1',
    },
    {
      name: 'empty payload is an error',
      decoder: ws101,
      bytes: [],
      fPort: 85,
      error: 'empty payload',
    },
  ];
  for (const c of cases) {
    it(c.name, () => expectCase(c.decoder.decodeUplink({ bytes: c.bytes, fPort: c.fPort }), c));
  }

  // number[] input of the ambience models is read in place by a reader of its own; the same
  // bytes as a Uint8Array take the checked reader, and both must give the same result.
  it('ambience models decode number[] and Uint8Array input alike', () => {
    const pairs = [
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
      [0x20, 0xce, 1],
    ] as const;
    const field = fc
      .constantFrom(...pairs)
      .chain(([channel, type, size]) =>
        fc
          .array(fc.integer({ min: 0, max: 255 }), { minLength: size, maxLength: size })
          .map((value) => [channel, type, ...value]),
      );
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 6 }), fc.nat(3), (fields, cut) => {
        const bytes = fields.flat();
        const given = cut === 0 ? bytes.slice(0, -1) : bytes;
        for (const d of [am307, am319, em500Co2]) {
          const fromArray = d.decodeUplink({ bytes: given, fPort: 85 });
          expect(fromArray).toEqual(d.decodeUplink({ bytes: Uint8Array.from(given), fPort: 85 }));
        }
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});

// Each model's periodic frame (with or without the battery pair in front) takes a fast path that
// reads number[] in place; everything else the pair loop or the checked path.
describe('milesight input kinds', () => {
  // Zeros often: each one, written as -0, sends the same bytes down the checked path.
  const byte = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 255 }));
  const models = [
    {
      decoder: em300Th,
      model: 'em300-th',
      pairs: [
        [0x03, 0x67, 2],
        [0x04, 0x68, 1],
      ],
    },
    {
      decoder: em310Udl,
      model: 'em310-udl',
      pairs: [
        [0x03, 0x82, 2],
        [0x04, 0x00, 1],
      ],
    },
    { decoder: em500Udl, model: 'em500-udl', pairs: [[0x03, 0x82, 2]] },
    {
      decoder: em500Co2,
      model: 'em500-co2',
      pairs: [
        [0x03, 0x67, 2],
        [0x04, 0x68, 1],
        [0x05, 0x7d, 2],
        [0x06, 0x73, 2],
      ],
    },
    {
      decoder: am319,
      model: 'am319',
      pairs: [
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
      ],
    },
  ] as const;

  describeWithFixtures('on the fixture vectors', 'decoders/milesight-iot', () => {
    for (const { decoder, model } of models) {
      it(`${model}: number[] and Uint8Array decode alike, bad elements are errors`, () => {
        for (const { bytes, fPort } of fixturePayloads('milesight-iot', model)) {
          for (const [k, value] of NOT_BYTES.entries()) {
            expectInputKindsAlikeWithZeros(decoder, bytes, fPort, k * 5, value);
          }
        }
      });
    }
  });

  it('number[] and Uint8Array decode random periodic frames alike, also when altered', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...models),
        fc.boolean(),
        fc.array(byte, { minLength: 40, maxLength: 40 }),
        fc.option(fc.tuple(fc.nat(), byte), { freq: 2 }),
        fc.integer({ min: -2, max: 2 }),
        fc.nat(),
        fc.constantFrom(...NOT_BYTES),
        ({ decoder, pairs }, battery, values, altered, cut, at, value) => {
          const frame: number[] = battery ? [0x01, 0x75, values[0] as number] : [];
          let k = 1;
          for (const [channel, type, size] of pairs) {
            frame.push(channel, type, ...values.slice(k, k + size));
            k += size;
          }
          if (altered !== null) frame[altered[0] % frame.length] = altered[1];
          const bytes = cut < 0 ? frame.slice(0, cut) : cut > 0 ? [...frame, 0x01, 0x75, 9] : frame;
          expectInputKindsAlikeWithZeros(decoder, bytes, 85, at, value);
        },
      ),
      { numRuns: 1500, seed: 9 },
    );
  });

  it('a periodic frame with a negative temperature and the battery in front', () => {
    const r = em500Co2.decodeUplink({
      bytes: [
        0x01, 0x75, 0x5c, 0x03, 0x67, 0x9c, 0xff, 0x04, 0x68, 0x65, 0x05, 0x7d, 0x67, 0x04, 0x06,
        0x73, 0x68, 0x27,
      ],
      fPort: 85,
    });
    expect(r).toEqual({
      data: { battery: 92, temperature: -10, humidity: 50.5, co2: 1127, pressure: 1008.8 },
    });
    expect(Object.keys('data' in r ? r.data : {})).toEqual([
      'battery',
      'temperature',
      'humidity',
      'co2',
      'pressure',
    ]);
  });
});

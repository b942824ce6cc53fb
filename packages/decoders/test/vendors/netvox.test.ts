import { decoders, r311a, r718a, r718b } from '@smartcitylab/decoders/netvox';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Case, expectCase } from '../support/expect-decoded.js';
import { describeInputKinds, type Frame } from './support.js';

const frame = (...head: number[]): number[] => [...head, ...Array(11 - head.length).fill(0)];

describe('netvox', () => {
  const cases: (Case & { decoder: typeof r311a })[] = [
    {
      name: 'R718A status with negative temperature in hundredths',
      decoder: r718a,
      bytes: frame(0x01, 0x0b, 0x01, 0x24, 0xfc, 0x18, 0x13, 0x88),
      fPort: 6,
      data: { Device: 'R718A', Volt: 3.6, Temp: -10, Humi: 50 },
    },
    {
      name: 'low-battery bit is reported separately from the voltage',
      decoder: r311a,
      bytes: frame(0x01, 0x02, 0x01, 0x9e, 0x00),
      fPort: 6,
      data: { Device: 'R311A', Volt: 3, LowBattery: true, OnOff: 0 },
    },
    {
      name: 'R718B negative probe temperature in tenths',
      decoder: r718b,
      bytes: frame(0x01, 0x95, 0x01, 0x24, 0xff, 0x9c),
      fPort: 6,
      data: { Device: 'R718B', Volt: 3.6, Temp: -10 },
    },
    {
      name: 'failed configuration response',
      decoder: r718a,
      bytes: frame(0x81, 0x0b, 0x01),
      fPort: 7,
      data: { Device: 'R718A', Cmd: 'ConfigReportRsp', Status: 'Failure' },
    },
    {
      name: 'negative calibration delta',
      decoder: r718b,
      bytes: frame(0x82, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0xff, 0xf6),
      fPort: 14,
      data: {
        Cmd: 'GetGlobalCalibrateRsp',
        SensorType: 'Temperature',
        Channel: 1,
        Multiplier: 1,
        Divisor: 1,
        DeltValue: -10,
      },
    },
    {
      name: 'calibration port is unknown on models without calibration',
      decoder: r718a,
      bytes: frame(0x83),
      fPort: 14,
      error: 'unknown FPort',
    },
    {
      name: 'unknown report type',
      decoder: r718a,
      bytes: frame(0x01, 0x0b, 0x07),
      fPort: 6,
      error: 'unknown report type 0x07',
    },
    {
      name: 'unknown command',
      decoder: r718a,
      bytes: frame(0x05, 0x0b),
      fPort: 7,
      error: 'unknown configuration command 0x05',
    },
    {
      name: 'truncated version report',
      decoder: r311a,
      bytes: [0x01, 0x02, 0x00, 0x64, 0x0b, 0x20],
      fPort: 6,
      error: 'at byte offset 8',
    },
    { name: 'unknown fPort', decoder: r311a, bytes: frame(0x01), fPort: 1, error: 'unknown FPort' },
  ];
  for (const c of cases) {
    it(c.name, () => expectCase(c.decoder.decodeUplink({ bytes: c.bytes, fPort: c.fPort }), c));
  }
});

// Frames shaped like the devices' own (command or version byte, a model's type byte, report type)
// around random readings, on the ports the devices use and one they do not; some a byte or two
// short or long, so that the fast path's length checks are crossed.
const frames: fc.Arbitrary<Frame> = fc
  .record({
    head: fc.constantFrom(0x00, 0x01, 0x05, 0x81, 0x82, 0x83),
    type: fc.constantFrom(0x00, 0x01, 0x02, 0x0b, 0x13, 0x95),
    report: fc.constantFrom(0x00, 0x01, 0x02),
    rest: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 8, maxLength: 8 }),
    delta: fc.constantFrom(0, 0, 0, -2, -1, 1),
    fPort: fc.constantFrom(6, 7, 14, 1),
  })
  .map(({ head, type, report, rest, delta, fPort }) => {
    const bytes = [head, type, report, ...rest];
    return {
      bytes: delta < 0 ? bytes.slice(0, delta) : [...bytes, ...Array(delta).fill(0)],
      fPort,
    };
  });

describeInputKinds(
  'netvox',
  [
    ['netvox/r311a', 'r311a.json'],
    ['netvox/r718a', 'r718a.json'],
    ['netvox/r718b', 'r718b.json'],
  ],
  decoders,
  frames,
);

describe('netvox fast path', () => {
  // An 11-byte frame is read into locals; the same frame with a 12th byte (which no reader
  // looks at) takes the checked path, and both must give the same result.
  it('agrees with the checked path on 11-byte frames', () => {
    fc.assert(
      fc.property(
        frames.filter((f) => f.bytes.length === 11),
        (f) => {
          for (const d of Object.values(decoders)) {
            const fast = d.decodeUplink(f);
            const checked = d.decodeUplink({ bytes: [...f.bytes, 0], fPort: f.fPort });
            expect(fast).toStrictEqual(checked);
            expect(JSON.stringify(fast)).toBe(JSON.stringify(checked));
          }
        },
      ),
      { numRuns: 1000, seed: 11 },
    );
  });
});

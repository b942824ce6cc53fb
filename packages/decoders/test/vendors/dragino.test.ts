import { decoders, lht65, lsn50V2 } from '@smartcitylab/decoders/dragino';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Case, expectCase } from '../support/expect-decoded.js';
import { describeInputKinds, type Frame } from './support.js';

describe('dragino', () => {
  const cases: (Case & { decoder: typeof lht65 })[] = [
    {
      name: 'LHT65 without external sensor',
      decoder: lht65,
      bytes: [0xcb, 0xf6, 0xfc, 0x18, 0x01, 0xf4, 0x00, 0x7f, 0xff, 0x7f, 0xff],
      fPort: 2,
      data: {
        BatV: 3.062,
        Bat_status: 3,
        TempC_SHT: -10,
        Hum_SHT: 50,
        Ext_sensor: 'No external sensor',
      },
    },
    {
      name: 'LHT65 external probe unplugged reads null',
      decoder: lht65,
      bytes: [0xcb, 0xf6, 0x0b, 0x0d, 0x03, 0x76, 0x81, 0x7f, 0xff, 0x7f, 0xff],
      fPort: 2,
      data: {
        BatV: 3.062,
        Bat_status: 3,
        TempC_SHT: 28.29,
        Hum_SHT: 88.6,
        No_connect: 'Sensor no connection',
        Ext_sensor: 'Temperature Sensor',
        TempC_DS: null,
      },
    },
    {
      name: 'LHT65 illumination probe',
      decoder: lht65,
      bytes: [0x0b, 0xb8, 0x08, 0x98, 0x01, 0xf4, 0x05, 0x01, 0x2c, 0x00, 0x00],
      fPort: 2,
      data: {
        BatV: 3,
        Bat_status: 0,
        TempC_SHT: 22,
        Hum_SHT: 50,
        Work_mode: 'Illumination Sensor',
        ILL_lx: 300,
      },
    },
    {
      name: 'LHT65 unsupported external type warns',
      decoder: lht65,
      bytes: [0x0b, 0xb8, 0x08, 0x98, 0x01, 0xf4, 0x0c, 0, 0, 0, 0],
      fPort: 2,
      data: { BatV: 3, Bat_status: 0, TempC_SHT: 22, Hum_SHT: 50 },
      warning: 'external sensor type 12',
    },
    {
      name: 'LHT65 DS18B20 with timestamp carries the probe in the battery field',
      decoder: lht65,
      bytes: [0x0a, 0xdd, 0x0b, 0x0d, 0xc3, 0x76, 0x09, 0x65, 0x00, 0x00, 0x00],
      fPort: 2,
      data: {
        TempC_DS: 27.81,
        Bat_status: 3,
        TempC_SHT: 28.29,
        Hum_SHT: 88.6,
        Work_mode: 'DS18B20 & timestamp',
        Systimestamp: 0x65000000,
      },
    },
    {
      name: 'LHT65 probe id report',
      decoder: lht65,
      bytes: [0xcb, 0xf6, 0x28, 0xff, 0x64, 0x1e, 0x0f, 0x81, 0x60, 0x03, 0x2c],
      fPort: 2,
      data: { BatV: 3.062, Bat_status: 3, Work_mode: 'DS18B20ID', ID: '28ff641e8160032c' },
    },
    {
      name: 'LHT65 short frame',
      decoder: lht65,
      bytes: [0xcb, 0xf6, 0x0b],
      fPort: 2,
      error: 'at byte offset 10',
    },
    {
      name: 'LSN50 distance mode',
      decoder: lsn50V2,
      bytes: [0x0c, 0xe4, 0x00, 0xe1, 0x00, 0x10, 0x04 | 0x80, 0x04, 0xd2, 0xff, 0xff],
      fPort: 2,
      data: {
        Work_mode: 'Distance',
        Digital_IStatus: 'L',
        BatV: 3.3,
        TempC1: 22.5,
        ADC_CH0V: 0.016,
        EXTI_Trigger: 'FALSE',
        Door_status: 'CLOSE',
        Distance_cm: 123.4,
      },
    },
    {
      name: 'LSN50 counting mode',
      decoder: lsn50V2,
      bytes: [0x0c, 0xe4, 0x7f, 0xff, 0x00, 0x10, 0x14, 0x00, 0x01, 0x00, 0x00],
      fPort: 2,
      data: {
        Work_mode: '1Count',
        Digital_IStatus: 'L',
        BatV: 3.3,
        TempC1: null,
        ADC_CH0V: 0.016,
        Count: 65536,
      },
    },
    {
      name: 'LSN50 configuration report',
      decoder: lsn50V2,
      bytes: [0x01, 0xff, 0x01, 0x25, 0x00, 0x04, 0xb0],
      fPort: 5,
      data: { freq_band: 'EU868', sub_band: null, firm_ver: '1.2.5', tdc_time: 1200 },
    },
    {
      name: 'LSN50 unknown working mode',
      decoder: lsn50V2,
      bytes: [0x0c, 0xe4, 0, 0, 0, 0, 0x7c, 0, 0, 0, 0],
      fPort: 2,
      error: 'working mode 31 is not known',
    },
    {
      name: 'LSN50 unknown fPort',
      decoder: lsn50V2,
      bytes: [0x01],
      fPort: 3,
      error: 'unknown FPort',
    },
  ];
  for (const c of cases) {
    it(c.name, () => expectCase(c.decoder.decodeUplink({ bytes: c.bytes, fPort: c.fPort }), c));
  }
});

// Frames with every LHT65 ext byte the fast path reads (and a few it leaves alone), and every
// LSN50 working mode, with or without the interrupt and door bits (byte 6 carries both); sensor
// words often at the "no reading" and "light sensor" values; on fPort 2, the LSN50's
// configuration port 5 and a port neither uses; some a byte or two short or long.
const frames: fc.Arbitrary<Frame> = fc
  .record({
    head: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 }),
    ext: fc.oneof(
      fc.constantFrom(0, 1, 2, 4, 5, 6, 7, 8, 9, 15, 0x81),
      fc.integer({ min: 0, max: 31 }).map((mode) => mode << 2),
      fc.integer({ min: 0, max: 255 }),
    ),
    words: fc.array(fc.constantFrom(0x0000, 0x7fff, 0xffff, 0x00fd, 0xff38, 0x1234), {
      minLength: 3,
      maxLength: 3,
    }),
    delta: fc.constantFrom(0, 0, 0, -2, -1, 1, 6),
    fPort: fc.constantFrom(2, 2, 5, 3),
  })
  .map(({ head, ext, words, delta, fPort }) => {
    const bytes = [...head, ext, ...words.flatMap((w) => [w >> 8, w & 0xff])].slice(0, 11);
    return {
      bytes: delta < 0 ? bytes.slice(0, delta) : [...bytes, ...Array(delta).fill(7)],
      fPort,
    };
  });

describeInputKinds(
  'dragino',
  [
    ['dragino/lht65', 'lht65.json'],
    ['dragino/lsn50-v2', 'lsn50-v2.json'],
  ],
  decoders,
  frames,
);

describe('dragino fast path', () => {
  // An 11-byte fPort 2 frame is read into locals; the same frame with a 12th byte takes the
  // checked path. Where the fast path gives data (the modes that read 11 bytes), both agree.
  it('agrees with the checked path on 11-byte frames', () => {
    fc.assert(
      fc.property(
        frames.filter((f) => f.bytes.length === 11),
        (f) => {
          for (const d of Object.values(decoders)) {
            const fast = d.decodeUplink(f);
            const checked = d.decodeUplink({ bytes: [...f.bytes, 0], fPort: f.fPort });
            if (!('data' in fast)) continue;
            expect(fast).toStrictEqual(checked);
            expect(JSON.stringify(fast)).toBe(JSON.stringify(checked));
          }
        },
      ),
      { numRuns: 2000, seed: 13 },
    );
  });
});

import { tbdw100, tbhh100, tbms100 } from '@smartcitylab/decoders/browan';
import { describe, it } from 'vitest';
import { type Case, expectCase } from '../support/expect-decoded.js';

describe('browan', () => {
  const cases: (Case & { decoder: typeof tbdw100 | typeof tbhh100 })[] = [
    {
      name: 'door open with a sub-zero board temperature',
      decoder: tbdw100,
      bytes: [0x01, 0x00, 0x16, 0x05, 0x00, 0x01, 0x00, 0x00],
      fPort: 100,
      data: { status: 1, battery: 2.5, temperatureBoard: -10, time: 5, count: 1 },
    },
    {
      name: 'motion free',
      decoder: tbms100,
      bytes: [0x00, 0x0f, 0x40, 0x00, 0x01, 0xff, 0xff, 0xff],
      fPort: 102,
      data: { status: 0, battery: 4, temperatureBoard: 32, time: 256, count: 16777215 },
    },
    {
      name: 'short frame is an error',
      decoder: tbdw100,
      bytes: [0x01, 0xcb, 0x35],
      fPort: 100,
      error: 'at byte offset 3',
    },
    {
      name: 'climate frame cut short',
      decoder: tbhh100,
      bytes: [0x08, 0xab],
      fPort: 103,
      error: 'at byte offset 2',
    },
    {
      name: 'motion sensor on the door port',
      decoder: tbms100,
      bytes: [0x01],
      fPort: 100,
      error: 'unknown FPort',
    },
    {
      name: 'a -0 in number[] input reads as 0',
      decoder: tbhh100,
      bytes: [-0, 0xab, 0x35, 0x22],
      fPort: 103,
      data: { status: 0, battery: 3.6, temperature: 21, humidity: 34 },
    },
    {
      name: 'a bad byte on another fPort is an input error, not an unknown fPort',
      decoder: tbdw100,
      bytes: [0x01, 300],
      fPort: 42,
      error: 'bytes[1] must be an integer 0-255, got 300',
    },
  ];
  for (const c of cases) {
    it(c.name, () => expectCase(c.decoder.decodeUplink({ bytes: c.bytes, fPort: c.fPort }), c));
  }
});

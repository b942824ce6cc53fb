import { dl5tm, dlMbx } from '@smartcitylab/decoders/decentlab';
import { describe, it } from 'vitest';
import { type Case, expectCase } from '../support/expect-decoded.js';

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

import { t00061xxSmartRoomSensor as srs } from '@smartcitylab/decoders/tektelic';
import { describe, it } from 'vitest';
import { type Case, expectCase } from '../support/expect-decoded.js';

describe('tektelic smart room sensor', () => {
  const cases: Case[] = [
    {
      name: 'acceleration vector and MCU temperature',
      bytes: [0x07, 0x71, 0x00, 0x10, 0xff, 0xf0, 0x03, 0xe8, 0x0b, 0x67, 0xff, 0x9c],
      fPort: 10,
      data: {
        port: '10',
        raw: '[07, 71, 00, 10, FF, F0, 03, E8, 0B, 67, FF, 9C]',
        Acceleration: { x: 0.016, y: -0.016, z: 1 },
        mcu_temperature: -10,
      },
    },
    {
      name: 'signed battery voltage channel in hundredths',
      bytes: [0x00, 0xff, 0x01, 0x2c, 0x0d, 0x04, 0x00, 0x07],
      fPort: 10,
      data: {
        port: '10',
        raw: '[00, FF, 01, 2C, 0D, 04, 00, 07]',
        battery_voltage: 3,
        motion_event_count: 7,
      },
    },
    {
      name: 'unknown channel stops with a warning',
      bytes: [0x02, 0x00, 0x00, 0x42, 0x42, 0x01],
      fPort: 10,
      data: { port: '10', raw: '[02, 00, 00, 42, 42, 01]', light_detected: 0 },
      warning: 'unknown channel 0x42 type 0x42 at byte offset 3',
    },
    { name: 'truncated value', bytes: [0x03, 0x67, 0x01], fPort: 10, error: 'at byte offset 2' },
    { name: 'empty payload', bytes: [], fPort: 10, error: 'empty payload' },
    {
      name: 'configuration port is not decoded',
      bytes: [0x00],
      fPort: 100,
      error: 'unknown FPort',
    },
  ];
  for (const c of cases) {
    it(c.name, () => expectCase(srs.decodeUplink({ bytes: c.bytes, fPort: c.fPort }), c));
  }
});

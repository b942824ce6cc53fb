import { lht65, lsn50V2 } from '@smartcitylab/decoders/dragino';
import { describe, it } from 'vitest';
import { type Case, expectCase } from '../support/expect-decoded.js';

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

import { strips } from '@smartcitylab/decoders/sensative';
import { describe, it } from 'vitest';
import { type Case, expectCase } from '../support/expect-decoded.js';

describe('sensative strips', () => {
  const cases: Case[] = [
    {
      name: 'history reports (bit 7) count down prevHistSeqNr',
      bytes: [0x00, 0x10, 0x82, 0xff, 0x38, 0x89, 0x01],
      fPort: 1,
      data: {
        historySeqNr: 16,
        prevHistSeqNr: 14,
        temperature: { value: -20 },
        door: { value: true },
      },
    },
    {
      name: 'combined humidity and temperature report',
      bytes: [0x00, 0x01, 0x50, 0x50, 0x00, 0xd2],
      fPort: 1,
      data: {
        historySeqNr: 1,
        prevHistSeqNr: 1,
        humidity: { value: 40 },
        temperature: { value: 21 },
      },
    },
    {
      name: 'disinfect alarm state names',
      bytes: [0x00, 0x01, 0x16, 0x03, 0x12, 0x01, 0x11, 0x00, 0x2a],
      fPort: 1,
      data: {
        historySeqNr: 1,
        prevHistSeqNr: 1,
        disinfectAlarm: { value: 3, state: 'clean' },
        presence: { value: true },
        doorCount: { value: 42 },
      },
    },
    {
      name: 'modified build flag is the top bit',
      bytes: [0xff, 0xff, 0x6e, 0x80, 0x00, 0x00, 0x01, 0, 0, 0, 0],
      fPort: 2,
      data: { historySeqNr: 65535, prevHistSeqNr: 65535, buildId: { id: 1, modified: true } },
    },
    {
      name: 'unknown report type stops with a warning',
      bytes: [0xff, 0xff, 0x01, 0x50, 0x3f, 0x00],
      fPort: 1,
      data: { historySeqNr: 65535, prevHistSeqNr: 65535, battery: 80 },
      warning: 'unknown report type 0x3f at byte offset 4',
    },
    { name: 'one-byte frame is an error', bytes: [0xff], fPort: 1, error: 'needs at least 2' },
    {
      name: 'truncated temperature is an error',
      bytes: [0xff, 0xff, 0x02, 0x00],
      fPort: 1,
      error: 'at byte offset 3',
    },
    { name: 'unknown fPort is an error', bytes: [0xff, 0xff], fPort: 9, error: 'unknown FPort' },
  ];
  for (const c of cases) {
    it(c.name, () => expectCase(strips.decodeUplink({ bytes: c.bytes, fPort: c.fPort }), c));
  }
});

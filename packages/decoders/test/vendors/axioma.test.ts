import {
  createQalcosonicW1UniversalCodec,
  decoders,
  qalcosonicW1,
  qalcosonicW1Diwise,
  qalcosonicW1UniversalCodec,
} from '@smartcitylab/decoders/axioma';
import { describe, expect, it } from 'vitest';
import { describeArbitraryBytes, describeFixtureVectors, hex } from './support.js';

describeFixtureVectors(
  'axioma',
  [
    ['axioma/qalcosonic-w1', 'qalcosonic-w1.json'],
    ['axioma/qalcosonic-w1-universal-codec', 'qalcosonic-w1-universal-codec.json'],
    ['axioma/qalcosonic-w1-diwise', 'qalcosonic-w1-diwise.json'],
  ],
  decoders,
);

describeArbitraryBytes('axioma', decoders, 300);

const enhanced = (status: number, tail: Record<number, number> = {}): number[] => {
  const bytes = new Array<number>(51).fill(0);
  bytes[0] = 1;
  bytes[5] = status;
  for (const [i, b] of Object.entries(tail)) bytes[Number(i)] = b;
  return bytes;
};

const errorsOf = (result: { errors?: string[] } | object): string =>
  'errors' in result && Array.isArray(result.errors) ? result.errors.join() : '';

describe('axioma/qalcosonic-w1 (TTN shape)', () => {
  it.each([
    { name: 'burst', status: 0xa0, want: { burst: true, leakage: false, low_temperature: false } },
    { name: 'backflow', status: 0x60, want: { backflow: true, leakage: false } },
    { name: 'leakage', status: 0x20, want: { leakage: true, burst: false, backflow: false } },
    { name: 'empty pipe', status: 0x10, want: { pipe_empty: true, temporary_error: true } },
    { name: 'low battery', status: 0x04, want: { low_battery: true, pipe_empty: false } },
    { name: 'freeze', status: 0x80, want: { low_temperature: true, burst: false } },
  ])('decodes the status byte: $name', ({ status, want }) => {
    const result = qalcosonicW1.decodeUplink({ bytes: enhanced(status), fPort: 100 });
    expect(result).toMatchObject({ data: { status, ...want } });
  });

  it('adds the deltas to the log volume and warns on a non-zero history multiplier', () => {
    // Delta 1 = 5 litres (bits 0-13 after byte 10); multiplier bits 322-327 = byte 50 bits 2-7.
    const result = qalcosonicW1.decodeUplink({
      bytes: enhanced(0, { 6: 0xe8, 7: 0x03, 10: 0x05, 50: 0x04 }),
      fPort: 100,
    });
    expect(result).toMatchObject({
      data: {
        log_volume_m3: 1,
        delta_1_m3: 0.005,
        current_volume_m3: 1.005,
        history_multiplier: 1,
      },
      warnings: ['Non-zero history multiplier detected. Additional scaling may be required.'],
    });
  });

  it.each([
    { name: 'an unknown fPort', given: { bytes: enhanced(0), fPort: 103 }, want: /fPort 103/ },
    {
      name: 'a 50-byte frame',
      given: { bytes: enhanced(0).slice(1), fPort: 100 },
      want: /received 50/,
    },
    {
      name: 'frame version 2',
      given: { bytes: [2, ...enhanced(0).slice(1)], fPort: 100 },
      want: /version 0x02/,
    },
  ])('rejects $name', ({ given, want }) => {
    expect(errorsOf(qalcosonicW1.decodeUplink(given))).toMatch(want);
  });
});

describe('axioma/qalcosonic-w1-universal-codec', () => {
  const soraker =
    '01e6c84e630000aa0200000000a0002000064000f004f80006c000500000000040144004000004400250002000078000500000';

  it('writes curDateTime in Europe/Stockholm time by default (meter time 15:40:22 UTC)', () => {
    const result = qalcosonicW1UniversalCodec.decodeUplink({ bytes: hex(soraker), fPort: 100 });
    expect(result).toMatchObject({ data: { curDateTime: '2022-10-18 17:40:22', curVol: 174592 } });
  });

  it('writes curDateTime in the configured time zone, without zero padding', () => {
    const utc = createQalcosonicW1UniversalCodec({ timeZone: 'UTC' });
    const result = utc.decodeUplink({ bytes: hex(soraker), fPort: 100 });
    expect(result).toMatchObject({ data: { curDateTime: '2022-10-18 15:40:22' } });
    const bytes = enhanced(0, { 1: 0x05, 2: 0x00, 3: 0x00, 4: 0x00 }); // 1970-01-01 00:00:05
    expect(utc.decodeUplink({ bytes, fPort: 100 })).toMatchObject({
      data: { curDateTime: '1970-1-1 0:0:5' },
    });
  });

  it('rejects an unknown time zone when the decoder is created', () => {
    let thrown: unknown;
    try {
      createQalcosonicW1UniversalCodec({ timeZone: 'Mars/Olympus' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ name: 'DecoderError', code: 'InvalidOption' });
    expect(String(thrown)).toMatch(/Mars\/Olympus/);
  });

  it('rejects a frame that is not the enhanced 24-hour frame', () => {
    expect(
      errorsOf(qalcosonicW1UniversalCodec.decodeUplink({ bytes: hex('0102'), fPort: 100 })),
    ).toMatch(/51-byte enhanced.*received 2/);
  });
});

describe('axioma/qalcosonic-w1-diwise', () => {
  it.each([
    {
      name: 'tells W1T (temperature at byte 9) from W1E by the implausible log time',
      given:
        '55cb585f7cf29d0400120ae0fe575f8a570400cd04cb04cc04cd04ca04c404c504c404f004e604dc04d604b9057905',
      want: {
        Type: 'w1t',
        Timestamp: '2020-09-09T12:32:21.000Z',
        Temperature: 2578,
        Current: 302578,
        VolumesCount: 15,
      },
      first: { Timestamp: '2020-09-08T22:00:00.000Z', Cumulated: 284554, Delta: 0 },
    },
    {
      name: 'decodes W1E, the log time floored to the hour',
      given:
        '0ea0355d302935000054c0345de7290000b800b900b800b800b800b900b800b800b800b800b800b800b900b900b900',
      want: { Type: 'w1e', StatusCode: 48, Messages: ['Temporary error', 'Leak'], Current: 13609 },
      first: { Timestamp: '2019-07-21T19:00:00.000Z', Cumulated: 10727, Delta: 0 },
    },
    {
      name: 'decodes W1H, the base value logged at 01:00 UTC the day before',
      given:
        '011fbfd05e30cd0f0800d4879e41865c1b42470d7283b8201608fec181981dd007f3919460218247b631784c1c9e87b8e17600',
      want: { Type: 'w1h', FrameVersion: 1, Current: 573662, VolumesCount: 24 },
      first: { Timestamp: '2020-05-28T01:00:00.000Z', Cumulated: 528333, Delta: 0 },
    },
  ])('$name', ({ given, want, first }) => {
    const result = qalcosonicW1Diwise.decodeUplink({ bytes: hex(given), fPort: 100 });
    expect(result).toMatchObject({ data: want });
    if ('data' in result && result.data.Type !== 'alarm') {
      expect(result.data.Volumes[0]).toEqual(first);
      const last = result.data.Volumes.at(-1);
      const sum = result.data.Volumes.reduce((acc, v) => acc + v.Delta, first.Cumulated);
      expect(last?.Cumulated).toBe(sum);
    }
  });

  it.each([
    { name: 'unknown alarm code', given: '43b1315d88', want: { StatusCode: 136, Messages: [] } },
    { name: 'leak alarm', given: '43b1315d01', want: { StatusCode: 1, Messages: ['Leak'] } },
    { name: 'no error', given: '43b1315d00', want: { StatusCode: 0, Messages: ['No error'] } },
  ])('decodes the 5-byte alarm frame: $name', ({ given, want }) => {
    expect(qalcosonicW1Diwise.decodeUplink({ bytes: hex(given), fPort: 103 })).toEqual({
      data: { Type: 'alarm', Timestamp: '2019-07-19T12:02:11.000Z', ...want },
    });
  });

  it.each([
    {
      name: 'an unknown payload length',
      given: { bytes: hex('0102030405060708'), fPort: 100 },
      want: /length 8/,
    },
    { name: 'an unknown fPort', given: { bytes: hex('43b1315d88'), fPort: 5 }, want: /fPort 5/ },
  ])('rejects $name', ({ given, want }) => {
    expect(errorsOf(qalcosonicW1Diwise.decodeUplink(given))).toMatch(want);
  });
});

import { decoders, peopleCounter } from '@smartcitylab/decoders/imbuildings';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeArbitraryBytes,
  describeFixtureVectors,
  describeInputKinds,
  type Frame,
  hex,
} from './support.js';

describeFixtureVectors(
  'imbuildings',
  [['imbuildings/people-counter', 'people-counter.json']],
  decoders,
);

describeArbitraryBytes('imbuildings', decoders, 300);

// Frames with the header (each variant at its length, or a byte off) and without (on the ports
// that imply a variant, at each variant's length), with random ids and readings.
const LENGTHS = [19, 23, 15, 14, 13, 5, 4];
const frames: fc.Arbitrary<Frame> = fc
  .record({
    header: fc.boolean(),
    variant: fc.constantFrom(4, 5, 6, 7, 8),
    length: fc.constantFrom(...LENGTHS, 0, 1, 2, 22, 24),
    rest: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 24, maxLength: 24 }),
    fPort: fc.constantFrom(1, 26, 27, 28),
  })
  .map(({ header, variant, length, rest, fPort }) => {
    const bytes = rest.slice(0, length);
    if (header && length >= 2) {
      bytes[0] = 2;
      bytes[1] = variant;
    }
    return { bytes, fPort };
  });

describeInputKinds(
  'imbuildings',
  [['imbuildings/people-counter', 'people-counter.json']],
  decoders,
  frames,
);

describe('imbuildings/people-counter', () => {
  it.each([
    {
      name: 'decodes a header-less variant 6 frame on fPort 26',
      given: { bytes: hex('0101000002000320000d000a6a'), fPort: 26 },
      want: {
        device_status: 1,
        battery_voltage: 2.56,
        counter_a: 2,
        counter_b: 3,
        sensor_status: 32,
        total_counter_a: 13,
        total_counter_b: 10,
        payload_counter: 106,
      },
    },
    {
      name: 'decodes a header-less variant 7 frame (totals only) on fPort 27',
      given: { bytes: hex('00000d000a'), fPort: 27 },
      want: { sensor_status: 0, total_counter_a: 13, total_counter_b: 10 },
    },
    {
      name: 'decodes a header-less variant 8 frame (status, battery) on fPort 28',
      given: { bytes: hex('00014a01'), fPort: 28 },
      want: { device_status: 0, battery_voltage: 3.3, sensor_status: 1 },
    },
    {
      name: 'decodes a variant 8 frame with header on any fPort',
      given: { bytes: hex('02080004a30b00f0d40e00014a01'), fPort: 1 },
      want: {
        device_type_identifier: 2,
        device_type: 'People Counter',
        device_type_variant: 8,
        device_id: '0004a30b00f0d40e',
        device_status: 0,
        battery_voltage: 3.3,
        sensor_status: 1,
      },
    },
    {
      name: 'decodes a variant 7 frame with header (totals only)',
      given: { bytes: hex('02070004a30b00f0d40e00000d000a'), fPort: 1 },
      want: {
        device_type_identifier: 2,
        device_type: 'People Counter',
        device_type_variant: 7,
        device_id: '0004a30b00f0d40e',
        sensor_status: 0,
        total_counter_a: 13,
        total_counter_b: 10,
      },
    },
    {
      name: 'decodes a variant 5 frame with header (counters since last uplink)',
      given: { bytes: hex('02050004a30b00f0d40e00012c0004000520ff'), fPort: 1 },
      want: {
        device_type_identifier: 2,
        device_type: 'People Counter',
        device_type_variant: 5,
        device_id: '0004a30b00f0d40e',
        device_status: 0,
        battery_voltage: 3,
        counter_a: 4,
        counter_b: 5,
        sensor_status: 32,
        payload_counter: 255,
      },
    },
  ])('$name', ({ given, want }) => {
    expect(peopleCounter.decodeUplink(given)).toEqual({ data: want });
  });

  it.each([
    {
      name: 'rejects a header frame of the wrong length',
      given: { bytes: hex('02060004a30b00f0d40e000100'), fPort: 1 },
      want: /23 bytes, received 13/,
    },
    {
      name: 'rejects a header-less frame on an fPort with no implied variant',
      given: { bytes: hex('00000d000a'), fPort: 1 },
      want: /fPort 1 implies no variant/,
    },
    {
      name: 'rejects a header-less frame of the wrong length for its fPort',
      given: { bytes: hex('00000d00'), fPort: 27 },
      want: /5 bytes, received 4/,
    },
    {
      name: 'rejects an empty payload',
      given: { bytes: [], fPort: 1 },
      want: /no IMBUILDINGS header/,
    },
  ])('$name', ({ given, want }) => {
    const result = peopleCounter.decodeUplink(given);
    expect(result).toHaveProperty('errors');
    if ('errors' in result) expect(result.errors.join()).toMatch(want);
  });
});

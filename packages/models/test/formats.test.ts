/**
 * The string formats behind `validate` agree with ajv-formats (which the official schemas
 * are checked with) on hand-picked edge cases and on random strings over each format's
 * alphabet. Internal helpers: imported from src, as unit tests of internals may.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDate, isDateTime, isIpv4, isIpv6, isTime, isUri } from '../src/internal/checks.js';

// ajv and ajv-formats are CommonJS: at runtime the default import is the export itself.
const Ajv = Ajv2020 as unknown as (typeof Ajv2020)['default'];
const addFormats = addFormatsModule as unknown as (typeof addFormatsModule)['default'];
const ajv = new Ajv({ strict: false });
addFormats(ajv);

const FORMATS = [
  {
    format: 'date-time',
    ours: isDateTime,
    alphabet: '0123456789-:TtZz+. ',
    cases: [
      '2016-03-15T11:00:00',
      '2016-03-15T11:00:00Z',
      '2016-03-15t11:00:00z',
      '2016-03-15 11:00:00Z',
      '2016-03-15T11:00:00.123+01:00',
      '2016-02-30T11:00:00Z',
      '2016-12-31T23:59:60Z',
      '2016-12-31T23:59:60+01:00',
      '2016-12-31T22:59:60-01:00',
      '2016-03-15T11:00:00+0100',
      '2016-03-15T24:00:00Z',
      '2000-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2016-03-15T11:00:00+24:00',
    ],
  },
  {
    format: 'date',
    ours: isDate,
    alphabet: '0123456789-',
    cases: [
      '2020-02-29',
      '2021-02-29',
      '2020-2-1',
      '2020-00-10',
      '2020-12-32',
      '2020-02-290',
      '2020-02-29-',
    ],
  },
  {
    format: 'time',
    ours: isTime,
    alphabet: '0123456789:Zz+-.',
    cases: [
      '11:00:00',
      '11:00:00Z',
      '11:00',
      '11:00:00+01:00',
      '23:59:60Z',
      '10:00:00.5Z',
      '00:00:60Z',
    ],
  },
  {
    format: 'ipv4',
    ours: isIpv4,
    alphabet: '0123456789.',
    cases: ['1.2.3.4', '256.1.1.1', '01.2.3.4', '1.2.3', '0.0.0.0'],
  },
  {
    format: 'ipv6',
    ours: isIpv6,
    alphabet: '0123456789abcdefABCDEF:.',
    cases: [
      '::',
      '::1',
      '1::',
      '2001:db8::1',
      '2001:db8:0:0:0:0:2:1',
      '1:2:3:4:5:6:7:8:9',
      '::ffff:1.2.3.4',
      '1::2::3',
      'fe80::1%eth0',
      '12345::',
    ],
  },
  {
    format: 'uri',
    ours: isUri,
    alphabet: 'ab:/?#%20.-_~',
    cases: [
      'http://a',
      'urn:ngsi-ld:X:1',
      'not a uri',
      'a:b c',
      'http://[::1]/',
      'mailto:x@y',
      'http://a/%zz',
      'x:',
      'http://a/b?c#d',
      '1http://a',
    ],
  },
] as const;

// Fractions and offsets for the structured timestamps: well-formed ones, and the near misses a
// hand-written parser gets wrong (an empty fraction, a short or long offset, trailing text).
const FRACTIONS = ['', '.5', '.123456', '.', '.5.5', '..5'];
const OFFSETS = [
  'Z',
  'z',
  '',
  '+01:00',
  '-11:30',
  '+0100',
  '+24:00',
  '-00:60',
  '+01:000',
  '+01:00Z',
  'ZZ',
  'Z ',
  '+01',
  '+01:0',
  '+1:00',
  '+01::00',
  '+01:00 ',
  '-',
];

/**
 * README "Disagreements with ajv": ajv-formats 3 also takes an offset of hours alone (`+01`),
 * which RFC 3339 does not; we follow the RFC there and reject it.
 */
const hoursOnlyOffset = (s: string): boolean => /[+-]\d\d$/.test(s);

/** Two-digit numbers from 00 to `max`, some out of range on purpose. */
const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));

describe('string formats agree with ajv-formats', () => {
  for (const { format, ours, alphabet, cases } of FORMATS) {
    const theirs = ajv.compile({ type: 'string', format });
    it.each(cases.map((given) => ({ given })))(`${format}: $given`, ({ given }) => {
      expect(ours(given)).toBe(theirs(given));
    });
    if (format === 'date-time') {
      it('date-time: random well-formed and out-of-range timestamps', () => {
        const stamp = fc
          .tuple(
            fc.integer({ min: 1896, max: 2104 }),
            two(13),
            two(32),
            fc.constantFrom('T', 't', ' ', '_'),
            two(25),
            two(61),
            two(61),
            fc.constantFrom(...FRACTIONS),
            fc.constantFrom(...OFFSETS),
          )
          .map(
            ([y, mo, d, sep, h, mi, se, frac, tz]) =>
              `${y}-${mo}-${d}${sep}${h}:${mi}:${se}${frac}${tz}`,
          );
        fc.assert(
          fc.property(stamp, (s) => {
            expect(isDateTime(s), s).toBe(hoursOnlyOffset(s) ? false : theirs(s));
          }),
          { numRuns: 3000, seed: 11 },
        );
      });
    }
    if (format === 'time') {
      it('time: random well-formed and near-miss times', () => {
        const time = fc
          .tuple(
            two(25),
            two(61),
            two(61),
            fc.constantFrom(...FRACTIONS),
            fc.constantFrom(...OFFSETS),
          )
          .map(([h, mi, se, frac, tz]) => `${h}:${mi}:${se}${frac}${tz}`);
        fc.assert(
          fc.property(time, (s) => {
            expect(isTime(s), s).toBe(hoursOnlyOffset(s) ? false : theirs(s));
          }),
          { numRuns: 3000, seed: 13 },
        );
      });
    }
    if (format === 'uri') continue; // README: our uri check is character-level, not the full grammar
    it(`${format}: random strings over its alphabet`, () => {
      fc.assert(
        fc.property(
          fc.string({ unit: fc.constantFrom(...alphabet.split('')), maxLength: 30 }),
          (s) => {
            expect(ours(s), s).toBe(theirs(s));
          },
        ),
        { numRuns: 2000, seed: 7 },
      );
    });
  }
});

describe('documented disagreements with ajv-formats (README)', () => {
  const dateTime = ajv.compile({ type: 'string', format: 'date-time' });
  const time = ajv.compile({ type: 'string', format: 'time' });
  it.each([
    ['date-time', '2016-03-15T11:00:00+01', isDateTime, dateTime],
    ['time', '11:00:00-05', isTime, time],
    ['date-time', '2016-03-15\t11:00:00Z', isDateTime, dateTime],
    ['date-time', '2016-03-15\n11:00:00Z', isDateTime, dateTime],
  ] as const)('%s %j: ajv accepts, RFC 3339 and we do not', (_, given, ours, theirs) => {
    expect(theirs(given)).toBe(true);
    expect(ours(given)).toBe(false);
  });
});

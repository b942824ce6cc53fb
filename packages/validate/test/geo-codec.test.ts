import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { COUNTRIES } from '../src/generated/country-boxes.js';
import { NEIGHBOUR_RINGS, SWEDEN_RINGS } from '../src/generated/sweden-outline.js';
import { decodeCountries, decodeRings } from '../src/internal/geo-codec.js';

// The test's own encoder of the format geo-codec.ts describes, written from the description.
const DIGITS = [...Array(92).keys()]
  .map((i) => String.fromCharCode(35 + i))
  .filter((c) => !"'\\`".includes(c));
const unsigned = (n: number): string =>
  n < 88
    ? DIGITS[n]!
    : `~${DIGITS[Math.floor(n / 89 ** 2)]}${DIGITS[Math.floor(n / 89) % 89]}${DIGITS[n % 89]}`;
const signed = (n: number): string => unsigned(n >= 0 ? 2 * n : -2 * n - 1);

/** JSON with object keys sorted, so the digest does not depend on insertion order. */
const digest = (value: unknown): string =>
  createHash('sha256')
    .update(
      JSON.stringify(value, (_, v: unknown) =>
        v && typeof v === 'object' && !Array.isArray(v)
          ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
          : v,
      ),
    )
    .digest('hex');

const positions = (rings: number[][]): number => rings.reduce((n, r) => n + r.length / 2, 0);

describe('decodeRings', () => {
  it.each([
    { name: 'an empty ring', given: [''], want: [[]] },
    {
      name: 'one-digit differences, carried across rings',
      given: [signed(1) + signed(-1) + signed(43) + signed(-44), signed(0) + signed(2)],
      want: [
        [0.01, -0.01, 0.44, -0.45],
        [0.44, -0.43],
      ],
    },
    {
      name: 'escaped differences, the first position from (0, 0)',
      given: [signed(2062) + signed(6904) + signed(-2062) + signed(-6904)],
      want: [[20.62, 69.04, 0, 0]],
    },
    {
      name: 'the far corners of the world',
      given: [signed(-18000) + signed(-9000) + signed(36000) + signed(18000)],
      want: [[-180, -90, 180, 90]],
    },
  ])('decodes $name', ({ given, want }) => {
    expect(decodeRings(given)).toEqual(want);
  });
});

describe('decodeCountries', () => {
  it('decodes codes, half-degree boxes and names', () => {
    const box = (x0: number, y0: number, x1: number, y1: number): string =>
      [(x0 + 180) * 2, (y0 + 90) * 2, (x1 - x0) * 2, (y1 - y0) * 2].map(unsigned).join('');
    const got = decodeCountries([
      `AD${box(1, 42, 2, 43)} and|andorra`,
      `FR${box(-5, 42, 8.5, 51.5)}${box(-55, 2, -51.5, 6)} fra|france|frankrike`,
      `AQ${box(-180, -90, 180, -60)}`,
      `CI${box(-8.5, 4, -2.5, 11)} cote d'ivoire|civ`,
    ]);
    expect(got.boxes).toEqual({
      AD: [[1, 42, 2, 43]],
      FR: [
        [-5, 42, 8.5, 51.5],
        [-55, 2, -51.5, 6],
      ],
      AQ: [[-180, -90, 180, -60]],
      CI: [[-8.5, 4, -2.5, 11]],
    });
    expect(got.aliases).toEqual({
      and: 'AD',
      andorra: 'AD',
      fra: 'FR',
      france: 'FR',
      frankrike: 'FR',
      "cote d'ivoire": 'CI',
      civ: 'CI',
    });
  });
});

describe('the generated location tables', () => {
  const sweden = decodeRings(SWEDEN_RINGS);
  const neighbours = decodeRings(NEIGHBOUR_RINGS);
  const countries = decodeCountries(COUNTRIES);

  it("decode to Sweden's 38 polygons and 1831 positions, inside the region's box", () => {
    expect(sweden).toHaveLength(38);
    expect(positions(sweden)).toBe(1831);
    expect(sweden[0]!.slice(0, 4)).toEqual([20.62, 69.04, 20.68, 69.02]);
    expect(sweden.at(-1)!.slice(-2)).toEqual([22.74, 65.71]);
    for (const ring of sweden) {
      for (let i = 0; i < ring.length; i += 2) {
        expect(ring[i]).toBeGreaterThanOrEqual(10.5);
        expect(ring[i]).toBeLessThanOrEqual(24.5);
        expect(ring[i + 1]).toBeGreaterThanOrEqual(55);
        expect(ring[i + 1]).toBeLessThanOrEqual(69.5);
      }
    }
  });

  it("decode to the neighbours' 92 polygons and 2728 positions, inside the clipping box", () => {
    expect(neighbours).toHaveLength(92);
    expect(positions(neighbours)).toBe(2728);
    expect(neighbours[0]!.slice(0, 4)).toEqual([10, 57.59, 10.2, 57.6]);
    expect(neighbours.at(-1)!.slice(-2)).toEqual([21.21, 62.99]);
    for (const ring of neighbours) {
      for (let i = 0; i < ring.length; i += 2) {
        expect(ring[i]).toBeGreaterThanOrEqual(10);
        expect(ring[i]).toBeLessThanOrEqual(25);
        expect(ring[i + 1]).toBeGreaterThanOrEqual(54.8);
        expect(ring[i + 1]).toBeLessThanOrEqual(69.9);
      }
    }
  });

  it('decode to 235 countries with 369 boxes and 627 names', () => {
    expect(Object.keys(countries.boxes)).toHaveLength(235);
    expect(Object.values(countries.boxes).flat()).toHaveLength(369);
    expect(Object.keys(countries.aliases)).toHaveLength(627);
    expect(countries.boxes.SE).toEqual([
      [11, 55, 24.5, 69.5],
      [18, 56.5, 19.5, 58],
    ]);
    expect(countries.boxes.IT).toEqual([
      [6.5, 37.5, 18.5, 47.5],
      [12, 36.5, 16, 38.5],
      [8, 38.5, 10, 41.5],
    ]);
    // Mainland and Tasmania: the Ashmore and Cartier islets share Australia's numeric code and
    // once replaced its box.
    expect(countries.boxes.AU).toEqual([
      [113, -39.5, 154, -10.5],
      [144.5, -44, 148.5, -40.5],
    ]);
    expect(countries.boxes.US).toEqual([
      [-125, 25, -66.5, 49.5],
      [-168.5, 54.5, -130, 71.5],
    ]);
    expect(
      ['sverige', 'sweden', 'swe', 'frankrike', 'italien', "cote d'ivoire", 'u.s.a.'].map(
        (n) => countries.aliases[n],
      ),
    ).toEqual(['SE', 'SE', 'SE', 'FR', 'IT', 'CI', 'US']);
  });

  // The digests of the tables as array literals before they were encoded (2026-12-06, from
  // world-atlas 2.0.2 and i18n-iso-countries 7.14.0): the encoding changed no value. A new
  // version of either input changes them; check the counts above, then update the digests. The
  // boxes' digest changed once since, on purpose: Australia's box is its mainland's again.
  it('decode to exactly the values of the array literals they replaced', () => {
    expect(digest(sweden)).toBe('237e1924b16aab053126f1b0e25dfa6bb4962e17874738af373592ed4170cde1');
    expect(digest(neighbours)).toBe(
      '7966d2f0851044d97b8836167f5f06cfe11bbe08ffb682cac518ada3c2696bc6',
    );
    expect(digest(countries.boxes)).toBe(
      '42dd61e0d5e7a2b9d0e8a99e1d7347ce985e5682952ddac2ed03c5ec1ab755fe',
    );
    expect(digest(countries.aliases)).toBe(
      'd78428f4f1efa8cc31cee334b2c16101c641a964a106351cfc08bf72d91ffb26',
    );
  });
});

import { isNgsiLdError } from '@smartcitylab/ngsi-ld';
import { swerefToWgs84, wgs84ToSweref } from '@smartcitylab/ngsi-ld/geo';
import { describe, expect, it } from 'vitest';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('SWEREF 99 with easting and northing swapped', () => {
  const stockholm = wgs84ToSweref({ latitude: 59.3293, longitude: 18.0686 });

  it('the right order round-trips through wgs84ToSweref', () => {
    const back = swerefToWgs84(stockholm);
    expect(back.latitude).toBeCloseTo(59.3293, 6);
    expect(back.longitude).toBeCloseTo(18.0686, 6);
  });

  it('a swapped point throws InvalidCoordinates naming both numbers and the fix', () => {
    const swapped = { northing: stockholm.easting, easting: stockholm.northing };
    const error = thrown(() => swerefToWgs84(swapped));
    expect(isNgsiLdError(error) && error.code).toBe('InvalidCoordinates');
    expect((error as Error).message).toContain('look swapped');
    expect((error as Error).message).toContain(
      `Pass { northing: ${stockholm.northing}, easting: ${stockholm.easting} }`,
    );
  });

  it('a geometry with [northing, easting] positions throws too', () => {
    const line = {
      type: 'LineString' as const,
      coordinates: [
        [stockholm.easting, stockholm.northing],
        [stockholm.northing, stockholm.easting],
      ],
    };
    const error = thrown(() => swerefToWgs84(line));
    expect((error as Error).message).toMatch(/position has easting .* look swapped/);
  });

  it.each(['TM', '18 00', '15 45', '21 45'] as const)(
    'points anywhere in Sweden are not mistaken for swapped (%s)',
    (crs) => {
      for (const [latitude, longitude] of [
        [55.34, 13.36],
        [59.33, 18.07],
        [67.86, 20.23],
        [69.06, 20.55],
      ] as const) {
        const p = wgs84ToSweref({ latitude, longitude }, crs);
        expect(swerefToWgs84(p, crs).latitude).toBeCloseTo(latitude, 6);
      }
    },
  );
});

import { createClient } from '@smartcitylab/client';
import {
  computeIndicator,
  describeFormula,
  type IndicatorError,
  isIndicatorError,
  periodBounds,
  periodOf,
} from '@smartcitylab/indicators';
import { describe, expect, it } from 'vitest';

describe('periodOf', () => {
  const cases = [
    {
      unit: 'hour',
      at: '2026-11-25T10:42:00Z',
      want: ['2026-11-25T10:00:00.000Z', '2026-11-25T11:00:00.000Z'],
    },
    {
      unit: 'day',
      at: '2026-11-25T23:59:59Z',
      want: ['2026-11-25T00:00:00.000Z', '2026-11-26T00:00:00.000Z'],
    },
    {
      unit: 'week',
      at: '2026-11-23',
      want: ['2026-11-23T00:00:00.000Z', '2026-11-30T00:00:00.000Z'],
    },
    {
      unit: 'week',
      at: '2026-11-29T23:00:00Z',
      want: ['2026-11-23T00:00:00.000Z', '2026-11-30T00:00:00.000Z'],
    },
    {
      unit: 'week',
      at: '2027-01-01',
      want: ['2026-12-28T00:00:00.000Z', '2027-01-04T00:00:00.000Z'],
    },
    {
      unit: 'month',
      at: '2026-12-31T12:00:00Z',
      want: ['2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    },
    {
      unit: 'year',
      at: '2026-06-01',
      want: ['2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    },
  ] as const;
  for (const { unit, at, want } of cases) {
    it(`puts ${at} in the ${unit} ${want[0]} to ${want[1]}`, () => {
      expect(periodOf(unit, at)).toEqual({ from: want[0], to: want[1] });
    });
  }

  it('rejects what is not a date, naming it', () => {
    expect(() => periodOf('day', 'last tuesday')).toThrow(/"last tuesday" is not a date/);
    expect(() => periodBounds({ from: '2026-11-26', to: '2026-11-25' })).toThrow(
      /must be before period.to/,
    );
  });
});

describe('definition checks', () => {
  const client = createClient({ baseUrl: 'http://127.0.0.1:9' });
  const base = {
    id: 'x',
    name: 'X',
    entityType: 'WasteContainer',
    attribute: 'fillingLevel',
    statistic: 'mean',
    period: periodOf('day', '2026-11-25'),
  } as const;
  const cases = [
    {
      name: 'shareAbove without threshold',
      change: { statistic: 'shareAbove' },
      want: /shareAbove needs a numeric threshold/,
    },
    { name: 'an id with a colon', change: { id: 'a:b' }, want: /id must be letters/ },
    {
      name: 'an unknown statistic',
      change: { statistic: 'median' },
      want: /statistic must be one of/,
    },
    { name: 'an unknown grouping', change: { groupBy: 'county' }, want: /groupBy must be one of/ },
  ];
  for (const { name, change, want } of cases) {
    it(`refuses ${name} before any request`, async () => {
      const error = await computeIndicator(client, { ...base, ...change } as never).catch(
        (e: unknown) => e,
      );
      expect(isIndicatorError(error)).toBe(true);
      expect((error as IndicatorError).code).toBe('InvalidIndicator');
      expect(String((error as Error).message)).toMatch(want);
    });
  }

  it('describes a plain mean per municipality', () => {
    expect(describeFormula({ ...base, groupBy: 'municipality' })).toBe(
      'mean(fillingLevel) over the WasteContainer observations with observedAt in [2026-11-25T00:00:00.000Z, 2026-11-26T00:00:00.000Z), per municipality (address.addressLocality)',
    );
  });
});

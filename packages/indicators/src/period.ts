import { IndicatorError } from './errors.js';

/**
 * A half-open time interval `[from, to)` as ISO 8601 date-times (UTC).
 *
 * @example
 * ```ts
 * import type { Period } from '@smartcitylab/indicators';
 * const p: Period = { from: '2026-11-23T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z' };
 * ```
 */
export interface Period {
  from: string;
  to: string;
}

/**
 * Calendar units a period can span. Weeks are ISO weeks (Monday to Monday).
 *
 * @example
 * ```ts
 * import type { PeriodUnit } from '@smartcitylab/indicators';
 * const unit: PeriodUnit = 'week';
 * ```
 */
export type PeriodUnit = 'hour' | 'day' | 'week' | 'month' | 'year';

const DAY = 86_400_000;

function instant(at: Date | string, what: string): Date {
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) {
    throw new IndicatorError(
      'InvalidPeriod',
      `${what} ${JSON.stringify(String(at))} is not a date; give an ISO 8601 date such as 2026-11-25 or 2026-11-25T10:00:00Z`,
    );
  }
  return d;
}

/**
 * The calendar period (in UTC) of `unit` that contains `at`: the day, the ISO week
 * (Monday 00:00 to the next Monday), the month or the year.
 *
 * @example
 * ```ts
 * import { periodOf } from '@smartcitylab/indicators';
 * periodOf('week', '2026-11-25'); // { from: '2026-11-23T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z' }
 * ```
 * @throws {IndicatorError} code `InvalidPeriod` when `at` is not a date.
 */
export function periodOf(unit: PeriodUnit, at: Date | string = new Date()): Period {
  const d = instant(at, 'at');
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = Date.UTC(y, m, d.getUTCDate());
  let from: number;
  let to: number;
  switch (unit) {
    case 'hour':
      from = day + d.getUTCHours() * 3_600_000;
      to = from + 3_600_000;
      break;
    case 'day':
      from = day;
      to = day + DAY;
      break;
    case 'week':
      // getUTCDay: 0 is Sunday; ISO weeks start on Monday.
      from = day - ((d.getUTCDay() + 6) % 7) * DAY;
      to = from + 7 * DAY;
      break;
    case 'month':
      from = Date.UTC(y, m, 1);
      to = Date.UTC(y, m + 1, 1);
      break;
    case 'year':
      from = Date.UTC(y, 0, 1);
      to = Date.UTC(y + 1, 0, 1);
      break;
    default:
      throw new IndicatorError(
        'InvalidPeriod',
        `unknown period unit ${JSON.stringify(unit)}; use hour, day, week, month or year`,
      );
  }
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/**
 * Checks a period and returns its bounds in milliseconds.
 *
 * @example
 * ```ts
 * import { periodBounds } from '@smartcitylab/indicators';
 * periodBounds({ from: '2026-11-25', to: '2026-11-26' }); // { from: 1795564800000, to: 1795651200000 }
 * ```
 * @throws {IndicatorError} code `InvalidPeriod` when a bound is not a date or `from` is not before `to`.
 */
export function periodBounds(period: Period): { from: number; to: number } {
  const from = instant(period.from, 'period.from').getTime();
  const to = instant(period.to, 'period.to').getTime();
  if (from >= to) {
    throw new IndicatorError(
      'InvalidPeriod',
      `period.from (${period.from}) must be before period.to (${period.to})`,
    );
  }
  return { from, to };
}

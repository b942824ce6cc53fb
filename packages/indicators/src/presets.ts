import type { IndicatorDefinition } from './compute.js';
import { type Period, periodOf } from './period.js';

/**
 * The share of waste containers that were more than `threshold` full at some point in the
 * period (default: over 80 % in the ISO week of today), per municipality. `fillingLevel` is
 * a ratio from 0 to 1 in the WasteContainer model.
 *
 * @example
 * ```ts
 * import { wasteContainersOverThreshold } from '@smartcitylab/indicators';
 * const d = wasteContainersOverThreshold({ at: '2026-11-25' }); // the week of 23 to 29 November
 * ```
 * @throws {IndicatorError} code `InvalidPeriod` when `at` is not a date.
 */
export function wasteContainersOverThreshold(
  options: { at?: Date | string; period?: Period; threshold?: number; organization?: string } = {},
): IndicatorDefinition {
  const threshold = options.threshold ?? 0.8;
  const pct = Math.round(threshold * 100);
  return {
    id: `waste-containers-over-${pct}`,
    name: `Waste containers over ${pct} % full`,
    description: `Share (0 to 1) of waste containers whose filling level went above ${pct} % during the week.`,
    entityType: 'WasteContainer',
    attribute: 'fillingLevel',
    statistic: 'shareAbove',
    threshold,
    perEntity: 'max',
    groupBy: 'municipality',
    period: options.period ?? periodOf('week', options.at ?? new Date()),
    frequency: 'weekly',
    ...(options.organization ? { organization: options.organization } : {}),
  };
}

/**
 * The daily mean NO₂ concentration per air-quality station (`AirQualityObserved.no2`,
 * µg/m³ in the model), for the UTC day of `at` (default today).
 *
 * @example
 * ```ts
 * import { dailyMeanNo2 } from '@smartcitylab/indicators';
 * const d = dailyMeanNo2({ at: '2026-11-25' });
 * ```
 * @throws {IndicatorError} code `InvalidPeriod` when `at` is not a date.
 */
export function dailyMeanNo2(
  options: { at?: Date | string; organization?: string } = {},
): IndicatorDefinition {
  return {
    id: 'no2-daily-mean',
    name: 'Daily mean NO2',
    entityType: 'AirQualityObserved',
    attribute: 'no2',
    statistic: 'mean',
    groupBy: 'entity',
    period: periodOf('day', options.at ?? new Date()),
    frequency: 'daily',
    ...(options.organization ? { organization: options.organization } : {}),
  };
}

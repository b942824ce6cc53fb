export {
  type CalculationFrequency,
  type ComputeOptions,
  computeIndicator,
  describeFormula,
  type Grouping,
  type IndicatorDefinition,
  type IndicatorReport,
  type IndicatorResult,
} from './compute.js';
export { IndicatorError, isIndicatorError } from './errors.js';
export { kpiEntityId, publishIndicators, toKpiEntity } from './kpi-entity.js';
export { type Period, type PeriodUnit, periodBounds, periodOf } from './period.js';
export { dailyMeanNo2, wasteContainersOverThreshold } from './presets.js';
export type { EntityReduction, Statistic } from './statistics.js';

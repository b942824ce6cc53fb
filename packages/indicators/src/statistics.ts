/**
 * What an indicator computes over the values of one group:
 * - `count`: how many observations (or entities, with `perEntity`) there are;
 * - `sum`, `mean`, `min`, `max`: of the numeric values;
 * - `shareAbove`: the fraction (0 to 1) of values strictly above `threshold`.
 *
 * @example
 * ```ts
 * import type { Statistic } from '@smartcitylab/indicators';
 * const s: Statistic = 'shareAbove';
 * ```
 */
export type Statistic = 'count' | 'sum' | 'mean' | 'min' | 'max' | 'shareAbove';

/**
 * How the observations of one entity in the period are first reduced to one value, so that
 * each entity counts once (e.g. `max`: "was this container ever above 80 % this week?").
 *
 * @example
 * ```ts
 * import type { EntityReduction } from '@smartcitylab/indicators';
 * const r: EntityReduction = 'max';
 * ```
 */
export type EntityReduction = 'max' | 'min' | 'mean' | 'last';

/** One observation: the value and when it was observed (ms since the epoch). */
export interface Observation {
  value: unknown;
  time: number;
}

// Loops, not Math.max(...xs): spreading a long history would overflow the call stack.
const largest = (xs: readonly number[]): number => xs.reduce((a, b) => Math.max(a, b));
const smallest = (xs: readonly number[]): number => xs.reduce((a, b) => Math.min(a, b));

const numbers = (obs: readonly Observation[]): number[] =>
  obs.map((o) => o.value).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));

/** Reduces one entity's observations to one observation, or undefined when it has no number. */
export function reduceEntity(
  obs: readonly Observation[],
  how: EntityReduction,
): Observation | undefined {
  const nums = numbers(obs);
  if (nums.length === 0) return undefined;
  const time = largest(obs.map((o) => o.time));
  switch (how) {
    case 'max':
      return { value: largest(nums), time };
    case 'min':
      return { value: smallest(nums), time };
    case 'mean':
      return { value: nums.reduce((a, b) => a + b, 0) / nums.length, time };
    case 'last': {
      const last = [...obs]
        .filter((o) => typeof o.value === 'number' && Number.isFinite(o.value))
        .sort((a, b) => a.time - b.time)
        .at(-1);
      return last;
    }
  }
}

/**
 * Applies a statistic to the values of one group; `null` when there is no value to compute
 * it from (no numbers for a mean, for example).
 */
export function applyStatistic(
  obs: readonly Observation[],
  statistic: Statistic,
  threshold: number | undefined,
): number | null {
  if (statistic === 'count') return obs.length;
  const nums = numbers(obs);
  if (nums.length === 0) return null;
  switch (statistic) {
    case 'sum':
      return nums.reduce((a, b) => a + b, 0);
    case 'mean':
      return nums.reduce((a, b) => a + b, 0) / nums.length;
    case 'min':
      return smallest(nums);
    case 'max':
      return largest(nums);
    case 'shareAbove':
      return nums.filter((n) => n > (threshold as number)).length / nums.length;
  }
}

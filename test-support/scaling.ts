import { expect } from 'vitest';

/**
 * Options for {@link expectLinearScaling}.
 */
export interface ScalingOptions {
  /** How much larger the big input is than the small one (default 10). */
  factor?: number;
  /**
   * Largest allowed ratio big/small of the best times (default 40: a linear algorithm gives
   * about `factor`, a quadratic one about `factor²` = 100).
   */
  maxRatio?: number;
  /** Measured batches per size; the fastest counts, which filters out GC pauses and a busy machine. */
  runs?: number;
}

/**
 * CPU time of this process per call, in ms, over one batch of `reps` calls. CPU time rather than
 * wall-clock time, so that a busy machine preempting the process does not count as work.
 */
function cpuMsPerCall(run: () => void, reps: number): number {
  const start = process.cpuUsage();
  for (let r = 0; r < reps; r++) run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / reps;
}

/**
 * Guards against super-linear behaviour (ReDoS, quadratic loops) without asserting a wall-clock
 * limit: it measures `work` on an input of `smallSize` and one `factor`× larger in the same test and
 * bounds the ratio generously. Both sizes run on the same busy or idle machine, measured in CPU time
 * of this process, alternating, with the best of several batches counting, so the ratio does not
 * depend on load the way an absolute limit does. Inputs are built by `make` outside the measured
 * part, and a fast case is repeated until a batch takes tens of milliseconds, so the clock's
 * resolution does not decide the ratio.
 */
export function expectLinearScaling<T>(
  make: (size: number) => T,
  work: (input: T) => void,
  smallSize: number,
  options: ScalingOptions = {},
): void {
  const factor = options.factor ?? 10;
  const maxRatio = options.maxRatio ?? 40;
  const runs = options.runs ?? 5;
  const small = make(smallSize);
  const big = make(smallSize * factor);
  // Warm-up at both sizes, so that the JIT and lazy initialisation land in neither measurement.
  work(small);
  work(big);
  const repsFor = (input: T): number => {
    let reps = 1;
    while (reps < 100_000 && cpuMsPerCall(() => work(input), reps) * reps < 10) reps *= 2;
    return reps;
  };
  const smallReps = repsFor(small);
  const bigReps = repsFor(big);
  let smallMs = Number.POSITIVE_INFINITY;
  let bigMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    smallMs = Math.min(
      smallMs,
      cpuMsPerCall(() => work(small), smallReps),
    );
    bigMs = Math.min(
      bigMs,
      cpuMsPerCall(() => work(big), bigReps),
    );
  }
  const ratio = bigMs / smallMs;
  expect(
    ratio,
    `×${factor} input took ×${ratio.toFixed(1)} the CPU time (${smallMs.toFixed(4)} ms → ${bigMs.toFixed(4)} ms per call); more than ×${maxRatio} means super-linear work`,
  ).toBeLessThan(maxRatio);
}

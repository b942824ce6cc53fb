/**
 * Fault injection: a seeded PRNG decides, request by request, whether the broker answers
 * normally or misbehaves, so a failing client test can be replayed exactly.
 */

/**
 * Faults the broker injects, each rate a probability per request (0..1). One PRNG draw
 * per request decides, so the same seed and request order give the same faults.
 *
 * @example
 * ```ts
 * const faults: FaultOptions = { rate429: 0.1, retryAfterSeconds: 2, resetRate: 0.01, seed: 42 };
 * ```
 */
export interface FaultOptions {
  /** Delay before every answer, in milliseconds. */
  latencyMs?: number;
  /** Share of requests answered 429 Too Many Requests with a Retry-After header. */
  rate429?: number;
  /** The Retry-After value of 429 (and 503) answers, in seconds (default 1). */
  retryAfterSeconds?: number;
  /** Share of requests answered 503 Service Unavailable. */
  rate503?: number;
  /** Share of requests whose connection is reset without an answer. */
  resetRate?: number;
  /** Share of requests that never get an answer (the broker hangs until the client gives up). */
  timeoutRate?: number;
  /** PRNG seed; the same seed and request order give the same faults (default 1). */
  seed?: number;
}

/** What to do with one request. */
export type FaultDecision = 'none' | 'timeout' | 'reset' | '429' | '503';

/** mulberry32: small, fast and good enough to spread faults evenly. */
export function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clampRate = (r: number | undefined): number =>
  typeof r === 'number' && Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0;

/** Draws one decision per request from a seeded PRNG. */
export class FaultInjector {
  private options: FaultOptions;
  private random: () => number;

  constructor(options: FaultOptions = {}) {
    this.options = { ...options };
    this.random = createPrng(options.seed ?? 1);
  }

  /** Replaces the fault settings and restarts the PRNG from the (new) seed. */
  configure(options: FaultOptions): void {
    this.options = { ...options };
    this.random = createPrng(options.seed ?? 1);
  }

  get latencyMs(): number {
    const l = this.options.latencyMs;
    return typeof l === 'number' && Number.isFinite(l) && l > 0 ? l : 0;
  }

  get retryAfterSeconds(): number {
    const r = this.options.retryAfterSeconds;
    return typeof r === 'number' && Number.isFinite(r) && r >= 0 ? Math.round(r) : 1;
  }

  /** One draw; the buckets are laid end to end in a fixed order (timeout, reset, 429, 503). */
  decide(): FaultDecision {
    const o = this.options;
    const total =
      clampRate(o.timeoutRate) +
      clampRate(o.resetRate) +
      clampRate(o.rate429) +
      clampRate(o.rate503);
    if (total === 0) return 'none';
    const r = this.random();
    let edge = clampRate(o.timeoutRate);
    if (r < edge) return 'timeout';
    edge += clampRate(o.resetRate);
    if (r < edge) return 'reset';
    edge += clampRate(o.rate429);
    if (r < edge) return '429';
    edge += clampRate(o.rate503);
    if (r < edge) return '503';
    return 'none';
  }
}

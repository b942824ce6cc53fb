import type { DecodeUplinkResult } from '@smartcitylab/decoders';
import { expect } from 'vitest';

/** One table row of a vendor test: the uplink and what decoding it must give. */
export interface Case {
  name: string;
  bytes: readonly number[];
  fPort: number;
  /** Exact `data` wanted (deep equality). */
  data?: Record<string, unknown>;
  /** Substring that one of the `errors` must contain. */
  error?: string;
  /** Substring that one of the `warnings` must contain. */
  warning?: string;
}

/** Asserts a decode result against a table row. */
export function expectCase(result: DecodeUplinkResult<unknown>, c: Case): void {
  if (c.error !== undefined) {
    expect(result).toHaveProperty('errors');
    if ('errors' in result) expect(result.errors.join('\n')).toContain(c.error);
    return;
  }
  expect('errors' in result ? result.errors : []).toEqual([]);
  if (!('data' in result)) return;
  if (c.data !== undefined) expect(result.data).toEqual(c.data);
  if (c.warning !== undefined) expect((result.warnings ?? []).join('\n')).toContain(c.warning);
  else expect(result.warnings).toBeUndefined();
}

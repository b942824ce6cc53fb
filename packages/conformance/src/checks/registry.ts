/** The implementation of a check: resolves on pass, throws a check outcome otherwise. */
import type { CheckContext } from '../internal/context.js';

/** A check implementation. */
export type CheckFn = (ctx: CheckContext) => Promise<void>;

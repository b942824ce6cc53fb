/** Signals a check throws to end with a status other than pass. */

/** The check found a non-conformance. */
export class CheckFailed extends Error {
  override readonly name = 'CheckFailed';
}

/** The check cannot run here (e.g. it needs `--allow-write` or a notification receiver). */
export class CheckSkipped extends Error {
  override readonly name = 'CheckSkipped';
}

/** The check does not apply to this endpoint (e.g. an optional feature it does not offer). */
export class CheckNotApplicable extends Error {
  override readonly name = 'CheckNotApplicable';
}

/** Fails the check with `message` unless `condition` holds. */
export function expectThat(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailed(message);
}

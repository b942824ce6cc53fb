import { NgsiLdError } from '@smartcitylab/ngsi-ld';
import type { ModelIssue } from './types.js';

function describe(model: string, issues: readonly ModelIssue[]): string {
  const shown = issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(entity)'}: ${i.message}`)
    .join('; ');
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
  const noun = issues.length === 1 ? 'issue' : 'issues';
  return `Invalid ${model} entity (${issues.length} ${noun}): ${shown}${more}`;
}

/**
 * An entity does not satisfy a Smart Data Model. `model` names the model and `issues`
 * lists each problem with its JSON path; `code` is `'InvalidEntity'`.
 *
 * @example
 * ```ts
 * import { isModelValidationError } from '@smartcitylab/models';
 * try {
 *   AirQualityObserved.create({ id: 'x1' });
 * } catch (error) {
 *   if (isModelValidationError(error)) console.log(error.model, error.issues);
 * }
 * ```
 */
export class ModelValidationError extends NgsiLdError {
  /** The model's NGSI-LD type, e.g. `AirQualityObserved`. */
  readonly model: string;
  /** Each problem with its JSON path. */
  readonly issues: ModelIssue[];

  constructor(model: string, issues: readonly ModelIssue[], options: { cause?: unknown } = {}) {
    super(describe(model, issues), { code: 'InvalidEntity', cause: options.cause });
    this.model = model;
    this.issues = issues.map((i) => ({ ...i, path: [...i.path] }));
  }

  override toJSON(): Record<string, unknown> {
    const out = super.toJSON();
    out.model = this.model;
    out.issues = this.issues;
    return out;
  }
}

/**
 * Whether `value` is a {@link ModelValidationError} (also across duplicate installs, by name).
 *
 * @example
 * ```ts
 * if (isModelValidationError(error)) console.log(error.issues);
 * ```
 */
export function isModelValidationError(value: unknown): value is ModelValidationError {
  if (value instanceof ModelValidationError) return true;
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'ModelValidationError' &&
    Array.isArray((value as { issues?: unknown }).issues)
  );
}

/**
 * Run-time check of query results against a model passed as `type`: the type a typed query
 * promises (`no2: number`) is only true when the broker's data agrees, so a model with a
 * `validate` function (every `@smartcitylab/models` model has one) checks each entity.
 */
import { NgsiLdError } from '@smartcitylab/ngsi-ld';
import type { EntityFormat, ModelLike } from './types.js';

/** One attribute of one entity that does not match the model. */
export interface ModelMismatch {
  /** The entity's id (`(no id)` when it has none). */
  entityId: string;
  /** JSON path of the value inside the entity, e.g. `['no2', 'value']`. */
  path: Array<string | number>;
  message: string;
}

/**
 * Thrown by a typed query (`queryEntities` / `queryAll` with a model as `type`) when the
 * broker returns entities that do not satisfy the model. `mismatches` names each entity id
 * and attribute. Pass `validate: false` to take the entities unchecked.
 *
 * @example
 * ```ts
 * try {
 *   await client.queryEntities({ type: AirQualityObserved, format: 'keyValues' });
 * } catch (e) {
 *   if (e instanceof ModelMismatchError) console.log(e.mismatches[0]?.entityId);
 * }
 * ```
 */
export class ModelMismatchError extends NgsiLdError {
  /** Every mismatch found, by entity id and attribute path. */
  readonly mismatches: ModelMismatch[];
  /** The NGSI-LD type of the model the entities were checked against. */
  readonly model: string;

  constructor(model: string, mismatches: ModelMismatch[]) {
    const first = mismatches[0];
    const where = first ? `${first.entityId} at ${first.path.join('.') || '(entity)'}` : '';
    const more =
      mismatches.length > 1
        ? ` (and ${mismatches.length - 1} more mismatch${mismatches.length > 2 ? 'es' : ''})`
        : '';
    super(
      `the broker returned ${model} entities that do not match the model: ${where}: ${first?.message ?? ''}${more}. Fix the data, or pass validate: false to take it unchecked`,
      { code: 'ModelMismatch' },
    );
    this.model = model;
    this.mismatches = mismatches;
  }
}

/**
 * Whether an error is a {@link ModelMismatchError} (by `name`, so it works across duplicate installs).
 *
 * @example
 * ```ts
 * if (isModelMismatchError(e)) console.log(e.mismatches);
 * ```
 */
export function isModelMismatchError(error: unknown): error is ModelMismatchError {
  return error instanceof Error && error.name === 'ModelMismatchError';
}

/** The model's representation name for a query format. */
function representationOf(
  format: EntityFormat | undefined,
): 'keyValues' | 'concise' | 'normalized' {
  if (format === 'keyValues' || format === 'simplified') return 'keyValues';
  return format === 'concise' ? 'concise' : 'normalized';
}

/**
 * Checks query results against `model` when it can validate; throws on any mismatch.
 * With `partial` (attrs, pick or omit asked for fewer attributes) a missing attribute is
 * not a mismatch.
 */
export function checkAgainstModel(
  model: ModelLike,
  entities: readonly unknown[],
  format: EntityFormat | undefined,
  partial: boolean,
): void {
  const validate = model.validate;
  if (typeof validate !== 'function') return;
  const representation = representationOf(format);
  const mismatches: ModelMismatch[] = [];
  for (const entity of entities) {
    const result = validate.call(model, entity, representation);
    if (result.success) continue;
    const id =
      typeof entity === 'object' &&
      entity !== null &&
      typeof (entity as { id?: unknown }).id === 'string'
        ? (entity as { id: string }).id
        : '(no id)';
    for (const issue of result.issues) {
      if (partial && issue.message.startsWith('Missing required attribute')) continue;
      mismatches.push({ entityId: id, path: [...issue.path], message: issue.message });
    }
  }
  if (mismatches.length > 0) throw new ModelMismatchError(model.type, mismatches);
}

/**
 * `checkEntityStructure`: the NGSI-LD structure check without zod, so that the root entry
 * (and a model subpath of `@smartcitylab/models`) can use it where zod is not installed.
 */
import type { ConciseEntity, KeyValuesEntity, NormalizedEntity } from './entity.js';
import type { EntityIssue } from './errors.js';
import { entityIssues } from './internal/check.js';

/**
 * The result of {@link checkEntityStructure}: the Standard Schema result shape.
 *
 * @example
 * ```ts
 * const r: EntityValidationResult<NormalizedEntity> = { success: false, issues: [{ path: ['id'], message: 'Required' }] };
 * ```
 */
export type EntityValidationResult<T> =
  | { success: true; data: T }
  | { success: false; issues: EntityIssue[] };

/**
 * Representation names accepted by {@link checkEntityStructure}.
 *
 * @example
 * ```ts
 * const r: EntityRepresentation = 'concise';
 * ```
 */
export type EntityRepresentation = 'normalized' | 'concise' | 'keyValues';

/**
 * Checks the NGSI-LD structure of an entity in the given representation (ids, attribute
 * types, value members, dates, GeoJSON, names). Never throws: returns
 * `{ success: true, data }` (the input, now typed) or `{ success: false, issues }`, each
 * issue with a JSON path into the input, a message saying what to fix, and a `code`.
 * For a scored data-quality report against a Smart Data Model, use `validateEntity` of
 * `@smartcitylab/validate` instead.
 *
 * @example
 * ```ts
 * const r = checkEntityStructure({ id: 'not a uri', type: 'T' }, 'normalized');
 * if (!r.success) console.log(r.issues[0]?.path, r.issues[0]?.message); // ['id'] 'Entity id must be ...'
 * ```
 */
export function checkEntityStructure(
  input: unknown,
  representation: 'normalized',
): EntityValidationResult<NormalizedEntity>;
export function checkEntityStructure(
  input: unknown,
  representation: 'concise',
): EntityValidationResult<ConciseEntity>;
export function checkEntityStructure(
  input: unknown,
  representation: 'keyValues',
): EntityValidationResult<KeyValuesEntity>;
export function checkEntityStructure(
  input: unknown,
  representation: EntityRepresentation,
): EntityValidationResult<NormalizedEntity | ConciseEntity | KeyValuesEntity>;
export function checkEntityStructure(
  input: unknown,
  representation: EntityRepresentation,
): EntityValidationResult<NormalizedEntity | ConciseEntity | KeyValuesEntity> {
  if (
    representation !== 'normalized' &&
    representation !== 'concise' &&
    representation !== 'keyValues'
  ) {
    return {
      success: false,
      issues: [
        {
          path: [],
          message: `Unknown representation ${JSON.stringify(representation)}: use 'normalized', 'concise' or 'keyValues'`,
          code: 'invalid_representation',
        },
      ],
    };
  }
  const issues = entityIssues(input, representation);
  if (issues.length > 0) return { success: false, issues };
  return { success: true, data: input as NormalizedEntity };
}

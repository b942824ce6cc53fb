import { isModelType, loadModel } from '@smartcitylab/models';
import {
  type ConciseEntity,
  detectRepresentation,
  fromKeyValues,
  type KeyValuesEntity,
  type NormalizedEntity,
  type Representation,
  toConcise,
  toKeyValues,
  toNormalized,
} from '@smartcitylab/ngsi-ld';

/**
 * Reads an entity in any representation as normalized. keyValues take their Relationships and
 * GeoProperties from the Smart Data Model of their type when one is shipped.
 *
 * @throws {ConversionError} when the input is not a valid entity in that representation.
 */
export async function asNormalized(
  entity: unknown,
  from?: Representation,
): Promise<NormalizedEntity> {
  const rep = from ?? detectRepresentation(entity);
  if (rep === 'normalized') return toNormalized(entity as NormalizedEntity);
  if (rep === 'concise') return toNormalized(entity as ConciseEntity);
  const type = (entity as { type?: unknown } | null)?.type;
  const hints =
    typeof type === 'string' && isModelType(type) ? (await loadModel(type)).hints : undefined;
  return fromKeyValues(entity as KeyValuesEntity, hints);
}

/** Converts a normalized entity to the wanted representation. */
export function inRepresentation(entity: NormalizedEntity, to: Representation): unknown {
  if (to === 'normalized') return entity;
  if (to === 'concise') return toConcise(entity);
  return toKeyValues(entity);
}

// Type tests: checked by `tsc -p tsconfig.json`. The converters of @smartcitylab/ngsi-ld keep a
// model's types, through the registry entry each generated model adds.
import {
  AirQualityObserved,
  type AirQualityObservedConcise,
  type AirQualityObservedKeyValues,
  type AirQualityObservedNormalized,
} from '@smartcitylab/models/air-quality-observed';
import type { ParkingSpotConcise, ParkingSpotNormalized } from '@smartcitylab/models/parking-spot';
import {
  type ConciseEntity,
  type ConversionResult,
  fromKeyValues,
  type KeyValuesEntity,
  type NormalizedEntity,
  type RegisteredEntity,
  safeFromKeyValues,
  safeToConcise,
  safeToKeyValues,
  safeToNormalized,
  toConcise,
  toKeyValues,
  toNormalized,
} from '@smartcitylab/ngsi-ld';
import { expectTypeOf, test } from 'vitest';

declare const normalizedAqo: AirQualityObservedNormalized;
declare const conciseAqo: AirQualityObservedConcise;
declare const keyValuesAqo: AirQualityObservedKeyValues;

test('every generated model is registered in all three representations', () => {
  expectTypeOf<AirQualityObservedNormalized>().toExtend<RegisteredEntity<'normalized'>>();
  expectTypeOf<AirQualityObservedConcise>().toExtend<RegisteredEntity<'concise'>>();
  expectTypeOf<AirQualityObservedKeyValues>().toExtend<RegisteredEntity<'keyValues'>>();
});

test('a model-typed entity converts to the same model in the other representation', () => {
  expectTypeOf(toConcise(normalizedAqo)).toEqualTypeOf<AirQualityObservedConcise>();
  expectTypeOf(toConcise(normalizedAqo).no2).toEqualTypeOf<AirQualityObservedConcise['no2']>();
  // @ts-expect-error: a typo in an attribute name is an error, not a JsonValue
  toConcise(normalizedAqo).no22;
  expectTypeOf(toKeyValues(normalizedAqo)).toEqualTypeOf<AirQualityObservedKeyValues>();
  expectTypeOf(toKeyValues(normalizedAqo).no2).toEqualTypeOf<number | undefined>();
  expectTypeOf(toKeyValues(conciseAqo)).toEqualTypeOf<AirQualityObservedKeyValues>();
  expectTypeOf(
    toKeyValues(normalizedAqo, { multiInstance: 'dataset' }),
  ).toEqualTypeOf<AirQualityObservedKeyValues>();
  expectTypeOf(toNormalized(conciseAqo)).toEqualTypeOf<AirQualityObservedNormalized>();
  expectTypeOf(toNormalized(normalizedAqo)).toEqualTypeOf<AirQualityObservedNormalized>();
  expectTypeOf(fromKeyValues(keyValuesAqo)).toEqualTypeOf<AirQualityObservedNormalized>();
  expectTypeOf(
    fromKeyValues(keyValuesAqo, AirQualityObserved.hints),
  ).toEqualTypeOf<AirQualityObservedNormalized>();
  // @ts-expect-error: refDevice is a ConciseRelationship in concise form, not a string
  const id: string = toConcise(normalizedAqo).refDevice;
  void id;
});

test('create() results convert to the model types', () => {
  const entity = AirQualityObserved.create({
    id: 'a1',
    dateObserved: '2025-05-01T10:00:00Z',
    location: { type: 'Point', coordinates: [14.8, 56.9] },
  });
  expectTypeOf(toConcise(entity)).toEqualTypeOf<AirQualityObservedConcise>();
  expectTypeOf(toKeyValues(entity)).toEqualTypeOf<AirQualityObservedKeyValues>();
});

test('a union of models converts member by member', () => {
  const either = normalizedAqo as AirQualityObservedNormalized | ParkingSpotNormalized;
  expectTypeOf(toConcise(either)).toEqualTypeOf<AirQualityObservedConcise | ParkingSpotConcise>();
});

test('the safe variants keep the model too', () => {
  expectTypeOf(safeToConcise(normalizedAqo)).toEqualTypeOf<
    ConversionResult<AirQualityObservedConcise>
  >();
  expectTypeOf(safeToNormalized(conciseAqo)).toEqualTypeOf<
    ConversionResult<AirQualityObservedNormalized>
  >();
  expectTypeOf(safeToKeyValues(normalizedAqo)).toEqualTypeOf<
    ConversionResult<AirQualityObservedKeyValues>
  >();
  expectTypeOf(safeFromKeyValues(keyValuesAqo)).toEqualTypeOf<
    ConversionResult<AirQualityObservedNormalized>
  >();
});

test('plain entities keep the generic types, models imported or not', () => {
  const plain: NormalizedEntity = {
    id: 'urn:ngsi-ld:T:1',
    type: 'T',
    temp: { type: 'Property', value: 21 },
  };
  expectTypeOf(toConcise(plain)).toEqualTypeOf<ConciseEntity>();
  expectTypeOf(toKeyValues(plain)).toEqualTypeOf<KeyValuesEntity>();
  expectTypeOf(toNormalized(toConcise(plain))).toEqualTypeOf<NormalizedEntity>();
  expectTypeOf(fromKeyValues(toKeyValues(plain))).toEqualTypeOf<NormalizedEntity>();
  expectTypeOf(
    toConcise({ id: 'urn:ngsi-ld:T:1', type: 'T', temp: { type: 'Property', value: 21 } }),
  ).toEqualTypeOf<ConciseEntity>();
  // A generic entity typed only by its type name is not taken for the model.
  const named: NormalizedEntity & { type: 'AirQualityObserved' } = {
    id: 'urn:ngsi-ld:AirQualityObserved:1',
    type: 'AirQualityObserved',
  };
  expectTypeOf(toConcise(named)).toEqualTypeOf<ConciseEntity>();
  function generic<E extends NormalizedEntity>(e: E): ConciseEntity {
    return toConcise(e);
  }
  expectTypeOf(generic(plain)).toEqualTypeOf<ConciseEntity>();
});

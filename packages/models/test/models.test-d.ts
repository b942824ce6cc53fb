import type { KeyValuesOf, ModelKeyValuesMap, SmartDataModel } from '@smartcitylab/models';
import { loadModel } from '@smartcitylab/models';
import {
  AirQualityObserved,
  type AirQualityObservedKeyValues,
} from '@smartcitylab/models/air-quality-observed';
import { ParkingSpot } from '@smartcitylab/models/parking-spot';
import { expectTypeOf, test } from 'vitest';
import type * as z from 'zod';

test('keyValues types are inferred from the official schema', () => {
  expectTypeOf<AirQualityObservedKeyValues['type']>().toEqualTypeOf<'AirQualityObserved'>();
  expectTypeOf<AirQualityObservedKeyValues['dateObserved']>().toEqualTypeOf<string>();
  expectTypeOf<AirQualityObservedKeyValues['pm10']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<AirQualityObservedKeyValues['typeofLocation']>().toEqualTypeOf<
    'indoor' | 'outdoor' | undefined
  >();
  expectTypeOf<
    z.infer<typeof AirQualityObserved.keyValues>
  >().toEqualTypeOf<AirQualityObservedKeyValues>();
  expectTypeOf<KeyValuesOf<'AirQualityObserved'>>().toEqualTypeOf<AirQualityObservedKeyValues>();
  expectTypeOf<keyof ModelKeyValuesMap>().toEqualTypeOf<
    Parameters<typeof loadModel<'Beach'>>[0] | Exclude<keyof ModelKeyValuesMap, 'Beach'>
  >();
});

test('create returns the representation asked for', () => {
  const input = {
    id: 'a',
    dateObserved: '2025-01-01T00:00:00Z',
    location: { type: 'Point' as const, coordinates: [1, 2] },
  };
  expectTypeOf(
    AirQualityObserved.create(input, { representation: 'keyValues' }),
  ).toEqualTypeOf<AirQualityObservedKeyValues>();
  expectTypeOf(AirQualityObserved.create(input).type).toEqualTypeOf<'AirQualityObserved'>();
  // @ts-expect-error pm10 must be a number
  AirQualityObserved.create({ ...input, pm10: 'high' });
});

test('models are SmartDataModels and loadModel is typed by NGSI-LD type', async () => {
  expectTypeOf(ParkingSpot).toExtend<SmartDataModel<KeyValuesOf<'ParkingSpot'>>>();
  const model = await loadModel('AirQualityObserved');
  expectTypeOf(model).toEqualTypeOf<SmartDataModel<AirQualityObservedKeyValues>>();
  const validated = model.validate({});
  if (validated.success) expectTypeOf(validated.data).toEqualTypeOf<AirQualityObservedKeyValues>();
});

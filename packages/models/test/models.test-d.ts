import type {
  KeyValuesOf,
  ModelEntity,
  ModelKeyValuesMap,
  ModelOf,
  SmartDataModel,
} from '@smartcitylab/models';
import { loadModel } from '@smartcitylab/models';
import {
  type Address,
  AirQualityObserved,
  type AirQualityObservedConcise,
  type AirQualityObservedKeyValues,
  type AirQualityObservedNormalized,
  type ConciseProperty,
  type DateTimeValue,
  type Geometry,
  type GeoProperty,
  type Property,
  type Relationship,
  type WithExtra,
} from '@smartcitylab/models/air-quality-observed';
import type { AirQualityObservedSchemas } from '@smartcitylab/models/air-quality-observed/zod';
import { ParkingSpot } from '@smartcitylab/models/parking-spot';
import type { ConciseEntity, KeyValuesEntity, NormalizedEntity } from '@smartcitylab/ngsi-ld';
import { expectTypeOf, test } from 'vitest';
import type * as z from 'zod';

const input = {
  id: 'a',
  dateObserved: '2025-01-01T00:00:00Z',
  location: { type: 'Point' as const, coordinates: [1, 2] as [number, number] },
};

test('keyValues types are inferred from the official schema', () => {
  expectTypeOf<AirQualityObserved['type']>().toEqualTypeOf<'AirQualityObserved'>();
  expectTypeOf<AirQualityObserved['dateObserved']>().toEqualTypeOf<string>();
  expectTypeOf<AirQualityObserved['pm10']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<AirQualityObserved['typeofLocation']>().toEqualTypeOf<
    'indoor' | 'outdoor' | undefined
  >();
  expectTypeOf<AirQualityObserved['location']>().toEqualTypeOf<Geometry>();
  expectTypeOf<AirQualityObserved['address']>().toEqualTypeOf<Address | undefined>();
  expectTypeOf<AirQualityObservedKeyValues>().toEqualTypeOf<AirQualityObserved>();
  expectTypeOf<
    z.infer<typeof AirQualityObservedSchemas.keyValues>
  >().toEqualTypeOf<AirQualityObserved>();
  expectTypeOf<KeyValuesOf<'AirQualityObserved'>>().toEqualTypeOf<AirQualityObserved>();
  // The zod-free model carries Standard Schemas typed like the zod ones of its /zod subpath.
  expectTypeOf<
    NonNullable<(typeof AirQualityObserved.keyValues)['~standard']['types']>['output']
  >().toEqualTypeOf<AirQualityObserved>();
  expectTypeOf<
    NonNullable<(typeof AirQualityObserved.concise)['~standard']['types']>['output']
  >().toEqualTypeOf<AirQualityObservedConcise>();
  expectTypeOf<keyof ModelKeyValuesMap>().toEqualTypeOf<
    Parameters<typeof loadModel<'Beach'>>[0] | Exclude<keyof ModelKeyValuesMap, 'Beach'>
  >();
});

test('typos in model attributes do not compile', () => {
  const ok: AirQualityObserved = { ...input, type: 'AirQualityObserved', pm25: 3, no2: 40 };
  // @ts-expect-error pm2_5 is not an AirQualityObserved attribute (pm25 is)
  const typo: AirQualityObserved = { ...input, type: 'AirQualityObserved', pm2_5: 3 };
  // @ts-expect-error no3 is not an AirQualityObserved attribute
  AirQualityObserved.create({ ...input, no3: 12 });
  // @ts-expect-error pm10 must be a number
  AirQualityObserved.create({ ...input, pm10: 'high' });
  const normalized: AirQualityObservedNormalized = {
    id: 'urn:ngsi-ld:AirQualityObserved:a',
    type: 'AirQualityObserved',
    dateObserved: { type: 'Property', value: '2025-01-01T00:00:00Z' },
    location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [1, 2] } },
    // @ts-expect-error no3 is not an AirQualityObserved attribute
    no3: { type: 'Property', value: 1 },
  };
  const concise: AirQualityObservedConcise = {
    id: 'urn:ngsi-ld:AirQualityObserved:a',
    type: 'AirQualityObserved',
    dateObserved: '2025-01-01T00:00:00Z',
    location: { type: 'Point', coordinates: [1, 2] },
    no2: 40,
    // @ts-expect-error concise values are typed too
    pm10: 'high',
  };
  // The documented escape hatch for attributes the model does not define.
  const extended: WithExtra<AirQualityObserved, { sensorHeight: number }> = {
    ...input,
    type: 'AirQualityObserved',
    sensorHeight: 2.5,
  };
  void [ok, typo, normalized, concise, extended];
});

test('normalized attributes are typed per attribute', () => {
  const e = AirQualityObserved.create({ ...input, no2: 40 });
  expectTypeOf(e).toEqualTypeOf<AirQualityObservedNormalized>();
  expectTypeOf(e.no2).toEqualTypeOf<Property<number> | undefined>();
  if (e.no2) expectTypeOf(e.no2.value).toEqualTypeOf<number>();
  expectTypeOf(e.no2?.value).toEqualTypeOf<number | undefined>();
  expectTypeOf(e.location).toEqualTypeOf<GeoProperty<Geometry>>();
  expectTypeOf(e.location.value).toEqualTypeOf<Geometry>();
  expectTypeOf(e.refDevice).toEqualTypeOf<Relationship<string> | undefined>();
  expectTypeOf(e.dateObserved.value).toEqualTypeOf<string | DateTimeValue>();
  // Named entity types still fit the generic NGSI-LD entity types of the other packages.
  expectTypeOf(e).toExtend<NormalizedEntity>();
  expectTypeOf<AirQualityObservedConcise>().toExtend<ConciseEntity>();
  expectTypeOf<AirQualityObserved>().toExtend<KeyValuesEntity>();
});

test('create and validate return the named type of the representation asked for', () => {
  expectTypeOf(
    AirQualityObserved.create(input, { representation: 'keyValues' }),
  ).toEqualTypeOf<AirQualityObserved>();
  expectTypeOf(
    AirQualityObserved.create(input, { representation: 'concise' }),
  ).toEqualTypeOf<AirQualityObservedConcise>();
  expectTypeOf(AirQualityObserved.create(input).type).toEqualTypeOf<'AirQualityObserved'>();
  const c = AirQualityObserved.create(input, { representation: 'concise' });
  expectTypeOf(c.no2).toEqualTypeOf<number | ConciseProperty<number> | undefined>();
  const v = AirQualityObserved.validate({}, 'normalized');
  if (v.success) expectTypeOf(v.data).toEqualTypeOf<AirQualityObservedNormalized>();
  const w = AirQualityObserved.validate({}, 'concise');
  if (w.success) expectTypeOf(w.data).toEqualTypeOf<AirQualityObservedConcise>();
  expectTypeOf<
    z.infer<typeof AirQualityObservedSchemas.normalized>
  >().toEqualTypeOf<AirQualityObservedNormalized>();
});

test('extra attributes go through the extra option and are typed in the result', () => {
  const kv = AirQualityObserved.create(input, {
    representation: 'keyValues',
    extra: { sensorHeight: 2.5 },
  });
  expectTypeOf(kv.sensorHeight).toEqualTypeOf<number>();
  expectTypeOf(kv.no2).toEqualTypeOf<number | undefined>();
  const n = AirQualityObserved.create(input, { extra: { sensorHeight: 2.5 } });
  expectTypeOf(n.sensorHeight).toEqualTypeOf<Property<number>>();
  expectTypeOf(n.location).toEqualTypeOf<GeoProperty<Geometry>>();
});

test('models are SmartDataModels and loadModel is typed by NGSI-LD type', async () => {
  expectTypeOf(ParkingSpot).toEqualTypeOf<ModelOf<'ParkingSpot'>>();
  const model = await loadModel('AirQualityObserved');
  expectTypeOf(model).toEqualTypeOf<typeof AirQualityObserved>();
  expectTypeOf(model).toExtend<SmartDataModel>();
  expectTypeOf<
    ModelEntity<'AirQualityObserved', 'normalized'>
  >().toEqualTypeOf<AirQualityObservedNormalized>();
  const validated = model.validate({}, 'keyValues');
  if (validated.success) expectTypeOf(validated.data).toEqualTypeOf<AirQualityObserved>();
  // Without a representation it is detected, so the data may be in any of the three.
  const detected = model.validate({});
  if (detected.success)
    expectTypeOf(detected.data).toEqualTypeOf<
      AirQualityObserved | AirQualityObservedNormalized | AirQualityObservedConcise
    >();
});

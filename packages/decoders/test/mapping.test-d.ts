import type { Uplink } from '@smartcitylab/decoders/envelopes';
import {
  type DeviceRegistry,
  defineMapping,
  type UplinkToEntitiesResult,
  uplinkToEntities,
} from '@smartcitylab/decoders/mapping';
import type { NormalizedEntity } from '@smartcitylab/ngsi-ld';
import { expectTypeOf, test } from 'vitest';

test('uplinkToEntities resolves to the result shape', () => {
  expectTypeOf(uplinkToEntities).returns.resolves.toEqualTypeOf<UplinkToEntitiesResult>();
  expectTypeOf<UplinkToEntitiesResult['entities']>().toEqualTypeOf<NormalizedEntity[]>();
  expectTypeOf<UplinkToEntitiesResult['uplink']>().toEqualTypeOf<Uplink | undefined>();
});

test('defineMapping keeps the literal device id', () => {
  const m = defineMapping({ deviceId: 'acme/thermo', entities: [] });
  expectTypeOf(m.deviceId).toEqualTypeOf<'acme/thermo'>();
});

test('a registry is a record of entries or a lookup function', () => {
  expectTypeOf<{
    a: { deviceId: 'elsys/ers'; location: [number, number] };
  }>().toExtend<DeviceRegistry>();
  expectTypeOf<(eui: string) => undefined>().toExtend<DeviceRegistry>();
  // @ts-expect-error an entry needs its decoder id
  const bad: DeviceRegistry = { a: { location: [1, 2] } };
  void bad;
});

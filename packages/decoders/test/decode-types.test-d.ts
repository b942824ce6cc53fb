import {
  createDecoderRegistry,
  type DecodedData,
  type DecodeUplinkResult,
  type DeviceId,
  decode,
  loadDecoder,
} from '@smartcitylab/decoders';
import type { ElsysData } from '@smartcitylab/decoders/elsys';
import type { MilesightData } from '@smartcitylab/decoders/milesight';
import { expectTypeOf, test } from 'vitest';

const input = { bytes: [0x01, 0x00, 0xe2], fPort: 5 };

test("decode('elsys/ers', ...) resolves to Elsys data", async () => {
  const result = await decode('elsys/ers', input);
  expectTypeOf(result).toEqualTypeOf<DecodeUplinkResult<ElsysData>>();
  if ('data' in result) {
    expectTypeOf(result.data.temperature).toEqualTypeOf<number | undefined>();
    // @ts-expect-error an Elsys decoder has no `temprature` field
    void result.data.temprature;
  }
});

test('a run-time id string gives unknown data', async () => {
  const id: string = 'elsys/ers';
  const result = await decode(id, input);
  expectTypeOf(result).toEqualTypeOf<DecodeUplinkResult<unknown>>();
});

test('loadDecoder and the registry keep the per-id type', async () => {
  const ers = await loadDecoder('elsys/ers');
  expectTypeOf(ers.decodeUplink(input)).toEqualTypeOf<DecodeUplinkResult<ElsysData>>();
  const registry = await createDecoderRegistry(['elsys/ers', 'milesight-iot/am307']);
  expectTypeOf(registry.decode('milesight-iot/am307', input)).toEqualTypeOf<
    DecodeUplinkResult<MilesightData>
  >();
  expectTypeOf(registry.get('elsys/ers')?.decodeUplink(input)).toEqualTypeOf<
    DecodeUplinkResult<ElsysData> | undefined
  >();
});

test('DeviceId lists the catalog ids and DecodedData maps them', () => {
  expectTypeOf<'elsys/ers'>().toExtend<DeviceId>();
  expectTypeOf<'browan/tbhh100'>().toExtend<DeviceId>();
  // @ts-expect-error not a supported device
  const nope: DeviceId = 'acme/unknown';
  void nope;
  expectTypeOf<DecodedData<'elsys/ers'>>().toEqualTypeOf<ElsysData>();
  expectTypeOf<DecodedData<'acme/unknown'>>().toEqualTypeOf<unknown>();
});

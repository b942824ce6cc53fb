import { createDecoderRegistry, DecoderError, decode, loadDecoder } from '@smartcitylab/decoders';
import { ers } from '@smartcitylab/decoders/elsys';
import {
  createUplinkMapper,
  type DeviceRegistry,
  uplinksToEntities,
  uplinkToEntities,
} from '@smartcitylab/decoders/mapping';
import { describe, expect, it } from 'vitest';

const T = '2026-11-25T21:00:00.000Z';
const now = (): Date => new Date(T);

function chirpstack(devEui: string, hex: string, fPort: number) {
  return {
    deviceInfo: { devEui, deviceName: 'test' },
    time: T,
    fPort,
    data: Buffer.from(hex, 'hex').toString('base64'),
    rxInfo: [{ gatewayId: '0016c001f153a14c', rssi: -80, snr: 9 }],
  };
}

describe('by-id decoding resolves each decoder once', () => {
  it('loadDecoder gives the same decoder object on every call', async () => {
    const first = await loadDecoder('elsys/ers');
    expect(first).toBe(ers);
    expect(await loadDecoder('elsys/ers')).toBe(first);
  });

  it('decode gives the same result as the synchronous decoder, before and after caching', async () => {
    const input = { bytes: [0x01, 0x00, 0xe2, 0x02, 0x29], fPort: 5 };
    const want = ers.decodeUplink(input);
    expect(await decode('elsys/ers', input)).toEqual(want);
    expect(await decode('elsys/ers', input)).toEqual(want);
  });

  it('decode of an unknown id resolves to errors every time (nothing cached)', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await decode('acme/none', { bytes: [], fPort: 1 });
      expect('errors' in r && r.errors[0]).toContain('unknown device id "acme/none"');
    }
  });
});

describe('createDecoderRegistry', () => {
  it('decodes preloaded ids synchronously', async () => {
    const registry = await createDecoderRegistry(['milesight-iot/ws301', 'elsys/ers']);
    expect(registry.ids).toEqual(['elsys/ers', 'milesight-iot/ws301']);
    expect(registry.has('elsys/ers')).toBe(true);
    expect(registry.get('elsys/ers')).toBe(ers);
    const r = registry.decode('milesight-iot/ws301', { bytes: [0x03, 0x00, 0x01], fPort: 85 });
    expect(r).toEqual({ data: { door: 'open' } });
  });

  it('answers an id that was not preloaded with errors naming the preloaded ids, without throwing', async () => {
    const registry = await createDecoderRegistry(['elsys/ers']);
    const r = registry.decode('elsys/ers-co2', { bytes: [0x06, 0x01, 0xab], fPort: 5 });
    expect(r).toHaveProperty('errors');
    if ('errors' in r) {
      expect(r.errors[0]).toContain('"elsys/ers-co2" was not preloaded');
      expect(r.errors[0]).toContain('preloaded ids: elsys/ers');
    }
    expect(registry.get('elsys/ers-co2')).toBeUndefined();
  });

  it('rejects with DecoderError UnknownDevice for an id outside the catalog', async () => {
    const err = await createDecoderRegistry(['elsys/ers', 'acme/none']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecoderError);
    expect((err as DecoderError).code).toBe('UnknownDevice');
    expect((err as Error).message).toContain('acme/none');
  });
});

describe('createUplinkMapper', () => {
  const registry: DeviceRegistry = {
    '0011223344556677': { deviceId: 'elsys/ers', location: [17.3069, 62.3908] },
    '00112233445566aa': { deviceId: 'milesight-iot/ws301', location: [17.31, 62.39] },
  };

  it('preloads the decoders the registry names', async () => {
    const mapper = await createUplinkMapper({ registry, now });
    expect(mapper.deviceIds).toEqual(['elsys/ers', 'milesight-iot/ws301']);
  });

  it.each([
    ['an Elsys ERS reading', chirpstack('0011223344556677', '0100e202290400270506', 5), true],
    ['a Milesight door contact', chirpstack('00112233445566AA', '030001', 85), true],
    ['an unknown DevEUI', chirpstack('ffffffffffffffff', '0100e2', 5), false],
    ['bad JSON text', '{"deviceInfo":', false],
    ['a payload the decoder rejects', chirpstack('0011223344556677', '01', 5), false],
  ])('gives the same result as uplinkToEntities for %s', async (_, envelope, mapped) => {
    const mapper = await createUplinkMapper({ registry, now });
    const got = mapper.toEntities(envelope);
    expect(got).toEqual(await uplinkToEntities(envelope, { registry, now }));
    expect(got.entities.length > 0).toBe(mapped);
    expect(got.errors.length === 0).toBe(mapped);
  });

  it('maps every uplink of a multi-uplink message like uplinksToEntities', async () => {
    const mapper = await createUplinkMapper({ registry, now });
    const body = [
      chirpstack('0011223344556677', '0100e2', 5),
      chirpstack('00112233445566AA', '030000', 85),
    ];
    const want = await uplinksToEntities(body, { registry, now });
    expect(mapper.toEntitiesAll(body)).toEqual(want);
  });

  it('reports a catalog decoder that a registry function names but deviceIds did not preload', async () => {
    const fnRegistry = (devEui: string) =>
      devEui === '0011223344556677' ? { deviceId: 'elsys/ers-co2' } : undefined;
    const mapper = await createUplinkMapper({ registry: fnRegistry, now });
    const r = mapper.toEntities(chirpstack('0011223344556677', '0100e2', 5));
    expect(r.entities).toEqual([]);
    expect(r.errors.join()).toContain(
      '"elsys/ers-co2" of device 0011223344556677 was not preloaded',
    );

    const preloaded = await createUplinkMapper({
      registry: fnRegistry,
      now,
      deviceIds: ['elsys/ers-co2'],
    });
    expect(preloaded.toEntities(chirpstack('0011223344556677', '0100e2', 5)).errors).toEqual([]);
  });

  it('rejects deviceIds outside the catalog with DecoderError', async () => {
    const err = await createUplinkMapper({ registry: {}, deviceIds: ['acme/none'] }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DecoderError);
  });
});

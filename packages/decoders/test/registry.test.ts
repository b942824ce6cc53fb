import {
  DecoderError,
  decode,
  getDeviceInfo,
  listDevices,
  loadDecoder,
} from '@smartcitylab/decoders';
import { NgsiLdError } from '@smartcitylab/ngsi-ld';
import { describe, expect, it } from 'vitest';

const SUBPATHS = [
  'abeeway',
  'adeunis',
  'axioma',
  'browan',
  'decentlab',
  'dragino',
  'elsys',
  'imbuildings',
  'kamstrup',
  'milesight',
  'netvox',
  'sensative',
  'sensefarm',
  'sensing-labs',
  'talkpool',
  'tektelic',
  'vega',
  'watteco',
];

describe('registry', () => {
  const devices = listDevices();

  it('lists devices sorted by unique id', () => {
    const ids = devices.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('has at least one device for every vendor subpath, and no other subpath', () => {
    expect([...new Set(devices.map((d) => d.subpath))].sort()).toEqual(SUBPATHS);
  });

  it('catalog entries are well-formed', () => {
    for (const d of devices) {
      expect(d.id, d.id).toMatch(/^[a-z0-9-]+\/[a-z0-9.-]+$/);
      expect(d.id.endsWith(`/${d.model}`), d.id).toBe(true);
      expect(
        Number.isInteger(d.defaultFPort) && d.defaultFPort >= 1 && d.defaultFPort <= 223,
        d.id,
      ).toBe(true);
      expect(['A', 'B', 'C']).toContain(d.lorawanClass);
      expect(d.name.length, d.id).toBeGreaterThan(0);
      for (const q of d.quantities) expect(q.name.length, d.id).toBeGreaterThan(0);
    }
  });

  it('getDeviceInfo finds known ids and only those', () => {
    expect(getDeviceInfo('elsys/ers')?.subpath).toBe('elsys');
    expect(getDeviceInfo('milesight-iot/am307')?.subpath).toBe('milesight');
    expect(getDeviceInfo('elsys/nope')).toBeUndefined();
    expect(getDeviceInfo('__proto__')).toBeUndefined();
    expect(getDeviceInfo('constructor')).toBeUndefined();
  });

  it('loads a decoder for every listed device, whose info is the catalog entry', async () => {
    for (const d of devices) {
      const decoder = await loadDecoder(d.id);
      expect(decoder.info, d.id).toEqual(d);
    }
  });

  it('every vendor module decodes exactly its catalog devices', async () => {
    for (const subpath of SUBPATHS) {
      const mod = (await import(/* @vite-ignore */ `@smartcitylab/decoders/${subpath}`)) as {
        decoders: Record<string, unknown>;
      };
      const want = devices.filter((d) => d.subpath === subpath).map((d) => d.id);
      expect(Object.keys(mod.decoders).sort(), subpath).toEqual(want);
    }
  });

  it('loadDecoder rejects an unknown id with a typed error listing the known ids', async () => {
    const err = await loadDecoder('acme/widget').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecoderError);
    expect(err).toBeInstanceOf(NgsiLdError);
    expect((err as DecoderError).code).toBe('UnknownDevice');
    expect((err as DecoderError).message).toContain('"acme/widget"');
    expect((err as DecoderError).message).toContain('elsys/ers');
  });

  const unknownIds = ['acme/widget', '', '__proto__', 'toString', 'elsys'];
  for (const id of unknownIds) {
    it(`decode gives errors, not a rejection, for unknown id ${JSON.stringify(id)}`, async () => {
      const result = await decode(id, { bytes: [1, 0, 0xe2], fPort: 5 });
      expect(result).toHaveProperty('errors');
      if ('errors' in result) expect(result.errors[0]).toContain('known ids: ');
    });
  }

  it('decode routes to the device decoder', async () => {
    expect(await decode('elsys/ers', { bytes: [0x01, 0x00, 0xe2], fPort: 5 })).toEqual({
      data: { temperature: 22.6 },
    });
  });

  it('decode passes decoder errors through', async () => {
    const result = await decode('elsys/ers', { bytes: [0x01], fPort: 5 });
    expect(result).toHaveProperty('errors');
  });
});

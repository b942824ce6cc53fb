import { DecoderError } from '@smartcitylab/decoders';
import {
  type DeviceRegistry,
  decodedToEntities,
  defineMapping,
  getDefaultMapping,
  type Mapping,
  uplinksToEntities,
  uplinkToEntities,
} from '@smartcitylab/decoders/mapping';
import type { NormalizedEntity } from '@smartcitylab/ngsi-ld';
import { describe, expect, it } from 'vitest';
import { describeWithFixtures, readFixtureJson } from '../../../test-support/fixtures.js';

const NOW = new Date('2026-11-25T21:00:00.000Z');
const now = (): Date => NOW;
const SUNDSVALL = [17.3069, 62.3908] as const;
const T = NOW.toISOString();

function byType(entities: NormalizedEntity[], type: string): Record<string, unknown> | undefined {
  return entities.find((e) => e.type === type) as Record<string, unknown> | undefined;
}

const value = (e: Record<string, unknown> | undefined, attr: string): unknown =>
  (e?.[attr] as { value?: unknown } | undefined)?.value;

function chirpstack(
  devEui: string,
  hex: string,
  fPort: number,
  extra: Record<string, unknown> = {},
) {
  return {
    deviceInfo: { devEui, deviceName: 'test' },
    time: T,
    fPort,
    data: Buffer.from(hex, 'hex').toString('base64'),
    rxInfo: [{ gatewayId: '0016c001f153a14c', rssi: -80, snr: 9 }],
    ...extra,
  };
}

describe('mapping decoded readings to entities', () => {
  const base = { devEui: '0011223344556677', receivedAt: T, rssi: -90 };
  const cases: {
    name: string;
    deviceId: string;
    decoded: Record<string, unknown>;
    entry?: Record<string, unknown>;
    want: Record<string, Record<string, unknown>>;
    types?: string[];
    warning?: RegExp;
  }[] = [
    {
      name: 'indoor climate becomes IndoorEnvironmentObserved with humidity as a fraction',
      deviceId: 'elsys/ers-co2',
      decoded: { temperature: 22.6, humidity: 41, light: 39, co2: 776, motion: 6 },
      want: {
        IndoorEnvironmentObserved: {
          temperature: 22.6,
          relativeHumidity: 0.41,
          illuminance: 39,
          co2: 776,
        },
        Device: {
          controlledProperty: ['airPollution', 'humidity', 'light', 'temperature'],
          rssi: -90,
        },
      },
      types: ['IndoorEnvironmentObserved', 'Device'],
    },
    {
      name: 'the same device placed outdoors gives WeatherObserved and AirQualityObserved',
      deviceId: 'elsys/ers-co2',
      decoded: { temperature: 2.5, humidity: 90, co2: 420 },
      entry: { indoor: false },
      want: {
        WeatherObserved: { temperature: 2.5, relativeHumidity: 0.9 },
        AirQualityObserved: { co2: 420, typeofLocation: 'outdoor' },
      },
      types: ['WeatherObserved', 'AirQualityObserved', 'Device'],
    },
    {
      name: 'an indoor temperature below 0 °C, which IndoorEnvironmentObserved does not allow, is left out with a warning',
      deviceId: 'netvox/r718a',
      decoded: { Temp: -18.5, Humi: 60 },
      want: { IndoorEnvironmentObserved: { temperature: undefined, relativeHumidity: 0.6 } },
      warning: /-18.5 °C is below the 0 °C IndoorEnvironmentObserved allows/,
    },
    {
      name: 'the same cold reading outdoors stays in WeatherObserved',
      deviceId: 'netvox/r718a',
      decoded: { Temp: -18.5 },
      entry: { indoor: false },
      want: { WeatherObserved: { temperature: -18.5 } },
    },
    {
      name: 'Pa becomes hPa and nested Decentlab readings are unwrapped',
      deviceId: 'decentlab/dl-lp8p',
      decoded: { air_temperature: { value: 5 }, barometric_pressure: { value: 96800, unit: 'Pa' } },
      want: { WeatherObserved: { temperature: 5, atmosphericPressure: 968 } },
    },
    {
      name: 'distance in mm becomes fillingLevel = 1 - distance / depth',
      deviceId: 'milesight-iot/em500-udl',
      decoded: { battery: 92, distance: 500 },
      entry: { containerDepthM: 2 },
      want: { WasteContainer: { fillingLevel: 0.75 }, Device: { batteryLevel: 0.92 } },
    },
    {
      name: 'a distance beyond the container depth is clamped to empty with a warning',
      deviceId: 'decentlab/dl-mbx',
      decoded: { distance: { value: 2500 } },
      entry: { containerDepthM: 2 },
      want: { WasteContainer: { fillingLevel: 0 } },
      warning: /outside the container depth.*clamped to 0/,
    },
    {
      name: 'a distance without containerDepthM gives no WasteContainer and says what to set',
      deviceId: 'decentlab/dl-mbx',
      decoded: { distance: { value: 1000 } },
      entry: { containerDepthM: undefined },
      want: {},
      types: ['Device'],
      warning: /no positive containerDepthM/,
    },
    {
      name: 'VEGAPULS distance in feet and temperature in °F are converted',
      deviceId: 'vega/vegapuls-air-41',
      decoded: {
        Distance: 3.2808,
        DistanceUnit: 44,
        Temperature: 50,
        TemperatureUnit: 33,
        RemainingPower: 80,
      },
      entry: { containerDepthM: 4 },
      want: {
        WasteContainer: { fillingLevel: 0.75, temperature: 10 },
        Device: { batteryLevel: 0.8 },
      },
    },
    {
      name: 'water meter volume in m³ becomes integer litres',
      deviceId: 'axioma/qalcosonic-w1',
      decoded: { current_volume_m3: 6.054 },
      want: { WaterConsumptionObserved: { waterConsumption: 6054 } },
    },
    {
      name: 'Kamstrup profile values give the latest volume and flows in L/h',
      deviceId: 'kamstrup/flowiq2200',
      decoded: {
        values: [
          { Type: 'Volume', Value: 1.5, Unit: 'm3' },
          { Type: 'Max Volume flow', Value: 0.25, Unit: 'm3/h' },
        ],
      },
      want: { WaterConsumptionObserved: { waterConsumption: 1500, maxFlow: 250 } },
    },
    {
      name: 'presence with a parking site becomes a ParkingSpot status',
      deviceId: 'sensative/strips',
      decoded: { presence: { value: true } },
      entry: { refParkingSite: 'urn:ngsi-ld:ParkingSite:torget' },
      want: { ParkingSpot: { status: 'occupied', category: ['onStreet'] } },
      types: ['ParkingSpot', 'Device'],
    },
    {
      name: 'presence without a parking site becomes the Device state',
      deviceId: 'sensative/strips',
      decoded: { presence: { value: false } },
      want: { Device: { deviceState: 'free' } },
      types: ['Device'],
    },
    {
      name: 'a door contact becomes the Device state',
      deviceId: 'milesight-iot/ws301',
      decoded: { door: 'open', battery: 100 },
      want: { Device: { deviceState: 'open', batteryLevel: 1 } },
    },
    {
      name: 'a people counter adds both directions into peopleCount',
      deviceId: 'imbuildings/people-counter',
      decoded: { counter_a: 3, counter_b: 4 },
      want: { IndoorEnvironmentObserved: { peopleCount: 7 } },
    },
    {
      name: 'a battery percentage above 100 is left out with a warning',
      deviceId: 'milesight-iot/em300-th',
      decoded: { battery: 250, temperature: 20 },
      want: { Device: { batteryLevel: undefined } },
      warning: /battery 250 % is outside 0..100/,
    },
    {
      name: 'soil readings become DeviceMeasurements',
      deviceId: 'sensefarm/sensefarm-soil',
      decoded: { Temperature: 8.5, SoilMoistures: [12] },
      entry: { indoor: false },
      want: {
        DeviceMeasurement: { numValue: 8.5, controlledProperty: 'temperature', unit: 'CEL' },
      },
    },
    {
      name: 'ERS Sound levels become noise DeviceMeasurements',
      deviceId: 'elsys/ers-sound',
      decoded: { temperature: 21, soundAvg: 42 },
      want: { DeviceMeasurement: { numValue: 42, controlledProperty: 'noiseLevel', unit: '2N' } },
    },
    {
      name: 'SenLab T battery percent and temperature',
      deviceId: 'sensing-labs/senlab-t',
      decoded: { Temperature: 22.375, BatteryLevel: 71 },
      want: { IndoorEnvironmentObserved: { temperature: 22.375 }, Device: { batteryLevel: 0.71 } },
    },
    {
      name: 'an Abeeway GPS fix is the Device location',
      deviceId: 'abeeway/asset-tracker-2',
      decoded: { gpsLatitude: 62.39, gpsLongitude: 17.3, batteryLevel: 254 },
      want: {
        Device: { batteryLevel: 1, location: { type: 'Point', coordinates: [17.3, 62.39] } },
      },
    },
  ];

  it.each(cases)('$name', ({ deviceId, decoded, entry, want, types, warning }) => {
    const mapping = getDefaultMapping(deviceId) as Mapping;
    const out = decodedToEntities(decoded, mapping, {
      ...base,
      entry: { deviceId, location: SUNDSVALL, ...entry },
    });
    for (const [type, attrs] of Object.entries(want)) {
      const e = byType(out.entities, type);
      expect(e, type).toBeDefined();
      for (const [attr, v] of Object.entries(attrs))
        expect(value(e, attr), `${type}.${attr}`).toEqual(v);
    }
    if (types) expect(out.entities.map((e) => e.type)).toEqual(types);
    if (warning) expect(out.warnings.join('\n')).toMatch(warning);
    else expect(out.warnings).toEqual([]);
  });

  it('writes unit codes, observedAt, dateObserved and refDevice', () => {
    const out = decodedToEntities(
      { temperature: 22.6, humidity: 41 },
      getDefaultMapping('elsys/ers') as Mapping,
      {
        ...base,
        entry: { deviceId: 'elsys/ers', location: SUNDSVALL, name: 'Room 1' },
      },
    );
    expect(out.entities[0]).toEqual({
      id: 'urn:ngsi-ld:IndoorEnvironmentObserved:0011223344556677',
      type: 'IndoorEnvironmentObserved',
      temperature: { type: 'Property', value: 22.6, observedAt: T, unitCode: 'CEL' },
      relativeHumidity: { type: 'Property', value: 0.41, observedAt: T, unitCode: 'C62' },
      dateObserved: { type: 'Property', value: { '@type': 'DateTime', '@value': T } },
      refDevice: { type: 'Relationship', object: 'urn:ngsi-ld:Device:0011223344556677' },
      location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [17.3069, 62.3908] } },
      name: { type: 'Property', value: 'Room 1' },
    });
  });
});

describe('uplinkToEntities', () => {
  const registry: DeviceRegistry = {
    '0011223344556677': { deviceId: 'elsys/ers', location: SUNDSVALL },
  };

  it('runs envelope → decoder → entities, with the receive time as observedAt', async () => {
    const r = await uplinkToEntities(
      JSON.stringify(chirpstack('0011223344556677', '0100e202290400270506', 5)),
      {
        registry,
        now,
      },
    );
    expect(r.errors).toEqual([]);
    expect(r.decoded).toEqual({ temperature: 22.6, humidity: 41, light: 39, motion: 6 });
    const ieo = byType(r.entities, 'IndoorEnvironmentObserved');
    expect(ieo?.temperature).toEqual({
      type: 'Property',
      value: 22.6,
      observedAt: T,
      unitCode: 'CEL',
    });
    expect(value(byType(r.entities, 'Device'), 'rssi')).toBe(-80);
  });

  it('looks DevEUIs up in any case and accepts a registry function', async () => {
    const r = await uplinkToEntities(chirpstack('00112233445566AA', '0100e2', 5), {
      registry: (eui) =>
        eui === '00112233445566aa' ? { deviceId: 'elsys/ers', location: SUNDSVALL } : undefined,
    });
    expect(r.errors).toEqual([]);
    expect(r.entities.map((e) => e.id)).toContain(
      'urn:ngsi-ld:IndoorEnvironmentObserved:00112233445566aa',
    );
  });

  const bad: { name: string; given: unknown; options?: Record<string, unknown>; want: RegExp }[] = [
    {
      name: 'an unknown DevEUI names it and says to add it',
      given: chirpstack('ffffffffffffffff', '00', 5),
      want: /device ffffffffffffffff is not in the device registry: add it/,
    },
    { name: 'text that is not JSON', given: '{oops', want: /JSON|json/ },
    { name: 'a JSON value that is no uplink', given: 42, want: /uplink/ },
    {
      name: 'a decoder id that does not exist and no server-decoded object',
      given: chirpstack('0011223344556677', '00', 5),
      options: { registry: { '0011223344556677': { deviceId: 'acme/none' } } },
      want: /"acme\/none", which is not in the catalog/,
    },
    {
      name: 'a registry function that throws',
      given: chirpstack('0011223344556677', '00', 5),
      options: {
        registry: () => {
          throw new Error('db down');
        },
      },
      want: /lookup for 0011223344556677 failed: db down/,
    },
    {
      name: 'a decoder error',
      given: chirpstack('0011223344556677', 'ff', 42),
      options: { registry: { '0011223344556677': { deviceId: 'browan/tbhh100' } } },
      want: /browan\/tbhh100 0011223344556677: unknown FPort/,
    },
  ];
  it.each(bad)('reports $name without throwing', async ({ given, options, want }) => {
    const r = await uplinkToEntities(given, { registry, ...options });
    expect(r.entities).toEqual([]);
    expect(r.errors.join('\n')).toMatch(want);
  });

  it('maps a server-decoded object with a user mapping when no decoder is known', async () => {
    const thermo = defineMapping({
      deviceId: 'acme/thermo',
      indoor: false,
      entities: [
        {
          type: 'WeatherObserved',
          attributes: [{ from: 'temp', to: 'temperature', unitCode: 'CEL' }],
        },
      ],
    });
    const r = await uplinkToEntities(
      chirpstack('0011223344556677', '00', 5, { object: { temp: -3.5 } }),
      {
        registry: { '0011223344556677': { deviceId: 'acme/thermo', location: SUNDSVALL } },
        mappings: [thermo],
      },
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings.join()).toMatch(/using the object the network server decoded/);
    expect(value(byType(r.entities, 'WeatherObserved'), 'temperature')).toBe(-3.5);
  });

  it('lets a user mapping replace a default one', async () => {
    const mine = defineMapping({
      deviceId: 'elsys/ers',
      entities: [
        {
          type: 'DeviceMeasurement',
          attributes: [{ from: 'light', to: 'numValue', unitCode: 'LUX' }],
        },
      ],
    });
    const r = await uplinkToEntities(chirpstack('0011223344556677', '0100e202290400270506', 5), {
      registry,
      mappings: [mine],
    });
    expect(r.entities.map((e) => e.type)).toEqual(['DeviceMeasurement', 'Device']);
  });

  it('validates on request and reports schema and quality errors', async () => {
    const r = await uplinkToEntities(chirpstack('0011223344556677', '0100e2', 5), {
      registry: { '0011223344556677': { deviceId: 'elsys/ers' } },
      validate: true,
      now,
    });
    // No location in the registry or the uplink: IndoorEnvironmentObserved requires one.
    expect(r.warnings.join()).toMatch(/has no location/);
    expect(r.errors.join('\n')).toMatch(
      /urn:ngsi-ld:IndoorEnvironmentObserved:0011223344556677 .*location/,
    );
  });

  it('validates a good entity without errors', async () => {
    const r = await uplinkToEntities(chirpstack('0011223344556677', '0100e2', 5), {
      registry,
      validate: true,
      now,
    });
    expect(r.errors).toEqual([]);
  });

  it('never resolves the prototype through a __proto__ key in the registry or decoded object', async () => {
    const reg = JSON.parse('{"__proto__": {"deviceId": "elsys/ers"}}') as DeviceRegistry;
    const r = await uplinkToEntities(chirpstack('0011223344556677', '00', 5), { registry: reg });
    expect(r.errors.join()).toMatch(/not in the device registry/);
    expect(({} as Record<string, unknown>).deviceId).toBeUndefined();
  });
});

describe('uplinksToEntities', () => {
  it('reports a bad element by index and keeps the good ones', async () => {
    const good = { devEui: '0011223344556677', fPort: '5', payload: '0100e2', timestamp: T };
    const results = await uplinksToEntities([good, { devEui: 'nope' }, good], {
      registry: { '0011223344556677': { deviceId: 'elsys/ers', location: SUNDSVALL } },
    });
    expect(results.map((r) => r.errors.length)).toEqual([0, 1, 0]);
    expect(results[1]?.errors[0]).toMatch(/^\[1\] /);
    expect(results[2]?.entities.map((e) => e.type)).toEqual([
      'IndoorEnvironmentObserved',
      'Device',
    ]);
  });

  it('gives one error result for text that is not JSON', async () => {
    const results = await uplinksToEntities('[{', { registry: {} });
    expect(results).toHaveLength(1);
    expect(results[0]?.errors).toHaveLength(1);
  });
});

describe('defineMapping', () => {
  const bad: { name: string; given: unknown; want: RegExp }[] = [
    { name: 'no deviceId', given: { entities: [] }, want: /deviceId/ },
    {
      name: 'entities not an array',
      given: { deviceId: 'a/b', entities: {} },
      want: /entities must be an array/,
    },
    {
      name: 'a bad entity type',
      given: { deviceId: 'a/b', entities: [{ type: 'no spaces', attributes: [] }] },
      want: /entities\[0\]\.type/,
    },
    {
      name: 'a rule without target',
      given: { deviceId: 'a/b', entities: [{ type: 'X', attributes: [{ from: 'a' }] }] },
      want: /attributes\[0\]\.to/,
    },
    {
      name: 'a rule with a numeric from',
      given: { deviceId: 'a/b', entities: [], device: [{ from: 1, to: 'x' }] },
      want: /device\[0\]\.from/,
    },
  ];
  it.each(bad)('rejects $name with a DecoderError', ({ given, want }) => {
    expect(() => defineMapping(given as Mapping)).toThrow(DecoderError);
    expect(() => defineMapping(given as Mapping)).toThrow(want);
  });
});

describeWithFixtures('uplinkToEntities on network-server envelope fixtures', 'envelopes', () => {
  function messageOf(file: string): unknown {
    const { _source, ...rest } = readFixtureJson<Record<string, unknown>>('envelopes', file);
    return 'body' in rest ? rest.body : rest;
  }
  const cases: {
    file: string;
    registry: DeviceRegistry;
    options?: Record<string, unknown>;
    wantTypes: string[];
    wantWarning?: RegExp;
  }[] = [
    {
      // Helium example payload is an Elsys ERS frame: 22.6 °C, 41 %, 39 lx, motion 6.
      file: 'helium-console-uplink.json',
      registry: { a81758fffe0312ab: { deviceId: 'elsys/ers', location: SUNDSVALL } },
      wantTypes: ['IndoorEnvironmentObserved', 'Device'],
    },
    {
      // TTS example carries a server-decoded object for a device the package does not know.
      file: 'tts-v3-uplink-message.json',
      registry: { '0004a30b001c0530': { deviceId: 'example/thermo', location: SUNDSVALL } },
      options: {
        mappings: [
          defineMapping({
            deviceId: 'example/thermo',
            indoor: true,
            entities: [
              {
                type: 'IndoorEnvironmentObserved',
                attributes: [{ from: 'temperature', to: 'temperature', unitCode: 'CEL' }],
              },
            ],
          }),
        ],
      },
      wantTypes: ['IndoorEnvironmentObserved', 'Device'],
      wantWarning: /using the object the network server decoded/,
    },
    {
      // ChirpStack v3 capture from Sundsvall: anonymised non-hex DevEUI, Elsys codec output in `object`.
      file: 'chirpstack-v3-legacy-uplink.json',
      registry: { dfge5t634tr4545: { deviceId: 'elsys/elt-2', location: SUNDSVALL } },
      options: { envelope: { allowNonHexDevEui: true } },
      wantTypes: ['WeatherObserved', 'Device'],
    },
  ];
  cases.push({
    // Netmore extended push from Kretsloppvatten: a 47-byte Qalcosonic W1 "w1e" frame, which the
    // diwise-shaped decoder reads (the TTN and universal-codec shapes expect 51 bytes); anonymised non-hex DevEUI.
    file: 'netmore-uplink-extended.json',
    registry: {
      rg34g34gerg3454trg: { deviceId: 'axioma/qalcosonic-w1-diwise', location: SUNDSVALL },
    },
    options: { envelope: { allowNonHexDevEui: true } },
    wantTypes: ['WaterConsumptionObserved', 'Device'],
  });
  it.each(cases)('$file', async ({ file, registry, options, wantTypes, wantWarning }) => {
    const message = messageOf(file);
    // Netmore pushes arrays: those go through uplinksToEntities.
    const r = Array.isArray(message)
      ? (await uplinksToEntities(message, { registry, now, ...options }))[0]
      : await uplinkToEntities(message, { registry, now, ...options });
    if (r === undefined) throw new Error(`no result for ${file}`);
    expect(r.errors).toEqual([]);
    expect(r.entities.map((e) => e.type)).toEqual(wantTypes);
    if (wantWarning) expect(r.warnings.join()).toMatch(wantWarning);
  });

  it('names the DevEUI of a ChirpStack v4 uplink from a device nobody registered', async () => {
    const r = await uplinkToEntities(messageOf('chirpstack-v4-event-up.json'), {
      registry: {},
      now,
    });
    expect(r.uplink?.network).toBe('chirpstack-v4');
    expect(r.errors).toEqual([
      expect.stringMatching(/device 0101010101010101 is not in the device registry/),
    ]);
  });

  it('maps every uplink of a Netmore array and reports the unknown ones', async () => {
    const results = await uplinksToEntities(messageOf('netmore-uplink.json'), {
      registry: { '00138e0000007608': { deviceId: 'sensative/strips', location: SUNDSVALL } },
      now,
    });
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.errors).toEqual([]);
      expect(r.entities.at(-1)?.id).toBe('urn:ngsi-ld:Device:00138e0000007608');
    }
    const unknown = await uplinksToEntities(messageOf('netmore-uplink.json'), { registry: {} });
    expect(unknown[0]?.errors[0]).toMatch(/00138e0000007608 is not in the device registry/);
  });
});

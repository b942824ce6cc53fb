/**
 * Default mappings for every decoder in the catalog, keyed by the decoded key names each
 * decoder produces. Plain data plus small functions; nothing runs on import.
 */
import {
  atmosphericPressure,
  batteryPercent,
  co2,
  doorState,
  environment,
  fillingLevelFromDistance,
  illuminance,
  measurement,
  presence,
  relativeHumidity,
  temperature,
  waterVolume,
} from './rules.js';
import type { AttributeRule, DecodedObject, EntityRule, Mapping } from './types.js';

/** Abeeway reports battery 1..254 for 0..100 % (0 charging, 255 unknown; the decoder gives null for those). */
const abeewayBattery: AttributeRule = {
  from: 'batteryLevel',
  to: 'batteryLevel',
  unitCode: 'C62',
  convert: (v) =>
    typeof v === 'number' && v >= 1 && v <= 254
      ? Math.round(((v - 1) / 253) * 10_000) / 10_000
      : undefined,
};

function kamstrupValue(type: string) {
  return (d: DecodedObject): unknown => {
    const values = d.values;
    if (!Array.isArray(values)) return undefined;
    // The decoder lists profile values newest first.
    for (const item of values) {
      if (
        item !== null &&
        typeof item === 'object' &&
        (item as Record<string, unknown>).Type === type
      ) {
        const v = (item as Record<string, unknown>).Value;
        if (typeof v === 'number') return v;
      }
    }
    return undefined;
  };
}

const kamstrupVolume = (d: DecodedObject): unknown =>
  typeof d.latestVolume === 'number' ? d.latestVolume : kamstrupValue('Volume')(d);

const vegaMetresPerUnit = (d: DecodedObject): number | undefined => {
  // DistanceUnit codes of the VEGAPULS Air: 44 ft, 45 m, 47 in, 49 mm.
  switch (d.DistanceUnit) {
    case 44:
      return 0.3048;
    case 47:
      return 0.0254;
    case 49:
      return 0.001;
    default:
      return 1;
  }
};

const vegaTemperature: AttributeRule = {
  from: 'Temperature',
  to: 'temperature',
  unitCode: 'CEL',
  convert: (v, ctx) => {
    if (typeof v !== 'number') return undefined;
    return ctx.decoded.TemperatureUnit === 33 ? Math.round((((v - 32) * 5) / 9) * 100) / 100 : v;
  },
};

const vega = (deviceId: string): Mapping => ({
  deviceId,
  indoor: false,
  entities: [
    {
      type: 'WasteContainer',
      attributes: [
        fillingLevelFromDistance('Distance', (ctx) => vegaMetresPerUnit(ctx.decoded)),
        vegaTemperature,
      ],
    },
  ],
  device: [batteryPercent('RemainingPower')],
});

const milesightClimate = [temperature('temperature'), relativeHumidity('humidity')];

const elsysRoom = (deviceId: string, extra: { light?: boolean; co2?: boolean } = {}): Mapping => ({
  deviceId,
  indoor: true,
  entities: environment({
    climate: [
      temperature('temperature'),
      relativeHumidity('humidity'),
      ...(extra.light ? [illuminance('light')] : []),
    ],
    air: extra.co2 ? [co2('co2')] : [],
  }),
});

const browanDoor = doorState('status', (v) => v === 1);
const browanMotion = presence('status', (v) => v === 1);
const strips = presence(['presence', 'closeProximityAlarm']);
const vaqaoOccupancy = presence('occupancy');
const dl5tmSoil: EntityRule[] = [
  measurement('soil_temperature', 'temperature', 'CEL', 'soilTemperature'),
  measurement('volumetric_water_content', 'soilMoisture', 'C62', 'volumetricWaterContent'),
  measurement('dielectric_permittivity', 'soilMoisture', 'C62', 'dielectricPermittivity'),
];

/**
 * The shipped mappings, one per decoder id of `listDevices()`.
 *
 * @example
 * ```ts
 * import { DEFAULT_MAPPINGS } from '@smartcitylab/decoders/mapping';
 * const types = new Set(DEFAULT_MAPPINGS.flatMap((m) => m.entities.map((e) => e.type)));
 * ```
 */
export const DEFAULT_MAPPINGS: readonly Mapping[] = [
  {
    deviceId: 'abeeway/asset-tracker-2',
    indoor: false,
    entities: [measurement('temperatureMeasure', 'temperature', 'CEL')],
    device: [abeewayBattery],
    position: (d) =>
      typeof d.gpsLongitude === 'number' && typeof d.gpsLatitude === 'number'
        ? [d.gpsLongitude, d.gpsLatitude]
        : undefined,
  },
  {
    deviceId: 'adeunis/comfort-co2',
    indoor: true,
    entities: environment({
      climate: [
        temperature('bytes.temperature.values.0'),
        relativeHumidity('bytes.humidity.values.0'),
      ],
      air: [co2('bytes.co2.values.0')],
    }),
  },
  {
    deviceId: 'adeunis/pulse',
    entities: [
      {
        type: 'WaterConsumptionObserved',
        attributes: [
          {
            from: 'bytes.counterValues.0',
            to: 'waterConsumption',
            unitCode: 'LTR',
            convert: (v, ctx) => {
              const litres = ctx.entry.pulseVolumeL;
              if (typeof v !== 'number') return undefined;
              if (typeof litres !== 'number' || !(litres > 0)) {
                ctx.warn(
                  `device ${ctx.devEui} (adeunis/pulse) counts pulses but its registry entry has no pulseVolumeL; waterConsumption left out`,
                );
                return undefined;
              }
              return Math.round(v * litres);
            },
          },
        ],
      },
    ],
  },
  {
    deviceId: 'axioma/qalcosonic-w1',
    entities: [
      { type: 'WaterConsumptionObserved', attributes: [waterVolume('current_volume_m3', 1000)] },
    ],
  },
  {
    deviceId: 'axioma/qalcosonic-w1-diwise',
    entities: [{ type: 'WaterConsumptionObserved', attributes: [waterVolume('Current')] }],
  },
  {
    deviceId: 'axioma/qalcosonic-w1-universal-codec',
    entities: [{ type: 'WaterConsumptionObserved', attributes: [waterVolume('curVol')] }],
  },
  { deviceId: 'browan/tbdw100', indoor: true, entities: [], device: [browanDoor] },
  {
    deviceId: 'browan/tbhh100',
    indoor: true,
    entities: environment({ climate: [temperature('temperature'), relativeHumidity('humidity')] }),
  },
  {
    deviceId: 'browan/tbms100',
    indoor: true,
    entities: [browanMotion.spot],
    device: [browanMotion.state],
  },
  { deviceId: 'decentlab/dl-5tm', indoor: false, entities: dl5tmSoil },
  {
    deviceId: 'decentlab/dl-lp8p',
    indoor: false,
    entities: environment({
      climate: [
        temperature('air_temperature'),
        relativeHumidity('air_humidity'),
        atmosphericPressure('barometric_pressure', 0.01),
      ],
      air: [co2('co2_concentration')],
    }),
  },
  {
    deviceId: 'decentlab/dl-mbx',
    indoor: false,
    entities: [
      { type: 'WasteContainer', attributes: [fillingLevelFromDistance('distance', 0.001)] },
    ],
  },
  {
    deviceId: 'dragino/lht65',
    indoor: true,
    entities: environment({ climate: [temperature('TempC_SHT'), relativeHumidity('Hum_SHT')] }),
  },
  {
    deviceId: 'dragino/lsn50-v2',
    indoor: false,
    entities: [
      ...environment({ climate: [temperature('TempC_SHT'), relativeHumidity('Hum_SHT')] }),
      { type: 'WasteContainer', attributes: [fillingLevelFromDistance('Distance_cm', 0.01)] },
    ],
    device: [doorState('Door_status', (v) => v === 'OPEN')],
  },
  {
    deviceId: 'elsys/elt-2',
    indoor: false,
    entities: environment({
      climate: [
        temperature(['externalTemperature', 'temperature']),
        relativeHumidity('humidity'),
        atmosphericPressure('pressure'),
      ],
    }),
  },
  {
    deviceId: 'elsys/elt-lite',
    indoor: false,
    entities: environment({ climate: [temperature('externalTemperature')] }),
  },
  elsysRoom('elsys/ems'),
  elsysRoom('elsys/ems-door'),
  elsysRoom('elsys/ers', { light: true }),
  elsysRoom('elsys/ers-co2', { light: true, co2: true }),
  elsysRoom('elsys/ers-lite'),
  {
    ...elsysRoom('elsys/ers-sound', { light: true }),
    entities: [
      ...elsysRoom('elsys/ers-sound', { light: true }).entities,
      measurement('soundAvg', 'noiseLevel', '2N', 'soundAvg'),
      measurement('soundPeak', 'noiseLevel', '2N', 'soundPeak'),
    ],
  },
  {
    deviceId: 'imbuildings/people-counter',
    indoor: true,
    entities: environment({
      people: [
        {
          // counter_a and counter_b are the people that passed in each direction since the last uplink.
          from: (d) =>
            typeof d.counter_a === 'number' && typeof d.counter_b === 'number'
              ? d.counter_a + d.counter_b
              : undefined,
          to: 'peopleCount',
          unitCode: 'IE',
        },
      ],
    }),
  },
  {
    deviceId: 'kamstrup/flowiq2200',
    entities: [
      {
        type: 'WaterConsumptionObserved',
        attributes: [
          waterVolume(kamstrupVolume, 1000),
          // m³/h → L/h (UN/CEFACT E32), integers in the model.
          {
            from: kamstrupValue('Max Volume flow'),
            to: 'maxFlow',
            unitCode: 'E32',
            scale: 1000,
            round: true,
          },
          {
            from: kamstrupValue('Min Volume flow'),
            to: 'minFlow',
            unitCode: 'E32',
            scale: 1000,
            round: true,
          },
        ],
      },
    ],
  },
  {
    deviceId: ['milesight-iot/am307', 'milesight-iot/am319'],
    indoor: true,
    entities: environment({
      climate: [...milesightClimate, atmosphericPressure('pressure')],
      air: [
        co2('co2'),
        { from: 'pm2.5', to: 'pm25', unitCode: 'GQ' },
        { from: 'pm10', to: 'pm10', unitCode: 'GQ' },
        { from: 'o3', to: 'o3', unitCode: '59' },
      ],
    }),
    device: [batteryPercent('battery')],
  },
  {
    deviceId: 'milesight-iot/em300-th',
    indoor: true,
    entities: environment({ climate: milesightClimate }),
    device: [batteryPercent('battery')],
  },
  {
    deviceId: ['milesight-iot/em310-udl', 'milesight-iot/em500-udl'],
    indoor: false,
    entities: [
      { type: 'WasteContainer', attributes: [fillingLevelFromDistance('distance', 0.001)] },
    ],
    device: [batteryPercent('battery')],
  },
  {
    deviceId: 'milesight-iot/em500-co2',
    indoor: false,
    entities: environment({
      climate: [...milesightClimate, atmosphericPressure('pressure')],
      air: [co2('co2')],
    }),
    device: [batteryPercent('battery')],
  },
  { deviceId: 'milesight-iot/ws101', entities: [], device: [batteryPercent('battery')] },
  {
    deviceId: 'milesight-iot/ws301',
    entities: [],
    device: [batteryPercent('battery'), doorState('door', (v) => v === 'open')],
  },
  {
    deviceId: 'netvox/r311a',
    indoor: true,
    entities: [],
    device: [doorState('OnOff', (v) => v === 1)],
  },
  {
    deviceId: 'netvox/r718a',
    indoor: true,
    entities: environment({ climate: [temperature('Temp'), relativeHumidity('Humi')] }),
  },
  {
    deviceId: 'netvox/r718b',
    indoor: true,
    entities: environment({ climate: [temperature('Temp')] }),
  },
  {
    deviceId: 'sensative/strips',
    indoor: true,
    entities: [
      ...environment({
        climate: [temperature('temperature'), relativeHumidity('humidity'), illuminance('lux')],
      }),
      strips.spot,
    ],
    device: [batteryPercent('battery'), doorState('door'), strips.state],
  },
  {
    deviceId: 'sensefarm/sensefarm-soil',
    indoor: false,
    entities: [
      measurement('Temperature', 'temperature', 'CEL', 'soilTemperature'),
      measurement('SoilMoistures.0', 'soilMoisture', 'KPA', 'soilWaterTension'),
    ],
  },
  {
    deviceId: 'sensing-labs/senlab-t',
    indoor: true,
    entities: environment({ climate: [temperature('Temperature')] }),
    device: [batteryPercent('BatteryLevel')],
  },
  {
    deviceId: 'talkpool/oy1210',
    indoor: true,
    entities: environment({
      climate: [temperature('Temperature'), relativeHumidity('Humidity')],
      air: [co2('CO2')],
    }),
  },
  {
    deviceId: 'tektelic/t00061xx-smart-room-sensor',
    indoor: true,
    entities: environment({
      climate: [temperature('ambient_temperature'), relativeHumidity('relative_humidity')],
    }),
    device: [doorState('reed_state')],
  },
  vega('vega/vegapuls-air-41'),
  vega('vega/vegapuls-air-42'),
  {
    deviceId: 'watteco/vaqao-lite',
    indoor: true,
    entities: [
      ...environment({
        climate: [
          temperature('temperature_1'),
          relativeHumidity('humidity_1'),
          illuminance('illuminance'),
          atmosphericPressure('pressure'),
        ],
        air: [co2('CO2'), { from: 'IAQ', to: 'airQualityIndex', round: true }],
      }),
      vaqaoOccupancy.spot,
    ],
    device: [vaqaoOccupancy.state],
  },
];

/**
 * The default mapping of a decoder id, or `undefined` when none ships.
 *
 * @example
 * ```ts
 * import { getDefaultMapping } from '@smartcitylab/decoders/mapping';
 * getDefaultMapping('elsys/ers')?.entities.map((e) => e.type);
 * ```
 */
export function getDefaultMapping(deviceId: string): Mapping | undefined {
  for (const m of DEFAULT_MAPPINGS) {
    if (m.deviceId === deviceId || (Array.isArray(m.deviceId) && m.deviceId.includes(deviceId)))
      return m;
  }
  return undefined;
}

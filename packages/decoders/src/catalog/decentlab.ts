import type { DeviceInfo } from '../types.js';

const base = {
  vendor: 'Decentlab',
  subpath: 'decentlab',
  lorawanClass: 'A',
  defaultFPort: 1,
} as const;
const battery = { name: 'battery_voltage', unit: 'VLT' } as const;

/**
 * Decentlab devices: all use the Decentlab protocol version 2 frame. Plain data; importing it loads no decoder code.
 *
 * @example
 * ```ts
 * import { catalog } from '@smartcitylab/decoders/decentlab';
 * console.log(catalog.find((d) => d.id === 'decentlab/dl-mbx')?.defaultFPort);
 * ```
 */
export const catalog: readonly DeviceInfo[] = [
  {
    ...base,
    id: 'decentlab/dl-5tm',
    model: 'dl-5tm',
    name: 'DL-5TM Soil Moisture and Temperature Sensor',
    quantities: [
      { name: 'dielectric_permittivity' },
      { name: 'volumetric_water_content' },
      { name: 'soil_temperature', unit: 'CEL' },
      battery,
    ],
  },
  {
    ...base,
    id: 'decentlab/dl-lp8p',
    model: 'dl-lp8p',
    name: 'DL-LP8P CO2, Temperature, Humidity and Barometric Pressure Sensor',
    quantities: [
      { name: 'air_temperature', unit: 'CEL' },
      { name: 'air_humidity', unit: 'P1' },
      { name: 'barometric_pressure', unit: 'PAL' },
      { name: 'co2_concentration', unit: '59' },
      battery,
    ],
  },
  {
    ...base,
    id: 'decentlab/dl-mbx',
    model: 'dl-mbx',
    name: 'DL-MBX Ultrasonic Distance Sensor',
    quantities: [{ name: 'distance', unit: 'MMT' }, { name: 'number_of_valid_samples' }, battery],
  },
];

import type { DeviceInfo, Quantity } from '../types.js';

const battery: Quantity = { name: 'battery', unit: 'P1' };
const temperature: Quantity = { name: 'temperature', unit: 'CEL' };
const humidity: Quantity = { name: 'humidity', unit: 'P1' };

const base = {
  vendor: 'Milesight IoT',
  subpath: 'milesight',
  lorawanClass: 'A',
  defaultFPort: 85,
} as const;

/**
 * Milesight IoT devices: all use the Milesight channel/type/value payload format. Plain data; importing it loads no decoder code.
 *
 * @example
 * ```ts
 * import { catalog } from '@smartcitylab/decoders/milesight';
 * console.log(catalog.find((d) => d.id === 'milesight-iot/ws301')?.defaultFPort);
 * ```
 */
export const catalog: readonly DeviceInfo[] = [
  {
    ...base,
    id: 'milesight-iot/am307',
    model: 'am307',
    name: 'AM307 Ambience Monitoring Sensor',
    quantities: [
      battery,
      temperature,
      humidity,
      { name: 'activity' },
      { name: 'light_level' },
      { name: 'co2', unit: '59' },
      { name: 'tvoc' },
      { name: 'pressure', unit: 'A97' },
    ],
  },
  {
    ...base,
    id: 'milesight-iot/am319',
    model: 'am319',
    name: 'AM319 Ambience Monitoring Sensor',
    quantities: [
      battery,
      temperature,
      humidity,
      { name: 'activity' },
      { name: 'light_level' },
      { name: 'co2', unit: '59' },
      { name: 'tvoc' },
      { name: 'pressure', unit: 'A97' },
      { name: 'hcho', unit: 'GP' },
      { name: 'pm2.5', unit: 'GQ' },
      { name: 'pm10', unit: 'GQ' },
      { name: 'o3', unit: '59' },
    ],
  },
  {
    ...base,
    id: 'milesight-iot/em300-th',
    model: 'em300-th',
    name: 'EM300-TH Temperature and Humidity Sensor',
    quantities: [battery, temperature, humidity],
  },
  {
    ...base,
    id: 'milesight-iot/em310-udl',
    model: 'em310-udl',
    name: 'EM310-UDL Ultrasonic Distance Sensor',
    quantities: [battery, { name: 'distance', unit: 'MMT' }, { name: 'tilt' }],
  },
  {
    ...base,
    id: 'milesight-iot/em500-co2',
    model: 'em500-co2',
    name: 'EM500-CO2 Sensor',
    quantities: [
      battery,
      temperature,
      humidity,
      { name: 'co2', unit: '59' },
      { name: 'pressure', unit: 'A97' },
    ],
  },
  {
    ...base,
    id: 'milesight-iot/em500-udl',
    model: 'em500-udl',
    name: 'EM500-UDL Ultrasonic Distance Sensor',
    quantities: [battery, { name: 'distance', unit: 'MMT' }],
  },
  {
    ...base,
    id: 'milesight-iot/ws101',
    model: 'ws101',
    name: 'WS101 Smart Button',
    quantities: [battery, { name: 'button' }],
  },
  {
    ...base,
    id: 'milesight-iot/ws301',
    model: 'ws301',
    name: 'WS301 Magnetic Contact Switch',
    quantities: [battery, { name: 'door' }, { name: 'install' }],
  },
];

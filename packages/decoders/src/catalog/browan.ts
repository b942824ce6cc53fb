import type { DeviceInfo } from '../types.js';

const base = { vendor: 'Browan', subpath: 'browan', lorawanClass: 'A' } as const;

/**
 * Browan (Tabs) devices. Plain data; importing it loads no decoder code.
 *
 * @example
 * ```ts
 * import { catalog } from '@smartcitylab/decoders/browan';
 * console.log(catalog.find((d) => d.id === 'browan/tbdw100')?.defaultFPort);
 * ```
 */
export const catalog: readonly DeviceInfo[] = [
  {
    ...base,
    id: 'browan/tbdw100',
    model: 'tbdw100',
    name: 'TBDW100 Door & Window Sensor',
    quantities: [
      { name: 'status' },
      { name: 'battery', unit: 'VLT' },
      { name: 'temperatureBoard', unit: 'CEL' },
      { name: 'time', unit: 'MIN' },
      { name: 'count' },
    ],
    defaultFPort: 100,
  },
  {
    ...base,
    id: 'browan/tbhh100',
    model: 'tbhh100',
    name: 'TBHH100 Temperature & Humidity Sensor',
    quantities: [
      { name: 'status' },
      { name: 'battery', unit: 'VLT' },
      { name: 'temperature', unit: 'CEL' },
      { name: 'humidity', unit: 'P1' },
    ],
    defaultFPort: 103,
  },
  {
    ...base,
    id: 'browan/tbms100',
    model: 'tbms100',
    name: 'TBMS100 Motion Sensor',
    quantities: [
      { name: 'status' },
      { name: 'battery', unit: 'VLT' },
      { name: 'temperatureBoard', unit: 'CEL' },
      { name: 'time', unit: 'MIN' },
      { name: 'count' },
    ],
    defaultFPort: 102,
  },
];

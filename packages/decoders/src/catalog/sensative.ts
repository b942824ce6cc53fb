import type { DeviceInfo } from '../types.js';

/**
 * Sensative devices. Plain data; importing it loads no decoder code.
 *
 * @example
 * ```ts
 * import { catalog } from '@smartcitylab/decoders/sensative';
 * console.log(catalog.find((d) => d.id === 'sensative/strips')?.defaultFPort);
 * ```
 */
export const catalog: readonly DeviceInfo[] = [
  {
    id: 'sensative/strips',
    vendor: 'Sensative',
    model: 'strips',
    name: 'Strips',
    subpath: 'sensative',
    quantities: [
      { name: 'battery', unit: 'P1' },
      { name: 'temperature', unit: 'CEL' },
      { name: 'humidity', unit: 'P1' },
      { name: 'lux', unit: 'LUX' },
      { name: 'door' },
      { name: 'flood', unit: 'P1' },
      { name: 'presence' },
      { name: 'closeProximityAlarm' },
    ],
    lorawanClass: 'A',
    defaultFPort: 1,
  },
];

import type { DeviceInfo } from '../types.js';

/**
 * Tektelic devices. Plain data; importing it loads no decoder code.
 *
 * @example
 * ```ts
 * import { catalog } from '@smartcitylab/decoders/tektelic';
 * console.log(catalog.find((d) => d.id === 'tektelic/t00061xx-smart-room-sensor')?.defaultFPort);
 * ```
 */
export const catalog: readonly DeviceInfo[] = [
  {
    id: 'tektelic/t00061xx-smart-room-sensor',
    vendor: 'Tektelic',
    model: 't00061xx-smart-room-sensor',
    name: 'Smart Room Sensor (T00061xx)',
    subpath: 'tektelic',
    quantities: [
      { name: 'battery_voltage', unit: 'VLT' },
      { name: 'ambient_temperature', unit: 'CEL' },
      { name: 'relative_humidity', unit: 'P1' },
      { name: 'light_detected' },
      { name: 'light_intensity', unit: 'P1' },
      { name: 'motion_event_count' },
      { name: 'reed_state' },
    ],
    lorawanClass: 'A',
    defaultFPort: 10,
  },
];

import type { DeviceInfo, Quantity } from '../types.js';

const base = { vendor: 'Netvox', subpath: 'netvox', lorawanClass: 'A', defaultFPort: 6 } as const;

// The report configuration every device answers with: intervals in seconds, then the change in
// battery voltage that triggers a report.
const reportConfig: readonly Quantity[] = [
  { name: 'MinTime', unit: 'SEC' },
  { name: 'MaxTime', unit: 'SEC' },
  { name: 'BatteryChange', unit: 'VLT' },
];

/**
 * Netvox devices: all share the Netvox 11-byte report and configuration frames. Plain data; importing it loads no decoder code.
 *
 * @example
 * ```ts
 * import { catalog } from '@smartcitylab/decoders/netvox';
 * console.log(catalog.find((d) => d.id === 'netvox/r718b')?.defaultFPort);
 * ```
 */
export const catalog: readonly DeviceInfo[] = [
  {
    ...base,
    id: 'netvox/r311a',
    model: 'r311a',
    name: 'R311A Wireless Door/Window Sensor',
    quantities: [{ name: 'Volt', unit: 'VLT' }, { name: 'OnOff' }, ...reportConfig],
  },
  {
    ...base,
    id: 'netvox/r718a',
    model: 'r718a',
    name: 'R718A Wireless Temperature and Humidity Sensor for Low Temperature',
    quantities: [
      { name: 'Volt', unit: 'VLT' },
      { name: 'Temp', unit: 'CEL' },
      { name: 'Humi', unit: 'P1' },
      ...reportConfig,
      { name: 'TempChange', unit: 'CEL' },
      { name: 'HumiChange', unit: 'P1' },
    ],
  },
  {
    ...base,
    id: 'netvox/r718b',
    model: 'r718b',
    name: 'R718B Wireless Temperature Sensor with External Probe',
    quantities: [
      { name: 'Volt', unit: 'VLT' },
      { name: 'Temp', unit: 'CEL' },
      ...reportConfig,
      { name: 'TempChange', unit: 'CEL' },
    ],
  },
];

import type { DeviceInfo } from '../types.js';

/** Sensing Labs devices. */
export const catalog: readonly DeviceInfo[] = [
  {
    id: 'sensing-labs/senlab-t',
    vendor: 'Sensing Labs',
    model: 'senlab-t',
    name: 'SenLab T temperature sensor',
    subpath: 'sensing-labs',
    quantities: [
      { name: 'Temperature', unit: 'CEL' },
      { name: 'BatteryLevel', unit: 'P1' },
    ],
    lorawanClass: 'A',
    defaultFPort: 3,
  },
];

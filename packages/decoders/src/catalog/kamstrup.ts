import type { DeviceInfo } from '../types.js';

/** Kamstrup devices. */
export const catalog: readonly DeviceInfo[] = [
  {
    id: 'kamstrup/flowiq2200',
    vendor: 'Kamstrup',
    model: 'flowiq2200',
    name: 'flowIQ 2200 water meter',
    subpath: 'kamstrup',
    quantities: [
      { name: 'Volume', unit: 'MTQ' },
      { name: 'latestVolume', unit: 'MTQ' },
      { name: 'Volume flow', unit: 'MQH' },
      { name: 'Flow temperature', unit: 'CEL' },
      { name: 'External temperature', unit: 'CEL' },
    ],
    lorawanClass: 'A',
    defaultFPort: 1,
  },
];

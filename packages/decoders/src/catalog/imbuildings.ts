import type { DeviceInfo } from '../types.js';

/** IMBUILDINGS devices. */
export const catalog: readonly DeviceInfo[] = [
  {
    id: 'imbuildings/people-counter',
    vendor: 'IMBUILDINGS',
    model: 'people-counter',
    name: 'LoRaWAN People Counter',
    subpath: 'imbuildings',
    quantities: [
      { name: 'counter_a' },
      { name: 'counter_b' },
      { name: 'total_counter_a' },
      { name: 'total_counter_b' },
      { name: 'battery_voltage', unit: 'VLT' },
    ],
    lorawanClass: 'A',
    defaultFPort: 1,
  },
];

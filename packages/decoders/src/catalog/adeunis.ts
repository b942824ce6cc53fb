import type { DeviceInfo } from '../types.js';

/** Adeunis devices. */
export const catalog: readonly DeviceInfo[] = [
  {
    id: 'adeunis/comfort-co2',
    vendor: 'Adeunis',
    model: 'comfort-co2',
    name: 'COMFORT CO2',
    subpath: 'adeunis',
    quantities: [
      { name: 'temperature', unit: 'CEL' },
      { name: 'humidity', unit: 'P1' },
      { name: 'co2', unit: '59' },
    ],
    lorawanClass: 'A',
    defaultFPort: 1,
  },
  {
    id: 'adeunis/pulse',
    vendor: 'Adeunis',
    model: 'pulse',
    name: 'PULSE (v4)',
    subpath: 'adeunis',
    quantities: [{ name: 'counterValues' }, { name: 'flowValues' }],
    lorawanClass: 'A',
    defaultFPort: 1,
  },
];

import type { DeviceInfo } from '../types.js';

/** Talkpool devices. */
export const catalog: readonly DeviceInfo[] = [
  {
    id: 'talkpool/oy1210',
    vendor: 'Talkpool',
    model: 'oy1210',
    name: 'OY1210 CO2, temperature and humidity sensor',
    subpath: 'talkpool',
    quantities: [
      { name: 'Temperature', unit: 'CEL' },
      { name: 'Humidity', unit: 'P1' },
      { name: 'CO2', unit: '59' },
    ],
    lorawanClass: 'A',
    defaultFPort: 2,
  },
];

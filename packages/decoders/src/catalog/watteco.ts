import type { DeviceInfo } from '../types.js';

/** Watteco devices. */
export const catalog: readonly DeviceInfo[] = [
  {
    id: 'watteco/vaqao-lite',
    vendor: 'Watteco',
    model: 'vaqao-lite',
    name: 'VAQAO Lite indoor air quality sensor',
    subpath: 'watteco',
    quantities: [
      { name: 'temperature_1', unit: 'CEL' },
      { name: 'humidity_1', unit: 'P1' },
      { name: 'CO2', unit: '59' },
      { name: 'IAQ' },
      { name: 'disposable_battery_voltage', unit: 'VLT' },
      { name: 'illuminance', unit: 'LUX' },
      { name: 'pressure', unit: 'A97' },
      { name: 'occupancy' },
      { name: 'violation_detection' },
    ],
    lorawanClass: 'A',
    defaultFPort: 125,
  },
];

import type { DeviceInfo } from '../types.js';

/** Abeeway devices. */
export const catalog: readonly DeviceInfo[] = [
  {
    id: 'abeeway/asset-tracker-2',
    vendor: 'Abeeway',
    model: 'asset-tracker-2',
    name: 'Asset Tracker 2 (firmware 2.x)',
    subpath: 'abeeway',
    quantities: [
      { name: 'gpsLatitude', unit: 'DD' },
      { name: 'gpsLongitude', unit: 'DD' },
      { name: 'horizontalAccuracy', unit: 'MTR' },
      { name: 'temperatureMeasure', unit: 'CEL' },
      { name: 'batteryLevel', unit: 'P1' },
      { name: 'age', unit: 'SEC' },
    ],
    lorawanClass: 'A',
    defaultFPort: 18,
  },
];

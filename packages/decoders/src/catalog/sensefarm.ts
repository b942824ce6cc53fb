import type { DeviceInfo } from '../types.js';

/** Sensefarm devices. */
export const catalog: readonly DeviceInfo[] = [
  {
    id: 'sensefarm/sensefarm-soil',
    vendor: 'Sensefarm',
    model: 'sensefarm-soil',
    name: 'Sensefarm soil moisture sensor (Cube 02)',
    subpath: 'sensefarm',
    quantities: [
      { name: 'SoilMoistures', unit: 'KPA' },
      { name: 'Resistances', unit: 'OHM' },
      { name: 'Temperature', unit: 'CEL' },
      { name: 'BatteryVoltage', unit: '2Z' },
    ],
    lorawanClass: 'A',
    defaultFPort: 2,
  },
];

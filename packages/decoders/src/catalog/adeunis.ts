import type { DeviceInfo } from '../types.js';

// One constant per device, so that a bundle importing one device's decoder holds only its entry.

/** Adeunis COMFORT CO2. */
export const comfortCo2Info: DeviceInfo = {
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
};

/** Adeunis PULSE v4. */
export const pulseInfo: DeviceInfo = {
  id: 'adeunis/pulse',
  vendor: 'Adeunis',
  model: 'pulse',
  name: 'PULSE (v4)',
  subpath: 'adeunis',
  quantities: [{ name: 'counterValues' }, { name: 'flowValues' }],
  lorawanClass: 'A',
  defaultFPort: 1,
};

/** Adeunis devices. */
export const catalog: readonly DeviceInfo[] = [comfortCo2Info, pulseInfo];

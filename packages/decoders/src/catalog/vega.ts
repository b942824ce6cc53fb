import type { DeviceInfo, Quantity } from '../types.js';

const radar: readonly Quantity[] = [
  { name: 'Distance', unit: 'MTR' },
  { name: 'Temperature', unit: 'CEL' },
  { name: 'RemainingPower', unit: 'P1' },
  { name: 'InclinationDegree', unit: 'DD' },
];

/** VEGA devices: both VEGAPULS Air models share one payload format. */
export const catalog: readonly DeviceInfo[] = [
  {
    id: 'vega/vegapuls-air-41',
    vendor: 'VEGA',
    model: 'vegapuls-air-41',
    name: 'VEGAPULS Air 41 radar level sensor',
    subpath: 'vega',
    quantities: radar,
    lorawanClass: 'A',
    defaultFPort: 1,
  },
  {
    id: 'vega/vegapuls-air-42',
    vendor: 'VEGA',
    model: 'vegapuls-air-42',
    name: 'VEGAPULS Air 42 radar level sensor',
    subpath: 'vega',
    quantities: radar,
    lorawanClass: 'A',
    defaultFPort: 1,
  },
];

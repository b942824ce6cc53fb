import type { DeviceInfo, Quantity } from '../types.js';

const climate: readonly Quantity[] = [
  { name: 'temperature', unit: 'CEL' },
  { name: 'humidity', unit: 'P1' },
  { name: 'vdd', unit: '2Z' },
];

/**
 * Elsys devices: all share the Elsys type-length-value payload format. Plain data; importing it loads no decoder code.
 *
 * @example
 * ```ts
 * import { catalog } from '@smartcitylab/decoders/elsys';
 * console.log(catalog.find((d) => d.id === 'elsys/ers')?.defaultFPort);
 * ```
 */
export const catalog: readonly DeviceInfo[] = [
  {
    id: 'elsys/elt-2',
    vendor: 'Elsys',
    model: 'elt-2',
    name: 'ELT-2',
    subpath: 'elsys',
    quantities: [
      ...climate,
      { name: 'pressure', unit: 'A97' },
      { name: 'externalTemperature', unit: 'CEL' },
      { name: 'digital' },
      { name: 'pulse1' },
      { name: 'analog1', unit: '2Z' },
    ],
    lorawanClass: 'A',
    defaultFPort: 5,
  },
  {
    id: 'elsys/elt-lite',
    vendor: 'Elsys',
    model: 'elt-lite',
    name: 'ELT Lite',
    subpath: 'elsys',
    quantities: [
      { name: 'externalTemperature', unit: 'CEL' },
      { name: 'vdd', unit: '2Z' },
      { name: 'digital' },
      { name: 'pulse1' },
    ],
    lorawanClass: 'A',
    defaultFPort: 5,
  },
  {
    id: 'elsys/ems',
    vendor: 'Elsys',
    model: 'ems',
    name: 'EMS',
    subpath: 'elsys',
    quantities: [...climate, { name: 'accMotion' }, { name: 'waterleak' }],
    lorawanClass: 'A',
    defaultFPort: 5,
  },
  {
    id: 'elsys/ems-door',
    vendor: 'Elsys',
    model: 'ems-door',
    name: 'EMS Door',
    subpath: 'elsys',
    quantities: [...climate, { name: 'pulse1' }, { name: 'pulseAbs' }, { name: 'accMotion' }],
    lorawanClass: 'A',
    defaultFPort: 5,
  },
  {
    id: 'elsys/ers',
    vendor: 'Elsys',
    model: 'ers',
    name: 'ERS',
    subpath: 'elsys',
    quantities: [...climate, { name: 'light', unit: 'LUX' }, { name: 'motion' }],
    lorawanClass: 'A',
    defaultFPort: 5,
  },
  {
    id: 'elsys/ers-co2',
    vendor: 'Elsys',
    model: 'ers-co2',
    name: 'ERS CO2',
    subpath: 'elsys',
    quantities: [
      ...climate,
      { name: 'light', unit: 'LUX' },
      { name: 'motion' },
      { name: 'co2', unit: '59' },
    ],
    lorawanClass: 'A',
    defaultFPort: 5,
  },
  {
    id: 'elsys/ers-lite',
    vendor: 'Elsys',
    model: 'ers-lite',
    name: 'ERS Lite',
    subpath: 'elsys',
    quantities: climate,
    lorawanClass: 'A',
    defaultFPort: 5,
  },
  {
    id: 'elsys/ers-sound',
    vendor: 'Elsys',
    model: 'ers-sound',
    name: 'ERS Sound',
    subpath: 'elsys',
    quantities: [
      ...climate,
      { name: 'light', unit: 'LUX' },
      { name: 'motion' },
      { name: 'soundPeak', unit: '2N' },
      { name: 'soundAvg', unit: '2N' },
    ],
    lorawanClass: 'A',
    defaultFPort: 5,
  },
];

import type { DeviceInfo } from '../types.js';

/**
 * Dragino devices. Plain data; importing it loads no decoder code.
 *
 * @example
 * ```ts
 * import { catalog } from '@smartcitylab/decoders/dragino';
 * console.log(catalog.find((d) => d.id === 'dragino/lht65')?.defaultFPort);
 * ```
 */
export const catalog: readonly DeviceInfo[] = [
  {
    id: 'dragino/lht65',
    vendor: 'Dragino',
    model: 'lht65',
    name: 'LHT65 Temperature and Humidity Sensor',
    subpath: 'dragino',
    quantities: [
      { name: 'BatV', unit: 'VLT' },
      { name: 'TempC_SHT', unit: 'CEL' },
      { name: 'Hum_SHT', unit: 'P1' },
      { name: 'TempC_DS', unit: 'CEL' },
    ],
    lorawanClass: 'A',
    defaultFPort: 2,
  },
  {
    id: 'dragino/lsn50-v2',
    vendor: 'Dragino',
    model: 'lsn50-v2',
    name: 'LSN50 v2 Long Range Sensor Node',
    subpath: 'dragino',
    quantities: [
      { name: 'BatV', unit: 'VLT' },
      { name: 'TempC1', unit: 'CEL' },
      { name: 'ADC_CH0V', unit: 'VLT' },
      { name: 'TempC_SHT', unit: 'CEL' },
      { name: 'Hum_SHT', unit: 'P1' },
      { name: 'Distance_cm', unit: 'CMT' },
      { name: 'Count' },
    ],
    lorawanClass: 'A',
    defaultFPort: 2,
  },
];

import type { DeviceInfo } from '../types.js';

/**
 * Axioma devices. The Qalcosonic W1 water meter appears three times: the same bytes
 * decode to three output shapes (TTN device repository codec, Axioma universal codec
 * as run by ChirpStack, and the diwise platform decoder).
 */
export const catalog: readonly DeviceInfo[] = [
  {
    id: 'axioma/qalcosonic-w1',
    vendor: 'Axioma',
    model: 'qalcosonic-w1',
    name: 'Qalcosonic W1 water meter',
    subpath: 'axioma',
    quantities: [
      { name: 'current_volume_m3', unit: 'MTQ' },
      { name: 'log_volume_m3', unit: 'MTQ' },
    ],
    lorawanClass: 'A',
    defaultFPort: 100,
  },
  {
    id: 'axioma/qalcosonic-w1-universal-codec',
    vendor: 'Axioma',
    model: 'qalcosonic-w1-universal-codec',
    name: 'Qalcosonic W1 water meter (Axioma universal codec output)',
    subpath: 'axioma',
    quantities: [
      { name: 'curVol', unit: 'LTR' },
      { name: 'deltaVol', unit: 'LTR' },
    ],
    lorawanClass: 'A',
    defaultFPort: 100,
  },
  {
    id: 'axioma/qalcosonic-w1-diwise',
    vendor: 'Axioma',
    model: 'qalcosonic-w1-diwise',
    name: 'Qalcosonic W1 water meter (diwise decoder output)',
    subpath: 'axioma',
    quantities: [{ name: 'Current', unit: 'LTR' }, { name: 'Temperature' }],
    lorawanClass: 'A',
    defaultFPort: 100,
  },
];

import type { DeviceInfo, Quantity } from '../types.js';

// The enhanced frame's hourly consumption, oldest first, each in cubic metres.
const hourlyDeltas: readonly Quantity[] = [
  { name: 'delta_1_m3', unit: 'MTQ' },
  { name: 'delta_2_m3', unit: 'MTQ' },
  { name: 'delta_3_m3', unit: 'MTQ' },
  { name: 'delta_4_m3', unit: 'MTQ' },
  { name: 'delta_5_m3', unit: 'MTQ' },
  { name: 'delta_6_m3', unit: 'MTQ' },
  { name: 'delta_7_m3', unit: 'MTQ' },
  { name: 'delta_8_m3', unit: 'MTQ' },
  { name: 'delta_9_m3', unit: 'MTQ' },
  { name: 'delta_10_m3', unit: 'MTQ' },
  { name: 'delta_11_m3', unit: 'MTQ' },
  { name: 'delta_12_m3', unit: 'MTQ' },
  { name: 'delta_13_m3', unit: 'MTQ' },
  { name: 'delta_14_m3', unit: 'MTQ' },
  { name: 'delta_15_m3', unit: 'MTQ' },
  { name: 'delta_16_m3', unit: 'MTQ' },
  { name: 'delta_17_m3', unit: 'MTQ' },
  { name: 'delta_18_m3', unit: 'MTQ' },
  { name: 'delta_19_m3', unit: 'MTQ' },
  { name: 'delta_20_m3', unit: 'MTQ' },
  { name: 'delta_21_m3', unit: 'MTQ' },
  { name: 'delta_22_m3', unit: 'MTQ' },
  { name: 'delta_23_m3', unit: 'MTQ' },
];

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
      ...hourlyDeltas,
      { name: 'history_total_m3', unit: 'MTQ' },
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
    // Each hourly entry of `Volumes` is on the same litre scale as `Current`.
    quantities: [
      { name: 'Current', unit: 'LTR' },
      { name: 'Cumulated', unit: 'LTR' },
      { name: 'Delta', unit: 'LTR' },
      { name: 'Temperature' },
    ],
    lorawanClass: 'A',
    defaultFPort: 100,
  },
];

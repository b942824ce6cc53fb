/**
 * UN/CEFACT Recommendation 20 unit codes that appear in municipal sensor data, with the
 * physical quantity each one measures. The table is deliberately small and curated: a code
 * outside it is reported as unknown so that typos (`"C"` for `"CEL"`) surface early.
 */
export const UNIT_CODES = {
  CEL: { quantity: 'temperature', name: 'degree Celsius', symbol: '°C' },
  FAH: { quantity: 'temperature', name: 'degree Fahrenheit', symbol: '°F' },
  KEL: { quantity: 'temperature', name: 'kelvin', symbol: 'K' },
  P1: { quantity: 'ratio', name: 'percent', symbol: '%' },
  C62: { quantity: 'ratio', name: 'one', symbol: '1' },
  GQ: { quantity: 'massConcentration', name: 'microgram per cubic metre', symbol: 'µg/m³' },
  GP: { quantity: 'massConcentration', name: 'milligram per cubic metre', symbol: 'mg/m³' },
  M1: { quantity: 'massConcentration', name: 'milligram per litre', symbol: 'mg/l' },
  '59': { quantity: 'volumeFraction', name: 'part per million', symbol: 'ppm' },
  '61': { quantity: 'volumeFraction', name: 'part per billion', symbol: 'ppb' },
  '2N': { quantity: 'soundLevel', name: 'decibel', symbol: 'dB' },
  MTR: { quantity: 'length', name: 'metre', symbol: 'm' },
  CMT: { quantity: 'length', name: 'centimetre', symbol: 'cm' },
  MMT: { quantity: 'length', name: 'millimetre', symbol: 'mm' },
  KMT: { quantity: 'length', name: 'kilometre', symbol: 'km' },
  MTK: { quantity: 'area', name: 'square metre', symbol: 'm²' },
  MTQ: { quantity: 'volume', name: 'cubic metre', symbol: 'm³' },
  LTR: { quantity: 'volume', name: 'litre', symbol: 'l' },
  MQH: { quantity: 'volumeFlow', name: 'cubic metre per hour', symbol: 'm³/h' },
  L2: { quantity: 'volumeFlow', name: 'litre per minute', symbol: 'l/min' },
  G51: { quantity: 'volumeFlow', name: 'litre per second', symbol: 'l/s' },
  MQS: { quantity: 'volumeFlow', name: 'cubic metre per second', symbol: 'm³/s' },
  E32: { quantity: 'volumeFlow', name: 'litre per hour', symbol: 'l/h' },
  KGM: { quantity: 'mass', name: 'kilogram', symbol: 'kg' },
  GRM: { quantity: 'mass', name: 'gram', symbol: 'g' },
  TNE: { quantity: 'mass', name: 'tonne', symbol: 't' },
  PAL: { quantity: 'pressure', name: 'pascal', symbol: 'Pa' },
  A97: { quantity: 'pressure', name: 'hectopascal', symbol: 'hPa' },
  KPA: { quantity: 'pressure', name: 'kilopascal', symbol: 'kPa' },
  BAR: { quantity: 'pressure', name: 'bar', symbol: 'bar' },
  MBR: { quantity: 'pressure', name: 'millibar', symbol: 'mbar' },
  MTS: { quantity: 'speed', name: 'metre per second', symbol: 'm/s' },
  KMH: { quantity: 'speed', name: 'kilometre per hour', symbol: 'km/h' },
  KNT: { quantity: 'speed', name: 'knot', symbol: 'kn' },
  DD: { quantity: 'angle', name: 'degree', symbol: '°' },
  WTT: { quantity: 'power', name: 'watt', symbol: 'W' },
  KWT: { quantity: 'power', name: 'kilowatt', symbol: 'kW' },
  KWH: { quantity: 'energy', name: 'kilowatt hour', symbol: 'kWh' },
  WHR: { quantity: 'energy', name: 'watt hour', symbol: 'Wh' },
  D54: { quantity: 'irradiance', name: 'watt per square metre', symbol: 'W/m²' },
  VLT: { quantity: 'voltage', name: 'volt', symbol: 'V' },
  '2Z': { quantity: 'voltage', name: 'millivolt', symbol: 'mV' },
  AMP: { quantity: 'current', name: 'ampere', symbol: 'A' },
  LUX: { quantity: 'illuminance', name: 'lux', symbol: 'lx' },
  HTZ: { quantity: 'frequency', name: 'hertz', symbol: 'Hz' },
  SEC: { quantity: 'time', name: 'second', symbol: 's' },
  MIN: { quantity: 'time', name: 'minute', symbol: 'min' },
  HUR: { quantity: 'time', name: 'hour', symbol: 'h' },
  DAY: { quantity: 'time', name: 'day', symbol: 'd' },
  H1: { quantity: 'pressure', name: 'millimetre of water', symbol: 'mmH₂O' },
  D10: { quantity: 'conductivity', name: 'siemens per metre', symbol: 'S/m' },
  H61: { quantity: 'conductivity', name: 'millisiemens per centimetre', symbol: 'mS/cm' },
  G42: { quantity: 'conductivity', name: 'microsiemens per centimetre', symbol: 'µS/cm' },
  NTU: { quantity: 'turbidity', name: 'nephelometric turbidity unit', symbol: 'NTU' },
  E30: { quantity: 'ratio', name: 'kilogram per kilogram', symbol: 'kg/kg' },
  H87: { quantity: 'count', name: 'piece', symbol: 'pcs' },
  IE: { quantity: 'count', name: 'person', symbol: 'persons' },
  E37: { quantity: 'count', name: 'pixel', symbol: 'px' },
  '5K': { quantity: 'countRate', name: 'count per minute', symbol: '/min' },
  CDL: { quantity: 'luminousIntensity', name: 'candela', symbol: 'cd' },
  A24: { quantity: 'luminance', name: 'candela per square metre', symbol: 'cd/m²' },
  MWH: { quantity: 'energy', name: 'megawatt hour', symbol: 'MWh' },
  MAW: { quantity: 'power', name: 'megawatt', symbol: 'MW' },
  JOU: { quantity: 'energy', name: 'joule', symbol: 'J' },
  KJO: { quantity: 'energy', name: 'kilojoule', symbol: 'kJ' },
  NEW: { quantity: 'force', name: 'newton', symbol: 'N' },
  OHM: { quantity: 'resistance', name: 'ohm', symbol: 'Ω' },
  MLT: { quantity: 'volume', name: 'millilitre', symbol: 'ml' },
  DMT: { quantity: 'length', name: 'decimetre', symbol: 'dm' },
  '4H': { quantity: 'length', name: 'micrometre', symbol: 'µm' },
  KMQ: { quantity: 'density', name: 'kilogram per cubic metre', symbol: 'kg/m³' },
  WEE: { quantity: 'time', name: 'week', symbol: 'wk' },
  MON: { quantity: 'time', name: 'month', symbol: 'mo' },
  ANN: { quantity: 'time', name: 'year', symbol: 'y' },
  KVA: { quantity: 'apparentPower', name: 'kilovolt ampere', symbol: 'kVA' },
  KVR: { quantity: 'reactivePower', name: 'kilovar', symbol: 'kvar' },
  RPM: { quantity: 'rotation', name: 'revolutions per minute', symbol: 'rpm' },
  Q30: { quantity: 'acidity', name: 'pH', symbol: 'pH' },
} as const satisfies Record<string, { quantity: string; name: string; symbol: string }>;

/** A UN/CEFACT code in {@link UNIT_CODES}. */
export type UnitCode = keyof typeof UNIT_CODES;

/** Looks up a UN/CEFACT unit code; `undefined` when the code is not in the validator's unit table. */
export function unitInfo(code: string): (typeof UNIT_CODES)[UnitCode] | undefined {
  return Object.hasOwn(UNIT_CODES, code) ? UNIT_CODES[code as UnitCode] : undefined;
}

/** Linear factors `[scale, offset]` that turn a value in a unit into the base unit of its quantity. */
const TO_BASE: Readonly<Record<string, readonly [number, number]>> = {
  CEL: [1, 0],
  KEL: [1, -273.15],
  FAH: [5 / 9, (-32 * 5) / 9],
  C62: [1, 0],
  P1: [0.01, 0],
  GQ: [1, 0],
  GP: [1000, 0],
  M1: [1_000_000, 0],
  '59': [1, 0],
  '61': [0.001, 0],
  MTR: [1, 0],
  CMT: [0.01, 0],
  MMT: [0.001, 0],
  KMT: [1000, 0],
  PAL: [0.01, 0],
  A97: [1, 0],
  MBR: [1, 0],
  KPA: [10, 0],
  BAR: [1000, 0],
  MTS: [1, 0],
  KMH: [1 / 3.6, 0],
  KNT: [0.514444, 0],
  MTQ: [1, 0],
  LTR: [0.001, 0],
  MQH: [1, 0],
  E32: [0.001, 0],
  L2: [0.06, 0],
  G51: [3.6, 0],
  WTT: [1, 0],
  KWT: [1000, 0],
  VLT: [1, 0],
  '2Z': [0.001, 0],
  KWH: [1000, 0],
  WHR: [1, 0],
  MWH: [1_000_000, 0],
  KJO: [1000 / 3600, 0],
  JOU: [1 / 3600, 0],
  MAW: [1_000_000, 0],
  MLT: [0.000001, 0],
  DMT: [0.1, 0],
  '4H': [0.000001, 0],
  SEC: [1, 0],
  MIN: [60, 0],
  HUR: [3600, 0],
  DAY: [86_400, 0],
  WEE: [604_800, 0],
};

/**
 * Converts `value` from unit `from` to unit `to` when both measure the same quantity and a
 * linear conversion is known; `undefined` otherwise.
 */
export function convertUnit(value: number, from: string, to: string): number | undefined {
  if (from === to) return value;
  const a = TO_BASE[from];
  const b = TO_BASE[to];
  const ia = unitInfo(from);
  const ib = unitInfo(to);
  if (!a || !b || !ia || !ib || ia.quantity !== ib.quantity) return undefined;
  const base = value * a[0] + a[1];
  return (base - b[1]) / b[0];
}

/**
 * Molar masses (g/mol) of the gases whose concentrations are sent both as mass per volume and as
 * a volume fraction, by Smart Data Models attribute name.
 */
const MOLAR_MASS: Readonly<Record<string, number>> = {
  co2: 44.01,
  co: 28.01,
  no2: 46.006,
  no: 30.006,
  nox: 46.006,
  o3: 48.0,
  so2: 64.066,
  nh3: 17.031,
  h2s: 34.08,
  ch4: 16.04,
  c6h6: 78.11,
};

/** Litres per mole of an ideal gas at 25 °C and 1013.25 hPa, the convention of air-quality limit values. */
const MOLAR_VOLUME = 24.45;

/**
 * Converts `value` of attribute `attribute` from unit `from` to unit `to`: linearly within one
 * quantity, or between mass concentration (µg/m³, mg/m³) and volume fraction (ppm, ppb) for a
 * known gas at 25 °C and 1 atm. `undefined` when no conversion applies.
 *
 * @example
 * ```ts
 * import { convertQuantity } from '@smartcitylab/validate';
 * convertQuantity(1, 'GP', '59', 'co2'); // about 0.556 ppm
 * ```
 */
export function convertQuantity(
  value: number,
  from: string,
  to: string,
  attribute: string,
): number | undefined {
  const linear = convertUnit(value, from, to);
  if (linear !== undefined) return linear;
  const m = MOLAR_MASS[attribute.toLowerCase()];
  const qa = unitInfo(from)?.quantity;
  const qb = unitInfo(to)?.quantity;
  if (m === undefined || qa === undefined || qb === undefined) return undefined;
  if (qa === 'massConcentration' && qb === 'volumeFraction') {
    const ugm3 = convertUnit(value, from, 'GQ');
    const ppm = ugm3 === undefined ? undefined : (ugm3 / 1000) * (MOLAR_VOLUME / m);
    return ppm === undefined ? undefined : convertUnit(ppm, '59', to);
  }
  if (qa === 'volumeFraction' && qb === 'massConcentration') {
    const ppm = convertUnit(value, from, '59');
    const ugm3 = ppm === undefined ? undefined : ppm * (m / MOLAR_VOLUME) * 1000;
    return ugm3 === undefined ? undefined : convertUnit(ugm3, 'GQ', to);
  }
  return undefined;
}

/**
 * SenML unit names from the IANA "SenML Units" registry (RFC 8428, RFC 8798,
 * ISO 7027-1) and the "Secondary Units" registry (RFC 8798), as typed constants.
 */

import type { ResolvedSenmlRecord, SenmlRecord } from './types.js';

/**
 * Primary SenML units: symbol → description. `notRecommended` marks units the
 * registry flags with an asterisk (accepted from devices, not to be produced).
 *
 * @example
 * ```ts
 * import { SENML_UNITS } from '@smartcitylab/decoders/senml';
 * SENML_UNITS.Cel.description; // 'degrees Celsius'
 * ```
 */
export const SENML_UNITS = {
  m: { description: 'meter' },
  kg: { description: 'kilogram' },
  g: { description: 'gram', notRecommended: true },
  s: { description: 'second' },
  A: { description: 'ampere' },
  K: { description: 'kelvin' },
  cd: { description: 'candela' },
  mol: { description: 'mole' },
  Hz: { description: 'hertz' },
  rad: { description: 'radian' },
  sr: { description: 'steradian' },
  N: { description: 'newton' },
  Pa: { description: 'pascal' },
  J: { description: 'joule' },
  W: { description: 'watt' },
  C: { description: 'coulomb' },
  V: { description: 'volt' },
  F: { description: 'farad' },
  Ohm: { description: 'ohm' },
  S: { description: 'siemens' },
  Wb: { description: 'weber' },
  T: { description: 'tesla' },
  H: { description: 'henry' },
  Cel: { description: 'degrees Celsius' },
  lm: { description: 'lumen' },
  lx: { description: 'lux' },
  Bq: { description: 'becquerel' },
  Gy: { description: 'gray' },
  Sv: { description: 'sievert' },
  kat: { description: 'katal' },
  m2: { description: 'square meter (area)' },
  m3: { description: 'cubic meter (volume)' },
  l: { description: 'liter (volume)', notRecommended: true },
  'm/s': { description: 'meter per second (velocity)' },
  'm/s2': { description: 'meter per square second (acceleration)' },
  'm3/s': { description: 'cubic meter per second (flow rate)' },
  'l/s': { description: 'liter per second (flow rate)', notRecommended: true },
  'W/m2': { description: 'watt per square meter (irradiance)' },
  'cd/m2': { description: 'candela per square meter (luminance)' },
  bit: { description: 'bit (information content)' },
  'bit/s': { description: 'bit per second (data rate)' },
  lat: { description: 'degrees latitude' },
  lon: { description: 'degrees longitude' },
  pH: { description: 'pH value (acidity; logarithmic quantity)' },
  dB: { description: 'decibel (logarithmic quantity)' },
  dBW: { description: 'decibel relative to 1 W (power level)' },
  Bspl: { description: 'bel (sound pressure level; logarithmic quantity)', notRecommended: true },
  count: { description: '1 (counter value)' },
  '/': { description: '1 (ratio, e.g., value of a switch)' },
  '%': { description: 'percent (ratio)', notRecommended: true },
  '%RH': { description: 'percentage (relative humidity)' },
  '%EL': { description: 'percentage (remaining battery energy level)' },
  EL: { description: 'seconds (remaining battery energy level)' },
  '1/s': { description: '1 per second (event rate)' },
  '1/min': { description: '1 per minute (event rate)', notRecommended: true },
  'beat/min': {
    description: '1 per minute (heart rate in beats per minute)',
    notRecommended: true,
  },
  beats: { description: '1 (cumulative number of heart beats)', notRecommended: true },
  'S/m': { description: 'siemens per meter (conductivity)' },
  B: { description: 'byte (information content)' },
  VA: { description: 'volt-ampere (apparent power)' },
  VAs: { description: 'volt-ampere second (apparent energy)' },
  var: { description: 'volt-ampere reactive (reactive power)' },
  vars: { description: 'volt-ampere-reactive second (reactive energy)' },
  'J/m': { description: 'joule per meter (energy per distance)' },
  'kg/m3': { description: 'kilogram per cubic meter (mass density, mass concentration)' },
  deg: { description: 'degree (angle)' },
  NTU: { description: 'nephelometric turbidity unit' },
} as const satisfies Record<string, { description: string; notRecommended?: true }>;

/**
 * Secondary SenML units (RFC 8798): symbol → the primary unit it scales and the
 * factor, so `value * scale + offset` is in the primary unit.
 *
 * @example
 * ```ts
 * import { SENML_SECONDARY_UNITS } from '@smartcitylab/decoders/senml';
 * SENML_SECONDARY_UNITS.hPa; // { primary: 'Pa', scale: 100, offset: 0 }
 * ```
 */
export const SENML_SECONDARY_UNITS = {
  ms: { primary: 's', scale: 1 / 1000, offset: 0 },
  min: { primary: 's', scale: 60, offset: 0 },
  h: { primary: 's', scale: 3600, offset: 0 },
  MHz: { primary: 'Hz', scale: 1_000_000, offset: 0 },
  kW: { primary: 'W', scale: 1000, offset: 0 },
  kVA: { primary: 'VA', scale: 1000, offset: 0 },
  kvar: { primary: 'var', scale: 1000, offset: 0 },
  Ah: { primary: 'C', scale: 3600, offset: 0 },
  Wh: { primary: 'J', scale: 3600, offset: 0 },
  kWh: { primary: 'J', scale: 3_600_000, offset: 0 },
  varh: { primary: 'vars', scale: 3600, offset: 0 },
  kvarh: { primary: 'vars', scale: 3_600_000, offset: 0 },
  kVAh: { primary: 'VAs', scale: 3_600_000, offset: 0 },
  'Wh/km': { primary: 'J/m', scale: 3.6, offset: 0 },
  KiB: { primary: 'B', scale: 1024, offset: 0 },
  GB: { primary: 'B', scale: 1e9, offset: 0 },
  'Mbit/s': { primary: 'bit/s', scale: 1_000_000, offset: 0 },
  'B/s': { primary: 'bit/s', scale: 8, offset: 0 },
  'MB/s': { primary: 'bit/s', scale: 8_000_000, offset: 0 },
  mV: { primary: 'V', scale: 1 / 1000, offset: 0 },
  mA: { primary: 'A', scale: 1 / 1000, offset: 0 },
  dBm: { primary: 'dBW', scale: 1, offset: -30 },
  'ug/m3': { primary: 'kg/m3', scale: 1e-9, offset: 0 },
  'mm/h': { primary: 'm/s', scale: 1 / 3_600_000, offset: 0 },
  'm/h': { primary: 'm/s', scale: 1 / 3600, offset: 0 },
  ppm: { primary: '/', scale: 1e-6, offset: 0 },
  '/100': { primary: '/', scale: 1 / 100, offset: 0 },
  '/1000': { primary: '/', scale: 1 / 1000, offset: 0 },
  hPa: { primary: 'Pa', scale: 100, offset: 0 },
  mm: { primary: 'm', scale: 1 / 1000, offset: 0 },
  cm: { primary: 'm', scale: 1 / 100, offset: 0 },
  km: { primary: 'm', scale: 1000, offset: 0 },
  'km/h': { primary: 'm/s', scale: 1 / 3.6, offset: 0 },
} as const satisfies Record<string, { primary: string; scale: number; offset: number }>;

/**
 * A primary SenML unit symbol.
 *
 * @example
 * ```ts
 * import type { SenmlUnit } from '@smartcitylab/decoders/senml';
 * const u: SenmlUnit = 'Cel';
 * ```
 */
export type SenmlUnit = keyof typeof SENML_UNITS;

/**
 * A secondary SenML unit symbol (RFC 8798).
 *
 * @example
 * ```ts
 * import type { SenmlSecondaryUnit } from '@smartcitylab/decoders/senml';
 * const u: SenmlSecondaryUnit = 'kWh';
 * ```
 */
export type SenmlSecondaryUnit = keyof typeof SENML_SECONDARY_UNITS;

/**
 * True when `unit` is a registered primary SenML unit (case-sensitive, as the registry is).
 *
 * @example
 * ```ts
 * import { isSenmlUnit } from '@smartcitylab/decoders/senml';
 * isSenmlUnit('Cel'); // true
 * isSenmlUnit('°C'); // false
 * ```
 */
export function isSenmlUnit(unit: string): unit is SenmlUnit {
  return Object.hasOwn(SENML_UNITS, unit);
}

/**
 * True when `unit` is a registered secondary SenML unit (RFC 8798).
 *
 * @example
 * ```ts
 * import { isSenmlSecondaryUnit } from '@smartcitylab/decoders/senml';
 * isSenmlSecondaryUnit('hPa'); // true
 * ```
 */
export function isSenmlSecondaryUnit(unit: string): unit is SenmlSecondaryUnit {
  return Object.hasOwn(SENML_SECONDARY_UNITS, unit);
}

/**
 * One unit problem found by `checkSenmlUnits`.
 *
 * @example
 * ```ts
 * import type { SenmlUnitWarning } from '@smartcitylab/decoders/senml';
 * const w: SenmlUnitWarning = { index: 0, unit: '°C', code: 'UnregisteredUnit', message: '...', suggestion: 'Cel' };
 * ```
 */
export interface SenmlUnitWarning {
  /** Index of the record in the pack. */
  index: number;
  /** The unit as written. */
  unit: string;
  /** `UnregisteredUnit` (in neither registry) or `NotRecommendedUnit` (asterisked). */
  code: 'UnregisteredUnit' | 'NotRecommendedUnit';
  /** Human-readable explanation. */
  message: string;
  /** A registered unit that was probably meant, when one is obvious. */
  suggestion?: string;
}

// Spellings devices and platforms commonly send instead of the registered symbol.
const SUGGESTIONS: Readonly<Record<string, string>> = {
  '°C': 'Cel',
  degC: 'Cel',
  celsius: 'Cel',
  lux: 'lx',
  'm³': 'm3',
  'm^3': 'm3',
  'µg/m3': 'ug/m3',
  'μg/m3': 'ug/m3',
  'ug/m³': 'ug/m3',
  RH: '%RH',
  '%rh': '%RH',
  dBA: 'dB',
  'l/h': 'm3/s',
};

/**
 * Flags units in a pack (records as sent or resolved) that are not in the SenML
 * units registries, or that the registry marks as not recommended. Checks `u` and
 * `bu`. Returns an empty list when every unit is registered.
 *
 * @example
 * ```ts
 * import { checkSenmlUnits } from '@smartcitylab/decoders/senml';
 * checkSenmlUnits([{ n: 'temp', u: '°C', v: 21 }]);
 * // [{ index: 0, unit: '°C', code: 'UnregisteredUnit', suggestion: 'Cel', message: '...' }]
 * ```
 */
export function checkSenmlUnits(
  pack: readonly (SenmlRecord | ResolvedSenmlRecord)[],
): SenmlUnitWarning[] {
  const warnings: SenmlUnitWarning[] = [];
  pack.forEach((record, index) => {
    for (const unit of [(record as SenmlRecord).bu, record.u]) {
      if (typeof unit !== 'string') continue;
      if (isSenmlUnit(unit)) {
        if ('notRecommended' in SENML_UNITS[unit]) {
          warnings.push({
            index,
            unit,
            code: 'NotRecommendedUnit',
            message: `unit "${unit}" is registered but not recommended for new senders`,
          });
        }
        continue;
      }
      if (isSenmlSecondaryUnit(unit)) continue;
      const suggestion = Object.hasOwn(SUGGESTIONS, unit) ? SUGGESTIONS[unit] : undefined;
      const shown = unit.length > 40 ? `${unit.slice(0, 40)}…` : unit;
      const warning: SenmlUnitWarning = {
        index,
        unit,
        code: 'UnregisteredUnit',
        message: `unit "${shown}" is not a registered SenML unit${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`,
      };
      if (suggestion !== undefined) warning.suggestion = suggestion;
      warnings.push(warning);
    }
  });
  return warnings;
}

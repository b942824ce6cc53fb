import type { Quantity } from '../types.js';
import { buildSenml } from './build.js';
import { senmlError } from './errors.js';
import { SENML_NAME } from './parse.js';
import type { ResolvedSenmlRecord, SenmlPack } from './types.js';
import { isSenmlSecondaryUnit, isSenmlUnit } from './units.js';

/**
 * Options of {@link decodedToSenml}.
 *
 * @example
 * ```ts
 * import type { DecodedToSenmlOptions } from '@smartcitylab/decoders/senml';
 * const options: DecodedToSenmlOptions = { devEui: '70B3D57ED0000001', time: new Date() };
 * ```
 */
export interface DecodedToSenmlOptions {
  /**
   * The device's LoRaWAN DevEUI (16 hex digits). The base name becomes
   * `urn:dev:mac:<deveui>:` (lower case): a DevEUI is an EUI-64, and RFC 9039 names EUI-64
   * devices with the `mac` subtype, so the records of two devices never share a name.
   */
  devEui?: string;
  /** A base name of your own (ends in `:` or `/`); wins over `devEui`. */
  baseName?: string;
  /**
   * What the device measures, usually `getDeviceInfo(id).quantities`: a reading whose name
   * matches a quantity gets that quantity's unit, in SenML notation (`CEL` → `Cel`, humidity
   * `P1` → `%RH`, `59` → `ppm`, `LUX` → `lx`, ...).
   */
  quantities?: readonly Quantity[];
  /** Time of the readings (a Date, or seconds since the epoch); default: now. */
  time?: Date | number;
}

const UNCEFACT_TO_SENML: Readonly<Record<string, string>> = {
  CEL: 'Cel',
  '59': 'ppm',
  LUX: 'lx',
  VLT: 'V',
  '2Z': 'mV',
  A97: 'hPa',
  '2N': 'dB',
  MMT: 'mm',
  MTR: 'm',
  LTR: 'l',
  MTQ: 'm3',
  OHM: 'Ohm',
  MIN: 'min',
  GQ: 'ug/m3',
  KEL: 'K',
  HTZ: 'Hz',
  WTT: 'W',
  PAL: 'Pa',
  SEC: 's',
};

/**
 * The SenML unit (RFC 8428 registry, or the RFC 8798 secondary units) of a quantity given
 * with a UN/CEFACT code, or `undefined` when there is no exact SenML equivalent (kPa, mg/m³).
 * Percentages and degrees depend on the quantity: relative humidity `%RH`, battery level
 * `%EL`, latitude `lat`, longitude `lon`.
 *
 * @example
 * ```ts
 * import { senmlUnitOf } from '@smartcitylab/decoders/senml';
 * senmlUnitOf({ name: 'humidity', unit: 'P1' }); // '%RH'
 * senmlUnitOf({ name: 'co2', unit: '59' }); // 'ppm'
 * ```
 */
export function senmlUnitOf(quantity: Quantity): string | undefined {
  const { name, unit } = quantity;
  if (unit === undefined) return undefined;
  if (unit === 'P1') {
    if (/hum/i.test(name)) return '%RH';
    if (/batt|power/i.test(name)) return '%EL';
    return '%';
  }
  if (unit === 'DD') {
    if (/lat/i.test(name)) return 'lat';
    if (/lon/i.test(name)) return 'lon';
    return 'deg';
  }
  return UNCEFACT_TO_SENML[unit];
}

const DEV_EUI = /^[0-9A-Fa-f]{16}$/;

/** A SenML name may only use A-Z a-z 0-9 - : . / _; other characters become `_`. */
const safeName = (name: string): string => name.replace(/[^A-Za-z0-9\-:./_]/g, '_');

/**
 * Turns a decoder's `data` into a SenML pack (RFC 8428): one record per number, boolean or
 * text reading (nested keys joined with `/`), the device as base name and, where the device's
 * quantities say, a unit per record. A reading nested below a key that names a quantity
 * (`co2: { values: [...] }`) takes that quantity's unit, and the `value` of a wrapper object takes
 * the unit of the quantity its `variable`/`type` names, else its own `unit` when that is a
 * registered SenML unit (or `°C`, `lux`, `m³`, `µg/m3`).
 *
 * @example
 * ```ts
 * import { decodedToSenml } from '@smartcitylab/decoders/senml';
 * decodedToSenml(
 *   { temperature: 22.6, humidity: 41 },
 *   {
 *     devEui: '70B3D57ED0000001',
 *     quantities: [{ name: 'temperature', unit: 'CEL' }, { name: 'humidity', unit: 'P1' }],
 *     time: 1764892800,
 *   },
 * );
 * // [{ bn: 'urn:dev:mac:70b3d57ed0000001:', bt: 1764892800, n: 'temperature', u: 'Cel', v: 22.6 },
 * //  { n: 'humidity', u: '%RH', v: 41 }]
 * ```
 * @throws {SenmlError} code `InvalidSenml` when `devEui` is not 16 hex digits or the time is not finite.
 */
export function decodedToSenml(data: unknown, options: DecodedToSenmlOptions = {}): SenmlPack {
  const { devEui, quantities = [] } = options;
  if (devEui !== undefined && !DEV_EUI.test(devEui)) {
    throw senmlError('cannot build SenML', [
      {
        path: [],
        message: `devEui must be 16 hex digits, got ${JSON.stringify(String(devEui).slice(0, 40))}`,
        code: 'InvalidField',
      },
    ]);
  }
  const baseName =
    options.baseName ?? (devEui === undefined ? '' : `urn:dev:mac:${devEui.toLowerCase()}:`);
  const t =
    options.time instanceof Date
      ? options.time.getTime() / 1000
      : (options.time ?? Date.now() / 1000);
  const units = new Map<string, string>();
  for (const q of quantities) {
    const u = senmlUnitOf(q);
    if (u !== undefined) units.set(q.name, u);
  }
  const records: ResolvedSenmlRecord[] = [];
  // `hint` is the unit an enclosing object gives its readings: decoders often wrap a reading as
  // `{ value, unit }` or `{ variable, value }`, or return series like `co2: { values: [...] }`.
  const walk = (v: unknown, name: string, hint: string | undefined): void => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return;
      const u = units.get(name) ?? hint;
      const n = baseName + safeName(name);
      records.push(u === undefined ? { n, v, t } : { n, u, v, t });
    } else if (typeof v === 'boolean') records.push({ n: baseName + safeName(name), vb: v, t });
    else if (typeof v === 'string') records.push({ n: baseName + safeName(name), vs: v, t });
    else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) walk(v[i], name ? `${name}/${i}` : `${i}`, hint);
    } else if (v !== null && typeof v === 'object') {
      const own = objectUnit(v as Record<string, unknown>, units);
      for (const [k, child] of Object.entries(v)) {
        const path = name ? `${name}/${k}` : k;
        // A key naming a quantity (`co2` inside `bytes`) sets the unit of everything below it;
        // otherwise the wrapper's own unit applies to its value members only.
        const below = units.get(path) ?? units.get(k);
        walk(child, path, below ?? (VALUE_KEY.test(k) ? (own ?? hint) : hint));
      }
    }
  };
  walk(data, '', undefined);
  // A key that cannot start a SenML name (e.g. "_x" without a base name) is left out.
  return buildSenml(
    records.filter((r) => SENML_NAME.test(r.n)),
    { baseName },
  );
}

/** Members that hold the reading of a wrapper object such as `{ value, unit }`. */
const VALUE_KEY = /^(?:value|values)$/i;

// Unit spellings decoders write beside a value that map to exactly one SenML unit.
const SPELLED_UNITS: Readonly<Record<string, string>> = {
  '°C': 'Cel',
  degC: 'Cel',
  lux: 'lx',
  'm³': 'm3',
  'µg/m3': 'ug/m3',
  'μg/m3': 'ug/m3',
  'µg/m³': 'ug/m3',
  'μg/m³': 'ug/m3',
};

/**
 * The SenML unit an object gives its `value`: the quantity its `variable`/`type` member names,
 * else its `unit` member when that is a registered SenML unit or an unambiguous spelling of one.
 */
function objectUnit(
  o: Record<string, unknown>,
  units: ReadonlyMap<string, string>,
): string | undefined {
  for (const key of ['variable', 'type', 'Type', 'name']) {
    const q = o[key];
    if (typeof q === 'string' && units.has(q)) return units.get(q);
  }
  for (const key of ['unit', 'Unit']) {
    const u = o[key];
    if (typeof u !== 'string') continue;
    if (isSenmlUnit(u) || isSenmlSecondaryUnit(u)) return u;
    if (Object.hasOwn(SPELLED_UNITS, u)) return SPELLED_UNITS[u];
  }
  return undefined;
}

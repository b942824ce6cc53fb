/** Unit and plausibility rules on each attribute instance of a normalized entity. */
import type { NormalizedEntity } from '@smartcitylab/ngsi-ld';
import {
  type AttributeRange,
  isOutdoorAirTemperature,
  PLACEHOLDER_NUMBERS,
  rangeFor,
  seasonalTemperatureBand,
} from '../plausibility.js';
import { jsonPath, type ReportBuilder } from '../report.js';
import { convertQuantity, unitInfo } from '../units.js';

/**
 * Whether `name` is a member of the entity itself (id, type, context, scope, system times) rather
 * than an attribute; compared, not hashed, as this runs for every member on the hot path.
 */
export function isEntityMember(name: string): boolean {
  switch (name) {
    case 'id':
    case 'type':
    case '@context':
    case 'scope':
    case 'createdAt':
    case 'modifiedAt':
    case 'deletedAt':
      return true;
    default:
      return false;
  }
}

/** One attribute instance of a normalized entity; its path is made only for a finding. */
export interface Instance {
  readonly name: string;
  /**
   * Position in a multi-attribute array, -1 for a single attribute, or {@link KEY_VALUES} for an
   * attribute sent as keyValues.
   */
  readonly index: number;
  readonly attr: Record<string, unknown>;
}

/**
 * The index of an attribute sent as keyValues: its value is the entity's member itself, which has
 * no `value`, `unitCode` or other member, so its findings name the member as the input has it.
 */
export const KEY_VALUES = -2;

/** The path of `inst` in the entity as sent, with up to two members inside it. */
export function instancePath(inst: Instance, a?: string, b?: string): (string | number)[] {
  const out: (string | number)[] = inst.index < 0 ? [inst.name] : [inst.name, inst.index];
  if (a !== undefined && inst.index !== KEY_VALUES) out.push(a);
  if (b !== undefined) out.push(b);
  return out;
}

/** Each attribute instance of a normalized entity, with its path (listed once per check). */
export function instances(entity: NormalizedEntity, single = -1): Instance[] {
  const out: Instance[] = [];
  for (const name in entity) {
    if (!ownKey(entity, name) || isEntityMember(name)) continue;
    const v: unknown = (entity as Record<string, unknown>)[name];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (isRecord(item)) out.push({ name, index: i, attr: item });
      }
    } else if (isRecord(v)) out.push({ name, index: single, attr: v });
  }
  return out;
}

/** When and where a reading was taken, for the seasonal band. */
export interface ReadingContext {
  /** Month of the observation, 0 = January (UTC), when known. */
  readonly month: number | undefined;
  /** Latitude of the entity's first position, when known. */
  readonly lat: number | undefined;
  /** Longitude of the entity's first position, when known. */
  readonly lon: number | undefined;
}

/** Runs the unit, placeholder and plausibility rules. */
export function checkAttributes(
  r: ReportBuilder,
  list: readonly Instance[],
  type: string,
  overrides: Readonly<Record<string, AttributeRange>> | undefined,
  reading: ReadingContext,
): void {
  for (const inst of list) {
    const { name, attr } = inst;
    const unitCode = typeof attr.unitCode === 'string' ? attr.unitCode : undefined;
    // Only a unit or a numeric Property has anything to check against a range.
    if (unitCode === undefined && (attr.type !== 'Property' || typeof attr.value !== 'number'))
      continue;
    const range = rangeFor(type, name, overrides);
    let unitFits = true;
    if (unitCode !== undefined) {
      const info = unitInfo(unitCode);
      if (!info)
        r.fail('units.known', 'warning', jsonPath(...instancePath(inst, 'unitCode')), {
          en: `Unit code "${unitCode}" of "${name}" is not in the validator's unit table of UN/CEFACT Rec 20 codes; check it, or use e.g. CEL, P1, GQ, MTR.`,
          sv: `Enhetskoden "${unitCode}" för "${name}" finns inte i validatorns tabell över UN/CEFACT Rec 20-koder; kontrollera den, eller använd t.ex. CEL, P1, GQ, MTR.`,
        });
      else {
        r.pass('units.known');
        if (range) {
          const convertible =
            range.units.includes(unitCode) ||
            convertQuantity(1, unitCode, range.unit, name) !== undefined;
          if (convertible) r.pass('units.fit');
          else {
            unitFits = false;
            r.fail('units.fit', 'error', jsonPath(...instancePath(inst, 'unitCode')), {
              en: `Unit "${unitCode}" (${info.name}) does not fit "${name}"; expected one of ${range.units.join(', ')}.`,
              sv: `Enheten "${unitCode}" (${info.symbol}) passar inte "${name}"; förväntade någon av ${range.units.join(', ')}.`,
            });
          }
        }
      }
    }
    if (!range || !unitFits || attr.type !== 'Property' || typeof attr.value !== 'number') continue;
    const value =
      unitCode === undefined ? attr.value : convertQuantity(attr.value, unitCode, range.unit, name);
    if (value === undefined || !Number.isFinite(value)) continue;
    const normal = range.sweden ?? range.physical;
    if (PLACEHOLDER_NUMBERS.has(attr.value) && (value < normal[0] || value > normal[1])) {
      const shown = shownValue(attr.value, unitCode);
      r.fail('plausibility.placeholder', 'error', jsonPath(...instancePath(inst, 'value')), {
        en: `"${name}" = ${shown} looks like a filler for a missing reading, not a measurement; leave the attribute out when there is no reading.`,
        sv: `"${name}" = ${shown} ser ut som en utfyllnad för en saknad mätning, inte ett mätvärde; utelämna attributet när det inte finns någon mätning.`,
      });
      continue;
    }
    const [pmin, pmax] = range.physical;
    if (value < pmin || value > pmax) {
      const shown = shownValue(attr.value, unitCode);
      const fraction = range.unit === 'C62' && unitCode === undefined && value > 1 && value <= 100;
      r.fail('plausibility.range', 'error', jsonPath(...instancePath(inst, 'value')), {
        en: `"${name}" = ${shown} is physically implausible (allowed ${pmin} to ${pmax} ${range.unit}).${
          fraction
            ? ' Smart Data Models express it as a fraction from 0 to 1; send unitCode "P1" for percent.'
            : ''
        }`,
        sv: `"${name}" = ${shown} är fysikaliskt orimligt (tillåtet ${pmin} till ${pmax} ${range.unit}).${
          fraction
            ? ' Smart Data Models anger det som en andel mellan 0 och 1; skicka unitCode "P1" för procent.'
            : ''
        }`,
      });
      continue;
    }
    if (range.sweden) {
      const [smin, smax] = range.sweden;
      if (value < smin || value > smax) {
        const shown = shownValue(attr.value, unitCode);
        r.fail('plausibility.range', 'warning', jsonPath(...instancePath(inst, 'value')), {
          en: `"${name}" = ${shown} is outside the usual Swedish range ${smin} to ${smax} ${range.unit}; check the sensor.`,
          sv: `"${name}" = ${shown} ligger utanför det normala svenska intervallet ${smin} till ${smax} ${range.unit}; kontrollera sensorn.`,
        });
        continue;
      }
    }
    if (
      reading.month !== undefined &&
      reading.lat !== undefined &&
      reading.lon !== undefined &&
      range.unit === 'CEL' &&
      isOutdoorAirTemperature(type, name) &&
      inSweden(reading.lon, reading.lat)
    ) {
      const [lo, hi] = seasonalTemperatureBand(reading.month, reading.lat);
      if (value < lo || value > hi) {
        const month = MONTHS_EN[reading.month];
        const monthSv = MONTHS_SV[reading.month];
        const shown = shownValue(attr.value, unitCode);
        r.fail('plausibility.season', 'warning', jsonPath(...instancePath(inst, 'value')), {
          en: `"${name}" = ${shown} is unusual for ${month} at latitude ${reading.lat.toFixed(1)} (expected ${lo} to ${hi} °C); check the sensor and the observation time.`,
          sv: `"${name}" = ${shown} är ovanligt för ${monthSv} på latitud ${reading.lat.toFixed(1)} (förväntat ${lo} till ${hi} °C); kontrollera sensorn och observationstiden.`,
        });
        continue;
      }
      r.pass('plausibility.season');
    }
    r.pass('plausibility.range');
  }
}

/** The reading as a message shows it; made only for a message, as most readings pass. */
function shownValue(value: number, unitCode: string | undefined): string {
  return `${value}${unitCode ? ` ${unitCode}` : ''}`;
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTHS_SV = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

function inSweden(lon: number, lat: number): boolean {
  return lon >= 10.5 && lon <= 24.5 && lat >= 55 && lat <= 69.5;
}

/**
 * Whether `key` is an own property of `o`; the filter of `for (const key in o) if (ownKey(o, key))`,
 * in which V8 reads `o[key]` straight from the enum cache, several times faster than
 * `Object.keys(o)` and a keyed load. The builtin is named here, not kept in a module variable:
 * the optimizing compiler drops the check in such a loop only when it sees the builtin itself,
 * and bundlers turn a module `const` into a `var` it cannot see through.
 */
export function ownKey(o: object, key: string): boolean {
  // biome-ignore lint/suspicious/noPrototypeBuiltins: Object.hasOwn defeats the for-in fast path
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** True for a plain, non-array object. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

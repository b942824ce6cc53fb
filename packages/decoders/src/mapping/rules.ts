/**
 * Reusable attribute rules and converters for mappings: each one knows the Smart Data
 * Models attribute, its UN/CEFACT unit and how a decoder's unit converts to it.
 */
import type { AttributeRule, AttributeValue, EntityRule, MappingContext } from './types.js';

type From = AttributeRule['from'];

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/**
 * Temperature in °C (`CEL`).
 *
 * @example
 * ```ts
 * const rule = temperature('TempC_SHT'); // { from: 'TempC_SHT', to: 'temperature', unitCode: 'CEL' }
 * ```
 */
export function temperature(from: From, to = 'temperature'): AttributeRule {
  return { from, to, unitCode: 'CEL' };
}

/**
 * Relative humidity reported in percent, stored as the 0..1 fraction Smart Data Models use (`C62`).
 *
 * @example
 * ```ts
 * const rule = relativeHumidity('humidity'); // 41 % → 0.41
 * ```
 */
export function relativeHumidity(from: From): AttributeRule {
  return { from, to: 'relativeHumidity', unitCode: 'C62', scale: 0.01 };
}

/**
 * CO2 concentration in ppm (`59`).
 *
 * @example
 * ```ts
 * const rule = co2('co2');
 * ```
 */
export function co2(from: From): AttributeRule {
  return { from, to: 'co2', unitCode: '59' };
}

/**
 * Atmospheric pressure in hPa (`A97`); `scale` converts from the decoder's unit (0.01 for Pa).
 *
 * @example
 * ```ts
 * const rule = atmosphericPressure('barometric_pressure', 0.01); // Pa → hPa
 * ```
 */
export function atmosphericPressure(from: From, scale?: number): AttributeRule {
  return scale === undefined
    ? { from, to: 'atmosphericPressure', unitCode: 'A97' }
    : { from, to: 'atmosphericPressure', unitCode: 'A97', scale };
}

/**
 * Illuminance in lux (`LUX`).
 *
 * @example
 * ```ts
 * const rule = illuminance('light');
 * ```
 */
export function illuminance(from: From): AttributeRule {
  return { from, to: 'illuminance', unitCode: 'LUX' };
}

/**
 * Battery level reported in percent, stored as a 0..1 fraction on the Device; a value
 * outside 0..100 is left out with a warning.
 *
 * @example
 * ```ts
 * const rule = batteryPercent('battery'); // 92 → 0.92
 * ```
 */
export function batteryPercent(from: From): AttributeRule {
  return {
    from,
    to: 'batteryLevel',
    unitCode: 'C62',
    convert: (v, ctx) => {
      if (typeof v !== 'number') return undefined;
      if (v < 0 || v > 100) {
        ctx.warn(
          `${ctx.entry.deviceId} ${ctx.devEui}: battery ${v} % is outside 0..100; batteryLevel left out`,
        );
        return undefined;
      }
      return round4(v / 100);
    },
  };
}

/**
 * Container filling level from a level sensor's distance to the contents:
 * `1 - distance / containerDepthM` (registry entry), clamped to 0..1 with a warning when the
 * distance lies outside the container. `metresPerUnit` converts the decoder's unit.
 *
 * @example
 * ```ts
 * const rule = fillingLevelFromDistance('distance', 0.001); // mm
 * ```
 */
export function fillingLevelFromDistance(
  from: From,
  metresPerUnit: number | ((ctx: MappingContext) => number | undefined),
): AttributeRule {
  return {
    from,
    to: 'fillingLevel',
    unitCode: 'C62',
    convert: (v, ctx) => {
      if (typeof v !== 'number') return undefined;
      const factor = typeof metresPerUnit === 'function' ? metresPerUnit(ctx) : metresPerUnit;
      if (factor === undefined) return undefined;
      const depth = ctx.entry.containerDepthM;
      if (typeof depth !== 'number' || !Number.isFinite(depth) || depth <= 0) {
        ctx.warn(
          `device ${ctx.devEui} (${ctx.entry.deviceId}) reports a distance but its registry entry has no positive containerDepthM (metres); fillingLevel left out`,
        );
        return undefined;
      }
      const distance = v * factor;
      const fill = 1 - distance / depth;
      if (fill < 0 || fill > 1) {
        ctx.warn(
          `device ${ctx.devEui}: distance ${round4(distance)} m is outside the container depth 0..${depth} m; fillingLevel clamped to ${fill < 0 ? 0 : 1}`,
        );
        return fill < 0 ? 0 : 1;
      }
      return round4(fill);
    },
  };
}

/**
 * Water volume as an integer number of litres (`LTR`), the unit `waterConsumption` is an
 * integer in; `litresPerUnit` converts (1000 for m³).
 *
 * @example
 * ```ts
 * const rule = waterVolume('current_volume_m3', 1000);
 * ```
 */
export function waterVolume(from: From, litresPerUnit = 1, to = 'waterConsumption'): AttributeRule {
  return { from, to, unitCode: 'LTR', scale: litresPerUnit, round: true };
}

/**
 * Presence as `occupied` / `free`: a ParkingSpot `status` rule (used when the registry entry
 * names a `refParkingSite`) and a Device `deviceState` rule (used otherwise).
 *
 * @example
 * ```ts
 * const { spot, state } = presence('presence.value');
 * ```
 */
export function presence(
  from: From,
  isOccupied: (v: unknown) => boolean = truthy,
): { spot: EntityRule; state: AttributeRule } {
  const status = (v: unknown): AttributeValue => (isOccupied(v) ? 'occupied' : 'free');
  return {
    spot: {
      type: 'ParkingSpot',
      when: (entry) => typeof entry.refParkingSite === 'string' && entry.refParkingSite !== '',
      attributes: [{ from, to: 'status', convert: status }],
      fixed: (ctx) => ({
        refParkingSite: String(ctx.entry.refParkingSite),
        category: ctx.entry.parkingCategory ?? ['onStreet'],
      }),
    },
    state: {
      from,
      to: 'deviceState',
      convert: (v, ctx) =>
        typeof ctx.entry.refParkingSite === 'string' && ctx.entry.refParkingSite !== ''
          ? undefined
          : status(v),
    },
  };
}

/**
 * A door or lid contact as Device `deviceState` `open` / `closed`.
 *
 * @example
 * ```ts
 * const rule = doorState('door', (v) => v === 'open');
 * ```
 */
export function doorState(from: From, isOpen: (v: unknown) => boolean = truthy): AttributeRule {
  return { from, to: 'deviceState', convert: (v) => (isOpen(v) ? 'open' : 'closed') };
}

/**
 * A reading with no better Smart Data Model, as a DeviceMeasurement
 * (`urn:ngsi-ld:DeviceMeasurement:<devEui>-<suffix>`) with `numValue`, `unit` and `controlledProperty`.
 *
 * @example
 * ```ts
 * const rule = measurement('soil_temperature', 'temperature', 'CEL', 'soilTemperature');
 * ```
 */
export function measurement(
  from: From,
  controlledProperty: string,
  unit: string,
  idSuffix: string = controlledProperty,
  scale?: number,
): EntityRule {
  const attr: AttributeRule = { from, to: 'numValue', unitCode: unit };
  if (scale !== undefined) attr.scale = scale;
  return {
    type: 'DeviceMeasurement',
    idSuffix,
    attributes: [attr],
    fixed: () => ({ controlledProperty, unit, measurementType: 'instantaneous' }),
  };
}

/**
 * Entity rules for an environment sensor: indoor installations give IndoorEnvironmentObserved
 * (climate, CO2, people count) plus AirQualityObserved for other pollutants; outdoor ones give
 * WeatherObserved (climate) and AirQualityObserved (CO2 and pollutants).
 *
 * @example
 * ```ts
 * const rules = environment({ climate: [temperature('t'), relativeHumidity('rh')], air: [co2('co2')] });
 * ```
 */
export function environment(parts: {
  climate?: readonly AttributeRule[];
  air?: readonly AttributeRule[];
  people?: readonly AttributeRule[];
}): EntityRule[] {
  const climate = parts.climate ?? [];
  const air = parts.air ?? [];
  const people = parts.people ?? [];
  const indoorCo2 = air.filter((a) => a.to === 'co2');
  const pollutants = air.filter((a) => a.to !== 'co2');
  const rules: EntityRule[] = [];
  if (climate.length + indoorCo2.length + people.length > 0) {
    const indoorClimate = climate.map((a) => (a.to === 'temperature' ? nonNegativeIndoor(a) : a));
    rules.push({
      type: 'IndoorEnvironmentObserved',
      when: 'indoor',
      attributes: [...indoorClimate, ...indoorCo2, ...people],
    });
  }
  if (pollutants.length > 0) {
    rules.push({
      type: 'AirQualityObserved',
      when: 'indoor',
      attributes: pollutants,
      fixed: () => ({ typeofLocation: 'indoor' }),
    });
  }
  if (climate.length > 0)
    rules.push({ type: 'WeatherObserved', when: 'outdoor', attributes: climate });
  if (air.length > 0) {
    rules.push({
      type: 'AirQualityObserved',
      when: 'outdoor',
      attributes: air,
      fixed: () => ({ typeofLocation: 'outdoor' }),
    });
  }
  return rules;
}

/**
 * The IndoorEnvironmentObserved schema only allows temperatures ≥ 0 °C; a colder reading is
 * left out with a warning rather than producing an entity the broker's schema check rejects.
 */
function nonNegativeIndoor(rule: AttributeRule): AttributeRule {
  const inner = rule.convert;
  return {
    ...rule,
    convert: (v, ctx) => {
      const out = inner === undefined ? (v as AttributeValue) : inner(v, ctx);
      if (typeof out === 'number' && out < 0) {
        ctx.warn(
          `device ${ctx.devEui} (${ctx.entry.deviceId}): ${out} °C is below the 0 °C IndoorEnvironmentObserved allows; temperature left out (set indoor: false for cold rooms and outdoor use)`,
        );
        return undefined;
      }
      return out;
    },
  };
}

function truthy(v: unknown): boolean {
  if (typeof v === 'string') return v !== '' && v !== '0' && v.toLowerCase() !== 'false';
  return v === true || (typeof v === 'number' && v !== 0);
}

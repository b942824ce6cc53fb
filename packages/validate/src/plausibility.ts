/**
 * Plausible ranges for the attributes Swedish municipal sensors report. `physical` is what the
 * quantity can be at all (or what a working sensor can report); `sweden` is what the Swedish
 * climate and urban environment make likely. Values outside `physical` are errors, values outside
 * `sweden` are warnings. Both are in `unit` and can be overridden per call.
 */
export interface AttributeRange {
  /** UN/CEFACT code the limits are expressed in; values in other units are converted first. */
  readonly unit: string;
  /** Units that fit this attribute (the first one is the preferred unit). */
  readonly units: readonly string[];
  /** Hard limits: outside them the value cannot be a real reading. */
  readonly physical: readonly [number, number];
  /** Limits for normal Swedish conditions: outside them the reading is suspicious. */
  readonly sweden?: readonly [number, number];
}

const temperature: AttributeRange = {
  unit: 'CEL',
  units: ['CEL', 'KEL', 'FAH'],
  physical: [-90, 60],
  sweden: [-52, 38],
};
const indoorTemperature: AttributeRange = {
  unit: 'CEL',
  units: ['CEL', 'KEL', 'FAH'],
  physical: [-40, 80],
  sweden: [5, 35],
};
const waterTemperature: AttributeRange = {
  unit: 'CEL',
  units: ['CEL', 'KEL', 'FAH'],
  physical: [-3, 100],
  sweden: [-2, 30],
};
const massConcentration = (max: number, sweden: number): AttributeRange => ({
  unit: 'GQ',
  units: ['GQ', 'GP', '59', '61'],
  physical: [0, max],
  sweden: [0, sweden],
});

/** Default plausibility ranges, keyed by Smart Data Models attribute name. */
export const DEFAULT_RANGES: Readonly<Record<string, AttributeRange>> = {
  temperature,
  airTemperature: temperature,
  dewPoint: temperature,
  feelsLikeTemperature: temperature,
  waterTemperature,
  relativeHumidity: { unit: 'C62', units: ['C62', 'P1'], physical: [0, 1] },
  atmosphericPressure: {
    unit: 'A97',
    units: ['A97', 'PAL', 'KPA', 'MBR', 'BAR'],
    physical: [300, 1100],
    sweden: [940, 1065],
  },
  pressure: { unit: 'A97', units: ['A97', 'PAL', 'KPA', 'MBR', 'BAR'], physical: [0, 1100] },
  windSpeed: { unit: 'MTS', units: ['MTS', 'KMH', 'KNT'], physical: [0, 115], sweden: [0, 50] },
  windDirection: { unit: 'DD', units: ['DD'], physical: [-180, 360] },
  precipitation: {
    unit: 'MMT',
    units: ['MMT', 'CMT', 'MTR'],
    physical: [0, 2000],
    sweden: [0, 200],
  },
  snowHeight: { unit: 'CMT', units: ['CMT', 'MTR', 'MMT'], physical: [0, 3000], sweden: [0, 400] },
  solarRadiation: { unit: 'D54', units: ['D54'], physical: [0, 1400], sweden: [0, 1100] },
  illuminance: { unit: 'LUX', units: ['LUX'], physical: [0, 200_000], sweden: [0, 130_000] },
  no2: massConcentration(5000, 1000),
  no: massConcentration(5000, 1000),
  nox: massConcentration(10_000, 2000),
  o3: massConcentration(2000, 400),
  so2: massConcentration(5000, 500),
  co: { unit: 'GP', units: ['GP', 'GQ', '59', '61'], physical: [0, 1000], sweden: [0, 50] },
  pm10: massConcentration(10_000, 1500),
  pm25: massConcentration(5000, 800),
  pm1: massConcentration(5000, 500),
  co2: { unit: '59', units: ['59', '61', 'GQ', 'GP'], physical: [0, 100_000], sweden: [250, 5000] },
  volatileOrganicCompoundsTotal: {
    unit: 'GQ',
    units: ['GQ', 'GP', '59', '61'],
    physical: [0, 1_000_000],
  },
  LAeq: { unit: '2N', units: ['2N'], physical: [0, 194], sweden: [15, 130] },
  LAmax: { unit: '2N', units: ['2N'], physical: [0, 194], sweden: [15, 140] },
  LAS: { unit: '2N', units: ['2N'], physical: [0, 194], sweden: [15, 140] },
  LAeq_d: { unit: '2N', units: ['2N'], physical: [0, 194], sweden: [15, 130] },
  fillingLevel: { unit: 'C62', units: ['C62', 'P1'], physical: [0, 1] },
  batteryLevel: { unit: 'C62', units: ['C62', 'P1'], physical: [0, 1] },
  reliability: { unit: 'C62', units: ['C62', 'P1'], physical: [0, 1] },
  peopleCount: {
    unit: 'IE',
    units: ['IE', 'H87', 'C62'],
    physical: [0, 100_000],
    sweden: [0, 20_000],
  },
  intensity: { unit: 'H87', units: ['H87', 'C62'], physical: [0, 100_000] },
  averageVehicleSpeed: { unit: 'KMH', units: ['KMH', 'MTS'], physical: [0, 400], sweden: [0, 200] },
  waterConsumption: { unit: 'MTQ', units: ['MTQ', 'LTR'], physical: [0, 1e9] },
  pH: { unit: 'C62', units: ['C62'], physical: [0, 14], sweden: [4, 10] },
  conductivity: { unit: 'D10', units: ['D10', 'H61', 'G42'], physical: [0, 100] },
  turbidity: { unit: 'NTU', units: ['NTU'], physical: [0, 4000] },
  streamGauge: { unit: 'CMT', units: ['CMT', 'MTR', 'MMT'], physical: [-100_000, 100_000] },
};

/** Indoor models where the temperature range is that of a heated building. */
export const INDOOR_TYPES: ReadonlySet<string> = new Set(['IndoorEnvironmentObserved']);

/** The range used for `attribute` of an entity of `type`, honouring overrides. */
export function rangeFor(
  type: string,
  attribute: string,
  overrides: Readonly<Record<string, AttributeRange>> | undefined,
): AttributeRange | undefined {
  if (overrides && Object.hasOwn(overrides, attribute)) return overrides[attribute];
  if (attribute === 'temperature' && INDOOR_TYPES.has(type)) return indoorTemperature;
  if (attribute === 'temperature' && /^Water/.test(type)) return waterTemperature;
  return Object.hasOwn(DEFAULT_RANGES, attribute) ? DEFAULT_RANGES[attribute] : undefined;
}

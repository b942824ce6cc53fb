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
  // Station pressure, not pressure reduced to sea level: Swedish mountain stations read about
  // 880 hPa, and the highest ones lower still on a stormy day.
  atmosphericPressure: {
    unit: 'A97',
    units: ['A97', 'PAL', 'KPA', 'MBR', 'BAR'],
    physical: [300, 1100],
    sweden: [820, 1065],
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

/** Water models, where `temperature` is the water's. */
const WATER_TYPE = /^Water/;

/** The range used for `attribute` of an entity of `type`, honouring overrides. */
export function rangeFor(
  type: string,
  attribute: string,
  overrides: Readonly<Record<string, AttributeRange>> | undefined,
): AttributeRange | undefined {
  if (overrides && Object.hasOwn(overrides, attribute)) return overrides[attribute];
  if (attribute === 'temperature' && INDOOR_TYPES.has(type)) return indoorTemperature;
  if (attribute === 'temperature' && WATER_TYPE.test(type)) return waterTemperature;
  // A map made on first use: a keyed look-up of an absent name in an object of this size costs
  // several times more, and most names have no range.
  defaults ??= new Map(Object.entries(DEFAULT_RANGES));
  return defaults.get(attribute);
}

let defaults: Map<string, AttributeRange> | undefined;

/** Outdoor air temperature attributes the seasonal band applies to. */
const OUTDOOR_AIR = new Set(['temperature', 'airTemperature']);

// Monthly national extremes of Swedish weather records, rounded outwards by about a degree:
// the warmest and coldest readings an official station has ever taken in each month.
const MONTH_MAX = [13, 17, 22, 29, 33, 36, 38, 36, 30, 24, 18, 14];
const MONTH_MIN = [-53, -53, -49, -37, -26, -11, -6, -10, -19, -32, -42, -50];

/**
 * The band of outdoor air temperatures (°C) plausible in Sweden in `month` (0 = January) at
 * latitude `lat`: the monthly national record band, narrowed towards the north in the cold half
 * of the year (highs) and towards the south (lows). A value outside it is questioned, not
 * rejected: +22 °C in Sundsvall in November is worth a look.
 */
export function seasonalTemperatureBand(month: number, lat: number): [number, number] {
  const cold = month <= 2 || month >= 9;
  const max = (MONTH_MAX[month] ?? 38) - (cold ? Math.max(0, lat - 58) * 0.4 : 0);
  const min = (MONTH_MIN[month] ?? -53) + Math.max(0, 64 - lat) * 1.2;
  return [Math.round(min * 10) / 10, Math.round(max * 10) / 10];
}

/** Whether the seasonal temperature band applies to `attribute` of an entity of `type`. */
export function isOutdoorAirTemperature(type: string, attribute: string): boolean {
  return OUTDOOR_AIR.has(attribute) && !INDOOR_TYPES.has(type) && !WATER_TYPE.test(type);
}

/** Numbers that loggers and exports write for "no reading". */
export const PLACEHOLDER_NUMBERS: ReadonlySet<number> = new Set([
  -999, -9999, -99999, 9999, 99999, 999999, -32768, 32767, 65535, -273.15,
]);

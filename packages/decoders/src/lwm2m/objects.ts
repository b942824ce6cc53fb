/**
 * The OMA LwM2M / IPSO / uCIFI objects municipal IoT platforms use, with their main
 * resources, value types and default SenML units. Resource ids and names follow
 * the OMA LwM2M registry; units are SenML symbols (RFC 8428 / RFC 8798).
 */

/**
 * Value type of an LwM2M resource. `time` is seconds since the Unix epoch.
 *
 * @example
 * ```ts
 * import type { Lwm2mValueType } from '@smartcitylab/decoders/lwm2m';
 * const t: Lwm2mValueType = 'float';
 * ```
 */
export type Lwm2mValueType = 'float' | 'integer' | 'string' | 'boolean' | 'time';

/**
 * One resource of an LwM2M object.
 *
 * @example
 * ```ts
 * import type { Lwm2mResourceInfo } from '@smartcitylab/decoders/lwm2m';
 * const r: Lwm2mResourceInfo = { name: 'Sensor Value', type: 'float', unit: 'Cel', mandatory: true };
 * ```
 */
export interface Lwm2mResourceInfo {
  /** Resource name as in the OMA registry. */
  readonly name: string;
  /** Value type. */
  readonly type: Lwm2mValueType;
  /** Default SenML unit of the value, when it has one. */
  readonly unit?: string;
  /** True when the object definition makes the resource mandatory. */
  readonly mandatory?: true;
}

/**
 * One LwM2M object definition.
 *
 * @example
 * ```ts
 * import type { Lwm2mObjectInfo } from '@smartcitylab/decoders/lwm2m';
 * import { LWM2M_OBJECTS } from '@smartcitylab/decoders/lwm2m';
 * const temperature: Lwm2mObjectInfo = LWM2M_OBJECTS[3303];
 * ```
 */
export interface Lwm2mObjectInfo {
  /** Object id, e.g. 3303. */
  readonly id: number;
  /** PascalCase key, e.g. `Temperature`. */
  readonly key: string;
  /** Object name as in the OMA registry. */
  readonly name: string;
  /** One-line description. */
  readonly description: string;
  /** Object URN, `urn:oma:lwm2m:ext:<id>`. */
  readonly urn: string;
  /** Main resources by resource id. */
  readonly resources: Readonly<Record<number, Lwm2mResourceInfo>>;
}

/**
 * Object ids, names and main resources (with units) of the supported LwM2M objects.
 *
 * @example
 * ```ts
 * import { LWM2M_OBJECTS } from '@smartcitylab/decoders/lwm2m';
 * LWM2M_OBJECTS[3303].resources[5700]; // { name: 'Sensor Value', type: 'float', unit: 'Cel', mandatory: true }
 * ```
 */
export const LWM2M_OBJECTS = {
  3: {
    id: 3,
    key: 'Device',
    name: 'Device',
    description: 'Device information: manufacturer, model, versions, power and battery.',
    urn: 'urn:oma:lwm2m:ext:3',
    resources: {
      0: { name: 'Manufacturer', type: 'string' },
      1: { name: 'Model Number', type: 'string' },
      2: { name: 'Serial Number', type: 'string' },
      3: { name: 'Firmware Version', type: 'string' },
      6: { name: 'Available Power Sources', type: 'integer' },
      7: { name: 'Power Source Voltage', type: 'integer', unit: 'mV' },
      8: { name: 'Power Source Current', type: 'integer', unit: 'mA' },
      9: { name: 'Battery Level', type: 'integer', unit: '/100' },
      10: { name: 'Memory Free', type: 'integer', unit: 'KiB' },
      11: { name: 'Error Code', type: 'integer', mandatory: true },
      13: { name: 'Current Time', type: 'time' },
      14: { name: 'UTC Offset', type: 'string' },
      15: { name: 'Timezone', type: 'string' },
      16: { name: 'Supported Binding and Modes', type: 'string', mandatory: true },
      17: { name: 'Device Type', type: 'string' },
      18: { name: 'Hardware Version', type: 'string' },
      19: { name: 'Software Version', type: 'string' },
      20: { name: 'Battery Status', type: 'integer' },
      21: { name: 'Memory Total', type: 'integer', unit: 'KiB' },
    },
  },
  3200: {
    id: 3200,
    key: 'DigitalInput',
    name: 'Digital Input',
    description: 'A generic digital (on/off) input with a counter.',
    urn: 'urn:oma:lwm2m:ext:3200',
    resources: {
      5500: { name: 'Digital Input State', type: 'boolean', mandatory: true },
      5501: { name: 'Digital Input Counter', type: 'integer' },
      5502: { name: 'Digital Input Polarity', type: 'boolean' },
      5503: { name: 'Digital Input Debounce', type: 'integer', unit: 'ms' },
      5504: { name: 'Digital Input Edge Selection', type: 'integer' },
      5750: { name: 'Application Type', type: 'string' },
      5751: { name: 'Sensor Type', type: 'string' },
      5518: { name: 'Timestamp', type: 'time' },
    },
  },
  3301: {
    id: 3301,
    key: 'Illuminance',
    name: 'Illuminance',
    description: 'Light level sensor.',
    urn: 'urn:oma:lwm2m:ext:3301',
    resources: {
      5700: { name: 'Sensor Value', type: 'float', unit: 'lx', mandatory: true },
      5701: { name: 'Sensor Units', type: 'string' },
      5601: { name: 'Min Measured Value', type: 'float', unit: 'lx' },
      5602: { name: 'Max Measured Value', type: 'float', unit: 'lx' },
      5603: { name: 'Min Range Value', type: 'float', unit: 'lx' },
      5604: { name: 'Max Range Value', type: 'float', unit: 'lx' },
      5750: { name: 'Application Type', type: 'string' },
      5518: { name: 'Timestamp', type: 'time' },
    },
  },
  3302: {
    id: 3302,
    key: 'Presence',
    name: 'Presence',
    description: 'Presence (occupancy, motion) detector.',
    urn: 'urn:oma:lwm2m:ext:3302',
    resources: {
      5500: { name: 'Digital Input State', type: 'boolean', mandatory: true },
      5501: { name: 'Digital Input Counter', type: 'integer' },
      5751: { name: 'Sensor Type', type: 'string' },
      5903: { name: 'Busy to Clear Delay', type: 'integer', unit: 'ms' },
      5904: { name: 'Clear to Busy Delay', type: 'integer', unit: 'ms' },
      5518: { name: 'Timestamp', type: 'time' },
    },
  },
  3303: {
    id: 3303,
    key: 'Temperature',
    name: 'Temperature',
    description: 'Temperature sensor.',
    urn: 'urn:oma:lwm2m:ext:3303',
    resources: {
      5700: { name: 'Sensor Value', type: 'float', unit: 'Cel', mandatory: true },
      5701: { name: 'Sensor Units', type: 'string' },
      5601: { name: 'Min Measured Value', type: 'float', unit: 'Cel' },
      5602: { name: 'Max Measured Value', type: 'float', unit: 'Cel' },
      5603: { name: 'Min Range Value', type: 'float', unit: 'Cel' },
      5604: { name: 'Max Range Value', type: 'float', unit: 'Cel' },
      5750: { name: 'Application Type', type: 'string' },
      5518: { name: 'Timestamp', type: 'time' },
    },
  },
  3304: {
    id: 3304,
    key: 'Humidity',
    name: 'Humidity',
    description: 'Relative humidity sensor.',
    urn: 'urn:oma:lwm2m:ext:3304',
    resources: {
      5700: { name: 'Sensor Value', type: 'float', unit: '%RH', mandatory: true },
      5701: { name: 'Sensor Units', type: 'string' },
      5601: { name: 'Min Measured Value', type: 'float', unit: '%RH' },
      5602: { name: 'Max Measured Value', type: 'float', unit: '%RH' },
      5603: { name: 'Min Range Value', type: 'float', unit: '%RH' },
      5604: { name: 'Max Range Value', type: 'float', unit: '%RH' },
      5750: { name: 'Application Type', type: 'string' },
      5518: { name: 'Timestamp', type: 'time' },
    },
  },
  3323: {
    id: 3323,
    key: 'Pressure',
    name: 'Pressure',
    description: 'Pressure sensor (barometric, soil water tension, ...).',
    urn: 'urn:oma:lwm2m:ext:3323',
    resources: {
      5700: { name: 'Sensor Value', type: 'float', unit: 'Pa', mandatory: true },
      5701: { name: 'Sensor Units', type: 'string' },
      5601: { name: 'Min Measured Value', type: 'float', unit: 'Pa' },
      5602: { name: 'Max Measured Value', type: 'float', unit: 'Pa' },
      5603: { name: 'Min Range Value', type: 'float', unit: 'Pa' },
      5604: { name: 'Max Range Value', type: 'float', unit: 'Pa' },
      5750: { name: 'Application Type', type: 'string' },
      5518: { name: 'Timestamp', type: 'time' },
    },
  },
  3324: {
    id: 3324,
    key: 'Loudness',
    name: 'Loudness',
    description: 'Sound level sensor.',
    urn: 'urn:oma:lwm2m:ext:3324',
    resources: {
      5700: { name: 'Sensor Value', type: 'float', unit: 'dB', mandatory: true },
      5701: { name: 'Sensor Units', type: 'string' },
      5601: { name: 'Min Measured Value', type: 'float', unit: 'dB' },
      5602: { name: 'Max Measured Value', type: 'float', unit: 'dB' },
      5603: { name: 'Min Range Value', type: 'float', unit: 'dB' },
      5604: { name: 'Max Range Value', type: 'float', unit: 'dB' },
      5750: { name: 'Application Type', type: 'string' },
      5518: { name: 'Timestamp', type: 'time' },
    },
  },
  3327: {
    id: 3327,
    key: 'Conductivity',
    name: 'Conductivity',
    description: 'Electrical conductivity sensor (soil, water).',
    urn: 'urn:oma:lwm2m:ext:3327',
    resources: {
      5700: { name: 'Sensor Value', type: 'float', unit: 'S/m', mandatory: true },
      5701: { name: 'Sensor Units', type: 'string' },
      5601: { name: 'Min Measured Value', type: 'float', unit: 'S/m' },
      5602: { name: 'Max Measured Value', type: 'float', unit: 'S/m' },
      5603: { name: 'Min Range Value', type: 'float', unit: 'S/m' },
      5604: { name: 'Max Range Value', type: 'float', unit: 'S/m' },
      5750: { name: 'Application Type', type: 'string' },
      5518: { name: 'Timestamp', type: 'time' },
    },
  },
  3328: {
    id: 3328,
    key: 'Power',
    name: 'Power',
    description: 'Active power sensor.',
    urn: 'urn:oma:lwm2m:ext:3328',
    resources: {
      5700: { name: 'Sensor Value', type: 'float', unit: 'W', mandatory: true },
      5701: { name: 'Sensor Units', type: 'string' },
      5601: { name: 'Min Measured Value', type: 'float', unit: 'W' },
      5602: { name: 'Max Measured Value', type: 'float', unit: 'W' },
      5603: { name: 'Min Range Value', type: 'float', unit: 'W' },
      5604: { name: 'Max Range Value', type: 'float', unit: 'W' },
      5750: { name: 'Application Type', type: 'string' },
      5518: { name: 'Timestamp', type: 'time' },
    },
  },
  3330: {
    id: 3330,
    key: 'Distance',
    name: 'Distance',
    description: 'Distance sensor (e.g. ultrasonic level sensors).',
    urn: 'urn:oma:lwm2m:ext:3330',
    resources: {
      5700: { name: 'Sensor Value', type: 'float', unit: 'm', mandatory: true },
      5701: { name: 'Sensor Units', type: 'string' },
      5601: { name: 'Min Measured Value', type: 'float', unit: 'm' },
      5602: { name: 'Max Measured Value', type: 'float', unit: 'm' },
      5603: { name: 'Min Range Value', type: 'float', unit: 'm' },
      5604: { name: 'Max Range Value', type: 'float', unit: 'm' },
      5750: { name: 'Application Type', type: 'string' },
      5518: { name: 'Timestamp', type: 'time' },
    },
  },
  3331: {
    id: 3331,
    key: 'Energy',
    name: 'Energy',
    description: 'Cumulative energy meter.',
    urn: 'urn:oma:lwm2m:ext:3331',
    resources: {
      5700: { name: 'Sensor Value', type: 'float', unit: 'Wh', mandatory: true },
      5701: { name: 'Sensor Units', type: 'string' },
      5750: { name: 'Application Type', type: 'string' },
      5518: { name: 'Timestamp', type: 'time' },
    },
  },
  3340: {
    id: 3340,
    key: 'Timer',
    name: 'Timer',
    description: 'Timer for events and actions.',
    urn: 'urn:oma:lwm2m:ext:3340',
    resources: {
      5521: { name: 'Delay Duration', type: 'float', unit: 's', mandatory: true },
      5501: { name: 'Digital Input Counter', type: 'integer' },
      5525: { name: 'Minimum Off-time', type: 'float', unit: 's' },
      5526: { name: 'Timer Mode', type: 'integer' },
      5534: { name: 'Counter', type: 'integer' },
      5538: { name: 'Remaining Time', type: 'float', unit: 's' },
      5543: { name: 'Digital State', type: 'boolean' },
      5544: { name: 'Cumulative Time', type: 'float', unit: 's' },
      5750: { name: 'Application Type', type: 'string' },
      5850: { name: 'On/Off', type: 'boolean' },
    },
  },
  3350: {
    id: 3350,
    key: 'Stopwatch',
    name: 'Stopwatch',
    description: 'Stopwatch accumulating on-time.',
    urn: 'urn:oma:lwm2m:ext:3350',
    resources: {
      5544: { name: 'Cumulative Time', type: 'float', unit: 's', mandatory: true },
      5501: { name: 'Digital Input Counter', type: 'integer' },
      5750: { name: 'Application Type', type: 'string' },
      5850: { name: 'On/Off', type: 'boolean' },
    },
  },
  3411: {
    id: 3411,
    key: 'Battery',
    name: 'Battery',
    description: 'Battery level and status (uCIFI).',
    urn: 'urn:oma:lwm2m:ext:3411',
    resources: {
      1: { name: 'Battery Level', type: 'float', unit: '/100', mandatory: true },
      2: { name: 'Battery Capacity', type: 'float', unit: 'Ah' },
      3: { name: 'Battery Voltage', type: 'float', unit: 'V' },
      4: { name: 'Type of Battery', type: 'string' },
      5: { name: 'Low Battery Threshold', type: 'float', unit: '/100' },
      6: { name: 'Battery Level Too Low', type: 'boolean' },
      7: { name: 'Battery Shutdown', type: 'boolean' },
      8: { name: 'Number of Cycles', type: 'integer' },
      9: { name: 'Supply Loss', type: 'boolean' },
      10: { name: 'Supply Loss Counter', type: 'integer' },
      12: { name: 'Supply Loss Reason', type: 'string' },
      5518: { name: 'Timestamp', type: 'time' },
    },
  },
  3424: {
    id: 3424,
    key: 'WaterMeter',
    name: 'Water Meter',
    description: 'Water meter volume and alarms (uCIFI).',
    urn: 'urn:oma:lwm2m:ext:3424',
    resources: {
      1: { name: 'Cumulated Water Volume', type: 'float', unit: 'm3', mandatory: true },
      3: { name: 'Type of Meter', type: 'string' },
      4: { name: 'Cumulated Pulse Value', type: 'integer' },
      6: { name: 'Pulse Ratio', type: 'float' },
      7: { name: 'Minimum Flow Rate', type: 'float', unit: 'm3/s' },
      8: { name: 'Maximum Flow Rate', type: 'float', unit: 'm3/s' },
      9: { name: 'Leak Suspected', type: 'boolean' },
      10: { name: 'Leak Detected', type: 'boolean' },
      11: { name: 'Back Flow Detected', type: 'boolean' },
      12: { name: 'Blocked Meter', type: 'boolean' },
      13: { name: 'Fraud Detected', type: 'boolean' },
      5518: { name: 'Timestamp', type: 'time' },
    },
  },
  3428: {
    id: 3428,
    key: 'AirQuality',
    name: 'Air Quality',
    description: 'Air quality measurements (uCIFI).',
    urn: 'urn:oma:lwm2m:ext:3428',
    resources: {
      1: { name: 'PM10', type: 'float', unit: 'ug/m3' },
      2: { name: 'PM10 24 Hour Average', type: 'float', unit: 'ug/m3' },
      3: { name: 'PM2.5', type: 'float', unit: 'ug/m3' },
      4: { name: 'PM2.5 24 Hour Average', type: 'float', unit: 'ug/m3' },
      5: { name: 'PM1', type: 'float', unit: 'ug/m3' },
      6: { name: 'PM1 24 Hour Average', type: 'float', unit: 'ug/m3' },
      7: { name: 'CO', type: 'float', unit: 'ppm' },
      8: { name: 'CO 8 Hour Average', type: 'float', unit: 'ppm' },
      9: { name: 'SO2', type: 'float', unit: 'ppm' },
      10: { name: 'SO2 1 Hour Average', type: 'float', unit: 'ppm' },
      11: { name: 'SO2 24 Hour Average', type: 'float', unit: 'ppm' },
      12: { name: 'O3', type: 'float', unit: 'ppm' },
      13: { name: 'O3 1 Hour Average', type: 'float', unit: 'ppm' },
      14: { name: 'O3 8 Hour Average', type: 'float', unit: 'ppm' },
      15: { name: 'NO2', type: 'float', unit: 'ppm' },
      16: { name: 'NO2 1 Hour Average', type: 'float', unit: 'ppm' },
      17: { name: 'CO2', type: 'float', unit: 'ppm' },
      18: { name: 'CO2 1 Hour Average', type: 'float', unit: 'ppm' },
      19: { name: 'NO', type: 'float', unit: 'ppm' },
      20: { name: 'NO 1 Hour Average', type: 'float', unit: 'ppm' },
      21: { name: 'H2S', type: 'float', unit: 'ppm' },
      22: { name: 'H2S 1 Hour Average', type: 'float', unit: 'ppm' },
      23: { name: 'VOC', type: 'float', unit: 'ppm' },
      24: { name: 'VOC 1 Hour Average', type: 'float', unit: 'ppm' },
      5518: { name: 'Timestamp', type: 'time' },
    },
  },
  3434: {
    id: 3434,
    key: 'PeopleCounter',
    name: 'People Counter',
    description: 'People counting (uCIFI).',
    urn: 'urn:oma:lwm2m:ext:3434',
    resources: {
      1: { name: 'Actual Number of Persons', type: 'integer', mandatory: true },
      2: { name: 'Daily Number of Persons', type: 'integer' },
      3: { name: 'Cumulated Number of Persons', type: 'integer' },
      5: { name: 'Daily Number of Passages', type: 'integer' },
      6: { name: 'Cumulated Number of Passages', type: 'integer' },
      8: { name: 'Type of Sensor', type: 'string' },
      5518: { name: 'Timestamp', type: 'time' },
    },
  },
  3435: {
    id: 3435,
    key: 'FillingLevel',
    name: 'Filling Level',
    description: 'Container filling level (uCIFI), e.g. waste bins.',
    urn: 'urn:oma:lwm2m:ext:3435',
    resources: {
      1: { name: 'Container Height', type: 'float', unit: 'cm' },
      2: { name: 'Actual Filling Percentage', type: 'float', unit: '/100', mandatory: true },
      3: { name: 'Actual Filling Level', type: 'float', unit: 'cm' },
      4: { name: 'High Threshold', type: 'float', unit: '/100' },
      5: { name: 'Container Full', type: 'boolean', mandatory: true },
      6: { name: 'Low Threshold', type: 'float', unit: '/100' },
      7: { name: 'Container Empty', type: 'boolean', mandatory: true },
      8: { name: 'Average Filling Speed', type: 'float', unit: '/100' },
      10: { name: 'Forecast Full Date', type: 'time' },
      11: { name: 'Forecast Empty Date', type: 'time' },
      12: { name: 'Container Out of Location', type: 'boolean' },
      13: { name: 'Container Out of Position', type: 'boolean' },
      5518: { name: 'Timestamp', type: 'time' },
    },
  },
} as const satisfies Readonly<Record<number, Lwm2mObjectInfo>>;

/**
 * Id of an LwM2M object in `LWM2M_OBJECTS`.
 *
 * @example
 * ```ts
 * import type { Lwm2mObjectId } from '@smartcitylab/decoders/lwm2m';
 * const id: Lwm2mObjectId = 3303;
 * ```
 */
export type Lwm2mObjectId = keyof typeof LWM2M_OBJECTS;

/**
 * Frequently used resource ids shared by the IPSO objects.
 *
 * @example
 * ```ts
 * import { IPSO_RESOURCES } from '@smartcitylab/decoders/lwm2m';
 * IPSO_RESOURCES.SensorValue; // 5700
 * ```
 */
export const IPSO_RESOURCES = {
  DigitalInputState: 5500,
  DigitalInputCounter: 5501,
  Timestamp: 5518,
  DelayDuration: 5521,
  CumulativeTime: 5544,
  MinMeasuredValue: 5601,
  MaxMeasuredValue: 5602,
  MinRangeValue: 5603,
  MaxRangeValue: 5604,
  SensorValue: 5700,
  SensorUnits: 5701,
  ApplicationType: 5750,
  SensorType: 5751,
  OnOff: 5850,
} as const;

/**
 * The URN prefix of OMA LwM2M object URNs.
 *
 * @example
 * ```ts
 * import { LWM2M_URN_PREFIX } from '@smartcitylab/decoders/lwm2m';
 * `${LWM2M_URN_PREFIX}3303`; // 'urn:oma:lwm2m:ext:3303'
 * ```
 */
export const LWM2M_URN_PREFIX = 'urn:oma:lwm2m:ext:';

/**
 * The object definition for `objectId`, or undefined when it is not in the table.
 *
 * @example
 * ```ts
 * import { getLwm2mObject } from '@smartcitylab/decoders/lwm2m';
 * getLwm2mObject(3435)?.name; // 'Filling Level'
 * ```
 */
export function getLwm2mObject(objectId: number): Lwm2mObjectInfo | undefined {
  return Object.hasOwn(LWM2M_OBJECTS, objectId)
    ? (LWM2M_OBJECTS as Readonly<Record<number, Lwm2mObjectInfo>>)[objectId]
    : undefined;
}

/**
 * The object URN `urn:oma:lwm2m:ext:<id>`.
 *
 * @example
 * ```ts
 * import { lwm2mUrn } from '@smartcitylab/decoders/lwm2m';
 * lwm2mUrn(3303); // 'urn:oma:lwm2m:ext:3303'
 * ```
 */
export function lwm2mUrn(objectId: number): string {
  return `${LWM2M_URN_PREFIX}${objectId}`;
}

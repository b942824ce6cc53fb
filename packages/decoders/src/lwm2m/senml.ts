import { parseSenml } from '../senml/parse.js';
import { resolveSenml } from '../senml/resolve.js';
import type { ResolvedSenmlRecord, SenmlPack, SenmlRecord } from '../senml/types.js';
import { Lwm2mError } from './errors.js';
import { getLwm2mObject, LWM2M_URN_PREFIX, type Lwm2mResourceInfo, lwm2mUrn } from './objects.js';

/**
 * A resource value: number, string or boolean (`time` resources are epoch seconds).
 *
 * @example
 * ```ts
 * import type { Lwm2mValue } from '@smartcitylab/decoders/lwm2m';
 * const v: Lwm2mValue = 21.5;
 * ```
 */
export type Lwm2mValue = number | string | boolean;

/**
 * One resource reading to encode. `time` overrides the pack time for this record,
 * `unit` the object's default unit, `sum` adds a SenML sum (e.g. cumulated volume).
 *
 * @example
 * ```ts
 * import type { Lwm2mReading } from '@smartcitylab/decoders/lwm2m';
 * const r: Lwm2mReading = { resource: 1, value: 10.727, unit: 'm3', time: new Date('2024-07-03T09:00:00Z') };
 * ```
 */
export interface Lwm2mReading {
  resource: number;
  value: Lwm2mValue;
  unit?: string;
  time?: Date | number | string;
  sum?: number;
}

/**
 * Readings of one object instance: `{ 5700: 21.5 }` or a list of `Lwm2mReading`.
 *
 * @example
 * ```ts
 * import type { Lwm2mReadings } from '@smartcitylab/decoders/lwm2m';
 * const readings: Lwm2mReadings = { 5700: 21.5, 5750: 'air' };
 * ```
 */
export type Lwm2mReadings = Readonly<Record<number, Lwm2mValue>> | readonly Lwm2mReading[];

/**
 * Options of `toLwm2mSenml`.
 *
 * @example
 * ```ts
 * import type { ToLwm2mSenmlOptions } from '@smartcitylab/decoders/lwm2m';
 * const options: ToLwm2mSenmlOptions = { deviceId: 'dev-1', time: new Date('2024-07-03T09:46:40Z') };
 * ```
 */
export interface ToLwm2mSenmlOptions {
  /** Device id written as the string value of record `0`. */
  deviceId: string;
  /** Measurement time (Date, ISO string or epoch seconds). Default: the current time. */
  time?: Date | number | string;
  /** Add the object's default unit to numeric readings without one. Default `true`. */
  units?: boolean;
}

/**
 * One decoded resource reading of `fromLwm2mSenml`.
 *
 * @example
 * ```ts
 * import type { Lwm2mDecodedReading } from '@smartcitylab/decoders/lwm2m';
 * const r: Lwm2mDecodedReading = { resource: 5700, name: 'Sensor Value', value: 21.5, unit: 'Cel', time: '2024-07-03T09:46:40.000Z' };
 * ```
 */
export interface Lwm2mDecodedReading {
  resource: number;
  /** Resource name from the object table, when known. */
  name?: string;
  value: Lwm2mValue;
  unit?: string;
  sum?: number;
  /** Absolute time of the reading, ISO 8601 UTC. */
  time: string;
}

/**
 * Result of `fromLwm2mSenml`.
 *
 * @example
 * ```ts
 * import type { Lwm2mObjectReadings } from '@smartcitylab/decoders/lwm2m';
 * const r: Lwm2mObjectReadings = { objectId: 3303, urn: 'urn:oma:lwm2m:ext:3303', deviceId: 'dev-1', time: '2024-07-03T09:46:40.000Z', readings: [], otherRecords: [] };
 * ```
 */
export interface Lwm2mObjectReadings {
  objectId: number;
  urn: string;
  /** Object name from the table, when known. */
  objectName?: string;
  deviceId?: string;
  /** Time of the first record, ISO 8601 UTC. */
  time: string;
  readings: Lwm2mDecodedReading[];
  /** Records that are not resources of the object (other base names, names that are not ids, sums without values, data values). */
  otherRecords: ResolvedSenmlRecord[];
}

function seconds(path: string, time: Date | number | string | undefined): number {
  if (time === undefined) return Date.now() / 1000;
  if (typeof time === 'number' && Number.isFinite(time)) return time;
  if (time instanceof Date && Number.isFinite(time.getTime())) return time.getTime() / 1000;
  if (typeof time === 'string' && time.length <= 40) {
    const ms = Date.parse(time);
    if (Number.isFinite(ms)) return ms / 1000;
  }
  throw new Lwm2mError(`${path} must be a Date, an ISO 8601 string or epoch seconds`, { path });
}

function toList(readings: Lwm2mReadings): Lwm2mReading[] {
  if (Array.isArray(readings)) return [...(readings as readonly Lwm2mReading[])];
  if (typeof readings !== 'object' || readings === null) {
    throw new Lwm2mError(
      'readings must be an object keyed by resource id or an array of readings',
      {
        path: 'readings',
      },
    );
  }
  return Object.keys(readings).map((key) => {
    if (!/^\d{1,5}$/.test(key)) {
      throw new Lwm2mError(`readings key "${key.slice(0, 40)}" is not a resource id (0-65535)`, {
        path: `readings[${key.slice(0, 40)}]`,
      });
    }
    return {
      resource: Number(key),
      value: (readings as Record<string, Lwm2mValue>)[key] as Lwm2mValue,
    };
  });
}

function checkValue(
  path: string,
  value: unknown,
  info: Lwm2mResourceInfo | undefined,
  objectName: string,
  resource: number,
): Lwm2mValue {
  const kind = typeof value;
  if (!(kind === 'number' || kind === 'string' || kind === 'boolean')) {
    throw new Lwm2mError(
      `${path} must be a number, string or boolean, got ${value === null ? 'null' : kind}`,
      {
        path,
      },
    );
  }
  if (kind === 'number' && !Number.isFinite(value)) {
    throw new Lwm2mError(`${path} must be a finite number`, { path });
  }
  if (info === undefined) return value as Lwm2mValue;
  const want = info.type === 'boolean' ? 'boolean' : info.type === 'string' ? 'string' : 'number';
  if (kind !== want || (info.type === 'integer' && !Number.isInteger(value))) {
    throw new Lwm2mError(
      `${path} (${objectName} resource ${resource} "${info.name}") must be ${info.type === 'integer' ? 'an integer' : `a ${want}`}, got ${kind} ${String(value).slice(0, 40)}`,
      { path },
    );
  }
  return value as Lwm2mValue;
}

/**
 * Encodes readings of one LwM2M object as a SenML pack in the shape Swedish
 * municipal platforms (diwise) exchange: the first record carries
 * `bn: "urn:oma:lwm2m:ext:<id>"`, the base time and `n: "0"` with the device id as
 * `vs`; each further record is one resource (`n: "5700"`, value, default unit).
 *
 * @example
 * ```ts
 * import { toLwm2mSenml } from '@smartcitylab/decoders/lwm2m';
 * toLwm2mSenml(3303, { 5700: 21.5 }, { deviceId: 'dev-1', time: new Date('2024-07-03T09:46:40Z') });
 * // [{ bn: 'urn:oma:lwm2m:ext:3303', bt: 1720000000, n: '0', vs: 'dev-1' },
 * //  { n: '5700', v: 21.5, u: 'Cel' }]
 * ```
 * @throws {Lwm2mError} for an object id outside 0-65535, an empty device id, or a
 * value of the wrong type for a known resource.
 */
export function toLwm2mSenml(
  objectId: number,
  readings: Lwm2mReadings,
  options: ToLwm2mSenmlOptions,
): SenmlPack {
  if (!Number.isInteger(objectId) || objectId < 0 || objectId > 65535) {
    throw new Lwm2mError(
      `objectId must be an integer 0-65535, got ${String(objectId).slice(0, 40)}`,
      {
        path: 'objectId',
      },
    );
  }
  if (typeof options?.deviceId !== 'string' || options.deviceId === '') {
    throw new Lwm2mError('options.deviceId must be a non-empty string', {
      path: 'options.deviceId',
    });
  }
  const object = getLwm2mObject(objectId);
  const objectName = object?.name ?? `object ${objectId}`;
  const bt = seconds('options.time', options.time);
  const withUnits = options.units !== false;
  const pack: SenmlPack = [{ bn: lwm2mUrn(objectId), bt, n: '0', vs: options.deviceId }];
  for (const reading of toList(readings)) {
    const path = `readings[${String(reading?.resource).slice(0, 40)}]`;
    if (typeof reading !== 'object' || reading === null) {
      throw new Lwm2mError(`${path} must be a reading object`, { path });
    }
    const { resource } = reading;
    if (!Number.isInteger(resource) || resource < 0 || resource > 65535) {
      throw new Lwm2mError(`${path}.resource must be an integer 0-65535`, { path });
    }
    const info = object?.resources[resource];
    const value = checkValue(path, reading.value, info, objectName, resource);
    const record: SenmlRecord = { n: String(resource) };
    if (typeof value === 'number') record.v = value;
    else if (typeof value === 'string') record.vs = value;
    else record.vb = value;
    const unit = reading.unit ?? (withUnits && typeof value === 'number' ? info?.unit : undefined);
    if (unit !== undefined) record.u = unit;
    if (reading.sum !== undefined) {
      if (typeof reading.sum !== 'number' || !Number.isFinite(reading.sum)) {
        throw new Lwm2mError(`${path}.sum must be a finite number`, { path });
      }
      record.s = reading.sum;
    }
    if (reading.time !== undefined) {
      // Millisecond precision keeps bt + t equal to the reading time after resolution.
      const t = Math.round((seconds(`${path}.time`, reading.time) - bt) * 1000) / 1000;
      if (t !== 0) record.t = t;
    }
    pack.push(record);
  }
  return pack;
}

const URN = /^urn:oma:lwm2m:ext:(\d{1,5})$/;

function iso(path: string, t: number): string {
  const date = new Date(Math.round(t * 1000));
  if (!Number.isFinite(date.getTime())) {
    throw new Lwm2mError(`${path} time ${t} is outside the representable range`, { path });
  }
  return date.toISOString();
}

/**
 * Decodes an LwM2M SenML pack back into the object id, device id and resource
 * readings. Accepts the `bn: "urn:oma:lwm2m:ext:<id>"` + `n: "0", vs: <deviceId>`
 * shape written by `toLwm2mSenml`, and the newer diwise shape
 * `bn: "<deviceId>/<id>/"` + `n: "0", vs: "urn:oma:lwm2m:ext:<id>"`.
 *
 * @example
 * ```ts
 * import { fromLwm2mSenml } from '@smartcitylab/decoders/lwm2m';
 * const r = fromLwm2mSenml([
 *   { bn: 'urn:oma:lwm2m:ext:3303', bt: 1720000000, n: '0', vs: 'dev-1' },
 *   { n: '5700', v: 21.5, u: 'Cel' },
 * ]);
 * r.objectId; // 3303
 * r.readings[0]; // { resource: 5700, name: 'Sensor Value', value: 21.5, unit: 'Cel', time: '2024-07-03T09:46:40.000Z' }
 * ```
 * @throws {SenmlError} when the input is not valid SenML.
 * @throws {Lwm2mError} when the first record does not identify an LwM2M object.
 */
export function fromLwm2mSenml(
  pack: SenmlPack | unknown,
  options: { now?: Date | number } = {},
): Lwm2mObjectReadings {
  const records = parseSenml(pack);
  const resolved = resolveSenml(records, options);
  const first = resolved[0];
  const bn = records[0]?.bn ?? '';
  if (first === undefined) {
    throw new Lwm2mError('pack is empty: expected a first record naming the LwM2M object', {
      path: 'pack',
    });
  }
  let objectId: number;
  let deviceId: string | undefined;
  const fromBn = URN.exec(bn);
  const fromVs = typeof first.vs === 'string' ? URN.exec(first.vs) : null;
  if (fromBn !== null) {
    objectId = Number(fromBn[1]);
    if (first.n === `${bn}0` && first.vs !== undefined) deviceId = first.vs;
  } else if (fromVs !== null && first.n === `${bn}0`) {
    objectId = Number(fromVs[1]);
    const suffix = `/${objectId}/`;
    if (bn.endsWith(suffix)) deviceId = bn.slice(0, -suffix.length);
  } else {
    throw new Lwm2mError(
      `not an LwM2M SenML pack: expected the first record to have bn "${LWM2M_URN_PREFIX}<id>" (or n "0" with vs "${LWM2M_URN_PREFIX}<id>"), got bn "${bn.slice(0, 60)}"`,
      { path: 'pack[0].bn' },
    );
  }
  if (objectId > 65535) {
    throw new Lwm2mError(`object id ${objectId} is outside 0-65535`, { path: 'pack[0].bn' });
  }
  const object = getLwm2mObject(objectId);
  const readings: Lwm2mDecodedReading[] = [];
  const otherRecords: ResolvedSenmlRecord[] = [];
  resolved.forEach((record, i) => {
    if (i === 0 && deviceId !== undefined) return;
    const rest = record.n.startsWith(bn) ? record.n.slice(bn.length) : undefined;
    const value = record.v ?? record.vs ?? record.vb;
    if (rest === undefined || !/^\d{1,5}$/.test(rest) || value === undefined) {
      otherRecords.push(record);
      return;
    }
    const resource = Number(rest);
    const reading: Lwm2mDecodedReading = { resource, value, time: iso(`pack[${i}]`, record.t) };
    const name = object?.resources[resource]?.name;
    if (name !== undefined) reading.name = name;
    if (record.u !== undefined) reading.unit = record.u;
    if (record.s !== undefined) reading.sum = record.s;
    readings.push(reading);
  });
  const result: Lwm2mObjectReadings = {
    objectId,
    urn: lwm2mUrn(objectId),
    time: iso('pack[0]', first.t),
    readings,
    otherRecords,
  };
  if (object !== undefined) result.objectName = object.name;
  if (deviceId !== undefined) result.deviceId = deviceId;
  return result;
}

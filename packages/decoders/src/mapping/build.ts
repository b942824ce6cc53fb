/**
 * The mapping engine: turns one decoded object into normalized NGSI-LD entities following a
 * {@link Mapping}. Builds plain objects directly (no schema parsing) so it stays cheap on
 * the ingestion hot path; validation is a separate, opt-in step.
 */
import { buildEntityId, type NormalizedEntity } from '@smartcitylab/ngsi-ld';
import type {
  AttributeRule,
  AttributeValue,
  DecodedObject,
  DeviceRegistryEntry,
  EntityRule,
  Mapping,
  MappingContext,
} from './types.js';

/**
 * Everything besides the decoded object that {@link decodedToEntities} needs.
 *
 * @example
 * ```ts
 * const input: MapInput = {
 *   devEui: 'a81758fffe0312ab',
 *   entry: { deviceId: 'elsys/ers', location: [17.3069, 62.3908] },
 *   receivedAt: '2026-11-25T21:00:00Z',
 * };
 * ```
 */
export interface MapInput {
  devEui: string;
  entry: DeviceRegistryEntry;
  /** ISO 8601 receive time; becomes `observedAt` and `dateObserved`. */
  receivedAt: string;
  /** Best RSSI of the uplink in dBm. */
  rssi?: number;
  /** Position reported by the network server, used when the registry has none. */
  location?: { lat: number; lon: number };
}

/**
 * Entities built from one decoded object, with the warnings found on the way.
 *
 * @example
 * ```ts
 * declare const out: MapOutput;
 * out.entities.map((e) => e.id);
 * ```
 */
export interface MapOutput {
  entities: NormalizedEntity[];
  warnings: string[];
}

// Types whose Smart Data Model has a `dateObserved` attribute.
const DATE_OBSERVED_TYPES = new Set([
  'IndoorEnvironmentObserved',
  'AirQualityObserved',
  'WeatherObserved',
  'DeviceMeasurement',
  'NoiseLevelObserved',
  'WaterObserved',
  'WaterQualityObserved',
]);

// Types whose schema declares `refDevice` as an array of ids.
const REF_DEVICE_AS_LIST = new Set(['ParkingSpot', 'WasteContainer']);

// Smart Data Models attribute → Device `controlledProperty` value.
const CONTROLLED_PROPERTY: Readonly<Record<string, string>> = {
  temperature: 'temperature',
  relativeHumidity: 'humidity',
  atmosphericPressure: 'atmosphericPressure',
  illuminance: 'light',
  co2: 'airPollution',
  volatileOrganicCompoundsTotal: 'airPollution',
  pm25: 'airPollution',
  pm10: 'airPollution',
  o3: 'airPollution',
  airQualityIndex: 'airPollution',
  peopleCount: 'occupancy',
  fillingLevel: 'fillingLevel',
  waterConsumption: 'waterConsumption',
  maxFlow: 'waterFlow',
  minFlow: 'waterFlow',
};

// Characters buildEntityId never escapes (no colon: it escapes that in the type).
const PLAIN_ID_PART = /^[A-Za-z0-9._~-]+$/;

/** `buildEntityId`, skipping its per-character escaping for the plain hex DevEUIs and type names of the hot path. */
const plainParts = new Set<string>();

function isPlain(part: string): boolean {
  if (plainParts.has(part)) return true;
  if (!PLAIN_ID_PART.test(part)) return false;
  if (plainParts.size < 10_000) plainParts.add(part);
  return true;
}

function entityId(type: string, localId: string): string {
  return isPlain(type) && isPlain(localId)
    ? `urn:ngsi-ld:${type}:${localId}`
    : buildEntityId(type, localId);
}

/** The converters' context; a class so no closure is allocated per uplink. */
class Context implements MappingContext {
  constructor(
    readonly devEui: string,
    readonly entry: DeviceRegistryEntry,
    readonly decoded: DecodedObject,
    readonly warnings: string[],
  ) {}
  warn(message: string): void {
    this.warnings.push(message);
  }
}

const pathCache = new Map<string, readonly string[]>();

function splitPath(path: string): readonly string[] {
  let parts = pathCache.get(path);
  if (parts === undefined) {
    parts = path.split('.');
    if (pathCache.size < 10_000) pathCache.set(path, parts);
  }
  return parts;
}

function readPath(decoded: DecodedObject, path: string): unknown {
  if (!path.includes('.')) return Object.hasOwn(decoded, path) ? decoded[path] : undefined;
  let cur: unknown = decoded;
  for (const key of splitPath(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    // Own keys only: a decoded object from a network server could carry `__proto__` keys.
    if (!Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function unwrap(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, 'value')) {
    return (v as { value: unknown }).value;
  }
  return v;
}

function readRule(rule: AttributeRule, decoded: DecodedObject): unknown {
  const from = rule.from;
  if (typeof from === 'function') return from(decoded);
  if (typeof from === 'string') return unwrap(readPath(decoded, from));
  for (const p of from) {
    const v = unwrap(readPath(decoded, p));
    if (v !== undefined && v !== null) return v;
  }
  return undefined;
}

function isAttributeValue(v: unknown): v is AttributeValue {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'string' || typeof v === 'boolean') return true;
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function attributeValue(
  rule: AttributeRule,
  decoded: DecodedObject,
  ctx: MappingContext,
): AttributeValue | undefined {
  let v: unknown;
  try {
    v = readRule(rule, decoded);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return undefined;
      if (rule.scale !== undefined) v = v * rule.scale;
      if (rule.round === true) v = Math.round(v as number);
      // Scaling leaves binary noise (41 * 0.01 = 0.41000000000000003); nine decimals keep every sensor's precision.
      else if (rule.scale !== undefined && Math.abs(v as number) < 1e6)
        v = Math.round((v as number) * 1e9) / 1e9;
    }
    if (rule.convert !== undefined) v = rule.convert(v, ctx);
  } catch (err) {
    ctx.warn(
      `${ctx.entry.deviceId} ${rule.to}: converting the reading failed (${err instanceof Error ? err.message : String(err)}); attribute left out`,
    );
    return undefined;
  }
  return isAttributeValue(v) ? v : undefined;
}

function property(value: AttributeValue, observedAt: string, unitCode?: string) {
  const p: { type: 'Property'; value: AttributeValue; observedAt: string; unitCode?: string } = {
    type: 'Property',
    value,
    observedAt,
  };
  if (unitCode !== undefined) p.unitCode = unitCode;
  return p;
}

function applies(
  rule: EntityRule,
  entry: DeviceRegistryEntry,
  indoor: boolean,
  decoded: DecodedObject,
): boolean {
  const when = rule.when ?? 'always';
  if (when === 'always') return true;
  if (when === 'indoor') return indoor;
  if (when === 'outdoor') return !indoor;
  try {
    return when(entry, decoded) === true;
  } catch {
    return false;
  }
}

function locationOf(
  entry: DeviceRegistryEntry,
  uplinkLocation: MapInput['location'],
): readonly [number, number] | undefined {
  const l = entry.location;
  if (Array.isArray(l) && l.length >= 2 && Number.isFinite(l[0]) && Number.isFinite(l[1])) {
    return [l[0] as number, l[1] as number];
  }
  if (
    uplinkLocation &&
    Number.isFinite(uplinkLocation.lon) &&
    Number.isFinite(uplinkLocation.lat)
  ) {
    return [uplinkLocation.lon, uplinkLocation.lat];
  }
  return undefined;
}

function geo(coordinates: readonly [number, number]) {
  return {
    type: 'GeoProperty' as const,
    value: { type: 'Point' as const, coordinates: [coordinates[0], coordinates[1]] },
  };
}

/**
 * Builds the normalized entities one decoded uplink yields under a mapping: the observation
 * entities of the mapping plus the Device (battery, RSSI, state). Ids are
 * `urn:ngsi-ld:<Type>:<devEui>`; every observation has `refDevice` to the Device. Synchronous
 * and cheap; it does not validate (see the `validate` option of `uplinkToEntities`).
 *
 * @example
 * ```ts
 * import { decodedToEntities, getDefaultMapping } from '@smartcitylab/decoders/mapping';
 * const mapping = getDefaultMapping('elsys/ers');
 * const { entities } = decodedToEntities({ temperature: 22.6, humidity: 41 }, mapping!, {
 *   devEui: 'a81758fffe0312ab',
 *   entry: { deviceId: 'elsys/ers', location: [17.3069, 62.3908] },
 *   receivedAt: '2026-11-25T21:00:00Z',
 * });
 * ```
 */
export function decodedToEntities(
  decoded: DecodedObject,
  mapping: Mapping,
  input: MapInput,
): MapOutput {
  const warnings: string[] = [];
  const { devEui, entry, receivedAt } = input;
  const ctx = new Context(devEui, entry, decoded, warnings);
  const indoor = typeof entry.indoor === 'boolean' ? entry.indoor : (mapping.indoor ?? true);
  const where = locationOf(entry, input.location);
  const deviceUrn = entityId('Device', devEui);
  const name = typeof entry.name === 'string' && entry.name !== '' ? entry.name : undefined;
  const entities: NormalizedEntity[] = [];
  const controlled: string[] = [];

  for (const rule of mapping.entities) {
    if (!applies(rule, entry, indoor, decoded)) continue;
    const entity: Record<string, unknown> = {
      id: entityId(rule.type, rule.idSuffix === undefined ? devEui : `${devEui}-${rule.idSuffix}`),
      type: rule.type,
    };
    let found = 0;
    for (const attr of rule.attributes) {
      if (Object.hasOwn(entity, attr.to)) continue;
      const v = attributeValue(attr, decoded, ctx);
      if (v === undefined) continue;
      entity[attr.to] = property(v, receivedAt, attr.unitCode);
      const cp = CONTROLLED_PROPERTY[attr.to];
      if (cp !== undefined && !controlled.includes(cp)) controlled.push(cp);
      found++;
    }
    if (found === 0) continue;
    if (rule.fixed !== undefined) {
      for (const [key, value] of Object.entries(rule.fixed(ctx))) {
        if (key === '__proto__' || key === 'constructor' || Object.hasOwn(entity, key)) continue;
        entity[key] =
          key.startsWith('ref') && typeof value === 'string'
            ? { type: 'Relationship', object: value }
            : { type: 'Property', value };
      }
    }
    if (DATE_OBSERVED_TYPES.has(rule.type)) {
      entity.dateObserved = {
        type: 'Property',
        value: { '@type': 'DateTime', '@value': receivedAt },
      };
    }
    entity.refDevice = {
      type: 'Relationship',
      object: REF_DEVICE_AS_LIST.has(rule.type) ? [deviceUrn] : deviceUrn,
    };
    if (where !== undefined) entity.location = geo(where);
    else
      warnings.push(
        `${rule.type} of device ${devEui} has no location: set "location" ([lon, lat]) in its registry entry`,
      );
    if (name !== undefined) entity.name = { type: 'Property', value: name };
    entities.push(entity as NormalizedEntity);
  }

  const device: Record<string, unknown> = { id: deviceUrn, type: 'Device' };
  for (const attr of mapping.device ?? []) {
    if (Object.hasOwn(device, attr.to)) continue;
    const v = attributeValue(attr, decoded, ctx);
    if (v !== undefined) device[attr.to] = property(v, receivedAt, attr.unitCode);
  }
  if (input.rssi !== undefined && Number.isFinite(input.rssi)) {
    // dBm has no UN/CEFACT common code, so rssi carries none.
    device.rssi = property(input.rssi, receivedAt);
  }
  device.controlledProperty = { type: 'Property', value: controlled.sort() };
  device.dateLastValueReported = {
    type: 'Property',
    value: { '@type': 'DateTime', '@value': receivedAt },
  };
  let position: readonly [number, number] | undefined;
  try {
    position = mapping.position?.(decoded);
  } catch {
    position = undefined;
  }
  const deviceWhere = position ?? where;
  if (deviceWhere !== undefined) device.location = geo(deviceWhere);
  if (name !== undefined) device.name = { type: 'Property', value: name };
  entities.push(device as NormalizedEntity);
  return { entities, warnings };
}

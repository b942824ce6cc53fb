/**
 * Public types of `@smartcitylab/decoders/mapping`: the device registry a user keeps, the
 * declarative mapping from decoded readings to Smart Data Models entities, and the result of
 * `uplinkToEntities`.
 */
import type { NormalizedEntity } from '@smartcitylab/ngsi-ld';
import type { ParseUplinkOptions, Uplink } from '../envelopes/types.js';

/**
 * What the municipality knows about one installed device, keyed by its DevEUI in a
 * {@link DeviceRegistry}. `deviceId` names its decoder (`listDevices()` ids).
 *
 * @example
 * ```ts
 * const entry: DeviceRegistryEntry = {
 *   deviceId: 'elsys/ers-co2',
 *   location: [17.3069, 62.3908],
 *   name: 'Classroom 2.14',
 *   indoor: true,
 * };
 * ```
 */
export interface DeviceRegistryEntry {
  /** Decoder id from the catalog, e.g. `elsys/ers`. */
  deviceId: string;
  /** Where the device is installed, WGS84 `[longitude, latitude]`. */
  location?: readonly [number, number];
  /** Human-readable name, copied to the `name` of every entity. */
  name?: string;
  /** Inside a building: climate goes to IndoorEnvironmentObserved; outside to WeatherObserved and AirQualityObserved. Defaults per device model. */
  indoor?: boolean;
  /** Distance from a level sensor to the bottom of the empty container, in metres; needed for `fillingLevel`. */
  containerDepthM?: number;
  /** Volume per pulse of a pulse counter on a water meter, in litres; needed for `waterConsumption`. */
  pulseVolumeL?: number;
  /** Parking site a presence sensor watches a spot of; when set, presence becomes a ParkingSpot `status`. */
  refParkingSite?: string;
  /** Parking spot category; defaults to `['onStreet']`. */
  parkingCategory?: readonly ('onStreet' | 'offStreet')[];
  /** Extra facts a user mapping may read. */
  [key: string]: unknown;
}

/**
 * The devices a platform knows: a plain object keyed by DevEUI (any case), or a function
 * that looks one up (e.g. in a database cache).
 *
 * @example
 * ```ts
 * const registry: DeviceRegistry = {
 *   'a81758fffe0312ab': { deviceId: 'elsys/ers', location: [17.3069, 62.3908] },
 * };
 * ```
 */
export type DeviceRegistry =
  | Readonly<Record<string, DeviceRegistryEntry>>
  | ((devEui: string) => DeviceRegistryEntry | undefined);

/**
 * A decoded uplink object as decoders produce it.
 *
 * @example
 * ```ts
 * const decoded: DecodedObject = { temperature: 22.6, humidity: 41 };
 * ```
 */
export type DecodedObject = Readonly<Record<string, unknown>>;

/**
 * What a converter gets besides the value: the registry entry, the decoded object and a
 * way to add a warning.
 *
 * @example
 * ```ts
 * const convert = (v: unknown, ctx: MappingContext) => (ctx.entry.indoor ? v : undefined);
 * ```
 */
export interface MappingContext {
  devEui: string;
  entry: DeviceRegistryEntry;
  decoded: DecodedObject;
  /** Adds a warning to the result. */
  warn(message: string): void;
}

/**
 * A value an attribute can take in an entity built by a mapping.
 *
 * @example
 * ```ts
 * const values: AttributeValue[] = [22.6, 'occupied', true, ['onStreet']];
 * ```
 */
export type AttributeValue = number | string | boolean | readonly string[];

/**
 * One attribute of a mapped entity: where the reading sits in the decoded object and how
 * it becomes the Smart Data Models value.
 *
 * @example
 * ```ts
 * const rh: AttributeRule = { from: 'humidity', to: 'relativeHumidity', scale: 0.01, unitCode: 'C62' };
 * ```
 */
export interface AttributeRule {
  /**
   * Where the reading is: a dot path (`bytes.co2.values.0`), several paths (the first
   * present wins) or a function of the decoded object. An object `{ value }` found there is
   * unwrapped (Decentlab and Sensative decoders nest readings like that).
   */
  from: string | readonly string[] | ((decoded: DecodedObject) => unknown);
  /** The Smart Data Models attribute, e.g. `relativeHumidity`. */
  to: string;
  /** UN/CEFACT common code of the value after conversion, e.g. `CEL`, `C62`, `59`. */
  unitCode?: string;
  /** Factor applied to a number (e.g. `0.01` for percent to fraction). */
  scale?: number;
  /** Round to an integer after scaling (for integer attributes such as `waterConsumption`). */
  round?: boolean;
  /** Custom conversion; return `undefined` to leave the attribute out. Runs after `scale`. */
  convert?: (value: unknown, ctx: MappingContext) => AttributeValue | undefined;
}

/**
 * Where an entity rule applies: always, only for indoor or outdoor installations, or a predicate.
 *
 * @example
 * ```ts
 * const onlyWithDepth: EntityCondition = (entry) => typeof entry.containerDepthM === 'number';
 * ```
 */
export type EntityCondition =
  | 'always'
  | 'indoor'
  | 'outdoor'
  | ((entry: DeviceRegistryEntry, decoded: DecodedObject) => boolean);

/**
 * One entity a mapping builds from an uplink. The entity is only emitted when at least one
 * attribute rule found a value.
 *
 * @example
 * ```ts
 * const rule: EntityRule = {
 *   type: 'IndoorEnvironmentObserved',
 *   when: 'indoor',
 *   attributes: [{ from: 'temperature', to: 'temperature', unitCode: 'CEL' }],
 * };
 * ```
 */
export interface EntityRule {
  /** NGSI-LD entity type (a Smart Data Model), e.g. `WeatherObserved`. */
  type: string;
  /** When the entity applies; `always` by default. */
  when?: EntityCondition;
  /** Suffix of the local id when one device yields several entities of the same type. */
  idSuffix?: string;
  attributes: readonly AttributeRule[];
  /** Fixed attributes added once the entity is emitted (keyValues style: plain values). */
  fixed?: (ctx: MappingContext) => Readonly<Record<string, AttributeValue>>;
}

/**
 * A declarative mapping for one or more device models: the entities an uplink becomes and
 * the attributes of the Device entity (battery, state). `rssi`, `dateLastValueReported`,
 * `controlledProperty` and `location` of the Device are filled in for every mapping.
 *
 * @example
 * ```ts
 * const m: Mapping = {
 *   deviceId: 'acme/thermo',
 *   indoor: true,
 *   entities: [{ type: 'IndoorEnvironmentObserved', attributes: [{ from: 't', to: 'temperature', unitCode: 'CEL' }] }],
 *   device: [{ from: 'bat', to: 'batteryLevel', scale: 0.01, unitCode: 'C62' }],
 * };
 * ```
 */
export interface Mapping {
  /** Decoder id(s) this mapping is for. */
  deviceId: string | readonly string[];
  /** Default installation when the registry entry does not say `indoor`. */
  indoor?: boolean;
  entities: readonly EntityRule[];
  /** Attributes of the Device entity. */
  device?: readonly AttributeRule[];
  /** A decoded position `[lon, lat]` (GPS trackers); it wins over the registry location for the Device. */
  position?: (decoded: DecodedObject) => readonly [number, number] | undefined;
}

/**
 * Options of {@link uplinkToEntities}.
 *
 * @example
 * ```ts
 * const options: UplinkToEntitiesOptions = { registry: {}, now: () => new Date('2026-01-01T00:00:00Z') };
 * ```
 */
export interface UplinkToEntitiesOptions {
  /** The devices this platform knows, keyed by DevEUI. */
  registry: DeviceRegistry;
  /** Clock used when an uplink carries no receive time. */
  now?: () => Date;
  /** User mappings; they replace the default mapping of the same decoder id. */
  mappings?: readonly Mapping[];
  /**
   * Check every entity against its Smart Data Model and the quality rules; errors go to
   * `errors`. Off by default (it costs far more than building). Needs the optional peer
   * dependencies `@smartcitylab/validate` and `@smartcitylab/models` installed.
   */
  validate?: boolean;
  /** Options for reading the envelope (e.g. `allowNonHexDevEui`). */
  envelope?: ParseUplinkOptions;
}

/**
 * Result of {@link uplinkToEntities}: the entities (normalized NGSI-LD), the parsed uplink
 * and decoded object when they could be obtained, and every warning and error as text.
 *
 * @example
 * ```ts
 * declare const r: UplinkToEntitiesResult;
 * if (r.errors.length > 0) console.error(r.errors);
 * ```
 */
export interface UplinkToEntitiesResult {
  entities: NormalizedEntity[];
  uplink: Uplink | undefined;
  decoded: DecodedObject | undefined;
  warnings: string[];
  errors: string[];
}

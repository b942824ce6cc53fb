/**
 * The whole ingestion path in one call: network-server envelope → decoder → Smart Data
 * Models entities. Never throws; every problem is a message in `errors` or `warnings`.
 */
import { safeParseUplink, safeParseUplinks } from '../envelopes/parse.js';
import type { ParseUplinkResult, Uplink } from '../envelopes/types.js';
import { DecoderError } from '../errors.js';
import { getDeviceInfo, loadDecoder, loadedDecoder } from '../registry.js';
import type { DeviceDecoder } from '../types.js';
import { decodedToEntities } from './build.js';
import { getDefaultMapping } from './defaults.js';
import type {
  DecodedObject,
  DeviceRegistry,
  DeviceRegistryEntry,
  Mapping,
  UplinkToEntitiesOptions,
  UplinkToEntitiesResult,
} from './types.js';

/**
 * Checks a user mapping and returns it typed; use it for devices the package does not
 * know or to replace a default mapping (pass it in the `mappings` option).
 *
 * @example
 * ```ts
 * import { defineMapping } from '@smartcitylab/decoders/mapping';
 * const thermo = defineMapping({
 *   deviceId: 'acme/thermo',
 *   indoor: true,
 *   entities: [{ type: 'IndoorEnvironmentObserved', attributes: [{ from: 't', to: 'temperature', unitCode: 'CEL' }] }],
 * });
 * ```
 * @throws {DecoderError} code `InvalidMapping` naming the first bad field.
 */
export function defineMapping<const M extends Mapping>(mapping: M): M {
  const fail = (what: string): never => {
    throw new DecoderError('InvalidMapping', `defineMapping: ${what}`);
  };
  if (typeof mapping !== 'object' || mapping === null) fail('expected a mapping object');
  const ids = typeof mapping.deviceId === 'string' ? [mapping.deviceId] : mapping.deviceId;
  if (
    !Array.isArray(ids) ||
    ids.length === 0 ||
    ids.some((id) => typeof id !== 'string' || id === '')
  ) {
    fail('deviceId must be a non-empty string or a list of them');
  }
  if (!Array.isArray(mapping.entities)) fail('entities must be an array of entity rules');
  const checkRule = (where: string, r: unknown): void => {
    const rule = r as { from?: unknown; to?: unknown };
    if (typeof rule !== 'object' || rule === null)
      fail(`${where} must be an attribute rule object`);
    if (typeof rule.to !== 'string' || rule.to === '' || rule.to === '__proto__')
      fail(`${where}.to must name an attribute`);
    const from = rule.from;
    if (
      !(
        typeof from === 'string' ||
        typeof from === 'function' ||
        (Array.isArray(from) && from.every((p) => typeof p === 'string'))
      )
    ) {
      fail(`${where}.from must be a path, a list of paths or a function`);
    }
  };
  mapping.entities.forEach((e, i) => {
    if (typeof e?.type !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(e.type))
      fail(`entities[${i}].type must be an entity type name`);
    if (!Array.isArray(e.attributes)) fail(`entities[${i}].attributes must be an array`);
    for (const [j, a] of e.attributes.entries()) checkRule(`entities[${i}].attributes[${j}]`, a);
  });
  for (const [j, a] of (mapping.device ?? []).entries()) checkRule(`device[${j}]`, a);
  return mapping;
}

function lookup(registry: DeviceRegistry, devEui: string): DeviceRegistryEntry | undefined {
  if (typeof registry === 'function') return registry(devEui);
  if (typeof registry !== 'object' || registry === null) return undefined;
  for (const key of [devEui, devEui.toLowerCase(), devEui.toUpperCase()]) {
    if (Object.hasOwn(registry, key)) return registry[key];
  }
  return undefined;
}

function findMapping(
  deviceId: string,
  mappings: readonly Mapping[] | undefined,
): Mapping | undefined {
  for (const m of mappings ?? []) {
    if (m.deviceId === deviceId || (Array.isArray(m.deviceId) && m.deviceId.includes(deviceId)))
      return m;
  }
  return getDefaultMapping(deviceId);
}

/** Loads the decoder of a catalog id (cached by the registry); `undefined` for other ids. */
async function decoderFor(deviceId: string): Promise<DeviceDecoder<unknown> | undefined> {
  const cached = loadedDecoder(deviceId);
  if (cached !== undefined) return cached;
  if (getDeviceInfo(deviceId) === undefined) return undefined;
  return loadDecoder(deviceId);
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function isPlainObject(v: unknown): v is DecodedObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A fresh result for an uplink, before its device is known. */
function startResult(uplink: Uplink): UplinkToEntitiesResult {
  return { entities: [], uplink, decoded: uplink.decoded, warnings: [], errors: [] };
}

/**
 * The registry entry of the uplink's device, or `undefined` after recording why there is
 * none in `result.errors`.
 */
function entryOf(
  uplink: Uplink,
  registry: DeviceRegistry,
  result: UplinkToEntitiesResult,
): DeviceRegistryEntry | undefined {
  const devEui = uplink.devEui;
  let entry: DeviceRegistryEntry | undefined;
  try {
    entry = lookup(registry, devEui);
  } catch (err) {
    result.errors.push(`device registry lookup for ${devEui} failed: ${message(err)}`);
    return undefined;
  }
  if (
    entry === undefined ||
    entry === null ||
    typeof entry !== 'object' ||
    typeof entry.deviceId !== 'string'
  ) {
    result.errors.push(
      `device ${devEui} is not in the device registry: add it as { "${devEui}": { deviceId: "<vendor>/<model>", location: [lon, lat] } } to map its uplinks`,
    );
    return undefined;
  }
  return entry;
}

/**
 * The synchronous core shared by every path: decode with `decoder` (or fall back to the
 * object the network server decoded), then map to entities. Fills and returns `result`.
 */
function decodeAndMap(
  uplink: Uplink,
  entry: DeviceRegistryEntry,
  decoder: DeviceDecoder<unknown> | undefined,
  mappings: readonly Mapping[] | undefined,
  result: UplinkToEntitiesResult,
): UplinkToEntitiesResult {
  const devEui = uplink.devEui;
  const deviceId = entry.deviceId;
  let decoded: DecodedObject | undefined;
  if (decoder !== undefined) {
    const r = decoder.decodeUplink({
      bytes: uplink.bytes,
      fPort: uplink.fPort,
      recvTime: uplink.receivedAt,
    });
    if (r.warnings !== undefined)
      for (const w of r.warnings) result.warnings.push(tag(w, entry, devEui));
    if ('errors' in r) {
      for (const e of r.errors) result.errors.push(tag(e, entry, devEui));
      return result;
    }
    if (!isPlainObject(r.data)) {
      result.errors.push(`${deviceId} ${devEui}: the decoder returned no object`);
      return result;
    }
    decoded = r.data;
  } else if (uplink.decoded !== undefined) {
    result.warnings.push(
      `no decoder for "${deviceId}" (device ${devEui}); using the object the network server decoded`,
    );
    decoded = uplink.decoded;
  } else {
    result.errors.push(
      `device ${devEui} names decoder "${deviceId}", which is not in the catalog (see listDevices()), and the uplink carries no decoded object`,
    );
    return result;
  }
  result.decoded = decoded;
  const mapping = findMapping(deviceId, mappings);
  if (mapping === undefined) {
    result.warnings.push(
      `no mapping for "${deviceId}": pass one made with defineMapping in the mappings option`,
    );
    return result;
  }
  try {
    const out = decodedToEntities(decoded, mapping, {
      devEui,
      entry,
      receivedAt: uplink.receivedAt,
      ...(uplink.rssi === undefined ? {} : { rssi: uplink.rssi }),
      ...(uplink.location === undefined ? {} : { location: uplink.location }),
    });
    result.entities = out.entities;
    for (const w of out.warnings) result.warnings.push(w);
  } catch (err) {
    result.errors.push(`mapping ${deviceId} ${devEui} failed: ${message(err)}`);
  }
  return result;
}

/** Prefixes a decoder message with the device; some decoders already start with their id. */
function tag(m: string, entry: DeviceRegistryEntry, devEui: string): string {
  return m.startsWith(entry.deviceId) ? `${devEui} ${m}` : `${entry.deviceId} ${devEui}: ${m}`;
}

async function fromUplink(
  uplink: Uplink,
  options: UplinkToEntitiesOptions,
): Promise<UplinkToEntitiesResult> {
  const result = startResult(uplink);
  const entry = entryOf(uplink, options.registry, result);
  if (entry === undefined) return result;
  const deviceId = entry.deviceId;
  // After the first uplink of a device model its decoder is cached: no await, no catalog scan.
  let decoder = loadedDecoder(deviceId);
  if (decoder === undefined) {
    try {
      decoder = await decoderFor(deviceId);
    } catch (err) {
      result.errors.push(`loading the decoder ${deviceId} failed: ${message(err)}`);
      return result;
    }
  }
  decodeAndMap(uplink, entry, decoder, options.mappings, result);
  if (options.validate === true && result.errors.length === 0 && result.entities.length > 0)
    await validateInto(result, options);
  return result;
}

async function validateInto(
  result: UplinkToEntitiesResult,
  options: UplinkToEntitiesOptions,
): Promise<void> {
  try {
    const [{ createValidator }, { isModelType, loadModel }] = await Promise.all([
      import('@smartcitylab/validate').catch(missingPeer('@smartcitylab/validate')),
      import('@smartcitylab/models').catch(missingPeer('@smartcitylab/models')),
    ]);
    const types = new Set<string>();
    for (const e of result.entities)
      if (typeof e.type === 'string' && isModelType(e.type)) types.add(e.type);
    const models = await Promise.all([...types].map((t) => loadModel(t)));
    const validator = createValidator({ models, ...(options.now ? { now: options.now } : {}) });
    for (const entity of result.entities) {
      for (const issue of validator.check(entity).issues) {
        const text = `${entity.id} ${issue.path}: ${issue.message}`;
        if (issue.severity === 'error') result.errors.push(text);
        else if (issue.severity === 'warning') result.warnings.push(text);
      }
    }
  } catch (err) {
    result.errors.push(`validation could not run: ${message(err)}`);
  }
}

/**
 * `validate: true` needs the optional peers `@smartcitylab/validate` and `@smartcitylab/models`;
 * users who only decode and map do not install them. Turns the bare module-not-found error
 * into one that says what to install.
 */
function missingPeer(name: string): (err: unknown) => never {
  return (err) => {
    throw new Error(
      `validate: true needs the optional peer dependency ${name}; install it (npm install ${name}) or leave validate off (${message(err)})`,
      { cause: err },
    );
  };
}

function failure(error: { message: string }): UplinkToEntitiesResult {
  return {
    entities: [],
    uplink: undefined,
    decoded: undefined,
    warnings: [],
    errors: [error.message],
  };
}

function envelopeOptions(options: UplinkMapperOptions | UplinkToEntitiesOptions) {
  const base = options.envelope ?? {};
  if (base.now !== undefined || options.now === undefined) return base;
  try {
    return { ...base, now: options.now() };
  } catch {
    return base;
  }
}

/**
 * Reads one network-server uplink (The Things Stack, ChirpStack, Netmore, Helium: object or
 * JSON text), decodes it with the decoder its registry entry names and maps the readings to
 * normalized NGSI-LD entities (observations plus the Device). Never rejects: bad input,
 * unknown devices and decoder errors come back in `errors`.
 *
 * @example
 * ```ts
 * import { uplinkToEntities } from '@smartcitylab/decoders/mapping';
 * declare const body: string; // a webhook body
 * const r = await uplinkToEntities(body, {
 *   registry: { a81758fffe0312ab: { deviceId: 'elsys/ers', location: [17.3069, 62.3908] } },
 * });
 * if (r.errors.length === 0) console.log(r.entities.map((e) => e.id));
 * ```
 */
export async function uplinkToEntities(
  envelope: unknown,
  options: UplinkToEntitiesOptions,
): Promise<UplinkToEntitiesResult> {
  try {
    const parsed = safeParseUplink(envelope, envelopeOptions(options));
    if (!parsed.success) return failure(parsed.error);
    return await fromUplink(parsed.data, options ?? { registry: {} });
  } catch (err) {
    return failure({ message: `uplinkToEntities failed: ${message(err)}` });
  }
}

/**
 * Like {@link uplinkToEntities} for a message that holds several uplinks (a Netmore push
 * is a JSON array) or one; returns one result per uplink, in order. Never rejects.
 *
 * @example
 * ```ts
 * import { uplinksToEntities } from '@smartcitylab/decoders/mapping';
 * declare const body: string; // a Netmore push
 * const results = await uplinksToEntities(body, { registry: {} });
 * const entities = results.flatMap((r) => r.entities);
 * ```
 */
export async function uplinksToEntities(
  envelope: unknown,
  options: UplinkToEntitiesOptions,
): Promise<UplinkToEntitiesResult[]> {
  let parsed: ParseUplinkResult[];
  try {
    parsed = safeParseUplinks(envelope, envelopeOptions(options));
  } catch (err) {
    return [failure({ message: `uplinksToEntities failed: ${message(err)}` })];
  }
  const out: UplinkToEntitiesResult[] = [];
  for (const [i, p] of parsed.entries()) {
    if (!p.success) {
      out.push(failure({ message: `[${i}] ${p.error.message}` }));
      continue;
    }
    try {
      out.push(await fromUplink(p.data, options));
    } catch (err) {
      out.push(failure({ message: `[${i}] mapping failed: ${message(err)}` }));
    }
  }
  return out;
}

/**
 * Options of {@link createUplinkMapper}: those of {@link uplinkToEntities} without `validate`
 * (validation loads models asynchronously; run `@smartcitylab/validate` on the entities if you
 * need it), plus the device ids to preload.
 *
 * @example
 * ```ts
 * const options: UplinkMapperOptions = { registry: {}, deviceIds: ['elsys/ers'] };
 * ```
 */
export interface UplinkMapperOptions extends Omit<UplinkToEntitiesOptions, 'validate'> {
  /**
   * Decoder ids to preload besides those a plain-object `registry` names. Needed for a
   * registry function, whose device ids cannot be listed up front.
   */
  deviceIds?: Iterable<string>;
}

/**
 * A preloaded, synchronous {@link uplinkToEntities}; made by {@link createUplinkMapper}.
 *
 * @example
 * ```ts
 * declare const mapper: UplinkMapper;
 * declare const body: string;
 * const r = mapper.toEntities(body);
 * ```
 */
export interface UplinkMapper {
  /** The decoder ids preloaded, sorted. */
  readonly deviceIds: readonly string[];
  /** Like {@link uplinkToEntities}, synchronously. Never throws. */
  toEntities(envelope: unknown): UplinkToEntitiesResult;
  /** Like {@link uplinksToEntities}, synchronously. Never throws. */
  toEntitiesAll(envelope: unknown): UplinkToEntitiesResult[];
}

/**
 * Preloads the decoders a device registry names (and `deviceIds`) and returns a mapper whose
 * `toEntities` runs the whole path envelope → decoder → entities synchronously: the fast path
 * for an ingestion service that knows its fleet. A device whose decoder id is in the catalog
 * but was not preloaded gets an error naming the fix; ids outside the catalog use the object
 * the network server decoded, as {@link uplinkToEntities} does.
 *
 * @example
 * ```ts
 * import { createUplinkMapper } from '@smartcitylab/decoders/mapping';
 * declare const body: string; // a webhook body
 * const mapper = await createUplinkMapper({
 *   registry: { a81758fffe0312ab: { deviceId: 'elsys/ers', location: [17.3069, 62.3908] } },
 * });
 * const r = mapper.toEntities(body); // no await per uplink
 * if (r.errors.length === 0) console.log(r.entities.map((e) => e.id));
 * ```
 * @throws {DecoderError} code `UnknownDevice` (as a rejection) when `deviceIds` names an id
 * that is not in the catalog.
 */
export async function createUplinkMapper(options: UplinkMapperOptions): Promise<UplinkMapper> {
  const wanted = new Set<string>();
  for (const id of options.deviceIds ?? []) {
    if (getDeviceInfo(id) === undefined) await loadDecoder(id); // rejects with the known ids
    wanted.add(id);
  }
  const registry = options.registry;
  if (typeof registry === 'object' && registry !== null) {
    for (const entry of Object.values(registry)) {
      const id = (entry as DeviceRegistryEntry | undefined)?.deviceId;
      if (typeof id === 'string' && getDeviceInfo(id) !== undefined) wanted.add(id);
    }
  }
  const decoders = new Map<string, DeviceDecoder<unknown>>();
  for (const id of wanted) decoders.set(id, await loadDecoder(id));
  const deviceIds = [...decoders.keys()].sort();
  const mappings = options.mappings;

  const fromParsed = (uplink: Uplink): UplinkToEntitiesResult => {
    const result = startResult(uplink);
    const entry = entryOf(uplink, registry, result);
    if (entry === undefined) return result;
    const decoder = decoders.get(entry.deviceId);
    if (decoder === undefined && getDeviceInfo(entry.deviceId) !== undefined) {
      result.errors.push(
        `decoder "${entry.deviceId}" of device ${uplink.devEui} was not preloaded: add it to deviceIds in createUplinkMapper (preloaded: ${deviceIds.join(', ') || 'none'})`,
      );
      return result;
    }
    return decodeAndMap(uplink, entry, decoder, mappings, result);
  };

  return {
    deviceIds,
    toEntities(envelope) {
      try {
        const parsed = safeParseUplink(envelope, envelopeOptions(options));
        return parsed.success ? fromParsed(parsed.data) : failure(parsed.error);
      } catch (err) {
        return failure({ message: `toEntities failed: ${message(err)}` });
      }
    },
    toEntitiesAll(envelope) {
      let parsed: ParseUplinkResult[];
      try {
        parsed = safeParseUplinks(envelope, envelopeOptions(options));
      } catch (err) {
        return [failure({ message: `toEntitiesAll failed: ${message(err)}` })];
      }
      const out: UplinkToEntitiesResult[] = [];
      for (const [i, p] of parsed.entries()) {
        if (!p.success) {
          out.push(failure({ message: `[${i}] ${p.error.message}` }));
          continue;
        }
        try {
          out.push(fromParsed(p.data));
        } catch (err) {
          out.push(failure({ message: `[${i}] mapping failed: ${message(err)}` }));
        }
      }
      return out;
    },
  };
}

/**
 * The whole ingestion path in one call: network-server envelope → decoder → Smart Data
 * Models entities. Never throws; every problem is a message in `errors` or `warnings`.
 */
import { safeParseUplink, safeParseUplinks } from '../envelopes/parse.js';
import type { ParseUplinkResult, Uplink } from '../envelopes/types.js';
import { DecoderError } from '../errors.js';
import { getDeviceInfo, loadDecoder } from '../registry.js';
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

const decoderCache = new Map<string, DeviceDecoder<unknown>>();

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

async function decoderFor(deviceId: string): Promise<DeviceDecoder<unknown> | undefined> {
  const cached = decoderCache.get(deviceId);
  if (cached !== undefined) return cached;
  if (getDeviceInfo(deviceId) === undefined) return undefined;
  const decoder = await loadDecoder(deviceId);
  decoderCache.set(deviceId, decoder);
  return decoder;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function isPlainObject(v: unknown): v is DecodedObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function fromUplink(
  uplink: Uplink,
  options: UplinkToEntitiesOptions,
): Promise<UplinkToEntitiesResult> {
  const result: UplinkToEntitiesResult = {
    entities: [],
    uplink,
    decoded: uplink.decoded,
    warnings: [],
    errors: [],
  };
  const devEui = uplink.devEui;
  let entry: DeviceRegistryEntry | undefined;
  try {
    entry = lookup(options.registry, devEui);
  } catch (err) {
    result.errors.push(`device registry lookup for ${devEui} failed: ${message(err)}`);
    return result;
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
    return result;
  }
  const deviceId = entry.deviceId;
  let decoded: DecodedObject | undefined;
  let decoder: DeviceDecoder<unknown> | undefined;
  try {
    decoder = await decoderFor(deviceId);
  } catch (err) {
    result.errors.push(`loading the decoder ${deviceId} failed: ${message(err)}`);
    return result;
  }
  if (decoder !== undefined) {
    const r = decoder.decodeUplink({
      bytes: uplink.bytes,
      fPort: uplink.fPort,
      recvTime: uplink.receivedAt,
    });
    // Some decoders already start their messages with the device id.
    const tag = (m: string): string =>
      m.startsWith(deviceId) ? `${devEui} ${m}` : `${deviceId} ${devEui}: ${m}`;
    for (const w of r.warnings ?? []) result.warnings.push(tag(w));
    if ('errors' in r) {
      for (const e of r.errors) result.errors.push(tag(e));
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
  const mapping = findMapping(deviceId, options.mappings);
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
    result.warnings.push(...out.warnings);
  } catch (err) {
    result.errors.push(`mapping ${deviceId} ${devEui} failed: ${message(err)}`);
    return result;
  }
  if (options.validate === true) await validateInto(result, options);
  return result;
}

async function validateInto(
  result: UplinkToEntitiesResult,
  options: UplinkToEntitiesOptions,
): Promise<void> {
  try {
    const [{ createValidator }, { isModelType, loadModel }] = await Promise.all([
      import('@smartcitylab/validate'),
      import('@smartcitylab/models'),
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

function failure(error: { message: string }): UplinkToEntitiesResult {
  return {
    entities: [],
    uplink: undefined,
    decoded: undefined,
    warnings: [],
    errors: [error.message],
  };
}

function envelopeOptions(options: UplinkToEntitiesOptions) {
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

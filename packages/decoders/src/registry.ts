import { catalog as abeeway } from './catalog/abeeway.js';
import { catalog as adeunis } from './catalog/adeunis.js';
import { catalog as axioma } from './catalog/axioma.js';
import { catalog as browan } from './catalog/browan.js';
import { catalog as decentlab } from './catalog/decentlab.js';
import { catalog as dragino } from './catalog/dragino.js';
import { catalog as elsys } from './catalog/elsys.js';
import { catalog as imbuildings } from './catalog/imbuildings.js';
import { catalog as kamstrup } from './catalog/kamstrup.js';
import { catalog as milesight } from './catalog/milesight.js';
import { catalog as netvox } from './catalog/netvox.js';
import { catalog as sensative } from './catalog/sensative.js';
import { catalog as sensefarm } from './catalog/sensefarm.js';
import { catalog as sensingLabs } from './catalog/sensing-labs.js';
import { catalog as talkpool } from './catalog/talkpool.js';
import { catalog as tektelic } from './catalog/tektelic.js';
import { catalog as vega } from './catalog/vega.js';
import { catalog as watteco } from './catalog/watteco.js';
import { DecoderError } from './errors.js';
import type { DecodedData } from './outputs.js';
import type { DecodeUplinkResult, DeviceDecoder, DeviceInfo, UplinkInput } from './types.js';

type DecoderMap = Readonly<Record<string, DeviceDecoder<unknown>>>;

const catalogs: readonly (readonly DeviceInfo[])[] = [
  abeeway,
  adeunis,
  axioma,
  browan,
  decentlab,
  dragino,
  elsys,
  imbuildings,
  kamstrup,
  milesight,
  netvox,
  sensative,
  sensefarm,
  sensingLabs,
  talkpool,
  tektelic,
  vega,
  watteco,
];

/** Explicit per-vendor dynamic imports, so bundlers split each vendor into its own chunk. */
async function importVendor(subpath: string): Promise<DecoderMap | undefined> {
  switch (subpath) {
    case 'abeeway':
      return (await import('./vendors/abeeway.js')).decoders;
    case 'adeunis':
      return (await import('./vendors/adeunis.js')).decoders;
    case 'axioma':
      return (await import('./vendors/axioma.js')).decoders;
    case 'browan':
      return (await import('./vendors/browan.js')).decoders;
    case 'decentlab':
      return (await import('./vendors/decentlab.js')).decoders;
    case 'dragino':
      return (await import('./vendors/dragino.js')).decoders;
    case 'elsys':
      return (await import('./vendors/elsys.js')).decoders;
    case 'imbuildings':
      return (await import('./vendors/imbuildings.js')).decoders;
    case 'kamstrup':
      return (await import('./vendors/kamstrup.js')).decoders;
    case 'milesight':
      return (await import('./vendors/milesight.js')).decoders;
    case 'netvox':
      return (await import('./vendors/netvox.js')).decoders;
    case 'sensative':
      return (await import('./vendors/sensative.js')).decoders;
    case 'sensefarm':
      return (await import('./vendors/sensefarm.js')).decoders;
    case 'sensing-labs':
      return (await import('./vendors/sensing-labs.js')).decoders;
    case 'talkpool':
      return (await import('./vendors/talkpool.js')).decoders;
    case 'tektelic':
      return (await import('./vendors/tektelic.js')).decoders;
    case 'vega':
      return (await import('./vendors/vega.js')).decoders;
    case 'watteco':
      return (await import('./vendors/watteco.js')).decoders;
    default:
      return undefined;
  }
}

/**
 * Lists the catalog metadata of every supported device, sorted by id. Loads no decoder code.
 *
 * @example
 * ```ts
 * import { listDevices } from '@smartcitylab/decoders';
 * for (const d of listDevices()) console.log(d.id, d.name);
 * ```
 */
export function listDevices(): readonly DeviceInfo[] {
  return catalogs.flat().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Catalog metadata of one device, or `undefined` for an unknown id.
 *
 * @example
 * ```ts
 * import { getDeviceInfo } from '@smartcitylab/decoders';
 * getDeviceInfo('elsys/ers')?.quantities; // [{ name: 'temperature', unit: 'CEL' }, ...]
 * ```
 */
export function getDeviceInfo(id: string): DeviceInfo | undefined {
  for (const list of catalogs) {
    for (const info of list) if (info.id === id) return info;
  }
  return undefined;
}

function unknownDeviceMessage(id: unknown): string {
  const known = listDevices()
    .map((d) => d.id)
    .join(', ');
  return `unknown device id ${JSON.stringify(String(id))}; known ids: ${known}`;
}

/**
 * Decoders already resolved, by device id. Filled by `loadDecoder`, so `decode` pays the
 * catalog scan and the dynamic import once per id, not once per uplink.
 */
const loaded = /* @__PURE__ */ new Map<string, DeviceDecoder<unknown>>();

/**
 * The decoder of an id if it was already loaded, else `undefined`; never loads. Internal (not
 * exported from the package): the mapping module's synchronous paths use it.
 */
export function loadedDecoder(id: string): DeviceDecoder<unknown> | undefined {
  return loaded.get(id);
}

async function resolveDecoder(id: string): Promise<DeviceDecoder<unknown>> {
  const info = typeof id === 'string' ? getDeviceInfo(id) : undefined;
  if (info === undefined) throw new DecoderError('UnknownDevice', unknownDeviceMessage(id));
  const decoders = await importVendor(info.subpath);
  const decoder = decoders && Object.hasOwn(decoders, info.id) ? decoders[info.id] : undefined;
  if (decoder === undefined) {
    throw new DecoderError(
      'UnknownDevice',
      `device ${info.id} is in the catalog but vendor module "${info.subpath}" has no decoder for it`,
    );
  }
  loaded.set(info.id, decoder);
  return decoder;
}

/**
 * Loads the decoder of one device, importing only that vendor's module (once: later calls for
 * the same id resolve from a cache). The decoder's `decodeUplink` is synchronous, so
 * `await loadDecoder(id)` once, then call it per uplink, is the fastest by-id path.
 *
 * @example
 * ```ts
 * import { loadDecoder } from '@smartcitylab/decoders';
 * const ers = await loadDecoder('elsys/ers');
 * ers.decodeUplink({ bytes: [0x01, 0x00, 0xe2], fPort: 5 }); // data typed as ElsysData
 * ```
 * @throws {DecoderError} code `UnknownDevice` when the id is not in the catalog.
 */
export function loadDecoder<Id extends string>(id: Id): Promise<DeviceDecoder<DecodedData<Id>>> {
  const cached = loaded.get(id);
  return (cached === undefined ? resolveDecoder(id) : Promise.resolve(cached)) as Promise<
    DeviceDecoder<DecodedData<Id>>
  >;
}

async function decodeFirst(
  deviceId: string,
  input: UplinkInput,
): Promise<DecodeUplinkResult<unknown>> {
  try {
    const decoder = await resolveDecoder(deviceId);
    return decoder.decodeUplink(input);
  } catch (err) {
    return { errors: [err instanceof Error ? err.message : String(err)] };
  }
}

/** The decoder `decode` used last: a fleet of one model skips even the Map lookup. */
let lastId: string | undefined;
let lastDecoder: DeviceDecoder<unknown> | undefined;

/**
 * Decodes one uplink for a device id, loading its vendor module on first use; later calls
 * for the same id decode straight away (cached). Never rejects: an unknown id gives
 * `{ errors }` listing the known ids. The result is typed for a known id literal
 * (`decode('elsys/ers', ...)` gives `ElsysData`), `unknown` for a run-time string.
 *
 * The returned Promise costs a microtask per call, more than decoding a small payload; where
 * decoding speed matters, use the synchronous path: `await loadDecoder(id)` once, or
 * {@link createDecoderRegistry}, then decode without `await`.
 *
 * @example
 * ```ts
 * import { decode } from '@smartcitylab/decoders';
 * const result = await decode('elsys/ers', { bytes: [0x01, 0x00, 0xe2], fPort: 5 });
 * if ('data' in result) console.log(result.data); // { temperature: 22.6 }
 * ```
 */
export function decode<Id extends string>(
  deviceId: Id,
  input: UplinkInput,
): Promise<DecodeUplinkResult<DecodedData<Id>>> {
  let cached = deviceId === lastId ? lastDecoder : undefined;
  if (cached === undefined) {
    cached = loaded.get(deviceId);
    if (cached === undefined) {
      return decodeFirst(deviceId, input) as Promise<DecodeUplinkResult<DecodedData<Id>>>;
    }
    lastId = deviceId;
    lastDecoder = cached;
  }
  // decodeUplink never throws (defineDecoder guarantees it), so this cannot reject either.
  return Promise.resolve(cached.decodeUplink(input) as DecodeUplinkResult<DecodedData<Id>>);
}

/**
 * A set of preloaded decoders with a synchronous by-id `decode`; made by
 * {@link createDecoderRegistry}.
 *
 * @example
 * ```ts
 * import { createDecoderRegistry, type DecoderRegistry } from '@smartcitylab/decoders';
 * const registry: DecoderRegistry = await createDecoderRegistry(['elsys/ers']);
 * registry.decode('elsys/ers', { bytes: [0x05, 0x03], fPort: 5 }); // { data: { motion: 3 } }
 * ```
 */
export interface DecoderRegistry {
  /** The preloaded device ids, sorted. */
  readonly ids: readonly string[];
  /**
   * Decodes one uplink synchronously. Never throws: an id that was not preloaded gives
   * `{ errors }` naming the preloaded ids. Typed per id like {@link decode}.
   */
  decode<Id extends string>(deviceId: Id, input: UplinkInput): DecodeUplinkResult<DecodedData<Id>>;
  /** The preloaded decoder of one id, or `undefined` when it was not preloaded. */
  get<Id extends string>(deviceId: Id): DeviceDecoder<DecodedData<Id>> | undefined;
  /** Whether the id was preloaded. */
  has(deviceId: string): boolean;
}

/**
 * Loads the decoders of the given device ids (each vendor module once) and returns a
 * registry that decodes synchronously by id: the path for a network-server integration that
 * knows its fleet up front.
 *
 * @example
 * ```ts
 * import { createDecoderRegistry } from '@smartcitylab/decoders';
 * const registry = await createDecoderRegistry(['elsys/ers', 'milesight-iot/ws301']);
 * const r = registry.decode('milesight-iot/ws301', { bytes: [0x03, 0x00, 0x01], fPort: 85 });
 * if ('data' in r) console.log(r.data); // { door: 'open' }
 * ```
 * @throws {DecoderError} code `UnknownDevice` (as a rejection) when an id is not in the catalog.
 */
export async function createDecoderRegistry(deviceIds: Iterable<string>): Promise<DecoderRegistry> {
  const map = new Map<string, DeviceDecoder<unknown>>();
  for (const id of deviceIds) map.set(id, await loadDecoder(id));
  const ids = [...map.keys()].sort();
  const missing = (deviceId: unknown): DecodeUplinkResult<unknown> => ({
    errors: [
      `device id ${JSON.stringify(String(deviceId))} was not preloaded in this decoder registry; ` +
        `preloaded ids: ${ids.join(', ') || '(none)'}; add it to createDecoderRegistry([...]) or use decode()`,
    ],
  });
  // Consecutive uplinks of one model (the common case) skip the Map lookup.
  let lastId: string | undefined;
  let lastDecoder: DeviceDecoder<unknown> | undefined;
  return {
    ids,
    decode<Id extends string>(
      deviceId: Id,
      input: UplinkInput,
    ): DecodeUplinkResult<DecodedData<Id>> {
      let decoder = deviceId === lastId ? lastDecoder : undefined;
      if (decoder === undefined) {
        decoder = map.get(deviceId);
        if (decoder === undefined) return missing(deviceId) as { errors: string[] };
        lastId = deviceId;
        lastDecoder = decoder;
      }
      return decoder.decodeUplink(input) as DecodeUplinkResult<DecodedData<Id>>;
    },
    get: <Id extends string>(deviceId: Id) =>
      map.get(deviceId) as DeviceDecoder<DecodedData<Id>> | undefined,
    has: (deviceId) => map.has(deviceId),
  };
}

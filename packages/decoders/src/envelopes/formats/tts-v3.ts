import {
  best,
  decodedObject,
  decodePayload,
  describeValue,
  fail,
  gateway,
  isObject,
  type JsonObject,
  optArray,
  optNumber,
  optObject,
  optString,
  own,
  type ReadContext,
  readEui,
  readFCnt,
  readFPort,
  readLocation,
  readTime,
  reqObject,
  reqString,
} from '../internal/read.js';
import type { Uplink, UplinkGateway, UplinkLocation } from '../types.js';

const LATLON = { lat: 'latitude', lon: 'longitude', alt: 'altitude' } as const;

/** True when the JSON looks like a The Things Stack v3 uplink message. */
export function isTtsV3(json: JsonObject): boolean {
  return isObject(own(json, 'uplink_message')) && isObject(own(json, 'end_device_ids'));
}

// The locations map is keyed by source; the payload-derived fix is the freshest.
const LOCATION_PREFERENCE = ['frm-payload', 'user'];

function deviceLocation(ctx: ReadContext, up: JsonObject): UplinkLocation | undefined {
  const locations = optObject(ctx, up, 'locations', 'uplink_message');
  if (locations === undefined) return undefined;
  const keys = Object.keys(locations).sort(
    (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  for (const key of keys) {
    const entry = optObject(ctx, locations, key, 'uplink_message.locations');
    if (entry === undefined) continue;
    const loc = readLocation(ctx, entry, `uplink_message.locations.${key}`, LATLON);
    if (loc !== undefined) return loc;
  }
  return undefined;
}

function rank(key: string): number {
  const i = LOCATION_PREFERENCE.indexOf(key);
  return i === -1 ? LOCATION_PREFERENCE.length : i;
}

/**
 * Reads a The Things Stack v3 uplink (webhook body or MQTT `.../up` payload). TTS
 * serializes protobuf JSON and omits zero values, so a missing `f_port`/`f_cnt` is 0
 * and a missing `frm_payload` is an empty payload.
 */
export function readTtsV3(ctx: ReadContext, json: JsonObject): Uplink {
  const ids = reqObject(ctx, json, 'end_device_ids');
  const up = reqObject(ctx, json, 'uplink_message');
  const devEui = readEui(
    ctx,
    'end_device_ids.dev_eui',
    reqString(ctx, ids, 'dev_eui', 'end_device_ids'),
  );
  const deviceId = optString(ctx, ids, 'device_id', 'end_device_ids');
  const appIds = optObject(ctx, ids, 'application_ids', 'end_device_ids');
  const applicationId =
    appIds === undefined
      ? undefined
      : optString(ctx, appIds, 'application_id', 'end_device_ids.application_ids');

  const fPort = readFPort(ctx, up, 'f_port', { base: 'uplink_message', defaultValue: 0 });
  const payload = optString(ctx, up, 'frm_payload', 'uplink_message');
  const bytes =
    payload === undefined
      ? new Uint8Array(0)
      : decodePayload(ctx, 'uplink_message.frm_payload', payload, 'base64');

  const upTime = optString(ctx, up, 'received_at', 'uplink_message');
  const receivedAt =
    upTime !== undefined
      ? readTime(ctx, 'uplink_message.received_at', upTime)
      : readTime(ctx, 'received_at', reqString(ctx, json, 'received_at'));

  const gateways: UplinkGateway[] = [];
  optArray(ctx, up, 'rx_metadata', 'uplink_message').forEach((entry, i) => {
    const base = `uplink_message.rx_metadata[${i}]`;
    if (!isObject(entry)) fail(ctx, base, `must be an object, got ${describeValue(entry)}`);
    const gwIds = optObject(ctx, entry, 'gateway_ids', base);
    const id =
      (gwIds && optString(ctx, gwIds, 'gateway_id', `${base}.gateway_ids`)) ??
      (gwIds && optString(ctx, gwIds, 'eui', `${base}.gateway_ids`)) ??
      '';
    const rssi = optNumber(ctx, entry, 'rssi', base) ?? optNumber(ctx, entry, 'channel_rssi', base);
    const snr = optNumber(ctx, entry, 'snr', base);
    const locObj = optObject(ctx, entry, 'location', base);
    const location =
      locObj === undefined ? undefined : readLocation(ctx, locObj, `${base}.location`, LATLON);
    gateways.push(gateway(id, rssi, snr, location));
  });

  const uplink: Uplink = {
    devEui,
    fPort,
    bytes,
    receivedAt,
    fCnt: readFCnt(ctx, up, 'f_cnt', { base: 'uplink_message' }) ?? 0,
    gateways,
    network: 'tts-v3',
    ...best(gateways),
  };
  if (deviceId !== undefined) uplink.deviceId = deviceId;
  if (applicationId !== undefined) uplink.applicationId = applicationId;
  const location = deviceLocation(ctx, up);
  if (location !== undefined) uplink.location = location;
  const decoded = decodedObject(own(up, 'decoded_payload'));
  if (decoded !== undefined) uplink.decoded = decoded;
  return uplink;
}

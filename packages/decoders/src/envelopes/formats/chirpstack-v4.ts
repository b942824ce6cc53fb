import {
  best,
  decodedObject,
  decodePayload,
  describeKeys,
  describeValue,
  fail,
  gateway,
  isObject,
  type JsonObject,
  nowIso,
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
import type { Uplink, UplinkGateway } from '../types.js';

const LATLON = { lat: 'latitude', lon: 'longitude', alt: 'altitude' } as const;

/** True when the JSON looks like a ChirpStack v4 event (any type). */
export function isChirpStackV4(json: JsonObject): boolean {
  return isObject(own(json, 'deviceInfo'));
}

function isUpEvent(json: JsonObject): boolean {
  return (
    Object.hasOwn(json, 'data') || Object.hasOwn(json, 'fPort') || Object.hasOwn(json, 'rxInfo')
  );
}

/**
 * Reads a ChirpStack v4 `up` event (HTTP integration `?event=up`, MQTT
 * `application/{id}/device/{devEui}/event/up`). ChirpStack v4 serializes protobuf
 * JSON and omits zero values, so a missing `fPort`/`fCnt` is 0 and a missing `data`
 * is an empty payload.
 */
export function readChirpStackV4(ctx: ReadContext, json: JsonObject): Uplink {
  const info = reqObject(ctx, json, 'deviceInfo');
  if (!isUpEvent(json)) {
    fail(
      ctx,
      '(event)',
      `is not an "up" event (no data, fPort or rxInfo; join, status, ack, txack, log and location events carry none): got keys ${describeKeys(json)}`,
    );
  }
  const devEui = readEui(ctx, 'deviceInfo.devEui', reqString(ctx, info, 'devEui', 'deviceInfo'));
  const deviceId = optString(ctx, info, 'deviceName', 'deviceInfo');
  const applicationId = optString(ctx, info, 'applicationId', 'deviceInfo');
  const fPort = readFPort(ctx, json, 'fPort', { defaultValue: 0 });
  const data = optString(ctx, json, 'data');
  const bytes = data === undefined ? new Uint8Array(0) : decodePayload(ctx, 'data', data, 'base64');

  const gateways: UplinkGateway[] = [];
  let earliestGwTime: string | undefined;
  optArray(ctx, json, 'rxInfo').forEach((entry, i) => {
    const base = `rxInfo[${i}]`;
    if (!isObject(entry)) fail(ctx, base, `must be an object, got ${describeValue(entry)}`);
    const id = optString(ctx, entry, 'gatewayId', base) ?? '';
    const locObj = optObject(ctx, entry, 'location', base);
    const location =
      locObj === undefined ? undefined : readLocation(ctx, locObj, `${base}.location`, LATLON);
    gateways.push(
      gateway(
        id,
        optNumber(ctx, entry, 'rssi', base),
        optNumber(ctx, entry, 'snr', base),
        location,
      ),
    );
    const t = optString(ctx, entry, 'nsTime', base) ?? optString(ctx, entry, 'gwTime', base);
    if (t !== undefined) {
      const iso = readTime(ctx, `${base}.nsTime`, t);
      if (earliestGwTime === undefined || iso < earliestGwTime) earliestGwTime = iso;
    }
  });

  const time = optString(ctx, json, 'time');
  const receivedAt =
    time !== undefined ? readTime(ctx, 'time', time) : (earliestGwTime ?? nowIso(ctx));

  const uplink: Uplink = {
    devEui,
    fPort,
    bytes,
    receivedAt,
    fCnt: readFCnt(ctx, json, 'fCnt') ?? 0,
    gateways,
    network: 'chirpstack-v4',
    ...best(gateways),
  };
  if (deviceId !== undefined) uplink.deviceId = deviceId;
  if (applicationId !== undefined) uplink.applicationId = applicationId;
  const decoded = decodedObject(own(json, 'object'));
  if (decoded !== undefined) uplink.decoded = decoded;
  return uplink;
}

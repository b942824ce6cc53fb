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
  readEpochMillis,
  readEui,
  readFCnt,
  readFPort,
  readLocation,
  reqString,
} from '../internal/read.js';
import type { Uplink, UplinkGateway } from '../types.js';

/** True when the JSON looks like a Helium Console uplink. */
export function isHelium(json: JsonObject): boolean {
  return (
    typeof own(json, 'dev_eui') === 'string' &&
    (Object.hasOwn(json, 'port') || Object.hasOwn(json, 'payload'))
  );
}

/**
 * Reads a Helium Console (legacy) HTTP/MQTT integration uplink: `payload` base64,
 * `port`, `reported_at` epoch milliseconds, `hotspots[]` with `lat`/`long`.
 */
export function readHelium(ctx: ReadContext, json: JsonObject): Uplink {
  const devEui = readEui(ctx, 'dev_eui', reqString(ctx, json, 'dev_eui'));
  const deviceId = optString(ctx, json, 'id');
  const fPort = readFPort(ctx, json, 'port');
  const bytes = decodePayload(ctx, 'payload', reqString(ctx, json, 'payload'), 'base64');
  const reported = optNumber(ctx, json, 'reported_at');
  if (reported === undefined) fail(ctx, 'reported_at', 'is missing: expected epoch milliseconds');
  const receivedAt = readEpochMillis(ctx, 'reported_at', reported);

  const gateways: UplinkGateway[] = [];
  optArray(ctx, json, 'hotspots').forEach((entry, i) => {
    const base = `hotspots[${i}]`;
    if (!isObject(entry)) fail(ctx, base, `must be an object, got ${describeValue(entry)}`);
    const id = optString(ctx, entry, 'id', base) ?? optString(ctx, entry, 'name', base) ?? '';
    const location = readLocation(ctx, entry, base, { lat: 'lat', lon: 'long', alt: 'alt' });
    gateways.push(
      gateway(
        id,
        optNumber(ctx, entry, 'rssi', base),
        optNumber(ctx, entry, 'snr', base),
        location,
      ),
    );
  });

  const uplink: Uplink = {
    devEui,
    fPort,
    bytes,
    receivedAt,
    gateways,
    network: 'helium',
    ...best(gateways),
  };
  const fCnt = readFCnt(ctx, json, 'fcnt');
  if (fCnt !== undefined) uplink.fCnt = fCnt;
  if (deviceId !== undefined) uplink.deviceId = deviceId;
  const decoded = optObject(ctx, json, 'decoded');
  const payload = decoded === undefined ? undefined : decodedObject(own(decoded, 'payload'));
  if (payload !== undefined) uplink.decoded = payload;
  return uplink;
}

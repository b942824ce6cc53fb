import {
  best,
  decodedObject,
  decodePayload,
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
  reqString,
} from '../internal/read.js';
import type { Uplink, UplinkGateway } from '../types.js';

const LATLON = { lat: 'latitude', lon: 'longitude', alt: 'altitude' } as const;

/** True when the JSON looks like a ChirpStack v3 application-server uplink. */
export function isChirpStackV3(json: JsonObject): boolean {
  return (
    typeof own(json, 'devEUI') === 'string' &&
    (Object.hasOwn(json, 'fPort') || Object.hasOwn(json, 'data')) &&
    !Object.hasOwn(json, 'payload')
  );
}

/**
 * Reads a ChirpStack v3 (legacy) uplink. The message has no receive time of its
 * own: the earliest gateway `time` is used, else `publishedAt`, else `options.now`.
 */
export function readChirpStackV3(ctx: ReadContext, json: JsonObject): Uplink {
  const devEui = readEui(ctx, 'devEUI', reqString(ctx, json, 'devEUI'));
  const deviceId = optString(ctx, json, 'deviceName');
  const appRaw = own(json, 'applicationID');
  let applicationId: string | undefined;
  if (typeof appRaw === 'string') applicationId = appRaw;
  else if (typeof appRaw === 'number' && Number.isInteger(appRaw)) applicationId = String(appRaw);
  else if (appRaw !== undefined && appRaw !== null) {
    fail(ctx, 'applicationID', `must be a string or an integer, got ${describeValue(appRaw)}`);
  }
  const fPort = readFPort(ctx, json, 'fPort');
  const data = own(json, 'data');
  if (data === undefined || data === null) {
    fail(ctx, 'data', 'is missing: expected the payload in base64');
  }
  const bytes = decodePayload(ctx, 'data', reqString(ctx, json, 'data'), 'base64');

  const gateways: UplinkGateway[] = [];
  let earliest: string | undefined;
  optArray(ctx, json, 'rxInfo').forEach((entry, i) => {
    const base = `rxInfo[${i}]`;
    if (!isObject(entry)) fail(ctx, base, `must be an object, got ${describeValue(entry)}`);
    const rawId = optString(ctx, entry, 'gatewayID', base);
    // Gateway ids are reported as given; only device EUIs are normalized strictly.
    const id = rawId === undefined ? (optString(ctx, entry, 'name', base) ?? '') : rawId;
    const locObj = optObject(ctx, entry, 'location', base);
    const location =
      locObj === undefined ? undefined : readLocation(ctx, locObj, `${base}.location`, LATLON);
    gateways.push(
      gateway(
        id,
        optNumber(ctx, entry, 'rssi', base),
        optNumber(ctx, entry, 'loRaSNR', base),
        location,
      ),
    );
    const t = optString(ctx, entry, 'time', base);
    if (t !== undefined) {
      const iso = readTime(ctx, `${base}.time`, t);
      if (earliest === undefined || iso < earliest) earliest = iso;
    }
  });
  const published = optString(ctx, json, 'publishedAt');
  const receivedAt =
    earliest ?? (published !== undefined ? readTime(ctx, 'publishedAt', published) : nowIso(ctx));

  const uplink: Uplink = {
    devEui,
    fPort,
    bytes,
    receivedAt,
    gateways,
    network: 'chirpstack-v3',
    ...best(gateways),
  };
  const fCnt = readFCnt(ctx, json, 'fCnt');
  if (fCnt !== undefined) uplink.fCnt = fCnt;
  if (deviceId !== undefined) uplink.deviceId = deviceId;
  if (applicationId !== undefined) uplink.applicationId = applicationId;
  const decoded = decodedObject(own(json, 'object'));
  if (decoded !== undefined) uplink.decoded = decoded;
  return uplink;
}

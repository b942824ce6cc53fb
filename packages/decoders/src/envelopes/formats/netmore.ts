import {
  best,
  decodePayload,
  describeValue,
  fail,
  gateway,
  isObject,
  type JsonObject,
  optArray,
  optNumeric,
  optObject,
  optString,
  own,
  type ReadContext,
  readEui,
  readFCnt,
  readFPort,
  readTime,
  reqString,
} from '../internal/read.js';
import type { Uplink, UplinkGateway } from '../types.js';

/** True when the JSON looks like one Netmore uplink (an element of the pushed array). */
export function isNetmore(json: JsonObject): boolean {
  return (
    typeof own(json, 'devEui') === 'string' &&
    (Object.hasOwn(json, 'payload') || Object.hasOwn(json, 'fPort'))
  );
}

function idOf(ctx: ReadContext, obj: JsonObject, base: string): string {
  const raw = own(obj, 'gatewayIdentifier') ?? own(obj, 'gatewayId');
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (raw === undefined || raw === null) return '';
  return fail(ctx, `${base}.gatewayIdentifier`, `must be a string, got ${describeValue(raw)}`);
}

/**
 * Reads one Netmore uplink, compact form (`rxInfo`) or extended `messageType:
 * "payload"` form (`gateways[]`). Netmore sends FPort, RSSI, SNR and counters as
 * decimal strings; the payload is hex.
 */
export function readNetmore(ctx: ReadContext, json: JsonObject): Uplink {
  const messageType = optString(ctx, json, 'messageType');
  if (messageType !== undefined && messageType !== 'payload') {
    fail(
      ctx,
      'messageType',
      `is "${messageType.slice(0, 40)}": only "payload" messages are uplinks`,
    );
  }
  const devEui = readEui(ctx, 'devEui', reqString(ctx, json, 'devEui'));
  const deviceId = optString(ctx, json, 'deviceName');
  const fPort = readFPort(ctx, json, 'fPort', { numericString: true });
  const bytes = decodePayload(ctx, 'payload', reqString(ctx, json, 'payload'), 'hex');
  const receivedAt = readTime(ctx, 'timestamp', reqString(ctx, json, 'timestamp'));

  const gateways: UplinkGateway[] = [];
  const list = optArray(ctx, json, 'gateways');
  list.forEach((entry, i) => {
    const base = `gateways[${i}]`;
    if (!isObject(entry)) fail(ctx, base, `must be an object, got ${describeValue(entry)}`);
    gateways.push(
      gateway(
        idOf(ctx, entry, base),
        optNumeric(ctx, entry, 'rssi', base),
        optNumeric(ctx, entry, 'snr', base),
        undefined,
      ),
    );
  });
  if (list.length === 0) {
    const rx = optObject(ctx, json, 'rxInfo');
    if (rx !== undefined) {
      gateways.push(
        gateway(
          idOf(ctx, rx, 'rxInfo'),
          optNumeric(ctx, rx, 'rssi', 'rxInfo'),
          optNumeric(ctx, rx, 'snr', 'rxInfo'),
          undefined,
        ),
      );
    } else if (Object.hasOwn(json, 'rssi') || Object.hasOwn(json, 'gatewayIdentifier')) {
      gateways.push(
        gateway(
          idOf(ctx, json, ''),
          optNumeric(ctx, json, 'rssi'),
          optNumeric(ctx, json, 'snr'),
          undefined,
        ),
      );
    }
  }

  const uplink: Uplink = {
    devEui,
    fPort,
    bytes,
    receivedAt,
    gateways,
    network: 'netmore',
    ...best(gateways),
  };
  const fCnt = readFCnt(ctx, json, 'fCntUp', { numericString: true });
  if (fCnt !== undefined) uplink.fCnt = fCnt;
  if (deviceId !== undefined) uplink.deviceId = deviceId;
  return uplink;
}

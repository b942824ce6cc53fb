/**
 * `@smartcitylab/decoders/envelopes`: read the uplink messages LoRaWAN network
 * servers deliver to integrations (The Things Stack v3, ChirpStack v4 and v3,
 * Netmore, Helium) into one normalized `Uplink`.
 *
 * @packageDocumentation
 */

export { EnvelopeError, type EnvelopeErrorCode, isEnvelopeError } from './errors.js';
export {
  detectUplinkFormat,
  parseUplink,
  parseUplinks,
  safeParseUplink,
  safeParseUplinks,
  UPLINK_NETWORKS,
} from './parse.js';
export type {
  ParseUplinkOptions,
  ParseUplinkResult,
  Uplink,
  UplinkGateway,
  UplinkLocation,
  UplinkNetwork,
} from './types.js';

export { DecoderError } from './errors.js';
export type { DecodedData, DecoderOutputs, DeviceId } from './outputs.js';
export {
  createDecoderRegistry,
  type DecoderRegistry,
  decode,
  getDeviceInfo,
  listDevices,
  loadDecoder,
} from './registry.js';
export type {
  DecodeUplinkResult,
  DeviceDecoder,
  DeviceInfo,
  Quantity,
  UplinkInput,
} from './types.js';

export { DecoderError } from './errors.js';
export { decode, getDeviceInfo, listDevices, loadDecoder } from './registry.js';
export type {
  DecodeUplinkResult,
  DeviceDecoder,
  DeviceInfo,
  Quantity,
  UplinkInput,
} from './types.js';

/**
 * `@smartcitylab/decoders/lwm2m`: the OMA LwM2M / IPSO objects municipal platforms
 * use, and their SenML encoding (`urn:oma:lwm2m:ext:<id>` packs).
 *
 * @packageDocumentation
 */

export { Lwm2mError } from './errors.js';
export {
  getLwm2mObject,
  IPSO_RESOURCES,
  LWM2M_OBJECTS,
  LWM2M_URN_PREFIX,
  type Lwm2mObjectId,
  type Lwm2mObjectInfo,
  type Lwm2mResourceInfo,
  type Lwm2mValueType,
  lwm2mUrn,
} from './objects.js';
export {
  fromLwm2mSenml,
  type Lwm2mDecodedReading,
  type Lwm2mObjectReadings,
  type Lwm2mReading,
  type Lwm2mReadings,
  type Lwm2mValue,
  type ToLwm2mSenmlOptions,
  toLwm2mSenml,
} from './senml.js';

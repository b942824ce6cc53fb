/**
 * `@smartcitylab/decoders/mapping`: from LoRaWAN uplinks to FIWARE Smart Data Models
 * entities. Declarative mappings per device model, a default for every decoder, and one call
 * (`uplinkToEntities`) for the whole path envelope → decoder → normalized NGSI-LD entities.
 */
export { decodedToEntities, type MapInput, type MapOutput } from './build.js';
export { DEFAULT_MAPPINGS, getDefaultMapping } from './defaults.js';
export {
  atmosphericPressure,
  batteryPercent,
  co2,
  doorState,
  environment,
  fillingLevelFromDistance,
  illuminance,
  measurement,
  presence,
  relativeHumidity,
  temperature,
  waterVolume,
} from './rules.js';
export type {
  AttributeRule,
  AttributeValue,
  DecodedObject,
  DeviceRegistry,
  DeviceRegistryEntry,
  EntityCondition,
  EntityRule,
  Mapping,
  MappingContext,
  UplinkToEntitiesOptions,
  UplinkToEntitiesResult,
} from './types.js';
export {
  createUplinkMapper,
  defineMapping,
  type UplinkMapper,
  type UplinkMapperOptions,
  uplinksToEntities,
  uplinkToEntities,
} from './uplink.js';

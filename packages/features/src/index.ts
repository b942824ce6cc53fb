export type { CollectionConfig } from './collection.js';
export {
  bboxPolygon,
  CRS84,
  epsgUri,
  fromCrs84,
  type Geometry,
  parseCrs,
  type SupportedCrs,
  supportedCrsUris,
  toCrs84,
} from './crs.js';
export { FeaturesError, type FeaturesErrorCode } from './errors.js';
export type { CollectionExtent } from './extent.js';
export { entityToFeature, type Feature } from './feature.js';
export { checkMim7, type Mim7Check, type Mim7Options, type Mim7Report } from './mim7.js';
export { type FeatureMapping, type ReadFeaturesOptions, readFeatures } from './reader.js';
export {
  CONFORMANCE_CLASSES,
  createFeaturesHandler,
  type FeaturesHandler,
  type FeaturesOptions,
} from './server.js';

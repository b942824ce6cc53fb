export { buildCatalog } from './build.js';
export {
  type CatalogViolation,
  type CheckOptions,
  checkCatalog,
  formatViolation,
  type ShapesGraph,
} from './check.js';
export {
  type CatalogDescription,
  type ContactPoint,
  type DataServiceDescription,
  type DatasetDescription,
  type DistributionDescription,
  type LocalizedText,
  type Municipality,
  type Publisher,
  parseCatalogDescription,
  readCatalogDescription,
  type Specification,
} from './description.js';
export { CatalogError, isCatalogError } from './errors.js';
export { type ProfileVersion, profileShapes } from './profile.js';
export {
  formatOfFile,
  JSONLD_CONTEXT,
  parseRdf,
  type RdfFormat,
  serializeCatalog,
  toJsonLd,
  toRdfXml,
  toTurtle,
} from './serialize.js';
export type {
  AccessRights,
  DataTheme,
  DownloadFormat,
  PublisherType,
} from './vocab.js';

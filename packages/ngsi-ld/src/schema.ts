/**
 * `@smartcitylab/ngsi-ld/schema`: zod 4 schemas (also Standard Schemas) of NGSI-LD 1.8
 * entities and attributes, and `checkEntityStructure` (`validateEntity` is its deprecated alias). This entry needs `zod` (an optional peer of
 * the package: install it to use this subpath); the root entry does not load zod.
 */
export {
  checkEntityStructure,
  conciseEntitySchema,
  type EntityRepresentation,
  type EntityValidationResult,
  geoJsonGeometrySchema,
  keyValuesEntitySchema,
  normalizedAttributeSchema,
  normalizedEntitySchema,
  validateEntity,
} from './entity.js';

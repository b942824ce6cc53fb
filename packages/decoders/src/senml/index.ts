/**
 * `@smartcitylab/decoders/senml`: Sensor Measurement Lists (RFC 8428) in JSON:
 * validate, resolve base fields, build compact packs, check units.
 *
 * @packageDocumentation
 */

export { type BuildSenmlOptions, buildSenml } from './build.js';
export { type DecodedToSenmlOptions, decodedToSenml, senmlUnitOf } from './decoded.js';
export { SenmlError } from './errors.js';
export { parseSenml, SENML_VERSION, validateSenml } from './parse.js';
export { type ResolveSenmlOptions, resolveSenml, SENML_RELATIVE_TIME_LIMIT } from './resolve.js';
export type {
  ResolvedSenmlRecord,
  SenmlIssue,
  SenmlPack,
  SenmlRecord,
  SenmlValidationResult,
} from './types.js';
export {
  checkSenmlUnits,
  isSenmlSecondaryUnit,
  isSenmlUnit,
  SENML_SECONDARY_UNITS,
  SENML_UNITS,
  type SenmlSecondaryUnit,
  type SenmlUnit,
  type SenmlUnitWarning,
} from './units.js';

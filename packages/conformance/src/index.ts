/**
 * `@smartcitylab/conformance`: checks a live NGSI-LD endpoint (MIM1) and the data behind it
 * (MIM2) against versioned profiles, and writes an implementation conformance statement.
 */
export type { AuditSettings } from './audit.js';
export { authFromEnv, type ConformanceAuth } from './auth.js';
export { ConformanceError, type ConformanceErrorCode, isConformanceError } from './errors.js';
export { VERSION } from './generated/version.js';
export { getProfile, isProfileName, MIM1_PROFILES, PROFILE_NAMES } from './profiles.js';
export { reportToHtml } from './report/html.js';
export { exitCodeOf, REPORT_SCHEMA_ID, reportToJson } from './report/json.js';
export { reportToJUnit } from './report/junit.js';
export type { ReportLang } from './report/labels.js';
export { reportToMarkdown } from './report/markdown.js';
export { type ConformanceOptions, runConformance } from './run.js';
export { buildRequirementSpec, type RequirementSpecOptions } from './spec.js';
export type {
  AuditIssue,
  AuditTypeResult,
  Bilingual,
  CheckDefinition,
  CheckLevel,
  CheckResult,
  CheckStatus,
  ConformanceReport,
  Evidence,
  Leftover,
  ProfileDefinition,
  ProfileName,
  RunOutcome,
} from './types.js';

/**
 * Public data types of a conformance run: checks as the profiles describe them, results,
 * evidence and the report (the implementation conformance statement).
 */

/** How binding a check is, as in a requirement text: `must` decides the exit code. */
export type CheckLevel = 'must' | 'should' | 'may';

/** What happened to one check. */
export type CheckStatus = 'pass' | 'fail' | 'skipped' | 'not-applicable';

/** A text in English and Swedish. */
export interface Bilingual {
  readonly en: string;
  readonly sv: string;
}

/** One check as a profile file describes it (the data a tender can cite). */
export interface CheckDefinition {
  /** Stable id, e.g. `core.create-201-location`. */
  readonly id: string;
  readonly title: Bilingual;
  /** The clause of ETSI GS CIM 009 V1.8.1 the check rests on, e.g. `5.6.1`. */
  readonly clause: string;
  readonly level: CheckLevel;
  /** True when the check creates, changes or deletes data (runs only with `allowWrite`). */
  readonly write: boolean;
  /** What the check sends. */
  readonly sends: string;
  /** What it expects back. */
  readonly expects: string;
}

/** A profile: a versioned, named set of checks. */
export interface ProfileDefinition {
  /** `urn:npm:@smartcitylab/conformance@<version>:profile:<name>`. */
  readonly $id: string;
  readonly name: ProfileName;
  readonly title: Bilingual;
  /** The specification the clauses refer to. */
  readonly specification: string;
  readonly checks: readonly CheckDefinition[];
}

/** The shipped profiles. */
export type ProfileName =
  | 'mim1-core'
  | 'mim1-query'
  | 'mim1-batch'
  | 'mim1-subscriptions'
  | 'mim1-temporal'
  | 'mim1-tenancy'
  | 'mim2-data';

/** One request and its answer, kept as evidence (credentials redacted). */
export interface Evidence {
  /** `GET /ngsi-ld/v1/entities?type=X` (path and query of the request, redacted). */
  readonly request: string;
  /** HTTP status, or 0 when no answer came. */
  readonly status: number;
  /** The first few hundred characters of the answer body (or the network error). */
  readonly excerpt: string;
}

/** The result of one check. */
export interface CheckResult {
  readonly id: string;
  readonly profile: ProfileName;
  readonly title: Bilingual;
  readonly clause: string;
  readonly level: CheckLevel;
  readonly status: CheckStatus;
  /** Why it failed, was skipped or does not apply. */
  readonly reason?: string;
  readonly durationMs: number;
  readonly evidence: readonly Evidence[];
}

/** The ten most frequent issues of one type in the data audit. */
export interface AuditIssue {
  /** Rule id of `@smartcitylab/validate`, e.g. `schema`. */
  readonly rule: string;
  readonly path: string;
  readonly message: string;
  readonly count: number;
  /** Up to three entity ids showing the issue. */
  readonly examples: readonly string[];
}

/** Data audit figures of one entity type. */
export interface AuditTypeResult {
  readonly type: string;
  /** Whether `@smartcitylab/models` has a model for the type. */
  readonly modelKnown: boolean;
  readonly entitiesSeen: number;
  /** Share (0..100) of entities without a schema or structure error. */
  readonly schemaValidPercent: number;
  /** Mean quality score (0..1) of `@smartcitylab/validate`. */
  readonly meanScore: number;
  readonly topIssues: readonly AuditIssue[];
}

/** Something the run created and could not delete. */
export interface Leftover {
  readonly kind: 'entity' | 'subscription' | 'tenant';
  readonly id: string;
  readonly tenant?: string;
  readonly reason: string;
}

/** The overall verdict: 0 pass, 1 fail, 2 error (could not run). */
export type RunOutcome = 'pass' | 'fail' | 'error';

/** The implementation conformance statement of one run. */
export interface ConformanceReport {
  readonly reportVersion: 1;
  readonly tool: { readonly name: '@smartcitylab/conformance'; readonly version: string };
  readonly endpoint: string;
  readonly tenant?: string;
  readonly mode: 'read-only' | 'write';
  readonly runId: string;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly profiles: readonly { readonly $id: string; readonly name: ProfileName }[];
  readonly outcome: RunOutcome;
  /** Why the run could not run (outcome `error`). */
  readonly error?: string;
  readonly summary: {
    readonly pass: number;
    readonly fail: number;
    readonly skipped: number;
    readonly notApplicable: number;
    readonly mustFailed: number;
  };
  readonly checks: readonly CheckResult[];
  readonly audit?: readonly AuditTypeResult[];
  readonly leftovers: readonly Leftover[];
}

import type { Representation } from '@smartcitylab/ngsi-ld';

/** The six quality dimensions every report scores. */
export const DIMENSIONS = [
  'completeness',
  'validity',
  'plausibility',
  'timeliness',
  'location',
  'consistency',
] as const;

/** One quality dimension. */
export type Dimension = (typeof DIMENSIONS)[number];

/** How serious an issue is: errors make an entity fail, warnings lower its score, info does neither. */
export type Severity = 'error' | 'warning' | 'info';

/** A finding of one rule on one entity. */
export interface QualityIssue {
  /** How serious the finding is. */
  readonly severity: Severity;
  /** Stable rule id, e.g. `plausibility.range`. */
  readonly rule: RuleId;
  /** The dimension the rule scores. */
  readonly dimension: Dimension;
  /**
   * JSONPath of the offending value in the input as it was sent: `$.temperature.value` in a
   * normalized entity, `$.temperature` in a keyValues one.
   */
  readonly path: string;
  /** The finding in English. */
  readonly message: string;
  /** The finding in Swedish. */
  readonly messageSv: string;
}

/** Score of one dimension: the share of its checks that passed, weighted by severity. */
export interface DimensionScore {
  /** 0 (every check failed) to 1 (all passed); `null` when no check of this dimension applied. */
  readonly score: number | null;
  /** How many checks of this dimension ran. */
  readonly checks: number;
  /** How many of them found an issue. */
  readonly failed: number;
}

/** The result of validating one entity. */
export interface QualityReport {
  /** The entity id, when the input had a string `id`. */
  readonly entityId: string | undefined;
  /** The entity type, when the input had one. */
  readonly type: string | undefined;
  /** The representation the entity was read as. */
  readonly representation: Representation | undefined;
  /** The Smart Data Model the entity was checked against, if one is known for its type. */
  readonly model: string | undefined;
  /** True when no issue has severity `error`. */
  readonly valid: boolean;
  /** Overall score from 0 to 1: the mean of the applicable dimension scores. */
  readonly score: number;
  /** Score per dimension. */
  readonly dimensions: Readonly<Record<Dimension, DimensionScore>>;
  /** Every finding, errors first. */
  readonly issues: readonly QualityIssue[];
  /** When the check ran (ISO 8601). */
  readonly checkedAt: string;
}

/** Every rule id the validator knows. */
export const RULE_IDS = [
  'structure',
  'schema',
  'schema.attribute-name',
  'model.unknown',
  'completeness.required',
  'completeness.recommended',
  'plausibility.range',
  'plausibility.placeholder',
  'plausibility.season',
  'units.known',
  'units.fit',
  'timeliness.missing',
  'timeliness.invalid',
  'timeliness.zone',
  'timeliness.future',
  'timeliness.max-age',
  'location.geojson',
  'location.region',
  'location.swapped',
  'location.projected',
  'location.placeholder',
  'identifiers.urn',
  'identifiers.type-match',
  'consistency.duplicate',
  'consistency.conflict',
] as const;

/** A rule id. */
export type RuleId = (typeof RULE_IDS)[number];

// Each rule's dimension as its index in DIMENSIONS, in RULE_IDS order: shorter than a table.
const RULE_DIMENSION_AT = '1111002221133333444441555';

/** The dimension each rule scores. */
export const RULE_DIMENSION: Readonly<Record<RuleId, Dimension>> = /* @__PURE__ */ (() =>
  Object.fromEntries(
    RULE_IDS.map((rule, i) => [rule, DIMENSIONS[Number(RULE_DIMENSION_AT[i])]]),
  ) as Record<RuleId, Dimension>)();

// Where each rule's dimension tallies: one map lookup, cheaper than a keyed load with ever other
// keys and a search of the dimensions.
const TALLY_AT: ReadonlyMap<string, number> = /* @__PURE__ */ (() =>
  new Map(RULE_IDS.map((rule, i) => [rule, Number(RULE_DIMENSION_AT[i]) * 3])))();

const PENALTY: Readonly<Record<Severity, number>> = { error: 1, warning: 0.5, info: 0 };

/** Collects checks and issues for one entity and turns them into a {@link QualityReport}. */
export class ReportBuilder {
  // checks, failed and penalty per dimension, in DIMENSIONS order: flat for speed on streams.
  // A literal, not a Float64Array: allocating a typed array's backing store per entity costs more.
  readonly #tally3: number[] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  readonly #issues: QualityIssue[] = [];
  readonly #severity: (rule: RuleId, fallback: Severity) => Severity | undefined;

  constructor(severity: (rule: RuleId, fallback: Severity) => Severity | undefined) {
    this.#severity = severity;
  }

  /** Records that a check of `rule` passed. */
  pass(rule: RuleId): void {
    this.#tally(rule, 0, false);
  }

  /** Records a failed check of `rule` with its finding; ignored when the rule is disabled. */
  fail(rule: RuleId, fallback: Severity, path: string, message: Message): void {
    const severity = this.#severity(rule, fallback);
    if (severity === undefined) return;
    const dimension = RULE_DIMENSION[rule];
    this.#tally(rule, PENALTY[severity], true);
    this.#issues.push({
      severity,
      rule,
      dimension,
      path,
      message: message.en,
      messageSv: message.sv,
    });
  }

  /** Builds the final report. */
  build(meta: {
    entityId: string | undefined;
    type: string | undefined;
    representation: Representation | undefined;
    model: string | undefined;
    checkedAt: string;
  }): QualityReport {
    const t = this.#tally3;
    // One literal with every dimension, in DIMENSIONS order: no object grown key by key.
    const dimensions: Record<Dimension, DimensionScore> = {
      completeness: dimensionScore(t, 0),
      validity: dimensionScore(t, 1),
      plausibility: dimensionScore(t, 2),
      timeliness: dimensionScore(t, 3),
      location: dimensionScore(t, 4),
      consistency: dimensionScore(t, 5),
    };
    let sum = 0;
    let applicable = 0;
    for (let i = 0; i < 6; i++) {
      const checks = t[i * 3] ?? 0;
      if (checks === 0) continue;
      sum += Math.max(0, 1 - (t[i * 3 + 2] ?? 0) / checks);
      applicable++;
    }
    // Errors sort first: the entity is valid when the first issue is not one.
    const issues = sortBySeverity(this.#issues);
    return {
      entityId: meta.entityId,
      type: meta.type,
      representation: meta.representation,
      model: meta.model,
      checkedAt: meta.checkedAt,
      valid: issues[0]?.severity !== 'error',
      score: applicable === 0 ? 0 : round(sum / applicable),
      dimensions,
      issues,
    };
  }

  #tally(rule: RuleId, penalty: number, failed: boolean): void {
    const i = TALLY_AT.get(rule) as number;
    const t = this.#tally3;
    t[i] = (t[i] ?? 0) + 1;
    if (failed) t[i + 1] = (t[i + 1] ?? 0) + 1;
    t[i + 2] = (t[i + 2] ?? 0) + penalty;
  }
}

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

function dimensionScore(t: readonly number[], i: number): DimensionScore {
  const checks = t[i * 3] ?? 0;
  if (checks === 0) return { score: null, checks: 0, failed: 0 };
  return {
    score: round(Math.max(0, 1 - (t[i * 3 + 2] ?? 0) / checks)),
    checks,
    failed: t[i * 3 + 1] ?? 0,
  };
}

/**
 * The issues ordered by severity, issues of one severity in the order they were found (what a
 * stable sort gives): usually already in order, so checked in one pass before anything moves.
 */
function sortBySeverity(issues: QualityIssue[]): QualityIssue[] {
  let prev = 0;
  let sorted = true;
  for (let i = 0; i < issues.length; i++) {
    const rank = RANK[(issues[i] as QualityIssue).severity];
    if (rank < prev) {
      sorted = false;
      break;
    }
    prev = rank;
  }
  if (sorted) return issues;
  const out: QualityIssue[] = [];
  for (let rank = 0; rank < 3; rank++)
    for (const issue of issues) if (RANK[issue.severity] === rank) out.push(issue);
  return out;
}

/** A finding in English and Swedish. */
export interface Message {
  readonly en: string;
  readonly sv: string;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** A segment written as `.name`; others are bracketed. */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Formats a JSONPath for an attribute path inside an entity. */
export function jsonPath(...segments: readonly (string | number)[]): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENTIFIER.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

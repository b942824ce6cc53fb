import {
  type ConciseEntity,
  type ConversionResult,
  detectRepresentation,
  type EntityIssue,
  type KeyValuesEntity,
  NgsiLdError,
  type NormalizedEntity,
  parseEntityId,
  type Representation,
  safeFromKeyValues,
  safeToNormalized,
  validateEntity as validateStructure,
} from '@smartcitylab/ngsi-ld';
import type { BatchTracker } from './consistency.js';
import { checkLocation, type Region, SWEDEN } from './location.js';
import type { QualityModel } from './model.js';
import { type AttributeRange, rangeFor } from './plausibility.js';
import {
  jsonPath,
  type QualityReport,
  ReportBuilder,
  type RuleId,
  type Severity,
} from './report.js';
import { convertUnit, unitInfo } from './units.js';

/** Settings of one rule. */
export interface RuleSetting {
  /** Set to false to switch the rule off. */
  readonly enabled?: boolean;
  /** Overrides the severity the rule reports with. */
  readonly severity?: Severity;
}

/** Options of {@link createValidator} and `validateEntity`. */
export interface ValidateOptions {
  /** Read the input as this representation instead of detecting it. */
  readonly representation?: Representation;
  /** Models to check against, by type. Types without a model get a `model.unknown` issue. */
  readonly models?: readonly QualityModel[];
  /** The clock, for timeliness (defaults to the current time). */
  readonly now?: () => Date;
  /** Oldest acceptable observation, in milliseconds or as an ISO 8601 duration (`P1D`). Default 7 days. */
  readonly maxAge?: number | string;
  /** How far in the future an observation time may be before it is an error (ms). Default 5 minutes. */
  readonly futureTolerance?: number;
  /** Where locations must lie. Defaults to Sweden's bounding box. */
  readonly region?: Region;
  /** Plausibility ranges that replace the defaults, by attribute name. */
  readonly ranges?: Readonly<Record<string, AttributeRange>>;
  /** Extra recommended attributes per entity type (added to `location` and the observation time). */
  readonly recommended?: Readonly<Record<string, readonly string[]>>;
  /** Per-rule settings: switch off or change the severity. */
  readonly rules?: Partial<Readonly<Record<RuleId, RuleSetting>>>;
  /** Deepest nesting accepted before an entity is rejected without further checks. Default 64. */
  readonly maxDepth?: number;
}

/** A validator with its options and models fixed; `check` is synchronous. */
export interface Validator {
  /** Checks one entity and returns its quality report. Never throws on bad input. */
  check(entity: unknown): QualityReport;
  /** Adds or replaces a model. */
  addModel(model: QualityModel): void;
  /** Whether a model for `type` is known. */
  hasModel(type: string): boolean;
}

const OBSERVATION_ATTRIBUTES = [
  'dateObserved',
  'dateObservedTo',
  'observedAt',
  'timestamp',
  'dateLastValueReported',
];
const SYSTEM_KEYS = new Set(['id', 'type', '@context', 'scope', 'createdAt', 'modifiedAt']);

/**
 * Creates a validator: NGSI-LD structure, the model's schema, then the data-quality rules.
 *
 * @example
 * ```ts
 * import { createValidator } from '@smartcitylab/validate';
 * const validator = createValidator({ maxAge: 'PT1H' });
 * const report = validator.check({ id: 'urn:ngsi-ld:WeatherObserved:1', type: 'WeatherObserved', temperature: 900 });
 * console.log(report.score, report.issues.map((i) => i.message));
 * ```
 */
export function createValidator(options: ValidateOptions = {}): Validator {
  return createTrackingValidator(options, undefined);
}

/** A validator that also runs the batch consistency checks of `tracker` (internal). */
export interface TrackingValidator extends Validator {
  /** Checks entity number `index` of a batch or stream. */
  checkAt(entity: unknown, index: number): QualityReport;
}

/** {@link createValidator} with the duplicate/conflict checks of a batch (internal). */
export function createTrackingValidator(
  options: ValidateOptions,
  tracker: BatchTracker | undefined,
): TrackingValidator {
  const models = new Map<string, QualityModel>();
  for (const m of options.models ?? []) models.set(m.type, m);
  const maxAgeMs = parseDuration(options.maxAge ?? 7 * 24 * 3600 * 1000);
  const futureTolerance = options.futureTolerance ?? 5 * 60 * 1000;
  const region = options.region ?? SWEDEN;
  const maxDepth = options.maxDepth ?? 64;
  const now = options.now ?? (() => new Date());
  const severityOf = (rule: RuleId, fallback: Severity): Severity | undefined => {
    const s = options.rules?.[rule];
    if (s?.enabled === false) return undefined;
    return s?.severity ?? fallback;
  };

  const check = (input: unknown, index?: number): QualityReport => {
    const clock = now();
    const r = new ReportBuilder(severityOf);
    const raw = isRecord(input) ? input : undefined;
    const entityId = typeof raw?.id === 'string' ? raw.id : undefined;
    const type = typeof raw?.type === 'string' ? raw.type : undefined;
    const meta = {
      entityId,
      type,
      representation: undefined as Representation | undefined,
      model: undefined as string | undefined,
      checkedAt: clock.toISOString(),
    };
    if (!raw) {
      r.fail('structure', 'error', '$', {
        en: `Expected an entity object, got ${describe(input)}.`,
        sv: `Förväntade ett entitetsobjekt, fick ${describe(input)}.`,
      });
      return r.build(meta);
    }
    const depth = nestingDepth(raw, maxDepth);
    if (depth > maxDepth) {
      r.fail('structure', 'error', '$', {
        en: `Entity is nested deeper than ${maxDepth} levels; flatten it or raise maxDepth.`,
        sv: `Entiteten är nästlad djupare än ${maxDepth} nivåer; platta ut den eller höj maxDepth.`,
      });
      return r.build(meta);
    }
    const representation = options.representation ?? detectRepresentation(raw);
    meta.representation = representation;
    const model = type === undefined ? undefined : models.get(type);
    meta.model = model?.type;

    // Each conversion checks the NGSI-LD structure itself, so the structure is checked once.
    const converted =
      representation === 'normalized'
        ? validateStructure(raw, 'normalized')
        : representation === 'concise'
          ? toResult(safeToNormalized(raw as ConciseEntity))
          : toResult(safeFromKeyValues(raw as KeyValuesEntity, model?.hints));
    if (!converted.success) {
      for (const issue of converted.issues.slice(0, 50)) {
        r.fail('structure', 'error', jsonPath(...issue.path), {
          en: `Not a valid ${representation} NGSI-LD entity: ${issue.message}`,
          sv: `Inte en giltig NGSI-LD-entitet (${representation}): ${issue.message}`,
        });
      }
      checkIdentifiers(r, entityId, type);
      return r.build(meta);
    }
    r.pass('structure');
    const normalized = converted.data as NormalizedEntity;

    if (!model) {
      r.fail('model.unknown', 'warning', '$.type', {
        en: `No Smart Data Model is known for type "${type}"; only generic checks ran.`,
        sv: `Ingen Smart Data Model är känd för typen "${type}"; bara generella kontroller kördes.`,
      });
    } else {
      const schema = model.validate(raw, representation);
      if (schema.success) r.pass('schema');
      else {
        for (const issue of schema.issues.slice(0, 50)) {
          r.fail('schema', 'error', jsonPath(...issue.path.map(segment)), {
            en: `Does not match ${model.type}: ${issue.message}`,
            sv: `Stämmer inte med ${model.type}: ${issue.message}`,
          });
        }
      }
      for (const name of model.metadata.required) {
        if (name === 'id' || name === 'type') continue;
        if (Object.hasOwn(normalized, name)) r.pass('completeness.required');
        else
          r.fail('completeness.required', 'error', jsonPath(name), {
            en: `Required attribute "${name}" of ${model.type} is missing.`,
            sv: `Obligatoriska attributet "${name}" för ${model.type} saknas.`,
          });
      }
    }

    const recommended = recommendedFor(type, model, options.recommended);
    for (const name of recommended) {
      // observedAt on the attributes gives the observation time as well as dateObserved does.
      const present =
        Object.hasOwn(normalized, name) ||
        (name === 'dateObserved' &&
          (hasObservedAt(normalized) ||
            OBSERVATION_ATTRIBUTES.some((a) => Object.hasOwn(normalized, a))));
      if (present) r.pass('completeness.recommended');
      else
        r.fail('completeness.recommended', 'warning', jsonPath(name), {
          en: `Recommended attribute "${name}" is missing.`,
          sv: `Rekommenderade attributet "${name}" saknas.`,
        });
    }

    checkAttributes(r, normalized, type ?? '', options.ranges);
    checkTimeliness(r, normalized, type ?? '', clock, maxAgeMs, futureTolerance);
    checkLocation(r, normalized, region);
    checkIdentifiers(r, entityId, type);
    if (tracker && index !== undefined && entityId !== undefined)
      tracker.observe(index, raw, entityId, r);
    return r.build(meta);
  };

  return {
    check: (entity) => check(entity),
    checkAt: check,
    addModel: (m) => {
      models.set(m.type, m);
    },
    hasModel: (t) => models.has(t),
  };
}

function toResult<T>(
  r: ConversionResult<T>,
): { success: true; data: T } | { success: false; issues: readonly EntityIssue[] } {
  return r.success ? r : { success: false, issues: r.error.issues };
}

function recommendedFor(
  type: string | undefined,
  model: QualityModel | undefined,
  extra: Readonly<Record<string, readonly string[]>> | undefined,
): string[] {
  const out: string[] = [];
  const attributes = model?.metadata.attributes;
  if (!attributes || attributes.some((a) => a.name === 'location')) out.push('location');
  if (attributes?.some((a) => a.name === 'dateObserved')) out.push('dateObserved');
  if (type && extra && Object.hasOwn(extra, type)) {
    for (const a of extra[type] ?? []) if (!out.includes(a)) out.push(a);
  }
  return out.filter((a) => !(model?.metadata.required.includes(a) ?? false));
}

/** Each attribute instance of a normalized entity, with its path. */
function* instances(
  entity: NormalizedEntity,
): Generator<{ name: string; path: (string | number)[]; attr: Record<string, unknown> }> {
  for (const name of Object.keys(entity)) {
    if (SYSTEM_KEYS.has(name)) continue;
    const v: unknown = (entity as Record<string, unknown>)[name];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (isRecord(item)) yield { name, path: [name, i], attr: item };
      }
    } else if (isRecord(v)) yield { name, path: [name], attr: v };
  }
}

function checkAttributes(
  r: ReportBuilder,
  entity: NormalizedEntity,
  type: string,
  overrides: Readonly<Record<string, AttributeRange>> | undefined,
): void {
  for (const { name, path, attr } of instances(entity)) {
    const unitCode = typeof attr.unitCode === 'string' ? attr.unitCode : undefined;
    const range = rangeFor(type, name, overrides);
    if (unitCode !== undefined) {
      const info = unitInfo(unitCode);
      if (!info)
        r.fail('units.known', 'warning', jsonPath(...path, 'unitCode'), {
          en: `Unit code "${unitCode}" of "${name}" is not a known UN/CEFACT code; use e.g. CEL, P1, GQ, MTR.`,
          sv: `Enhetskoden "${unitCode}" för "${name}" är ingen känd UN/CEFACT-kod; använd t.ex. CEL, P1, GQ, MTR.`,
        });
      else {
        r.pass('units.known');
        if (range) {
          if (range.units.includes(unitCode)) r.pass('units.fit');
          else
            r.fail('units.fit', 'error', jsonPath(...path, 'unitCode'), {
              en: `Unit "${unitCode}" (${info.name}) does not fit "${name}"; expected one of ${range.units.join(', ')}.`,
              sv: `Enheten "${unitCode}" (${info.name}) passar inte "${name}"; förväntade någon av ${range.units.join(', ')}.`,
            });
        }
      }
    }
    if (!range || attr.type !== 'Property' || typeof attr.value !== 'number') continue;
    const value =
      unitCode === undefined ? attr.value : convertUnit(attr.value, unitCode, range.unit);
    if (value === undefined || !Number.isFinite(value)) continue;
    const [pmin, pmax] = range.physical;
    const shown = `${attr.value}${unitCode ? ` ${unitCode}` : ''}`;
    if (value < pmin || value > pmax) {
      const hint =
        range.unit === 'C62' && unitCode === undefined && value > 1 && value <= 100
          ? ' Smart Data Models express it as a fraction from 0 to 1; send unitCode "P1" for percent.'
          : '';
      const hintSv = hint
        ? ' Smart Data Models anger det som en andel mellan 0 och 1; skicka unitCode "P1" för procent.'
        : '';
      r.fail('plausibility.range', 'error', jsonPath(...path, 'value'), {
        en: `"${name}" = ${shown} is physically implausible (allowed ${pmin} to ${pmax} ${range.unit}).${hint}`,
        sv: `"${name}" = ${shown} är fysikaliskt orimligt (tillåtet ${pmin} till ${pmax} ${range.unit}).${hintSv}`,
      });
      continue;
    }
    if (range.sweden) {
      const [smin, smax] = range.sweden;
      if (value < smin || value > smax) {
        r.fail('plausibility.range', 'warning', jsonPath(...path, 'value'), {
          en: `"${name}" = ${shown} is outside the usual Swedish range ${smin} to ${smax} ${range.unit}; check the sensor.`,
          sv: `"${name}" = ${shown} ligger utanför det normala svenska intervallet ${smin} till ${smax} ${range.unit}; kontrollera sensorn.`,
        });
        continue;
      }
    }
    r.pass('plausibility.range');
  }
}

function hasObservedAt(entity: NormalizedEntity): boolean {
  for (const { attr } of instances(entity)) if (typeof attr.observedAt === 'string') return true;
  return false;
}

function checkTimeliness(
  r: ReportBuilder,
  entity: NormalizedEntity,
  type: string,
  now: Date,
  maxAgeMs: number,
  futureTolerance: number,
): void {
  const times: { path: (string | number)[]; value: string }[] = [];
  for (const { name, path, attr } of instances(entity)) {
    if (typeof attr.observedAt === 'string')
      times.push({ path: [...path, 'observedAt'], value: attr.observedAt });
    if (OBSERVATION_ATTRIBUTES.includes(name)) {
      const v = dateValue(attr.value);
      if (v !== undefined) times.push({ path: [...path, 'value'], value: v });
    }
  }
  if (times.length === 0) {
    if (/Observed$|Measurement$/.test(type))
      r.fail('timeliness.missing', 'warning', '$.dateObserved', {
        en: `An observation of type ${type} has no observation time (dateObserved or observedAt).`,
        sv: `En observation av typen ${type} saknar observationstid (dateObserved eller observedAt).`,
      });
    return;
  }
  const nowMs = now.getTime();
  // Attributes of one reading usually share one observation time: check each time once.
  const seen = new Set<string>();
  for (const t of times) {
    if (seen.has(t.value)) continue;
    seen.add(t.value);
    const ms = Date.parse(t.value);
    if (Number.isNaN(ms)) {
      r.fail('timeliness.missing', 'error', jsonPath(...t.path), {
        en: `"${t.value}" is not an ISO 8601 date-time.`,
        sv: `"${t.value}" är inte en datum-tid enligt ISO 8601.`,
      });
      continue;
    }
    if (ms > nowMs + futureTolerance) {
      r.fail('timeliness.future', 'error', jsonPath(...t.path), {
        en: `Observation time ${t.value} is in the future; check the sensor's clock and time zone.`,
        sv: `Observationstiden ${t.value} ligger i framtiden; kontrollera sensorns klocka och tidszon.`,
      });
      continue;
    }
    r.pass('timeliness.future');
    if (nowMs - ms > maxAgeMs) {
      r.fail('timeliness.max-age', 'warning', jsonPath(...t.path), {
        en: `Observation time ${t.value} is older than the accepted age of ${formatDuration(maxAgeMs)}.`,
        sv: `Observationstiden ${t.value} är äldre än godtagna ${formatDuration(maxAgeMs)}.`,
      });
    } else r.pass('timeliness.max-age');
  }
}

function checkIdentifiers(
  r: ReportBuilder,
  id: string | undefined,
  type: string | undefined,
): void {
  if (id === undefined) return;
  const parsed = parseEntityId(id);
  if (!parsed) {
    r.fail('identifiers.urn', 'warning', '$.id', {
      en: `Id "${id}" is not of the form urn:ngsi-ld:<Type>:<id>.`,
      sv: `Id "${id}" har inte formen urn:ngsi-ld:<Typ>:<id>.`,
    });
    return;
  }
  r.pass('identifiers.urn');
  if (type === undefined) return;
  if (parsed.type === type) r.pass('identifiers.type-match');
  else
    r.fail('identifiers.type-match', 'warning', '$.id', {
      en: `Id "${id}" names type "${parsed.type}" but the entity's type is "${type}".`,
      sv: `Id "${id}" anger typen "${parsed.type}" men entitetens typ är "${type}".`,
    });
}

function dateValue(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isRecord(v) && typeof v['@value'] === 'string') return v['@value'];
  return undefined;
}

/** Depth of nesting, counted without recursion so hostile input cannot overflow the stack. */
function nestingDepth(root: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > limit) return max;
    if (v !== null && typeof v === 'object') {
      for (const child of Object.values(v)) {
        if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
      }
    }
  }
  return max;
}

/** True for a plain, non-array object. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? 'a string' : `a ${typeof v}`;
}

function segment(p: PropertyKey): string | number {
  return typeof p === 'symbol' ? String(p) : p;
}

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Parses milliseconds or an ISO 8601 duration with days, hours, minutes and seconds.
 *
 * @throws {NgsiLdError} code `InvalidOptions` when the text is not such a duration.
 */
export function parseDuration(v: number | string): number {
  if (typeof v === 'number') return v;
  const m = DURATION.exec(v);
  if (!m || v === 'P' || v.endsWith('T')) {
    throw new NgsiLdError(
      'InvalidOptions',
      `maxAge "${v}" is not a duration: give milliseconds or ISO 8601 such as "PT1H" or "P7D".`,
    );
  }
  const [, d, h, min, s] = m;
  return (
    ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * 60_000 +
    Number(s ?? 0) * 1000
  );
}

function formatDuration(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

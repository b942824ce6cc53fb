import {
  detectRepresentation,
  NgsiLdError,
  type NormalizedEntity,
  parseEntityId,
  type Representation,
} from '@smartcitylab/ngsi-ld';
import type { BatchTracker } from './consistency.js';
import {
  checkAttributes,
  type Instance,
  instances,
  isEntityMember,
  isRecord,
  KEY_VALUES,
  ownKey,
} from './internal/attributes.js';
import { didYouMean, modelFacts, schemaFindings, segment } from './internal/schema-view.js';
import {
  checkStructure,
  isKeyValuesValue,
  isPlainPrototype,
  readKeyValues,
  referenceHints,
  structureHint,
  valueAt,
} from './internal/structure.js';
import { checkTimeliness, OBSERVATION_ATTRIBUTES, type ParsedDateTime } from './internal/time.js';
import { translateDetail, translateStructure } from './internal/translate.js';
import {
  checkLocation,
  describeGeometry,
  type LocationContext,
  locationContext,
  prepareLocation,
  type Region,
  SWEDEN,
} from './location.js';
import type { QualityModel } from './model.js';
import { type AttributeRange, rangeFor } from './plausibility.js';
import {
  jsonPath,
  type QualityReport,
  ReportBuilder,
  type RuleId,
  type Severity,
} from './report.js';

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
  /** Where locations must lie. Defaults to {@link SWEDEN}: Sweden's outline (loaded on first use) with a 2 km coastal margin. */
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
  /**
   * Checks one entity and returns its quality report. Never throws on bad data, class instances
   * and other non-JSON objects included; an exception thrown by the input's own getters or
   * proxy traps reaches the caller.
   */
  check(entity: unknown): QualityReport;
  /** Adds or replaces a model. */
  addModel(model: QualityModel): void;
  /** Whether a model for `type` is known. */
  hasModel(type: string): boolean;
  /**
   * Loads what the location rules load lazily (the region's outline, the country boxes for
   * swapped-coordinate detection). `check` works without it, testing only the region's box until
   * then; `validateEntity`, `validateBatch` and `validateStream` wait for it themselves.
   */
  ready(): Promise<void>;
}

/** Types whose entities describe no place of their own: no `location` is recommended. */
const NON_SPATIAL_TYPES = new Set([
  'DataQualityAssessment',
  'DeviceModel',
  'WasteContainerModel',
  'KeyPerformanceIndicator',
]);

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
  clock: () => Date = () => new Date(),
): TrackingValidator {
  const models = new Map<string, QualityModel>();
  for (const m of options.models ?? []) models.set(m.type, m);
  const maxAgeMs = parseDuration(options.maxAge ?? 7 * 24 * 3600 * 1000);
  const futureTolerance = options.futureTolerance ?? 5 * 60 * 1000;
  const location: LocationContext = locationContext(options.region ?? SWEDEN);
  const maxDepth = options.maxDepth ?? 64;
  const now = options.now ?? clock;
  const severityOf = (rule: RuleId, fallback: Severity): Severity | undefined => {
    const s = options.rules?.[rule];
    if (s?.enabled === false) return undefined;
    return s?.severity ?? fallback;
  };
  const locationRulesOn = (['location.region', 'location.swapped'] as const).some(
    (rule) => options.rules?.[rule]?.enabled !== false,
  );
  let preparing: Promise<void> | undefined;
  const timeCache = new Map<string, ParsedDateTime>();
  // The recommended attributes depend on the type (and its model) alone, save the observation
  // time, which depends on whether the entity carries readings: both lists are kept per type.
  const plans = new Map<string | undefined, RecommendedPlan>();
  const planFor = (type: string | undefined, model: QualityModel | undefined) => {
    let plan = plans.get(type);
    if (!plan) {
      plan = recommendedPlan(type, model, options.recommended);
      if (plans.size >= 1024) plans.clear();
      plans.set(type, plan);
    }
    return plan;
  };
  // A stream checked against a fixed clock formats the same instant for every entity.
  let lastClock = Number.NaN;
  let lastCheckedAt = '';

  const check = (input: unknown, index?: number): QualityReport => {
    const clock = now();
    const clockMs = clock.getTime();
    if (clockMs !== lastClock) {
      lastCheckedAt = clock.toISOString();
      lastClock = clockMs;
    }
    const r = new ReportBuilder(severityOf);
    const raw = isRecord(input) ? input : undefined;
    const entityId = typeof raw?.id === 'string' ? raw.id : undefined;
    const type = typeof raw?.type === 'string' ? raw.type : undefined;
    const meta = {
      entityId,
      type,
      representation: undefined as Representation | undefined,
      model: undefined as string | undefined,
      checkedAt: lastCheckedAt,
    };
    if (!raw) {
      r.fail('structure', 'error', '$', {
        en: `Expected an entity object, got ${describe(input)}.`,
        sv: `Förväntade ett entitetsobjekt, fick ${describeSv(input)}.`,
      });
      return r.build(meta);
    }
    const scan: EntityScan = { attributes: 0, plain: true };
    const depth = entityDepth(raw, maxDepth, scan);
    if (depth > maxDepth) {
      r.fail('structure', 'error', '$', {
        en: `Entity is nested deeper than ${maxDepth} levels; flatten it or raise maxDepth.`,
        sv: `Entiteten är nästlad djupare än ${maxDepth} nivåer; platta ut den eller höj maxDepth.`,
      });
      return r.build(meta);
    }
    // An entity whose every attribute is a plain value is keyValues (no attribute: normalized),
    // told by the depth walk; detectRepresentation reads the others. It throws on what is not
    // plain data (a class instance), which the structure check reports under either guess.
    const representation =
      options.representation ??
      (scan.plain
        ? scan.attributes > 0
          ? 'keyValues'
          : 'normalized'
        : isPlainPrototype(raw)
          ? detectRepresentation(raw)
          : 'normalized');
    meta.representation = representation;
    const keyValues = representation === 'keyValues';
    const model = type === undefined ? undefined : models.get(type);
    meta.model = model?.type;

    // 1. Structure: every problem is reported, then the well-formed rest is checked further.
    const hints = keyValues ? referenceHints(raw, model) : undefined;
    // keyValues the conversion accepts are read without building the normalized entity.
    const structure =
      (keyValues ? readKeyValues(raw, hints) : undefined) ??
      checkStructure(raw, representation, hints);
    let geometryReported: Set<string> | undefined;
    let routed = 0;
    const structureIssues = structure.issues;
    for (let i = 0; i < structureIssues.length && i < 50; i++) {
      const issue = structureIssues[i] as (typeof structureIssues)[number];
      if (issue.code === 'invalid_geometry') {
        // One finding per geometry, saying which problem it is, under the location rule.
        const head = String(issue.path[0]);
        geometryReported ??= new Set<string>();
        if (geometryReported.has(head)) {
          routed++;
          continue;
        }
        const base = keyValues ? [head] : [head, 'value'];
        const shape = describeGeometry(valueAt(raw, base));
        if (shape) {
          geometryReported.add(head);
          routed++;
          r.fail('location.geojson', 'error', jsonPath(...base, ...shape.at), {
            en: `Location is not a valid GeoJSON geometry: ${shape.en}.`,
            sv: `Platsen är ingen giltig GeoJSON-geometri: ${shape.sv}.`,
          });
          continue;
        }
      }
      const hint = structureHint(raw, issue, model);
      r.fail('structure', 'error', jsonPath(...issue.path.map(segment)), {
        en: `Not a valid ${representation} NGSI-LD entity: ${issue.message}.${hint?.en ?? ''}`,
        sv: `Inte en giltig NGSI-LD-entitet (${representationSv(representation)}): ${translateStructure(issue.code, issue.message)}.${hint?.sv ?? ''}`,
      });
    }
    if (structure.issues.length === routed) r.pass('structure');
    checkIdentifiers(r, entityId, type, structure.badId);
    const normalized = structure.normalized;
    if (!normalized) return r.build(meta);

    // 2. Completeness, against what was sent (a malformed attribute is there, just broken).
    if (!model) {
      r.fail('model.unknown', 'warning', '$.type', {
        en: `No Smart Data Model is known for type "${type}"; only generic checks ran.`,
        sv: `Ingen Smart Data Model är känd för typen "${type}"; bara generella kontroller kördes.`,
      });
    } else {
      for (const name of model.metadata.required) {
        if (name === 'id' || name === 'type') continue;
        if (Object.hasOwn(raw, name)) r.pass('completeness.required');
        else
          r.fail('completeness.required', 'error', jsonPath(name), {
            en: `Required attribute "${name}" of ${model.type} is missing.`,
            sv: `Obligatoriska attributet "${name}" för ${model.type} saknas.`,
          });
      }
    }
    const list = structure.instances ?? instances(normalized, keyValues ? KEY_VALUES : -1);
    // From readKeyValues every attribute sent is an attribute of the entity.
    const attributes = structure.instances === undefined ? normalized : raw;
    const plan = planFor(type, model);
    const recommended =
      plan.observed !== plan.plain && carriesReadings(plan.readingType, list)
        ? plan.observed
        : plan.plain;
    for (const name of recommended) {
      // observedAt on the attributes gives the observation time as well as dateObserved does.
      const present =
        Object.hasOwn(raw, name) ||
        (name === 'dateObserved' &&
          (hasObservedAt(list) ||
            OBSERVATION_ATTRIBUTES.some((a) => Object.hasOwn(attributes, a))));
      if (present) r.pass('completeness.recommended');
      else
        r.fail('completeness.recommended', 'warning', jsonPath(name), {
          en: `Recommended attribute "${name}" is missing.`,
          sv: `Rekommenderade attributet "${name}" saknas.`,
        });
    }

    // 3. Time, location and plausibility on every well-formed part.
    const time = checkTimeliness(
      r,
      raw,
      list,
      type ?? '',
      model ? modelFacts(model).dateTimes : NO_NAMES,
      clock,
      maxAgeMs,
      futureTolerance,
      timeCache,
    );
    checkLocation(r, normalized as Record<string, unknown>, location, keyValues);
    const position = firstPosition(normalized);
    checkAttributes(r, list, type ?? '', options.ranges, {
      month: time.observed === undefined ? undefined : new Date(time.observed).getUTCMonth(),
      lat: position?.[1],
      lon: position?.[0],
    });

    // 4. The model's schema, on the equivalence-aware view; one issue per problem.
    if (model) {
      const unknown: string[] = [];
      const findings = schemaFindings(model, normalized, raw, representation, unknown);
      let failed = 0;
      for (const f of findings) {
        const head = f.path[0];
        if (
          f.path.length === 1 &&
          typeof head === 'string' &&
          model.metadata.required.includes(head) &&
          !Object.hasOwn(raw, head)
        )
          continue; // reported once, as completeness.required
        if ((head === 'id' && structure.badId) || head === 'type') continue;
        // A structure finding already; looked up per finding, as most entities have none.
        if (typeof head === 'string' && structureIssues.some((i) => String(i.path[0]) === head))
          continue;
        const at = jsonPath(...f.path);
        // Timeliness findings name the same path as the input has it: a bad time is reported once.
        if (time.badPaths.has(at)) continue;
        if (failed++ >= 50) break;
        if (f.badValueType !== undefined) {
          r.fail('schema', 'error', at, {
            en: `A typed value's "@type" must be DateTime, Date or Time, got "${f.badValueType}"; write a plain value instead.`,
            sv: `"@type" för ett typat värde måste vara DateTime, Date eller Time, fick "${f.badValueType}"; skriv ett vanligt värde i stället.`,
          });
          continue;
        }
        const conv = f.converted
          ? {
              en: ` (after converting ${f.converted.original} ${f.converted.from} to ${f.converted.to})`,
              sv: ` (efter omräkning av ${f.converted.original} ${f.converted.from} till ${f.converted.to})`,
            }
          : { en: '', sv: '' };
        r.fail('schema', 'error', at, {
          en: `Does not match ${model.type}: ${f.detail}${conv.en}.`,
          sv: `Stämmer inte med ${model.type}: ${translateDetail(f.detail)}${conv.sv}.`,
        });
      }
      if (failed === 0) r.pass('schema');
      // From keyValues the schema step listed the names the model does not know.
      if (representation !== 'keyValues') {
        const known = modelFacts(model).attributes;
        for (const name in raw)
          if (ownKey(raw, name) && !isEntityMember(name) && !known.has(name)) unknown.push(name);
      }
      for (const name of unknown) {
        const suggestion = didYouMean(name, model, (n) => Object.hasOwn(raw, n));
        if (suggestion === undefined) continue;
        r.fail('schema.attribute-name', 'warning', jsonPath(name), {
          en: `"${name}" is not an attribute of ${model.type}; did you mean "${suggestion}"? Consumers that query "${suggestion}" will not find this value.`,
          sv: `"${name}" är inget attribut i ${model.type}; menade du "${suggestion}"? Den som frågar efter "${suggestion}" hittar inte värdet.`,
        });
      }
    }

    if (tracker && index !== undefined && entityId !== undefined)
      tracker.observe(index, raw, entityId, r);
    return r.build(meta);
  };

  return {
    check: (entity) => check(entity),
    checkAt: check,
    addModel: (m) => {
      models.set(m.type, m);
      plans.clear();
    },
    hasModel: (t) => models.has(t),
    ready: () => {
      if (!locationRulesOn) return Promise.resolve();
      preparing ??= prepareLocation(location);
      return preparing;
    },
  };
}

const NO_NAMES: ReadonlySet<string> = new Set();

/** The recommended attributes of one type: with the observation time, and without it. */
interface RecommendedPlan {
  /** When the entity carries readings (the same array as `plain` when that changes nothing). */
  readonly observed: readonly string[];
  readonly plain: readonly string[];
  /** Whether the type's name alone says that its entities carry readings. */
  readonly readingType: boolean;
}

function recommendedPlan(
  type: string | undefined,
  model: QualityModel | undefined,
  extra: Readonly<Record<string, readonly string[]>> | undefined,
): RecommendedPlan {
  const attributes = model?.metadata.attributes;
  const spatial = type === undefined || !NON_SPATIAL_TYPES.has(type);
  const location =
    spatial && (!attributes || attributes.some((a) => a.name === 'location')) ? ['location'] : [];
  // An observation time makes sense only for entities that carry readings.
  const observable = attributes?.some((a) => a.name === 'dateObserved') ?? false;
  const finish = (out: string[]): string[] => {
    if (type && extra && Object.hasOwn(extra, type)) {
      for (const a of extra[type] ?? []) if (!out.includes(a)) out.push(a);
    }
    return out.filter((a) => !(model?.metadata.required.includes(a) ?? false));
  };
  const plain = finish([...location]);
  return {
    plain,
    observed: observable ? finish([...location, 'dateObserved']) : plain,
    readingType: type !== undefined && /Observed$|Measurement$|Record$|Forecast$/.test(type),
  };
}

/** Attributes about a device's own state, not readings of the world. */
const STATUS_ATTRIBUTES = new Set(['batteryLevel', 'reliability', 'rssi']);

function carriesReadings(readingType: boolean, list: readonly Instance[]): boolean {
  if (readingType) return true;
  for (const { name } of list) {
    if (STATUS_ATTRIBUTES.has(name)) continue;
    if (name === 'value' || rangeFor('', name, undefined)) return true;
  }
  return hasObservedAt(list);
}

function hasObservedAt(list: readonly Instance[]): boolean {
  for (const { attr } of list) if (typeof attr.observedAt === 'string') return true;
  return false;
}

function checkIdentifiers(
  r: ReportBuilder,
  id: string | undefined,
  type: string | undefined,
  badId: boolean,
): void {
  // A non-URI id is already a structure finding: one issue per problem.
  if (id === undefined || badId) return;
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

/** The first position of the entity's location, for the seasonal band. */
function firstPosition(entity: NormalizedEntity): [number, number] | undefined {
  const loc = (entity as Record<string, unknown>).location;
  const attr = Array.isArray(loc) ? loc[0] : loc;
  let c: unknown = isRecord(attr) && isRecord(attr.value) ? attr.value.coordinates : undefined;
  for (let i = 0; i < 4 && Array.isArray(c) && Array.isArray(c[0]); i++) c = c[0];
  return Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number'
    ? (c as [number, number])
    : undefined;
}

function representationSv(r: Representation): string {
  return r === 'keyValues' ? 'keyValues' : r === 'concise' ? 'koncis' : 'normaliserad';
}

/** What {@link depthBelow} saw of an entity's attributes. */
interface EntityScan {
  /** How many attributes (members other than id, type, ...) the entity has. */
  attributes: number;
  /** Whether every attribute value is one keyValues holds (see isKeyValuesValue). */
  plain: boolean;
}

/**
 * Depth of nesting, up to just past `limit`: the recursion stops one level below the limit, so
 * hostile input cannot overflow the stack.
 */
function depthBelow(v: unknown, depth: number, limit: number): number {
  if (depth > limit) return depth;
  let max = depth;
  const next = depth + 1;
  // An array of plain values (a position, a list of readings) is one level deeper and no more:
  // told without a call, since geometries hold thousands of them.
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const child: unknown = v[i];
      if (typeof child !== 'object' || child === null) continue;
      const d = next <= limit && isFlatArray(child) ? next : depthBelow(child, next, limit);
      if (d > max) {
        max = d;
        if (max > limit) return max;
      }
    }
  } else if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const key in o) {
      const child = o[key];
      if (typeof child !== 'object' || child === null || !ownKey(o, key)) continue;
      const d = next <= limit && isFlatArray(child) ? next : depthBelow(child, next, limit);
      if (d > max) {
        max = d;
        if (max > limit) return max;
      }
    }
  }
  return max;
}

/**
 * {@link depthBelow} of an entity, which also counts its attributes and notes whether they are
 * all plain values (complete when within the limit). A loop of its own keeps the recursion lean.
 */
function entityDepth(raw: Record<string, unknown>, limit: number, scan: EntityScan): number {
  let max = 1;
  if (max > limit) return max;
  for (const key in raw) {
    const child = raw[key];
    if (!ownKey(raw, key)) continue;
    if (!isEntityMember(key)) {
      scan.attributes++;
      if (scan.plain && typeof child === 'object' && child !== null && !isKeyValuesValue(child))
        scan.plain = false;
    }
    if (typeof child === 'object' && child !== null) {
      max = Math.max(max, depthBelow(child, 2, limit));
      if (max > limit) return max;
    }
  }
  return max;
}

/** Whether `v` is an array holding no objects or arrays. */
function isFlatArray(v: object): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    if (typeof x === 'object' && x !== null) return false;
  }
  return true;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  return Array.isArray(v) ? 'an array' : `a ${typeof v}`;
}

function describeSv(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'en array';
  const names: Record<string, string> = {
    string: 'en textsträng',
    number: 'ett tal',
    boolean: 'ett sanningsvärde',
    undefined: 'ingenting',
  };
  return names[typeof v] ?? `ett värde av typen ${typeof v}`;
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

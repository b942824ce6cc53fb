/** Timeliness rules: every date-time has a zone and parses; observation times are recent and not in the future. */
import { jsonPath, type ReportBuilder } from '../report.js';
import { type Instance, instancePath, isRecord } from './attributes.js';

/** Attributes whose value is the time of the observation. */
export const OBSERVATION_ATTRIBUTES = [
  'dateObserved',
  'dateObservedTo',
  'observedAt',
  'timestamp',
  'dateLastValueReported',
];

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
/** `^\d{4}-\d{2}-\d{2}T\d`, tested without a regular expression on every string value. */
function looksDateTime(v: string): boolean {
  if (v.length < 12 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84)
    return false;
  for (const i of DATE_DIGITS) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
const DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11];

/** A parsed date-time, or why it is not one. */
export type ParsedDateTime = { ok: true; ms: number } | { ok: false; why: 'invalid' | 'zone' };
type Parsed = ParsedDateTime;

/** Parses an ISO 8601 date-time (or the end of an interval `start/end`), requiring a zone. */
export function parseDateTime(text: string): Parsed {
  const fast = fastUtc(text);
  return fast !== undefined ? { ok: true, ms: fast } : parseOther(text);
}

/** {@link parseDateTime} for text that is not in the common UTC form `fastUtc` reads. */
function parseOther(text: string): Parsed {
  const slash = text.indexOf('/');
  if (slash > 0) {
    const start = parseDateTime(text.slice(0, slash));
    if (!start.ok) return start;
    return parseDateTime(text.slice(slash + 1));
  }
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return { ok: false, why: 'invalid' };
  const [, , mo, d, h, mi, s] = m;
  if (
    Number(mo) < 1 ||
    Number(mo) > 12 ||
    Number(d) < 1 ||
    Number(d) > 31 ||
    Number(h) > 24 ||
    Number(mi) > 59 ||
    Number(s ?? 0) > 60
  )
    return { ok: false, why: 'invalid' };
  if (m[7] === undefined) return { ok: false, why: 'zone' };
  const ms = Date.parse(
    text
      .replace(' ', 'T')
      .replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
      .replace(/([+-]\d{2})$/, '$1:00'),
  );
  return Number.isNaN(ms) ? { ok: false, why: 'invalid' } : { ok: true, ms };
}

function digits(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * The instant of the common form `YYYY-MM-DDTHH:MM:SS[.fff]Z`, read without a regular expression
 * or `Date.parse`; undefined for anything else (an offset, a leap second, day 29 to 31, a year
 * before 1000), which the full parser handles. Gives what the full parser gives.
 */
function fastUtc(text: string): number | undefined {
  const n = text.length;
  if (n < 20 || n > 24 || text.charCodeAt(n - 1) !== 90 /* Z */) return undefined;
  if (
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  )
    return undefined;
  const y = digits(text, 0, 4);
  const mo = digits(text, 5, 2);
  const d = digits(text, 8, 2);
  const h = digits(text, 11, 2);
  const mi = digits(text, 14, 2);
  const sec = digits(text, 17, 2);
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > 28 || h < 0 || h > 23) return undefined;
  if (mi < 0 || mi > 59 || sec < 0 || sec > 59) return undefined;
  let ms = 0;
  if (n > 20) {
    // A fraction of one to three digits: ".5" is 500 ms.
    if (text.charCodeAt(19) !== 46 || n === 21) return undefined;
    const f = digits(text, 20, n - 21);
    if (f < 0) return undefined;
    ms = n === 22 ? f * 100 : n === 23 ? f * 10 : f;
  }
  // Days since 1970 of the proleptic Gregorian date (years from March, so leap days come last):
  // what Date.UTC gives for these ranges, without calling into the runtime.
  const yy = mo > 2 ? y : y - 1;
  const yoe = yy % 400;
  const doy = (((153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5) | 0) + d - 1;
  const days =
    ((yy - yoe) / 400) * 146097 + yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy - 719468;
  return ((days * 24 + h) * 60 + mi) * 60_000 + sec * 1000 + ms;
}

/** What the timeliness step found, for the rules that follow it. */
export interface TimeResult {
  /** JSONPaths where a date-time was reported as unparseable or zone-less. */
  readonly badPaths: ReadonlySet<string>;
  /** The latest valid observation time, in ms. */
  readonly observed: number | undefined;
}

/** Runs the timeliness rules on a normalized entity (and the raw entity's own temporal members). */
export function checkTimeliness(
  r: ReportBuilder,
  raw: Readonly<Record<string, unknown>>,
  list: readonly Instance[],
  type: string,
  dateTimeAttributes: ReadonlySet<string>,
  now: Date,
  maxAgeMs: number,
  futureTolerance: number,
  cache: Map<string, ParsedDateTime>,
): TimeResult {
  // Most entities have no bad time: the set is made on the first one. A holder, not a closure
  // made per entity (a closure per call also costs a name definition under tsx's keepNames).
  const bad: BadPaths = { set: undefined };

  // Named loads: a keyed load of a name the entity lacks is a slow lookup.
  const stamps = [raw.createdAt, raw.modifiedAt];
  for (let i = 0; i < 2; i++) {
    const key = i === 0 ? 'createdAt' : 'modifiedAt';
    const v = stamps[i];
    if (typeof v === 'string') {
      const p = parseCached(v, cache);
      if (reportBad(r, bad, [key], v, p, 'Time')) r.pass('timeliness.zone');
    }
  }

  let times: TimedPath[] | undefined;
  for (const inst of list) {
    const { name, attr } = inst;
    // The members one by one, by name: a loop over their names reads each through a keyed load.
    const observedAt = attr.observedAt;
    if (typeof observedAt === 'string')
      times = memberTime(r, bad, inst, 'observedAt', observedAt, cache, times);
    const createdAt = attr.createdAt;
    if (typeof createdAt === 'string')
      times = memberTime(r, bad, inst, 'createdAt', createdAt, cache, times);
    const modifiedAt = attr.modifiedAt;
    if (typeof modifiedAt === 'string')
      times = memberTime(r, bad, inst, 'modifiedAt', modifiedAt, cache, times);
    const value = attr.value;
    const v = dateValue(value);
    if (v === undefined) continue;
    const observation = isObservationAttribute(name);
    const typed = isRecord(value) && value['@type'] === 'DateTime';
    if (!observation && !typed && !dateTimeAttributes.has(name) && !looksDateTime(v)) continue;
    const valuePath = isRecord(value)
      ? instancePath(inst, 'value', '@value')
      : instancePath(inst, 'value');
    const p = parseCached(v, cache);
    if (!reportBad(r, bad, valuePath, v, p, observation ? 'Observation time' : 'Time')) continue;
    r.pass('timeliness.zone');
    if (observation && p.ok) {
      times ??= [];
      times.push({ path: valuePath, value: v, ms: p.ms });
    }
  }

  if (times === undefined) {
    if (
      bad.set === undefined &&
      /Observed$|Measurement$/.test(type) &&
      !OBSERVATION_ATTRIBUTES.some((a) => Object.hasOwn(raw, a))
    )
      r.fail('timeliness.missing', 'warning', '$.dateObserved', {
        en: `An observation of type ${type} has no observation time (dateObserved or observedAt).`,
        sv: `En observation av typen ${type} saknar observationstid (dateObserved eller observedAt).`,
      });
    return { badPaths: bad.set ?? NO_PATHS, observed: undefined };
  }
  const nowMs = now.getTime();
  // Attributes of one reading usually share one observation time: check each time once.
  const seen = new Set<string>();
  let observed: number | undefined;
  for (const t of times) {
    if (observed === undefined || t.ms > observed) observed = t.ms;
    if (seen.has(t.value)) continue;
    seen.add(t.value);
    if (t.ms > nowMs + futureTolerance) {
      r.fail('timeliness.future', 'error', jsonPath(...t.path), {
        en: `Observation time ${t.value} is in the future; check the sensor's clock and time zone.`,
        sv: `Observationstiden ${t.value} ligger i framtiden; kontrollera sensorns klocka och tidszon.`,
      });
      continue;
    }
    r.pass('timeliness.future');
    if (nowMs - t.ms > maxAgeMs) {
      r.fail('timeliness.max-age', 'warning', jsonPath(...t.path), {
        en: `Observation time ${t.value} is older than the accepted age of ${formatDuration(maxAgeMs)}.`,
        sv: `Observationstiden ${t.value} är äldre än godtagna ${formatDuration(maxAgeMs)}.`,
      });
    } else r.pass('timeliness.max-age');
  }
  return { badPaths: bad.set ?? NO_PATHS, observed };
}

const NO_PATHS: ReadonlySet<string> = new Set();

/** The paths of bad times found so far in one entity (the set is made on the first). */
interface BadPaths {
  set: Set<string> | undefined;
}

/** An observation time found on the way, with where it was found. */
interface TimedPath {
  readonly path: (string | number)[];
  readonly value: string;
  readonly ms: number;
}

/** Whether the attribute's value is the time of the observation (one of OBSERVATION_ATTRIBUTES). */
function isObservationAttribute(name: string): boolean {
  switch (name) {
    case 'dateObserved':
    case 'dateObservedTo':
    case 'observedAt':
    case 'timestamp':
    case 'dateLastValueReported':
      return true;
    default:
      return false;
  }
}

/** Checks one temporal member of an attribute; returns the observation times, with this one if it is one. */
function memberTime(
  r: ReportBuilder,
  bad: BadPaths,
  inst: Instance,
  member: 'observedAt' | 'createdAt' | 'modifiedAt',
  v: string,
  cache: Map<string, Parsed>,
  times: TimedPath[] | undefined,
): TimedPath[] | undefined {
  const p = parseCached(v, cache);
  const ok = reportBad(
    r,
    bad,
    instancePath(inst, member),
    v,
    p,
    member === 'observedAt' ? 'Observation time' : 'Time',
  );
  if (!ok) return times;
  r.pass('timeliness.zone');
  if (member === 'observedAt' && p.ok) {
    const out = times ?? [];
    out.push({ path: instancePath(inst, member), value: v, ms: p.ms });
    return out;
  }
  return times;
}

function parseCached(text: string, cache: Map<string, Parsed>): Parsed {
  // The common UTC form is read faster than it is looked up: only the others are cached.
  const fast = fastUtc(text);
  if (fast !== undefined) return { ok: true, ms: fast };
  let p = cache.get(text);
  if (!p) {
    p = parseOther(text);
    // Deliveries repeat the same times; a bounded cache keeps memory constant on streams.
    if (cache.size >= 4096) cache.clear();
    cache.set(text, p);
  }
  return p;
}

/** Reports a time that is not a valid zoned date-time; true when it is one. */
function reportBad(
  r: ReportBuilder,
  bad: BadPaths,
  path: (string | number)[],
  text: string,
  p: Parsed,
  what: 'Time' | 'Observation time',
): boolean {
  if (p.ok) return true;
  const at = jsonPath(...path);
  bad.set ??= new Set<string>();
  bad.set.add(at);
  const whatSv = what === 'Observation time' ? 'Observationstiden' : 'Tiden';
  if (p.why === 'zone')
    r.fail('timeliness.zone', 'error', at, {
      en: `${what} "${text}" has no time zone; add "Z" for UTC or an offset such as "+01:00", since local Swedish time is ambiguous twice a year.`,
      sv: `${whatSv} "${text}" saknar tidszon; lägg till "Z" för UTC eller en förskjutning som "+01:00", eftersom svensk lokal tid är tvetydig två gånger om året.`,
    });
  else
    r.fail('timeliness.invalid', 'error', at, {
      en: `${what} "${text}" is not an ISO 8601 date-time such as 2026-11-25T08:00:00Z.`,
      sv: `${whatSv} "${text}" är ingen datum-tid enligt ISO 8601, t.ex. 2026-11-25T08:00:00Z.`,
    });
  return false;
}

function dateValue(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isRecord(v) && typeof v['@value'] === 'string') return v['@value'];
  return undefined;
}

function formatDuration(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

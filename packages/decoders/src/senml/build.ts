import { senmlError } from './errors.js';
import { SENML_NAME } from './parse.js';
import type { ResolvedSenmlRecord, SenmlIssue, SenmlPack, SenmlRecord } from './types.js';

/**
 * Options of `buildSenml`. Each base field is computed from the records when not given.
 *
 * @example
 * ```ts
 * import type { BuildSenmlOptions } from '@smartcitylab/decoders/senml';
 * const options: BuildSenmlOptions = { baseName: 'urn:dev:ow:10e2073a01080063:', baseTime: new Date() };
 * ```
 */
export interface BuildSenmlOptions {
  /** Base name; default: the longest common name prefix ending in `/`, `:` or `.`. */
  baseName?: string;
  /** Base time as a Date or seconds since the epoch; default: the earliest record time. */
  baseTime?: Date | number;
  /** Base unit; default: the unit when every record has the same one. */
  baseUnit?: string;
}

const VALUE_FIELDS = ['v', 'vs', 'vb', 'vd'] as const;

function commonPrefix(names: readonly string[]): string {
  if (names.length === 0) return '';
  let prefix = names[0] as string;
  for (const name of names) {
    let i = 0;
    while (i < prefix.length && i < name.length && prefix[i] === name[i]) i++;
    prefix = prefix.slice(0, i);
  }
  // Cut back to a separator so the base name is a meaningful prefix, not half a word.
  const cut = Math.max(prefix.lastIndexOf('/'), prefix.lastIndexOf(':'), prefix.lastIndexOf('.'));
  return cut < 0 ? '' : prefix.slice(0, cut + 1);
}

function checkRecords(records: readonly ResolvedSenmlRecord[]): SenmlIssue[] {
  const issues: SenmlIssue[] = [];
  records.forEach((r, i) => {
    if (typeof r !== 'object' || r === null) {
      issues.push({
        path: [i],
        message: 'must be a resolved record object',
        code: 'InvalidRecord',
      });
      return;
    }
    if (typeof r.n !== 'string' || !SENML_NAME.test(r.n)) {
      issues.push({
        path: [i, 'n'],
        message:
          'must be a full name starting with a letter or digit, using only A-Z a-z 0-9 - : . / _',
        code: 'InvalidName',
      });
    }
    if (typeof r.t !== 'number' || !Number.isFinite(r.t)) {
      issues.push({
        path: [i, 't'],
        message: 'must be a finite number of seconds',
        code: 'InvalidField',
      });
    }
    const values = VALUE_FIELDS.filter((f) => r[f] !== undefined);
    if (values.length > 1 || (values.length === 0 && r.s === undefined)) {
      issues.push({
        path: [i],
        message: 'must carry exactly one of v, vs, vb, vd, or a sum s',
        code: values.length > 1 ? 'MultipleValues' : 'MissingValue',
      });
    }
  });
  return issues;
}

/**
 * Builds a compact SenML pack from resolved records, factoring common base fields
 * (name, time, unit, version) into the first record. `resolveSenml(buildSenml(rs))`
 * gives back `rs` for records with absolute times.
 *
 * @example
 * ```ts
 * import { buildSenml } from '@smartcitylab/decoders/senml';
 * buildSenml([
 *   { n: 'urn:dev:ow:10e2073a01080063:temp', u: 'Cel', v: 23.5, t: 1320067464 },
 *   { n: 'urn:dev:ow:10e2073a01080063:temp', u: 'Cel', v: 23.6, t: 1320067524 },
 * ]);
 * // [{ bn: 'urn:dev:ow:10e2073a01080063:', bt: 1320067464, bu: 'Cel', n: 'temp', v: 23.5 },
 * //  { n: 'temp', t: 60, v: 23.6 }]
 * ```
 * @throws {SenmlError} when a record is malformed or a name does not start with `baseName`.
 */
export function buildSenml(
  records: readonly ResolvedSenmlRecord[],
  options: BuildSenmlOptions = {},
): SenmlPack {
  const issues = checkRecords(records);
  if (issues.length > 0) throw senmlError('cannot build SenML', issues);
  if (records.length === 0) return [];

  const baseName = options.baseName ?? commonPrefix(records.map((r) => r.n));
  records.forEach((r, i) => {
    if (!r.n.startsWith(baseName)) {
      issues.push({
        path: [i, 'n'],
        message: `"${r.n.slice(0, 60)}" does not start with the base name "${baseName.slice(0, 60)}"`,
        code: 'InvalidName',
      });
    }
  });
  const versions = new Set(records.map((r) => r.bver ?? 10));
  if (versions.size > 1) {
    issues.push({
      path: [],
      message: 'records have different SenML versions (bver)',
      code: 'MixedVersions',
    });
  }
  if (issues.length > 0) throw senmlError('cannot build SenML', issues);

  const bt =
    options.baseTime instanceof Date
      ? options.baseTime.getTime() / 1000
      : (options.baseTime ??
        records.reduce((min, r) => Math.min(min, r.t), Number.POSITIVE_INFINITY));
  const units = new Set(records.map((r) => r.u));
  const bu = options.baseUnit ?? (units.size === 1 ? [...units][0] : undefined);
  const bver = records[0]?.bver;

  let currentBt = bt;
  return records.map((r, i) => {
    const out: SenmlRecord = {};
    if (i === 0) {
      if (baseName !== '') out.bn = baseName;
      if (bt !== 0) out.bt = bt;
      if (bu !== undefined) out.bu = bu;
      if (bver !== undefined && bver !== 10) out.bver = bver;
    }
    const n = r.n.slice(baseName.length);
    if (n !== '') out.n = n;
    if (r.u !== undefined && r.u !== bu) out.u = r.u;
    if (r.u === undefined && bu !== undefined) {
      // A record without a unit cannot opt out of a base unit; see baseUnit.
      throw senmlError('cannot build SenML', [
        {
          path: [i, 'u'],
          message: `has no unit but the base unit is "${bu}"`,
          code: 'InvalidField',
        },
      ]);
    }
    const t = r.t - currentBt;
    if (currentBt + t === r.t) {
      if (t !== 0) out.t = t;
    } else {
      // Floating-point subtraction lost precision: restate the base time exactly here.
      out.bt = r.t;
      currentBt = r.t;
    }
    if (r.v !== undefined) out.v = r.v;
    if (r.vs !== undefined) out.vs = r.vs;
    if (r.vb !== undefined) out.vb = r.vb;
    if (r.vd !== undefined) out.vd = r.vd;
    if (r.s !== undefined) out.s = r.s;
    if (r.ut !== undefined) out.ut = r.ut;
    return out;
  });
}

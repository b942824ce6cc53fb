import { senmlError } from './errors.js';
import type { SenmlIssue, SenmlPack, SenmlRecord, SenmlValidationResult } from './types.js';

const STRING_FIELDS = ['bn', 'bu', 'n', 'u', 'vs', 'vd'] as const;
const NUMBER_FIELDS = ['bt', 'bv', 'bs', 'v', 's', 't', 'ut'] as const;
const VALUE_FIELDS = ['v', 'vs', 'vb', 'vd'] as const;
const MAX_TEXT = 10_000_000;

/** RFC 8428 §4.5.1: the resolved name's character set. */
export const SENML_NAME = /^[A-Za-z0-9][A-Za-z0-9\-:./_]*$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * The SenML version this library implements (RFC 8428); records with a higher `bver` are rejected.
 *
 * @example
 * ```ts
 * import { SENML_VERSION } from '@smartcitylab/decoders/senml';
 * SENML_VERSION; // 10
 * ```
 */
export const SENML_VERSION = 10;

function parseText(text: string, issues: SenmlIssue[]): unknown {
  if (text.length > MAX_TEXT) {
    issues.push({
      path: [],
      message: `text is ${text.length} characters, more than ${MAX_TEXT}`,
      code: 'TooLarge',
    });
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    issues.push({ path: [], message: 'is not valid JSON', code: 'InvalidJson' });
    return undefined;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `string "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function readRecord(raw: unknown, i: number, issues: SenmlIssue[]): SenmlRecord | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    issues.push({
      path: [i],
      message: `must be an object, got ${describe(raw)}`,
      code: 'InvalidRecord',
    });
    return undefined;
  }
  const obj = raw as Record<string, unknown>;
  // Only known labels are copied into a fresh object, so `__proto__` or
  // `constructor` keys in the input can never reach a prototype.
  const rec: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if ((STRING_FIELDS as readonly string[]).includes(key)) {
      if (typeof value === 'string') rec[key] = value;
      else
        issues.push({
          path: [i, key],
          message: `must be a string, got ${describe(value)}`,
          code: 'InvalidField',
        });
    } else if ((NUMBER_FIELDS as readonly string[]).includes(key)) {
      if (typeof value === 'number' && Number.isFinite(value)) rec[key] = value;
      else
        issues.push({
          path: [i, key],
          message: `must be a finite number, got ${describe(value)}`,
          code: 'InvalidField',
        });
    } else if (key === 'vb') {
      if (typeof value === 'boolean') rec[key] = value;
      else
        issues.push({
          path: [i, key],
          message: `must be a boolean, got ${describe(value)}`,
          code: 'InvalidField',
        });
    } else if (key === 'bver') {
      if (typeof value === 'number' && Number.isInteger(value) && value > 0) rec[key] = value;
      else
        issues.push({
          path: [i, key],
          message: `must be a positive integer, got ${describe(value)}`,
          code: 'InvalidField',
        });
    } else if (key.endsWith('_')) {
      // RFC 8428 §4.4: a label ending in "_" must be understood or the pack rejected.
      issues.push({
        path: [i, key],
        message: `"${key.slice(0, 40)}" is a must-understand extension this parser does not support`,
        code: 'UnsupportedMustUnderstand',
      });
    }
    // Other unknown labels are extensions that RFC 8428 §4.4 says to ignore.
  }
  return rec as SenmlRecord;
}

function checkSemantics(pack: readonly SenmlRecord[], issues: SenmlIssue[]): void {
  let bn = '';
  for (let i = 0; i < pack.length; i++) {
    const r = pack[i] as SenmlRecord;
    if (r.bn !== undefined) bn = r.bn;
    const name = bn + (r.n ?? '');
    if (name === '') {
      issues.push({
        path: [i, 'n'],
        message: 'has no name: needs n or a base name bn',
        code: 'InvalidName',
      });
    } else if (!SENML_NAME.test(name)) {
      issues.push({
        path: [i, 'n'],
        message: `resolved name "${name.slice(0, 60)}" must start with a letter or digit and use only A-Z a-z 0-9 - : . / _`,
        code: 'InvalidName',
      });
    }
    const values = VALUE_FIELDS.filter((f) => r[f] !== undefined);
    if (values.length > 1) {
      issues.push({
        path: [i],
        message: `has ${values.join(', ')}: a record carries exactly one of v, vs, vb, vd`,
        code: 'MultipleValues',
      });
    } else if (values.length === 0 && r.s === undefined) {
      issues.push({
        path: [i],
        message: 'has no value: needs one of v, vs, vb, vd or a sum s',
        code: 'MissingValue',
      });
    }
    if (r.vd !== undefined && !BASE64URL.test(r.vd)) {
      issues.push({
        path: [i, 'vd'],
        message: 'must be base64url without padding',
        code: 'InvalidField',
      });
    }
    if (r.ut !== undefined && r.ut < 0) {
      issues.push({
        path: [i, 'ut'],
        message: `must not be negative, got ${r.ut}`,
        code: 'InvalidField',
      });
    }
    if (r.bver !== undefined && r.bver > SENML_VERSION) {
      issues.push({
        path: [i, 'bver'],
        message: `version ${r.bver} is newer than the supported ${SENML_VERSION}`,
        code: 'UnsupportedVersion',
      });
    }
  }
}

/**
 * Validates SenML JSON (text or parsed) against RFC 8428 and returns the typed pack
 * or every issue with its path. Never throws.
 *
 * @example
 * ```ts
 * import { validateSenml } from '@smartcitylab/decoders/senml';
 * const r = validateSenml('[{"bn":"dev1/","n":"temp","u":"Cel","v":21.5}]');
 * if (!r.success) console.error(r.issues);
 * ```
 */
export function validateSenml(json: unknown): SenmlValidationResult {
  const issues: SenmlIssue[] = [];
  const value = typeof json === 'string' ? parseText(json, issues) : json;
  if (issues.length > 0) return { success: false, issues };
  if (!Array.isArray(value)) {
    return {
      success: false,
      issues: [
        {
          path: [],
          message: `must be a JSON array of records, got ${describe(value)}`,
          code: 'InvalidPack',
        },
      ],
    };
  }
  const pack: SenmlRecord[] = [];
  value.forEach((raw, i) => {
    const rec = readRecord(raw, i, issues);
    if (rec !== undefined) pack.push(rec);
  });
  if (issues.length === 0) checkSemantics(pack, issues);
  return issues.length === 0 ? { success: true, data: pack } : { success: false, issues };
}

/**
 * Parses SenML JSON (text or an already parsed array) into a typed pack.
 *
 * @example
 * ```ts
 * import { parseSenml } from '@smartcitylab/decoders/senml';
 * const pack = parseSenml([{ bn: 'urn:dev:ow:10e2073a01080063:', n: 'temp', u: 'Cel', v: 23.1 }]);
 * ```
 * @throws {SenmlError} with every issue when the input is not valid SenML.
 */
export function parseSenml(json: unknown): SenmlPack {
  const r = validateSenml(json);
  if (!r.success) throw senmlError('invalid SenML pack', r.issues);
  return r.data;
}

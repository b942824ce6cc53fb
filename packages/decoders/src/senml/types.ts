/**
 * SenML (RFC 8428) JSON types: records as sent (with base fields) and records
 * after resolution (absolute names and times, no base fields).
 */

/**
 * One SenML record in JSON form, base fields included. Labels follow RFC 8428
 * §4.1: `bn` base name, `bt` base time, `bu` base unit, `bv` base value, `bs` base
 * sum, `bver` version; `n` name, `u` unit, `v` number, `vs` string, `vb` boolean,
 * `vd` data (base64url), `s` sum, `t` time, `ut` update time.
 *
 * @example
 * ```ts
 * import type { SenmlRecord } from '@smartcitylab/decoders/senml';
 * const r: SenmlRecord = { bn: 'urn:dev:ow:10e2073a01080063:', n: 'temp', u: 'Cel', v: 23.1 };
 * ```
 */
export interface SenmlRecord {
  bn?: string;
  bt?: number;
  bu?: string;
  bv?: number;
  bs?: number;
  bver?: number;
  n?: string;
  u?: string;
  v?: number;
  vs?: string;
  vb?: boolean;
  vd?: string;
  s?: number;
  t?: number;
  ut?: number;
}

/**
 * A SenML pack: an ordered list of records.
 *
 * @example
 * ```ts
 * import type { SenmlPack } from '@smartcitylab/decoders/senml';
 * const pack: SenmlPack = [{ bn: 'dev1/', bt: 1.276020076e9, n: 'temp', u: 'Cel', v: 23.5 }];
 * ```
 */
export type SenmlPack = SenmlRecord[];

/**
 * A resolved SenML record (RFC 8428 §4.6): full name, absolute time in seconds
 * since the Unix epoch, base value/sum/unit applied, no base fields. `bver` is
 * kept only when it is not the default 10.
 *
 * @example
 * ```ts
 * import type { ResolvedSenmlRecord } from '@smartcitylab/decoders/senml';
 * const r: ResolvedSenmlRecord = { n: 'urn:dev:ow:10e2073a01080063:temp', u: 'Cel', v: 23.1, t: 1.320067464e9 };
 * ```
 */
export interface ResolvedSenmlRecord {
  n: string;
  t: number;
  u?: string;
  v?: number;
  vs?: string;
  vb?: boolean;
  vd?: string;
  s?: number;
  ut?: number;
  bver?: number;
}

/**
 * One problem found by `validateSenml`, with its JSON path (`[2, 'v']`).
 *
 * @example
 * ```ts
 * import type { SenmlIssue } from '@smartcitylab/decoders/senml';
 * const issue: SenmlIssue = { path: [0, 'v'], message: 'must be a finite number', code: 'InvalidField' };
 * ```
 */
export interface SenmlIssue {
  path: (string | number)[];
  message: string;
  code?: string;
}

/**
 * Result of `validateSenml`: the typed pack, or the issues.
 *
 * @example
 * ```ts
 * import type { SenmlValidationResult } from '@smartcitylab/decoders/senml';
 * const r: SenmlValidationResult = { success: false, issues: [{ path: [], message: 'must be an array' }] };
 * ```
 */
export type SenmlValidationResult =
  | { success: true; data: SenmlPack }
  | { success: false; issues: SenmlIssue[] };

import { parseSenml, SENML_VERSION } from './parse.js';
import type { ResolvedSenmlRecord, SenmlPack } from './types.js';

/**
 * RFC 8428 §4.5.3: resolved times below 2^28 seconds are relative to "now".
 *
 * @example
 * ```ts
 * import { SENML_RELATIVE_TIME_LIMIT } from '@smartcitylab/decoders/senml';
 * SENML_RELATIVE_TIME_LIMIT; // 268435456
 * ```
 */
export const SENML_RELATIVE_TIME_LIMIT = 2 ** 28;

/**
 * Options of `resolveSenml`.
 *
 * @example
 * ```ts
 * import type { ResolveSenmlOptions } from '@smartcitylab/decoders/senml';
 * const options: ResolveSenmlOptions = { now: new Date('2024-07-03T09:46:40Z') };
 * ```
 */
export interface ResolveSenmlOptions {
  /** The "now" that relative times count from: a Date or seconds since the epoch. Default: the current time. */
  now?: Date | number;
}

function nowSeconds(now: Date | number | undefined): number {
  if (typeof now === 'number' && Number.isFinite(now)) return now;
  if (now instanceof Date && Number.isFinite(now.getTime())) return now.getTime() / 1000;
  return Date.now() / 1000;
}

/**
 * Resolves a SenML pack (RFC 8428 §4.6): applies base name, time, unit, value,
 * sum and version to every record, turns relative times into absolute seconds since
 * the epoch, and drops the base fields.
 *
 * @example
 * ```ts
 * import { resolveSenml } from '@smartcitylab/decoders/senml';
 * resolveSenml([
 *   { bn: 'urn:dev:ow:10e2073a01080063:', bt: 1.320067464e9, bu: 'Cel', n: 'temp', v: 23.5 },
 *   { n: 'temp', t: 60, v: 23.6 },
 * ]);
 * // [{ n: 'urn:dev:ow:10e2073a01080063:temp', u: 'Cel', v: 23.5, t: 1320067464 },
 * //  { n: 'urn:dev:ow:10e2073a01080063:temp', u: 'Cel', v: 23.6, t: 1320067524 }]
 * ```
 * @throws {SenmlError} when the input is not valid SenML.
 */
export function resolveSenml(
  pack: SenmlPack | unknown,
  options: ResolveSenmlOptions = {},
): ResolvedSenmlRecord[] {
  const records = parseSenml(pack);
  const now = nowSeconds(options.now);
  let bn = '';
  let bt = 0;
  let bu: string | undefined;
  let bv = 0;
  let bs = 0;
  let bver = SENML_VERSION;
  return records.map((r) => {
    if (r.bn !== undefined) bn = r.bn;
    if (r.bt !== undefined) bt = r.bt;
    if (r.bu !== undefined) bu = r.bu;
    if (r.bv !== undefined) bv = r.bv;
    if (r.bs !== undefined) bs = r.bs;
    if (r.bver !== undefined) bver = r.bver;
    let t = bt + (r.t ?? 0);
    if (t < SENML_RELATIVE_TIME_LIMIT) t += now;
    const out: ResolvedSenmlRecord = { n: bn + (r.n ?? ''), t };
    const u = r.u ?? bu;
    if (u !== undefined) out.u = u;
    if (r.v !== undefined) out.v = bv + r.v;
    if (r.vs !== undefined) out.vs = r.vs;
    if (r.vb !== undefined) out.vb = r.vb;
    if (r.vd !== undefined) out.vd = r.vd;
    if (r.s !== undefined) out.s = bs + r.s;
    if (r.ut !== undefined) out.ut = r.ut;
    if (bver !== SENML_VERSION) out.bver = bver;
    return out;
  });
}

/** `runConformance`: runs profiles against an endpoint and returns the conformance statement. */
import { randomBytes } from 'node:crypto';
import type { AuditSettings } from './audit.js';
import { AuthHeaders, type ConformanceAuth, secretsOf } from './auth.js';
import { ConformanceError } from './errors.js';
import { VERSION } from './generated/version.js';
import type { CheckContext } from './internal/context.js';
import { Probe, ProbeFailure } from './internal/http.js';
import { Ledger } from './internal/ledger.js';
import { CheckFailed, CheckNotApplicable, CheckSkipped } from './internal/outcome.js';
import { RateLimiter } from './internal/rate-limit.js';
import { NotificationReceiver } from './internal/receiver.js';
import { preflight } from './preflight.js';
import { getProfile, implementations, isProfileName, MIM1_PROFILES } from './profiles.js';
import type {
  CheckDefinition,
  CheckResult,
  ConformanceReport,
  Evidence,
  Leftover,
  ProfileName,
} from './types.js';

/** Options of {@link runConformance}. */
export interface ConformanceOptions {
  /** The broker root, e.g. `https://broker.example.se` (the API is under `/ngsi-ld/v1`). */
  readonly endpoint: string;
  /** Profiles to run (default: every `mim1-*` profile, plus `mim2-data` when `types` is given). */
  readonly profiles?: readonly ProfileName[];
  /** Allow checks that create, change and delete data (default false: GET requests only). */
  readonly allowWrite?: boolean;
  /** `NGSILD-Tenant` for every request. */
  readonly tenant?: string;
  /** Credentials (see `authFromEnv`). */
  readonly auth?: ConformanceAuth;
  /** Requests per second at most (default 10; 0 = no limit). */
  readonly rps?: number;
  /** Per-request timeout in ms (default 10 000). */
  readonly timeoutMs?: number;
  /** Largest answer body read, in bytes; longer answers are cut and fail their check (default 5 MiB). */
  readonly maxResponseBytes?: number;
  /** Public URL the broker should notify, forwarding to the kit's receiver (for a remote broker). */
  readonly notifyUrl?: string;
  /** Port of the kit's receiver on 127.0.0.1 (default: a free port). */
  readonly receiverPort?: number;
  /** How long to wait for a notification (default 5 000 ms). */
  readonly notificationWaitMs?: number;
  /** The data audit (`mim2-data`): types, sample size and clock. */
  readonly audit?: AuditSettings;
  /** Least share (percent) of schema-valid entities per type for `data.schema-valid` (default 100). */
  readonly minValidPercent?: number;
  /** Least mean quality score per type for `data.quality-score` (default 0.8). */
  readonly minScore?: number;
  /** Aborts the run; what was created is still deleted. */
  readonly signal?: AbortSignal;
  /** Called after each check, for progress displays. */
  readonly onCheck?: (result: CheckResult, done: number, total: number) => void;
  /** Run id (letters and digits; default: random). */
  readonly runId?: string;
}

const MAX_EVIDENCE = 6;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function apiRootOf(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ConformanceError(
      'InvalidOptions',
      `"${endpoint}" is not a URL; give the broker root, e.g. https://broker.example.se`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConformanceError(
      'InvalidOptions',
      `"${endpoint}" must start with http:// or https://`,
    );
  if (url.username || url.password)
    throw new ConformanceError(
      'InvalidOptions',
      'put credentials in SMARTCITY_TOKEN or SMARTCITY_API_KEY, not in the URL',
    );
  const base = `${url.origin}${url.pathname}`.replace(/\/+$/, '').replace(/\/ngsi-ld\/v1$/, '');
  return `${base}/ngsi-ld/v1`;
}

function profilesOf(options: ConformanceOptions): ProfileName[] {
  const list = options.profiles ?? [
    ...MIM1_PROFILES,
    ...(options.audit?.types.length ? (['mim2-data'] as const) : []),
  ];
  for (const p of list)
    if (!isProfileName(p)) throw new ConformanceError('InvalidOptions', `unknown profile "${p}"`);
  return [...new Set(list)];
}

/**
 * Runs the chosen profiles against a live NGSI-LD endpoint and returns the implementation
 * conformance statement. Read-only unless `allowWrite`; everything written is deleted at the end,
 * also when a check fails or `signal` aborts. Problems of the endpoint end up in the report
 * (outcome `error` when nothing could run), never as an exception.
 *
 * @example
 * ```ts
 * import { runConformance } from '@smartcitylab/conformance';
 * const report = await runConformance({ endpoint: 'http://localhost:1026', allowWrite: true });
 * console.log(report.outcome, report.summary);
 * ```
 * @throws ConformanceError (code `InvalidOptions`) for a bad URL, profile name or run id.
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const apiRoot = apiRootOf(options.endpoint);
  const profiles = profilesOf(options);
  const runId = options.runId ?? randomBytes(5).toString('hex');
  if (!/^[A-Za-z0-9]{1,32}$/.test(runId))
    throw new ConformanceError(
      'InvalidOptions',
      `the run id "${runId}" must be 1 to 32 letters or digits`,
    );
  const startedAt = new Date().toISOString();
  const allowWrite = options.allowWrite === true;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const auth = new AuthHeaders(options.auth, timeoutMs);
  const settings = {
    apiRoot,
    allowWrite,
    tenant: options.tenant,
    timeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? 5 * 1024 * 1024,
    limiter: new RateLimiter(options.rps ?? 10),
    auth,
    secrets: secretsOf(options.auth),
    signal: options.signal,
  };
  const probe = new Probe(settings);
  const ledger = new Ledger();
  const receiver = new NotificationReceiver();
  const base = {
    reportVersion: 1 as const,
    tool: { name: '@smartcitylab/conformance' as const, version: VERSION },
    endpoint: probe.redact(apiRoot.replace(/\/ngsi-ld\/v1$/, '')),
    ...(options.tenant ? { tenant: options.tenant } : {}),
    mode: allowWrite ? ('write' as const) : ('read-only' as const),
    runId,
    startedAt,
    profiles: profiles.map((name) => ({ $id: getProfile(name).$id, name })),
  };
  const results: CheckResult[] = [];
  let leftovers: Leftover[] = [];
  let error: string | undefined;
  let ctx: CheckContext | undefined;
  try {
    const pre = await preflight(probe, `ConformanceProbe${runId}`);
    if (pre) error = pre;
    else {
      ctx = {
        probe,
        ledger,
        runId,
        idPrefix: `urn:ngsi-ld:ConformanceProbe:${runId}`,
        probeType: `ConformanceProbe${runId}`,
        allowWrite,
        notificationWaitMs: options.notificationWaitMs ?? 5000,
        notifications: await notificationsFor(options, apiRoot, receiver, profiles),
        audit: options.audit
          ? {
              settings: options.audit,
              minValidPercent: options.minValidPercent ?? 100,
              minScore: options.minScore ?? 0.8,
            }
          : undefined,
        memo: new Map(),
      };
      await runChecks(ctx, profiles, results, options);
      if (options.signal?.aborted) error = 'the run was interrupted; what it created was deleted';
    }
  } catch (e) {
    error =
      e instanceof ConformanceError
        ? e.message
        : `the run stopped: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    const cleaner = new Probe({ ...settings, allowWrite: true, signal: undefined });
    leftovers = await ledger
      .cleanup(cleaner)
      .catch((e: unknown) => [
        { kind: 'entity' as const, id: '(all)', reason: `cleanup failed: ${String(e)}` },
      ]);
    await receiver.close();
  }
  const summary = {
    pass: results.filter((r) => r.status === 'pass').length,
    fail: results.filter((r) => r.status === 'fail').length,
    skipped: results.filter((r) => r.status === 'skipped').length,
    notApplicable: results.filter((r) => r.status === 'not-applicable').length,
    mustFailed: results.filter((r) => r.status === 'fail' && r.level === 'must').length,
  };
  const audit = ctx?.audit?.results;
  return {
    ...base,
    endedAt: new Date().toISOString(),
    outcome: error !== undefined ? 'error' : summary.mustFailed > 0 ? 'fail' : 'pass',
    ...(error !== undefined ? { error: probe.redact(error) } : {}),
    summary,
    checks: results,
    ...(audit ? { audit } : {}),
    leftovers,
  };
}

async function notificationsFor(
  options: ConformanceOptions,
  apiRoot: string,
  receiver: NotificationReceiver,
  profiles: readonly ProfileName[],
): Promise<CheckContext['notifications']> {
  if (!profiles.includes('mim1-subscriptions') || options.allowWrite !== true)
    return { unavailable: 'needs --allow-write (the run is read-only)' };
  const host = new URL(apiRoot).hostname;
  if (!options.notifyUrl && !LOOPBACK.has(host)) {
    return {
      unavailable: `the broker at ${host} cannot reach a receiver on this machine; give --notify-url with a public URL that forwards to the kit's receiver`,
    };
  }
  try {
    await receiver.start(options.receiverPort ?? 0);
  } catch (e) {
    return {
      unavailable: `the notification receiver could not listen: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  return { receiver, url: (options.notifyUrl ?? receiver.url).replace(/\/+$/, '') };
}

async function runChecks(
  ctx: CheckContext,
  profiles: readonly ProfileName[],
  results: CheckResult[],
  options: ConformanceOptions,
): Promise<void> {
  const impls = implementations();
  const planned = profiles.flatMap((name) => getProfile(name).checks.map((def) => ({ name, def })));
  for (const { name, def } of planned) {
    const result = await runOne(ctx, name, def, impls[def.id], options.signal);
    results.push(result);
    options.onCheck?.(result, results.length, planned.length);
  }
}

async function runOne(
  ctx: CheckContext,
  profile: ProfileName,
  def: CheckDefinition,
  impl: ((ctx: CheckContext) => Promise<void>) | undefined,
  signal: AbortSignal | undefined,
): Promise<CheckResult> {
  const evidence: Evidence[] = [];
  const started = Date.now();
  const done = (status: CheckResult['status'], reason?: string): CheckResult => ({
    id: def.id,
    profile,
    title: def.title,
    clause: def.clause,
    level: def.level,
    status,
    ...(reason !== undefined ? { reason: ctx.probe.redact(reason) } : {}),
    durationMs: Date.now() - started,
    evidence: evidence.slice(0, MAX_EVIDENCE),
  });
  if (signal?.aborted) return done('skipped', 'the run was interrupted');
  if (def.write && !ctx.allowWrite)
    return done('skipped', 'needs --allow-write (the run is read-only)');
  if (!impl) return done('fail', `no implementation for ${def.id} (a bug in the kit)`);
  ctx.probe.record(evidence);
  try {
    await impl(ctx);
    return done('pass');
  } catch (e) {
    if (e instanceof CheckFailed) return done('fail', e.message);
    if (e instanceof CheckSkipped) return done('skipped', e.message);
    if (e instanceof CheckNotApplicable) return done('not-applicable', e.message);
    if (e instanceof ProbeFailure) {
      if (e.kind === 'aborted') return done('skipped', 'the run was interrupted');
      return done('fail', `${e.requestLine}: ${e.message}`);
    }
    return done('fail', `unexpected error: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    ctx.probe.record(undefined);
  }
}

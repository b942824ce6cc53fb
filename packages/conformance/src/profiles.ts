/** The shipped profiles (JSON data files in `profiles/`) and their check implementations. */
import mim1Batch from '../profiles/mim1-batch.json' with { type: 'json' };
import mim1Core from '../profiles/mim1-core.json' with { type: 'json' };
import mim1Query from '../profiles/mim1-query.json' with { type: 'json' };
import mim1Subscriptions from '../profiles/mim1-subscriptions.json' with { type: 'json' };
import mim1Temporal from '../profiles/mim1-temporal.json' with { type: 'json' };
import mim1Tenancy from '../profiles/mim1-tenancy.json' with { type: 'json' };
import mim2Data from '../profiles/mim2-data.json' with { type: 'json' };
import { batchChecks } from './checks/batch.js';
import { coreChecks } from './checks/core.js';
import { dataChecks } from './checks/data.js';
import { queryChecks } from './checks/query.js';
import type { CheckFn } from './checks/registry.js';
import { subscriptionChecks } from './checks/subscriptions.js';
import { temporalChecks } from './checks/temporal.js';
import { tenancyChecks } from './checks/tenancy.js';
import type { ProfileDefinition, ProfileName } from './types.js';

/** Every profile name, in the order a run executes them. */
export const PROFILE_NAMES: readonly ProfileName[] = [
  'mim1-core',
  'mim1-query',
  'mim1-batch',
  'mim1-subscriptions',
  'mim1-temporal',
  'mim1-tenancy',
  'mim2-data',
];

/** The MIM1 profiles (all but the data audit). */
export const MIM1_PROFILES: readonly ProfileName[] = PROFILE_NAMES.filter((n) =>
  n.startsWith('mim1-'),
);

/**
 * The definition of a shipped profile: its `$id`, titles and checks.
 *
 * @example
 * ```ts
 * const core = getProfile('mim1-core');
 * console.log(core.$id, core.checks.length);
 * ```
 */
export function getProfile(name: ProfileName): ProfileDefinition {
  const doc = {
    'mim1-core': mim1Core,
    'mim1-query': mim1Query,
    'mim1-batch': mim1Batch,
    'mim1-subscriptions': mim1Subscriptions,
    'mim1-temporal': mim1Temporal,
    'mim1-tenancy': mim1Tenancy,
    'mim2-data': mim2Data,
  }[name];
  return doc as ProfileDefinition;
}

/**
 * Whether `name` is a shipped profile.
 *
 * @example
 * ```ts
 * isProfileName('mim1-core'); // true
 * ```
 */
export function isProfileName(name: string): name is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(name);
}

/** The implementation of every check, by id (internal). */
export function implementations(): Readonly<Record<string, CheckFn>> {
  return {
    ...coreChecks,
    ...queryChecks,
    ...batchChecks,
    ...subscriptionChecks,
    ...temporalChecks,
    ...tenancyChecks,
    ...dataChecks,
  };
}

/**
 * A supplier's CI step: check the staging broker against the MIM1 profiles before delivery, keep
 * the JUnit XML for the CI system and the HTML statement for the customer, and fail the build
 * when a must check fails.
 *
 * STAGING_URL   the staging broker (default: an in-process testkit broker stands in for it)
 * OUT_DIR       where the reports go (default: ./conformance-report)
 * Credentials come from SMARTCITY_TOKEN, SMARTCITY_API_KEY or SMARTCITY_OAUTH_* (CI secrets).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  authFromEnv,
  exitCodeOf,
  reportToHtml,
  reportToJUnit,
  runConformance,
} from '@smartcitylab/conformance';
import { startBroker } from '@smartcitylab/testkit';

const outDir = process.env.OUT_DIR ?? 'conformance-report';
const staging = process.env.STAGING_URL ? undefined : await startBroker();
const endpoint = process.env.STAGING_URL ?? staging?.url ?? '';
const auth = authFromEnv(process.env);

const report = await runConformance({
  endpoint,
  allowWrite: true, // staging only: the write checks create and delete probe entities
  ...(auth ? { auth } : {}),
  rps: 50,
});
await staging?.close();

await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, 'conformance.junit.xml'), reportToJUnit(report));
await writeFile(join(outDir, 'conformance.html'), reportToHtml(report, { lang: 'sv' }));
const s = report.summary;
console.log(
  `${report.outcome}: ${s.pass} passed, ${s.fail} failed (${s.mustFailed} must), ${s.skipped} skipped, ${s.notApplicable} not applicable`,
);
for (const c of report.checks.filter((c) => c.status === 'fail'))
  console.log(`  ${c.id}: ${c.reason}`);
if (report.error) console.log(`could not run: ${report.error}`);
process.exitCode = exitCodeOf(report);

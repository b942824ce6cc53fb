/**
 * Prints the kill table of the mutation harness as Markdown (for the README):
 * node --conditions=@smartcitylab/source --import tsx test/support/kill-table.ts
 */
import { runConformance } from '@smartcitylab/conformance';
import { startBroker } from '@smartcitylab/testkit';
import type { ProfileName } from '../../src/types.js';
import { MUTANTS } from './mutants.js';
import { startMutationProxy } from './proxy.js';
import { seedWeather } from './seed.js';

const broker = await startBroker({ fetchContexts: true });
const proxy = await startMutationProxy(broker.url);
let killed = 0;
const rows: string[] = [];
for (const m of MUTANTS) {
  broker.store.reset();
  await seedWeather(broker.url, 30, '2026-11-25T07:00:00Z');
  proxy.use(m);
  const report = await runConformance({
    endpoint: proxy.url,
    profiles: m.profiles as ProfileName[],
    allowWrite: true,
    rps: 0,
    notificationWaitMs: 1500,
    audit: { types: ['WeatherObserved'], now: () => new Date('2026-11-25T08:00:00Z') },
  });
  const killers = report.checks
    .filter((c) => c.status === 'fail' && c.level === 'must')
    .map((c) => `\`${c.id}\``);
  if (killers.length > 0) killed++;
  rows.push(`| \`${m.id}\` | ${m.fault} | ${killers.join(', ') || '**survived**'} |`);
}
await proxy.close();
await broker.close();
console.log(
  `Kill rate: ${killed}/${MUTANTS.length}\n\n| mutant | fault | caught by (must checks) |\n|---|---|---|\n${rows.join('\n')}`,
);

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listModels, loadModel } from '@smartcitylab/models';
import { checkEntityStructure, safeFromKeyValues, detectRepresentation } from '@smartcitylab/ngsi-ld';
import { createValidator } from '@smartcitylab/validate';
const SDM = '/work/wt/shared/fixtures/smart-data-models';
const models = await Promise.all(listModels().map((i) => loadModel(i.type)));
const vNo = createValidator({ now: () => new Date('2026-11-25T12:00:00Z'), maxAge: 'P3650D' });
const v = createValidator({ models, now: () => new Date('2026-11-25T12:00:00Z'), maxAge: 'P3650D' });
await v.ready();
const ex = listModels().map((i) => JSON.parse(readFileSync(join(SDM, i.domain, i.type, 'example.json'), 'utf8')));
function t(name: string, fn: (e: any, i: number) => unknown) {
  for (let k = 0; k < 200; k++) ex.forEach(fn);
  let best = Infinity;
  for (let r = 0; r < 5; r++) { const t0 = performance.now(); for (let k = 0; k < 200; k++) ex.forEach(fn); best = Math.min(best, performance.now() - t0); }
  console.log(name.padEnd(30), (best * 1000 / (200 * ex.length)).toFixed(2), 'µs/entity');
}
console.log('structure ok:', ex.filter((e) => checkEntityStructure(e, detectRepresentation(e)).success).length, '/', ex.length);
t('JSON.stringify', (e) => JSON.stringify(e));
t('detectRepresentation', (e) => detectRepresentation(e));
t('checkEntityStructure kv', (e) => checkEntityStructure(e, 'keyValues'));
t('safeFromKeyValues', (e) => safeFromKeyValues(e, models.find(m=>m.type===e.type)?.hints));
t('model.validate kv', (e, i) => models[i]!.validate(e));
t('check', (e) => v.check(e));
t('check (no model)', (e) => vNo.check(e));

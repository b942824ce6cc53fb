import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listModels, loadModel } from '@smartcitylab/models';
import { createValidator } from '@smartcitylab/validate';
const SDM = '/work/wt/shared/fixtures/smart-data-models';
const models = await Promise.all(listModels().map((i) => loadModel(i.type)));
const v = createValidator({ models, now: () => new Date('2026-11-25T12:00:00Z'), maxAge: 'P3650D' });
await v.ready();
const ex = listModels().map((i) => JSON.parse(readFileSync(join(SDM, i.domain, i.type, 'example.json'), 'utf8')));
const t0 = performance.now();
let n = 0;
while (performance.now() - t0 < Number(process.argv[2] ?? 8000)) { for (const e of ex) v.check(e); n += ex.length; }
console.log(n / ((performance.now() - t0) / 1000), 'per s');

/**
 * The full quality report against a schema check alone: `createValidator(...).check` (the fast
 * path, models preloaded) and `await validateEntity(...)` of @smartcitylab/validate against ajv
 * compiled once on the official Smart Data Models JSON Schemas, on the same official keyValues
 * example of each model, side by side in one run. The report does much more than the schema
 * check (structure, completeness, timeliness, location, plausibility, units, identifiers); the
 * ratio says what that costs.
 *
 * Run: node --conditions=@smartcitylab/source --import tsx bench/validate-entity.bench.ts
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listModels, loadModel } from '@smartcitylab/models';
import { createValidator, validateEntity } from '@smartcitylab/validate';
import type { AnySchemaObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: at runtime the default import is the plugin itself.
const addFormats = addFormatsModule as unknown as (typeof addFormatsModule)['default'];

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SDM = resolve(ROOT, '..', 'shared', 'fixtures', 'smart-data-models');
const BUDGET_MS = 40;
const ROUNDS = 5;
const NOW = new Date('2026-11-25T12:00:00Z');

function schemaFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return schemaFiles(full);
      return name.endsWith('schema.json') ? [full] : [];
    });
}

function officialAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, logger: false });
  addFormats(ajv);
  for (const file of schemaFiles(SDM)) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as AnySchemaObject;
    if (typeof doc.$id !== 'string') continue;
    ajv.addSchema(doc);
    const site = /^https:\/\/smart-data-models\.github\.io\/([^/]+)\/(.+)$/.exec(doc.$id);
    if (site) {
      ajv.addSchema({
        ...doc,
        $id: `https://raw.githubusercontent.com/smart-data-models/${site[1]}/master/${site[2]}`,
      });
    }
  }
  return ajv;
}

/** Entities per second of the synchronous `fn` over `input`, measured for about BUDGET_MS. */
function throughput(fn: (x: unknown) => unknown, input: unknown): number {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < BUDGET_MS) {
    for (let i = 0; i < 100; i++) fn(input);
    n += 100;
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

/** Entities per second of the asynchronous `fn`, awaited one by one as a caller would. */
async function throughputAsync(fn: (x: unknown) => Promise<unknown>, input: unknown) {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < BUDGET_MS) {
    for (let i = 0; i < 100; i++) await fn(input);
    n += 100;
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

const ajv = officialAjv();
const models = await Promise.all(listModels().map((info) => loadModel(info.type)));
const options = { now: () => NOW, maxAge: 'P3650D' };
const validator = createValidator({ ...options, models });
await validator.ready();
const entityOptions = { ...options };

const rows: string[][] = [];
let geoCheck = 0;
let geoEntity = 0;
const fmt = (x: number) => `${(x / 1000).toFixed(1)}k/s`;
for (const info of listModels()) {
  const dir = join(SDM, info.domain, info.type);
  const schemaId = (JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8')) as { $id: string })
    .$id;
  const validate = ajv.getSchema(schemaId) as ValidateFunction;
  const example = JSON.parse(readFileSync(join(dir, 'example.json'), 'utf8')) as unknown;
  const report = validator.check(example);
  if (report.model !== info.type) throw new Error(`${info.type}: the model was not applied`);
  const viaEntity = await validateEntity(example, entityOptions);
  if (JSON.stringify(viaEntity.issues) !== JSON.stringify(report.issues))
    throw new Error(`${info.type}: validateEntity and createValidator disagree`);
  const check = (x: unknown) => validator.check(x);
  const entity = (x: unknown) => validateEntity(x, entityOptions);
  for (let i = 0; i < 300; i++) {
    validate(example);
    check(example);
    await entity(example);
  }
  // The machine is shared: interleave short rounds and keep each contender's best round.
  let a = 0;
  let c = 0;
  let e = 0;
  for (let r = 0; r < ROUNDS; r++) {
    a = Math.max(a, throughput(validate, example));
    c = Math.max(c, throughput(check, example));
    e = Math.max(e, await throughputAsync(entity, example));
  }
  geoCheck += Math.log(c / a);
  geoEntity += Math.log(e / a);
  rows.push([
    info.type,
    `${report.valid ? 'valid' : 'errors'} ${report.issues.length}`,
    fmt(a),
    fmt(c),
    `${(c / a).toFixed(3)}x`,
    fmt(e),
    `${(e / a).toFixed(3)}x`,
  ]);
}
const header = ['model', 'report', 'ajv', 'check', 'ratio', 'validateEntity', 'ratio'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
process.stdout.write(`${line(header)}\n${rows.map(line).join('\n')}\n\n`);
const n = rows.length;
process.stdout.write(
  `${n} official examples, geometric mean against ajv's schema-only check: ` +
    `createValidator().check ${Math.exp(geoCheck / n).toFixed(3)}x, ` +
    `validateEntity ${Math.exp(geoEntity / n).toFixed(3)}x; target >= 0.25x\n`,
);

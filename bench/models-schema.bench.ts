/**
 * keyValues validation throughput: @smartcitylab/models (`validate`, the generated checker,
 * and the exported zod schema) against ajv compiled on the official Smart Data Models
 * JSON Schemas, on the same official examples, side by side in one run.
 *
 * Run: node --conditions=@smartcitylab/source --import tsx bench/models-schema.bench.ts
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listModels, loadModel, loadModelSchemas } from '@smartcitylab/models';
import type { AnySchemaObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: at runtime the default import is the plugin itself.
const addFormats = addFormatsModule as unknown as (typeof addFormatsModule)['default'];

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SDM = resolve(ROOT, '..', 'shared', 'fixtures', 'smart-data-models');
const BUDGET_MS = 40;
const ROUNDS = 5;

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

/** Entities per second of `fn` over `input`, measured for about BUDGET_MS. */
function throughput(fn: (x: unknown) => unknown, input: unknown): number {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < BUDGET_MS) {
    for (let i = 0; i < 500; i++) fn(input);
    n += 500;
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

const ajv = officialAjv();
const rows: string[][] = [];
let sumOurs = 0;
let sumAjv = 0;
let sumZod = 0;
let geo = 0;
const fmt = (x: number) => `${Math.round(x / 1000).toLocaleString('en')}k/s`;
for (const info of listModels()) {
  const model = await loadModel(info.type);
  const schemas = await loadModelSchemas(info.type);
  const dir = join(SDM, info.domain, info.type);
  const schemaId = (JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8')) as { $id: string })
    .$id;
  const validate = ajv.getSchema(schemaId) as ValidateFunction;
  const example = JSON.parse(readFileSync(join(dir, 'example.json'), 'utf8')) as unknown;
  const verdicts = [
    validate(example),
    model.validate(example).success,
    schemas.keyValues.safeParse(example).success,
  ];
  const runs: Array<(x: unknown) => unknown> = [
    (x) => validate(x),
    (x) => model.validate(x),
    (x) => schemas.keyValues.safeParse(x),
  ];
  for (const fn of runs) for (let i = 0; i < 2000; i++) fn(example);
  // The machine is shared: interleave short rounds and keep each contender's best round.
  const best = [0, 0, 0];
  for (let r = 0; r < ROUNDS; r++) {
    runs.forEach((fn, i) => {
      best[i] = Math.max(best[i] ?? 0, throughput(fn, example));
    });
  }
  const [a = 0, o = 0, z = 0] = best;
  sumAjv += 1 / a;
  sumOurs += 1 / o;
  sumZod += 1 / z;
  geo += Math.log(o / a);
  rows.push([
    info.type,
    verdicts.every((v) => v === verdicts[0]) ? (verdicts[0] ? 'valid' : 'invalid') : 'DIFFER',
    fmt(a),
    fmt(o),
    `${(o / a).toFixed(2)}x`,
    fmt(z),
    `${(z / a).toFixed(2)}x`,
  ]);
}
const header = ['model', 'verdict', 'ajv', 'validate', 'ratio', 'zod', 'zod ratio'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
process.stdout.write(`${line(header)}\n${rows.map(line).join('\n')}\n\n`);
const n = rows.length;
// Same examples, one each: time per entity summed over all models.
process.stdout.write(
  `all ${n} examples: ajv ${fmt(n / sumAjv)}, validate ${fmt(n / sumOurs)} (${(sumAjv / sumOurs).toFixed(2)}x ajv), ` +
    `zod ${fmt(n / sumZod)} (${(sumAjv / sumZod).toFixed(2)}x ajv); geometric mean of validate/ajv ${Math.exp(geo / n).toFixed(2)}x; target >= 1.00x\n`,
);

/**
 * Conversion throughput of @smartcitylab/ngsi-ld on the Smart Data Models examples.
 *
 * There is no npm package that converts NGSI-LD normalized ⇄ concise to compare with, so
 * the references are (a) a JSON round trip of the same entities (the floor any deep copy
 * pays) and (b) a naive converter written here that skips validation and the ambiguity
 * rules (it is wrong on tricky input, but shows what validation and safety cost).
 *
 * Run: node --conditions=@smartcitylab/source --import tsx bench/ngsi-ld-convert.bench.ts
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ConciseEntity,
  type NormalizedEntity,
  toConcise,
  toKeyValues,
  toNormalized,
} from '@smartcitylab/ngsi-ld';
import { checkEntityStructure } from '@smartcitylab/ngsi-ld/schema';

const root = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'shared',
  'fixtures',
  'smart-data-models',
);
if (!existsSync(root)) {
  console.log(`fixtures not found at ${root}; nothing to benchmark`);
  process.exit(0);
}

const entities: NormalizedEntity[] = [];
for (const domain of readdirSync(root)) {
  if (domain === 'common') continue;
  for (const model of readdirSync(join(root, domain))) {
    const file = join(root, domain, model, 'example-normalized.jsonld');
    if (!existsSync(file)) continue;
    const e: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (checkEntityStructure(e, 'normalized').success) entities.push(e as NormalizedEntity);
  }
}
const concise: ConciseEntity[] = entities.map((e) => toConcise(e));

type Obj = Record<string, unknown>;
const SKIP = new Set(['id', 'type', '@context', 'scope']);
const VALUE: Record<string, string> = {
  Property: 'value',
  GeoProperty: 'value',
  Relationship: 'object',
  LanguageProperty: 'languageMap',
  VocabProperty: 'vocab',
  ListProperty: 'valueList',
  ListRelationship: 'objectList',
  JsonProperty: 'json',
};

/** Naive reference: no validation, no ambiguity handling, no prototype safety. */
function naiveConcise(e: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(e)) {
    if (SKIP.has(k)) out[k] = v;
    else
      out[k] = Array.isArray(v)
        ? v.map((a) => naiveAttr(a as Obj, true))
        : naiveAttr(v as Obj, false);
  }
  return out;
}
function naiveAttr(a: Obj, keep: boolean): unknown {
  const keys = Object.keys(a);
  if (!keep && keys.length === 2 && (a.type === 'Property' || a.type === 'GeoProperty'))
    return a.value;
  const out: Obj = {};
  for (const k of keys) {
    if (k === 'type') continue;
    const v = a[k];
    out[k] =
      typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v) &&
      typeof (v as Obj).type === 'string' &&
      ((v as Obj).type as string) in VALUE
        ? naiveAttr(v as Obj, false)
        : v;
  }
  return out;
}
function naiveKeyValues(e: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(e)) {
    if (SKIP.has(k)) out[k] = v;
    else if (Array.isArray(v)) out[k] = v.map((a) => (a as Obj)[VALUE[(a as Obj).type as string]!]);
    else out[k] = (v as Obj)[VALUE[(v as Obj).type as string]!];
  }
  return out;
}

function measure(label: string, fn: () => void, ms = 1500): number {
  for (let i = 0; i < 200; i++) fn(); // warm-up
  let rounds = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 50; i++) fn();
    rounds += 50;
    now = performance.now();
  }
  const perSec = (rounds * entities.length * 1000) / (now - start);
  console.log(
    `${label.padEnd(44)} ${Math.round(perSec).toLocaleString('en-US').padStart(12)} entities/s`,
  );
  return perSec;
}

console.log(
  `${entities.length} valid Smart Data Models normalized examples, node ${process.version}\n`,
);
const json = measure('reference: JSON round trip', () => {
  for (const e of entities) JSON.parse(JSON.stringify(e));
});
const naiveC = measure('reference: naive toConcise (no validation)', () => {
  for (const e of entities) naiveConcise(e as Obj);
});
const naiveK = measure('reference: naive toKeyValues (no validation)', () => {
  for (const e of entities) naiveKeyValues(e as Obj);
});
const validate = measure('checkEntityStructure(normalized)', () => {
  for (const e of entities) checkEntityStructure(e, 'normalized');
});
const c = measure('toConcise', () => {
  for (const e of entities) toConcise(e);
});
const n = measure('toNormalized (from concise)', () => {
  for (const e of concise) toNormalized(e);
});
const k = measure('toKeyValues', () => {
  for (const e of entities) toKeyValues(e);
});

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
console.log('\nratios (higher is faster than the reference):');
console.log(`  toConcise    vs JSON round trip: ${ratio(c, json)}   vs naive: ${ratio(c, naiveC)}`);
console.log(`  toNormalized vs JSON round trip: ${ratio(n, json)}`);
console.log(`  toKeyValues  vs JSON round trip: ${ratio(k, json)}   vs naive: ${ratio(k, naiveK)}`);
console.log(`  checkEntityStructure vs JSON round trip: ${ratio(validate, json)}`);

/**
 * Loads the OGC API Features Part 1 (1.0.1) and Part 2 YAML schemas from the shared fixtures
 * into ajv. They are OpenAPI 3.0 schemas, so `nullable: true` becomes a JSON Schema null type;
 * Part 2's absolute references to schemas.opengis.net point at the local Part 1 copies.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule, { type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

const Ajv = AjvModule as unknown as (typeof AjvModule)['default'];
const addFormats = addFormatsModule as unknown as (typeof addFormatsModule)['default'];

const PART1 = 'https://ogc.test/part1/';
const PART2 = 'https://ogc.test/part2/';
const REMOTE_PART1 = 'http://schemas.opengis.net/ogcapi/features/part1/1.0/openapi/schemas/';

function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'nullable' || k === 'example') continue;
    if (k === '$ref' && typeof v === 'string' && v.startsWith(REMOTE_PART1)) {
      out[k] = PART1 + v.slice(REMOTE_PART1.length);
      continue;
    }
    out[k] = toJsonSchema(v);
  }
  const n = node as { nullable?: unknown; type?: unknown };
  if (n.nullable === true) {
    if (typeof n.type === 'string') out.type = [n.type, 'null'];
    else return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

export interface OgcValidators {
  landingPage: ValidateFunction;
  confClasses: ValidateFunction;
  collections: ValidateFunction;
  collection: ValidateFunction;
  featureCollection: ValidateFunction;
  feature: ValidateFunction;
  exception: ValidateFunction;
  collectionCrs: ValidateFunction;
  collectionsCrs: ValidateFunction;
}

export function loadOgcValidators(fixtureDir: string): OgcValidators {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const add = (dir: string, base: string): void => {
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const schema = toJsonSchema(parse(readFileSync(join(dir, name), 'utf8'))) as Record<
        string,
        unknown
      >;
      ajv.addSchema({ ...schema, $id: base + name });
    }
  };
  add(join(fixtureDir, 'part1-1.0.1/core/openapi/schemas'), PART1);
  add(join(fixtureDir, 'part2-1.0.1/extensions/crs/openapi/schemas'), PART2);
  const get = (id: string): ValidateFunction => {
    const v = ajv.getSchema(id);
    if (!v) throw new Error(`schema ${id} not loaded`);
    return v;
  };
  return {
    landingPage: get(`${PART1}landingPage.yaml`),
    confClasses: get(`${PART1}confClasses.yaml`),
    collections: get(`${PART1}collections.yaml`),
    collection: get(`${PART1}collection.yaml`),
    featureCollection: get(`${PART1}featureCollectionGeoJSON.yaml`),
    feature: get(`${PART1}featureGeoJSON.yaml`),
    exception: get(`${PART1}exception.yaml`),
    collectionCrs: get(`${PART2}collection.yaml`),
    collectionsCrs: get(`${PART2}collections.yaml`),
  };
}

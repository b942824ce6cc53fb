/** Shared helpers for tests that read the official Smart Data Models fixtures. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { listModels } from '@smartcitylab/models';
import type { AnySchemaObject } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { fixturePath } from '../../../test-support/fixtures.js';

// ajv-formats is CommonJS: at runtime the default import is the plugin itself.
const addFormats = addFormatsModule as unknown as (typeof addFormatsModule)['default'];

export const SDM = 'smart-data-models';

/** Folder of one model's official files. */
export function modelDir(type: string): string {
  const info = listModels().find((m) => m.type === type);
  if (!info) throw new Error(`unknown model ${type}`);
  return fixturePath(SDM, info.domain, type);
}

/** Parses one official file of a model; `undefined` when it is absent. */
export function readOfficial(type: string, file: string): unknown {
  const path = join(modelDir(type), file);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

function schemaFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return schemaFiles(full);
      return name.endsWith('schema.json') ? [full] : [];
    });
}

/**
 * ajv (JSON Schema 2020-12 + ajv-formats) with every official schema registered by its
 * `$id`, plus the raw.githubusercontent.com alias some schemas `$ref`; nothing is fetched.
 */
export function officialAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: false, logger: false });
  addFormats(ajv);
  for (const file of schemaFiles(fixturePath(SDM))) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as AnySchemaObject;
    if (typeof doc.$id !== 'string') continue;
    ajv.addSchema(doc);
    const site = /^https:\/\/smart-data-models\.github\.io\/([^/]+)\/(.+)$/.exec(doc.$id);
    if (site) {
      const raw = `https://raw.githubusercontent.com/smart-data-models/${site[1]}/master/${site[2]}`;
      ajv.addSchema({ ...doc, $id: raw });
    }
  }
  return ajv;
}

/** `$id` of a model's official schema. */
export function officialSchemaId(type: string): string {
  return (readOfficial(type, 'schema.json') as { $id: string }).$id;
}

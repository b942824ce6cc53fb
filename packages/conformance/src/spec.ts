/**
 * `buildRequirementSpec`: the requirement text (kravspecifikation) of a tender, citing the exact
 * profile and model versions, with the model JSON Schemas and the profile files beside it.
 */

import { isModelType, listModels, loadModel, loadModelSchemas } from '@smartcitylab/models';
import { ConformanceError } from './errors.js';
import { VERSION } from './generated/version.js';
import { getProfile, isProfileName } from './profiles.js';
import type { ReportLang } from './report/labels.js';
import type { ProfileName } from './types.js';

/** Options of {@link buildRequirementSpec}. */
export interface RequirementSpecOptions {
  /** Smart Data Model types the delivered data must follow, e.g. `['WasteContainer']`. */
  readonly models: readonly string[];
  /** Profiles the endpoint must pass (default: every mim1-* profile). */
  readonly profiles?: readonly ProfileName[];
  /** Least mean quality score per type (0..1, default 0.8). */
  readonly minScore?: number;
  readonly lang?: ReportLang;
}

/**
 * Builds the files of a requirement specification: `requirements.md` (`kravspecifikation.md` in
 * Swedish), `schemas/<Type>.schema.json` and `profiles/<name>.json`, keyed by relative path.
 *
 * @example
 * ```ts
 * const files = await buildRequirementSpec({ models: ['WasteContainer'], lang: 'sv', minScore: 0.95 });
 * for (const [path, text] of Object.entries(files)) writeFileSync(join('tender', path), text);
 * ```
 * @throws ConformanceError (code `InvalidOptions`) for an unknown model or profile.
 */
export async function buildRequirementSpec(
  options: RequirementSpecOptions,
): Promise<Record<string, string>> {
  const lang = options.lang ?? 'en';
  const profiles =
    options.profiles ??
    ([
      'mim1-core',
      'mim1-query',
      'mim1-batch',
      'mim1-subscriptions',
      'mim1-temporal',
      'mim1-tenancy',
    ] as const);
  for (const p of profiles)
    if (!isProfileName(p)) throw new ConformanceError('InvalidOptions', `unknown profile "${p}"`);
  if (options.models.length === 0)
    throw new ConformanceError(
      'InvalidOptions',
      'name at least one Smart Data Model, e.g. WasteContainer',
    );
  const known = listModels();
  const files: Record<string, string> = {};
  const models: { type: string; schemaVersion: string; source: string }[] = [];
  // The models package names its own version in every schema $id (urn:npm:@smartcitylab/models@x:...).
  let modelsVersion = 'unknown';
  for (const type of options.models) {
    if (!isModelType(type)) {
      throw new ConformanceError(
        'InvalidOptions',
        `unknown Smart Data Model "${type}"; "smartcity models list" shows the ${known.length} shipped models`,
      );
    }
    const [model, schemas] = await Promise.all([loadModel(type), loadModelSchemas(type)]);
    const schema = schemas.jsonSchema();
    const id = typeof schema.$id === 'string' ? schema.$id : '';
    modelsVersion = /^urn:npm:@smartcitylab\/models@([^:]+):/.exec(id)?.[1] ?? modelsVersion;
    files[`schemas/${type}.schema.json`] = `${JSON.stringify(schema, null, 2)}\n`;
    models.push({
      type,
      schemaVersion: model.metadata.schemaVersion,
      source: model.metadata.source,
    });
  }
  for (const name of profiles)
    files[`profiles/${name}.json`] = `${JSON.stringify(getProfile(name), null, 2)}\n`;
  const minScore = options.minScore ?? 0.8;
  const sv = lang === 'sv';
  const lines: string[] = [];
  const tool = `@smartcitylab/conformance@${VERSION}`;
  const modelsPkg = `@smartcitylab/models@${modelsVersion}`;
  if (sv) {
    lines.push(
      '# Kravspecifikation: data via NGSI-LD-gränssnitt (MIM1) enligt Smart Data Models (MIM2)',
      '',
      '## 1. Gränssnitt (MIM1)',
      '',
      `Leverantören skall tillhandahålla ett NGSI-LD-gränssnitt enligt ETSI GS CIM 009 V1.8.1. Gränssnittet skall uppfylla samtliga skall-krav i följande profiler, kontrollerade med ${tool}:`,
      '',
    );
  } else {
    lines.push(
      '# Requirements: data through an NGSI-LD API (MIM1) following Smart Data Models (MIM2)',
      '',
      '## 1. API (MIM1)',
      '',
      `The supplier shall provide an NGSI-LD API following ETSI GS CIM 009 V1.8.1. The API shall pass every must check of the following profiles, as checked with ${tool}:`,
      '',
    );
  }
  for (const name of profiles) {
    const p = getProfile(name);
    const musts = p.checks.filter((c) => c.level === 'must');
    lines.push(
      `- \`${p.$id}\`: ${p.title[lang]} (${musts.length} ${sv ? 'skall-krav' : 'must checks'}; ${sv ? 'se' : 'see'} \`profiles/${name}.json\`)`,
    );
  }
  lines.push(
    '',
    sv
      ? 'Leverantören skall före leverans, och på begäran, köra kontrollen mot sin testmiljö och bifoga rapporten (JSON eller HTML) som visar utfallet PASS.'
      : 'Before delivery, and on request, the supplier shall run the check against its staging system and attach the report (JSON or HTML) showing the outcome PASS.',
    '',
    sv ? '## 2. Data (MIM2)' : '## 2. Data (MIM2)',
    '',
    sv
      ? `Data skall levereras som NGSI-LD-entiteter som är giltiga mot följande Smart Data Models, i de versioner som ${modelsPkg} innehåller (JSON Schema i \`schemas/\`):`
      : `Data shall be delivered as NGSI-LD entities valid against the following Smart Data Models, in the versions contained in ${modelsPkg} (JSON Schemas in \`schemas/\`):`,
    '',
  );
  for (const m of models) lines.push(`- ${m.type}, schema ${m.schemaVersion} (${m.source})`);
  lines.push(
    '',
    sv
      ? `Samtliga levererade entiteter skall vara schemagiltiga (profilen \`${getProfile('mim2-data').$id}\`, kontrollen data.schema-valid), och medelpoängen för datakvalitet enligt @smartcitylab/validate skall vara minst ${minScore} per typ.`
      : `Every delivered entity shall be schema-valid (profile \`${getProfile('mim2-data').$id}\`, check data.schema-valid), and the mean data quality score of @smartcitylab/validate shall be at least ${minScore} per type.`,
    '',
    sv ? '## 3. Kontroll' : '## 3. How it is checked',
    '',
    '```sh',
    `npx -p @smartcitylab/cli@latest smartcity conform <url> --allow-write --profile ${profiles.join(',')} --format html --lang ${lang} --out ${sv ? 'intyg' : 'statement'}.html`,
    `npx -p @smartcitylab/cli@latest smartcity conform <url> --profile mim2-data --types ${options.models.join(',')} --min-score ${minScore} --format json --out data.json`,
    '```',
    '',
    sv
      ? 'Utfall 0 betyder att alla skall-krav är uppfyllda, 1 att ett skall-krav inte är uppfyllt och 2 att kontrollen inte kunde köras.'
      : 'Exit code 0 means every must check passed, 1 that a must check failed, and 2 that the check could not run.',
  );
  files[sv ? 'kravspecifikation.md' : 'requirements.md'] = `${lines.join('\n')}\n`;
  return files;
}

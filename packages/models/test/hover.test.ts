/**
 * What an editor shows: the TypeScript compiler API prints the types of a user's variables
 * the way a hover does. They must be the named model types, not pages of expanded
 * structure, and a typo in an attribute name must be a compile error. The user's file is
 * served from memory (nothing is written).
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const PKG = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const USER_FILE = join(PKG, 'test', '__user_code__.ts');

const INPUT = `{ id: 'a1', dateObserved: '2026-01-01T00:00:00Z', location: { type: 'Point', coordinates: [14.8, 56.9] }, no2: 41 }`;

/** Type-checks `code` as a file of this package; returns its checker and diagnostics. */
function compile(code: string): {
  types: Map<string, string>;
  errors: string[];
} {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(PKG, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error('tsconfig.json of @smartcitylab/models not readable');
  const options = { ...parsed.options, noEmit: true };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    name === USER_FILE
      ? ts.createSourceFile(name, code, language)
      : getSourceFile(name, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === USER_FILE || fileExists(name);
  const program = ts.createProgram([USER_FILE], options, host);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(USER_FILE);
  if (!source) throw new Error('user file not compiled');
  const types = new Map<string, string>();
  source.forEachChild((node) => {
    if (!ts.isVariableStatement(node)) return;
    for (const decl of node.declarationList.declarations) {
      types.set(decl.name.getText(source), checker.typeToString(checker.getTypeAtLocation(decl)));
    }
  });
  const errors = ts
    .getPreEmitDiagnostics(program, source)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  return { types, errors };
}

describe('hovers and compile errors as a user sees them', () => {
  it('shows the named type of each representation', { timeout: 300_000 }, () => {
    const { types, errors } = compile(`
import { AirQualityObserved } from '@smartcitylab/models/air-quality-observed';
export const keyValues = AirQualityObserved.create(${INPUT}, { representation: 'keyValues' });
export const normalized = AirQualityObserved.create(${INPUT});
export const concise = AirQualityObserved.create(${INPUT}, { representation: 'concise' });
export const no2 = normalized.no2;
export const location = normalized.location;
export const model = AirQualityObserved;
`);
    expect(errors).toEqual([]);
    expect(Object.fromEntries(types)).toEqual({
      keyValues: 'AirQualityObserved',
      normalized: 'AirQualityObservedNormalized',
      concise: 'AirQualityObservedConcise',
      no2: 'Property<number> | undefined',
      location: 'GeoProperty<Geometry>',
      model:
        'SmartDataModel<AirQualityObserved, AirQualityObservedNormalized, AirQualityObservedConcise>',
    });
  });

  it('rejects typos in attribute names', { timeout: 300_000 }, () => {
    const { errors } = compile(`
import { AirQualityObserved } from '@smartcitylab/models/air-quality-observed';
export const a = AirQualityObserved.create({ id: 'a1', dateObserved: '2026-01-01T00:00:00Z', location: { type: 'Point', coordinates: [14.8, 56.9] }, pm2_5: 3 });
export const b: AirQualityObserved = { id: 'a1', type: 'AirQualityObserved', dateObserved: '2026-01-01T00:00:00Z', location: { type: 'Point', coordinates: [14.8, 56.9] }, no3: 1 };
`);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain("'pm2_5' does not exist");
    expect(errors[1]).toContain("'no3' does not exist");
  });
});

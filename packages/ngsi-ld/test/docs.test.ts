import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every ```ts block of the README and the guide must compile against the package's
// public entry, as a user would write it.
const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const docs = [
  join(pkg, 'README.md'),
  join(pkg, '..', '..', 'docs', 'guides', 'ngsi-ld-in-ten-minutes.md'),
];

function blocks(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe('code blocks in the docs compile', () => {
  const files = new Map<string, string>();
  for (const doc of docs) {
    blocks(doc).forEach((code, i) => {
      files.set(
        join(pkg, '__docs__', `${doc.split('/').pop()!.replace('.md', '')}-${i}.ts`),
        `${code}\nexport {};\n`,
      );
    });
  }

  it('finds the blocks', () => {
    expect(files.size).toBeGreaterThanOrEqual(7);
  });

  // A whole TypeScript program: seconds on an idle machine, far more beside other work.
  it('typechecks every block with the repo compiler options', { timeout: 240_000 }, () => {
    const config = ts.readConfigFile(join(pkg, 'tsconfig.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, pkg);
    const options = { ...parsed.options, noEmit: true, skipLibCheck: true, types: [] };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.readFile = (f) => files.get(f) ?? readFile(f);
    host.fileExists = (f) => files.has(f) || fileExists(f);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (f, lang, ...rest) => {
      const text = files.get(f);
      return text !== undefined
        ? ts.createSourceFile(f, text, lang)
        : getSourceFile(f, lang, ...rest);
    };
    const program = ts.createProgram([...files.keys()], options, host);
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file !== undefined && files.has(d.file.fileName))
      .map(
        (d) =>
          `${d.file!.fileName.split('/').pop()}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      );
    expect(diagnostics).toEqual([]);
  });
});

import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

// The executable imports the package's own entry at run time instead of bundling a second copy of it.
const ownEntryIsExternal: Plugin = {
  name: 'own-entry-is-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/index\.js$/ }, (args) =>
      args.importer.endsWith('bin.ts') ? { path: './index.js', external: true } : undefined,
    );
  },
};

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: false,
    clean: true,
    target: 'es2022',
    platform: 'node',
    treeshake: true,
  },
  {
    // The executable is ESM only: it uses top-level await and is never require()d.
    entry: { bin: 'src/bin.ts' },
    esbuildPlugins: [ownEntryIsExternal],
    format: ['esm'],
    sourcemap: false,
    target: 'es2022',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);

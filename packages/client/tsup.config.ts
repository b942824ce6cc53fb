import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    node: 'src/node.ts',
    // The two targets of the package's `#default-fetch` import (see package.json "imports").
    'default-fetch': 'src/internal/default-fetch.ts',
    'default-fetch.node': 'src/internal/default-fetch.node.ts',
  },
  format: ['esm', 'cjs'],
  // Only the public entries need declarations.
  dts: { entry: { index: 'src/index.ts', node: 'src/node.ts' } },
  // Resolved at run time by Node or the user's bundler, by condition: never inlined here.
  external: ['#default-fetch'],
  sourcemap: false,
  clean: true,
  target: 'es2022',
  treeshake: true,
});

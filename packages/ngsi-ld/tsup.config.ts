import { defineConfig } from 'tsup';

const publicEntries = { index: 'src/index.ts', geo: 'src/geo.ts', schema: 'src/schema.ts' };

export default defineConfig({
  // internal/proj4 is an entry only so that the ESM build gives proj4's import a chunk of its own:
  // a bundler then drops proj4 from `import { checkCoordinates } from '@smartcitylab/ngsi-ld/geo'`.
  // It is in no exports map entry, and gets no type declarations.
  entry: { ...publicEntries, 'internal/proj4': 'src/internal/proj4.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: publicEntries },
  sourcemap: false,
  clean: true,
  target: 'es2022',
  treeshake: true,
});

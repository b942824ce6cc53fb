import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', geo: 'src/geo.ts', schema: 'src/schema.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: false,
  clean: true,
  target: 'es2022',
  treeshake: true,
});

import { cpSync, mkdirSync } from 'node:fs';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: false,
  clean: true,
  target: 'es2022',
  platform: 'node',
  treeshake: true,
  // The profiles and the report schema are published as JSON subpaths; the code embeds its own copy.
  onSuccess: async () => {
    mkdirSync('dist/profiles', { recursive: true });
    cpSync('profiles', 'dist/profiles', { recursive: true });
    cpSync('src/report.schema.json', 'dist/report.schema.json');
  },
});

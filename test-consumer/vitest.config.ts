import { defineConfig } from 'vitest/config';

// Packing, installing and bundling take minutes on a shared CI machine: generous hang guards.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});

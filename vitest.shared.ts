import { defineConfig } from 'vitest/config';

/**
 * Shared vitest settings: every package runs its tests from source through the
 * `@smartcitylab/source` export condition, so no build is needed before testing.
 */
const conditions = ['@smartcitylab/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@smartcitylab/source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    typecheck: { enabled: false },
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['local/polyfills.ts'],
    globalSetup: ['test/setup/dynamodb-local.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: keep CDK synth tests and integration tests from starving each other.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});

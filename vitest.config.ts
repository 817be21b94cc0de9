import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // log-capture + log-scan: every line the run prints is checked for personal data at the end.
    // clock-offset: TEST_CLOCK_OFFSET_DAYS moves the process clock (a test must not depend on the day it runs).
    setupFiles: ['test/setup/log-capture.ts', 'test/setup/clock-offset.ts'],
    // assembly: the CDK app synthesized once; integration tests run its bundles (bundle mode).
    globalSetup: ['test/setup/dynamodb-local.ts', 'test/setup/assembly.ts', 'test/setup/log-scan.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: keep CDK synth tests and integration tests from starving each other.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // log-capture + log-scan: every line the run prints is checked for personal data at the end.
    setupFiles: ['local/polyfills.ts', 'test/setup/log-capture.ts'],
    globalSetup: ['test/setup/dynamodb-local.ts', 'test/setup/log-scan.ts'],
    // Lambda runs Node 22; the SDK's advance notice about Node 20 is noise here.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: keep CDK synth tests and integration tests from starving each other.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});

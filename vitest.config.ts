import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['local/polyfills.ts'],
    globalSetup: ['test/setup/dynamodb-local.ts'],
    // Lambda runs Node 22; the SDK's advance notice about Node 20 is noise here.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: keep CDK synth tests and integration tests from starving each other.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});

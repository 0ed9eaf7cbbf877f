import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Kernels, runners and type checks are heavy: one test file at a time on a 2-core machine. (With two, a
    // synchronous type check could starve its worker past vitest's 60 s report timeout.)
    poolOptions: { forks: { maxForks: 1 } },
    pool: 'forks',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});

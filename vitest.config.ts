import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two test files at a time: most of a test's time is a kernel, a runner or a browser in a process of its own.
    // A test's synchronous work stays short (the editor-types tests yield between labs, a few seconds each), or
    // vitest's worker would miss its 60 s report timeout (vitest-dev/vitest#8164).
    poolOptions: { forks: { maxForks: 2 } },
    pool: 'forks',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});

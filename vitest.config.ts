import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // One retry in CI, where the machine is shared and slow; vitest's JSON report still counts it once.
    retry: process.env['CI'] ? 1 : 0,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // eld's dictionary and the index cost memory per worker: keep the pool small on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});

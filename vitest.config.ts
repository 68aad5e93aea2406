import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Simulation tests are CPU-bound; two cores here.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
  },
});

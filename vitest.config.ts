import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/ (loaded by worker threads and the CLI tests) from the current src/ first.
    globalSetup: ['test/global-setup.ts'],
    // Every summary a test makes is checked against summary.json's schema.
    setupFiles: ['test/helpers/strict-summaries.ts'],
    // Simulation tests are CPU-bound; two cores here.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
  },
});

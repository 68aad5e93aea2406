import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/ (loaded by worker threads and the CLI tests) from the current src/ first.
    globalSetup: ['test/global-setup.ts'],
    // Every summary a test makes is checked against summary.json's schema.
    setupFiles: ['test/helpers/strict-summaries.ts'],
    // Simulation tests are CPU-bound; two files at a time on this project's two cores (vitest's default is
    // cores - 1). Every file writes into its own temporary folders (the suite leaves nothing in the checkout
    // but results/explore-screenshots, which one file writes), so files may run side by side.
    pool: 'forks',
    maxWorkers: 2,
    // Hang guards, not speed checks: the heaviest statistical tests take about a minute alone and several
    // beside a benchmark on two loaded cores (issue 20: npm test passes beside npm run bench).
    testTimeout: 600_000,
    hookTimeout: 600_000,
    env: { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
  },
});

/**
 * Every summary the tests make is checked against summary.json's schema
 * (run/summary-schema.ts) as summary.json would hold it: `summarise`, which
 * every run, exact computation, merge, comparison and sweep goes through,
 * is wrapped so that a summary with an unknown or ill-shaped section (or a
 * fixed part off its schema) fails the test that made it. Loaded before
 * every test file (vitest.config.ts, setupFiles).
 */
import { vi } from 'vitest';

vi.mock('../../src/summary/summarise.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/summary/summarise.js')>();
  const { readWrittenSummary } = await import('../../src/run/summary-schema.js');
  const summarise: typeof actual.summarise = (args) => {
    const summary = actual.summarise(args);
    readWrittenSummary(summary, `the summary of ${args.name} (${args.design})`);
    return summary;
  };
  return { ...actual, summarise };
});

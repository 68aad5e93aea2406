/**
 * Every hypothesis of every shipped scenario names, as its estimand, an
 * estimate the design reports, so its true effect, scale, bias and
 * wrong-direction count all read the same quantity. The one exception is
 * declared: a response-adaptive design without a control tests "arm k is
 * best", whose estimand (its advantage over the best other arm) has a truth
 * but no estimate of its own.
 */
import { describe, it, expect } from 'vitest';
import { scenarioFile, shippedScenarioFiles } from '../helpers/scenarios.js';

const TRUTH_ONLY = /^advantage:/;

describe('hypotheses read estimates the design reports', () => {
  for (const file of shippedScenarioFiles('scenarios')) {
    it(file, () => {
      const { layout } = scenarioFile(file, { replicates: 10 }).prepared;
      const ids = new Set(layout.estimates.map((e) => e.id));
      const missing = layout.hypotheses.filter((h) => h.estimand && !ids.has(h.estimand) && !TRUTH_ONLY.test(h.estimand)).map((h) => `${h.id} -> ${h.estimand}`);
      expect(missing).toEqual([]);
    });
  }
});

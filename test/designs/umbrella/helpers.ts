/**
 * Umbrella scenarios built in code, so each test states the parameters it
 * depends on, and helpers to run them and read rates and metrics.
 */
export { load, run, hypothesis, metric, estimate, expectRate, expectMean } from '../../helpers/summary.js';

type Data = Record<string, unknown>;

/** A valid umbrella scenario; `design` keys override the defaults. */
export function umbrellaData(over: { design?: Data; top?: Data } = {}): Data {
  return {
    name: 'umbrella test', seed: 5, replicates: 100, truth: { patients: 20000 },
    population: {
      biomarkers: [
        { id: 'a', type: 'binary', prevalence: 0.3 },
        { id: 'b', type: 'binary', prevalence: 0.2 },
        { id: 'score', type: 'continuous', mean: 0, sd: 1 },
        { id: 'site', type: 'categorical', levels: { lung: 0.5, colon: 0.3, skin: 0.2 } },
      ],
    },
    endpoint: { type: 'binary', intercept: -1 },
    arms: { control: {}, 'drug-a': { interactions: { a: 1 } }, 'drug-b': {} },
    design: {
      type: 'umbrella',
      screening: { ratePerMonth: 20 },
      substudies: [
        { id: 'A', eligibility: 'a', drug: 'drug-a', sampleSize: 40 },
        { id: 'B', eligibility: 'b and not a', drug: 'drug-b', sampleSize: 40 },
      ],
      analysis: { test: 'z-pooled' },
      ...over.design,
    },
    ...over.top,
  };
}


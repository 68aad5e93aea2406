/**
 * Group-sequential substudies against the exact operating characteristics
 * of their boundaries (recursive integration, `exitProbabilities`): a
 * normal endpoint with a null substudy and one whose drug works, an interim
 * look at half the patients, O'Brien-Fleming or Pocock spending, and
 * non-binding futility rules on the estimated effect or on conditional
 * power, which the simulation follows. Welch's p-values are turned into z
 * statistics, which are N(0, 1) under the null at any sample size and close
 * to N(δ√t, 1) here (100 patients per arm at the final look).
 */
import { describe, it, expect } from 'vitest';
import { efficacyBoundaries, exitProbabilities } from '../../../src/stats/group-sequential/index.js';
import { normalQuantile } from '../../../src/stats/distributions.js';
import { run, expectRate, expectMean } from './helpers.js';

const R = 10000, ALPHA = 0.025, THETA = 0.35;
/** Drift at the final look: θ / SE with 100 patients per arm and SD 1. */
const DRIFT = THETA / Math.sqrt(2 / 100);
const T = [0.5, 1];

function sequential(interims: Record<string, unknown>, multiplicity = 'none') {
  return {
    name: 'group sequential', seed: 13, replicates: R, truth: { patients: 20000 },
    population: { biomarkers: [{ id: 'site', type: 'categorical', levels: { lung: 0.5, colon: 0.5 } }] },
    endpoint: { type: 'continuous', intercept: 0, sd: 1 },
    arms: { control: {}, active: { interactions: { 'site=lung': THETA } }, inactive: {} },
    design: {
      type: 'umbrella',
      screening: { ratePerMonth: 30 },
      randomisation: { method: 'permuted-block', blockSize: 4 },
      substudies: [
        { id: 'works', eligibility: 'site == lung', drug: 'active', sampleSize: 200 },
        { id: 'null', eligibility: 'site == colon', drug: 'inactive', sampleSize: 200 },
      ],
      interims,
      analysis: { test: 'welch-t', alpha: ALPHA, sided: 'one', multiplicity },
    },
  };
}

const boundaries = (spending: 'asOF' | 'asP', alpha = ALPHA) => efficacyBoundaries({ informationRates: T, spending: { type: spending }, alpha }).criticalValues;

describe('group-sequential substudies', () => {
  it("O'Brien-Fleming: size, power and early stopping match the boundaries' exit probabilities", async () => {
    const s = await run(sequential({ informationFractions: T, efficacy: { spending: 'obrien-fleming' } }));
    const b = boundaries('asOF');
    expect((s.testing as { efficacyBoundaries: number[] }).efficacyBoundaries).toEqual(b.map((x) => +x.toPrecision(6)));
    const alt = exitProbabilities({ informationRates: T, efficacy: b, drift: DRIFT });
    const nul = exitProbabilities({ informationRates: T, efficacy: b, drift: 0 });
    expectRate(s, 'works', alt.overallReject);
    expectRate(s, 'null', nul.overallReject);
    expectMean(s, 'efficacy-stop:works', alt.rejectPerStage[0]);
    expectMean(s, 'stage:works', 1 + (1 - alt.rejectPerStage[0]));
  });

  it('Pocock spending with Bonferroni splits alpha across the two substudies', async () => {
    const s = await run(sequential({ informationFractions: T, efficacy: { spending: 'pocock' } }, 'bonferroni'));
    const b = boundaries('asP', ALPHA / 2);
    expectRate(s, 'works', exitProbabilities({ informationRates: T, efficacy: b, drift: DRIFT }).overallReject);
    expectRate(s, 'null', exitProbabilities({ informationRates: T, efficacy: b, drift: 0 }).overallReject);
  });

  it('futility on the estimated effect stops half the null substudies at the interim', async () => {
    const s = await run(sequential({ informationFractions: T, efficacy: { spending: 'obrien-fleming' }, futility: { type: 'effect', threshold: 0 } }));
    const b = boundaries('asOF');
    // Effect below 0 is z below 0: a futility bound of 0 on the z scale.
    const alt = exitProbabilities({ informationRates: T, efficacy: b, futility: [0], drift: DRIFT });
    const nul = exitProbabilities({ informationRates: T, efficacy: b, futility: [0], drift: 0 });
    expect(nul.futilityPerStage[0]).toBeCloseTo(0.5, 12);
    expectMean(s, 'futility-stop:null', 0.5);
    expectMean(s, 'futility-stop:works', alt.futilityPerStage[0]);
    expectRate(s, 'works', alt.overallReject);
    expectRate(s, 'null', nul.overallReject);
  });

  it('futility on conditional power under the current trend', async () => {
    const gamma = 0.2;
    const s = await run(sequential({ informationFractions: T, efficacy: { spending: 'obrien-fleming' }, futility: { type: 'conditional-power', threshold: gamma } }));
    const b = boundaries('asOF');
    // CP = Φ((z/√t - b_2)/√(1 - t)) < γ  ⇔  z < √t (b_2 + √(1 - t) Φ⁻¹(γ)).
    const a = Math.sqrt(T[0]) * (b[1] + Math.sqrt(1 - T[0]) * normalQuantile(gamma));
    const alt = exitProbabilities({ informationRates: T, efficacy: b, futility: [a], drift: DRIFT });
    expectMean(s, 'futility-stop:works', alt.futilityPerStage[0]);
    expectRate(s, 'works', alt.overallReject);
  });
});

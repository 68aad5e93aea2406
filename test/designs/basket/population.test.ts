/**
 * Baskets derived from the population model: each basket is a level of a
 * categorical biomarker, patients must meet the eligibility rule, and a
 * patient's response probability is the binary endpoint model's. With only
 * discrete biomarkers in the model the basket rates are exact (logistic of
 * the linear predictor); with a continuous one they are population averages
 * with a Monte Carlo error, checked against numerical integration. The
 * simulated baskets are then plain binomial baskets at those rates.
 */
import { describe, it, expect } from 'vitest';
import { binomialCriticalValue, binomialUpperTail } from '../../../src/stats/basket/index.js';
import { logistic, normalCdf } from '../../../src/stats/distributions.js';
import { run, expectRate, estimate, hypothesis } from './helpers.js';
import { binomialMcse, expectWithinMcse } from '../../helpers/mcse.js';

const levels = { lung: 0.5, colon: 0.3, skin: 0.2 };

function populationScenario(extra: { allele?: number; control?: boolean } = {}) {
  return {
    name: 'population baskets', seed: 71, replicates: 3000, truth: { patients: 200000 },
    population: {
      biomarkers: [
        { id: 'tumour', type: 'categorical', levels },
        { id: 'braf', type: 'binary', prevalence: 0.3 },
        ...(extra.allele !== undefined ? [{ id: 'allele', type: 'continuous', mean: 0, sd: 1 }] : []),
      ],
    },
    endpoint: { type: 'binary', intercept: -2 },
    arms: {
      drug: { interactions: { braf: 1.6, 'tumour=colon': -1.5, ...(extra.allele !== undefined ? { allele: extra.allele } : {}) } },
      ...(extra.control ? { control: {} } : {}),
    },
    design: {
      type: 'basket', p0: 0.15,
      population: { basketBy: 'tumour', arm: 'drug', eligibility: 'braf == 1', ...(extra.control ? { control: 'control' } : {}) },
      baskets: [
        { id: 'lung', sampleSize: 20, ...(extra.control ? { control: { sampleSize: 20 } } : {}) },
        { id: 'colon', sampleSize: 20 },
        { id: 'melanoma', level: 'skin', sampleSize: 15 },
      ],
      analyses: [{ method: 'independent-exact', alpha: 0.05 }],
    },
  };
}

describe('basket rates from the population model', () => {
  it('with discrete biomarkers the rates are exact and the baskets reject as binomial baskets at those rates', async () => {
    const s = await run(populationScenario());
    const rates = { lung: logistic(-2 + 1.6), colon: logistic(-2 + 1.6 - 1.5), melanoma: logistic(-2 + 1.6) };
    for (const [id, rate] of Object.entries(rates)) {
      const e = estimate(s, `rate:independent-exact:${id}`);
      expect(e.truth).toBeCloseTo(rate, 12);
      expect(e.truthMcse).toBe(0);
      const n = id === 'melanoma' ? 15 : 20;
      expectRate(s, `independent-exact:${id}`, binomialUpperTail(binomialCriticalValue(n, 0.15, 0.05), n, rate));
    }
    expect(hypothesis(s, 'independent-exact:colon').meaning).toBe('type I error');
    expect(hypothesis(s, 'independent-exact:lung').meaning).toBe('power');
    const rows = s.baskets as { basket: string; populationShare: number }[];
    // share of the population in the basket: level prevalence x P(braf) (Monte Carlo, 200,000 patients)
    for (const [row, p] of [[rows[0], 0.5 * 0.3], [rows[1], 0.3 * 0.3], [rows[2], 0.2 * 0.3]] as const) {
      // 4 MCSE, plus half a unit in the 4th decimal the share is reported to.
      expectWithinMcse(row.populationShare, p, { mcse: binomialMcse(p, 200000), slack: 5e-5, what: `${row.basket} share` });
    }
  });

  it('with a continuous biomarker the rate is the population average of the response probability', async () => {
    const s = await run({ ...populationScenario({ allele: 0.8 }), replicates: 200 });
    // E[logistic(-0.4 + 0.8 Z)], Z ~ N(0, 1), by the midpoint rule on a fine grid
    let integral = 0;
    const h = 0.001;
    for (let z = -9; z < 9; z += h) integral += logistic(-0.4 + 0.8 * (z + h / 2)) * (normalCdf(z + h) - normalCdf(z));
    const e = estimate(s, 'rate:independent-exact:lung');
    expect(e.truthMcse!).toBeGreaterThan(0);
    expectWithinMcse(e.truth!, integral, { mcse: e.truthMcse!, what: 'truth' });
  });

  it('a randomised basket draws its controls from the same basket population under the control arm', async () => {
    const s = await run({ ...populationScenario({ control: true }), replicates: 500 });
    const rd = estimate(s, 'rd:lung');
    expect(rd.truth).toBeCloseTo(logistic(-2 + 1.6) - logistic(-2), 12);
    expectWithinMcse(rd.bias!, 0, { mcse: rd.biasMcse!, what: 'rd bias' });
  });
});

/**
 * EXNEX with several exchangeable components (src/stats/basket/exnex-components.ts).
 * - One component: the same model as exnex.ts, which mixes per node, to 1e-9.
 * - Two components: against a brute-force sum over every pair of the two
 *   components' (mu, tau) nodes of prod_k [w_k1 L_k1 + w_k2 L_k2 + w_k0 L_kNEX]
 *   (the membership summed inside the product instead of over assignments),
 *   from the same per-node tables, to 1e-10.
 * - Limits: a component of weight 0 leaves the one-component model.
 */
import { describe, it, expect } from 'vitest';
import { componentsLimit, createExnexComponentsModel, createExnexModel, logitNormalBinomial, DEFAULT_GRID } from '../../../src/stats/basket/index.js';
import { buildBasketTable } from '../../../src/stats/basket/basket-tables.js';
import { buildHyperGrid } from '../../../src/stats/basket/hyper-grid.js';
import { logit } from '../../../src/stats/distributions.js';

const unit = (p: number) => ({ mean: logit(p), sd: 1 / Math.sqrt(p * (1 - p)) });
const halfNormal = { kind: 'halfNormal', scale: 1 } as const;

describe('EXNEX with several exchangeable components', () => {
  it('one component is exnex.ts\'s model', () => {
    const nullRates = [0.2, 0.2, 0.3, 0.25];
    const w = [0.5, 0.7, 0.3, 0.5];
    const one = createExnexComponentsModel({
      nullRates, components: [{ muPrior: unit(0.25), tauPrior: halfNormal }], weights: w.map((x) => [x]), nexPriors: nullRates.map(() => unit(0.25)),
    });
    const ref = createExnexModel({ nullRates, exWeights: w, priorRate: 0.25, interval: 'none' });
    for (const y of [[2, 5, 9, 3], [0, 0, 1, 12], [6, 6, 6, 6]]) {
      const a = one.posterior(y, [20, 20, 25, 20]);
      const b = ref.posterior(y, [20, 20, 25, 20]);
      for (let k = 0; k < 4; k++) {
        expect(a.probAboveNull[k]).toBeCloseTo(b.probAboveNull[k], 9);
        expect(a.posteriorMean[k]).toBeCloseTo(b.posteriorMean[k], 9);
        expect(a.posteriorSd[k]).toBeCloseTo(b.posteriorSd[k], 9);
        expect(a.exchangeabilityProbability[k]).toBeCloseTo(b.exchangeabilityProbability[k], 9);
      }
    }
  });

  it('two components equal the brute-force sum over node pairs', () => {
    const nullRates = [0.15, 0.15, 0.3];
    const components = [{ muPrior: unit(0.15), tauPrior: halfNormal }, { muPrior: { mean: logit(0.45), sd: 1 }, tauPrior: { kind: 'halfNormal', scale: 0.5 } as const }];
    const weights = [[0.4, 0.3], [0.25, 0.5], [0.1, 0.6]];
    const nexPriors = [unit(0.2), unit(0.2), { mean: 0, sd: 2 }];
    const grid = { muSpacing: 0.3, muSpacingMin: 0.05, logTauStep: 0.4 };
    const model = createExnexComponentsModel({ nullRates, components, weights, nexPriors, grid });
    const y = [2, 7, 9], n = [15, 18, 20];
    const r = model.posterior(y, n);
    // brute force over (g1, g2)
    const thresholds = nullRates.map(logit);
    const grids = components.map((c) => buildHyperGrid(c.muPrior, c.tauPrior, { ...DEFAULT_GRID, ...grid }, thresholds, 3));
    const tables = grids.map((g) => y.map((yk, k) => buildBasketTable(g, yk, { n: n[k], offset: 0, threshold: thresholds[k] })));
    const nex = y.map((yk, k) => logitNormalBinomial(yk, { n: n[k], offset: 0, threshold: thresholds[k] }, nexPriors[k].mean, nexPriors[k].sd));
    const [G1, G2] = grids.map((g) => g.size);
    const max1 = Math.max(...grids[0].logWeight), max2 = Math.max(...grids[1].logWeight);
    let total = 0;
    const acc = [0, 0, 0].map(() => [0, 0, 0, 0]);
    const part = new Array<number>(3), pa = new Array<number>(3), pm = new Array<number>(3), pm2 = new Array<number>(3), pex = new Array<number>(3);
    for (let g1 = 0; g1 < G1; g1++) {
      const w1 = Math.exp(grids[0].logWeight[g1] - max1);
      for (let g2 = 0; g2 < G2; g2++) {
        let prod = w1 * Math.exp(grids[1].logWeight[g2] - max2);
        for (let k = 0; k < 3; k++) {
          const t1 = tables[0][k], t2 = tables[1][k];
          const l1 = weights[k][0] * Math.exp(t1.logLik[g1]), l2 = weights[k][1] * Math.exp(t2.logLik[g2]);
          const l0 = (1 - weights[k][0] - weights[k][1]) * Math.exp(nex[k].logLik);
          part[k] = l0 + l1 + l2;
          pa[k] = (l0 * nex[k].probAbove + l1 * t1.probAbove[g1] + l2 * t2.probAbove[g2]) / part[k];
          pm[k] = (l0 * nex[k].mean + l1 * t1.mean[g1] + l2 * t2.mean[g2]) / part[k];
          pm2[k] = (l0 * nex[k].mean2 + l1 * t1.mean2[g1] + l2 * t2.mean2[g2]) / part[k];
          pex[k] = (l1 + l2) / part[k];
          prod *= part[k];
        }
        total += prod;
        for (let k = 0; k < 3; k++) { acc[k][0] += prod * pa[k]; acc[k][1] += prod * pm[k]; acc[k][2] += prod * pm2[k]; acc[k][3] += prod * pex[k]; }
      }
    }
    for (let k = 0; k < 3; k++) {
      const mean = acc[k][1] / total;
      expect(r.probAboveNull[k]).toBeCloseTo(acc[k][0] / total, 10);
      expect(r.posteriorMean[k]).toBeCloseTo(mean, 10);
      expect(r.posteriorSd[k]).toBeCloseTo(Math.sqrt(acc[k][2] / total - mean * mean), 10);
      expect(r.exchangeabilityProbability[k]).toBeCloseTo(acc[k][3] / total, 10);
      expect(r.componentProbability[k][0] + r.componentProbability[k][1]).toBeCloseTo(r.exchangeabilityProbability[k], 12);
    }
    // the basket near 0.45 leans to the second component, the one near 0.13 to the first
    expect(r.componentProbability[2][1]).toBeGreaterThan(r.componentProbability[2][0]);
    expect(r.componentProbability[0][0]).toBeGreaterThan(r.componentProbability[0][1]);
  });

  it('a second component with weight 0 leaves the one-component model', () => {
    const nullRates = [0.2, 0.2, 0.2];
    const c1 = { muPrior: unit(0.2), tauPrior: halfNormal };
    const one = createExnexComponentsModel({ nullRates, components: [c1], weights: [[0.5], [0.5], [0.5]], nexPriors: nullRates.map(() => unit(0.2)) });
    const two = createExnexComponentsModel({ nullRates, components: [c1, { muPrior: { mean: 1, sd: 1 }, tauPrior: halfNormal }], weights: [[0.5, 0], [0.5, 0], [0.5, 0]], nexPriors: nullRates.map(() => unit(0.2)) });
    const a = one.posterior([3, 8, 4], [20, 20, 20]);
    const b = two.posterior([3, 8, 4], [20, 20, 20]);
    for (let k = 0; k < 3; k++) expect(b.posteriorMean[k]).toBeCloseTo(a.posteriorMean[k], 13);
  });

  it('takes as many components as the memberships allow: three components on seven baskets, not eight', () => {
    expect(componentsLimit(2, 10)).toBeNull();
    expect(componentsLimit(3, 7)).toBeNull();
    expect(componentsLimit(3, 8)).toMatch(/65,536 memberships/);
    expect(componentsLimit(4, 6)).toBeNull();
    expect(componentsLimit(4, 7)).toMatch(/78,125 memberships/);
    const c = { muPrior: unit(0.2), tauPrior: halfNormal };
    const make = (K: number) => createExnexComponentsModel({
      nullRates: new Array<number>(K).fill(0.2), components: [c, c, c], weights: new Array(K).fill([0.3, 0.3, 0.3]), nexPriors: new Array(K).fill(unit(0.2)),
    });
    expect(() => make(8)).toThrow(/at most 59,049/);
    // three components of which two have weight 0 are the one-component model
    const three = createExnexComponentsModel({
      nullRates: [0.2, 0.2, 0.2, 0.2], components: [c, { muPrior: { mean: 1, sd: 1 }, tauPrior: halfNormal }, c], weights: new Array(4).fill([0.5, 0, 0]), nexPriors: new Array(4).fill(unit(0.2)),
    }).posterior([3, 8, 4, 6], [12, 12, 12, 12]);
    const one = createExnexComponentsModel({ nullRates: [0.2, 0.2, 0.2, 0.2], components: [c], weights: new Array(4).fill([0.5]), nexPriors: new Array(4).fill(unit(0.2)) })
      .posterior([3, 8, 4, 6], [12, 12, 12, 12]);
    for (let k = 0; k < 4; k++) expect(three.posteriorMean[k]).toBeCloseTo(one.posteriorMean[k], 13);
  });
});

/**
 * Randomised baskets with borrowing on the log odds ratio
 * (comparison.borrowing; src/designs/basket/comparison.ts): in every
 * replicate the recorded decision, posterior mean, sd and credible limits
 * equal the stats model (checked against direct integration in
 * test/stats/basket/effect-hierarchy.test.ts) applied to that replicate's
 * counts, read back from the record; the truth is the log odds ratio; and
 * bad borrowing set-ups are refused with the key path.
 */
import { describe, it, expect } from 'vitest';
import { basketData } from './helpers.js';
import { scenario } from '../../helpers/scenarios.js';
import { planSimulator } from '../../../src/run/chunk.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { simulate } from '../../../src/run/simulate.js';
import { createEffectHierarchy, fujikawaComparison, logitBetaDifference, logOddsRatio } from '../../../src/stats/basket/index.js';
import { binomialPmf } from '../../../src/stats/distributions.js';
import { binomialMcse, expectWithinMcse } from '../../helpers/mcse.js';
import { logit } from '../../../src/stats/distributions.js';

const ids = ['a', 'b', 'c'];
const drug = [0.45, 0.4, 0.2], control = [0.2, 0.2, 0.2];
const data = (borrowing: unknown[], over: Record<string, unknown> = {}) => basketData({
  p0: 0.2,
  baskets: ids.map((id, k) => ({ id, sampleSize: 20, responseRate: drug[k], control: { sampleSize: 16, responseRate: control[k] } })),
  analyses: [{ method: 'independent-exact' }],
  comparison: { alpha: 0.05, borrowing },
  ...over,
}, { replicates: 400 });

describe('randomised baskets borrowing the log odds ratio', () => {
  const borrowing = [{ method: 'hierarchical' }, { method: 'exnex', exWeight: 0.6 }];

  it('records, in each replicate, the model\'s posterior for that replicate\'s counts', () => {
    const s = scenario(data(borrowing));
    const sim = planSimulator({ spec: s.spec, data: s.prepared.data });
    const layout = sim.plan.layout;
    const e = (id: string) => layout.estimates.findIndex((x) => x.id === id);
    const h = (id: string) => layout.hypotheses.findIndex((x) => x.id === id);
    const halfNormal = { kind: 'halfNormal', scale: 1 } as const;
    const models = {
      hierarchical: createEffectHierarchy({ muPrior: { mean: 0, sd: 10 }, tauPrior: halfNormal }, 3),
      exnex: createEffectHierarchy({ muPrior: { mean: 0, sd: 10 }, tauPrior: halfNormal, exWeights: [0.6, 0.6, 0.6], nexPriors: ids.map(() => ({ mean: 0, sd: 2 })) }, 3),
    };
    for (let r = 1; r <= 25; r++) {
      sim.plan.simulate(new ReplicateStreams(s.spec.seed, r), sim.record);
      const x1 = ids.map((id) => Math.round(20 * sim.record.estimate[e(`rate:independent-exact:${id}`)]));
      const x0 = ids.map((id, k) => Math.round(16 * (x1[k] / 20 - sim.record.estimate[e(`rd:${id}`)])));
      const lor = ids.map((_, k) => logOddsRatio(x1[k], 20, x0[k], 16));
      for (const method of ['hierarchical', 'exnex'] as const) {
        const p = models[method](lor.map((x) => x.estimate), lor.map((x) => x.variance));
        ids.forEach((id, k) => {
          const j = e(`logOR:${method}:${id}`);
          expect(sim.record.estimate[j]).toBeCloseTo(p.mean[k], 12);
          expect(sim.record.se[j]).toBeCloseTo(p.sd[k], 12);
          expect(sim.record.lower[j]).toBeCloseTo(p.lower[k], 10);
          expect(sim.record.upper[j]).toBeCloseTo(p.upper[k], 10);
          expect(sim.record.rejected[h(`randomised:${method}:${id}`)]).toBe(p.probPositive[k] > 0.975 ? 1 : 0);
        });
      }
    }
  });

  it('Fujikawa\'s borrowing within each arm: the recorded decision, mean, sd and limits are those of the replicate\'s counts', () => {
    const spec = { method: 'fujikawa', id: 'fuji', threshold: 0.9, epsilon: 2, tau: 0.3 };
    const s = scenario(data([spec]));
    const sim = planSimulator({ spec: s.spec, data: s.prepared.data });
    const layout = sim.plan.layout;
    const e = (id: string) => layout.estimates.findIndex((x) => x.id === id);
    const h = (id: string) => layout.hypotheses.findIndex((x) => x.id === id);
    let rejections = 0;
    for (let r = 1; r <= 25; r++) {
      sim.plan.simulate(new ReplicateStreams(s.spec.seed, r), sim.record);
      const x1 = ids.map((id) => Math.round(20 * sim.record.estimate[e(`rate:independent-exact:${id}`)]));
      const x0 = ids.map((id, k) => Math.round(16 * (x1[k] / 20 - sim.record.estimate[e(`rd:${id}`)])));
      const p = fujikawaComparison(x1, [20, 20, 20], x0, [16, 16, 16], { epsilon: 2, tau: 0.3 }).effect;
      ids.forEach((id, k) => {
        const j = e(`logOR:fuji:${id}`);
        expect(sim.record.estimate[j]).toBe(p[k].mean);
        expect(sim.record.se[j]).toBe(p[k].sd);
        expect(sim.record.lower[j]).toBe(p[k].lower);
        expect(sim.record.upper[j]).toBe(p[k].upper);
        expect(sim.record.rejected[h(`randomised:fuji:${id}`)]).toBe(p[k].probPositive > 0.9 ? 1 : 0);
        rejections += sim.record.rejected[h(`randomised:fuji:${id}`)];
      });
    }
    expect(rejections).toBeGreaterThan(0);
  });

  it('Fujikawa without borrowing (tau = 1): each basket\'s rejection rate within 4 MCSE of its exact value, a sum over (x1, x0)', async () => {
    const { summary } = await simulate(scenario(data([{ method: 'fujikawa', threshold: 0.95, tau: 1 }])), { workers: 0 });
    const pmf = (n: number, p: number) => Array.from({ length: n + 1 }, (_, x) => binomialPmf(x, n, p));
    ids.forEach((id, k) => {
      const f1 = pmf(20, drug[k]), f0 = pmf(16, control[k]);
      let exact = 0;
      for (let x1 = 0; x1 <= 20; x1++) for (let x0 = 0; x0 <= 16; x0++) {
        if (logitBetaDifference(1 + x1, 21 - x1, 1 + x0, 17 - x0).probPositive > 0.95) exact += f1[x1] * f0[x0];
      }
      const h = summary.hypotheses.find((x) => x.id === `randomised:fujikawa:${id}`)!;
      expectWithinMcse(h.rate, exact, { mcse: binomialMcse(exact, summary.replicates), what: h.id });
    });
  }, 120_000);

  it('reports each basket\'s true log odds ratio, and borrowing pulls the null basket c toward the others', async () => {
    const { summary } = await simulate(scenario(data(borrowing)), { workers: 0 });
    const est = (id: string) => summary.estimates.find((x) => x.id === id)!;
    ids.forEach((id, k) => expect(est(`logOR:hierarchical:${id}`).truth).toBeCloseTo(logit(drug[k]) - logit(control[k]), 12));
    // shrinkage toward the active baskets: a bias more than 4 Monte Carlo SEs above 0
    const c = est('logOR:hierarchical:c');
    expect(c.bias!).toBeGreaterThan(4 * c.biasMcse!);
    expect(summary.hypotheses.find((x) => x.id === 'randomised:exnex:c')!.meaning).toBe('type I error');
  }, 60_000);

  it('refuses borrowing with one randomised basket, a rate of 0 or duplicate ids; falls back from exact computation', () => {
    const one = basketData({
      p0: 0.2, baskets: [{ id: 'a', sampleSize: 20, responseRate: 0.4, control: { sampleSize: 20, responseRate: 0.2 } }, { id: 'b', sampleSize: 20, responseRate: 0.4 }],
      analyses: [{ method: 'independent-exact' }], comparison: { borrowing },
    });
    expect(() => scenario(one)).toThrow(/comparison\.borrowing: borrowing needs at least two randomised baskets \(each with a control\), found 1/);
    const zero = data(borrowing);
    ((zero.design as { baskets: { control: { responseRate: number } }[] }).baskets[1].control.responseRate = 0);
    expect(() => scenario(zero)).toThrow(/baskets\[1\]\.control\.responseRate: with borrowing on the log odds ratio the true rates of randomised baskets must lie strictly between 0 and 1, found 0/);
    expect(() => scenario(data([{ method: 'hierarchical' }, { method: 'hierarchical' }]))).toThrow(/comparison\.borrowing\[1\]\.id/);
    // asked for exact figures, it says why it simulates instead
    expect(scenario(data(borrowing), { exact: true }).prepared.exact).toEqual({ fallback: expect.stringMatching(/borrowing across randomised baskets/) });
  });
});

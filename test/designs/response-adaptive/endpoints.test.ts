/**
 * Continuous and time-to-event response-adaptive trials against exact
 * operating characteristics. With equal fixed allocation the number on the
 * drug is Binomial(n, 1/2), and given it:
 * - continuous, known σ, flat prior: P(drug best) = Φ((ȳ_1 - ȳ_0) / se), so
 *   the trial stops for superiority at an analysis of n outcomes with
 *   probability Σ Bin(n_1) Φ(δ / se(n_1) - z_0.975) (exact);
 * - time-to-event, exponential, every event observed, Gamma(a, 0) prior:
 *   P(λ_1 < λ_0 | data) = I_{T_1/(T_1+T_0)}(a + n_1, a + n_0), and
 *   λ_1 T_1 / (λ_1 T_1 + λ_0 T_0) ~ Beta(n_1, n_0), so the superiority
 *   probability is Σ Bin(n_1) (1 - I_{q/(1+q)}(n_1, n_0)) with
 *   q = (λ_1/λ_0) x_c/(1 - x_c), x_c the 0.975 quantile of Beta(a + n_1, a + n_0)
 *   (exact).
 * The posteriors themselves are checked against the conjugate formulas.
 */
import { describe, it, expect } from 'vitest';
import { simulate } from '../../../src/run/simulate.js';
import { scenario } from '../../helpers/scenarios.js';
import { expectWithinMcse, binomialMcse } from '../../helpers/mcse.js';
import { binomialPmf, normalCdf, normalQuantile, betaCdf, betaQuantile } from '../../../src/stats/distributions.js';
import { armEvidence } from '../../../src/designs/response-adaptive/evidence.js';
import type { ResponseAdaptiveScenario } from '../../../src/designs/response-adaptive/schema.js';

describe('continuous endpoint, known variance', () => {
  it('stops for superiority at the interim with the exact probability Σ Bin(n1) Φ(δ/se - z)', async () => {
    const R = 4000, n = 40, delta = 0.5;
    const { summary } = await simulate(scenario({
      name: 'continuous-rar', seed: 11, replicates: R,
      endpoint: { type: 'continuous', sd: 1 },
      arms: { control: {}, drug: { effect: delta } },
      design: {
        type: 'response-adaptive', sampleSize: 80, analyses: [n], allocation: { rule: 'fixed' },
        posterior: { variance: 'known' }, stopping: { superiority: 0.975 },
      },
    }), { workers: 2 });
    let exact = 0;
    for (let n1 = 1; n1 < n; n1++) exact += binomialPmf(n1, n, 0.5) * normalCdf(delta / Math.sqrt(1 / n1 + 1 / (n - n1)) - normalQuantile(0.975));
    const stopped = summary.metrics.find((m) => m.id === 'stopped:superiority')!.mean;
    expectWithinMcse(stopped, exact, { mcse: binomialMcse(exact, R), what: 'P(stop for superiority at the interim)' });
    expect(summary.hypotheses[0].scale).toBe('mean difference');
    expect(summary.hypotheses[0].trueEffect).toBe(delta);
  });

  it('posteriors are the conjugate normal ones: known σ with a normal prior, and the sample variance plugged in', () => {
    const spec = (posterior: object) => ({ endpoint: { type: 'continuous', sd: 2, better: 'higher' }, design: { prior: { a: 1, b: 1 }, posterior } }) as unknown as ResponseAdaptiveScenario;
    const data = [1.2, 0.4, 2.9, 1.7];
    const known = armEvidence(spec({ variance: 'known', priorMean: 1, priorSd: 0.5 }), 1);
    data.forEach((x) => known.add(0, x));
    expect(known.posterior([0])).toBe(true);
    const precision = 1 / 0.25 + 4 / 4, mean = (1 / 0.25 + (4 / 4) * (6.2 / 4)) / precision;
    expect(known.p1[0]).toBeCloseTo(mean, 14);
    expect(known.p2[0]).toBeCloseTo(1 / Math.sqrt(precision), 14);
    const estimated = armEvidence(spec({}), 1);
    data.forEach((x) => estimated.add(0, x));
    const ybar = 6.2 / 4, s2 = data.reduce((a, x) => a + (x - ybar) ** 2, 0) / 3;
    expect(estimated.posterior([0])).toBe(true);
    expect(estimated.p1[0]).toBeCloseTo(ybar, 14);
    expect(estimated.p2[0]).toBeCloseTo(Math.sqrt(s2 / 4), 14);
    const one = armEvidence(spec({}), 1);
    one.add(0, 1);
    expect(one.posterior([0])).toBe(false);
  });
});

describe('time-to-event endpoint (gamma-exponential)', () => {
  it('declares the drug best at the final analysis with the exact probability of the beta-ratio sum', async () => {
    const R = 4000, N = 30, hr = 0.5, a = 0.5;
    const { summary } = await simulate(scenario({
      name: 'tte-rar', seed: 5, replicates: R,
      endpoint: { type: 'time-to-event', median: 1, accrualDuration: 12, followUp: 5000, better: 'higher' },
      arms: { control: {}, drug: { effect: Math.log(hr) } },
      design: { type: 'response-adaptive', sampleSize: N, analyses: [N], allocation: { rule: 'fixed' }, stopping: { superiority: 0.975 } },
    }), { workers: 2 });
    let exact = 0;
    for (let n1 = 1; n1 < N; n1++) {
      const n0 = N - n1, x = betaQuantile(0.975, a + n1, a + n0), q = (hr * x) / (1 - x);
      exact += binomialPmf(n1, N, 0.5) * (1 - betaCdf(q / (1 + q), n1, n0));
    }
    const h = summary.hypotheses[0];
    expectWithinMcse(h.rate, exact, { mcse: binomialMcse(exact, R), what: 'P(drug declared best)' });
    expect(h.scale).toBe('log hazard ratio');
    // Without interim analyses every trial lasts accrual + follow-up.
    expect(summary.metrics.find((m) => m.id === 'duration')!.mean).toBe(12 + 5000);
    expect(h.trueEffect).toBeCloseTo(Math.log(hr), 12);
  });
});

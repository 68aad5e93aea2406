/**
 * The Mendelian randomisation design against analytic values: the
 * observational slope converges to Cov(X, Y)/Var(X), known exactly from the
 * model (confounding and pleiotropy included); with strong valid
 * instruments in two samples IVW is centred on the causal effect (up to the
 * weak-instrument bias toward the null, about the effect over the F
 * statistic) and covers it; without pleiotropy the MR-Egger intercept test
 * holds its level, with directional pleiotropy it detects it and IVW is
 * biased by it.
 */
import { describe, it, expect } from 'vitest';
import { mendelianDesign } from '../../../src/designs/mendelian/index.js';
import { newRecord } from '../../../src/designs/types.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { scenario } from '../../helpers/scenarios.js';
import { expectWithinMcse, meanMcse, binomialMcse } from '../../helpers/mcse.js';

const variants = (pleiotropy: number) => Array.from({ length: 8 }, (_, j) => ({ id: `v${j}`, frequency: 0.2 + 0.05 * j, exposure: 0.15 + 0.01 * (j % 3), pleiotropy: j % 2 === 0 ? pleiotropy : 0 }));
function study(pleiotropy: number, samples: 'one' | 'two', estimators = ['ivw', 'egger', 'observational']) {
  return scenario({
    name: 'mr', seed: 5, replicates: 10,
    design: { type: 'mendelian', effect: 0.3, confounder: { exposure: 0.6, outcome: 0.4 }, sampleSize: 5000, samples, variants: variants(pleiotropy), estimators },
  });
}

function run(loaded: ReturnType<typeof scenario>, R: number) {
  const plan = mendelianDesign.plan(loaded.spec, null);
  const rec = newRecord(plan.layout);
  const n = plan.layout.estimates.length;
  const sum = new Float64Array(n), sq = new Float64Array(n), rej = new Float64Array(n), cover = new Float64Array(n);
  for (let r = 1; r <= R; r++) {
    plan.simulate(new ReplicateStreams(5, r), rec);
    for (let k = 0; k < n; k++) {
      sum[k] += rec.estimate[k]; sq[k] += rec.estimate[k] ** 2; rej[k] += rec.rejected[k];
      cover[k] += rec.lower[k] <= 0.3 && 0.3 <= rec.upper[k] ? 1 : 0;
    }
  }
  const at = (id: string) => {
    const k = plan.layout.estimates.findIndex((e) => e.id === id);
    const m = sum[k] / R;
    return { mean: m, mcse: meanMcse(Math.sqrt(sq[k] / R - m * m), R), rate: rej[k] / R, coverage: cover[k] / R };
  };
  return at;
}

/** Cov(X, Y)/Var(X) of the model: β + (Σ γθ 2f(1−f) + c_X c_Y) / Var X. */
function observationalLimit(pleiotropy: number): number {
  const v = variants(pleiotropy);
  const g = v.reduce((a, x) => a + x.exposure ** 2 * 2 * x.frequency * (1 - x.frequency), 0);
  const gt = v.reduce((a, x) => a + x.exposure * x.pleiotropy * 2 * x.frequency * (1 - x.frequency), 0);
  const varX = g + 0.6 ** 2 + 1;
  return 0.3 + (gt + 0.6 * 0.4) / varX;
}

/** The first-order regression-dilution factor of two-sample IVW in this model (n = 5,000 per sample). */
function ivwAttenuation(): number {
  const v = variants(0), n = 5000, beta = 0.3;
  const varG = v.map((x) => 2 * x.frequency * (1 - x.frequency));
  const varX = v.reduce((a, x, j) => a + x.exposure ** 2 * varG[j], 0) + 0.6 ** 2 + 1;
  const varY = beta ** 2 * varX + 0.4 ** 2 + 2 * beta * 0.6 * 0.4 + 1;
  let num = 0, den = 0;
  v.forEach((x, j) => {
    const sx2 = (varX - x.exposure ** 2 * varG[j]) / (n * varG[j]);
    const sy2 = (varY - (beta * x.exposure) ** 2 * varG[j]) / (n * varG[j]);
    num += x.exposure ** 2 / sy2; den += (x.exposure ** 2 + sx2) / sy2;
  });
  return num / den;
}

const R = 1500;

describe('Mendelian randomisation design', () => {
  it('the observational slope is centred on Cov(X, Y)/Var(X) (exact), far from the causal effect', () => {
    const at = run(study(0, 'one', ['observational']), R);
    const o = at('observational');
    expectWithinMcse(o.mean, observationalLimit(0), { mcse: o.mcse, slack: 1e-4 });
    expect(observationalLimit(0) - 0.3).toBeGreaterThan(0.1);
  });

  it('with valid strong instruments in two samples, IVW is centred on the effect and covers it; Egger\'s intercept test holds its level', () => {
    const at = run(study(0, 'two'), R);
    const i = at('ivw');
    // With independent samples the estimated bx carry sampling error, which attenuates IVW toward the null by
    // the regression-dilution factor λ = Σ w γ² / Σ w (γ² + sx²), w = 1/sy², known from the model (first order).
    expectWithinMcse(i.mean, 0.3 * ivwAttenuation(), { mcse: i.mcse, slack: 1e-3 });
    // Coverage carries the same small attenuation: 0.01 beside the Monte Carlo error.
    expectWithinMcse(i.coverage, 0.95, { mcse: binomialMcse(0.95, R), slack: 0.01 });
    expect(at('egger-intercept').rate).toBeLessThanOrEqual(0.05 + 4 * binomialMcse(0.05, R));
  });

  it('directional pleiotropy biases IVW upward and the Egger intercept test detects it', () => {
    const at = run(study(0.05, 'two'), R);
    expect(at('ivw').mean - 0.3).toBeGreaterThan(10 * at('ivw').mcse);
    expect(at('egger-intercept').rate).toBeGreaterThan(0.05 + 6 * binomialMcse(0.05, R));
    expectWithinMcse(at('observational').mean, observationalLimit(0.05), { mcse: at('observational').mcse, slack: 1e-4 });
  });
});

describe('a variant hardly anyone carries', () => {
  it('runs, its slope missing from the mean F (which stays finite) and its estimates left out of the summary', async () => {
    const { simulate } = await import('../../../src/run/simulate.js');
    const { scenarioFile } = await import('../../helpers/scenarios.js');
    const base = scenarioFile('scenarios/mendelian/ldl-heart-disease.yaml', { replicates: 40 });
    const spec = structuredClone(base.spec) as { design: { variants: { frequency: number }[] } };
    spec.design.variants[0].frequency = 1e-9;
    const { summary } = await simulate({ ...base, spec } as typeof base, { workers: 1 });
    const f = summary.metrics.find((m) => m.id === 'mean-F')!;
    expect(Number.isFinite(f.mean)).toBe(true);
  });
});

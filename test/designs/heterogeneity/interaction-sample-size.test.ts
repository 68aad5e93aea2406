/**
 * An interaction needs four times the patients of a main effect of the same
 * size (balanced binary marker, continuous endpoint): with n/4 patients in
 * each arm x marker cell, the interaction (a difference of two subgroup
 * differences) has Var = 4σ²/(n/4) = 16σ²/n against Var(main effect) =
 * σ²(2/n + 2/n) = 4σ²/n, so at 4n the interaction's variance equals the main
 * effect's at n. The simulator finds it: power of the interaction test
 * at 4n equals power of the main-effect test at n within Monte Carlo error.
 */
import { describe, it, expect } from 'vitest';
import { simulate } from '../../../src/run/simulate.js';
import { normalCdf, tQuantile, logGamma } from '../../../src/stats/distributions.js';
import { scenario } from '../../helpers/scenarios.js';
import { binomialMcse, expectWithinMcse } from '../../helpers/mcse.js';
import { flagship } from './helpers.js';

const R = 4000;
const n = 200;
const delta = 0.4;

const trial = (sampleSize: number, drug: Record<string, unknown>, models: unknown[]) => scenario({
  name: 'interaction sample size', seed: 5, replicates: R, truth: { patients: 20000 },
  population: { biomarkers: [{ id: 'mplus', type: 'binary', prevalence: 0.5 }] },
  endpoint: { type: 'continuous', intercept: 0, sd: 1 },
  arms: { control: {}, drug },
  design: {
    type: 'two-arm', sampleSize, randomisation: { method: 'permuted-block', blockSize: 4, strata: ['mplus'] },
    analysis: { primary: { test: 't', alpha: 0.05, sided: 'two' }, models },
  },
});

/**
 * Exact power of a two-sided t-test at level 5% whose estimate has
 * noncentrality λ = δ/SE and df degrees of freedom: the noncentral t tail
 * E_V[Φ(λ - c√(V/df)) + Φ(-λ - c√(V/df))], V ~ χ²_df, by the trapezoid rule
 * over ±12 SDs of V (error far below 1e-6).
 */
function tTestPower(lambda: number, df: number): number {
  const c = tQuantile(0.975, df);
  const lo = Math.max(1e-9, df - 12 * Math.sqrt(2 * df)), hi = df + 12 * Math.sqrt(2 * df);
  const steps = 4000, h = (hi - lo) / steps;
  let total = 0;
  for (let k = 0; k <= steps; k++) {
    const v = lo + k * h;
    const density = Math.exp((df / 2 - 1) * Math.log(v) - v / 2 - logGamma(df / 2) - (df / 2) * Math.LN2);
    const s = c * Math.sqrt(v / df);
    total += (k === 0 || k === steps ? 0.5 : 1) * density * (normalCdf(lambda - s) + normalCdf(-lambda - s));
  }
  return total * h;
}

const rate = (s: { hypotheses: { id: string; rate: number }[] }, id: string) => s.hypotheses.find((h) => h.id === id)!.rate;

describe('detecting an interaction as large as a main effect', async () => {
  const main = (await simulate(trial(n, { effect: delta }, []), { workers: 0 })).summary;
  const model = [{ type: 'linear', biomarkers: ['mplus'], test: 'wald' }];
  const interaction4n = (await simulate(trial(4 * n, { effect: 0, interactions: { mplus: delta } }, model), { workers: 0 })).summary;
  const interactionN = (await simulate(trial(n, { effect: 0, interactions: { mplus: delta } }, model), { workers: 0 })).summary;

  it('interaction power at 4n equals main-effect power at n within 4 Monte Carlo SEs', () => {
    const pMain = rate(main, 'drug-vs-control');
    const pInt = rate(interaction4n, 'linear|interaction:mplus|wald');
    expectWithinMcse(pInt, pMain, { mcse: Math.hypot(binomialMcse(pMain, R), binomialMcse(pInt, R)) });
  });

  it('each has the exact t-test power (about 80%), while the interaction at n has only about 29%', () => {
    // λ = δ / (2σ/√n) = 2.83 for the main effect at n (df n-2) and the interaction at 4n (df 4n-4); λ/2 for the interaction at n.
    const lambda = delta / (2 / Math.sqrt(n));
    const cases: [number, number][] = [
      [rate(main, 'drug-vs-control'), tTestPower(lambda, n - 2)],
      [rate(interaction4n, 'linear|interaction:mplus|wald'), tTestPower(lambda, 4 * n - 4)],
      [rate(interactionN, 'linear|interaction:mplus|wald'), tTestPower(lambda / 2, n - 4)],
    ];
    for (const [simulated, exact] of cases) expectWithinMcse(simulated, exact, { mcse: binomialMcse(exact, R) });
    expect(cases[0][1]).toBeGreaterThan(0.79);
    expect(cases[2][1]).toBeLessThan(0.3);
  });

  it('the interaction estimate at 4n has the empirical SE of the main effect at n: 2σ/√n', () => {
    const se = (s: typeof main, id: string) => s.estimates.find((e) => e.id === id)!;
    for (const e of [se(main, 'md:drug-vs-control'), se(interaction4n, 'coef:linear:interaction:mplus')]) {
      expectWithinMcse(e.empiricalSe!, 2 / Math.sqrt(n), { mcse: e.empiricalSeMcse! });
    }
  });

  it("the exact t-test power agrees with R's power.t.test", () => {
    // power.t.test(n = 100, delta = 0.4, sd = 1, strict = TRUE)$power: 100 per arm, df 198.
    expect(tTestPower(0.4 / Math.sqrt(2 / 100), 198)).toBeCloseTo(0.803647504421, 7);
  });

  it('the shipped scenario has the main effect equal to the interaction (0.4 SD) and validates', () => {
    const s = flagship('interaction-sample-size.yaml').spec;
    const drug = s.arms!.drug;
    expect(drug.effect + 0.5 * drug.interactions!.mplus).toBeCloseTo(drug.interactions!.mplus, 12);
  });
});

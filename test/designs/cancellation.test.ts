/**
 * The cancellation example: a predictive biomarker with benefit in one
 * subgroup and equal harm in the other, so the arms' marginal response rates
 * are equal. The overall test rejects at its exact size while the subgroup
 * and interaction tests have high power.
 */
import { describe, it, expect } from 'vitest';
import { simulate } from '../../src/run/simulate.js';
import { exactPooledZRejectionProbability } from '../../src/stats/exact-power.js';
import { binomialPmf, normalUpper } from '../../src/stats/distributions.js';
import { stream } from '../../src/random/stream.js';
import { scenario } from '../helpers/scenarios.js';
import { binomialMcse, expectWithinMcse } from '../helpers/mcse.js';
import { drawCancellationCells, cancellationScenarioData, pPlus, pMinus } from '../helpers/cancellation-cells.js';

const R = 20000;
const loaded = scenario(cancellationScenarioData('cancellation', R, 200000));

const within4 = (rate: number, exact: number) => expectWithinMcse(rate, exact, { mcse: binomialMcse(exact, R) });

/**
 * Exact power of the subgroup test: with unstratified blocks each arm has
 * exactly 150 patients, and the marker-positive count in each arm is
 * Binomial(150, 1/2), independently; given those counts the responders are
 * binomial. Sum the exact pooled-z power (by enumeration of both response
 * counts) over the two subgroup counts.
 */
function exactSubgroupPower(pDrug: number): number {
  const crit = 1.959963984540054;
  const pmfs = (p: number) => Array.from({ length: 151 }, (_, m) => Float64Array.from({ length: m + 1 }, (_, x) => binomialPmf(x, m, p)));
  const drug = pmfs(pDrug), control = pmfs(0.5);
  let total = 0;
  for (let m1 = 1; m1 <= 150; m1++) {
    const w1 = binomialPmf(m1, 150, 0.5);
    if (w1 < 1e-13) continue;
    for (let m0 = 1; m0 <= 150; m0++) {
      const w0 = binomialPmf(m0, 150, 0.5);
      if (w0 < 1e-13) continue;
      let power = 0;
      for (let x1 = 0; x1 <= m1; x1++) {
        for (let x0 = 0; x0 <= m0; x0++) {
          const p = (x1 + x0) / (m1 + m0);
          const v = p * (1 - p) * (1 / m1 + 1 / m0);
          if (v > 0 && Math.abs(x1 / m1 - x0 / m0) > crit * Math.sqrt(v)) power += drug[m1][x1] * control[m0][x0];
        }
      }
      total += w1 * w0 * power;
    }
  }
  return total;
}

/**
 * An independent Monte Carlo of the interaction test (Wald test of the
 * difference of the two subgroup log odds ratios), drawing cell counts
 * directly instead of patients.
 */
function independentInteractionPower(replicates: number): number {
  const u = stream(99, 1, 'analysis');
  let rejections = 0;
  for (let r = 0; r < replicates; r++) {
    const t = drawCancellationCells(u, pPlus, pMinus);
    const cells = [[t.drugPlus, t.controlPlus], [t.drugMinus, t.controlMinus]].map(([drug, control]) => {
      let a = drug.responders, b = drug.patients - drug.responders, c = control.responders, d = control.patients - control.responders;
      if (a === 0 || b === 0 || c === 0 || d === 0) { a += 0.5; b += 0.5; c += 0.5; d += 0.5; }
      return { lor: Math.log((a * d) / (b * c)), v: 1 / a + 1 / b + 1 / c + 1 / d };
    });
    const z = (cells[0].lor - cells[1].lor) / Math.sqrt(cells[0].v + cells[1].v);
    if (2 * normalUpper(Math.abs(z)) < 0.05) rejections++;
  }
  return rejections / replicates;
}

describe('a predictive biomarker whose effects cancel on average', async () => {
  const { summary } = await simulate(loaded, { workers: 2 });
  const rate = (id: string) => summary.hypotheses.find((h) => h.id === id)!;

  it('the overall test rejects at the exact type-I error of equal marginal rates', () => {
    const h = rate('drug-vs-control');
    expect(h.meaning).toBe('type I error');
    within4(h.rate, exactPooledZRejectionProbability({ n1: 150, p1: 0.5, n0: 150, p0: 0.5, alpha: 0.05, sided: 2 }));
  });

  it('each subgroup test has its exact power', () => {
    const plus = rate('drug-vs-control|mplus=1');
    const minus = rate('drug-vs-control|mplus=0');
    const exactPlus = exactSubgroupPower(pPlus);
    expect(exactPlus).toBeGreaterThan(0.9);
    within4(plus.rate, exactPlus);
    within4(minus.rate, exactSubgroupPower(pMinus));
    expect(plus.meaning).toBe('power');
  });

  it('the interaction test has the power an independent implementation finds', () => {
    const h = rate('drug-vs-control|interaction:mplus');
    const other = independentInteractionPower(R);
    expect(other).toBeGreaterThan(0.95);
    expectWithinMcse(h.rate, other, { mcse: Math.hypot(binomialMcse(h.rate, R), binomialMcse(other, R)) });
  });

  it('knows the true effects: exact within subgroups, zero on average', () => {
    const est = (id: string) => summary.estimates.find((e) => e.id === id)!;
    expect(est('rd:drug-vs-control|mplus=1').truth).toBeCloseTo(pPlus - 0.5, 12);
    expect(est('logOR:drug-vs-control|mplus=0').truth).toBeCloseTo(-1.2, 10);
    // the biomarkers are discrete: the average is a weighted sum over their patterns, exact
    const avg = est('rd:drug-vs-control');
    expect(avg.truth!).toBeCloseTo(0, 14);
    expect(avg.truthMcse).toBe(0);
  });

  it('states that the average hides subgroup effects of opposite sign', () => {
    const rows = summary.cancellation as { scale: string; index: number; oppositeSigns: boolean; statement: string }[];
    const rd = rows.find((r) => r.scale === 'risk difference')!;
    expect(rd.oppositeSigns).toBe(true);
    expect(rd.index).toBeGreaterThan(0.98);
    expect(rd.statement).toMatch(/hides subgroup effects of opposite sign/);
  });
});

/**
 * Credible intervals of the Bayesian basket analyses in the design: the
 * hierarchical and EXNEX intervals (src/stats/basket/intervals.ts, checked
 * against R in test/stats/basket/intervals.test.ts) and Fujikawa's Beta
 * intervals reach the summary as the model SE and the coverage of the true
 * rate. Computed exactly (every responder vector with its binomial
 * probability), the coverage and model SE equal an enumeration over the
 * models' own posteriors; simulated, they agree with the exact values
 * within 4 Monte Carlo SEs; `interval: hpd` gives intervals never longer
 * than the equal-tailed ones.
 */
import { describe, it, expect } from 'vitest';
import { basketData, estimate, load, run } from './helpers.js';
import { scenario } from '../../helpers/scenarios.js';
import { computeExact } from '../../../src/run/simulate.js';
import { binomialPmf } from '../../../src/stats/distributions.js';
import { expectWithinMcse } from '../../helpers/mcse.js';
import { ScenarioError } from '../../../src/scenario/errors.js';
import {
  betaInterval, createBerryHierarchicalModel, createExnexModel, fujikawaPosterior,
} from '../../../src/stats/basket/index.js';

const p0 = 0.2;
const sizes = [6, 8, 5];
const rates = [0.2, 0.35, 0.5];
const design = {
  p0,
  baskets: sizes.map((n, k) => ({ id: 'abc'[k], sampleSize: n, responseRate: rates[k] })),
  analyses: [
    { method: 'hierarchical' },
    { method: 'hierarchical', id: 'hierarchical-hpd', interval: 'hpd' },
    { method: 'exnex' },
    { method: 'fujikawa' },
    { method: 'fujikawa', id: 'fujikawa-hpd', interval: 'hpd' },
  ],
};

type Summaries = (y: number[], n: number[]) => { lower: number[]; upper: number[]; sd: number[] };

const nulls = sizes.map(() => p0);
const models: Record<string, Summaries> = {
  hierarchical: ((m) => (y: number[], n: number[]) => { const r = m.posterior(y, n); return { lower: r.lower, upper: r.upper, sd: r.posteriorSd }; })(createBerryHierarchicalModel({ nullRates: nulls })),
  'hierarchical-hpd': ((m) => (y: number[], n: number[]) => { const r = m.posterior(y, n); return { lower: r.lower, upper: r.upper, sd: r.posteriorSd }; })(createBerryHierarchicalModel({ nullRates: nulls, interval: 'hpd' })),
  exnex: ((m) => (y: number[], n: number[]) => { const r = m.posterior(y, n); return { lower: r.lower, upper: r.upper, sd: r.posteriorSd }; })(createExnexModel({ nullRates: nulls })),
  fujikawa: (y, n) => beta(y, n, 'equal-tailed'),
  'fujikawa-hpd': (y, n) => beta(y, n, 'hpd'),
};

function beta(y: number[], n: number[], kind: 'equal-tailed' | 'hpd') {
  const p = fujikawaPosterior(y, n, p0);
  const c = p.shape1.map((a, k) => betaInterval(a, p.shape2[k], kind));
  return {
    lower: c.map((x) => x.lower), upper: c.map((x) => x.upper),
    sd: p.shape1.map((a, k) => { const b = p.shape2[k]; return Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1))); }),
  };
}

/** Exact coverage, RMS model SE and mean width of each basket's interval, by enumerating every vector. */
function enumerate(f: Summaries) {
  const K = sizes.length;
  const coverage = new Array<number>(K).fill(0);
  const se2 = new Array<number>(K).fill(0);
  const width = new Array<number>(K).fill(0);
  const widths: number[][] = [];
  for (let y0 = 0; y0 <= sizes[0]; y0++) for (let y1 = 0; y1 <= sizes[1]; y1++) for (let y2 = 0; y2 <= sizes[2]; y2++) {
    const y = [y0, y1, y2];
    const w = y.reduce((acc, yk, k) => acc * binomialPmf(yk, sizes[k], rates[k]), 1);
    const s = f(y, sizes);
    widths.push(s.upper.map((u, k) => u - s.lower[k]));
    for (let k = 0; k < K; k++) {
      if (s.lower[k] <= rates[k] && rates[k] <= s.upper[k]) coverage[k] += w;
      se2[k] += w * s.sd[k] ** 2;
      width[k] += w * (s.upper[k] - s.lower[k]);
    }
  }
  return { coverage, modelSe: se2.map(Math.sqrt), width, widths };
}

describe('credible intervals of the Bayesian basket analyses', () => {
  const exact = computeExact(scenario(basketData(design), { exact: true })).summary;
  const expected = Object.fromEntries(Object.entries(models).map(([id, f]) => [id, enumerate(f)]));

  it('computed exactly, every analysis reports coverage and model SE equal to the enumeration', () => {
    for (const id of Object.keys(models)) {
      sizes.forEach((_, k) => {
        const e = estimate(exact, `rate:${id}:${'abc'[k]}`);
        expect(e.coverage, `${id} ${k} coverage`).toBeCloseTo(expected[id].coverage[k], 10);
        expect(e.modelSe, `${id} ${k} model SE`).toBeCloseTo(expected[id].modelSe[k], 10);
      });
    }
  });

  it('the HPD intervals are never longer than the equal-tailed ones', () => {
    for (const [hpd, et] of [['hierarchical-hpd', 'hierarchical'], ['fujikawa-hpd', 'fujikawa']]) {
      expected[hpd].widths.forEach((w, i) => w.forEach((x, k) => expect(x).toBeLessThanOrEqual(expected[et].widths[i][k] + 1e-9)));
      sizes.forEach((_, k) => expect(expected[hpd].width[k]).toBeLessThan(expected[et].width[k]));
    }
  });

  it('simulated, the coverage agrees with the exact value within 4 Monte Carlo SEs', async () => {
    const s = await run(basketData(design, { replicates: 3000, seed: 23 }));
    for (const id of Object.keys(models)) {
      sizes.forEach((_, k) => {
        const e = estimate(s, `rate:${id}:${'abc'[k]}`);
        const c = expected[id].coverage[k];
        expectWithinMcse(e.coverage!, c, { mcse: Math.sqrt((c * (1 - c)) / s.replicates), floor: 1e-12, what: `${id} ${k} coverage` });
        expect(e.modelSe).toBeGreaterThan(0);
      });
    }
  });

  it('interval: none gives no interval and no coverage, and the same posterior means', () => {
    const withNone = computeExact(scenario(basketData({ ...design, analyses: [{ method: 'hierarchical' }, { method: 'hierarchical', id: 'h-none', interval: 'none' }, { method: 'fujikawa', id: 'f-none', interval: 'none' }] }), { exact: true })).summary;
    for (const id of 'abc') {
      expect(estimate(withNone, `rate:h-none:${id}`).coverage).toBeNull();
      expect(estimate(withNone, `rate:f-none:${id}`).coverage).toBeNull();
      expect(estimate(withNone, `rate:h-none:${id}`).mean).toBe(estimate(withNone, `rate:hierarchical:${id}`).mean);
    }
  });

  it('refuses an unknown interval, naming the key', () => {
    try {
      load(basketData({ ...design, analyses: [{ method: 'exnex', interval: 'shortest' }] }));
      throw new Error('expected the scenario to be rejected');
    } catch (err) {
      expect(err).toBeInstanceOf(ScenarioError);
      expect((err as Error).message).toMatch(/design\.analyses\[0\]\.interval/);
    }
  });
});

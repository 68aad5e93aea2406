import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { logit } from '../../../src/stats/distributions.js';
import { createExnexModel } from '../../../src/stats/basket/exnex.js';
import { createBerryHierarchicalModel } from '../../../src/stats/basket/hierarchical.js';

interface Case {
  name: string; responders: number[]; sampleSizes: number[];
  probAboveNull: number[]; posteriorMean: number[]; exchangeabilityProbability: number[];
}
interface Fixture {
  exnex: { nullRates: number[]; priorRate: number; exWeight: number; cases: Case[] };
  exnexMixed: {
    nullRates: number[]; muPrior: { mean: number; sd: number }; tauScale: number;
    exWeights: number[]; nexSd: number; cases: Case[];
  };
}
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/basket-posteriors.json', import.meta.url), 'utf8'),
) as Fixture;

const TOL = 2e-4;

function expectCase(
  got: { probAboveNull: number[]; posteriorMean: number[]; exchangeabilityProbability: number[] },
  want: Case,
): void {
  for (const key of ['probAboveNull', 'posteriorMean', 'exchangeabilityProbability'] as const) {
    got[key].forEach((v, k) => {
      expect(Math.abs(v - want[key][k]), `${want.name} ${key}[${k}]`).toBeLessThan(TOL);
    });
  }
}

/** Independent analysis of one basket under theta ~ N(m, s^2), by direct quadrature. */
function independent(y: number, n: number, p0: number, m: number, s: number) {
  let z = 0;
  let above = 0;
  let mean = 0;
  const h = 0.0005;
  for (let th = m - 12 * s; th <= m + 12 * s; th += h) {
    const p = 1 / (1 + Math.exp(-th));
    const g = Math.exp(y * Math.log(p) + (n - y) * Math.log1p(-p) - 0.5 * ((th - m) / s) ** 2);
    z += g;
    mean += g * p;
    if (p > p0) above += g;
  }
  return { probAbove: above / z, mean: mean / z };
}

describe('EXNEX (Neuenschwander et al. 2016) by numerical integration', () => {
  it('matches the independent R computation (default unit-information priors)', () => {
    const f = fixture.exnex;
    const model = createExnexModel({ nullRates: f.nullRates, priorRate: f.priorRate, exWeights: f.exWeight });
    for (const c of f.cases) expectCase(model.posterior(c.responders, c.sampleSizes), c);
  });

  it('matches R with basket-specific p0, weights and NEX priors', () => {
    const f = fixture.exnexMixed;
    const model = createExnexModel({
      nullRates: f.nullRates,
      exWeights: f.exWeights,
      muPrior: f.muPrior,
      tauPrior: { kind: 'halfNormal', scale: f.tauScale },
      nexPriors: f.nullRates.map((p) => ({ mean: logit(p), sd: f.nexSd })),
    });
    for (const c of f.cases) expectCase(model.posterior(c.responders, c.sampleSizes), c);
  });

  it('w = 0 is the independent analysis under each NEX prior', () => {
    const nex = { mean: logit(0.25), sd: 2 };
    const model = createExnexModel({ nullRates: [0.2, 0.2, 0.3], exWeights: 0, nexPriors: nex });
    const y = [0, 7, 12];
    const n = [15, 20, 25];
    const r = model.posterior(y, n);
    [0.2, 0.2, 0.3].forEach((p0, k) => {
      const ref = independent(y[k], n[k], p0, nex.mean, nex.sd);
      expect(r.probAboveNull[k]).toBeCloseTo(ref.probAbove, 4);
      expect(r.posteriorMean[k]).toBeCloseTo(ref.mean, 4);
      expect(r.exchangeabilityProbability[k]).toBe(0);
    });
  });

  it('w = 1 is the hierarchical model on logit(p) with the same priors', () => {
    const nullRates = [0.2, 0.2, 0.2, 0.2];
    const muPrior = { mean: logit(0.25), sd: 2 };
    const tauPrior = { kind: 'halfNormal', scale: 1 } as const;
    const ex = createExnexModel({ nullRates, exWeights: 1, muPrior, tauPrior });
    const bhm = createBerryHierarchicalModel({ nullRates, offsetRates: [0.5, 0.5, 0.5, 0.5], muPrior, tauPrior });
    const y = [2, 5, 9, 3];
    const n = [20, 20, 20, 20];
    const a = ex.posterior(y, n);
    const b = bhm.posterior(y, n);
    for (let k = 0; k < 4; k++) {
      expect(a.probAboveNull[k]).toBeCloseTo(b.probAboveNull[k], 12);
      expect(a.posteriorMean[k]).toBeCloseTo(b.posteriorMean[k], 12);
      expect(a.exchangeabilityProbability[k]).toBe(1);
    }
  });

  it('an outlying basket is less likely exchangeable', () => {
    const model = createExnexModel({ nullRates: [0.2, 0.2, 0.2, 0.2, 0.2] });
    const r = model.posterior([5, 6, 5, 4, 18], [20, 20, 20, 20, 20]);
    const pex = r.exchangeabilityProbability;
    for (let k = 0; k < 4; k++) expect(pex[4]).toBeLessThan(pex[k]);
  });
});

import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { betaCdf, logit } from '../../../src/stats/distributions.js';
import { createBerryHierarchicalModel } from '../../../src/stats/basket/hierarchical.js';

interface Case {
  name: string; responders: number[]; sampleSizes: number[];
  probAboveNull: number[]; posteriorMean: number[];
}
interface Fixture {
  berry: { nullRates: number[]; cases: Case[] };
  berryTarget: {
    nullRates: number[]; targetRates: number[]; muPrior: { mean: number; sd: number }; cases: Case[];
  };
  berryHalfNormal: {
    nullRates: number[]; muPrior: { mean: number; sd: number }; tauScale: number; cases: Case[];
  };
}
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/basket-posteriors.json', import.meta.url), 'utf8'),
) as Fixture;

/** Agreement with the independent dense-grid computation in R. */
const TOL = 2e-4;

function expectCase(got: { probAboveNull: number[]; posteriorMean: number[] }, want: Case): void {
  got.probAboveNull.forEach((v, k) => {
    expect(Math.abs(v - want.probAboveNull[k]), `${want.name} P[${k}]`).toBeLessThan(TOL);
  });
  got.posteriorMean.forEach((v, k) => {
    expect(Math.abs(v - want.posteriorMean[k]), `${want.name} mean[${k}]`).toBeLessThan(TOL);
  });
}

/**
 * Pooled reference by direct 1-D integration: with tau = 0 every basket
 * shares theta ~ N(m0, s0^2) a priori, so the posterior of theta is
 * prod_k Bin(y_k | n_k, expit(theta + c)) N(theta; m0, s0^2).
 */
function pooledReference(y: number[], n: number[], c: number, t: number, m0: number, s0: number) {
  let z = 0;
  let above = 0;
  let mean = 0;
  const h = 0.0005;
  for (let th = m0 - 12 * s0; th <= m0 + 12 * s0; th += h) {
    const x = th + c;
    const p = 1 / (1 + Math.exp(-x));
    let lf = -0.5 * ((th - m0) / s0) ** 2;
    for (let k = 0; k < y.length; k++) lf += y[k] * Math.log(p) + (n[k] - y[k]) * Math.log1p(-p);
    const g = Math.exp(lf + 60);
    z += g;
    mean += g * p;
    if (th > t) above += g;
  }
  return { probAbove: above / z, mean: mean / z };
}

describe('Berry et al. (2013) hierarchical model by numerical integration', () => {
  it('matches the independent R computation (default priors, common p0)', () => {
    const model = createBerryHierarchicalModel({ nullRates: fixture.berry.nullRates });
    for (const c of fixture.berry.cases) expectCase(model.posterior(c.responders, c.sampleSizes), c);
  });

  it('matches R with theta relative to target rates and basket-specific p0', () => {
    const f = fixture.berryTarget;
    const model = createBerryHierarchicalModel({
      nullRates: f.nullRates, offsetRates: f.targetRates, muPrior: f.muPrior,
    });
    for (const c of f.cases) expectCase(model.posterior(c.responders, c.sampleSizes), c);
  });

  it('matches R with a half-normal prior on tau', () => {
    const f = fixture.berryHalfNormal;
    const model = createBerryHierarchicalModel({
      nullRates: f.nullRates, muPrior: f.muPrior, tauPrior: { kind: 'halfNormal', scale: f.tauScale },
    });
    for (const c of f.cases) expectCase(model.posterior(c.responders, c.sampleSizes), c);
  });

  it('tau -> 0 is complete pooling', () => {
    const model = createBerryHierarchicalModel({
      nullRates: [0.2, 0.2, 0.2], muPrior: { mean: 0, sd: 2 }, tauPrior: { kind: 'halfNormal', scale: 1e-4 },
    });
    const y = [3, 5, 9];
    const n = [20, 20, 20];
    const r = model.posterior(y, n);
    const ref = pooledReference(y, n, logit(0.2), 0, 0, 2);
    for (let k = 0; k < 3; k++) {
      expect(r.probAboveNull[k]).toBeCloseTo(ref.probAbove, 3);
      expect(r.posteriorMean[k]).toBeCloseTo(ref.mean, 3);
    }
    expect(r.tauMean).toBeLessThan(1e-3);
  });

  it('huge tau is an independent analysis with a flat prior on the logit (Beta(y, n - y))', () => {
    // tau^2 ~ IG(100, 100 * 50^2) pins tau near 50: theta_k ~ N(mu, 50^2) is
    // flat over the likelihood, i.e. p_k has the Haldane prior p^-1 (1-p)^-1.
    const model = createBerryHierarchicalModel({
      nullRates: [0.2, 0.2, 0.2],
      tauPrior: { kind: 'inverseGammaVariance', shape: 100, rate: 100 * 2500 },
    });
    const y = [2, 6, 13];
    const n = [20, 25, 20];
    const r = model.posterior(y, n);
    for (let k = 0; k < 3; k++) {
      expect(r.probAboveNull[k]).toBeCloseTo(1 - betaCdf(0.2, y[k], n[k] - y[k]), 2);
      expect(r.posteriorMean[k]).toBeCloseTo(y[k] / n[k], 2);
    }
    expect(r.tauMean).toBeGreaterThan(40);
  });

  it('borrows: a middling basket is pulled toward the others', () => {
    const model = createBerryHierarchicalModel({ nullRates: [0.2, 0.2, 0.2, 0.2] });
    const low = model.posterior([6, 1, 1, 1], [20, 20, 20, 20]).posteriorMean[0];
    const high = model.posterior([6, 12, 12, 12], [20, 20, 20, 20]).posteriorMean[0];
    expect(low).toBeLessThan(0.3);
    expect(high).toBeGreaterThan(0.3);
  });

  it('handles a basket with no patients yet (its posterior is driven by the others)', () => {
    const model = createBerryHierarchicalModel({ nullRates: [0.2, 0.2, 0.2] });
    const r = model.posterior([0, 9, 10], [0, 20, 20]);
    expect(r.posteriorMean[0]).toBeGreaterThan(0.2);
    expect(r.posteriorMean[0]).toBeLessThan(r.posteriorMean[1] + 0.05);
  });

  it('rejects malformed counts', () => {
    const model = createBerryHierarchicalModel({ nullRates: [0.2, 0.2] });
    expect(() => model.posterior([1], [10])).toThrow();
    expect(() => model.posterior([11, 0], [10, 10])).toThrow();
  });
});

/**
 * The simulation's own quadrature (hyper-grid.ts, logit-normal-binomial.ts)
 * against a high-accuracy R computation (test/fixtures/basket-quadrature.R:
 * nested composite Gauss-Legendre / Gauss-Hermite of order 20 and 30 per
 * panel, agreeing with each other to ~1e-14): P(p_k > p0_k | y) and
 * E[p_k | y] for 2 and 3 baskets.
 *
 * Achieved agreement with the default grid (~4000 nodes): <= 6e-7 for
 * Berry's prior (which keeps posterior mass down to tau ~ 0.001, where
 * P(theta_k > t_k | mu, tau) steps across mu nodes spaced 0.01 at the
 * threshold, an O(0.01^2) error), <= 3e-7 for a half-normal tau prior and
 * for EXNEX. Berry's prior is nearly flat in log tau and the likelihoods
 * decay like tau^-K: the reference integrates it out to tau = e^12 (the
 * fixture's `uncapped`; also at trialsim's former cap tau ~ 104, which
 * left ~1e-4 for two baskets and is now raised to e^7 for them,
 * tau-prior.ts). For the half-normal the range is trialsim's, e^-12 to 8.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { createBerryHierarchicalModel, createExnexModel } from '../../../src/stats/basket/index.js';

interface Case {
  name: string; responders: number[]; sampleSizes: number[]; fixtureError: number;
  probAboveNull: number[]; posteriorMean: number[];
  uncapped?: { probAboveNull: number[]; posteriorMean: number[] };
}
interface Fixture {
  nullRate: number;
  berry: { cases: Case[] };
  berryHalfNormal: { muPrior: { mean: number; sd: number }; tauScale: number; cases: Case[] };
  exnex: { priorRate: number; exWeight: number; cases: Case[] };
}
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/basket-quadrature.json', import.meta.url), 'utf8'),
) as Fixture;

/** Achieved agreement (see the module comment). */
const TOL = 1e-6;

type Model = { posterior(y: number[], n: number[]): { probAboveNull: number[]; posteriorMean: number[] } };
type Values = { probAboveNull: number[]; posteriorMean: number[] };

function compare(model: (K: number) => Model, cases: Case[], reference: (c: Case) => Values = (c) => c): void {
  for (const c of cases) {
    const r = model(c.responders.length).posterior(c.responders, c.sampleSizes);
    const want = reference(c);
    c.responders.forEach((_, k) => {
      expect(Math.abs(r.probAboveNull[k] - want.probAboveNull[k]), `${c.name} P[${k}]`).toBeLessThan(TOL);
      expect(Math.abs(r.posteriorMean[k] - want.posteriorMean[k]), `${c.name} mean[${k}]`).toBeLessThan(TOL);
    });
  }
}

const nulls = (K: number) => new Array<number>(K).fill(fixture.nullRate);

describe('the grid quadrature against a high-accuracy R computation', () => {
  it('the R reference is converged (order 20 vs 30 per panel)', () => {
    for (const c of [...fixture.berry.cases, ...fixture.berryHalfNormal.cases, ...fixture.exnex.cases]) {
      expect(c.fixtureError, c.name).toBeLessThan(1e-10);
    }
  });

  it('Berry et al. (2013), default priors (the model with tau up to e^12)', () => {
    compare((K) => createBerryHierarchicalModel({ nullRates: nulls(K), interval: 'none' }), fixture.berry.cases, (c) => c.uncapped!);
  });

  it('half-normal prior on tau', () => {
    const f = fixture.berryHalfNormal;
    compare((K) => createBerryHierarchicalModel({
      nullRates: nulls(K), muPrior: f.muPrior, tauPrior: { kind: 'halfNormal', scale: f.tauScale }, interval: 'none',
    }), f.cases);
  });

  it('EXNEX (Neuenschwander et al. 2016), default priors', () => {
    const f = fixture.exnex;
    compare((K) => createExnexModel({ nullRates: nulls(K), priorRate: f.priorRate, exWeights: f.exWeight, interval: 'none' }), f.cases);
  });

  it("Berry's tau beyond ~104 carries ~1e-4 of two baskets' posterior, < 1e-6 of three's", () => {
    const gap = (c: Case) => Math.max(...c.probAboveNull.map((v, k) => Math.abs(v - c.uncapped!.probAboveNull[k])));
    for (const c of fixture.berry.cases) {
      if (c.responders.length === 2) expect(gap(c)).toBeGreaterThan(1e-5);
      else expect(gap(c)).toBeLessThan(1e-6);
    }
  });
});

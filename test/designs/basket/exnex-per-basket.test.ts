/**
 * EXNEX with per-basket prior weights and NEX priors (Neuenschwander et al.
 * 2016): the design's exact operating characteristics equal an independent
 * enumeration in this test over every outcome of three baskets, each
 * posterior fitted by the stats model with the weights given per basket.
 * Baskets of the same size and null rate but different priors must not be
 * treated as exchangeable: were they, swapped counts would share a
 * posterior and the rates below would differ.
 */
import { describe, it, expect } from 'vitest';
import { basketData, hypothesis, estimate } from './helpers.js';
import { scenario } from '../../helpers/scenarios.js';
import { computeExact } from '../../../src/run/simulate.js';
import { createExnexModel, createExnexComponentsModel } from '../../../src/stats/basket/index.js';
import { binomialPmf, logit } from '../../../src/stats/distributions.js';
import { ExchangeableBaskets } from '../../../src/designs/basket/symmetry.js';
import { priorClassKeys } from '../../../src/designs/basket/posterior.js';
import type { BayesSpec } from '../../../src/designs/basket/setup.js';

const N = 8, P0 = 0.2, THRESHOLD = 0.9;
const ids = ['a', 'b', 'c'];
const rates = [0.2, 0.45, 0.45];
const exWeight = { a: 0.9, b: 0.2, c: 0.9 };
const nexPrior = { b: { mean: logit(0.3), sd: 1.5 } };

function designData(weights: number | Record<string, number>, nex?: object) {
  return basketData({
    baskets: ids.map((id, k) => ({ id, sampleSize: N, responseRate: rates[k], p0: P0 })),
    analyses: [{ method: 'exnex', threshold: THRESHOLD, exWeight: weights, ...(nex ? { nexPrior: nex } : {}) }],
  });
}

describe('EXNEX with per-basket priors', () => {
  it('exact rejection rates and posterior means equal a direct enumeration with the per-basket model', () => {
    const s = computeExact(scenario(designData(exWeight, nexPrior), { exact: true })).summary;
    const pbar = P0;
    const unit = { mean: logit(pbar), sd: 1 / Math.sqrt(pbar * (1 - pbar)) };
    const model = createExnexModel({ nullRates: [P0, P0, P0], exWeights: [0.9, 0.2, 0.9], nexPriors: [unit, nexPrior.b, unit] });
    const reject = [0, 0, 0], mean = [0, 0, 0];
    for (let y0 = 0; y0 <= N; y0++) for (let y1 = 0; y1 <= N; y1++) for (let y2 = 0; y2 <= N; y2++) {
      const y = [y0, y1, y2];
      const w = y.reduce((p, yk, k) => p * binomialPmf(yk, N, rates[k]), 1);
      const post = model.posterior(y, [N, N, N]);
      for (let k = 0; k < 3; k++) {
        if (post.probAboveNull[k] > THRESHOLD) reject[k] += w;
        mean[k] += w * post.posteriorMean[k];
      }
    }
    ids.forEach((id, k) => {
      expect(hypothesis(s, `exnex:${id}`).rate, id).toBeCloseTo(reject[k], 10);
      expect(estimate(s, `rate:exnex:${id}`).mean!, id).toBeCloseTo(mean[k], 10);
    });
    // b's low weight and own NEX prior set it apart from c, which has c's rate
    expect(Math.abs(reject[1] - reject[2])).toBeGreaterThan(0.01);
  });

  it('only baskets with the same priors form one exchangeable class', () => {
    const spec = { method: 'exnex', exWeight, nexPrior } as unknown as BayesSpec;
    const keys = priorClassKeys(spec, ids);
    expect(keys[0]).toBe(keys[2]);
    expect(keys[0]).not.toBe(keys[1]);
    const b = (id: string) => ({ id, label: id, n: N, p0: P0, rate: { value: P0, mcse: 0 }, isNull: true, maxN: N });
    // a and c together (C(N + 2, 2) sorted pairs) times b alone (N + 1)
    expect(new ExchangeableBaskets(ids.map(b), null, keys).distinct).toBe(((N + 2) * (N + 1)) / 2 * (N + 1));
  });

  it('one weight for all is the same analysis as the same weight named per basket', () => {
    const one = computeExact(scenario(designData(0.6), { exact: true })).summary;
    const each = computeExact(scenario(designData({ a: 0.6, b: 0.6, c: 0.6 }), { exact: true })).summary;
    for (const id of ids) expect(hypothesis(each, `exnex:${id}`).rate).toBe(hypothesis(one, `exnex:${id}`).rate);
  });

  it('refuses a weight for an unknown basket (with a suggestion) and a basket without a weight', () => {
    expect(() => scenario(designData({ a: 0.5, bb: 0.5, c: 0.5 }))).toThrow(/analyses\[0\]\.exWeight\.bb: expected a basket id \(a, b, c\), found "bb".*did you mean "b"/s);
    expect(() => scenario(designData({ a: 0.5, b: 0.5 }))).toThrow(/analyses\[0\]\.exWeight: expected a weight for every basket, found none for c/);
    expect(() => scenario(designData(0.5, { z: { mean: 0, sd: 1 } }))).toThrow(/analyses\[0\]\.nexPrior\.z: expected a basket id/);
  });

  it('a basket named like an Object method still needs its own weight', () => {
    const data = basketData({
      baskets: ['valueOf', 'b'].map((id) => ({ id, sampleSize: N, responseRate: 0.3, p0: P0 })),
      analyses: [{ method: 'exnex', exWeight: { b: 0.5 } }],
    });
    expect(() => scenario(data)).toThrow(/exWeight: expected a weight for every basket, found none for valueOf/);
  });
});

describe('EXNEX with two exchangeable components in a design', () => {
  const data = (exWeight: unknown, extra: object = {}) => basketData({
    baskets: ids.map((id, k) => ({ id, sampleSize: N, responseRate: rates[k], p0: P0 })),
    analyses: [{
      method: 'exnex', threshold: THRESHOLD, exWeight,
      components: [{ muPrior: { mean: logit(0.2), sd: 1 } }, { muPrior: { mean: logit(0.5), sd: 1 }, tauPrior: { kind: 'half-normal', scale: 0.5 } }],
      ...extra,
    }],
  });

  it('exact rates equal a direct enumeration with the two-component model', () => {
    const weights = { a: [0.5, 0.2], b: [0.2, 0.6], c: [0.2, 0.6] };
    const s = computeExact(scenario(data(weights), { exact: true })).summary;
    const unit = { mean: logit(P0), sd: 1 / Math.sqrt(P0 * (1 - P0)) };
    const model = createExnexComponentsModel({
      nullRates: [P0, P0, P0],
      components: [{ muPrior: { mean: logit(0.2), sd: 1 }, tauPrior: { kind: 'halfNormal', scale: 1 } }, { muPrior: { mean: logit(0.5), sd: 1 }, tauPrior: { kind: 'halfNormal', scale: 0.5 } }],
      weights: [weights.a, weights.b, weights.c], nexPriors: [unit, unit, unit],
    });
    const reject = [0, 0, 0];
    for (let y0 = 0; y0 <= N; y0++) for (let y1 = 0; y1 <= N; y1++) for (let y2 = 0; y2 <= N; y2++) {
      const y = [y0, y1, y2];
      const w = y.reduce((p, yk, k) => p * binomialPmf(yk, N, rates[k]), 1);
      const post = model.posterior(y, [N, N, N]);
      for (let k = 0; k < 3; k++) if (post.probAboveNull[k] > THRESHOLD) reject[k] += w;
    }
    ids.forEach((id, k) => expect(hypothesis(s, `exnex:${id}`).rate, id).toBeCloseTo(reject[k], 10));
  });

  it('refuses weights that do not fit the components', () => {
    expect(() => scenario(data(0.5))).toThrow(/exWeight: expected a list of 2 probabilities, one per component/);
    expect(() => scenario(data([0.6, 0.5]))).toThrow(/exWeight: expected probabilities summing to at most 1 \(NEX takes the rest\), found 1\.1/);
    expect(() => scenario(data({ a: [0.2, 0.2], b: [0.2, 0.2], c: [0.2, 0.2, 0.2] }))).toThrow(/exWeight\.c: expected 2 probabilities, one per component, found 3/);
    expect(() => scenario(data([0.3, 0.3], { muPrior: { mean: 0, sd: 1 } }))).toThrow(/muPrior: with components each has its own muPrior/);
    expect(() => scenario(designData([0.3, 0.3] as unknown as number))).toThrow(/a list of weights, one per exchangeable component, needs components/);
  });
});

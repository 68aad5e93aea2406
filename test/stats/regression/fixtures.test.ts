/**
 * Agreement with R (lm, glm binomial, coxph Efron/Breslow) on the datasets of
 * test/fixtures/regression.R: coefficients, SEs, p-values, log-likelihoods,
 * LR / Wald / F tests and conditional effects to 1e-6 relative error.
 */
import { describe, expect, it } from 'vitest';
import {
  conditionalEffect,
  coxLRTest,
  dropColumns,
  fitCox,
  fitLinear,
  fitLogistic,
  likelihoodRatioTest,
  linearCombination,
  linearFTest,
  linearLRTest,
  logisticLRTest,
  waldTest,
} from '../../../src/stats/regression/index.js';
import type { CoxFit, LinearFit, LogisticFit, ModelMatrix } from '../../../src/stats/regression/index.js';
import { designFor, expectAllClose, expectClose, loadFixture, outcomeFor, rName } from './helpers.js';
import type { FixtureCase } from './helpers.js';

const fx = loadFixture();

function fitCase(c: FixtureCase, design: ModelMatrix): LinearFit | LogisticFit | CoxFit {
  const o = outcomeFor(fx, c);
  if (c.model === 'linear') return fitLinear(design, o.y!);
  if (c.model === 'logistic') return fitLogistic(design, o.y!);
  return fitCox(design, o.time!, o.event!, { ties: c.ties! });
}

describe('regression fits agree with R', () => {
  for (const c of fx.cases) {
    it(c.name, () => {
      const design = designFor(fx, c);
      expect(design.columnNames.map(rName)).toEqual(c.columnNames);
      const fit = fitCase(c, design);
      if (!fit.ok) throw new Error(`${c.name}: ${fit.status} ${fit.reason}`);
      expectAllClose(fit.coefficients, c.coefficients, 'coef');
      expectAllClose(fit.standardErrors, c.se, 'se');
      expectAllClose(fit.statistics, c.z ?? c.t!, 'stat');
      expectAllClose(fit.pValues, c.pValues, 'p', 1e-6, 1e-14);
      expectAllClose(fit.covariance, c.covariance.flat(), 'cov', 1e-6, 1e-12);
      expectClose(fit.logLik, c.logLik, 'logLik');
      if ('iterations' in fit && c.iterations !== undefined) expect(fit.iterations).toBe(c.iterations);
      if (fit.ok && 'deviance' in fit) expectClose(fit.deviance, c.deviance!, 'deviance');
      if (fit.ok && 'sigma' in fit) {
        expectClose(fit.sigma, c.sigma!, 'sigma');
        expectClose(fit.rss, c.rss!, 'rss');
        expect(fit.dfResidual).toBe(c.dfResidual);
      }
      if (fit.ok && 'scoreTest' in fit) {
        expectClose(fit.logLikNull, c.logLikNull!, 'logLikNull');
        expectClose(fit.scoreTest.statistic, c.scoreTest!, 'score test');
      }

      const reduced = fitCase(c, dropColumns(design, c.lrTest.columns));
      if (!reduced.ok) throw new Error(`reduced: ${reduced.reason}`);
      expectClose(reduced.logLik, c.reducedLogLik, 'reduced logLik');
      const lr = likelihoodRatioTest(fit, reduced);
      if (!lr.ok) throw new Error(lr.reason);
      expect(lr.df).toBe(c.lrTest.df);
      expectClose(lr.statistic, c.lrTest.statistic, 'LR statistic', 1e-6, 1e-9);
      expectClose(lr.pValue, c.lrTest.pValue, 'LR p', 1e-6, 1e-12);
      const o = outcomeFor(fx, c);
      const lr2 = c.model === 'linear' ? linearLRTest(design, o.y!, c.lrTest.columns)
        : c.model === 'logistic' ? logisticLRTest(design, o.y!, c.lrTest.columns)
        : coxLRTest(design, o.time!, o.event!, c.lrTest.columns, { ties: c.ties! });
      expect(lr2).toEqual(lr);

      if (c.waldTest) {
        const w = waldTest(fit, c.waldTest.columns);
        if (!w.ok) throw new Error(w.reason);
        expect(w.df).toBe(c.waldTest.df);
        expectClose(w.statistic, c.waldTest.statistic, 'Wald statistic');
        expectClose(w.pValue, c.waldTest.pValue, 'Wald p', 1e-6, 1e-14);
      }
      if (c.fTest) {
        const f = linearFTest(fitLinear(design, outcomeFor(fx, c).y!), c.fTest.columns);
        if (!f.ok) throw new Error(f.reason);
        expect([f.df1, f.df2]).toEqual([c.fTest.df1, c.fTest.df2]);
        expectClose(f.statistic, c.fTest.statistic, 'F statistic');
        expectClose(f.pValue, c.fTest.pValue, 'F p', 1e-6, 1e-14);
      }
      for (const ce of c.conditional ?? []) {
        const e = conditionalEffect(fit, design.treatmentColumn, design.interactionColumns[0]!, ce.m);
        if (!e.ok) throw new Error(e.reason);
        expectClose(e.estimate, ce.estimate, `effect(${ce.m})`, 1e-6, 1e-9);
        expectClose(e.standardError, ce.se, `effect SE(${ce.m})`);
        expectClose(e.lower, ce.lower, `lower(${ce.m})`, 1e-6, 1e-9);
        expectClose(e.upper, ce.upper, `upper(${ce.m})`, 1e-6, 1e-9);
      }
      for (const k of c.contrasts ?? []) {
        const e = linearCombination(fit, k.columns.map((column, i) => ({ column, weight: k.weights[i]! })), k.level);
        if (!e.ok) throw new Error(e.reason);
        expectClose(e.estimate, k.estimate, 'contrast', 1e-6, 1e-9);
        expectClose(e.standardError, k.se, 'contrast SE');
        expectClose(e.lower, k.lower, 'contrast lower', 1e-6, 1e-9);
        expectClose(e.upper, k.upper, 'contrast upper', 1e-6, 1e-9);
      }
    });
  }
});

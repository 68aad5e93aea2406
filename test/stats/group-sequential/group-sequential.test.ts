/**
 * Group-sequential boundaries and exit probabilities against rpact 3.3.4
 * (fixture written by test/fixtures/group-sequential.R), plus identities.
 *
 * Tolerances: critical values 1e-6 absolute (the brief asks 1e-5; the
 * observed maximum difference is ~2e-7, dominated by rpact's own grid and
 * root-finding tolerance); probabilities 1e-7 absolute when fed rpact's
 * boundaries.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from '../../../src/stats/distributions.js';
import {
  efficacyBoundaries,
  equallySpaced,
  exitProbabilities,
  hwangShihDeCaniSpending,
  makeSpending,
  obrienFlemingSpending,
  pocockSpending,
  powerFamilySpending,
  type SpendingSpec,
} from '../../../src/stats/group-sequential/index.js';

interface PowerRow {
  theta: number;
  rejectPerStage: number[];
  futilityPerStage: number[];
  overallReject: number;
  earlyStop: number[];
  averageSampleNumber: number;
}
interface FixtureDesign {
  typeOfDesign: 'asOF' | 'asP' | 'asHSD' | 'asKD';
  kMax: number;
  alpha: number;
  gamma?: number;
  rho?: number;
  informationRates: number[];
  futilityBounds?: number[];
  criticalValues: number[];
  alphaSpent: number[];
  stageLevels: number[];
  power: PowerRow[];
}
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/group-sequential.json', import.meta.url), 'utf8'),
) as { designs: FixtureDesign[] };

function specOf(d: FixtureDesign): SpendingSpec {
  switch (d.typeOfDesign) {
    case 'asHSD':
      return { type: 'asHSD', gamma: d.gamma! };
    case 'asKD':
      return { type: 'asKD', rho: d.rho! };
    default:
      return { type: d.typeOfDesign };
  }
}

const label = (d: FixtureDesign): string =>
  `${d.typeOfDesign} K=${d.kMax} alpha=${d.alpha} t=[${d.informationRates.join(',')}]` +
  (d.futilityBounds ? ` futility=[${d.futilityBounds.join(',')}]` : '');

describe('efficacy boundaries vs rpact getDesignGroupSequential', () => {
  it.each(fixture.designs.map((d) => [label(d), d] as const))('%s', (_name, d) => {
    const b = efficacyBoundaries({ informationRates: d.informationRates, alpha: d.alpha, spending: specOf(d) });
    for (let k = 0; k < d.kMax; k++) {
      expect(Math.abs(b.criticalValues[k]! - d.criticalValues[k]!)).toBeLessThan(1e-6);
      // rpact reports 0.02499999 for one design, hence 2e-8 rather than exact.
      expect(Math.abs(b.cumulativeAlphaSpent[k]! - d.alphaSpent[k]!)).toBeLessThan(2e-8);
      expect(Math.abs(b.stageLevels[k]! - d.stageLevels[k]!)).toBeLessThan(1e-8);
    }
  });

  it('non-binding futility leaves the efficacy boundaries unchanged (rpact agrees)', () => {
    const withFutility = fixture.designs.find((d) => d.futilityBounds)!;
    const plain = efficacyBoundaries({ informationRates: withFutility.informationRates, alpha: 0.025, spending: { type: 'asOF' } });
    for (let k = 0; k < withFutility.kMax; k++) {
      expect(Math.abs(plain.criticalValues[k]! - withFutility.criticalValues[k]!)).toBeLessThan(1e-6);
    }
  });
});

describe('exit probabilities vs rpact getPowerAndAverageSampleNumber (nMax = 1)', () => {
  const cases = fixture.designs.flatMap((d) => d.power.map((p) => [`${label(d)} theta=${p.theta}`, d, p] as const));
  it.each(cases)('%s', (_name, d, p) => {
    // rpact's "no futility" is a futility bound of -6 at every interim.
    const futility = d.futilityBounds ?? Array.from({ length: d.kMax - 1 }, () => -6);
    const e = exitProbabilities({ informationRates: d.informationRates, efficacy: d.criticalValues, futility, drift: p.theta });
    for (let k = 0; k < d.kMax; k++) expect(Math.abs(e.rejectPerStage[k]! - p.rejectPerStage[k]!)).toBeLessThan(1e-7);
    for (let k = 0; k < d.kMax - 1; k++) {
      expect(Math.abs(e.futilityPerStage[k]! - p.futilityPerStage[k]!)).toBeLessThan(1e-7);
    }
    expect(Math.abs(e.overallReject - p.overallReject)).toBeLessThan(1e-7);
    expect(Math.abs(e.expectedInformation - p.averageSampleNumber)).toBeLessThan(1e-7);
  });
});

describe('identities', () => {
  it('tiny early spending keeps full precision (OF, t_1 = 0.1 spends 1.4e-12)', () => {
    // rpact: 6.99135170708 = -qnorm(2 * pnorm(qnorm(0.0125) / sqrt(0.1))) in R.
    const b = efficacyBoundaries({ informationRates: [0.1, 0.2, 0.3, 0.4, 1], alpha: 0.025, spending: { type: 'asOF' } });
    expect(b.criticalValues[0]).toBeCloseTo(6.991351707077, 11);
  });

  it('a single look has boundary z_{1-alpha} for every spending function', () => {
    for (const spending of [{ type: 'asOF' }, { type: 'asP' }, { type: 'asKD', rho: 2 }, { type: 'asHSD', gamma: -4 }] as const) {
      const b = efficacyBoundaries({ informationRates: [1], alpha: 0.025, spending });
      expect(b.criticalValues[0]).toBeCloseTo(normalQuantile(0.975), 12);
    }
  });

  it('spending functions start at 0, end at alpha, and increase', () => {
    const fns = [
      obrienFlemingSpending(0.025),
      pocockSpending(0.025),
      powerFamilySpending(0.025, 3),
      hwangShihDeCaniSpending(0.025, -4),
      hwangShihDeCaniSpending(0.025, 0),
    ];
    for (const f of fns) {
      expect(f(0)).toBe(0);
      expect(f(1)).toBeCloseTo(0.025, 15);
      for (let t = 0.05; t < 1; t += 0.05) expect(f(t + 0.05)).toBeGreaterThan(f(t));
    }
    // Closed forms at t = 0.5.
    expect(obrienFlemingSpending(0.025)(0.5)).toBeCloseTo(2 * (1 - normalCdf(normalQuantile(1 - 0.0125) / Math.sqrt(0.5))), 15);
    expect(pocockSpending(0.025)(0.5)).toBeCloseTo(0.025 * Math.log(1 + (Math.E - 1) / 2), 15);
    expect(makeSpending({ type: 'asHSD', gamma: 1 }, 0.025)(0.5)).toBeCloseTo((0.025 * (1 - Math.exp(-0.5))) / (1 - Math.exp(-1)), 15);
  });

  it('size under H0 equals alpha and single-look power is Phi(delta - z)', () => {
    const t = equallySpaced(4);
    const b = efficacyBoundaries({ informationRates: t, alpha: 0.025, spending: { type: 'asP' } });
    const e0 = exitProbabilities({ informationRates: t, efficacy: b.criticalValues, drift: 0 });
    expect(e0.overallReject).toBeCloseTo(0.025, 10);
    for (let k = 0; k < 4; k++) expect(e0.cumulativeReject[k]).toBeCloseTo(b.cumulativeAlphaSpent[k]!, 10);
    const one = exitProbabilities({ informationRates: [1], efficacy: [1.959964], drift: 2.8 });
    expect(one.overallReject).toBeCloseTo(normalCdf(2.8 - 1.959964), 14);
    expect(one.expectedInformation).toBe(1);
  });

  it('a custom spending function can give per-tail bounds of a two-sided design', () => {
    // Pocock spending is linear in alpha, so half of the two-sided 0.05 function is the one-sided 0.025 one.
    const half = makeSpending({ type: 'asP' }, 0.05);
    const a = efficacyBoundaries({ informationRates: [0.5, 1], spending: (t) => half(t) / 2 });
    const b = efficacyBoundaries({ informationRates: [0.5, 1], alpha: 0.025, spending: { type: 'asP' } });
    expect(a.criticalValues[1]).toBeCloseTo(b.criticalValues[1]!, 12);
  });

  it('rejects invalid information rates', () => {
    expect(() => efficacyBoundaries({ informationRates: [0.5, 0.5, 1], alpha: 0.025, spending: { type: 'asOF' } })).toThrow();
    expect(() => efficacyBoundaries({ informationRates: [0, 1], alpha: 0.025, spending: { type: 'asOF' } })).toThrow();
  });
});

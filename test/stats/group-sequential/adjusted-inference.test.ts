/**
 * Inference after a group-sequential trial stops, against rpact 3.3.4's
 * getAnalysisResults (test/fixtures/gs-adjusted-inference.R: two-group
 * means with known sd, normal approximation; rpact checked there against an
 * independent pmvnorm computation to < 6e-9): the stage-wise ordering
 * p-value, the median-unbiased estimate and the 95% (1 - 2 alpha)
 * stage-wise confidence interval to 1e-6, and the repeated confidence
 * intervals at every look held.
 */
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { adjustedInference, repeatedConfidenceInterval } from '../../../src/stats/group-sequential/index.js';

interface Case {
  name: string;
  design: { alpha: number; criticalValues: number[] };
  stages: { z: number; information: number; meanDifference: number }[];
  stoppedAt: number;
  rpact: { finalPValue: number; medianUnbiasedEstimate: number; finalConfidenceInterval: [number, number]; repeatedConfidenceIntervals: [number, number][] };
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/gs-adjusted-inference.json', import.meta.url), 'utf8')) as { cases: Case[] };

describe('adjusted inference after stopping equals rpact', () => {
  it('has cases stopping at the first look, at an interim and at the final look', () => {
    const stops = fixture.cases.map((c) => (c.stoppedAt === 1 ? 'first' : c.stoppedAt === c.design.criticalValues.length ? 'final' : 'interim'));
    expect(new Set(stops)).toEqual(new Set(['first', 'interim', 'final']));
  });

  for (const c of fixture.cases) {
    it(`${c.name}: stage-wise p-value, median-unbiased estimate, 95% interval, repeated intervals`, () => {
      const held = c.stages.slice(0, c.stoppedAt);
      const last = held[held.length - 1];
      const r = adjustedInference({ information: held.map((s) => s.information), efficacy: c.design.criticalValues, z: last.z }, c.design.alpha);
      expect(Math.abs(r.pValue - c.rpact.finalPValue)).toBeLessThan(1e-6);
      expect(Math.abs(r.medianUnbiased - c.rpact.medianUnbiasedEstimate)).toBeLessThan(1e-6);
      expect(Math.abs(r.lower - c.rpact.finalConfidenceInterval[0])).toBeLessThan(1e-6);
      expect(Math.abs(r.upper - c.rpact.finalConfidenceInterval[1])).toBeLessThan(1e-6);
      expect(Math.abs(r.naive - last.meanDifference)).toBeLessThan(1e-12);
      held.forEach((s, k) => {
        const [lo, hi] = repeatedConfidenceInterval(s.z, s.information, c.design.criticalValues[k]);
        expect(Math.abs(lo - c.rpact.repeatedConfidenceIntervals[k][0])).toBeLessThan(1e-6);
        expect(Math.abs(hi - c.rpact.repeatedConfidenceIntervals[k][1])).toBeLessThan(1e-6);
      });
    });
  }
});

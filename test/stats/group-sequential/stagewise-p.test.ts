/**
 * The tabulated stage-wise ordering p-value (StagewisePValue: null
 * densities once per design, one integral per trial) against rpact 3.3.4's
 * getAnalysisResults final p-values (test/fixtures/gs-adjusted-inference.json,
 * to 1e-6 as adjustedInference) and against adjustedInference's direct
 * computation at every look of a three-look design (to 1e-12: the same
 * recursion, the information rates only rescaled); p is at most the alpha
 * spent through look k exactly when z crosses b_k there.
 */
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { StagewisePValue, stagewiseProbability, efficacyBoundaries } from '../../../src/stats/group-sequential/index.js';

interface Case {
  name: string;
  design: { informationRates: number[]; criticalValues: number[]; alphaSpent: number[] };
  stages: { z: number }[];
  stoppedAt: number;
  rpact: { finalPValue: number };
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/gs-adjusted-inference.json', import.meta.url), 'utf8')) as { cases: Case[] };

describe('the stage-wise ordering p-value of a design', () => {
  for (const c of fixture.cases) {
    it(`${c.name}: equals rpact's final p-value`, () => {
      const p = new StagewisePValue(c.design.criticalValues, c.design.informationRates);
      const k = c.stoppedAt - 1;
      expect(Math.abs(p.at(k, c.stages[k].z) - c.rpact.finalPValue)).toBeLessThan(1e-6);
    });
  }

  it('equals the direct computation at every look, and is below the alpha spent exactly when the boundary is crossed', () => {
    const rates = [0.3, 0.6, 1];
    const b = efficacyBoundaries({ informationRates: rates, spending: { type: 'asOF' }, alpha: 0.025 });
    const p = new StagewisePValue(b.criticalValues, rates);
    let checked = 0;
    for (let k = 0; k < 3; k++) {
      for (const z of [-1, 0.5, 1.9, 2.1, 2.6, 3, 3.6, 4.2]) {
        const direct = stagewiseProbability({ information: rates.slice(0, k + 1), efficacy: b.criticalValues, z }, 0);
        expect(Math.abs(p.at(k, z) - direct)).toBeLessThan(1e-12);
        expect(p.at(k, z) <= b.cumulativeAlphaSpent[k]).toBe(z >= b.criticalValues[k]);
        checked++;
      }
    }
    expect(checked).toBe(24);
    expect(p.at(0, 1.5)).toBe(stagewiseProbability({ information: [0.3], efficacy: [], z: 1.5 }, 0));
    expect([p.at(2, NaN), p.at(1, -Infinity)]).toEqual([NaN, 1]);
  });
});

/**
 * The truth of a sequential scenario against an independent implementation:
 * the value of a sequence (probability of remission if everyone followed it)
 * overall and per profile, computed by the design's exact recursion, agrees
 * with a direct simulation of many patients following the sequence, written
 * here from the scenario's numbers; with a covariate in the remission model
 * the truth comes from a virtual population, with a Monte Carlo error that
 * covers the exact value; the flow section adds up.
 */
import { describe, it, expect } from 'vitest';
import { sequential } from './helpers.js';
import { designFor } from '../../../src/designs/registry.js';
import { stream } from '../../../src/random/stream.js';
import { runStreams } from '../../../src/random/stream.js';
import { binomialMcse, expectWithinMcse } from '../../helpers/mcse.js';

const design = designFor('sequential');
const expit = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));

// Remission log-odds by level, option and profile (resistance -0.4 per prior failed level).
const profiles = [{ id: 'fast', prevalence: 0.3 }, { id: 'slow', prevalence: 0.7 }];
const RES = -0.4;
const base: Record<string, (g: number) => number> = {
  A: (g) => -0.2 + (g === 0 ? 0.7 : 0), B: (g) => logit([0.5, 0.25][g]), C: () => 0.1, D: (g) => 0.3 + (g === 1 ? -0.5 : 0), E: () => -0.1,
};
const dropout = [0.1, 0.05, 0.1], decline = [0.25, 0.1], intolerance: Record<string, number> = { C: 0.15 };
const s = sequential({
  sampleSize: 200,
  resistance: { logOddsPerFailure: RES },
  treatments: { A: {}, B: {}, C: {}, D: {}, E: {} },
  levels: [
    { id: 'L1', dropout: 0.1, declineNext: 0.25, options: [
      { id: 'A', treatment: 'A', remission: { logOdds: -0.2, effects: { fast: 0.7 } } },
      { id: 'B', treatment: 'B', remission: { rate: { fast: 0.5, slow: 0.25 } } },
    ] },
    { id: 'L2', dropout: 0.05, declineNext: 0.1, options: [
      { id: 'C', treatment: 'C', intolerance: 0.15, remission: { logOdds: 0.1 } },
      { id: 'D', treatment: 'D', remission: { logOdds: 0.3, effects: { slow: -0.5 } } },
    ] },
    { id: 'L3', dropout: 0.1, options: [{ id: 'E', treatment: 'E', remission: { logOdds: -0.1 } }] },
  ],
  analysis: { sequences: ['A > C > E', 'B > D > E', 'B > C'] },
}, { population: { profiles } });

/** Direct simulation: the share of M patients of profile g (or all) who remit following d. */
function direct(d: string[], M: number, g?: number): number {
  const u = stream(99, d.length + 10 * (g ?? 9), 'calibration');
  let remitted = 0;
  for (let i = 0; i < M; i++) {
    const profile = g ?? (u() < profiles[0].prevalence ? 0 : 1);
    for (let k = 0; k < d.length; k++) {
      if (u() < dropout[k]) break;
      const intolerant = u() < (intolerance[d[k]] ?? 0);
      if (!intolerant && u() < expit(base[d[k]](profile) + RES * k)) { remitted++; break; }
      if (k < d.length - 1 && u() < decline[k]) break;
    }
  }
  return remitted / M;
}

describe('truth of a sequential scenario', () => {
  const truth = design.truth(s.spec, s.prepared.data, runStreams(s.spec.seed));
  const M = 200_000;

  it.each(['A > C > E', 'B > D > E', 'B > C'])('the value of %s matches a direct simulation overall and in each profile', (text) => {
    const d = text.split(' > ');
    const id = d.join('>');
    const check = (value: number, sim: number) => expectWithinMcse(value, sim, { mcse: binomialMcse(sim, M) });
    check(truth[`all:${id}`].value, direct(d, M));
    profiles.forEach((p, g) => check(truth[`all:${id}|profile=${p.id}`].value, direct(d, M, g)));
    expect(truth[`all:${id}`].mcse).toBe(0);
    // Nobody's acceptance is restricted, so every IPW target is the population value.
    expect(truth[`value:${id}`].value).toBeCloseTo(truth[`all:${id}`].value, 12);
  });

  it('the flow adds up: entrants = remitting + dropping out + declining + moving on + ending without remission; those moving on enter the next level', () => {
    const flow = design.describe(s.spec, s.prepared.data, truth).flow as { levels: Record<string, number>[] };
    expect(flow.levels[0].entering).toBe(200);
    flow.levels.forEach((l, k) => {
      expect(l.remitting + l.droppingOut + l.decliningNext + l.movingOn + l.endingWithoutRemission).toBeCloseTo(l.entering, 1);
      expect(l.decliningNext + l.movingOn + l.endingWithoutRemission).toBeCloseTo(l.notRemitting, 1);
      expect(l.notRemittingIntolerant).toBeLessThanOrEqual(l.notRemitting);
      if (k === 1) expect(l.notRemittingIntolerant).toBeGreaterThan(0);
      if (k > 0) expect(l.entering).toBeCloseTo(flow.levels[k - 1].movingOn, 1);
    });
    expect(flow.levels[1].startWeek).toBe(12);
  });

  it('with a covariate in the model the truth comes from a virtual population whose Monte Carlo error covers the exact value', () => {
    const withCovariate = sequential({
      sampleSize: 100,
      treatments: { A: {}, B: {} },
      levels: [
        { id: 'L1', options: [{ id: 'A', treatment: 'A', remission: { logOdds: -0.5, effects: { severe: -1 } } }] },
        { id: 'L2', options: [{ id: 'B', treatment: 'B', remission: { logOdds: 0, effects: { severe: -0.5 } } }] },
      ],
    }, { truth: { patients: 100_000 }, population: { biomarkers: [{ id: 'severe', type: 'binary', prevalence: 0.3 }] } });
    const t = design.truth(withCovariate.spec, withCovariate.prepared.data, runStreams(withCovariate.spec.seed));
    const p1 = [expit(-0.5), expit(-1.5)], p2 = [expit(0), expit(-0.5)], w = [0.7, 0.3];
    const level1 = w[0] * p1[0] + w[1] * p1[1];
    const cumulative = w[0] * (1 - (1 - p1[0]) * (1 - p2[0])) + w[1] * (1 - (1 - p1[1]) * (1 - p2[1]));
    for (const [key, exact] of [['remission:L1', level1], ['cumulative-remission', cumulative], ['all:A>B', cumulative]] as const) {
      expect(t[key].mcse).toBeGreaterThan(0);
      expectWithinMcse(t[key].value, exact, { mcse: t[key].mcse, what: key });
    }
  });

  it('with a continuous covariate the truth averages over virtual patients and covers the integral', () => {
    const s2 = sequential({
      sampleSize: 100,
      treatments: { A: {} },
      levels: [{ id: 'L1', options: [{ id: 'A', treatment: 'A', remission: { logOdds: -0.5, effects: { severity: 0.8 } } }] }],
    }, { truth: { patients: 50_000 }, population: { biomarkers: [{ id: 'severity', type: 'continuous', mean: 0, sd: 1 }] } });
    const t = design.truth(s2.spec, s2.prepared.data, runStreams(s2.spec.seed))['remission:L1'];
    // E[expit(-0.5 + 0.8 Z)], Z ~ N(0, 1), by the trapezoid rule on [-10, 10].
    let integral = 0;
    const h = 1e-3;
    for (let z = -10; z <= 10; z += h) integral += h * expit(-0.5 + 0.8 * z) * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    expect(t.mcse).toBeGreaterThan(0);
    expectWithinMcse(t.value, integral, { mcse: t.mcse, what: 'remission:L1' });
  });
});

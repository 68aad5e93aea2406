/**
 * Double programming of the time-to-event enrichment trial's statistics
 * against R's survival package on one trial (test/fixtures/
 * enrichment-survival-logrank.R: two overlapping subpopulations, four
 * membership strata, entries over 10 months, losses to follow-up, analyses
 * at months 14 and 24): each population's stratified (and pooled) log-rank
 * z and events at each analysis equal survdiff's, the stage-2 statistic by
 * independent increments equals the formula computed in R from survdiff's
 * figures, and the naive estimate equals coxph's (Efron) at the last
 * analysis. Relative tolerance 1e-10 (the same sums in another order); the
 * Cox fit to 1e-9 (coxph's own convergence).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { SurvivalData } from '../../../src/designs/enrichment/survival-data.js';
import { SurvivalAnalysis, incrementZ } from '../../../src/designs/enrichment/survival-statistics.js';

interface LogRank { z: number; events: number }
type ByPopulation<T> = Record<'F' | 'S1' | 'S2', T>;
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/enrichment-survival-logrank.json', import.meta.url), 'utf8')) as {
  patients: { treated: number[]; entry: number[]; eventTime: number[]; loss: number[]; stratum: number[] };
  analyses: { tau: number; stratified: ByPopulation<LogRank>; pooled: ByPopulation<LogRank> }[];
  increments: ByPopulation<number>;
  cox: ByPopulation<{ logHazardRatio: number; se: number }>;
};

/** The strata of each population in trialsim's numbering: 0 in both, 1 in S2 only, 2 in S1 only, 3 in neither. */
const strataOf: ByPopulation<number[]> = { F: [0, 1, 2, 3], S1: [0, 2], S2: [0, 1] };
const populations = ['F', 'S1', 'S2'] as const;

function trial(): SurvivalData {
  const p = fixture.patients;
  const data = new SurvivalData(p.entry.length, 4);
  p.entry.forEach((entry, i) => data.add(entry, p.eventTime[i], p.loss[i], p.stratum[i], p.treated[i], 0));
  return data;
}

const close = (actual: number, expected: number, what: string, rel = 1e-10) =>
  expect(Math.abs(actual - expected) <= rel * Math.abs(expected), `${what}: ${actual} against R's ${expected}`).toBe(true);

describe('time-to-event enrichment statistics against R survival', () => {
  const data = trial();
  // Longer times are better: the benefit z is minus survdiff's (O − E)/√V of the treated arm.
  const stratified = new SurvivalAnalysis(data, 4, true, -1);
  const pooled = new SurvivalAnalysis(data, 4, false, -1);

  it.each(fixture.analyses.map((a, k) => [k + 1, a] as const))('analysis %i: each population\'s stratified and pooled log-rank z and events equal survdiff\'s', (_k, a) => {
    data.observe(a.tau);
    for (const g of populations) {
      const s = stratified.compare(strataOf[g]), u = pooled.compare(strataOf[g]);
      close(s.z, -a.stratified[g].z, `${g} stratified z at ${a.tau}`);
      close(u.z, -a.pooled[g].z, `${g} pooled z at ${a.tau}`);
      expect(s.events).toBe(a.stratified[g].events);
    }
  });

  it('the stage-2 statistics by independent increments equal the formula on survdiff\'s figures', () => {
    const [first, second] = fixture.analyses;
    data.observe(first.tau);
    const before = populations.map((g) => stratified.compare(strataOf[g]));
    data.observe(second.tau);
    populations.forEach((g, j) => {
      const now = stratified.compare(strataOf[g]);
      close(incrementZ(now.z, now.events, before[j].z, before[j].events), -fixture.increments[g], `${g} stage-2 z`);
    });
  });

  it('the naive estimate at the last analysis equals coxph\'s (Efron ties)', () => {
    data.observe(fixture.analyses[1].tau);
    for (const g of populations) {
      const e = stratified.coxEstimate(strataOf[g]);
      expect(Math.abs(e.estimate - fixture.cox[g].logHazardRatio)).toBeLessThan(1e-9);
      expect(Math.abs(e.se - fixture.cox[g].se)).toBeLessThan(1e-9);
      expect(e.upper - e.lower).toBeCloseTo(2 * 1.959963984540054 * e.se, 12);
    }
  });

  it('a stage without new events has no stage-wise statistic', () => {
    expect(incrementZ(1.2, 40, 1.1, 40)).toBeNaN();
    expect(incrementZ(2, 100, 0, 0)).toBe(2);
  });
});

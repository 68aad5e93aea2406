/**
 * Screening and routing: the number of patients screened, screen failures
 * and timing against their exact expectations; where patients who match
 * several substudies go under each overlap rule; the non-match substudy;
 * caps; and closed substudies sending patients on to the others.
 */
import { describe, it, expect } from 'vitest';
import { run, metric, expectMean, umbrellaData, load } from './helpers.js';
import { expectWithinMcse } from '../../helpers/mcse.js';
import { expectedFunnel } from '../../../src/designs/umbrella/funnel.js';
import { umbrellaSetup } from '../../../src/designs/umbrella/setup.js';

type Data = Record<string, unknown>;
const R = 4000;

function oneSubstudy(arrivals: 'poisson' | 'regular'): Data {
  return umbrellaData({
    top: { replicates: R, arms: { control: {}, 'drug-a': {} } },
    design: {
      screening: { ratePerMonth: 25, testFailure: 0.2, arrivals },
      randomisation: { method: 'permuted-block', blockSize: 2 },
      substudies: [{ id: 'A', eligibility: 'a', drug: 'drug-a', sampleSize: 30 }],
    },
  });
}

/** Two substudies with independent markers a (30%) and b (20%), never filled: a cap of 200 screened patients ends the trial. */
function overlapping(overlap: string, extra: Data = {}): Data {
  return umbrellaData({
    top: { replicates: R },
    design: {
      screening: { ratePerMonth: 25, testFailure: 0.1, cap: { patients: 200 } },
      overlap,
      substudies: [
        { id: 'A', eligibility: 'a', drug: 'drug-a', sampleSize: 5000 },
        { id: 'B', eligibility: 'b', drug: 'drug-b', sampleSize: 5000 },
      ],
      ...extra,
    },
  });
}

describe('screening', () => {
  it('patients screened, screen failures and unmatched patients have their negative-binomial expectations', async () => {
    // Enrolment succeeds with probability q = (1 - f) π per screened patient: E[screened] = n / q.
    const q = 0.8 * 0.3;
    const s = await run(oneSubstudy('poisson'));
    expectMean(s, 'screened', 30 / q);
    expectMean(s, 'screen-failures', (0.2 * 30) / q);
    expectMean(s, 'not-matched', (0.8 * 0.7 * 30) / q);
    // Poisson arrivals: E[time of the N-th patient] = E[N] / rate (Wald's identity).
    expectMean(s, 'duration', 30 / q / 25);
    expect(metric(s, 'enrolled:A').min).toBe(30);
    expect(metric(s, 'turned-away').max).toBe(0);
  });

  it('with regular arrivals the trial lasts exactly screened / rate', async () => {
    const s = await run(oneSubstudy('regular'));
    expect(metric(s, 'duration').mean).toBeCloseTo(metric(s, 'screened').mean / 25, 9);
    expect(metric(s, 'duration').min).toBeCloseTo(metric(s, 'screened').min / 25, 9);
  });

  it('the planning funnel in the summary gives the same expectation', async () => {
    const s = await run({ ...oneSubstudy('poisson'), replicates: 10 });
    const screening = s.screening as { screened: number; screenFailures: number; metrics: Record<string, unknown> };
    // The truth population's share of marker a has a binomial error; 20,000 patients give about 1.1% relative error.
    expectWithinMcse(screening.screened / (30 / (0.8 * 0.3)), 1, { mcse: Math.sqrt(0.7 / (0.3 * 20000)), what: 'screened / expected' });
    expect(screening.screenFailures / screening.screened).toBeCloseTo(0.2, 3); // values are rounded to 4 significant digits
    expect(screening.metrics).toMatchObject({ screened: 'screened', enrolledBySubstudy: { A: 'enrolled:A' }, duration: 'duration' });
  });

  it('priority order sends patients matching both substudies to the first', async () => {
    const s = await run(overlapping('priority'));
    expectMean(s, 'enrolled:A', 200 * 0.9 * 0.3);
    expectMean(s, 'enrolled:B', 200 * 0.9 * 0.2 * 0.7);
    expect(metric(s, 'capped').min).toBe(1);
  });

  it('rarest-first sends them to the substudy whose marker is rarer', async () => {
    const s = await run(overlapping('rarest-first'));
    expectMean(s, 'enrolled:A', 200 * 0.9 * 0.3 * 0.8);
    expectMean(s, 'enrolled:B', 200 * 0.9 * 0.2);
  });

  it('random routing splits them evenly', async () => {
    const s = await run(overlapping('random'));
    expectMean(s, 'enrolled:A', 200 * 0.9 * (0.3 * 0.8 + 0.06 / 2));
    expectMean(s, 'enrolled:B', 200 * 0.9 * (0.2 * 0.7 + 0.06 / 2));
  });

  it('the non-match substudy takes unmatched patients and, if asked, screen failures', async () => {
    const unmatched = 0.7 * 0.8;
    const nonMatch = (screenFailures: boolean) => ({ drug: 'drug-b', sampleSize: 5000, screenFailures });
    const arms = { control: {}, 'drug-a': {}, 'drug-b': {}, 'drug-c': {} };
    const design = (screenFailures: boolean) => ({
      ...(overlapping('priority').design as Data),
      substudies: [
        { id: 'A', eligibility: 'a', drug: 'drug-a', sampleSize: 5000 },
        { id: 'B', eligibility: 'b', drug: 'drug-c', sampleSize: 5000 },
      ],
      nonMatch: nonMatch(screenFailures),
    });
    const withFailures = await run({ ...overlapping('priority'), arms, design: design(true) });
    expectMean(withFailures, 'enrolled:non-match', 200 * (0.9 * unmatched + 0.1));
    const without = await run({ ...overlapping('priority'), arms, design: design(false) });
    expectMean(without, 'enrolled:non-match', 200 * 0.9 * unmatched);
  });

  it('the funnel adds up: screened = failures + unmatched + turned away + enrolled in rule-based substudies', async () => {
    const s = await run(overlapping('random', { screening: { ratePerMonth: 25, testFailure: 0.1, cap: { patients: 400 } } }));
    const m = (id: string) => metric(s, id).mean;
    expect(m('screened')).toBeCloseTo(m('screen-failures') + m('not-matched') + m('turned-away') + m('enrolled:A') + m('enrolled:B'), 9);
    expect(m('enrolled')).toBeCloseTo(m('drug:A') + m('control:A') + m('drug:B') + m('control:B'), 9);
  });

  it('a substudy that fills closes and later patients go to the next one they match', async () => {
    const s = await run(umbrellaData({
      top: { replicates: 200 },
      design: {
        screening: { ratePerMonth: 10, arrivals: 'regular' },
        substudies: [
          { id: 'first', eligibility: 'score > -100', drug: 'drug-a', sampleSize: 20 },
          { id: 'second', eligibility: 'score > -100', drug: 'drug-b', sampleSize: 30 },
        ],
      },
    }));
    for (const [id, value] of [['enrolled:first', 20], ['enrolled:second', 30], ['screened', 50], ['months:first', 2], ['months:second', 5], ['turned-away', 0]] as const) {
      expect(metric(s, id).min, id).toBeCloseTo(value, 9);
      expect(metric(s, id).max, id).toBeCloseTo(value, 9);
    }
  });

  it('a calendar cap stops screening at the cap and analyses open substudies with the patients they have', async () => {
    const s = await run(umbrellaData({
      top: { replicates: 200 },
      design: { screening: { ratePerMonth: 10, arrivals: 'regular', cap: { months: 5 } } },
    }));
    expect(metric(s, 'screened').min).toBe(50);
    expect(metric(s, 'screened').max).toBe(50);
    expect(metric(s, 'duration').max).toBe(5);
    expect(metric(s, 'capped').min).toBe(1);
    expect(metric(s, 'enrolled:A').max).toBeLessThan(40);
  });

  it('a substudy nobody can enter is refused when no cap would end the trial', async () => {
    await expect(run(umbrellaData({ design: { substudies: [{ id: 'A', eligibility: 'score > 100', drug: 'drug-a', sampleSize: 20 }, { id: 'B', eligibility: 'b', drug: 'drug-b', sampleSize: 20 }] } })))
      .rejects.toThrow(/substudy "A" can never fill: no patient matching "score > 100" among 100,000 simulated screened patients; add design.screening.cap/);
  });

  it('the planning funnel follows closures: rates change when a substudy fills', () => {
    // P(no match) 0.5, A only 0.3, B only 0.1, both 0.1; A has priority. While both are open
    // A fills at 0.4 and B at 0.1 per screened patient: A's 30 take 75 patients, leaving B 12.5
    // to fill at 0.2 (62.5 more), while A-only patients (0.3) are turned away.
    const setup = umbrellaSetup(load(umbrellaData({ design: { screening: { ratePerMonth: 25 } } })).spec);
    const f = expectedFunnel({ setup, targets: [30, 20], patterns: Float64Array.of(0.5, 0.3, 0.1, 0.1), pick: (c) => (c & 1 ? 0 : 1) });
    expect(f.screened).toBeCloseTo(137.5, 10);
    expect(f.monthsBySubstudy).toEqual({ A: 3, B: 5.5 });
    expect(f.turnedAway).toBeCloseTo(18.75, 10);
    expect(f.notMatched).toBeCloseTo(68.75, 10);
    expect(f.enrolled).toBe(50);
    expect(f.capped).toBe(false);
  });
});

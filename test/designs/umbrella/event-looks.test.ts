/**
 * Event-driven looks of a time-to-event substudy against rpact: a two-look
 * O'Brien-Fleming design (one-sided alpha 0.025) with D = 200 planned events
 * and 1:1 allocation has, under Schoenfeld's approximation, the rejection
 * probabilities per stage of getPowerSurvival (test/fixtures/umbrella-event-
 * looks.R). The simulated substudy must reproduce them within 4 Monte Carlo
 * SEs, looks must come at exactly 100 and 200 events, and follow-up that ends
 * before the final events makes an earlier final analysis.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate } from '../../../src/run/simulate.js';
import { buildUmbrella } from '../../../src/designs/umbrella/plan.js';
import { buildSurvivalComparer } from '../../../src/designs/umbrella/survival.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { scenario } from '../../helpers/scenarios.js';
import { ROOT } from '../../helpers/cli.js';
import { binomialMcse, expectWithinMcse } from '../../helpers/mcse.js';

const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/umbrella-event-looks.json'), 'utf8')) as {
  cases: { hazardRatio: number; power: number; rejectPerStage: number[] }[];
};

function trial(hazardRatio: number, replicates: number, followUp = 240, ratePerMonth = 80, substudyEvents?: number) {
  return scenario({
    name: 'event-driven looks', seed: 17, replicates, truth: { patients: 2000 },
    population: { biomarkers: [{ id: 'm', type: 'binary', prevalence: 0.5 }] },
    endpoint: { type: 'time-to-event', median: 12, accrualDuration: 10, followUp },
    arms: { control: {}, drug: { effect: Math.log(hazardRatio) } },
    design: {
      type: 'umbrella',
      screening: { ratePerMonth },
      substudies: [{ id: 'm', eligibility: 'm', drug: 'drug', sampleSize: 400, ...(substudyEvents ? { events: substudyEvents } : {}) }],
      interims: { informationFractions: [0.5, 1], events: 200 },
      analysis: { test: 'log-rank', alpha: 0.025, sided: 'one' },
    },
  });
}

describe('event-driven looks of a time-to-event substudy', () => {
  for (const c of fixture.cases) {
    it(`reject per stage as rpact's getPowerSurvival at hazard ratio ${c.hazardRatio}`, async () => {
      const R = 4000;
      const { summary } = await simulate(trial(c.hazardRatio, R), { workers: 2 });
      const h = summary.hypotheses.find((x) => x.family !== 'separate')!;
      expectWithinMcse(h.rate, c.power, { mcse: binomialMcse(c.power, R), what: 'power' });
      const early = summary.metrics.find((m) => m.id.startsWith('efficacy-stop'))!;
      const p1 = c.rejectPerStage[0];
      expectWithinMcse(early.mean, p1, { mcse: binomialMcse(p1, R), what: 'first-stage rejection' });
    });
  }

  for (const [what, events, spec] of [['interims.events', 200, trial(0.7, 50)], ['the substudy\'s own events', 150, trial(0.7, 50, 240, 80, 150)]] as const) {
    it(`looks come at exactly half and all of the planned events (${what}), as the log-rank comparison counts them`, () => {
      const { screening, trials, setup } = buildUmbrella(spec.spec, spec.prepared.data);
      const sub = setup.substudies[0];
      const compare = buildSurvivalComparer(trials[0].cohort.capacity, 0.95);
      const stages = new Set<number>();
      for (let r = 1; r <= 40; r++) {
        const streams = new ReplicateStreams(17, r);
        screening.run(trials, streams.patients, [streams.allocation]);
        const { outcome, cohort, substudyOf } = trials[0];
        const c = compare(cohort, substudyOf, { substudy: 0, drug: sub.drug, control: sub.control, analysisTime: outcome.analysisTime[0], concurrentUntil: -1 });
        expect(c.events).toBe(outcome.stage[0] === 1 ? events / 2 : events);
        stages.add(outcome.stage[0]);
      }
      expect([...stages].sort()).toEqual([1, 2]);
    });
  }

  it('a stop at a look ends screening there: no later patient is screened, routed or turned away', () => {
    const { screening, trials } = buildUmbrella(trial(0.4, 50, 240, 10).spec, trial(0.4, 50, 240, 10).prepared.data);
    let stops = 0;
    for (let r = 1; r <= 20; r++) {
      const streams = new ReplicateStreams(17, r);
      screening.run(trials, streams.patients, [streams.allocation]);
      const o = trials[0].outcome;
      if (o.efficacyStop[0] === 1 && o.closeTime[0] === o.analysisTime[0]) stops++;
      expect(o.turnedAway).toBe(0);
      expect(o.screeningEnd).toBeLessThanOrEqual(o.closeTime[0]);
    }
    expect(stops).toBeGreaterThan(5);
  });

  it('ends at the end of follow-up when the planned events never come', () => {
    const { screening, trials } = buildUmbrella(trial(1, 50, 3).spec, trial(1, 50, 3).prepared.data);
    for (let r = 1; r <= 20; r++) {
      const streams = new ReplicateStreams(17, r);
      screening.run(trials, streams.patients, [streams.allocation]);
      const o = trials[0].outcome;
      expect(o.analysisTime[0]).toBeCloseTo(o.closeTime[0] + 3, 12);
    }
  });
});

/**
 * The time-to-event enrichment design against rpact's
 * getSimulationEnrichmentSurvival (test/fixtures/enrichment-survival-rpact.R,
 * 10^5 iterations each): the rejection probability of each population's
 * hypothesis and of at least one, the share of trials going on in each
 * population, and (with re-estimation) the expected events, within 4
 * combined MCSE, for one subpopulation under the global null, a common
 * hazard ratio, a subpopulation-only effect with the best or every
 * population selected and with re-estimated events, and two overlapping
 * subpopulations.
 *
 * What is compared: rpact draws no patients; it splits each stage's events
 * over the subsets in proportion to prevalence × (1 + HR) and draws each
 * subset's stage-wise log-rank statistic as N(−log HR √(e/4), 1). trialsim
 * simulates patients (exponential times, control median 12 months) and
 * tests them. The two agree where that approximation holds, which the
 * set-up ensures: proportional hazards within each subset; many events
 * (150 per stage); and events rare relative to the patients at risk (500
 * patients a stage screened in 2 months, events at most 30% of them, all
 * counted after the stage's last entry), so each subset's share of the
 * events is close to prevalence × (1 + HR), rpact's split. Fixed
 * prevalence, stratified log-rank, Simes, inverse normal weights √(1/2)
 * each, no early stop. Where the approximation does not hold (events
 * reached by most patients, follow-up short against the median), the event
 * split moves towards the prevalences and the two differ by more than
 * Monte Carlo error: they answer different questions there.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { enrichmentDesign } from '../../../src/designs/enrichment/index.js';
import { newRecord } from '../../../src/designs/types.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { scenario, type TestScenario } from '../../helpers/scenarios.js';
import { expectWithinMcse, binomialMcse } from '../../helpers/mcse.js';

interface RpactCase {
  id: string; iterations: number; subsets: string[]; populations: string[]; prevalences: number[]; hazardRatios: number[];
  plannedEvents: number[]; typeOfSelection: string; conditionalPower: number | null;
  minNumberOfEventsPerStage: (number | null)[] | null; maxNumberOfEventsPerStage: (number | null)[] | null;
  rejectAtLeastOne: number; rejectedPopulations: Record<string, number>; selectedPopulationsStage2: Record<string, number>;
  expectedNumberOfEvents: number;
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/enrichment-survival-rpact.json', import.meta.url), 'utf8')) as { cases: RpactCase[] };

/** The same set-up in trialsim: one marker of prevalence 0.4, or two independent ones (0.4, 0.5) for rpact's S1, S2, S12, R. */
function ours(c: RpactCase): TestScenario {
  const two = c.subsets.length === 4;
  const hr = Object.fromEntries(c.subsets.map((s, j) => [s, c.hazardRatios[j]]));
  // Log hazard ratios additive in the markers: R, S alone (or S1 alone, S2 alone); both is their sum (checked below).
  const arms = two
    ? { control: {}, drug: { effect: Math.log(hr.R), interactions: { m1: Math.log(hr.S1 / hr.R), m2: Math.log(hr.S2 / hr.R) } } }
    : { control: {}, drug: { effect: Math.log(hr.R), interactions: { m: Math.log(hr.S / hr.R) } } };
  if (two) expect(Math.log(hr.S12)).toBeCloseTo(Math.log(hr.S1) + Math.log(hr.S2) - Math.log(hr.R), 2);
  const ssr = c.conditionalPower === null ? {} : { reestimate: { conditionalPower: c.conditionalPower, min: c.minNumberOfEventsPerStage![1], max: c.maxNumberOfEventsPerStage![1] } };
  return scenario({
    name: `rpact-${c.id}`, seed: 8, replicates: 10,
    population: { biomarkers: two ? [{ id: 'm1', type: 'binary', prevalence: 0.4 }, { id: 'm2', type: 'binary', prevalence: 0.5 }] : [{ id: 'm', type: 'binary', prevalence: 0.4 }] },
    endpoint: { type: 'time-to-event', median: 12, accrualDuration: 4, followUp: 36 },
    arms,
    design: {
      type: 'enrichment', ...(two ? { subpopulations: [{ id: 'S1', biomarker: 'm1' }, { id: 'S2', biomarker: 'm2' }] } : { subpopulation: { biomarker: 'm' } }),
      stages: [500, 500], events: c.plannedEvents, prevalence: 'fixed', intersection: 'simes', compareFixed: false,
      selection: { rule: c.typeOfSelection, measure: 'estimate' }, ...ssr,
    },
  });
}

/** Rejection and selection shares and mean events over R simulated trials. */
function run(loaded: TestScenario, R: number) {
  const plan = enrichmentDesign.plan(loaded.spec, null);
  const rec = newRecord(plan.layout);
  rec.testsRead = false; // rejections, selections and metrics only: no stage-wise adjusted p-values
  const populations = plan.layout.hypotheses.filter((h) => h.family === 'populations').map((h) => h.id);
  const choices = plan.layout.metrics.map((m, j) => [m.id, j] as const).filter(([id]) => id.startsWith('selected:'));
  const stageEvents = plan.layout.metrics.map((m, j) => [m.id, j] as const).filter(([id]) => id.startsWith('events:stage')).map(([, j]) => j);
  const rejected = new Float64Array(populations.length), selected = new Float64Array(populations.length);
  let any = 0, events = 0, events2 = 0;
  for (let r = 1; r <= R; r++) {
    plan.simulate(new ReplicateStreams(loaded.spec.seed, r), rec);
    populations.forEach((_, g) => { rejected[g] += rec.rejected[g]; });
    if (populations.some((_, g) => rec.rejected[g] === 1)) any++;
    for (const [id, j] of choices) {
      if (rec.metric[j] !== 1) continue;
      // Ids of the sets of populations: "both" (F and S), or the names joined by +.
      const set = id.slice('selected:'.length);
      populations.forEach((h, g) => { if (set === 'both' || set.split('+').includes(h)) selected[g]++; });
    }
    const e = stageEvents.reduce((a, j) => a + rec.metric[j], 0);
    events += e; events2 += e * e;
  }
  const share = (x: Float64Array) => Object.fromEntries(populations.map((h, g) => [h, x[g] / R]));
  const mean = events / R;
  return { any: any / R, rejected: share(rejected), selected: share(selected), events: mean, eventsSd: Math.sqrt(Math.max(0, events2 / R - mean * mean)) };
}

const R = 5_000;

describe('time-to-event enrichment against rpact\'s getSimulationEnrichmentSurvival', () => {
  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s: rejections and selections within 4 MCSE', (id, c) => {
    const o = run(ours(c), R);
    const agree = (a: number, b: number, what: string) => expectWithinMcse(a, b, { mcse: Math.hypot(binomialMcse(a, R), binomialMcse(b, c.iterations)), what: `${id} ${what}` });
    agree(o.any, c.rejectAtLeastOne, 'at least one rejected');
    for (const h of c.populations) {
      agree(o.rejected[h], c.rejectedPopulations[h], `${h} rejected`);
      agree(o.selected[h], c.selectedPopulationsStage2[h], `${h} selected`);
    }
    // Events: trialsim counts whole events (each re-estimated target rounded); rpact's are unrounded.
    expectWithinMcse(o.events, c.expectedNumberOfEvents, { mcse: Math.hypot(o.eventsSd / Math.sqrt(R), o.eventsSd / Math.sqrt(c.iterations)), slack: 0.5, floor: 1, what: `${id} expected events` });
  });

  it('covers a subpopulation-only effect, re-estimated events and two subpopulations', () => {
    expect(fixture.cases.map((c) => c.id)).toEqual(['null-best', 'homogeneous-best', 'heterogeneous-best', 'heterogeneous-all', 'g3-best', 'heterogeneous-ssr']);
    expect(fixture.cases.every((c) => c.iterations === 100_000)).toBe(true);
  });
});

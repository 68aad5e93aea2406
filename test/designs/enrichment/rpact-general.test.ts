/**
 * The enrichment design against rpact 3.3.4's simulations with two and three
 * subpopulations (overlapping: rpact's subsets S1, S2, S12, R; or S1..S3 and
 * their intersections), two and three stages with O'Brien-Fleming critical
 * values, selection at every interim, sample-size re-estimation and
 * futility bounds (test/fixtures/enrichment-general-rpact.R, 10^4
 * iterations for these runs, the script's ENRICHMENT_ITER): rejection probabilities per population and for at least one,
 * selection probabilities per stage, and the expected number of patients,
 * within 4 combined Monte Carlo standard errors.
 *
 * rpact's subsets become the levels of one categorical biomarker `subset`
 * (fixed quotas by their prevalences), the effects interactions with its
 * levels; rpact's default futility bound of −6 on the intersections' combined
 * statistics is kept as `futilityBounds` (it stops trials whose stage-wise
 * intersection p-value is 1). rpact draws normal subset means with
 * non-integer sample sizes where trialsim draws patients; both are exact
 * for a known variance.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { enrichmentDesign } from '../../../src/designs/enrichment/index.js';
import { newRecord } from '../../../src/designs/types.js';
import { ReplicateStreams } from '../../../src/random/stream.js';
import { scenario } from '../../helpers/scenarios.js';
import { expectWithinMcse, binomialMcse } from '../../helpers/mcse.js';

interface Args {
  design: string; threshold?: number; plannedSubjects: number[]; intersectionTest: string; typeOfSelection: string; effectMeasure?: string;
  epsilonValue?: number; rValue?: number; successCriterion?: string; allocationRatioPlanned?: number; stratifiedAnalysis?: boolean;
  conditionalPower?: number; minNumberOfSubjectsPerStage?: (number | null)[]; maxNumberOfSubjectsPerStage?: (number | null)[];
  effectList: { subGroups: string[]; prevalences: Record<string, number>; effects?: Record<string, number>; stDevs?: number; piTreatments?: Record<string, number>; piControls?: Record<string, number> };
}
interface Simulation {
  id: string; endpoint: 'means' | 'rates' | 'survival'; populations: string[]; maxNumberOfIterations: number; args: Args;
  rejectAtLeastOne: number; rejectedPopulations: Record<string, number>; selectedPopulations: Record<string, number[]>;
  expectedNumberOfSubjects: number; expectedNumberOfSubjectsMcSE: number;
}
const fixture = JSON.parse(readFileSync('test/fixtures/enrichment-general-rpact.json', 'utf8')) as {
  designs: Record<string, { type: string; criticalValues: number[]; weights: number[]; futilityBounds: number[]; alpha: number }>; simulations: Simulation[];
};
/**
 * Left out: survival (rpact draws normal log-rank statistics per subset, not patients: the time-to-event design
 * has its own checks), rpact's Fisher design (weighted products with early stops; trialsim's Fisher combination
 * tests at the last stage only) and a `threshold` added to another rule (trialsim's threshold is a rule of its own).
 */
const runs = fixture.simulations.filter((x) => x.endpoint !== 'survival' && fixture.designs[x.args.design].type === 'inverseNormal' && x.args.threshold === undefined);

/** rpact's populations S1.. as lists of its subsets: those whose name holds the population's digit (S alone: S). */
const subsetsOf = (population: string, subsets: string[]) => (population === 'S' ? ['S'] : subsets.filter((x) => x !== 'R' && x.slice(1).includes(population.slice(1))));
const level = (subset: string) => subset.toLowerCase();

function scenarioOf(run: Simulation) {
  const a = run.args, e = a.effectList, design = fixture.designs[a.design];
  const subsets = e.subGroups;
  const stages = a.plannedSubjects.map((n, k) => n - (k === 0 ? 0 : a.plannedSubjects[k - 1]));
  const rule = { best: 'best', rBest: 'r-best', epsilon: 'epsilon', all: 'all' }[a.typeOfSelection]!;
  const binary = run.endpoint === 'rates';
  return scenario({
    name: run.id, seed: 17, replicates: 10,
    population: { biomarkers: [{ id: 'subset', type: 'categorical', levels: Object.fromEntries(subsets.map((x) => [level(x), e.prevalences[x]])) }] },
    endpoint: binary
      ? { type: 'binary', model: 'rates', rates: subsets.map((x) => ({ subgroup: { subset: level(x) }, rates: { control: e.piControls![x], drug: e.piTreatments![x] } })) }
      : { type: 'continuous', sd: e.stDevs ?? 1 },
    arms: { control: {}, drug: binary ? {} : { effect: e.effects!.R, interactions: Object.fromEntries(subsets.filter((x) => x !== 'R').map((x) => [`subset=${level(x)}`, e.effects![x] - e.effects!.R])) } },
    design: {
      type: 'enrichment',
      subpopulations: run.populations.filter((p) => p !== 'F').map((p) => ({ id: p, biomarker: 'subset', value: subsetsOf(p, subsets).map(level) })),
      stages, prevalence: 'fixed', weights: design.weights,
      efficacy: { criticalValues: design.criticalValues.map((c) => (Number.isFinite(c) ? c : null)) },
      futilityBounds: design.futilityBounds,
      intersection: a.intersectionTest.toLowerCase(),
      selection: { rule, measure: a.effectMeasure === 'testStatistic' ? 'statistic' : 'estimate', ...(a.epsilonValue !== undefined ? { epsilon: a.epsilonValue } : {}), ...(a.rValue !== undefined ? { r: a.rValue } : {}) },
      successCriterion: a.successCriterion === 'atLeastOne' ? 'at-least-one' : 'all',
      allocation: a.allocationRatioPlanned ?? 1,
      stratified: a.stratifiedAnalysis ?? true,
      ...(binary ? {} : { variance: 'known' }),
      ...(a.conditionalPower ? { reestimate: { conditionalPower: a.conditionalPower, min: a.minNumberOfSubjectsPerStage!.slice(1) as number[], max: a.maxNumberOfSubjectsPerStage!.slice(1) as number[] } } : {}),
      compareFixed: false,
    },
  });
}

const R = 20_000;

describe('enrichment with several subpopulations and stages against rpact\'s simulations', () => {
  it('the fixture holds means and rates runs with two and three subpopulations, three stages and re-estimation', () => {
    expect(runs.length).toBeGreaterThanOrEqual(4);
    expect(runs.some((r) => r.populations.length >= 3)).toBe(true);
    expect(runs.some((r) => r.args.conditionalPower !== undefined)).toBe(true);
    expect(runs.every((r) => r.maxNumberOfIterations >= 10_000)).toBe(true);
  });

  it.each(runs.map((r) => [r.id, r] as const))('%s', (_id, run) => {
    const loaded = scenarioOf(run);
    const plan = enrichmentDesign.plan(loaded.spec, null);
    const rec = newRecord(plan.layout);
    rec.testsRead = false; // rejections, selections and metrics only: no stage-wise adjusted p-values
    const ids = plan.layout.hypotheses.map((h) => h.id);
    const slot = (id: string) => plan.layout.metrics.findIndex((m) => m.id === id);
    const K = run.args.plannedSubjects.length;
    const tally = { any: 0, rejected: {} as Record<string, number>, still: {} as Record<string, number[]>, n: 0, n2: 0 };
    for (const h of run.populations) { tally.rejected[h] = 0; tally.still[h] = new Array(K).fill(0); }
    for (let r = 1; r <= R; r++) {
      plan.simulate(new ReplicateStreams(loaded.spec.seed, r), rec);
      let any = 0;
      for (const h of run.populations) {
        const x = rec.rejected[ids.indexOf(h)];
        tally.rejected[h] += x; any = Math.max(any, x);
        for (let k = 2; k <= K; k++) tally.still[h][k - 1] += rec.metric[slot(`in:${h}:stage${k}`)];
      }
      tally.any += any;
      const n = rec.metric[slot('patients')];
      tally.n += n; tally.n2 += n * n;
    }
    const agree = (ours: number, theirs: number, what: string) => expectWithinMcse(ours, theirs, { mcse: Math.hypot(binomialMcse(theirs, run.maxNumberOfIterations), binomialMcse(ours, R)), what: `${run.id} ${what}` });
    agree(tally.any / R, run.rejectAtLeastOne, 'at least one rejected');
    for (const h of run.populations) {
      agree(tally.rejected[h] / R, run.rejectedPopulations[h], `${h} rejected`);
      for (let k = 2; k <= K; k++) agree(tally.still[h][k - 1] / R, run.selectedPopulations[h][k - 1], `${h} selected at stage ${k}`);
    }
    const meanN = tally.n / R, sdN = Math.sqrt(Math.max(0, tally.n2 / R - meanN * meanN));
    expectWithinMcse(meanN, run.expectedNumberOfSubjects, { mcse: Math.hypot(sdN / Math.sqrt(R), run.expectedNumberOfSubjectsMcSE), slack: 0.5 * (K - 1), what: `${run.id} expected patients (rounded stage sizes)` });
  });
});

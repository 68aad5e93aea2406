/**
 * True effects of a parallel-group scenario, from a large virtual population
 * in which every patient has a potential outcome under every arm.
 *
 * Binary and continuous endpoints use each patient's outcome probability or
 * mean (not the realised outcomes), so the only Monte Carlo error is from
 * sampling biomarkers: risk difference E[p_a - p_c], marginal log odds ratio
 * logit E[p_a] - logit E[p_c] (delta-method error), mean difference. For
 * time-to-event the marginal log hazard ratio is the two-group Cox estimate
 * when the whole population is followed under both arms with the design's
 * censoring: the value the trial's estimator converges to. When every
 * biomarker is discrete (and the endpoint not time-to-event) the truth is a
 * weighted sum over the biomarker patterns (population/patterns.ts), exact
 * (Monte Carlo error 0); without biomarkers that is one patient.
 */
import type { ParallelScenario } from './schema.js';
import type { TruthTable, TrueValue } from '../types.js';
import type { RunStreams } from '../../random/stream.js';
import { normalSampler } from '../../random/samplers.js';
import { Cohort } from '../../population/cohort.js';
import { biomarkerSampler, compilePopulation } from '../../population/biomarkers.js';
import { buildOutcomeModel } from '../../population/outcomes.js';
import { marginalLogHazardRatio } from '../../population/survival-truth.js';
import { parallelSetup, analysisScale, effectScales } from './setup.js';
import { comparisonId } from './layout.js';
import { cancellation } from '../../stats/cancellation.js';
import { CellMoments } from '../../population/arm-moments.js';
import { discretePatterns, placePattern } from '../../population/patterns.js';
import type { ParallelSections } from './sections.js';

const TIME_TO_EVENT_TRUTH_CAP = 200_000;

export function parallelTruth(s: ParallelScenario, streams: RunStreams): TruthTable {
  const setup = parallelSetup(s);
  const model = buildOutcomeModel(s);
  const tte = setup.endpointType === 'time-to-event';
  const arms = setup.arms.length;
  const cellsPerSubgroup = setup.subgroups.map((g) => g.levels.map(() => new CellMoments(arms)));
  const overall = new CellMoments(arms);
  const means = new Float64Array(arms);
  const add = (cohort: Cohort, i: number, weight: number) => {
    for (let a = 0; a < arms; a++) means[a] = model.mean(cohort, i, a);
    overall.add(means, weight);
    setup.subgroups.forEach((g, sg) => cellsPerSubgroup[sg][g.levelOf(cohort, i)].add(means, weight));
  };
  // Without biomarkers every patient has the same means; with discrete ones the patterns are enumerated.
  const patterns = tte ? null : discretePatterns(s);
  const exact = patterns !== null;
  let cohort: Cohort;
  if (patterns) {
    cohort = new Cohort(1, s.population.biomarkers.length);
    for (const p of patterns) {
      placePattern(cohort, 0, p);
      add(cohort, 0, p.weight);
    }
  } else {
    const N = tte ? Math.min(s.truth.patients, TIME_TO_EVENT_TRUTH_CAP) : s.truth.patients;
    const source = streams.truth();
    const normal = normalSampler(source);
    const batch = 4096;
    cohort = new Cohort(tte ? N : batch, s.population.biomarkers.length);
    const draw = biomarkerSampler(compilePopulation(s.population), source, normal);
    for (let start = 0; start < N; start += tte ? N : batch) {
      const size = tte ? N : Math.min(batch, N - start);
      for (let i = 0; i < size; i++) {
        draw(cohort, i);
        model.drawLatent(source, normal, cohort, i);
        add(cohort, i, 1);
      }
      cohort.n = size;
    }
  }
  const truth: TruthTable = {};
  const scales = effectScales(setup.endpointType).map(([p]) => p);
  const cellTruth = (cell: CellMoments, arm: number, filter: (i: number) => boolean): TrueValue[] =>
    tte ? [marginalLogHazardRatio(s, cohort, model, arm, setup.control, filter)]
      : setup.endpointType === 'binary' ? [cell.difference(arm, setup.control), cell.logOddsRatio(arm, setup.control)]
      : setup.endpointType === 'count' ? [cell.logRatio(arm, setup.control)]
      : [cell.difference(arm, setup.control)];
  setup.comparisons.forEach((arm, k) => {
    const cid = comparisonId(setup, k);
    cellTruth(overall, arm, () => true).forEach((t, j) => (truth[`${scales[j]}:${cid}`] = exact ? { value: t.value, mcse: 0 } : t));
    setup.subgroups.forEach((g, sg) => {
      g.levels.forEach((level, l) => {
        cellTruth(cellsPerSubgroup[sg][l], arm, (i) => g.levelOf(cohort, i) === l).forEach((t, j) => (truth[`${scales[j]}:${cid}|${level}`] = exact ? { value: t.value, mcse: 0 } : t));
      });
      if (g.levels.length === 2) {
        const main = analysisScale(setup.endpointType);
        const hi = truth[`${main}:${cid}|${g.levels[1]}`], lo = truth[`${main}:${cid}|${g.levels[0]}`];
        truth[`${main}:${cid}|interaction:${g.name}`] = { value: hi.value - lo.value, mcse: Math.hypot(hi.mcse, lo.mcse) };
      }
    });
  });
  // Subgroup weights (population shares) for the cancellation index.
  setup.subgroups.forEach((g, sg) => g.levels.forEach((level, l) => {
    truth[`share:${level}`] = { value: cellsPerSubgroup[sg][l].count / overall.count, mcse: 0 };
  }));
  return truth;
}


export function parallelDescribe(s: ParallelScenario, truth: TruthTable): Pick<ParallelSections, 'cancellation'> {
  const setup = parallelSetup(s);
  const scales = effectScales(setup.endpointType);
  const rows = setup.comparisons.flatMap((_, k) => {
    const cid = comparisonId(setup, k);
    return setup.subgroups.flatMap((g) => scales.map(([prefix, words]) => cancellation({
      comparison: cid, subgrouping: g.name, scale: words,
      average: truth[`${prefix}:${cid}`].value,
      subgroups: g.levels.map((level) => ({ level, share: truth[`share:${level}`].value, effect: truth[`${prefix}:${cid}|${level}`].value })),
    })));
  });
  return { cancellation: rows };
}

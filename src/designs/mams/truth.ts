/**
 * True effects of a MAMS scenario: each arm's mean (or risk) difference
 * from the control over the population. Where the outcome means do not
 * depend on biomarkers (no prognostic or predictive terms) every patient
 * has the same means, so the truth is exact; otherwise it is averaged over a
 * virtual population of `truth.patients` patients, with its Monte Carlo error.
 */
import type { TruthTable } from '../types.js';
import type { RunStreams } from '../../random/stream.js';
import type { MamsScenario } from './schema.js';
import { normalSampler } from '../../random/samplers.js';
import { Cohort } from '../../population/cohort.js';
import { biomarkerSampler, compilePopulation } from '../../population/biomarkers.js';
import { buildOutcomeModel } from '../../population/outcomes.js';
import { CellMoments } from '../../population/arm-moments.js';
import { mamsSetup } from './setup.js';

/** Whether every patient has the same outcome means under every arm. */
export function meansAreConstant(s: MamsScenario): boolean {
  const e = s.endpoint!;
  if (s.population.biomarkers.length === 0) return true;
  const prognostic = 'prognostic' in e && Object.keys(e.prognostic ?? {}).length > 0;
  const rates = e.type === 'binary' && e.model === 'rates' && (e.rates ?? []).some((row) => Object.keys(row.subgroup).length > 0);
  const predictive = Object.values(s.arms ?? {}).some((a) => Object.keys(a.interactions ?? {}).length > 0);
  return !prognostic && !rates && !predictive;
}

export function mamsTruth(s: MamsScenario, streams: RunStreams): TruthTable {
  const setup = mamsSetup(s);
  const model = buildOutcomeModel(s);
  const exact = meansAreConstant(s);
  const N = exact ? 1 : s.truth.patients;
  const A = setup.arms.length;
  const source = streams.truth();
  const normal = normalSampler(source);
  const batch = Math.min(4096, N);
  const cohort = new Cohort(batch, s.population.biomarkers.length);
  const draw = biomarkerSampler(compilePopulation(s.population), source, normal);
  const cell = new CellMoments(A);
  const means = new Float64Array(A);
  for (let start = 0; start < N; start += batch) {
    const size = Math.min(batch, N - start);
    for (let i = 0; i < size; i++) {
      draw(cohort, i);
      model.drawLatent(source, normal, cohort, i);
      for (let a = 0; a < A; a++) means[a] = model.mean(cohort, i, a);
      cell.add(means);
    }
  }
  const truth: TruthTable = {};
  setup.experimental.forEach((a, k) => {
    const t = cell.difference(a, setup.control);
    truth[`${setup.scale.prefix}:${setup.comparison[k]}`] = exact ? { value: t.value, mcse: 0 } : t;
  });
  return truth;
}

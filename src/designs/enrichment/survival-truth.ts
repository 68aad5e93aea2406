/**
 * The true effects of a time-to-event enrichment trial, as the project's
 * other time-to-event designs define them (parallel and umbrella truth.ts):
 * in each population, the two-group Cox log hazard ratio of treatment vs
 * control with every patient of a large virtual population followed under
 * both arms and censored as the endpoint's accrualDuration, followUp and
 * dropoutHazard describe (population/survival-truth.ts), with its Monte
 * Carlo error; at most 200,000 virtual patients (truth.patients).
 */
import type { RunStreams } from '../../random/stream.js';
import type { TruthTable } from '../types.js';
import { normalSampler } from '../../random/samplers.js';
import { Cohort } from '../../population/cohort.js';
import { biomarkerSampler, compilePopulation } from '../../population/biomarkers.js';
import { buildOutcomeModel } from '../../population/outcomes.js';
import { marginalLogHazardRatio } from '../../population/survival-truth.js';
import type { EnrichmentScenario } from './schema.js';
import { enrichmentSetup, stratumOf } from './setup.js';

export const SURVIVAL_TRUTH_CAP = 200_000;

export function enrichmentSurvivalTruth(s: EnrichmentScenario, streams: RunStreams): TruthTable {
  const setup = enrichmentSetup(s);
  const model = buildOutcomeModel(s);
  const N = Math.min(s.truth.patients, SURVIVAL_TRUTH_CAP);
  const cohort = new Cohort(N, s.population.biomarkers.length);
  const source = streams.truth();
  const normal = normalSampler(source);
  const draw = biomarkerSampler(compilePopulation(s.population), source, normal);
  const stratum = new Int32Array(N);
  for (let i = 0; i < N; i++) {
    draw(cohort, i);
    model.drawLatent(source, normal, cohort, i);
    stratum[i] = stratumOf(setup.subpopulations, cohort.markers, i);
  }
  cohort.n = N;
  return Object.fromEntries(setup.populations.map((h, g) => {
    const member = new Uint8Array(setup.strata);
    for (const x of setup.strataOf[g]) member[x] = 1;
    return [`effect:${h}`, marginalLogHazardRatio(s, cohort, model, setup.treatment, setup.control, (i) => member[stratum[i]] === 1)];
  }));
}

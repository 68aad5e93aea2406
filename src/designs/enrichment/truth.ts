/**
 * The true effects of the enrichment design: the treatment-minus-control
 * difference of the patients' outcome means (mean or risk difference) in S
 * and in the full population F. Exact by enumeration when every biomarker
 * is binary or categorical (population/patterns.ts); otherwise averaged over
 * `truth.patients` virtual patients, with Monte Carlo errors.
 */
import type { RunStreams } from '../../random/stream.js';
import type { TruthTable } from '../types.js';
import { normalSampler } from '../../random/samplers.js';
import { Cohort } from '../../population/cohort.js';
import { biomarkerSampler, compilePopulation } from '../../population/biomarkers.js';
import { buildOutcomeModel } from '../../population/outcomes.js';
import { CellMoments } from '../../population/arm-moments.js';
import { discretePatterns, placePattern } from '../../population/patterns.js';
import type { EnrichmentScenario } from './schema.js';
import { enrichmentSetup } from './setup.js';

export function enrichmentTruth(s: EnrichmentScenario, streams: RunStreams): TruthTable {
  const setup = enrichmentSetup(s);
  const model = buildOutcomeModel(s);
  const one = new Cohort(1, s.population.biomarkers.length);
  const treatment = setup.treatment, control = setup.control;
  const patterns = discretePatterns(s);
  if (patterns) {
    const sums = { F: [0, 0], S: [0, 0] };
    for (const p of patterns) {
      placePattern(one, 0, p);
      const d = model.mean(one, 0, treatment) - model.mean(one, 0, control);
      sums.F[0] += p.weight * d; sums.F[1] += p.weight;
      if (p.values[setup.column] === setup.value) { sums.S[0] += p.weight * d; sums.S[1] += p.weight; }
    }
    return { 'effect:F': { value: sums.F[0] / sums.F[1], mcse: 0 }, 'effect:S': { value: sums.S[0] / sums.S[1], mcse: 0 } };
  }
  const source = streams.truth();
  const normal = normalSampler(source);
  const draw = biomarkerSampler(compilePopulation(s.population), source, normal);
  const all = new CellMoments(2), sub = new CellMoments(2);
  const means = new Float64Array(2);
  for (let i = 0; i < s.truth.patients; i++) {
    draw(one, 0);
    model.drawLatent(source, normal, one, 0);
    means[0] = model.mean(one, 0, treatment); means[1] = model.mean(one, 0, control);
    all.add(means);
    if (one.markers[setup.column][0] === setup.value) sub.add(means);
  }
  return { 'effect:F': all.difference(0, 1), 'effect:S': sub.difference(0, 1) };
}

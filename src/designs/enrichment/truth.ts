/**
 * The true effects of the enrichment design: the treatment-minus-control
 * difference of the patients' outcome means (mean or risk difference) in
 * each population (F and every subpopulation). Exact by enumeration when every biomarker
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
import { enrichmentSetup, stratumOf } from './setup.js';

export function enrichmentTruth(s: EnrichmentScenario, streams: RunStreams): TruthTable {
  const setup = enrichmentSetup(s);
  const model = buildOutcomeModel(s);
  const one = new Cohort(1, s.population.biomarkers.length);
  const treatment = setup.treatment, control = setup.control;
  const inPopulation = (g: number) => setup.strataOf[g].includes(stratumOf(setup.subpopulations, one.markers, 0));
  const patterns = discretePatterns(s);
  if (patterns) {
    const sums = setup.populations.map(() => [0, 0]);
    for (const p of patterns) {
      placePattern(one, 0, p);
      const d = model.mean(one, 0, treatment) - model.mean(one, 0, control);
      sums.forEach((sum, g) => { if (inPopulation(g)) { sum[0] += p.weight * d; sum[1] += p.weight; } });
    }
    return Object.fromEntries(setup.populations.map((h, g) => [`effect:${h}`, { value: sums[g][0] / sums[g][1], mcse: 0 }]));
  }
  const source = streams.truth();
  const normal = normalSampler(source);
  const draw = biomarkerSampler(compilePopulation(s.population), source, normal);
  const moments = setup.populations.map(() => new CellMoments(2));
  const means = new Float64Array(2);
  for (let i = 0; i < s.truth.patients; i++) {
    draw(one, 0);
    model.drawLatent(source, normal, one, 0);
    means[0] = model.mean(one, 0, treatment); means[1] = model.mean(one, 0, control);
    moments.forEach((m, g) => { if (inPopulation(g)) m.add(means); });
  }
  return Object.fromEntries(setup.populations.map((h, g) => [`effect:${h}`, moments[g].difference(0, 1)]));
}

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
import { armMeanDifferences } from '../../population/arm-moments.js';
import { mamsSetup } from './setup.js';

export function mamsTruth(s: MamsScenario, streams: RunStreams): TruthTable {
  const setup = mamsSetup(s);
  const values = armMeanDifferences(s, streams, setup.control, setup.experimental);
  return Object.fromEntries(setup.comparison.map((id, k) => [`${setup.scale.prefix}:${id}`, values[k]]));
}

/**
 * Enrolling one patient of a non-compliance trial, shared by the designs'
 * binary/continuous and time-to-event simulators and by the estimands'
 * virtual populations: biomarkers and the coupling draw of the potential
 * outcomes, then the compliance type (one uniform against the type
 * probabilities, which may depend on biomarkers and own benefit), then the
 * assignment (allocation stream). The draws come in this order so that a
 * scenario's streams do not depend on which estimators it reports.
 */
import type { RandomSource, ReplicateStreams } from '../../random/stream.js';
import { normalSampler, type NormalSampler } from '../../random/samplers.js';
import { Cohort } from '../../population/cohort.js';
import { biomarkerSampler, compilePopulation } from '../../population/biomarkers.js';
import { patientTypes } from '../../population/discrete-table.js';
import { buildRandomiser } from '../randomisation.js';
import type { NoncomplianceScenario } from './schema.js';
import { COMPLIER, NEVER, ALWAYS, type NoncomplianceSetup } from './setup.js';

export interface Enroller {
  cohort: Cohort;
  /** The patients stream of the current replicate (or the truth stream), read through. */
  source: RandomSource;
  normal: NormalSampler;
  /** Starts a replicate: its patients stream, a fresh normal sampler and randomiser. */
  start(streams: Pick<ReplicateStreams, 'patients'> | RandomSource): void;
  /** Biomarkers of patient i. */
  drawPatient(i: number): void;
  /** Compliance type of patient i (given their own benefit), from one uniform. */
  drawType(i: number, benefit: number): number;
  /** 1 if patient i is assigned the treatment. */
  assign(allocation: RandomSource, i: number): number;
}

export function enroller(s: NoncomplianceScenario, setup: NoncomplianceSetup, size: number): Enroller {
  const d = s.design;
  const cohort = new Cohort(size, s.population.biomarkers.length);
  let current: RandomSource = () => 0;
  const source: RandomSource = () => current();
  const normal = normalSampler(source);
  const draw = biomarkerSampler(compilePopulation(s.population), source, normal);
  const ratios = setup.armNames.map((a) => d.allocation?.[a] ?? 1);
  const strata = d.randomisation.strata.map((id) => {
    const column = s.population.biomarkers.findIndex((b) => b.id === id);
    const b = s.population.biomarkers[column];
    return { column, levels: b.type === 'categorical' ? Object.keys(b.levels).length : 2 };
  });
  const randomiser = buildRandomiser({ method: d.randomisation.method, ratios, blockSize: d.randomisation.blockSize, strata }, patientTypes(s.population));
  const p = new Float64Array(4);
  return {
    cohort, source, normal,
    start(streams) {
      current = typeof streams === 'function' ? streams : streams.patients;
      normal.reset();
      randomiser.reset();
    },
    drawPatient: (i) => draw(cohort, i),
    drawType(i, benefit) {
      setup.compliance.probabilities(cohort, i, benefit, p);
      let u = source(), t = COMPLIER;
      while (t < 3 && u >= p[t]) { u -= p[t]; t++; }
      return t;
    },
    assign: (allocation, i) => (randomiser.assign(allocation, cohort, i) === setup.treatment ? 1 : 0),
  };
}

/** The arm taken at the start (1: the treatment) by compliance type and assignment z. */
export const takenAtStart = (type: number, z: number): number => (type === COMPLIER ? z : type === NEVER ? 0 : type === ALWAYS ? 1 : 1 - z);

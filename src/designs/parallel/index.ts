/**
 * The parallel-group design: patients enrol, are randomised among two or
 * more arms, and each arm is compared with control overall and within
 * prespecified subgroups.
 */
import { defineDesign, type SimulationPlan } from '../types.js';
import { parallelDesignSchema, type ParallelScenario } from './schema.js';
import { checkParallel } from './check.js';
import type { ReplicateStreams, RandomSource } from '../../random/stream.js';
import { normalSampler } from '../../random/samplers.js';
import { Cohort } from '../../population/cohort.js';
import { biomarkerSampler, compilePopulation } from '../../population/biomarkers.js';
import { buildOutcomeModel } from '../../population/outcomes.js';
import { buildRandomiser, smallestBalancedBlock } from '../randomisation.js';
import { parallelSetup } from './setup.js';
import { parallelLayout } from './layout.js';
import { buildAnalyser } from './analyse.js';
import { parallelTruth, parallelDescribe } from './truth.js';
import { patientTable } from '../../population/export.js';
import { cohortFromRows } from '../../population/observed-cohort.js';
import { ObservedReader, type ObservedTable } from '../../scenario/observed.js';
import type { ReplicateRecord } from '../types.js';
import { resolveModels } from './model-setup.js';
import { modelLayout } from './model-layout.js';
import { buildModelAnalyser } from './model-analysis.js';
import { countSimulator } from './counts.js';
import { UserError } from '../../scenario/errors.js';
import { patientTypes } from '../../population/discrete-table.js';
import { modelTruth } from './model-truth.js';
import { modelDescribe } from './model-describe.js';
import { parallelSections } from './sections.js';
import { censorAtEvents } from './event-driven.js';

/**
 * Enrols one trial's patients into the cohort: biomarkers, arm, outcome.
 * With `potentialOutcomes` the cohort keeps each patient's coupling draw, so
 * their outcome under every arm can be read back (the patient export); the
 * replicate loop does without.
 */
export function enrol(s: ParallelScenario, capacity: number, potentialOutcomes = true) {
  const setup = parallelSetup(s);
  const model = buildOutcomeModel(s);
  const population = compilePopulation(s.population);
  const randomiser = buildRandomiser(setup.randomisation, population.types);
  const cohort = new Cohort(capacity, s.population.biomarkers.length);
  // The samplers are built once and read the replicate's patient stream
  // through `current`, so the replicate loop calls the same closures every
  // time (V8 keeps them inlined); the normal sampler's spare is reset per replicate.
  let current: RandomSource = () => 0;
  const source: RandomSource = () => current();
  const normal = normalSampler(source);
  const drawPatient = biomarkerSampler(population, source, normal);
  const drawOutcome = potentialOutcomes ? model.drawOutcome : model.drawObserved;
  const quota = quotaPlan(s);
  // Patients of known type whose outcome is a function of type and arm: the loop hands each step what it knows.
  const observedOfType = potentialOutcomes ? undefined : model.observedOfType;
  const typed = observedOfType !== undefined && randomiser.assignType !== undefined;
  const filled = quota ? new Int32Array(quota.sizes.length) : null;
  const arms = setup.arms.length;
  let byType: Int32Array | null = null;
  const trial = {
    setup, model, cohort,
    /** Patients screened in the last trial (more than enrolled when full levels turn patients away). */
    screened: 0,
    /**
     * Asks the enrolment to count its patients by (type, arm, outcome) into
     * `counts` (tally.ts: `CellTally.byType`) as it draws them; true when it
     * will (patients of known type with a 0/1 outcome, no quotas).
     */
    countByType(counts: Int32Array): boolean {
      if (!typed || quota) return false;
      byType = counts;
      return true;
    },
    run(streams: ReplicateStreams, size: number): Cohort {
      current = streams.patients;
      normal.reset();
      const allocation = streams.allocation;
      randomiser.reset();
      cohort.n = size;
      trial.screened = size;
      if (quota) return enrolToQuotas(streams, size);
      if (typed) {
        // The same draws in the same order as below, without reading the type and arm back from the cohort.
        if (byType) byType.fill(0);
        for (let i = 0; i < size; i++) {
          const type = drawPatient(cohort, i);
          const arm = randomiser.assignType!(allocation, type);
          cohort.arm[i] = arm;
          const y = observedOfType!(source, type, arm);
          cohort.outcome[i] = y;
          if (byType) byType[(type * arms + arm) * 2 + y]++;
        }
        return cohort;
      }
      for (let i = 0; i < size; i++) {
        drawPatient(cohort, i);
        cohort.arm[i] = randomiser.assign(allocation, cohort, i);
        drawOutcome(source, normal, cohort, i);
      }
      return cohort;
    },
  };
  /** Fixed quotas: a patient whose level is full is screened out (their slot is drawn again). */
  function enrolToQuotas(streams: ReplicateStreams, size: number): Cohort {
    filled!.fill(0);
    let screened = 0;
    for (let i = 0; i < size;) {
      drawPatient(cohort, i);
      screened++;
      const level = cohort.markers[quota!.column][i];
      if (filled![level] >= quota!.sizes[level]) continue;
      filled![level]++;
      cohort.arm[i] = randomiser.assign(streams.allocation, cohort, i);
      drawOutcome(source, normal, cohort, i);
      i++;
    }
    trial.screened = screened;
    return cohort;
  }
  return trial;
}

/** The quota of each level of the quota biomarker, by the level index its column holds. */
function quotaPlan(s: ParallelScenario): { column: number; sizes: Int32Array } | null {
  const q = s.design.quotas;
  if (!q) return null;
  const column = s.population.biomarkers.findIndex((b) => b.id === q.biomarker);
  const b = s.population.biomarkers[column];
  const levels = b.type === 'categorical' ? Object.keys(b.levels) : ['0', '1'];
  return { column, sizes: Int32Array.from(levels, (l) => q.sizes[l] ?? 0) };
}

function plan(s: ParallelScenario): SimulationPlan {
  const size = s.design.sampleSize;
  const trial = enrol(s, size, false);
  const layout = parallelLayout(trial.setup);
  const analyser = buildAnalyser(trial.setup, layout, size, patientTypes(s.population));
  // Cells tallied as the patients are drawn, when the enrolment can count them by type (the same integers).
  const countedByType = analyser.tally.byType !== undefined && trial.countByType(analyser.tally.byType.counts);
  // Regression models are opt-in: without them the replicate does no extra work.
  const models = resolveModels(s, trial.setup);
  // With discrete biomarkers only, logistic models are fitted on the distinct covariate patterns (patientTypes).
  const modelAnalyser = models.length > 0 ? buildModelAnalyser(modelLayout(s, trial.setup, models, layout), trial.setup.control, size, patientTypes(s.population)?.size ?? 0) : null;
  if (s.design.simulate === 'counts') {
    const counts = countSimulator(s, trial.setup, analyser.tally);
    return {
      layout,
      simulate(streams, out) {
        counts.draw(streams.patients, streams.allocation, size);
        analyser.analyseTally(out);
      },
    };
  }
  return {
    layout,
    simulate(streams, out) {
      const cohort = trial.run(streams, size);
      if (countedByType) {
        analyser.tally.byType!.fold();
        analyser.analyseTally(out);
      } else analyser.analyse(cohort, out);
      modelAnalyser?.analyse(cohort, out);
      if (layout.screenedMetric >= 0) out.metric[layout.screenedMetric] = trial.screened;
    },
  };
}

/**
 * The observed trial's patient rows through the same analyses as a
 * simulated one (overall and subgroup tests with the design's multiplicity,
 * estimates, regression models). Screening is not observed: with quotas the
 * screened count is missing.
 */
function analyseObserved(s: ParallelScenario, table: ObservedTable, out: ReplicateRecord): Record<string, unknown> {
  const r = new ObservedReader(table);
  const setup = parallelSetup(s);
  const cohort = cohortFromRows(s, buildOutcomeModel(s).arms, r);
  r.done();
  const layout = parallelLayout(setup);
  buildAnalyser(setup, layout, cohort.capacity).analyse(cohort, out);
  const models = resolveModels(s, setup);
  if (models.length > 0) buildModelAnalyser(modelLayout(s, setup, models, layout), setup.control, cohort.capacity).analyse(cohort, out);
  if (layout.screenedMetric >= 0) out.metric[layout.screenedMetric] = s.design.quotas ? NaN : cohort.n;
  return { patients: cohort.n };
}

export const parallelDesign = defineDesign({
  schema: parallelDesignSchema,
  check: checkParallel,
  // Nothing is costly to prepare: patient-type tables are built per worker in milliseconds.
  prepare: () => null,
  plan: (s) => plan(s),
  truth: (s, _prepared, streams) => ({ ...parallelTruth(s, streams), ...modelTruth(s, streams) }),
  sections: parallelSections,
  describe: (s, _prepared, truth) => ({ ...parallelDescribe(s, truth), ...modelDescribe(s, truth) }),
  patients(s, _prepared, streams) {
    if (s.design.simulate === 'counts') throw new UserError('design.simulate: counts draws no patients, only their numbers per arm and subgroup: set simulate: patients to export them');
    const size = s.design.sampleSize;
    const trial = enrol(s, size);
    const cohort = trial.run(streams, size);
    // Exactly as analysed: an event-driven analysis cuts follow-up at the target event.
    const target = s.design.analysis.primary.events;
    if (target !== undefined) censorAtEvents(cohort, target, new Float64Array(size));
    return patientTable(s, trial.model, cohort);
  },
  analyse: (s, _prepared, table, out) => analyseObserved(s, table, out),
  patientsPerReplicate: (s) => s.design.sampleSize,
  granularity: (s, key) => (key === 'design.sampleSize' ? sampleSizeStep(s) : undefined),
});

/** Sample sizes move by whole permuted blocks (default block: the smallest that balances the allocation). */
function sampleSizeStep(s: ParallelScenario): number {
  const d = s.design;
  if (d.randomisation.method !== 'permuted-block') return 1;
  const ratios = Object.keys(s.arms ?? {}).map((a) => d.allocation?.[a] ?? 1);
  return d.randomisation.blockSize ?? smallestBalancedBlock(ratios);
}

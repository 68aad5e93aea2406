/**
 * The STAR*D-style sequential design: participants who do not remit at one
 * treatment level move to the next, where they are randomised among the
 * options they find acceptable (switch to a new treatment, or augment the
 * current one). Reports per-level and cumulative remission, within-level
 * randomised comparisons, and the IPW values of embedded treatment
 * sequences and their comparisons; the truth adds every sequence's value per
 * latent profile, and whether profile-specific differences cancel.
 */
import { defineDesign, type SimulationPlan } from '../types.js';
import { sequentialDesignSchema, type SequentialScenario } from './schema.js';
import { checkSequentialDesign } from './check.js';
import { sequentialSetup } from './setup.js';
import { sequentialLayout } from './layout.js';
import { SequentialTrial } from './trial.js';
import { buildAnalyser } from './analyse.js';
import { sequentialTruth } from './truth.js';
import { sequentialDescribe } from './describe.js';
import { sequentialSections } from './sections.js';
import { sequentialPatients } from './export.js';
import { flowChart } from './report.js';
import { analyseSequential } from './observed.js';

function plan(s: SequentialScenario): SimulationPlan {
  const setup = sequentialSetup(s);
  const layout = sequentialLayout(setup);
  const trial = new SequentialTrial(s, setup, setup.sampleSize);
  const analyser = buildAnalyser(setup, layout, setup.sampleSize);
  return {
    layout,
    simulate(streams, out) {
      analyser.analyse(trial.run(streams, setup.sampleSize), out);
    },
  };
}

export const sequentialDesign = defineDesign({
  schema: sequentialDesignSchema,
  check: checkSequentialDesign,
  // Nothing is costly to prepare: the level setup is built per worker in milliseconds.
  prepare: () => null,
  plan: (s) => plan(s),
  truth: (s, _prepared, streams) => sequentialTruth(s, streams),
  sections: sequentialSections,
  describe: (s, _prepared, truth) => sequentialDescribe(s, truth),
  patients(s, _prepared, streams) {
    const setup = sequentialSetup(s);
    const trial = new SequentialTrial(s, setup, setup.sampleSize).run(streams, setup.sampleSize);
    return sequentialPatients(s, trial);
  },
  report: [{ title: 'Flow through the levels', html: flowChart }],
  // Each participant's observed path through the levels, through the same analyser (observed.ts).
  analyse: (s, _prepared, table, out) => analyseSequential(s, table, out),
  patientsPerReplicate: (s) => s.design.sampleSize,
});

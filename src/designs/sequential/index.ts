/**
 * The STAR*D-style sequential design: participants who do not remit at one
 * treatment level move to the next, where they are randomised among the
 * options they find acceptable (switch to a new treatment, or augment the
 * current one). Reports per-level and cumulative remission, within-level
 * randomised comparisons, and the IPW values of embedded treatment
 * sequences and their comparisons; the truth adds every sequence's value per
 * latent profile, and whether profile-specific differences cancel.
 */
import type { Design, SimulationPlan } from '../types.js';
import type { Scenario } from '../../scenario/schema.js';
import { sequentialSetup } from './setup.js';
import { sequentialLayout } from './layout.js';
import { SequentialTrial } from './trial.js';
import { buildAnalyser } from './analyse.js';
import { sequentialTruth } from './truth.js';
import { sequentialDescribe } from './describe.js';
import { sequentialPatients } from './export.js';

function plan(s: Scenario): SimulationPlan {
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

export const sequentialDesign: Design = {
  types: ['sequential'],
  plan,
  truth: sequentialTruth,
  describe: sequentialDescribe,
  patients(s, streams) {
    const setup = sequentialSetup(s);
    const trial = new SequentialTrial(s, setup, setup.sampleSize).run(streams, setup.sampleSize);
    return sequentialPatients(s, trial);
  },
};

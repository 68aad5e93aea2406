/**
 * The umbrella design: one disease, every patient's biomarkers screened, each
 * patient routed to the substudy whose targeted drug matches their profile,
 * each substudy's drug compared with a shared or separate control; optionally
 * the same patients run as separate two-arm trials side by side.
 */
import { defineDesign, type SimulationPlan } from '../types.js';
import { umbrellaDesignSchema, type UmbrellaScenario } from './schema.js';
import { checkUmbrellaDesign } from './check.js';
import { prepareUmbrella } from './prepare.js';
import { screeningChart, looksSection, looksMarkdown } from './report.js';
import type { Calibration } from './calibration.js';
import { buildUmbrella } from './plan.js';
import { umbrellaLayout, umbrellaWarnings } from './layout.js';
import { writeOutcome } from './record.js';
import { umbrellaTruth } from './truth.js';
import { umbrellaDescribe } from './describe.js';
import { umbrellaSections } from './sections.js';
import { umbrellaPatients } from './patients.js';
import { analyseUmbrella } from './analyse.js';

function plan(s: UmbrellaScenario, calibration: Calibration): SimulationPlan {
  const { setup, screening, trials } = buildUmbrella(s, calibration);
  const layout = umbrellaLayout(setup, calibration.sharpNull);
  const interims = setup.fractions.length > 1;
  return {
    layout,
    simulate(streams, out) {
      out.warning.fill(0);
      // The separate trials randomise from their own copy of the allocation stream, so the umbrella's results do not depend on whether they run.
      const allocations = trials.length > 1 ? [streams.allocation, streams.fresh('allocation')] : [streams.allocation];
      for (const t of trials) t.testsRead = out.testsRead;
      const limitHit = screening.run(trials, streams.patients, allocations);
      trials.forEach((t, k) => writeOutcome(t.outcome, layout.runs[k], calibration.sharpNull, interims, out));
      if (limitHit) out.warning[umbrellaWarnings.slot.screeningLimit] = 1;
      if (trials.length > 1) {
        const [umbrella, separate] = trials.map((t) => t.outcome);
        out.metric[layout.saved] = separate.enrolled - umbrella.enrolled;
        out.metric[layout.saved + 1] = separate.duration - umbrella.duration;
      }
    },
  };
}

export const umbrellaDesign = defineDesign({
  schema: umbrellaDesignSchema,
  check: checkUmbrellaDesign,
  prepare: prepareUmbrella,
  plan,
  truth: (s, _calibration, streams) => umbrellaTruth(s, streams),
  sections: umbrellaSections,
  describe: umbrellaDescribe,
  patients: umbrellaPatients,
  // Enrolled patients replayed through the trial (analyse.ts).
  analyse: analyseUmbrella,
  // Enrolled patients; screening sees more, but costs little per screened patient.
  report: [{ title: 'Screening', html: screeningChart }, { title: 'Group-sequential looks', html: looksSection, markdown: looksMarkdown }],
  patientsPerReplicate: (s) => s.design.substudies.reduce((n, x) => n + x.sampleSize, s.design.nonMatch?.sampleSize ?? 0),
});

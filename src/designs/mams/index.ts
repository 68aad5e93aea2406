/**
 * The multi-arm multi-stage (MAMS) design: K experimental arms against a
 * shared control over up to four stages, with efficacy and futility bounds
 * on the z scale that hold the family-wise error under the global null at
 * alpha (the generalised Dunnett approach of Magirr, Jaki & Whitehead 2012),
 * simultaneous or separate stopping, and selection of the best arms at
 * interims. Reports family-wise error, disjunctive and conjunctive power,
 * the chance of picking the truly best arm, and expected sample size.
 */
import { defineDesign } from '../types.js';
import { mamsDesignSchema } from './schema.js';
import { checkMams } from './check.js';
import { prepareMams } from './prepare.js';
import { planMams, mamsPatients, analyseMams } from './trial.js';
import { mamsTruth } from './truth.js';
import { mamsDescribe } from './describe.js';
import { mamsSections } from './sections.js';
import { boundariesSection, boundariesMarkdown } from './report.js';
import { mamsSetup } from './setup.js';

export const mamsDesign = defineDesign({
  schema: mamsDesignSchema,
  check: checkMams,
  prepare: (s) => prepareMams(s),
  plan: (s, prepared) => planMams(s, prepared),
  truth: (s, _prepared, streams) => mamsTruth(s, streams),
  sections: mamsSections,
  describe: (s, prepared) => mamsDescribe(s, prepared),
  report: [{ title: 'Stages and boundaries', html: boundariesSection, markdown: boundariesMarkdown }],
  patients: (s, prepared, streams) => mamsPatients(s, prepared, streams),
  analyse: (s, prepared, table, out) => analyseMams(s, prepared, table, out),
  patientsPerReplicate(s) {
    const g = mamsSetup(s).geometry;
    return g.controlSizes.at(-1)! + g.arms * g.armSizes.at(-1)!;
  },
});

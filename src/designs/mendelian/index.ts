/**
 * The Mendelian randomisation design: genetic variants as instruments for
 * an exposure, with confounding and optional pleiotropy, in one or two
 * samples; IVW, MR-Egger, weighted median and the confounded observational
 * estimate against the true causal effect (exact: it is a parameter).
 */
import { defineDesign } from '../types.js';
import { mendelianDesignSchema } from './schema.js';
import { checkMendelian } from './check.js';
import { planMendelian } from './trial.js';
import { mrSlots } from './layout.js';
import { mendelianPatients } from './patients.js';
import { mendelianSections, type MendelianSections } from './sections.js';

export const mendelianDesign = defineDesign({
  schema: mendelianDesignSchema,
  check: checkMendelian,
  prepare: () => null,
  plan: (s) => planMendelian(s),
  // Every causal estimator targets the effect, which the scenario states; Egger's intercept has no single true value.
  truth: (s) => Object.fromEntries(mrSlots(s.design.estimators).filter((id) => id !== 'egger-intercept').map((id) => [id, { value: s.design.effect, mcse: 0 }])),
  sections: mendelianSections,
  describe: (s): MendelianSections => ({
    mendelian: {
      planned: true,
      variants: s.design.variants.length,
      samples: s.design.samples,
      sampleSize: s.design.sampleSize,
      effect: s.design.effect,
      pleiotropy: s.design.variants.some((v) => v.pleiotropy !== 0) ? 'present' : 'none',
      truth: 'exact: the causal effect is the scenario\'s parameter',
    },
  }),
  patients: (s, _prepared, streams) => mendelianPatients(s, streams),
  analyse: (s, _prepared, table, out) => planMendelian(s).analyseObserved(table, out),
  patientsPerReplicate: (s) => s.design.sampleSize * (s.design.samples === 'two' ? 2 : 1),
});

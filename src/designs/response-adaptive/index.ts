/**
 * The response-adaptive design: a binary endpoint, a control and
 * experimental arms, allocation updated at adaptive analyses by Thompson
 * sampling with caps and a burn-in, arms dropped for inferiority and the
 * trial stopped for superiority on the posterior probability of being best
 * (adaptr, Granholm et al. 2022; REMAP-CAP). Reports how often each arm is
 * declared best, the family-wise error of declaring a non-better arm best,
 * patients per arm, and the naive estimates' bias.
 */
import { defineDesign } from '../types.js';
import { responseAdaptiveDesignSchema } from './schema.js';
import { checkResponseAdaptive } from './check.js';
import { planAdaptive } from './trial.js';
import { adaptiveDescribe } from './describe.js';
import { idealDesignSection, idealDesignMarkdown } from './report.js';
import { responseAdaptiveSetup } from './setup.js';
import { armMeanDifferences } from '../../population/arm-moments.js';

export const responseAdaptiveDesign = defineDesign({
  schema: responseAdaptiveDesignSchema,
  check: checkResponseAdaptive,
  // Nothing is costly to prepare: the plan is a few arrays.
  prepare: () => null,
  plan: (s) => planAdaptive(s),
  truth(s, _prepared, streams) {
    const setup = responseAdaptiveSetup(s);
    const values = armMeanDifferences(s, streams, setup.control, setup.compared);
    return Object.fromEntries(setup.ids.map((id, k) => [`rd:${id}`, values[k]]));
  },
  describe: (s) => adaptiveDescribe(s),
  report: [{ title: 'Ideal design percentage', html: idealDesignSection, markdown: idealDesignMarkdown }],
  patients: (s, _prepared, streams) => planAdaptive(s).patients(streams),
  analyse: (s, _prepared, table, out) => planAdaptive(s).analyseObserved(table, out),
  patientsPerReplicate: (s) => s.design.sampleSize,
});

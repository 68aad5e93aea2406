/**
 * The parallel-group (two-arm and multi-arm) design's summary sections
 * (what `describe` returns), as summary.json's schema reads them: the
 * cancellation of subgroup effects in the average, and the sections on
 * heterogeneity of treatment effect (model-describe.ts).
 */
import { z } from 'zod';
import { cancellationRowSchema } from '../../stats/cancellation.js';

/** True values: null where not finite. */
const value = z.number().nullable();

/** One value per effect scale the endpoint has (its prefix: rd and logOR, md, logRR or logHR). */
const byScale = {
  rd: value.optional().describe('Risk difference'),
  logOR: value.optional().describe('Log odds ratio'),
  md: value.optional().describe('Mean difference'),
  logRR: value.optional().describe('Log rate ratio'),
  logHR: value.optional().describe('Log hazard ratio'),
};

const coefficients = z.union([z.number(), z.record(z.string(), z.number())]);

const biomarkerRole = z.strictObject({
  biomarker: z.string().describe('Biomarker'),
  role: z.enum(['prognostic', 'predictive', 'both', 'neither', 'unknown']).describe('What the scenario makes it'),
  prognostic: coefficients.nullable().describe('Its coefficient in the control arm (per level for a categorical one); null when unknown'),
  predictive: z.record(z.string(), coefficients).describe('Per experimental arm: its interaction with treatment'),
  tests: z.strictObject({
    subgroupInteraction: z.array(z.string()).describe('Subgroup interaction tests'),
    prognostic: z.array(z.string()).describe('Model main-effect tests'),
    predictive: z.array(z.string()).describe('Model interaction tests'),
  }).describe('The hypotheses whose rejection rates are the power to detect that role'),
});

const conditionalEffect = z.strictObject({
  model: z.string().describe('Model'),
  comparison: z.string().describe('Comparison'),
  biomarker: z.string().describe('Biomarker'),
  value: z.union([z.number(), z.string()]).describe('Its value (or level)'),
  estimate: z.string().describe('Estimate id'),
  scale: z.string().describe('Scale'),
  truth: value.describe('True conditional treatment effect there'),
  truthMcse: value.describe('Its Monte Carlo error'),
  pseudoTrue: value.describe('What the fit converges to'),
});

const model = z.strictObject({
  model: z.string().describe('Model'),
  comparison: z.string().describe('Comparison'),
  type: z.enum(['logistic', 'linear', 'cox']).describe('Regression'),
  formula: z.string().describe('Its formula'),
  columns: z.array(z.string()).describe('Design matrix columns'),
  test: z.enum(['wald', 'lr', 'both']).describe('Test of each interaction'),
  alpha: z.number().describe('Level of the tests'),
  specification: z.enum(['correct', 'misspecified']).describe('Whether it matches the scenario\'s outcome model'),
  reasons: z.array(z.string()).describe('Why not, if not'),
  truth: z.string().describe('What its truth means'),
  pseudoTrue: z.record(z.string(), value).nullable().describe('When misspecified: per coefficient estimate, the value the fit converges to'),
});

const heterogeneity = z.strictObject({
  comparison: z.string().describe('Comparison'),
  subgrouping: z.string().describe('Subgrouping'),
  averageEffect: z.strictObject(byScale).describe('True average effect per scale'),
  subgroupEffects: z.array(z.strictObject({
    level: z.string().describe('Subgroup'),
    share: value.describe('Its population share'),
    ...byScale,
  })).describe('True subgroup effects per scale'),
  cancellationIndex: z.strictObject({
    riskDifference: value.describe('On the risk difference (binary endpoints)'),
    analysisScale: value.describe('On the analysis scale'),
  }).describe('Cancellation indices'),
  hypotheses: z.strictObject({
    overall: z.string().describe('The overall comparison'),
    subgroups: z.array(z.string()).describe('The comparison within each subgroup'),
    interaction: z.string().describe('The subgroup interaction test'),
    modelInteraction: z.array(z.string()).describe('The regression models\' interaction tests'),
  }).describe('The ids of the overall, subgroup, interaction and model-based interaction tests'),
});

export const parallelSections = z.strictObject({
  cancellation: z.array(cancellationRowSchema).describe('Per comparison, subgrouping and scale: the true average and subgroup effects'),
  biomarkerRoles: z.array(biomarkerRole).describe('What the scenario makes each biomarker, and the tests of it'),
  conditionalEffects: z.array(conditionalEffect).describe('Per model, the true conditional treatment effect at each chosen biomarker value'),
  models: z.array(model).describe('Each fitted model and whether it is correctly specified'),
  heterogeneityPower: z.array(heterogeneity).describe('Per subgrouping: the true effects and cancellation beside the tests that could detect heterogeneity'),
});

export type ParallelSections = z.input<typeof parallelSections>;

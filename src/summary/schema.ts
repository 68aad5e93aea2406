/**
 * The fixed parts of summary.json (`trialsim-summary/1`), in zod: what this
 * layer computes for every design (hypotheses, estimates, metrics,
 * warnings, families). The whole schema, with the shared sections and each
 * design's own, is assembled in run/summary-schema.ts.
 */
import { z } from 'zod';

/** The format of summary.json, named in its `schema` key. */
export const SUMMARY_SCHEMA = 'trialsim-summary/1';

const num = z.number();
const nullableNumber = num.nullable();
const interval = z.tuple([num, num]).describe('95% Monte Carlo interval (Wilson); [rate, rate] in an exact summary');

const rate = z.strictObject({
  replicates: num.describe('Replicates counted (a probability in an exact summary)'),
  rate: num,
  mcse: num.describe('Monte Carlo standard error (0 in an exact summary)'),
  ci95: interval,
}).meta({ id: 'rate', description: 'A rate over the replicates with its Monte Carlo error' });

const mean = z.strictObject({ mean: num, mcse: num });

const hypothesis = z.strictObject({
  id: z.string(),
  label: z.string(),
  family: z.string().describe('Family of hypotheses for family-wise summaries'),
  trueEffect: nullableNumber.describe('True effect on the analysis scale, null if unknown'),
  scale: z.string().nullable().describe('Scale of the true effect in words, e.g. "risk difference"'),
  level: nullableNumber.describe('Nominal level the design tests this hypothesis at, null when it has none of its own'),
  nullIsTrue: z.boolean().nullable(),
  meaning: z.enum(['power', 'type I error', 'rejection rate']),
  rejections: num.describe('Replicates that rejected (a probability in an exact summary)'),
  wrongDirection: z.strictObject({ rejections: num, rate: num }).optional().describe('Rejections with the estimate on the harmful side'),
  rate: num.describe('Rejection rate: power or type I error'),
  mcse: num,
  ci95: interval,
}).meta({ id: 'hypothesis', description: 'A hypothesis tested in every trial: how often it is rejected' });

const estimate = z.strictObject({
  id: z.string(),
  label: z.string(),
  scale: z.string(),
  truth: nullableNumber,
  truthMcse: nullableNumber.describe('Monte Carlo error of the truth (0 when exact)'),
  n: num.describe('Replicates with an estimate (finite and within ±1e150, beyond which a ratio has lost its denominator; a probability in an exact summary)'),
  mean: nullableNumber,
  bias: nullableNumber,
  biasMcse: nullableNumber,
  empiricalSe: nullableNumber,
  empiricalSeMcse: nullableNumber,
  modelSe: nullableNumber.describe('Root mean square of the model-based standard errors'),
  coverage: nullableNumber.describe('Share of intervals covering the truth'),
  coverageMcse: nullableNumber,
  quantiles: z.strictObject({ p2_5: num, p25: num, p50: num, p75: num, p97_5: num }).optional()
    .describe('Empirical quantiles of the simulated estimates, to 0.5% relative accuracy (a mergeable sketch); absent from an exact summary'),
}).meta({ id: 'estimate', description: 'An estimate made in every trial, against its true value (Morris, White & Crowther 2019)' });

const metric = z.strictObject({
  id: z.string(), label: z.string(), unit: z.string().optional(), mean: num, sd: num, min: num, max: num,
  percentiles: z.array(num).length(101).optional().describe('For a metric with a unit that varies between trials: its 0%, 1%, ..., 100% quantiles (0.5% relative accuracy)'),
}).meta({ id: 'metric', description: 'A quantity recorded in every trial (sample size, duration, events...): its distribution over the trials' });

const selection = z.strictObject({
  id: z.string(),
  label: z.string(),
  chosen: z.array(z.strictObject({ id: z.string(), rate: num, mcse: num })),
  none: rate,
  best: rate.nullable(),
});

const family = z.strictObject({
  id: z.string(),
  hypotheses: z.array(z.string()),
  trueNulls: z.array(z.string()).nullable(),
  anyRejected: rate,
  familywiseError: rate.nullable(),
  disjunctivePower: rate.nullable(),
  conjunctivePower: rate.nullable(),
  falseRejections: mean.nullable(),
  trueRejections: mean.nullable(),
  best: z.strictObject({ id: z.string(), rejected: rate }).nullable(),
  selections: z.array(selection),
}).meta({ id: 'family', description: 'The family outputs of a family of two or more hypotheses' });

/** The fixed parts, by key, in summary.json's order; `scenario.design` is narrowed to each design's types where the whole schema is assembled. */
export const summaryFixed = {
  schema: z.literal(SUMMARY_SCHEMA),
  trialsim: z.string().describe('Version that wrote it'),
  scenario: z.strictObject({
    name: z.string(),
    hash: z.string().describe('SHA-256 of the canonical scenario, seed and replicates aside'),
    design: z.string().describe('The design\'s type'),
  }),
  seed: num,
  method: z.literal('exact').optional().describe('"exact": every outcome enumerated with its probability; absent for a simulation'),
  replicates: num.describe('Simulated trials (1 in an exact summary: every count is a probability)'),
  hypotheses: z.array(hypothesis),
  estimates: z.array(estimate),
  metrics: z.array(metric),
  warnings: z.array(z.strictObject({ id: z.string(), label: z.string(), replicates: num.describe('Replicates with the warning') }).meta({ id: 'warning', description: 'A warning some trials raised (a zero-cell correction, a model that did not converge)' })),
  families: z.array(family).optional().describe('Family outputs of each family of two or more hypotheses'),
};

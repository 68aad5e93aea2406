/**
 * Schema of the basket design: one targeted drug in several baskets (tumour
 * types sharing a biomarker), each usually single-arm against a null
 * response rate p0, sometimes randomised against a control; several analyses
 * (independent, Simon two-stage, pooled, Bayesian borrowing) compared on the
 * same simulated patients.
 */
import { z } from 'zod';
import type { Scenario } from '../../scenario/schema.js';
import { sampleSize, identifier, positive, positiveInteger, probability, alpha } from '../../scenario/common.js';

const openRate = z.number().gt(0).lt(1);

const control = z.strictObject({
  sampleSize: sampleSize.describe('Patients randomised to control in this basket'),
  responseRate: probability.optional().describe('True control response rate (not with design.population: then it comes from the control arm)'),
});

const basket = z.strictObject({
  id: identifier.describe('Basket name (used in result ids)'),
  label: z.string().optional(),
  sampleSize: sampleSize.describe('Patients treated with the drug in this basket (maximum, if an analysis stops early)'),
  responseRate: probability.optional().describe('True response rate on the drug; or leave out and derive it from the population model (design.population)'),
  level: identifier.optional().describe('Level of the design.population.basketBy biomarker this basket enrols (default: the basket id)'),
  p0: openRate.optional().describe('Null (uninteresting) response rate; default design.p0'),
  p1: openRate.optional().describe('Target response rate worth detecting; default design.p1'),
  accrualPerMonth: positive.optional().describe('Patients enrolled per month (times interims and gives the duration)'),
  control: control.optional().describe('Randomise this basket against a control arm'),
});

const normalPrior = z.strictObject({ mean: z.number(), sd: positive });

const tauPrior = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('inverse-gamma-variance'), shape: positive, rate: positive }).describe('tau^2 ~ IG(shape, rate)'),
  z.strictObject({ kind: z.literal('half-normal'), scale: positive }),
  z.strictObject({ kind: z.literal('half-cauchy'), scale: positive }),
]);

const interim = z.strictObject({
  fraction: z.number().gt(0).lt(1).describe('Interim when this fraction of all planned drug patients have enrolled'),
  futility: probability.optional().describe('Stop a basket for futility when P(p > p0 | data) < this'),
  efficacy: probability.optional().describe('Stop a basket and declare success when P(p > p0 | data) > this'),
});

const id = identifier.optional().describe('Name in result ids (default: the method); needed when one method appears twice');
const threshold = probability.default(0.95).describe('Declare a basket a success when P(p > p0 | data) > threshold (calibrate with trialsim calibrate)');
const bayesInterim = interim.optional().describe('Interim look with a posterior-probability futility (and optional efficacy) rule per basket');
const interval = z.enum(['equal-tailed', 'hpd', 'none']).default('equal-tailed')
  .describe('95% credible interval of each basket\'s response rate: equal-tailed (2.5% and 97.5% posterior quantiles), hpd (highest posterior density, the shortest), or none (no interval and no coverage; hierarchical and EXNEX fits then take about 40% less time)');
const go = z.strictObject({
  observedRate: probability.describe('Observed response rate (responders / patients) the basket must reach'),
  combine: z.enum(['and', 'or']).default('and').describe('"and": success needs both the posterior rule and the observed rate; "or": either'),
}).optional().describe('A compound go rule at the final analysis: the posterior rule (P(p > p0 | data) > threshold) combined with an observed-rate rule');

const independentExact = z.strictObject({
  method: z.literal('independent-exact'), id,
  alpha: alpha.default(0.05).describe('One-sided level of each basket\'s exact binomial test'),
});

const simonStages = z.strictObject({ r1: z.number().int().min(0), n1: positiveInteger, r: z.number().int().min(0), n: positiveInteger });

const simon = z.strictObject({
  method: z.literal('simon'), id,
  alpha: alpha.default(0.05),
  power: z.number().gt(0).lt(1).default(0.8),
  design: z.union([z.enum(['optimal', 'minimax']), simonStages]).default('optimal')
    .describe('Simon (1989) optimal or minimax design found per basket from its p0 and p1, or given stages r1/n1, r/n for every basket'),
  maxN: positiveInteger.max(500).default(100).describe('Largest total sample size searched'),
});

const pooled = z.strictObject({
  method: z.literal('pooled'), id,
  alpha: alpha.default(0.05).describe('One-sided level of the exact test on the total responder count'),
});

const hierarchical = z.strictObject({
  method: z.literal('hierarchical'), id, threshold, go,
  muPrior: normalPrior.optional().describe('Prior of mu, the mean of logit(p_k) - logit(p0_k) (default N(0, 10^2), Berry et al. 2013)'),
  tauPrior: tauPrior.optional().describe('Prior of the between-basket sd tau (default tau^2 ~ IG(0.0005, 0.000005), Berry et al. 2013)'),
  interval,
  interim: bayesInterim,
});

const exnex = z.strictObject({
  method: z.literal('exnex'), id, threshold, go,
  exWeight: z.union([
    z.number().gt(0).lt(1),
    z.array(z.number().min(0).max(1)).min(2).max(4),
    z.record(identifier, z.union([z.number().gt(0).lt(1), z.array(z.number().min(0).max(1)).min(2).max(4)])),
  ]).default(0.5).describe('Prior probability that a basket is exchangeable: one for all, or one per basket id ({ nsclc: 0.8, crc: 0.3 }; every basket named), Neuenschwander et al. 2016. With components: a list of one probability per component (NEX takes the rest), for all or per basket'),
  components: z.array(z.strictObject({
    muPrior: normalPrior.optional().describe('Prior of this component\'s mean of logit(p) (default: the unit-information prior at priorRate)'),
    tauPrior: tauPrior.optional().describe('Prior of this component\'s sd (default half-normal(1))'),
  })).min(2).max(4).optional()
    .describe('Several exchangeable components (Neuenschwander et al. 2016, e.g. one around a low and one around a high rate); exWeight then gives one probability per component. At most 10 baskets and (components + 1)^baskets <= 3^10 memberships (two components and 10 baskets, three and 7, four and 6); no credible intervals'),
  priorRate: openRate.optional().describe('Planning rate of the unit-information priors (default: mean p0)'),
  muPrior: normalPrior.optional(),
  tauPrior: tauPrior.optional().describe('Default half-normal(1) (Neuenschwander et al. 2016)'),
  nexPrior: z.union([normalPrior, z.record(identifier, normalPrior)]).optional()
    .describe('Prior of logit(p_k) for a non-exchangeable basket: one for all, or one per basket id (baskets not named keep the default unit-information prior at priorRate)'),
  interval,
  interim: bayesInterim,
});

const fujikawa = z.strictObject({
  method: z.literal('fujikawa'), id, threshold, go,
  prior: z.strictObject({ shape1: positive.default(1), shape2: positive.default(1) }).default({ shape1: 1, shape2: 1 }).describe('Beta prior of each basket'),
  epsilon: z.number().min(0).default(2).describe('Exponent of the similarity (1 - JSD)^epsilon; 0 makes every weight 1 (full pooling, unless tau = 1)'),
  tau: z.number().min(0).max(1).default(0.5).describe('Similarity weights at or below tau are set to 0; 1 sets every weight between baskets to 0 (independent baskets)'),
  logBase: z.union([z.literal('e'), z.literal(2)]).default('e').describe('Base of the logarithm in the Jensen-Shannon divergence'),
  sharePrior: z.boolean().default(true).describe('Share the prior along with the data, as in the paper'),
  interval,
  interim: bayesInterim,
});

/** Borrowing on randomised baskets' log odds ratios (stats/basket/effect-hierarchy.ts). */
const effectThreshold = probability.default(0.975).describe('Declare the drug better in a basket when P(log odds ratio > 0 | data) > threshold');
const effectMuPrior = normalPrior.default({ mean: 0, sd: 10 }).describe('Prior of mu, the mean log odds ratio (default N(0, 10^2))');
const effectBorrowing = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('hierarchical'), id: identifier.optional().describe('Name in result ids (default: the method)'), threshold: effectThreshold, muPrior: effectMuPrior,
    tauPrior: tauPrior.optional().describe('Prior of the between-basket sd of the log odds ratios (default half-normal(1))'),
  }),
  z.strictObject({
    method: z.literal('exnex'), id: identifier.optional().describe('Name in result ids (default: the method)'), threshold: effectThreshold, muPrior: effectMuPrior,
    tauPrior: tauPrior.optional().describe('Default half-normal(1)'),
    exWeight: z.number().gt(0).lt(1).default(0.5).describe('Prior probability that a basket\'s effect is exchangeable'),
    nexPrior: normalPrior.default({ mean: 0, sd: 2 }).describe('Prior of a non-exchangeable basket\'s log odds ratio (default N(0, 2^2))'),
  }),
  z.strictObject({
    method: z.literal('fujikawa'), id: identifier.optional().describe('Name in result ids (default: the method)'), threshold: effectThreshold,
    prior: z.strictObject({ shape1: positive.default(1), shape2: positive.default(1) }).default({ shape1: 1, shape2: 1 }).describe('Beta prior of every arm\'s response rate'),
    epsilon: z.number().min(0).default(2).describe('Exponent of the similarity (1 - JSD)^epsilon between two drug (or two control) arms\' posteriors'),
    tau: z.number().min(0).max(1).default(0.5).describe('Similarity weights at or below tau are set to 0'),
    logBase: z.union([z.literal('e'), z.literal(2)]).default('e').describe('Base of the logarithm in the Jensen-Shannon divergence'),
    sharePrior: z.boolean().default(true).describe('Share the prior along with the data, as in the paper'),
  }).describe('Fujikawa et al. (2020) within each arm: drug arms borrow from similar drug arms, controls from similar controls; the log odds ratio of the two borrowed Beta posteriors'),
]);

export const basketAnalysisSchema = z.discriminatedUnion('method', [independentExact, simon, pooled, hierarchical, exnex, fujikawa]);

export const basketDesignSchema = z.strictObject({
  type: z.literal('basket'),
  p0: openRate.optional().describe('Default null response rate of every basket'),
  p1: openRate.optional().describe('Default target response rate of every basket'),
  baskets: z.array(basket).min(1).max(16),
  population: z
    .strictObject({
      basketBy: identifier.describe('Categorical biomarker whose levels are the baskets (e.g. tumour type)'),
      arm: identifier.describe('The drug arm of the arms section'),
      control: identifier.optional().describe('The control arm, for randomised baskets'),
      eligibility: z.string().min(1).optional().describe('Rule every enrolled patient meets, e.g. "braf == 1"'),
    })
    .optional()
    .describe('Derive each basket\'s response rate from the population and binary endpoint model'),
  comparison: z
    .strictObject({
      alpha: alpha.default(0.05).describe('One-sided level of Fisher\'s exact test, drug vs control'),
      borrowing: z.array(effectBorrowing).max(4).optional()
        .describe('Bayesian comparisons that borrow the treatment effect (log odds ratio) across randomised baskets, reported beside Fisher\'s test'),
    })
    .default({ alpha: 0.05 })
    .describe('Tests of randomised baskets against their control'),
  analyses: z.array(basketAnalysisSchema).min(1).describe('Analyses compared on the same patients'),
});

export type BasketDesignSpec = z.infer<typeof basketDesignSchema>;
export type BasketAnalysisSpec = z.infer<typeof basketAnalysisSchema>;
export type BasketSpec = z.infer<typeof basket>;
export type TauPriorSpec = z.infer<typeof tauPrior>;

/** A checked scenario with a basket design. */
export type BasketScenario = Scenario<BasketDesignSpec>;

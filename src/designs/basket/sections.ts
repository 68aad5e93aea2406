/**
 * The basket design's summary sections (what `describe` returns), as
 * summary.json's schema reads them: one row per basket with its truth and,
 * per analysis, the ids of the hypothesis and estimate holding its
 * simulated results (and closed-form values where the analysis has them);
 * one row per analysis with its resolved rule.
 */
import { z } from 'zod';
import { basketAnalysisSchema } from './schema.js';

const rounded = z.number().nullable();

const exactBasket = z.strictObject({
  rejection: rounded.describe('Probability of declaring the basket a success'),
  expectedPatients: rounded.describe('Expected patients treated'),
  earlyStop: rounded.describe('Probability of stopping early'),
  meanEstimate: rounded.describe('Mean of the response-rate estimate'),
}).describe('Exact operating characteristics, where the analysis has closed-form ones');

const basket = z.strictObject({
  basket: z.string().describe('Basket'),
  label: z.string().describe('Basket in words'),
  trueRate: rounded.describe('True response rate on the drug'),
  trueRateMcse: rounded.optional().describe('Its Monte Carlo error, when it comes from a virtual population'),
  p0: z.number().describe('Null response rate'),
  p1: z.number().nullable().describe('Target response rate; null when not given'),
  sampleSize: z.number().describe('Drug patients (the most any analysis enrols)'),
  drugWorks: z.boolean().describe('Whether the true rate exceeds p0'),
  populationShare: rounded.optional().describe('With a population model: the basket\'s share of eligible patients'),
  accrualPerMonth: z.number().optional().describe('Patients enrolled per month'),
  control: z.strictObject({
    sampleSize: z.number().describe('Control patients'),
    trueRate: rounded.describe('True control response rate'),
    hypothesis: z.string().describe('Hypothesis id of the comparison with control'),
    estimate: z.string().describe('Estimate id of the risk difference'),
  }).optional().describe('A randomised basket\'s control'),
  methods: z.record(z.string(), z.strictObject({
    hypothesis: z.string().describe('Hypothesis id holding the analysis\' rejection rate in this basket'),
    estimate: z.string().describe('Estimate id holding its response-rate estimate'),
    exact: exactBasket.optional(),
  })).describe('Per analysis id: where its results for this basket are'),
});

const exactAnalysis = z.strictObject({
  fwer: rounded.describe('Probability of a success in some basket where the drug does not work (null: there is none)'),
  anyTrueSuccess: rounded.describe('Probability of a success in some basket where it works (null: there is none)'),
}).optional().describe('Exact family-wise probabilities, where the analysis has closed-form ones');

const perBasket = <T extends z.ZodType>(value: T) => z.record(z.string(), value);

const [, , , hierarchical, exnex, fujikawa] = basketAnalysisSchema.options;
const bayesInterim = z.strictObject({
  fraction: z.number().describe('Interim when this fraction of all planned drug patients have enrolled'),
  futility: z.number().optional().describe('Futility threshold on P(p > p0 | data)'),
  efficacy: z.number().optional().describe('Efficacy threshold on P(p > p0 | data)'),
  patients: perBasket(z.number()).describe('Drug patients per basket at the interim'),
}).optional().describe('The interim look, with each basket\'s patients then');
/** A Bayesian analysis: its parameters as the scenario resolved them, the decision rule and interim in words and numbers. */
const bayesian = <T extends z.ZodObject<{ interim: z.ZodType }>>(spec: T) => spec.omit({ interim: true }).extend({
  id,
  decision: z.string().describe('The success rule'),
  interim: bayesInterim,
  exact: exactAnalysis,
});

const simonStages = {
  r1: z.number().describe('Stop after stage 1 with at most r1 responders'),
  n1: z.number().describe('Patients in stage 1'),
  r: z.number().describe('Success with more than r responders in all'),
  n: z.number().describe('Patients in all'),
};
const level = z.number().describe('One-sided level');
const id = z.string().describe('Analysis id');

const analysis = z.discriminatedUnion('method', [
  z.strictObject({
    id, method: z.literal('independent-exact').describe('Exact binomial test per basket'), alpha: level,
    rejectWhenRespondersAtLeast: perBasket(z.number()).describe('Critical responder count per basket'),
    exact: exactAnalysis,
  }),
  z.strictObject({
    id, method: z.literal('simon').describe('Simon two-stage design per basket'), alpha: level, power: z.number().describe('Power the designs were found for'),
    design: z.union([z.enum(['optimal', 'minimax']), z.strictObject(simonStages)]).describe('Optimal or minimax, or the stages given'),
    stages: perBasket(z.strictObject({ ...simonStages, rule: z.string().describe('The rule in words') })).describe('Simon stages per basket'),
    exact: exactAnalysis,
  }),
  z.strictObject({
    id, method: z.literal('pooled').describe('Exact test on the total responder count'), alpha: level,
    rejectWhenTotalRespondersAtLeast: z.number().describe('Critical total responder count'),
    totalPatients: z.number().describe('Drug patients over all baskets'),
    exact: exactAnalysis,
  }),
  bayesian(hierarchical),
  bayesian(exnex),
  bayesian(fujikawa),
]);

export const basketSections = z.strictObject({
  baskets: z.array(basket).describe('Per basket: the truth, and per analysis where its results are'),
  analyses: z.array(analysis).describe('Each analysis\' resolved rule'),
});

export type BasketSections = z.input<typeof basketSections>;
export type BasketAnalysisRow = BasketSections['analyses'][number];

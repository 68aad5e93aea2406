/**
 * The umbrella design's summary sections (what `describe` returns), as
 * summary.json's schema reads them: the planned screening funnel (fluid
 * approximation) with the ids of the metrics holding the simulated one;
 * each substudy's rule, arms and truth; the boundaries used; the side-by-side
 * separate trials; notes on naive inference after early stopping.
 */
import { z } from 'zod';

/** Planning values, rounded: null where not finite. */
const planned = z.number().nullable();
const bySubstudy = <T extends z.ZodType>(value: T) => z.record(z.string(), value);
const metricId = z.string().describe('Id of the metric holding the simulated figure');

const funnel = z.strictObject({
  screened: planned.describe('Patients screened'),
  screenFailures: planned.describe('... whose biomarker test failed'),
  notMatched: planned.describe('... matching no substudy'),
  turnedAway: planned.describe('... matching only substudies already full'),
  enrolled: planned.describe('Patients enrolled'),
  enrolledBySubstudy: bySubstudy(planned).describe('Patients enrolled per substudy'),
  screeningMonths: planned.describe('Months of screening'),
  duration: planned.describe('Months to the last outcome'),
  monthsBySubstudy: bySubstudy(planned).describe('Months until each substudy is full'),
  capped: z.boolean().describe('Whether the screening cap stops screening before every substudy is full'),
  neverFilled: z.array(z.string()).describe('Substudies that would never fill without a cap'),
});

const screening = funnel.extend({
  method: z.string().describe('How the planned values were found'),
  perScreenedPatient: z.strictObject({
    screenFailure: z.number().describe('Chance the test fails'),
    notMatched: planned.describe('Chance of matching no substudy'),
    eligible: bySubstudy(planned).describe('Chance of matching each substudy\'s rule'),
    overlapping: planned.describe('Chance of matching several'),
  }).describe('Chances for one screened patient'),
  metrics: z.strictObject({
    screened: metricId, screenFailures: metricId, notMatched: metricId, turnedAway: metricId, enrolled: metricId,
    enrolledBySubstudy: bySubstudy(z.string()).describe('Per substudy, the metric id'),
    duration: metricId, screeningMonths: metricId,
    monthsBySubstudy: bySubstudy(z.string()).describe('Per substudy, the metric id'),
  }).describe('The ids of the metrics holding the simulated funnel, by the planned figure they go with'),
}).describe('The expected screening funnel, planned by the fluid approximation (random variation and interim stops ignored)');

const substudy = z.strictObject({
  id: z.string().describe('Substudy'),
  eligibility: z.string().describe('Its rule'),
  drug: z.string().describe('Its drug arm'),
  control: z.string().describe('Its control arm'),
  target: z.number().describe('Its target sample size'),
  allocation: z.record(z.string(), z.number()).describe('Allocation ratio by arm'),
  prevalence: planned.describe('Share of tested patients matching its rule; null for the non-match substudy'),
  drugDoesNothing: z.boolean().describe('Whether its drug has no effect on anyone (sharp null)'),
  trueEffect: z.record(z.string(), planned).describe('True effect by scale'),
});

const testing = z.strictObject({
  multiplicity: z.enum(['none', 'bonferroni', 'holm', 'hochberg', 'dunnett']).describe('Multiplicity adjustment across substudies'),
  informationFractions: z.array(z.number()).describe('Information fractions of the looks'),
  efficacyBoundaries: z.array(planned).optional().describe('With interims: efficacy bounds on the z scale per look (null: no stop there)'),
  cumulativeAlpha: z.array(planned).optional().describe('With interims: one-sided alpha spent by each look'),
  spending: z.enum(['obrien-fleming', 'pocock', 'none']).optional().describe('With interims: the alpha spending function'),
  futility: z.strictObject({
    type: z.enum(['effect', 'conditional-power']).describe('Stop when the estimated effect, or the conditional power, is below the threshold'),
    threshold: z.number().describe('The threshold'),
  }).nullable().optional().describe('With interims: the futility rule (null: none)'),
  dunnettCriticalValue: planned.optional().describe('With Dunnett: the critical value'),
  holmBoundaries: z.array(z.array(planned)).optional().describe('With Holm across looks: the bounds after r rejections, r = 0, 1, ...'),
  holm: z.string().optional().describe('With Holm across looks: the procedure in words'),
  routing: z.enum(['priority', 'random', 'rarest-first']).describe('How patients matching several substudies are routed'),
}).describe('Boundaries and critical values used');

const sideBySide = z.strictObject({
  separateTrials: z.array(z.strictObject({
    id: z.string().describe('Substudy'), target: z.number().describe('Patients of its separate trial'),
    drug: z.number().describe('... on the drug'), control: z.number().describe('... on its own control'),
  })).describe('The separate two-arm trials'),
  plannedPatients: z.strictObject({
    umbrella: z.number().describe('In the umbrella'), separate: z.number().describe('In the separate trials'), saved: z.number().describe('The difference'),
  }).describe('Planned patients, and those the umbrella saves'),
  expected: z.strictObject({ umbrella: funnel.describe('The umbrella\'s'), separate: funnel.describe('The separate trials\'') }).describe('Planned funnels of the umbrella and of the separate trials'),
  metrics: z.strictObject({
    patientsSaved: metricId, monthsSaved: metricId,
    separatePrefix: z.string().describe('Prefix of the ids of the separate trials\' hypotheses, estimates and metrics'),
  }).describe('The ids of the metrics holding the simulated comparison'),
}).describe('The umbrella against the same patients run as separate two-arm trials');

export const umbrellaSections = z.strictObject({
  screening,
  substudies: z.array(substudy).describe('Each substudy'),
  testing,
  sideBySide: sideBySide.optional(),
  notes: z.array(z.string()).optional().describe('With interims: on naive (and adjusted) inference after early stopping'),
});

export type UmbrellaSections = z.input<typeof umbrellaSections>;

/**
 * Parts of the design section that several designs share: the names of the
 * two-group tests and how patients are randomised. A design's own schema
 * lives in its folder (src/designs/<type>/schema.ts) and builds on these.
 */
import { z } from 'zod';
import { identifier, positiveInteger } from './common.js';

/**
 * Two-group tests of the primary comparison, by endpoint: binary (first
 * four), continuous (t tests, and z-known: a z test with the endpoint's sd
 * as the known standard deviation), time-to-event (log-rank), count
 * (Poisson or negative-binomial regression, Wald or likelihood-ratio).
 */
export const testNames = ['z-pooled', 'z-unpooled', 'chi-square', 'fisher', 'welch-t', 't', 'z-known', 'log-rank', 'poisson-wald', 'poisson-lr', 'nb-wald', 'nb-lr'] as const;

export const randomisationSchema = z.strictObject({
  method: z.enum(['simple', 'permuted-block']).default('permuted-block'),
  blockSize: positiveInteger.max(1_000_000).optional().describe('Patients per block (at most 1,000,000); a multiple of the smallest block that balances the allocation ratios (their sum over their greatest common divisor), which is the default'),
  strata: z.array(identifier).default([]).describe('Binary or categorical biomarkers to stratify the blocks by'),
});

export type RandomisationSpec = z.infer<typeof randomisationSchema>;

/** The control arm: named in the design, else "control", else the first arm. */
export function controlArm(design: { control?: string }, arms: string[]): string {
  return design.control ?? (arms.includes('control') ? 'control' : arms[0]);
}

export type TestName = (typeof testNames)[number];

/**
 * The statistic a two-group test reports per replicate (hypotheses.csv), in
 * words. Treatment against control throughout; a test whose two-sided form
 * is a chi-square reports, one-sided, the signed root its one-sided p-value
 * comes from, so the statistic and the p-value always go together.
 */
export function testStatistic(test: TestName, sided: 'one' | 'two'): string {
  const root = (chi: string) => (sided === 'one' ? `signed root of the ${chi} (z; positive: more on treatment)` : `${chi} (1 df)`);
  switch (test) {
    case 'z-pooled': return 'z, pooled variance (treatment minus control)';
    case 'z-unpooled': return 'z, unpooled variance (treatment minus control)';
    case 'chi-square': return root('Pearson chi-square');
    case 'fisher': return 'responders on treatment (Fisher, conditional on the margins)';
    case 'welch-t': return 'Welch t (treatment minus control)';
    case 't': return 't, pooled variance (treatment minus control)';
    case 'z-known': return 'z, known sd (treatment minus control)';
    case 'log-rank': return 'log-rank z, (O - E)/sqrt(V) of events on treatment (negative: fewer)';
    case 'poisson-wald': case 'nb-wald': return 'Wald z of the log rate ratio (treatment over control)';
    case 'poisson-lr': case 'nb-lr': return root('likelihood-ratio chi-square');
  }
}

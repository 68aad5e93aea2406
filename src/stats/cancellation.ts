/**
 * How much of the true subgroup effects the averaged effect cancels.
 *
 * Cancellation index = 1 - |average effect| / Σ_g w_g |effect_g|, with w_g
 * the population share of subgroup g: 0 when every subgroup's effect has the
 * sign of the average (nothing cancels), near 1 when benefit in one subgroup
 * and harm in another average to nothing. On a non-collapsible scale (odds
 * or hazard ratios) the average is the marginal effect, not a weighted mean
 * of the subgroup effects, so the index can be nonzero even without opposite
 * signs; the risk-difference index is the one to read for cancellation.
 */
import { z } from 'zod';

export interface CancellationInput {
  comparison: string;
  subgrouping: string;
  scale: string;
  average: number;
  /** Effects that are not finite (an empty subgroup) are reported as null and left out. */
  subgroups: { level: string; share: number; effect: number | null }[];
}

export interface CancellationRow extends CancellationInput {
  index: number;
  oppositeSigns: boolean;
  statement: string;
}

/** Effects smaller than this are treated as no effect when judging signs. */
const NEGLIGIBLE = 1e-3;

export function cancellation(raw: CancellationInput): CancellationRow {
  const input = { ...raw, subgroups: raw.subgroups.map((g) => ({ ...g, effect: Number.isFinite(g.effect) ? g.effect : null })) };
  const known = input.subgroups.filter((g): g is { level: string; share: number; effect: number } => g.effect !== null);
  const weightedAbs = known.reduce((a, g) => a + g.share * Math.abs(g.effect), 0);
  // Subgroup effects all below the negligible size (e.g. the Monte Carlo noise of a true zero) cancel nothing.
  const index = weightedAbs > NEGLIGIBLE && Number.isFinite(input.average) ? 1 - Math.abs(input.average) / weightedAbs : 0;
  const positive = known.some((g) => g.effect > NEGLIGIBLE);
  const negative = known.some((g) => g.effect < -NEGLIGIBLE);
  const oppositeSigns = positive && negative;
  const fmt = (x: number | null) => (x === null || !Number.isFinite(x) ? 'unknown' : (x >= 0 ? '+' : '') + x.toFixed(3));
  const effects = input.subgroups.map((g) => `${g.level}: ${fmt(g.effect)}`).join(', ');
  const statement = oppositeSigns
    ? `${input.comparison}: the average effect (${input.scale} ${fmt(input.average)}) hides subgroup effects of opposite sign across ${input.subgrouping} (${effects}); ${Math.round(100 * Math.max(0, index))}% of the subgroup effect cancels in the average.`
    : `${input.comparison}: subgroup effects across ${input.subgrouping} share one sign (${effects}); the average (${input.scale} ${fmt(input.average)}) does not hide opposite effects.`;
  return { ...input, index, oppositeSigns, statement };
}

/**
 * A row as summary.json holds it (the `cancellation` section of the designs
 * that write one): the JSON form of `CancellationRow`, where an effect that
 * is not finite is null.
 */
export const cancellationRowSchema = z.strictObject({
  comparison: z.string().describe('The comparison (hypothesis id of the overall effect)'),
  subgrouping: z.string().describe('The subgrouping: a biomarker, or "profile"'),
  scale: z.string().describe('Scale of the effects in words, e.g. "risk difference", "log odds ratio"'),
  average: z.number().nullable().describe('The true averaged (marginal) effect; null where not finite'),
  subgroups: z.array(z.strictObject({
    level: z.string().describe('Subgroup'),
    share: z.number().describe('Its share of the population'),
    effect: z.number().nullable().describe('Its true effect; null where not finite (an empty subgroup)'),
  })).describe('The subgroups\' true effects and population shares'),
  index: z.number().describe('Cancellation index 1 - |average| / sum of share x |subgroup effect| (0: nothing cancels)'),
  oppositeSigns: z.boolean().describe('Whether subgroup effects of opposite sign (beyond 0.001) are averaged'),
  statement: z.string().describe('The row in words'),
}).meta({ id: 'cancellationRow', description: 'How much of the true subgroup effects the averaged effect cancels' });

export type CancellationRowData = z.output<typeof cancellationRowSchema>;

/**
 * Operating characteristics of a run, each with its Monte Carlo error
 * (Morris, White & Crowther 2019, "Using simulation studies to evaluate
 * statistical methods", Table 6): rejection rates, bias, empirical and
 * model-based standard errors, coverage; sample-size metrics; warnings.
 */
import type { ReplicateLayout, TruthTable } from '../designs/types.js';
import type { Tally } from './weighted.js';
import { wilsonInterval } from '../stats/wilson.js';
import type { QuantileSketch } from '../stats/quantile-sketch.js';
import { summariseFamilies, type FamilySummary } from './families.js';
import { SUMMARY_SCHEMA } from './schema.js';

export { SUMMARY_SCHEMA };

export interface HypothesisSummary {
  id: string;
  label: string;
  family: string;
  /** True effect on the analysis scale (null if unknown) and whether the null hypothesis holds. */
  trueEffect: number | null;
  /** The scale of the true effect in words (e.g. "risk difference"), null when there is no estimand. */
  scale: string | null;
  /** The nominal level the design tests the hypothesis at, null when it has none of its own (e.g. under a family-wise procedure). */
  level: number | null;
  nullIsTrue: boolean | null;
  /** "power" when the null is false, "type I error" when it is true. */
  meaning: 'power' | 'type I error' | 'rejection rate';
  rejections: number;
  /** Where the design says which side is better: rejections whose estimate lies on the harmful side (a two-sided test rejecting for harm), and their rate. */
  wrongDirection?: { rejections: number; rate: number };
  rate: number;
  mcse: number;
  /** Wilson 95% interval for the true rejection probability. */
  ci95: [number, number];
}

export interface EstimateSummary {
  id: string;
  label: string;
  scale: string;
  truth: number | null;
  truthMcse: number | null;
  /** Replicates with a finite estimate. */
  n: number;
  mean: number | null;
  bias: number | null;
  biasMcse: number | null;
  empiricalSe: number | null;
  empiricalSeMcse: number | null;
  /** Root mean square of the replicates' model-based standard errors. */
  modelSe: number | null;
  coverage: number | null;
  coverageMcse: number | null;
  /**
   * Empirical quantiles of the simulated estimates (2.5%, 25%, 50%, 75%,
   * 97.5%), to a relative accuracy of 0.5% (stats/quantile-sketch): where
   * single trials' estimates fall. Absent from an exact summary.
   */
  quantiles?: EstimateQuantiles;
}

export interface EstimateQuantiles { p2_5: number; p25: number; p50: number; p75: number; p97_5: number }

export interface MetricSummary {
  id: string;
  label: string;
  unit?: string;
  mean: number;
  sd: number;
  min: number;
  max: number;
  /** For a metric with a unit that varies between trials: its 0%, 1%, ..., 100% quantiles (0.5% relative accuracy), the ECDF the report draws. */
  percentiles?: number[];
}

export interface Summary {
  schema: typeof SUMMARY_SCHEMA;
  trialsim: string;
  scenario: { name: string; hash: string; design: string };
  seed: number;
  /**
   * "exact" when every operating characteristic was computed by enumerating
   * the outcomes with their probabilities: then every count (replicates,
   * rejections, estimates' n) is a probability mass, replicates is 1 and
   * every Monte Carlo error is 0. Absent for a simulation.
   */
  method?: 'exact';
  replicates: number;
  hypotheses: HypothesisSummary[];
  estimates: EstimateSummary[];
  metrics: MetricSummary[];
  warnings: { id: string; label: string; replicates: number }[];
  /** Family outputs of each family of two or more hypotheses (absent when there is none). */
  families?: FamilySummary[];
  /** Design-specific sections, e.g. cancellation of averaged effects. */
  [section: string]: unknown;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The 101 percentiles a metric's summary lists, 0 to 1 by 0.01. */
const PERCENTILES = Array.from({ length: 101 }, (_, j) => j / 100);

function quantilesOf(sketch: QuantileSketch | null | undefined): { quantiles?: EstimateQuantiles } {
  if (!sketch || sketch.count === 0) return {};
  const [p2_5, p25, p50, p75, p97_5] = sketch.quantiles([0.025, 0.25, 0.5, 0.75, 0.975]) as number[];
  return { quantiles: { p2_5, p25, p50, p75, p97_5 } };
}

/** Whether a true effect is zero, allowing for the Monte Carlo error of the truth itself. */
export function isNullEffect(value: number, mcse: number): boolean {
  return Math.abs(value) <= Math.max(1e-9, 4 * mcse);
}

export function summarise(args: {
  name: string; hash: string; design: string; seed: number; version: string;
  layout: ReplicateLayout; truth: TruthTable; acc: Tally; extra?: Record<string, unknown>;
}): Summary {
  const { layout, truth, acc } = args;
  const R = acc.replicates;
  const exact = acc.exact === true;
  const hypotheses = layout.hypotheses.map((h, k): HypothesisSummary => {
    const t = h.estimand ? truth[h.estimand] : undefined;
    const nullIsTrue = h.nullIsTrue ?? (!t ? null : h.nullWhen === 'not-positive' ? t.value <= Math.max(1e-9, 4 * t.mcse) : isNullEffect(t.value, t.mcse));
    const rate = R > 0 ? acc.rejections[k] / R : NaN;
    return {
      id: h.id, label: h.label, family: h.family,
      trueEffect: t ? finite(t.value) : null,
      scale: layout.estimates.find((e) => e.id === h.estimand)?.scale ?? null,
      level: h.level ?? null,
      nullIsTrue,
      meaning: nullIsTrue === null ? 'rejection rate' : nullIsTrue ? 'type I error' : 'power',
      rejections: acc.rejections[k],
      ...(h.better && !h.oneSided && layout.estimates.some((e) => e.id === h.estimand) ? { wrongDirection: { rejections: acc.wrongDirection[k], rate: acc.wrongDirection[k] / R } } : {}),
      rate, mcse: exact ? 0 : Math.sqrt((rate * (1 - rate)) / R),
      ci95: exact ? [rate, rate] : wilsonInterval(acc.rejections[k], R),
    };
  });
  const estimates = layout.estimates.map((e, k): EstimateSummary => {
    const s = acc.est[k];
    const t = truth[e.id];
    const centre = Number.isFinite(acc.centres[k]) ? acc.centres[k] : 0;
    const sum = s.sum.value(), sumSq = s.sumSq.value();
    const meanDev = sum / s.n;
    // Exact: the variance of the estimate's distribution; simulated: the sample variance.
    const empVar = exact ? Math.max(0, sumSq / s.n - meanDev * meanDev) : s.n > 1 ? Math.max(0, (sumSq - sum * meanDev) / (s.n - 1)) : NaN;
    const empSe = Math.sqrt(empVar);
    const cov = s.withInterval > 0 ? s.covered / s.withInterval : NaN;
    return {
      id: e.id, label: e.label, scale: e.scale,
      truth: t ? finite(t.value) : null, truthMcse: t ? finite(t.mcse) : null, n: s.n,
      mean: finite(centre + meanDev),
      bias: t ? finite(centre + meanDev - t.value) : null,
      biasMcse: exact ? 0 : finite(empSe / Math.sqrt(s.n)),
      empiricalSe: finite(empSe),
      empiricalSeMcse: exact ? 0 : finite(empSe / Math.sqrt(2 * (s.n - 1))),
      modelSe: s.withSe > 0 ? finite(Math.sqrt(s.seSumSq.value() / s.withSe)) : null,
      coverage: finite(cov),
      coverageMcse: exact ? (Number.isFinite(cov) ? 0 : null) : finite(Math.sqrt((cov * (1 - cov)) / s.withInterval)),
      ...quantilesOf(s.sketch),
    };
  });
  const metrics = layout.metrics.map((m, k): MetricSummary => {
    const s = acc.met[k];
    const mean = s.sum.value() / R;
    const v = exact ? Math.max(0, s.sumSq.value() / R - mean * mean) : R > 1 ? Math.max(0, (s.sumSq.value() - s.sum.value() * mean) / (R - 1)) : 0;
    const percentiles = s.sketch && s.sketch.count > 0 && s.min < s.max ? s.sketch.quantiles(PERCENTILES) as number[] : null;
    return { id: m.id, label: m.label, ...(m.unit ? { unit: m.unit } : {}), mean, sd: Math.sqrt(v), min: s.min, max: s.max, ...(percentiles ? { percentiles } : {}) };
  });
  const families = summariseFamilies(layout, truth, acc, hypotheses.map((h) => h.nullIsTrue));
  return {
    schema: SUMMARY_SCHEMA,
    trialsim: args.version,
    scenario: { name: args.name, hash: args.hash, design: args.design },
    seed: args.seed,
    ...(exact ? { method: 'exact' as const } : {}),
    replicates: R,
    hypotheses,
    estimates,
    metrics,
    warnings: layout.warnings.map((w, k) => ({ id: w.id, label: w.label, replicates: acc.warnings[k] })),
    ...(families.length > 0 ? { families } : {}),
    ...(args.extra ?? {}),
  };
}


/**
 * Family outputs of a design with two or more hypotheses in a family, from
 * the counts of joint rejection patterns (accumulator.ts) and the truth:
 * family-wise error under the scenario's truth (the chance of rejecting at
 * least one true null), disjunctive power (at least one false null
 * rejected), conjunctive power (every false null rejected), the expected
 * numbers of false and true rejections, and, where the design says which
 * direction is better, how often the truly best hypothesis is rejected and
 * selected. Each rate has its Monte Carlo error sqrt(p(1-p)/R) and a Wilson
 * 95% interval; each mean its MCSE sd/sqrt(R) (Morris, White & Crowther 2019).
 */
import type { ReplicateLayout, TruthTable } from '../designs/types.js';
import type { Tally } from './weighted.js';
import { wilsonInterval } from '../stats/wilson.js';

export interface RateSummary {
  replicates: number;
  rate: number;
  mcse: number;
  ci95: [number, number];
}

export interface MeanSummary {
  mean: number;
  mcse: number;
}

export interface SelectionSummary {
  id: string;
  label: string;
  /** How often each hypothesis of the family was chosen, and how often none was. */
  chosen: { id: string; rate: number; mcse: number }[];
  none: RateSummary;
  /** Chose the truly best hypothesis (null when no hypothesis is uniquely best). */
  best: RateSummary | null;
}

export interface FamilySummary {
  id: string;
  hypotheses: string[];
  /** The hypotheses whose null is true; null when some truth is unknown. */
  trueNulls: string[] | null;
  anyRejected: RateSummary;
  /** Null where the truth is unknown, or the family has no true (resp. false) null. */
  familywiseError: RateSummary | null;
  disjunctivePower: RateSummary | null;
  conjunctivePower: RateSummary | null;
  falseRejections: MeanSummary | null;
  trueRejections: MeanSummary | null;
  /** The truly best hypothesis (largest benefit, uniquely, null false) and how often it is rejected. */
  best: { id: string; rejected: RateSummary } | null;
  selections: SelectionSummary[];
}

/** A rate from a count of R replicates, or (exact) a probability with no Monte Carlo error. */
function rateOf(count: number, R: number, exact: boolean): RateSummary {
  const rate = R > 0 ? count / R : NaN;
  if (exact) return { replicates: count, rate, mcse: 0, ci95: [rate, rate] };
  return { replicates: count, rate, mcse: Math.sqrt((rate * (1 - rate)) / R), ci95: wilsonInterval(count, R) };
}

function meanOf(values: [number, number][], R: number, exact: boolean): MeanSummary {
  let sum = 0, sumSq = 0;
  for (const [x, n] of values) { sum += x * n; sumSq += x * x * n; }
  const mean = sum / R;
  if (exact) return { mean, mcse: 0 };
  const variance = R > 1 ? Math.max(0, (sumSq - sum * mean) / (R - 1)) : 0;
  return { mean, mcse: Math.sqrt(variance / R) };
}

const bitCount = (mask: number): number => {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
};

/**
 * The truly best member: every member's estimand is known with a `better`
 * direction, the best's null is false, and it beats the runner-up by more
 * than four Monte Carlo errors of the truth (else no member is uniquely best).
 */
function trulyBest(layout: ReplicateLayout, members: number[], truth: TruthTable, nullIsTrue: (boolean | null)[]): number | null {
  const scored = members.map((k) => {
    const h = layout.hypotheses[k];
    const t = h.estimand ? truth[h.estimand] : undefined;
    if (!h.better || !t || !Number.isFinite(t.value)) return null;
    return { k, score: h.better === 'higher' ? t.value : -t.value, mcse: Number.isFinite(t.mcse) ? t.mcse : 0 };
  });
  if (scored.some((x) => x === null)) return null;
  const ranked = (scored as { k: number; score: number; mcse: number }[]).sort((a, b) => b.score - a.score);
  const [first, second] = ranked;
  if (nullIsTrue[first.k] !== false) return null;
  const gap = first.score - second.score;
  return gap > Math.max(1e-9, 4 * Math.hypot(first.mcse, second.mcse)) ? first.k : null;
}

function selectionSummary(acc: Tally, layout: ReplicateLayout, c: number, members: number[], best: number | null): SelectionSummary {
  const info = layout.selections![c];
  const counts = acc.selections[c];
  const R = acc.replicates;
  const count = (k: number) => counts.get(k) ?? 0;
  const exact = acc.exact === true;
  return {
    id: info.id,
    label: info.label,
    chosen: members.map((k) => {
      const r = rateOf(count(k), R, exact);
      return { id: layout.hypotheses[k].id, rate: r.rate, mcse: r.mcse };
    }),
    none: rateOf(count(-1), R, exact),
    best: best === null ? null : rateOf(count(best), R, exact),
  };
}

export function summariseFamilies(layout: ReplicateLayout, truth: TruthTable, acc: Tally, nullIsTrue: (boolean | null)[]): FamilySummary[] {
  const R = acc.replicates;
  const exact = acc.exact === true;
  return acc.families.map((f) => {
    const patterns = [...f.patterns].sort((a, b) => a[0] - b[0]);
    const known = f.members.every((k) => nullIsTrue[k] !== null);
    let nullMask = 0;
    f.members.forEach((k, i) => { if (nullIsTrue[k]) nullMask |= 1 << i; });
    const allMask = (1 << f.members.length) - 1; // at most 30 members
    const altMask = (allMask & ~nullMask) >>> 0;
    const where = (test: (mask: number) => boolean) => rateOf(patterns.reduce((n, [mask, c]) => n + (test(mask) ? c : 0), 0), R, exact);
    const best = known ? trulyBest(layout, f.members, truth, nullIsTrue) : null;
    const bestBit = best === null ? 0 : 1 << f.members.indexOf(best);
    return {
      id: f.id,
      hypotheses: f.members.map((k) => layout.hypotheses[k].id),
      trueNulls: known ? f.members.filter((k) => nullIsTrue[k]).map((k) => layout.hypotheses[k].id) : null,
      anyRejected: where((mask) => mask !== 0),
      familywiseError: known && nullMask !== 0 ? where((mask) => (mask & nullMask) !== 0) : null,
      disjunctivePower: known && altMask !== 0 ? where((mask) => (mask & altMask) !== 0) : null,
      conjunctivePower: known && altMask !== 0 ? where((mask) => (mask & altMask) === altMask) : null,
      falseRejections: known ? meanOf(patterns.map(([mask, c]) => [bitCount(mask & nullMask), c]), R, exact) : null,
      trueRejections: known ? meanOf(patterns.map(([mask, c]) => [bitCount(mask & altMask), c]), R, exact) : null,
      best: best === null ? null : { id: layout.hypotheses[best].id, rejected: where((mask) => (mask & bestBit) !== 0) },
      selections: (layout.selections ?? []).flatMap((s, c) => (s.family === f.id ? [selectionSummary(acc, layout, c, f.members, best)] : [])),
    };
  });
}

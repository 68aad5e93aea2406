/**
 * Sample-size search that accounts for Monte Carlo error: the smallest value
 * of a key (on a grid of the design's granularity) at which power reaches a
 * target, with a 95% interval for that value.
 *
 * 1. Bracket: bisection over the grid with a few replicates per point (cheap,
 *    and robust to a poor first guess).
 * 2. Refine: fit a probit power curve to the counts near the crossing
 *    (`probit.ts`), invert it, and evaluate again at the estimated crossing
 *    and at ± its current uncertainty with twice the replicates each round,
 *    until the 95% interval of the crossing is within the tolerance or the
 *    replicate budget is spent. More replicates go where the answer is.
 * 3. Confirm: an independent run at the answer.
 *
 * Every evaluation uses fresh replicates (the caller gives each call its own
 * replicate numbers), so evaluations are independent binomial counts and the
 * fitted curve's standard errors are honest. The answer is the smallest grid
 * value at or above the fitted crossing; its interval is the grid values at or
 * above the crossing's 95% limits (delta method).
 */
import { wilsonInterval } from '../stats/wilson.js';
import { fitProbit, probitCrossing, fiellerInterval, type ProbitFit, type Evaluation } from './probit.js';
import { tidyNumber } from './values.js';

export type Scale = 'sqrt' | 'linear' | 'log';

export interface SolveSettings {
  from: number;
  to: number;
  /** Grid step: answers are multiples of it (e.g. the randomisation block size). */
  step: number;
  /** Target power, e.g. 0.8. */
  target: number;
  scale: Scale;
  /** Replicates per bracketing evaluation. */
  initialReplicates: number;
  /** Most replicates the bracketing and refining may use in all. */
  budget: number;
  /** Wanted half-width of the 95% interval, in units of the key; default max(2 steps, 2% of the answer). */
  tolerance?: number;
  confirmReplicates: number;
}

export type Evaluate = (value: number, replicates: number) => Promise<{ rejections: number; replicates: number }>;

export interface SolveEvaluation {
  stage: 'bracket' | 'refine' | 'confirm';
  value: number;
  replicates: number;
  rejections: number;
  rate: number;
  mcse: number;
  ci95: [number, number];
}

export interface SolveResult {
  status: 'solved' | 'reached-at-lower-end' | 'not-reached';
  target: number;
  scale: Scale;
  step: number;
  range: [number, number];
  /** Smallest grid value whose power reaches the target (null if not reached). */
  answer: number | null;
  /** 95% interval for the answer given the Monte Carlo error. */
  interval: [number, number] | null;
  /** The fitted curve's crossing in units of the key, with its 95% limits. */
  crossing: { value: number; lower: number; upper: number } | null;
  fit: ProbitFit | null;
  evaluations: SolveEvaluation[];
  confirmation: SolveEvaluation | null;
  /** Replicates used by bracketing and refining (the confirmation not included). */
  searchReplicates: number;
}

const Z95 = 1.959963984540054;
/** A key value on the scale the probit is fitted on. */
export const forward = (s: Scale, v: number): number => (s === 'sqrt' ? Math.sqrt(v) : s === 'log' ? Math.log(v) : v);
const backward = (s: Scale, x: number) => (s === 'sqrt' ? Math.max(0, x) ** 2 : s === 'log' ? Math.exp(x) : x);

export async function solveSampleSize(settings: SolveSettings, evaluate: Evaluate): Promise<SolveResult> {
  const { step, target, scale } = settings;
  const kLo = Math.ceil(settings.from / step - 1e-9), kHi = Math.floor(settings.to / step + 1e-9);
  if (kHi < kLo) throw new RangeError(`no multiple of ${step} lies in ${settings.from}..${settings.to}`);
  const valueOf = (k: number) => tidyNumber(k * step);
  const clampK = (k: number) => Math.min(kHi, Math.max(kLo, k));
  const evaluations: SolveEvaluation[] = [];
  let spent = 0;
  const run = async (k: number, replicates: number, stage: SolveEvaluation['stage']) => {
    const value = valueOf(k);
    const r = await evaluate(value, replicates);
    const rate = r.rejections / r.replicates;
    const e: SolveEvaluation = { stage, value, replicates: r.replicates, rejections: r.rejections, rate, mcse: Math.sqrt((rate * (1 - rate)) / r.replicates), ci95: wilsonInterval(r.rejections, r.replicates) };
    if (stage !== 'confirm') { evaluations.push(e); spent += r.replicates; }
    return e;
  };
  const base = { target, scale, step, range: [valueOf(kLo), valueOf(kHi)] as [number, number], evaluations };
  const finish = async (status: SolveResult['status'], k: number | null, interval: [number, number] | null, crossing: SolveResult['crossing'], fit: ProbitFit | null): Promise<SolveResult> => {
    const confirmation = k === null ? null : await run(k, settings.confirmReplicates, 'confirm');
    return { status, ...base, answer: k === null ? null : valueOf(k), interval, crossing, fit, confirmation, searchReplicates: spent };
  };

  // 1. Bracket.
  const R1 = settings.initialReplicates;
  if ((await run(kHi, R1, 'bracket')).ci95[1] < target) return finish('not-reached', null, null, null, null);
  if ((await run(kLo, R1, 'bracket')).ci95[0] >= target) return finish('reached-at-lower-end', kLo, [valueOf(kLo), valueOf(kLo)], null, null);
  let lo = kLo, hi = kHi;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if ((await run(mid, R1, 'bracket')).rate >= target) hi = mid; else lo = mid;
  }

  // 2. Refine.
  let R = 2 * R1;
  let centre = valueOf(hi), half = Math.max(step, (settings.to - settings.from) / 4);
  let fit: ProbitFit | null = null;
  let crossing: NonNullable<SolveResult['crossing']> = { value: centre, lower: valueOf(lo), upper: valueOf(hi) };
  for (let round = 0; ; round++) {
    const window = round === 0 ? Infinity : Math.max(4 * step, 3 * half);
    fit = fitProbit(pooled(evaluations, scale, centre, window));
    // A local fit can slope the wrong way by chance when its points are close; then use every point.
    if (!(fit.slope > 0)) fit = fitProbit(pooled(evaluations, scale, centre, Infinity));
    if (!(fit.slope > 0)) throw new RangeError('power does not increase with the key over the searched range; the search assumes it does');
    const c = probitCrossing(fit, target);
    const limits = fiellerInterval(fit, target) ?? [c.x - Z95 * c.se, c.x + Z95 * c.se];
    crossing = { value: backward(scale, c.x), lower: backward(scale, limits[0]), upper: backward(scale, limits[1]) };
    centre = crossing.value;
    half = (crossing.upper - crossing.lower) / 2;
    const tolerance = settings.tolerance ?? Math.max(2 * step, 0.02 * centre);
    if ((round > 0 && half <= tolerance) || spent + 3 * R > settings.budget) break;
    const h = Math.max(step, half);
    const ks = [...new Set([centre - h, centre, centre + h].map((v) => clampK(Math.round(v / step))))];
    if (ks.length === 1) ks.push(ks[0] === kHi ? kHi - 1 : ks[0] + 1);
    for (const k of ks) await run(k, R, 'refine');
    R *= 2;
  }
  const up = (v: number) => clampK(Math.ceil(v / step - 1e-9));
  const answer = up(crossing.value);
  return finish('solved', answer, [valueOf(up(crossing.lower)), valueOf(up(crossing.upper))], crossing, fit);
}

/** Evaluations within `window` of `centre` (or all, if fewer than two values remain), pooled by value. */
function pooled(evaluations: SolveEvaluation[], scale: Scale, centre: number, window: number): Evaluation[] {
  const byValue = (inside: (v: number) => boolean) => {
    const m = new Map<number, Evaluation>();
    for (const e of evaluations) {
      if (!inside(e.value)) continue;
      const p = m.get(e.value) ?? { x: forward(scale, e.value), rejections: 0, replicates: 0 };
      p.rejections += e.rejections; p.replicates += e.replicates;
      m.set(e.value, p);
    }
    return [...m.values()].sort((a, b) => a.x - b.x);
  };
  const local = byValue((v) => Math.abs(v - centre) <= window);
  return local.length >= 2 ? local : byValue(() => true);
}

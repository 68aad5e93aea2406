/**
 * Calibration of a response-adaptive design's thresholds.
 *
 * The superiority threshold λ (one for every analysis), to a
 * target: the rate of declaring an arm best (the type I error when the
 * scenario is a null; or, with goal `power`, the power under an
 * alternative).
 *
 * Every λ is judged on the same replicates (common random numbers), and
 * exactly for those replicates, with one simulation each: the superiority
 * threshold changes nothing before the analysis where the trial would stop
 * (allocation, dropping, equivalence and futility do not depend on it), so
 * each replicate is run without superiority stopping and records, at every
 * analysis j, the most likely best arm's P(best) m_j and the control's c_j.
 * At λ the trial stops at the first j with max(m_j, c_j) >= λ and declares
 * an arm best when m_j >= λ there: the set of λ declaring is the union over
 * the analyses where max(m_j, c_j) sets a new record P_j above the earlier
 * record P_(j-1) of (P_(j-1), m_j]. The rate of declaring, E(λ), is a step
 * function read off by one sweep over the sorted ends.
 *
 * Goal `error`: the smallest λ with E(λ') <= target for every λ' >= λ
 * (E need not be monotone: with a control, a lower λ can stop a trial for
 * the control before an arm would have been declared). Goal `power`: the
 * largest λ with E(λ') >= target for every λ' <= λ. Its Monte Carlo
 * uncertainty: the same rule at target ± 1.96 √(target (1 - target) / R)
 * brackets a 95% interval; λ is reported to the digits that interval
 * supports, and never more.
 */
import type { RunStreams, ReplicateStreams } from '../../random/stream.js';
import { newRecord } from '../types.js';
import { UserError } from '../../scenario/errors.js';
import type { ResponseAdaptiveScenario } from './schema.js';
import type { Scenario } from '../../scenario/schema.js';
import { planAdaptive } from './trial.js';

export interface AdaptiveCalibrationOptions {
  target: number;
  goal: 'error' | 'power';
  replicates: number;
  /** The seed the calibration streams were derived from, reported with the result. */
  seed: number;
}

/** The thresholds a calibration can set. */
export type NamedThreshold = 'superiority' | 'inferiority' | 'futility' | 'equivalence';

export interface AdaptiveCalibration {
  /** The threshold calibrated, and how: exactly on the paths (superiority) or by bisection on the same replicates. */
  rule: NamedThreshold;
  method: 'paths' | 'bisection';
  goal: 'error' | 'power';
  target: number;
  replicates: number;
  seed: number;
  /** The calibrated threshold, or null when no λ in (0, 1) meets the target. */
  threshold: number | null;
  /** 95% Monte Carlo interval of the threshold. */
  lower: number | null;
  upper: number | null;
  /** Decimal places the interval supports. */
  digits: number;
  /** E at the threshold and its Monte Carlo SE. */
  achieved: number | null;
  achievedMcse: number;
}

/** Calibration replicate r's streams: two calibration streams, apart from every run's replicate streams. */
export function calibrationReplicate(streams: RunStreams, r: number): ReplicateStreams {
  return { patients: streams.calibration(2 * r + 1), allocation: streams.calibration(2 * r + 2) } as unknown as ReplicateStreams;
}

/** Refuses, before any replicate runs, a superiority threshold calibration cannot find. */
export function checkSuperiorityCalibration(spec: Scenario): void {
  const s = spec as ResponseAdaptiveScenario;
  if (Array.isArray(s.design.stopping.superiority)) throw new UserError('design.stopping.superiority: calibration finds one threshold for every analysis, found a list');
  if (s.design.stopping.onSuperiority === 'graduate') throw new UserError('design.stopping.onSuperiority: calibration needs superiority to end the trial (graduating arms changes the rest of it), found graduate');
}

/**
 * Per replicate from .. to - 1 (0-based calibration replicates), the
 * intervals (low, high] of λ that declare an arm best. A worker plans this
 * once per calibration and runs it on its share of the replicates.
 */
export function planDeclaringIntervals(spec: Scenario, streams: RunStreams): (from: number, to: number) => [number, number][][] {
  checkSuperiorityCalibration(spec);
  const s = spec as ResponseAdaptiveScenario;
  const open: ResponseAdaptiveScenario = { ...s, design: { ...s.design, stopping: { ...s.design.stopping, superiority: undefined } } };
  let path: [number, number][] = [];
  const plan = planAdaptive(open, (_j, top, control) => { path.push([top, control]); });
  const record = newRecord(plan.layout);
  return (from, to) => {
    const all: [number, number][][] = [];
    for (let r = from; r < to; r++) {
      path = [];
      plan.simulate(calibrationReplicate(streams, r), record);
      const intervals: [number, number][] = [];
      let best = 0;
      for (const [m, c] of path) {
        const high = Math.max(m, c);
        if (high > best) {
          if (m > best) intervals.push([best, m]);
          best = high;
        }
      }
      all.push(intervals);
    }
    return all;
  };
}

/**
 * How many of replicates from .. to - 1 (0-based calibration replicates)
 * declare an arm best with threshold `name` set to `value`.
 */
export function planDeclaredCount(spec: Scenario, streams: RunStreams, name: Exclude<NamedThreshold, 'superiority'>, value: number): (from: number, to: number) => number {
  const s = spec as ResponseAdaptiveScenario;
  const plan = planAdaptive({ ...s, design: { ...s.design, stopping: { ...s.design.stopping, [name]: value } } });
  const record = newRecord(plan.layout);
  return (from, to) => {
    let declared = 0;
    for (let r = from; r < to; r++) {
      plan.simulate(calibrationReplicate(streams, r), record);
      if (record.selected[0] >= 0) declared++;
    }
    return declared;
  };
}

/** The step function E(λ) as sorted breakpoints: E is `rate[i]` on (at[i], at[i+1]] (at[0] = 0, the last piece up to 1). */
function declaringRate(intervals: [number, number][][], R: number): { at: number[]; rate: number[] } {
  const events: [number, number][] = [];
  for (const list of intervals) for (const [low, high] of list) events.push([low, +1], [high, -1]);
  events.sort((a, b) => a[0] - b[0]);
  const at = [0], rate: number[] = [];
  let count = 0;
  // Entering (low, high]: +1 just above low, -1 just above high.
  for (let i = 0; i < events.length;) {
    const x = events[i][0];
    if (x > at[at.length - 1]) { rate.push(count / R); at.push(x); }
    while (i < events.length && events[i][0] === x) count += events[i++][1];
  }
  rate.push(count / R);
  return { at, rate };
}

/** The rule of the goal on the step function, at a given target. */
function solve(f: { at: number[]; rate: number[] }, target: number, goal: 'error' | 'power'): { threshold: number | null; achieved: number | null } {
  const { at, rate } = f;
  const pieces = rate.length;
  if (goal === 'error') {
    // From λ near 1 downwards: the lowest piece start such that every piece above meets E <= target.
    let k = pieces - 1;
    while (k >= 0 && rate[k] <= target) k--;
    if (k === pieces - 1 || k < 0) return { threshold: null, achieved: null };
    // Pieces k+1 .. end meet it: λ just above at[k+1] is the least; thresholds are compared with >=, so take the next double.
    const threshold = nextUp(at[k + 1]);
    return threshold < 1 ? { threshold, achieved: rate[k + 1] } : { threshold: null, achieved: null };
  }
  let k = 0;
  while (k < pieces && rate[k] >= target) k++;
  if (k === 0) return { threshold: null, achieved: null };
  // Pieces 0 .. k-1 meet it: λ = the end of piece k-1 (included in it).
  const threshold = k < at.length ? at[k] : 1;
  return threshold > 0 && threshold < 1 ? { threshold, achieved: rate[k - 1] } : { threshold: null, achieved: null };
}

function nextUp(x: number): number {
  const buffer = new Float64Array([x]);
  const bits = new BigInt64Array(buffer.buffer);
  bits[0] += x >= 0 ? 1n : -1n;
  return buffer[0];
}

export function calibrateAdaptive(s: ResponseAdaptiveScenario, streams: RunStreams, o: AdaptiveCalibrationOptions): AdaptiveCalibration {
  return calibrateFromIntervals(planDeclaringIntervals(s, streams)(0, o.replicates), o);
}

/** The superiority threshold from every calibration replicate's declaring intervals (planDeclaringIntervals). */
export function calibrateFromIntervals(intervals: [number, number][][], o: AdaptiveCalibrationOptions): AdaptiveCalibration {
  const R = o.replicates;
  const f = declaringRate(intervals, R);
  const { threshold, achieved } = solve(f, o.target, o.goal);
  const half = 1.96 * Math.sqrt((o.target * (1 - o.target)) / R);
  const a = solve(f, Math.min(1, o.target + half), o.goal).threshold, b = solve(f, Math.max(0, o.target - half), o.goal).threshold;
  const ends = [a, b].filter((x): x is number => x !== null);
  const lower = threshold === null || ends.length < 2 ? null : Math.min(...ends, threshold);
  const upper = threshold === null || ends.length < 2 ? null : Math.max(...ends, threshold);
  const digits = supportedDigits(lower, upper);
  return {
    rule: 'superiority', method: 'paths',
    goal: o.goal, target: o.target, replicates: R, seed: o.seed, threshold, lower, upper, digits,
    achieved, achievedMcse: achieved === null ? NaN : Math.sqrt((achieved * (1 - achieved)) / R),
  };
}

/** Decimal places a 95% interval of this width supports. */
function supportedDigits(lower: number | null, upper: number | null): number {
  const width = lower !== null && upper !== null ? upper - lower : 1;
  return Math.max(2, Math.min(8, Math.ceil(-Math.log10(Math.max(width, 1e-8))) + 1));
}

/** Refuses, before any replicate runs, a threshold bisection cannot search. */
export function checkNamedCalibration(spec: Scenario, name: Exclude<NamedThreshold, 'superiority'>): void {
  const stop = (spec as ResponseAdaptiveScenario).design.stopping;
  if (stop[name] === undefined) throw new UserError(`design.stopping.${name}: expected the rule to calibrate in the scenario (its margin too, if it has one), found none`);
  if (Array.isArray(stop[name])) throw new UserError(`design.stopping.${name}: calibration finds one threshold for every analysis, found a list`);
}

/**
 * Another threshold (inferiority, futility, equivalence): it changes the
 * trials' paths, so each candidate value runs the same calibration
 * replicates again (common random numbers), and bisection finds where the
 * rate of declaring an arm best crosses the target, to 1e-4, taking the
 * side of the crossing that meets it. The rate is assumed monotone in the
 * threshold between the ends of its range (checked there: a target both
 * ends meet or miss gives no threshold).
 *
 * `declared(value)` counts the replicates declaring an arm best at a value
 * (default: planDeclaredCount over every replicate in this thread; the
 * command line splits them over worker threads, with the same counts).
 */
export async function calibrateNamedThreshold(
  s: ResponseAdaptiveScenario, streams: RunStreams, name: Exclude<NamedThreshold, 'superiority'>, o: AdaptiveCalibrationOptions,
  declared: (value: number) => number | Promise<number> = (value) => planDeclaredCount(s, streams, name, value)(0, o.replicates),
): Promise<AdaptiveCalibration> {
  checkNamedCalibration(s, name);
  const stop = s.design.stopping;
  const R = o.replicates;
  const cache = new Map<number, number>();
  const rate = async (value: number): Promise<number> => {
    const known = cache.get(value);
    if (known !== undefined) return known;
    const e = (await declared(value)) / R;
    cache.set(value, e);
    return e;
  };
  // Inferiority must stay below every superiority threshold.
  const sup = stop.superiority === undefined ? 1 : Math.min(...[stop.superiority].flat());
  const ends: [number, number] = [1e-4, (name === 'inferiority' ? sup : 1) - 1e-4];
  const meets = (e: number, target: number) => (o.goal === 'error' ? e <= target : e >= target);
  const bisect = async (target: number): Promise<number | null> => {
    let [a, b] = ends;
    if (meets(await rate(a), target) === meets(await rate(b), target)) return null;
    while (b - a > 1e-4) {
      const mid = 0.5 * (a + b);
      if (meets(await rate(mid), target) === meets(await rate(a), target)) a = mid; else b = mid;
    }
    return meets(await rate(a), target) ? a : b;
  };
  const threshold = await bisect(o.target);
  const half = 1.96 * Math.sqrt((o.target * (1 - o.target)) / R);
  const others = [await bisect(Math.min(1, o.target + half)), await bisect(Math.max(0, o.target - half))].filter((x): x is number => x !== null);
  const lower = threshold === null || others.length < 2 ? null : Math.min(...others, threshold);
  const upper = threshold === null || others.length < 2 ? null : Math.max(...others, threshold);
  const achieved = threshold === null ? null : await rate(threshold);
  return {
    rule: name, method: 'bisection',
    goal: o.goal, target: o.target, replicates: R, seed: o.seed, threshold, lower, upper, digits: supportedDigits(lower, upper),
    achieved, achievedMcse: achieved === null ? NaN : Math.sqrt((achieved * (1 - achieved)) / R),
  };
}

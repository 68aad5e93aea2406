/**
 * Exact calibration of the Bayesian analyses' thresholds: the statistic
 * T_k (calibrate.ts) of every outcome under the global null is enumerated
 * with its probability (enumerate.ts), so the error at threshold lambda,
 * P(T_k > lambda), is a step function known exactly. Its steps are at the
 * values T takes; the calibrated threshold is the smallest such value whose
 * error is at most the target (per basket: the largest of the baskets'
 * thresholds; family-wise: that of max_k T_k). No seed is involved: every
 * run returns the same threshold, and its exact error is at most the target.
 * The null outcomes are shared out as an exact run's are (run/exact.ts: one
 * share of one analysis a unit), so a calibration on threads sums the same
 * masses in the same order as one in this thread.
 */
import type { BasketScenario } from './schema.js';
import type { BasketSetup } from './setup.js';
import type { BasketAnalyser } from './analysis.js';
import { EXACT_SHARES, partShares } from '../types.js';
import { TrialData } from './patients.js';
import { enumerateAnalysis, outcomeCount } from './enumerate.js';
import { nullCalibration, statisticAnalyser, type CalibratedThreshold, type CalibrationOptions, type CalibrationResult } from './calibrate.js';


/** The law of a statistic: probability mass at each value it takes. */
class StepLaw {
  private readonly mass = new Map<number, number>();
  add(value: number, p: number): void {
    this.mass.set(value, (this.mass.get(value) ?? 0) + p);
  }
  /** The values and their masses, in the order the values were first met. */
  lists(): { values: number[]; masses: number[] } {
    return { values: [...this.mass.keys()], masses: [...this.mass.values()] };
  }
  /** P(T > lambda). */
  above(lambda: number): number {
    let s = 0;
    for (const [v, p] of this.mass) if (v > lambda) s += p;
    return s;
  }
  /** The smallest value lambda taken by T with P(T > lambda) <= target (+Infinity when even the largest value, an efficacy stop, has more mass than the target). */
  threshold(target: number): number {
    const values = [...this.mass.keys()].sort((a, b) => b - a);
    let above = 0;
    let best = Infinity;
    for (const v of values) {
      if (above > target) break;
      best = v;
      above += this.mass.get(v)!;
    }
    return best;
  }
}

/** Outcome vectors an exact calibration visits (the chosen analyses under the global null). */
export function exactCalibrationSize(prepared: BasketSetup, analyses?: string[]): number {
  const { setup, chosen } = nullCalibration(prepared, { analyses });
  return chosen.reduce((n, a) => n + outcomeCount(setup.baskets, a), 0);
}

const clamp = (x: number) => Math.min(1, Math.max(0, x));

/**
 * One unit of an exact calibration (one share of one chosen analysis'
 * null outcomes, run/exact.ts's shares): each statistic's probability by
 * value, T_1 .. T_K then max_k T_k, values in the order they were met.
 * Plain lists, so a thread can send it.
 */
export interface NullLawPiece {
  /** analysis (among the chosen) × EXACT_SHARES + share */
  unit: number;
  outcomes: number;
  laws: { values: number[]; masses: number[] }[];
}

/** Refuses what cannot be calibrated exactly (before any thread starts); the units to enumerate. */
export function checkExactCalibration(prepared: BasketSetup, options: Omit<CalibrationOptions, 'replicates'>): number {
  return nullCalibration(prepared, options).chosen.length * EXACT_SHARES;
}

/**
 * A thread's plan (once per thread): the law pieces of units from .. to - 1,
 * each chosen analysis enumerating the outcomes of its shares among them
 * (its fits kept across the calls).
 */
export function planExactNull(prepared: BasketSetup, analyses?: string[]): (from: number, to: number) => NullLawPiece[] {
  const { setup, chosen } = nullCalibration(prepared, { analyses });
  const K = setup.baskets.length;
  const nullRates = setup.baskets.map((b) => b.p0);
  const data = new TrialData(setup);
  const analysers = chosen.map(() => null as BasketAnalyser | null);
  return (from, to) => chosen.flatMap((info, j) => {
    const [lo, hi] = partShares(j, from, to);
    if (lo >= hi) return [];
    const analyser = (analysers[j] ??= statisticAnalyser(setup, info, 512 * 1024 * 1024));
    const laws = Array.from({ length: hi - lo }, () => Array.from({ length: K + 1 }, () => new StepLaw()));
    const outcomes = new Array<number>(hi - lo).fill(0);
    const mine = (share: number) => share >= lo && share < hi;
    enumerateAnalysis(setup.baskets, nullRates, analyser, data, (p, share) => {
      if (!mine(share)) return;
      const law = laws[share - lo];
      outcomes[share - lo]++;
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        const t = analyser.result.statistic[k];
        law[k].add(t, p);
        if (t > max) max = t;
      }
      law[K].add(max, p);
    }, mine);
    return laws.map((law, i): NullLawPiece => ({ unit: j * EXACT_SHARES + lo + i, outcomes: outcomes[i], laws: law.map((l) => l.lists()) }));
  });
}

/**
 * The thresholds from every unit's pieces, merged in unit order: the same
 * sums, and so the same thresholds and errors, however the units were
 * shared between threads. Without pieces, every unit is enumerated here.
 */
export function calibrateExactly(_s: BasketScenario, prepared: BasketSetup, options: Omit<CalibrationOptions, 'replicates'>, pieces?: readonly NullLawPiece[]): CalibrationResult {
  const { target, setup, chosen } = nullCalibration(prepared, options);
  const units = chosen.length * EXACT_SHARES;
  const error = options.error ?? 'basket';
  const K = setup.baskets.length;
  const all = [...(pieces ?? planExactNull(prepared, options.analyses)(0, units))].sort((a, b) => a.unit - b.unit);
  const thresholds = chosen.map((info, j): CalibratedThreshold => {
    const laws = Array.from({ length: K + 1 }, () => new StepLaw());
    for (const piece of all) {
      if (Math.floor(piece.unit / EXACT_SHARES) !== j) continue;
      piece.laws.forEach((l, k) => l.values.forEach((v, i) => laws[k].add(v, l.masses[i])));
    }
    const lambda = error === 'fwer' ? laws[K].threshold(target) : Math.max(...laws.slice(0, K).map((l) => l.threshold(target)));
    const threshold = lambda === Infinity ? null : clamp(lambda);
    const at = threshold ?? Infinity;
    const byBasket = Object.fromEntries(setup.baskets.map((b, k) => [b.id, laws[k].above(at)]));
    const fwer = laws[K].above(at);
    return {
      analysis: info.id, method: info.spec.method, index: setup.analyses.indexOf(info),
      threshold, lower: threshold, upper: threshold, mcse: threshold === null ? null : 0,
      achieved: error === 'fwer' ? fwer : Math.max(...Object.values(byBasket)),
      byBasket, fwer,
    };
  });
  const outcomes = all.reduce((n, piece) => n + piece.outcomes, 0);
  return { target, error, replicates: 0, seed: options.seed, errorMcse: 0, thresholds, method: 'exact', outcomes };
}

/**
 * Exact calibration of the Bayesian analyses' thresholds: the statistic
 * T_k (calibrate.ts) of every outcome under the global null is enumerated
 * with its probability (enumerate.ts), so the error at threshold lambda,
 * P(T_k > lambda), is a step function known exactly. Its steps are at the
 * values T takes; the calibrated threshold is the smallest such value whose
 * error is at most the target (per basket: the largest of the baskets'
 * thresholds; family-wise: that of max_k T_k). No seed is involved: every
 * run returns the same threshold, and its exact error is at most the target.
 */
import { UserError } from '../../scenario/errors.js';
import type { BasketScenario } from './schema.js';
import { BAYESIAN_METHODS, type BasketSetup } from './setup.js';
import { buildAnalyser } from './trial.js';
import { TrialData } from './patients.js';
import { enumerateAnalysis, outcomeCount } from './enumerate.js';
import { globalNullSetup, type CalibratedThreshold, type CalibrationOptions, type CalibrationResult } from './calibrate.js';


/** The law of a statistic: probability mass at each value it takes. */
class StepLaw {
  private readonly mass = new Map<number, number>();
  add(value: number, p: number): void {
    this.mass.set(value, (this.mass.get(value) ?? 0) + p);
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
  const setup = globalNullSetup(prepared);
  return setup.analyses.filter((a) => BAYESIAN_METHODS.has(a.spec.method) && (!analyses || analyses.includes(a.id))).reduce((n, a) => n + outcomeCount(setup.baskets, a), 0);
}

const clamp = (x: number) => Math.min(1, Math.max(0, x));

export function calibrateExactly(_s: BasketScenario, prepared: BasketSetup, options: Omit<CalibrationOptions, 'replicates'>): CalibrationResult {
  const target = options.target ?? 0.05;
  const error = options.error ?? 'basket';
  if (!(target > 0 && target < 1)) throw new UserError(`target: expected an error rate between 0 and 1, found ${target}`);
  const setup = globalNullSetup(prepared);
  const chosen = setup.analyses.filter((a) => BAYESIAN_METHODS.has(a.spec.method) && (!options.analyses || options.analyses.includes(a.id)));
  if (chosen.length === 0) throw new UserError('nothing to calibrate: expected a hierarchical, exnex or fujikawa analysis, found none');
  const K = setup.baskets.length;
  const nullRates = setup.baskets.map((b) => b.p0);
  const data = new TrialData(setup);
  let outcomes = 0;
  const thresholds = chosen.map((info): CalibratedThreshold => {
    const analyser = buildAnalyser(setup, info, { cacheBytes: 512 * 1024 * 1024 });
    const laws = Array.from({ length: K + 1 }, () => new StepLaw());
    enumerateAnalysis(setup.baskets, nullRates, analyser, data, (p) => {
      outcomes++;
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        const t = analyser.result.statistic[k];
        laws[k].add(t, p);
        if (t > max) max = t;
      }
      laws[K].add(max, p);
    });
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
  return { target, error, replicates: 0, seed: options.seed, errorMcse: 0, thresholds, method: 'exact', outcomes };
}

/**
 * What every basket analysis produces from one replicate's patients, per
 * basket: the decision, the estimated response rate (MLE or posterior mean)
 * with its standard error and interval where the method gives them, the
 * drug patients it enrolled, whether it stopped the basket early, and the
 * statistic behind the decision (for calibration).
 */
import type { CacheStats } from './cache.js';
import type { AnalysisInfo } from './setup.js';
import type { TrialData } from './patients.js';

/** Why a basket stopped before its planned size. */
export const STOP_NONE = 0;
export const STOP_FUTILITY = 1;
export const STOP_EFFICACY = 2;

export interface AnalysisResult {
  reject: Uint8Array;
  estimate: Float64Array;
  se: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** Drug patients enrolled in each basket. */
  enrolled: Int32Array;
  /** STOP_NONE, STOP_FUTILITY or STOP_EFFICACY. */
  stop: Uint8Array;
  /**
   * The basket is declared a success when statistic > threshold: the final
   * posterior probability P(p_k > p0_k | data) for the Bayesian analyses,
   * -Infinity after a futility stop and +Infinity after an efficacy stop
   * (so a threshold can be calibrated without re-running the interims); with
   * a compound go rule, -Infinity when "and" fails the observed rate and
   * +Infinity when "or" meets it.
   */
  statistic: Float64Array;
  /** A frequentist analysis' exact test per basket, as reported per replicate (layout.ts: frequentistTest). */
  test?: ExactTest;
}

/** Per basket: the responder count tested, its exact one-sided p-value, and the look (Simon: 1 after a stage-1 stop, else 2). */
export interface ExactTest {
  responders: Float64Array;
  p: Float64Array;
  look: Int32Array;
}

export function newExactTest(K: number): ExactTest {
  return { responders: new Float64Array(K), p: new Float64Array(K), look: new Int32Array(K).fill(1) };
}

export function newResult(K: number): AnalysisResult {
  return {
    reject: new Uint8Array(K),
    estimate: new Float64Array(K),
    se: new Float64Array(K).fill(NaN),
    lower: new Float64Array(K).fill(NaN),
    upper: new Float64Array(K).fill(NaN),
    enrolled: new Int32Array(K),
    stop: new Uint8Array(K),
    statistic: new Float64Array(K).fill(NaN),
  };
}

export interface BasketAnalyser {
  info: AnalysisInfo;
  /** Rewritten by every call of analyse (allocated once). */
  result: AnalysisResult;
  analyse(data: TrialData): void;
  /** Hit statistics of the analysis cache (analyses that cache). */
  cacheStats?(): CacheStats;
}

/**
 * Calibration of the Bayesian analyses' decision thresholds by simulation
 * under the global null (every basket's true rate at its p0).
 *
 * A Bayesian analysis declares basket k a success when its statistic T_k
 * (the final P(p_k > p0_k | data); -Infinity after a futility stop,
 * +Infinity after an efficacy stop) exceeds the threshold lambda, and the
 * interims do not depend on lambda, so one set of null replicates gives the
 * error at every lambda: P(T_k > lambda). The calibrated lambda is the
 * smallest one whose estimated error is at most the target:
 * - per basket: lambda = max_k of the order statistic T_k,(j), j =
 *   ceil((1 - target) R), so that every basket's error is at most the target
 *   (with exchangeable baskets they are all close to it);
 * - family-wise: the same order statistic of max_k T_k (FWER under the
 *   global null = P(any basket declared a success)).
 * Its Monte Carlo error comes from the distribution-free interval of a
 * quantile by order statistics (the number of replicates below the true
 * quantile is Binomial(R, 1 - target)): ranks R(1 - target) -+ 1.96
 * sqrt(R target (1 - target)) bound a 95% interval; mcse is its half-width
 * / 1.96. On the error scale the threshold carries a Monte Carlo error of
 * sqrt(target (1 - target) / R).
 *
 * Replicate r draws from the calibration stream r, apart from the run's
 * streams, so calibrating never reuses the patients of the run it
 * calibrates.
 */
import type { BasketScenario } from './schema.js';
import type { Scenario } from '../../scenario/schema.js';
import type { RunStreams } from '../../random/stream.js';
import { UserError } from '../../scenario/errors.js';
import { BAYESIAN_METHODS, type BasketSetup } from './setup.js';
import { buildAnalyser } from './trial.js';
import { patientDrawer, TrialData } from './patients.js';

export interface CalibrationOptions {
  /** Target error (default 0.05). */
  target?: number;
  /** Per-basket type I error (default) or family-wise error rate. */
  error?: 'basket' | 'fwer';
  /** Null replicates (default 10,000). */
  replicates?: number;
  /** The seed the calibration streams were derived from, reported with the result. */
  seed: number;
  /** Analysis ids to calibrate (default every Bayesian analysis). */
  analyses?: string[];
}

export interface CalibratedThreshold {
  analysis: string;
  method: string;
  /** Index in design.analyses. */
  index: number;
  /** The calibrated threshold (null when the interim efficacy rule alone exceeds the target). */
  threshold: number | null;
  /** 95% Monte Carlo interval of the threshold (order statistics). */
  lower: number | null;
  upper: number | null;
  mcse: number | null;
  /** Estimated error at the threshold: per basket (max over baskets) or family-wise. */
  achieved: number;
  /** Per-basket estimated type I error at the threshold. */
  byBasket: Record<string, number>;
  /** Family-wise error at the threshold. */
  fwer: number;
}

export interface CalibrationResult {
  /** "exact" when every null outcome was enumerated (exact-calibration.ts): no replicates, no Monte Carlo error. */
  method?: 'exact';
  /** Outcome vectors enumerated (exact only). */
  outcomes?: number;
  target: number;
  error: 'basket' | 'fwer';
  replicates: number;
  seed: number;
  /** Monte Carlo error of an error rate estimated at the threshold: sqrt(target (1 - target) / R). */
  errorMcse: number;
  thresholds: CalibratedThreshold[];
}

const Z95 = 1.959963984540054;

/** The setup with every basket at its null rate and no control arms. */
export function globalNullSetup(setup: BasketSetup): BasketSetup {
  return {
    ...setup,
    fromPopulation: false,
    randomised: false,
    baskets: setup.baskets.map((b) => ({ ...b, rate: { value: b.p0, mcse: 0 }, isNull: true, control: undefined })),
  };
}

/** Threshold and its 95% interval from sorted values, for error `target`. */
export function quantileThreshold(sorted: Float64Array, target: number): { threshold: number; lower: number; upper: number } {
  const R = sorted.length;
  const rank = (x: number) => Math.min(R, Math.max(1, x));
  const centre = R * (1 - target);
  const half = Z95 * Math.sqrt(R * target * (1 - target));
  return {
    threshold: sorted[rank(Math.ceil(centre)) - 1],
    lower: sorted[rank(Math.floor(centre - half)) - 1],
    upper: sorted[rank(Math.ceil(centre + half)) - 1],
  };
}

function errorAt(values: Float64Array, lambda: number): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > lambda) m++;
  return m / values.length;
}

/** A threshold in [0, 1]; -Infinity (futility stops alone keep the error down) is 0, +Infinity (efficacy stops alone exceed it) null. */
const clampOrNull = (x: number) => (x === Infinity ? null : Math.min(1, Math.max(0, x)));

/**
 * Calibrates a loaded scenario of any design: refused unless it is a basket
 * design (the prepared data of a basket scenario is its BasketSetup).
 */
export function calibrateScenario(spec: Scenario, prepared: unknown, streams: RunStreams, options: CalibrationOptions): CalibrationResult {
  checkCalibration(spec, prepared, options);
  return calibrateThresholds(spec as BasketScenario, prepared as BasketSetup, streams, options);
}

/** The null setup and the analyses a calibration covers; refuses a bad target or nothing to calibrate. */
/** The global-null setup and the analyses to calibrate; refuses a target outside (0, 1) and a design with none. */
export function nullCalibration(prepared: BasketSetup, options: Pick<CalibrationOptions, 'target' | 'analyses'>) {
  const target = options.target ?? 0.05;
  if (!(target > 0 && target < 1)) throw new UserError(`target: expected an error rate between 0 and 1, found ${target}`);
  const setup = globalNullSetup(prepared);
  const chosen = setup.analyses.filter((a) => BAYESIAN_METHODS.has(a.spec.method) && (!options.analyses || options.analyses.includes(a.id)));
  if (chosen.length === 0) throw new UserError('nothing to calibrate: expected a hierarchical, exnex or fujikawa analysis, found none');
  return { target, setup, chosen };
}

/** Refuses, before any replicate runs, what calibrateScenario would refuse. */
export function checkCalibration(spec: Scenario, prepared: unknown, options: Pick<CalibrationOptions, 'target' | 'analyses'>): void {
  if (spec.design.type !== 'basket') throw new UserError(`calibrate works on basket and response-adaptive designs, found design type "${spec.design.type}"`);
  nullCalibration(prepared as BasketSetup, options);
}

/**
 * The statistics of null replicates, in pieces: `(from, to)` gives those of
 * replicates from .. to - 1 (0-based; replicate r draws from calibration
 * stream r + 1 alone, so any split gives the same values), row-major: per
 * replicate, per chosen analysis, basket k's statistic for k < K, then the
 * maximum over baskets. A worker plans this once per calibration.
 */
export function planNullStatistics(spec: Scenario, prepared: unknown, streams: RunStreams, analyses?: string[]): (from: number, to: number) => Float64Array {
  const { setup, chosen } = nullCalibration(prepared as BasketSetup, { analyses });
  const K = setup.baskets.length;
  const analysers = chosen.map((a) => statisticAnalyser(setup, a));
  const drawer = patientDrawer(spec as BasketScenario, setup);
  const data = new TrialData(setup);
  const width = analysers.length * (K + 1);
  return (from, to) => {
    const out = new Float64Array((to - from) * width);
    for (let r = from; r < to; r++) {
      drawer.draw(streams.calibration(r + 1), data);
      analysers.forEach((a, j) => {
        a.analyse(data);
        const at = (r - from) * width + j * (K + 1);
        let max = -Infinity;
        for (let k = 0; k < K; k++) {
          const t = a.result.statistic[k];
          out[at + k] = t;
          if (t > max) max = t;
        }
        out[at + K] = max;
      });
    }
    return out;
  };
}

/**
 * An analyser for a calibration, which reads only the statistic: fitted
 * without credible intervals (interval: none; the statistic is the same
 * bits, test/designs/basket/exact-calibration.test.ts, and a hierarchical fit
 * about 5x cheaper) and without the run's shared posterior table (whose
 * entries a run reads intervals from).
 */
export function statisticAnalyser(setup: BasketSetup, info: BasketSetup['analyses'][number], cacheBytes?: number) {
  return buildAnalyser(setup, { ...info, spec: { ...info.spec, interval: 'none' } as typeof info.spec }, { shared: false, ...(cacheBytes ? { cacheBytes } : {}) });
}

export function calibrateThresholds(s: BasketScenario, prepared: BasketSetup, streams: RunStreams, options: CalibrationOptions): CalibrationResult {
  const R = options.replicates ?? 10_000;
  return thresholdsFromStatistics(prepared, planNullStatistics(s, prepared, streams, options.analyses)(0, R), options);
}

/** The calibrated thresholds from the statistics of R null replicates (laid out as planNullStatistics gives them). */
export function thresholdsFromStatistics(prepared: unknown, statistics: Float64Array, options: CalibrationOptions): CalibrationResult {
  const { target, setup, chosen } = nullCalibration(prepared as BasketSetup, options);
  const error = options.error ?? 'basket';
  const K = setup.baskets.length;
  const width = chosen.length * (K + 1);
  const R = statistics.length / width;
  // stats[a][k][r]: statistic of basket k in replicate r; index K holds max_k
  const stats = chosen.map((_, j) => Array.from({ length: K + 1 }, (_k, k) => {
    const column = new Float64Array(R);
    for (let r = 0; r < R; r++) column[r] = statistics[r * width + j * (K + 1) + k];
    return column;
  }));
  const thresholds = chosen.map((a, j): CalibratedThreshold => {
    const sorted = stats[j].map((v) => Float64Array.from(v).sort());
    const q = error === 'fwer'
      ? quantileThreshold(sorted[K], target)
      : sorted.slice(0, K).map((v) => quantileThreshold(v, target)).reduce((x, y) => ({
        threshold: Math.max(x.threshold, y.threshold), lower: Math.max(x.lower, y.lower), upper: Math.max(x.upper, y.upper),
      }));
    const byBasket = Object.fromEntries(setup.baskets.map((b, k) => [b.id, errorAt(stats[j][k], q.threshold)]));
    const fwer = errorAt(stats[j][K], q.threshold);
    const threshold = clampOrNull(q.threshold);
    return {
      analysis: a.id, method: a.spec.method, index: setup.analyses.indexOf(a),
      threshold, lower: clampOrNull(q.lower), upper: clampOrNull(q.upper),
      mcse: threshold === null ? null : (Math.min(1, q.upper) - Math.max(0, q.lower)) / (2 * Z95),
      achieved: error === 'fwer' ? fwer : Math.max(...Object.values(byBasket)),
      byBasket, fwer,
    };
  });
  return { target, error, replicates: R, seed: options.seed, errorMcse: Math.sqrt((target * (1 - target)) / R), thresholds };
}

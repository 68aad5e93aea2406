/**
 * Every outcome of a basket analysis with its probability, for exact
 * operating characteristics and exact calibration.
 *
 * Basket k's responders are Binomial(n_k, p_k) and independent across
 * baskets, and an analysis reads each basket's running count only at a few
 * sizes (its checkpoints), so its outcomes are the vectors of counts at
 * those sizes, each with the product of binomial probabilities:
 * - one look (independent-exact, pooled, Bayesian without interim): y_k in
 *   0..n_k, prod_k Bin(n_k, p_k)(y_k) over prod_k (n_k + 1) vectors;
 * - Simon: a basket either stops with y1 <= r1 of n1, or goes on and is
 *   judged on its total y > r1 of n, P = sum_{x1 > r1} Bin(n1)(x1)
 *   Bin(n - n1)(y - x1); the first-stage count of a basket that goes on is
 *   not read again, so n + 1 outcomes per basket instead of
 *   (n1 + 1)(n - n1 + 1);
 * - Bayesian with an interim: the interim vector decides which baskets stop
 *   (jointly: the fit borrows across baskets), so the interim vectors are
 *   enumerated first, the analysis is run with no further patients to see
 *   which baskets stop, and only the baskets that go on enumerate their
 *   second-stage responders.
 * Each visited outcome is analysed by the design's own analyser, so the
 * exact figures are those of the simulated analysis, not of a second
 * implementation of it.
 */
import { binomialPmfVector } from '../../stats/basket/index.js';
import { EXACT_SHARES } from '../types.js';
import { mix32 } from '../../random/stream.js';
import { STOP_NONE, type BasketAnalyser } from './analysis.js';
import type { TrialData } from './patients.js';
import type { AnalysisInfo, BasketInfo } from './setup.js';

/** One basket's outcomes at the checkpoints an analysis reads: the counts to set and their probabilities. */
interface BasketOutcomes {
  /** Sizes whose running count the analysis reads. */
  at: number[];
  /** counts[i][j]: responders among the first at[j] patients in outcome i. */
  counts: number[][];
  probability: number[];
}

function oneLook(n: number, p: number): BasketOutcomes {
  const f = binomialPmfVector(n, p);
  return { at: [n], counts: Array.from(f, (_, y) => [y]), probability: [...f] };
}

function simonOutcomes(d: { r1: number; n1: number; n: number }, p: number): BasketOutcomes {
  const f1 = binomialPmfVector(d.n1, p);
  const f2 = binomialPmfVector(d.n - d.n1, p);
  const out: BasketOutcomes = { at: [d.n1, d.n], counts: [], probability: [] };
  for (let y1 = 0; y1 <= d.r1; y1++) {
    out.counts.push([y1, y1]);
    out.probability.push(f1[y1]);
  }
  // Went on: only y > r1 at n is read (the stage-1 count stands for "above r1").
  for (let y = d.r1 + 1; y <= d.n; y++) {
    let pr = 0;
    for (let x1 = d.r1 + 1; x1 <= Math.min(d.n1, y); x1++) if (y - x1 <= d.n - d.n1) pr += f1[x1] * f2[y - x1];
    out.counts.push([d.r1 + 1, y]);
    out.probability.push(pr);
  }
  return out;
}

/**
 * Visits every outcome vector of independent baskets: sets each basket's
 * counts, then calls visit with the product of probabilities. Outcomes of
 * probability 0 are skipped.
 */
function product(outcomes: readonly BasketOutcomes[], set: (k: number, o: BasketOutcomes, i: number) => void, visit: (p: number) => void): void {
  const K = outcomes.length;
  const walk = (k: number, p: number): void => {
    if (k === K) { visit(p); return; }
    const o = outcomes[k];
    for (let i = 0; i < o.probability.length; i++) {
      if (o.probability[i] === 0) continue;
      set(k, o, i);
      walk(k + 1, p * o.probability[i]);
    }
  };
  walk(0, 1);
}

function setCounts(data: TrialData, k: number, o: BasketOutcomes, i: number): void {
  const cum = data.cum[k];
  for (let j = 0; j < o.at.length; j++) cum[o.at[j]] = o.counts[i][j];
}

/** Outcome vectors an analysis visits (for a Bayesian interim: an upper bound, as if no basket stopped). */
export function outcomeCount(baskets: readonly BasketInfo[], info: AnalysisInfo): number {
  return baskets.reduce((a, b, k) => {
    const i = info.interimSizes?.[k];
    return a * (i === undefined ? (info.simon ? info.simon[k].n + 1 : b.n + 1) : (i + 1) * (b.n - i + 1));
  }, 1);
}

/**
 * The share of a count vector (types.ts EXACT_SHARES): the hash of a sum over
 * baskets of a hash of (planned size, count), so permuting the counts of
 * baskets of one size (exchangeable baskets have one) keeps the share, and
 * the threads of an exact run fit each distinct sorted vector once between
 * them. mix32 (lowbias32) spreads the sorted vectors evenly over the
 * shares (four baskets of 25: the fullest share holds 1.11 times the mean).
 */
function shareOf(baskets: readonly BasketInfo[], data: TrialData, at: (k: number) => number): number {
  let h = 0;
  for (let k = 0; k < baskets.length; k++) h = (h + mix32(baskets[k].n * 1031 + data.cum[k][at(k)] + 1)) >>> 0;
  return mix32(h) % EXACT_SHARES;
}

/**
 * Runs `analyser` on every outcome of its analysis at the baskets' rates
 * `rates`, calling visit(probability, share) with its result filled in;
 * with `wanted`, only the outcomes of the shares it accepts. An analysis
 * with an interim takes the share of its interim vector (the stops, and the
 * second-stage outcomes, follow from it).
 */
export function enumerateAnalysis(
  baskets: readonly BasketInfo[], rates: readonly number[], analyser: BasketAnalyser, data: TrialData,
  visit: (p: number, share: number) => void, wanted: (share: number) => boolean = () => true,
): void {
  const info = analyser.info;
  const last = (k: number) => baskets[k].n;
  const analyse = (p: number) => {
    const share = shareOf(baskets, data, last);
    if (!wanted(share)) return;
    analyser.analyse(data);
    visit(p, share);
  };
  if (info.simon) {
    product(baskets.map((_, k) => simonOutcomes(info.simon![k], rates[k])), (k, o, i) => setCounts(data, k, o, i), analyse);
    return;
  }
  const interim = info.interimSizes;
  if (!interim) {
    product(baskets.map((b, k) => oneLook(b.n, rates[k])), (k, o, i) => setCounts(data, k, o, i), analyse);
    return;
  }
  const K = baskets.length;
  const secondStage = baskets.map((b, k) => binomialPmfVector(b.n - interim[k], rates[k]));
  const goesOn = new Uint8Array(K);
  product(baskets.map((_, k) => oneLook(interim[k], rates[k])), (k, o, i) => setCounts(data, k, o, i), (pInterim) => {
    const share = shareOf(baskets, data, (k) => interim[k]);
    if (!wanted(share)) return;
    // No second-stage responders yet: the stops depend on the interim counts only.
    for (let k = 0; k < K; k++) data.cum[k][baskets[k].n] = data.cum[k][interim[k]];
    analyser.analyse(data);
    for (let k = 0; k < K; k++) goesOn[k] = analyser.result.stop[k] === STOP_NONE ? 1 : 0;
    const inner = baskets.map((b, k): BasketOutcomes => {
      const y1 = data.cum[k][interim[k]];
      if (!goesOn[k] || b.n === interim[k]) return { at: [b.n], counts: [[y1]], probability: [1] };
      const f = secondStage[k];
      return { at: [b.n], counts: Array.from(f, (_, x) => [y1 + x]), probability: [...f] };
    });
    product(inner, (k, o, i) => setCounts(data, k, o, i), (p) => { analyser.analyse(data); visit(pInterim * p, share); });
  });
}

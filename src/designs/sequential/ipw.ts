/**
 * Inverse-probability-weighted value of an embedded sequence (dynamic
 * treatment regime) with its sandwich standard error, from the path tree.
 *
 * A participant is consistent with sequence d = (d_1..d_ℓ) when the option
 * they received at every level they entered, up to ℓ, is d's. Their weight
 * is W = C Π_k 1 / (π_k α_k): π_k the probability with which the design
 * gave them d_k, given the options acceptable to them and available after
 * their previous option (Murphy, van der Laan & Robins 2001; Murphy 2005),
 * and α_k the share of participants at risk for d at level k (consistent so
 * far, entering level k) who had d_k acceptable. The value is Hájek's
 * normalised estimator V̂ = Σ W Y / Σ W, Y = remission by level ℓ.
 *
 * - weights "randomisation": α_k = 1. V̂ estimates E[Y^d | A^d = 1], the
 *   value among participants who would accept d's option at every level they
 *   reach (non-acceptors of d_k are never consistent). It depends on how
 *   often each option is accepted, even when options work equally well.
 * - weights "acceptance-adjusted" (default): α̂_k estimated as above, so
 *   participants who could not take d_k are treated as censored from d at
 *   level k and represented by those who could (inverse probability of
 *   censoring weighting, Robins & Rotnitzky 1992). V̂ estimates E[Y^d], the
 *   value had everyone followed d, when acceptance is unrelated to prognosis
 *   given the path so far; the two coincide when everybody accepts everything.
 *
 * The standard error stacks the estimating equations Σ W (Y - V) = 0 and
 * Σ D_k (A_k - α_k) = 0 (D_k at risk at level k, A_k = d_k acceptable) and
 * takes the sandwich variance of V̂ (Stefanski & Boos 2002), treating the
 * randomisation probabilities as known. With c_k = Σ W (Y - V̂) R_k / (α̂_k Σ D_k)
 * (R_k: the weight involves level k), participant i's influence is
 *   IF_i = [W_i (Y_i - V̂) - Σ_k c_k D_ik (A_ik - α̂_k)] / Σ W,
 * and Var(V̂) = Σ IF_i². Participants fall in few classes (consistent and
 * stopping at level k; first inconsistent at level k, with or without d_k
 * acceptable), so the sum is taken over tree nodes. For the difference of
 * two sequences, Var(V̂1 - V̂2) = Σ (IF1_i - IF2_i)², one pass over participants.
 */
import { PathTree, NODE, type ObservedPaths } from './paths.js';

export interface SequenceFit {
  value: number;
  se: number;
  /** Σ W, the normaliser of the influence function. */
  weightSum: number;
  options: Int32Array;
  alpha: Float64Array;
  /** Π_{j<=k} 1/α_j. */
  scale: Float64Array;
  c: Float64Array;
  /** K_m = Σ_{j<m} c_j (1 - α_j). */
  K: Float64Array;
  /** Working arrays: each level's parent and node on the branch, and its consistent group's sums (GROUP fields). */
  parent: Int32Array;
  node: Int32Array;
  groups: Float64Array;
}

/** A consistent group's sums, GROUP.size per level: count, Σ W, Σ W², Σ W Y, Σ W² Y (scaled by 1/α). */
const GROUP = { n: 0, a1: 1, a2: 2, b1: 3, b2: 4, size: 5 } as const;

/** The arrays of a fit of sequence `options`, made once and refilled by each fitSequence (a replicate fits every sequence in every cell). */
export function newSequenceFit(options: Int32Array): SequenceFit {
  const len = options.length;
  return {
    value: NaN, se: NaN, weightSum: 0, options,
    alpha: new Float64Array(len), scale: new Float64Array(len), c: new Float64Array(len), K: new Float64Array(len + 1),
    parent: new Int32Array(len), node: new Int32Array(len), groups: new Float64Array(GROUP.size * len),
  };
}

/** The IPW value of sequence `options` in a cell, with its SE, into `fit` (a new one by default). */
export function fitSequence(tree: PathTree, cell: number, options: Int32Array, adjust: boolean, fit = newSequenceFit(options)): SequenceFit {
  const len = options.length;
  if (fit.alpha.length !== len) throw new RangeError(`a fit of a ${fit.alpha.length}-level sequence cannot hold one of ${len} levels`);
  fit.options = options;
  const { parent, node, alpha, scale, c, K, groups } = fit;
  parent.fill(-1); node.fill(-1); alpha.fill(1); scale.fill(1); c.fill(0); K.fill(0);
  let u = 0, f = 1;
  for (let k = 0; k < len && u >= 0; k++) {
    parent[k] = u;
    const D = tree.entering(cell, u), acc = tree.accepting(cell, u, options[k]);
    if (adjust && D > 0 && acc > 0) alpha[k] = acc / D;
    f /= alpha[k];
    scale[k] = f;
    node[k] = u = tree.next(u, options[k]);
  }
  // Consistent groups: stoppers at each node of the branch, and everyone at its last node.
  let S = 0, B = 0;
  for (let k = 0; k < len; k++) {
    if (node[k] < 0) continue;
    const v = node[k], last = k === len - 1, sc = scale[k], at = GROUP.size * k;
    groups[at + GROUP.n] = tree.stat(cell, v, last ? NODE.n : NODE.stopN);
    groups[at + GROUP.a1] = tree.stat(cell, v, last ? NODE.w : NODE.stopW) * sc;
    groups[at + GROUP.a2] = tree.stat(cell, v, last ? NODE.ww : NODE.stopWW) * sc * sc;
    groups[at + GROUP.b1] = tree.stat(cell, v, NODE.wy) * sc;
    groups[at + GROUP.b2] = tree.stat(cell, v, NODE.wwy) * sc * sc;
    S += groups[at + GROUP.a1]; B += groups[at + GROUP.b1];
  }
  const V = S > 0 ? B / S : NaN;
  if (!(S > 0)) return done(fit, NaN, NaN, 0);
  if (adjust) {
    let G = 0;
    for (let k = len - 1; k >= 0; k--) {
      if (node[k] >= 0) G += groups[GROUP.size * k + GROUP.b1] - V * groups[GROUP.size * k + GROUP.a1];
      const D = parent[k] >= 0 ? tree.entering(cell, parent[k]) : 0;
      c[k] = D > 0 ? G / (alpha[k] * D) : 0;
    }
  }
  for (let k = 0; k < len; k++) K[k + 1] = K[k] + c[k] * (1 - alpha[k]);
  let ss = 0;
  for (let k = 0; k < len; k++) {
    if (node[k] >= 0) {
      const at = GROUP.size * k, n = groups[at + GROUP.n], a1 = groups[at + GROUP.a1], a2 = groups[at + GROUP.a2], b1 = groups[at + GROUP.b1], b2 = groups[at + GROUP.b2];
      ss += b2 * (1 - 2 * V) + V * V * a2 - 2 * K[k + 1] * (b1 - V * a1) + n * K[k + 1] * K[k + 1];
    }
    if (parent[k] < 0 || !adjust) continue;
    const D = tree.entering(cell, parent[k]), acc = tree.accepting(cell, parent[k], options[k]);
    const received = node[k] >= 0 ? tree.stat(cell, node[k], NODE.n) : 0;
    const yes = K[k] + c[k] * (1 - alpha[k]), no = K[k] - c[k] * alpha[k];
    ss += (acc - received) * yes * yes + (D - acc) * no * no;
  }
  return done(fit, V, Math.sqrt(Math.max(0, ss)) / S, S);
}

function done(fit: SequenceFit, value: number, se: number, weightSum: number): SequenceFit {
  fit.value = value; fit.se = se; fit.weightSum = weightSum;
  return fit;
}

/** Participant i's influence on a fitted value, times Σ W. */
export function influence(fit: SequenceFit, t: ObservedPaths, i: number): number {
  const d = fit.options, L = t.L;
  const m = Math.min(t.reached[i], d.length);
  for (let k = 0; k < m; k++) {
    const at = i * L + k;
    if (t.option[at] === d[k]) continue;
    const accepted = (t.eligible[at] >>> d[k]) & 1;
    return -(fit.K[k] + fit.c[k] * (accepted - fit.alpha[k]));
  }
  const w = t.inverseProbability[i * L + m - 1] * fit.scale[m - 1];
  const y = t.remitLevel[i] >= 0 && t.remitLevel[i] < d.length ? 1 : 0;
  return w * (y - fit.value) - fit.K[m];
}

/** Standard error of the difference of two values fitted in one cell; `member(i)` says who is in it. */
export function differenceSe(a: SequenceFit, b: SequenceFit, t: ObservedPaths, member: (i: number) => boolean): number {
  if (!(a.weightSum > 0 && b.weightSum > 0)) return NaN;
  let ss = 0;
  for (let i = 0; i < t.n; i++) {
    if (!member(i)) continue;
    const x = influence(a, t, i) / a.weightSum - influence(b, t, i) / b.weightSum;
    ss += x * x;
  }
  return Math.sqrt(ss);
}

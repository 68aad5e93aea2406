/**
 * The graphical approach to multiple testing (Bretz, Maurer, Brannath &
 * Posch 2009, Stat Med 28:586-604), Bonferroni-based: hypothesis i starts
 * with weight w_i (Σ w ≤ 1) and passes its weight along the edges of a
 * transition matrix G (g_ii = 0, rows summing to at most 1) once rejected.
 * Adjusted p-values by the sequentially rejective algorithm (Bretz et al.
 * 2009, Algorithm 1 with the adjusted p-values of their section 3): at each
 * step the hypothesis with the smallest p_j / w_j is rejected at the running
 * maximum of those ratios, then the graph is updated
 *   w_l ← w_l + w_j g_jl,
 *   g_lk ← (g_lk + g_lj g_jk) / (1 - g_lj g_jl)   (0 where g_lj g_jl = 1).
 * Holm's procedure and the fixed sequence are special graphs.
 */
import { checkP } from './stepwise.js';

export interface Graph {
  /** Initial weights, one per hypothesis. */
  weights: readonly number[];
  /** transitions[i][k]: the share of i's weight passed to k when i is rejected. */
  transitions: readonly (readonly number[])[];
}

/** Checks a graph: weights in [0, 1] summing to at most 1, transitions in [0, 1] with zero diagonal and rows summing to at most 1. */
export function checkGraph(g: Graph, K: number): void {
  const tol = 1e-9;
  if (g.weights.length !== K || g.transitions.length !== K || g.transitions.some((row) => row.length !== K)) {
    throw new RangeError(`a graph over ${K} hypotheses needs ${K} weights and a ${K} x ${K} transition matrix`);
  }
  if (g.weights.some((w) => !(w >= 0 && w <= 1)) || g.weights.reduce((a, b) => a + b, 0) > 1 + tol) {
    throw new RangeError(`weights must lie in [0, 1] and sum to at most 1, got [${g.weights.join(', ')}]`);
  }
  g.transitions.forEach((row, i) => {
    if (row.some((x) => !(x >= 0 && x <= 1)) || row[i] !== 0 || row.reduce((a, b) => a + b, 0) > 1 + tol) {
      throw new RangeError(`transition row ${i + 1} must hold numbers in [0, 1] with a zero diagonal, summing to at most 1, got [${row.join(', ')}]`);
    }
  });
}

/** Adjusted p-values of the Bonferroni-based graphical procedure; H_i is rejected at level α iff p̃_i ≤ α. */
export function graphicalAdjust(p: readonly number[], graph: Graph): number[] {
  const K = p.length;
  checkGraph(graph, K);
  checkP(p);
  const w = [...graph.weights];
  const G = graph.transitions.map((row) => [...row]);
  const open = new Array<boolean>(K).fill(true);
  const out = new Array<number>(K).fill(1);
  let running = 0;
  for (let step = 0; step < K; step++) {
    let j = -1, best = Infinity;
    for (let i = 0; i < K; i++) {
      if (!open[i] || !(w[i] > 0)) continue;
      const ratio = p[i] / w[i];
      if (ratio < best) { best = ratio; j = i; }
    }
    if (j < 0) break; // the rest have no weight left: never rejected (adjusted p 1)
    running = Math.max(running, Math.min(1, best));
    out[j] = running;
    open[j] = false;
    removeNode(w, G, open, j);
  }
  return out;
}

/** Passes the rejected node j's weight and edges on to the open nodes (Bretz et al. 2009, Algorithm 1, step 2). */
function removeNode(w: number[], G: number[][], open: boolean[], j: number): void {
  const K = w.length;
  const next = G.map((row) => [...row]);
  for (let l = 0; l < K; l++) {
    if (!open[l]) continue;
    w[l] += w[j] * G[j][l];
    for (let k = 0; k < K; k++) {
      if (!open[k] || k === l) { next[l][k] = 0; continue; }
      const denominator = 1 - G[l][j] * G[j][l];
      next[l][k] = denominator > 0 ? (G[l][k] + G[l][j] * G[j][k]) / denominator : 0;
    }
  }
  w[j] = 0;
  for (let l = 0; l < K; l++) G[l] = next[l];
}

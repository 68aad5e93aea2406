/**
 * Inner loops of the regression fits over row-major Float64Array matrices:
 * weighted Gram matrices X'WX with right-hand sides X'Wz, linear predictors
 * Xβ, and risk-weighted outer products for Cox risk sets. Each returns a
 * function for a fixed column count, so callers look it up once per fit and
 * the loop bodies stay monomorphic. Only lower triangles are written. The
 * functions are made once per column count (and flags) and kept: a
 * simulation fits thousands of small models a second, and a new closure per
 * fit was garbage for the collector.
 *
 * (An earlier version generated unrolled loops as source text per column
 * count; it was faster but compiled code at run time, which trialsim avoids.)
 */

/** G (lower triangle) = Σ_i w_i (x_i − c)(x_i − c)ᵀ and b = Σ_i w_i z_i (x_i − c). */
export type GramKernel = (
  X: Float64Array,
  n: number,
  w: Float64Array | null,
  z: ArrayLike<number> | null,
  center: Float64Array | null,
  G: Float64Array,
  b: Float64Array,
) => void;

/** eta_i = x_iᵀ beta for every row. */
export type LinearPredictorKernel = (X: Float64Array, n: number, beta: Float64Array, eta: Float64Array) => void;

/** a += r·x_i and C (lower) += r·x_i x_iᵀ, x_i = row `i` of X. */
export type OuterKernel = (X: Float64Array, i: number, r: number, a: Float64Array, C: Float64Array) => void;

/**
 * Kernel for weighted Gram matrices (X'WX, X'X, centred Gram) and the matching
 * right-hand side X'Wz. `w`, `z`, `center` may be null (weights 1, no
 * right-hand side, no centring).
 */
export function gramKernel(p: number, weighted: boolean, withRhs: boolean, centered: boolean): GramKernel {
  const key = p * 8 + (weighted ? 4 : 0) + (withRhs ? 2 : 0) + (centered ? 1 : 0);
  let kernel = gramKernels.get(key);
  if (!kernel) gramKernels.set(key, (kernel = makeGramKernel(p, weighted, withRhs, centered)));
  return kernel;
}

const gramKernels = new Map<number, GramKernel>();

function makeGramKernel(p: number, weighted: boolean, withRhs: boolean, centered: boolean): GramKernel {
  // The weighted Gram with a right-hand side is the IRLS step of every
  // logistic fit: give it a loop with no flag tests inside.
  if (weighted && withRhs && !centered) return weightedGramWithRhs(p);
  // Scratch row of the kernel (kernels never call one another, so one per kernel suffices).
  const x = new Float64Array(p);
  return (X, n, w, z, center, G, b) => {
    for (let j = 0; j < p; j++) {
      for (let m = 0; m <= j; m++) G[j * p + m] = 0;
      if (withRhs) b[j] = 0;
    }
    for (let i = 0, r = 0; i < n; i++, r += p) {
      const wi = weighted ? w![i] : 1;
      for (let j = 0; j < p; j++) x[j] = centered ? X[r + j] - center![j] : X[r + j];
      const zi = withRhs ? z![i] : 0;
      for (let j = 0; j < p; j++) {
        const v = wi * x[j];
        const row = j * p;
        for (let m = 0; m <= j; m++) G[row + m] += v * x[m];
        if (withRhs) b[j] += v * zi;
      }
    }
  };
}

function weightedGramWithRhs(p: number): GramKernel {
  return (X, n, w, z, _center, G, b) => {
    for (let j = 0; j < p; j++) {
      for (let m = 0; m <= j; m++) G[j * p + m] = 0;
      b[j] = 0;
    }
    for (let i = 0, r = 0; i < n; i++, r += p) {
      const wi = w![i];
      const zi = z![i];
      for (let j = 0; j < p; j++) {
        const v = wi * X[r + j];
        const row = j * p;
        for (let m = 0; m <= j; m++) G[row + m] += v * X[r + m];
        b[j] += v * zi;
      }
    }
  };
}

/** Kernel computing the linear predictor Xβ for all rows. */
export function linearPredictorKernel(p: number): LinearPredictorKernel {
  let kernel = linearPredictorKernels.get(p);
  if (!kernel) linearPredictorKernels.set(p, (kernel = makeLinearPredictorKernel(p)));
  return kernel;
}

const linearPredictorKernels = new Map<number, LinearPredictorKernel>();

function makeLinearPredictorKernel(p: number): LinearPredictorKernel {
  return (X, n, beta, eta) => {
    for (let i = 0, r = 0; i < n; i++, r += p) {
      let e = 0;
      for (let j = 0; j < p; j++) e += X[r + j] * beta[j];
      eta[i] = e;
    }
  };
}

/** Kernel adding one risk-weighted row and its outer product (Cox risk-set sums). */
export function outerKernel(p: number): OuterKernel {
  return (X, i, r, a, C) => {
    const o = i * p;
    for (let j = 0; j < p; j++) {
      const xj = X[o + j];
      const v = r * xj;
      a[j] += v;
      const row = j * p;
      for (let m = 0; m <= j; m++) C[row + m] += v * X[o + m];
    }
  };
}

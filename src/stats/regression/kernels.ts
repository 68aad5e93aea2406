/**
 * Unrolled inner loops for small p, generated once per column count.
 *
 * Accumulating X'WX with generic nested `for (j) for (k ≤ j)` loops over each
 * row spends most of its time on loop control when p is 3–6; the same sums
 * kept in local variables with the (j, k) loops unrolled run ~5× faster in
 * V8. The kernels below are generated as source text from p alone (no data
 * ever enters the generated code) and cached, so each p is compiled once per
 * process. Matrices are row-major; only lower triangles are written unless
 * stated.
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

const gramCache = new Map<string, GramKernel>();
const lpCache = new Map<number, LinearPredictorKernel>();
const outerCache = new Map<number, OuterKernel>();

function range(p: number): number[] {
  return Array.from({ length: p }, (_, j) => j);
}

/**
 * Kernel for weighted Gram matrices (X'WX, X'X, centred Gram) and the matching
 * right-hand side X'Wz. `w`, `z`, `center` may be null (weights 1, no
 * right-hand side, no centring); the variant is chosen by the flags.
 */
export function gramKernel(p: number, weighted: boolean, withRhs: boolean, centered: boolean): GramKernel {
  const key = `${p}:${+weighted}${+withRhs}${+centered}`;
  let k = gramCache.get(key);
  if (k) return k;
  const J = range(p);
  const lines: string[] = [];
  const acc = J.flatMap((j) => range(j + 1).map((m) => `g${j}_${m} = 0`));
  if (withRhs) acc.push(...J.map((j) => `b${j} = 0`));
  if (acc.length > 0) lines.push(`let ${acc.join(', ')};`);
  if (centered) lines.push(...J.map((j) => `const c${j} = center[${j}];`));
  lines.push(`for (let i = 0, r = 0; i < n; i++, r += ${p}) {`);
  lines.push(`  const wi = ${weighted ? 'w[i]' : '1'};`);
  for (const j of J) lines.push(`  const x${j} = X[r + ${j}]${centered ? ` - c${j}` : ''};`);
  for (const j of J) {
    lines.push(`  const v${j} = wi * x${j};`);
    for (let m = 0; m <= j; m++) lines.push(`  g${j}_${m} += v${j} * x${m};`);
  }
  if (withRhs) {
    lines.push('  const zi = z[i];');
    for (const j of J) lines.push(`  b${j} += v${j} * zi;`);
  }
  lines.push('}');
  for (const j of J) for (let m = 0; m <= j; m++) lines.push(`G[${j * p + m}] = g${j}_${m};`);
  if (withRhs) for (const j of J) lines.push(`b[${j}] = b${j};`);
  k = new Function('X', 'n', 'w', 'z', 'center', 'G', 'b', lines.join('\n')) as GramKernel;
  gramCache.set(key, k);
  return k;
}

/** Kernel computing the linear predictor Xβ for all rows. */
export function linearPredictorKernel(p: number): LinearPredictorKernel {
  let k = lpCache.get(p);
  if (k) return k;
  const J = range(p);
  const body = [
    ...J.map((j) => `const b${j} = beta[${j}];`),
    `for (let i = 0, r = 0; i < n; i++, r += ${p}) {`,
    `  eta[i] = ${p === 0 ? '0' : J.map((j) => `X[r + ${j}] * b${j}`).join(' + ')};`,
    '}',
  ];
  k = new Function('X', 'n', 'beta', 'eta', body.join('\n')) as LinearPredictorKernel;
  lpCache.set(p, k);
  return k;
}

/** Kernel adding one risk-weighted row and its outer product (Cox risk-set sums). */
export function outerKernel(p: number): OuterKernel {
  let k = outerCache.get(p);
  if (k) return k;
  const J = range(p);
  const body = [`const o = i * ${p};`];
  for (const j of J) body.push(`const x${j} = X[o + ${j}];`, `const v${j} = r * x${j};`, `a[${j}] += v${j};`);
  for (const j of J) for (let m = 0; m <= j; m++) body.push(`C[${j * p + m}] += v${j} * x${m};`);
  k = new Function('X', 'i', 'r', 'a', 'C', body.join('\n')) as OuterKernel;
  outerCache.set(p, k);
  return k;
}

/**
 * More p-value procedures for K hypotheses: Šidák single-step and step-down
 * (Šidák 1967, JASA 62:626-633; Holm 1979), closed testing with Simes tests
 * (Hommel 1988, Biometrika 75:383-386: the adjusted p-value of H_i is the
 * largest Simes p-value min_j |I| p_(j:I) / j over the intersections I that
 * contain i), and the fixed-sequence procedure (each hypothesis tested at
 * the full α in a prespecified order, stopping at the first acceptance).
 * Hommel's is computed over the closure itself (2^K intersections), so K is
 * capped at MAX_CLOSURE_SIZE.
 */
import { checkP, ascendingOrder } from './stepwise.js';

/** Most hypotheses a closure over every intersection is computed for (4,096 intersections). */
export const MAX_CLOSURE_SIZE = 12;


/** Šidák single-step adjusted p-values 1 - (1 - p_i)^K (exact for independent tests, conservative for positively dependent ones). */
export function sidakAdjust(p: readonly number[]): number[] {
  checkP(p);
  return p.map((x) => -Math.expm1(p.length * Math.log1p(-x)));
}

/** Šidák step-down (Holm-Šidák) adjusted p-values: p̃_(i) = max_{j ≤ i} 1 - (1 - p_(j))^(K - j + 1). */
export function sidakStepDownAdjust(p: readonly number[]): number[] {
  checkP(p);
  const K = p.length;
  const out = new Array<number>(K);
  let running = 0;
  ascendingOrder(p).forEach((i, j) => {
    running = Math.max(running, -Math.expm1((K - j) * Math.log1p(-p[i])));
    out[i] = running;
  });
  return out;
}

/** Simes p-value of the intersection of the hypotheses in `mask`: min_j m p_(j) / j over its m members. */
function simes(p: readonly number[], mask: number, buffer: number[]): number {
  buffer.length = 0;
  for (let i = 0; i < p.length; i++) if (mask & (1 << i)) buffer.push(p[i]);
  buffer.sort((a, b) => a - b);
  const m = buffer.length;
  let best = 1;
  for (let j = 0; j < m; j++) best = Math.min(best, (m * buffer[j]) / (j + 1));
  return best;
}

/** Hommel adjusted p-values by closed testing with Simes intersection tests (R `p.adjust(p, "hommel")`). */
export function hommelAdjust(p: readonly number[]): number[] {
  checkP(p);
  const K = p.length;
  if (K > MAX_CLOSURE_SIZE) throw new RangeError(`closed testing is computed for at most ${MAX_CLOSURE_SIZE} hypotheses, got ${K}`);
  const out = new Array<number>(K).fill(0);
  const buffer: number[] = [];
  for (let mask = 1; mask < 1 << K; mask++) {
    const q = simes(p, mask, buffer);
    for (let i = 0; i < K; i++) if (mask & (1 << i) && q > out[i]) out[i] = q;
  }
  return out;
}

/** Fixed-sequence adjusted p-values in the given testing order: p̃ = the running maximum of the p-values. */
export function fixedSequenceAdjust(p: readonly number[], order: readonly number[]): number[] {
  checkP(p);
  if (order.length !== p.length || new Set(order).size !== p.length || order.some((i) => !(i >= 0 && i < p.length))) {
    throw new RangeError(`order must be a permutation of 0..${p.length - 1}, got [${order.join(', ')}]`);
  }
  const out = new Array<number>(p.length);
  let running = 0;
  for (const i of order) {
    running = Math.max(running, p[i]);
    out[i] = running;
  }
  return out;
}

/**
 * Maximum partial-likelihood estimate of the log hazard ratio of a
 * two-group Cox model (Cox 1972), by Newton-Raphson, for continuous times
 * (no ties). Used to define the true marginal hazard ratio from a large
 * virtual population; the full Cox model with covariates and tie handling is
 * in stats/regression.
 */
export function twoGroupLogHazardRatio(time: Float64Array, event: Uint8Array, group: Uint8Array, n: number): { logHr: number; se: number } {
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => time[b] - time[a]);
  let beta = 0;
  let info = NaN;
  for (let iter = 0; iter < 30; iter++) {
    const r = Math.exp(beta);
    let s0 = 0, s1 = 0, score = 0;
    info = 0;
    for (const i of order) {
      // Descending time: everyone added so far is at risk at time[i].
      const w = group[i] ? r : 1;
      s0 += w;
      s1 += group[i] ? w : 0;
      if (event[i]) {
        const share = s1 / s0;
        score += group[i] - share;
        info += share * (1 - share);
      }
    }
    if (!(info > 0)) return { logHr: NaN, se: NaN };
    const step = score / info;
    beta += step;
    if (Math.abs(step) < 1e-12) break;
  }
  return { logHr: beta, se: 1 / Math.sqrt(info) };
}

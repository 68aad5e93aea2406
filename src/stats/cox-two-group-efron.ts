/**
 * The two-group Cox model λ(t | x) = λ₀(t) e^{βx}, x = 1 for treatment,
 * with Efron's handling of tied event times (R's `coxph` default), fitted
 * by Newton-Raphson from β = 0, halving a step that overshoots the root
 * of the score (the log partial likelihood is concave in β), to a step
 * below 10⁻¹⁰. With x ∈ {0, 1}, at an event time with d
 * events, risk-set sums S₀ = Σ e^{βx}, S₁ = Σ x e^{βx} and the events' own
 * sums D₀, D₁, the Efron terms for l = 0..d−1 are
 *   s₀ = S₀ − (l/d) D₀,  s₁ = S₁ − (l/d) D₁,
 *   score += d₁ − Σ s₁/s₀,  information += Σ (s₁/s₀)(1 − s₁/s₀).
 * Rows are visited in a given ascending order of time (one sort serves
 * several fits); rows with include[code] ≤ 0 are left out. O(n) per
 * iteration, nothing allocated. The estimate is NaN when every event is in
 * one group (the partial likelihood has no maximum) or no event is left.
 * stats/regression/cox.ts fits the general model (any columns, ties either
 * way) and gives the same numbers.
 */
export interface TwoGroupCox {
  logHazardRatio: number;
  se: number;
  iterations: number;
}

const NONE: TwoGroupCox = { logHazardRatio: NaN, se: NaN, iterations: 0 };

/** The score and information at one β (reused: nothing is allocated per iteration). */
const sums = { score: 0, information: 0 };

/**
 * @param time follow-up times; `event` 1 or 0; `treated` 1 or 0
 * @param code each row's code; the row is included when `include[code[i]]` is 1
 * @param order the first n row indices by ascending time
 */
export function twoGroupCoxEfron(time: ArrayLike<number>, event: ArrayLike<number>, treated: ArrayLike<number>, code: ArrayLike<number>, include: ArrayLike<number>, order: ArrayLike<number>, n: number): TwoGroupCox {
  let d0 = 0, d1 = 0;
  for (let i = 0; i < n; i++) if (include[code[i]] === 1 && event[i]) { if (treated[i]) d1++; else d0++; }
  if (d0 === 0 || d1 === 0) return NONE;
  let beta = 0;
  efronSums(time, event, treated, code, include, order, n, 0);
  let score = sums.score, information = sums.information;
  for (let iteration = 1; iteration <= 50; iteration++) {
    let step = score / information;
    efronSums(time, event, treated, code, include, order, n, beta + step);
    // The log partial likelihood is concave in β: halve a step that overshoots the root of the score.
    for (let halving = 0; halving < 40 && Math.abs(sums.score) > Math.abs(score); halving++) {
      step /= 2;
      efronSums(time, event, treated, code, include, order, n, beta + step);
    }
    beta += step; score = sums.score; information = sums.information;
    if (Math.abs(step) < 1e-10 * Math.max(1, Math.abs(beta))) return { logHazardRatio: beta, se: 1 / Math.sqrt(information), iterations: iteration };
  }
  return NONE;
}

/** Efron's score and information at β into `sums`. */
function efronSums(time: ArrayLike<number>, event: ArrayLike<number>, treated: ArrayLike<number>, code: ArrayLike<number>, include: ArrayLike<number>, order: ArrayLike<number>, n: number, beta: number): void {
  const r = Math.exp(beta);
  let S0 = 0, S1 = 0;
  for (let i = 0; i < n; i++) if (include[code[i]] === 1) { const w = treated[i] ? r : 1; S0 += w; S1 += treated[i] ? w : 0; }
  let score = 0, information = 0;
  for (let i = 0; i < n;) {
    const t = time[order[i]];
    let d = 0, dTreated = 0, D0 = 0, D1 = 0, L0 = 0, L1 = 0;
    for (; i < n && time[order[i]] === t; i++) {
      const p = order[i];
      if (include[code[p]] !== 1) continue;
      const w = treated[p] ? r : 1;
      L0 += w; L1 += treated[p] ? w : 0;
      if (event[p]) { d++; dTreated += treated[p]; D0 += w; D1 += treated[p] ? w : 0; }
    }
    for (let l = 0; l < d; l++) {
      const share = (S1 - (l / d) * D1) / (S0 - (l / d) * D0);
      score -= share; information += share * (1 - share);
    }
    score += dTreated;
    S0 -= L0; S1 -= L1;
  }
  sums.score = score; sums.information = information;
}

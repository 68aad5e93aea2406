/**
 * Allocation probabilities at an adaptive analysis: equal during the burn-in
 * (or under fixed allocation), else Thompson sampling, P(best)^c normalised
 * (Thompson 1933; with c < 1 or c = n/N to temper early swings: Thall &
 * Wathen 2007), with caps: capped RAR clamps each arm into [min, max] and
 * shares the rest in proportion; restricted RAR sets arms below min to 0
 * first (Wathen & Thall 2017; adaptr's `min_probs`, `max_probs`,
 * `rescale_probs`); when that leaves too few arms for the max cap to hold,
 * the max cap is not applied. A control may keep a share of its own: fixed, matched to
 * the most likely best arm, or √K : 1 : ... : 1 (Park et al. 2020).
 */
import type { ResponseAdaptiveDesignSpec } from './schema.js';

type AllocationSpec = ResponseAdaptiveDesignSpec['allocation'];

/**
 * Spreads 1 over the active arms in proportion to `weight`, each share in
 * [min, max]: the shares are clamp(λ w_k, min, max) with λ found by
 * bisection so that they add to 1 (the Euclidean-free "water filling" that
 * keeps the proportions of the arms not at a cap). Restricted RAR first sets
 * arms whose plain share is below min to 0 (keeping the largest); when too
 * few arms are left for the max cap to hold, it is not applied.
 */
export function cappedShares(weight: Float64Array, active: readonly number[], min: number, max: number, belowMinToZero: boolean, out: Float64Array): void {
  let total = 0;
  for (const k of active) total += weight[k];
  const share = (k: number) => (total > 0 ? weight[k] / total : 1 / active.length);
  let kept = [...active];
  if (belowMinToZero) {
    const largest = active.reduce((best, k) => (share(k) > share(best) ? k : best), active[0]);
    kept = active.filter((k) => k === largest || share(k) >= min);
    for (const k of active) if (!kept.includes(k)) out[k] = 0;
  }
  const cap = kept.length * max >= 1 - 1e-12 ? max : 1;
  const low = kept.length * min <= 1 ? min : 1 / kept.length;
  // Zero weights get a floor so that, when the others hit the cap, they can still rise above min.
  const w = Float64Array.from(kept, (k) => Math.max(share(k), 1e-300));
  const at = (logLambda: number) => {
    const lambda = Math.exp(logLambda);
    let sum = 0;
    for (let i = 0; i < w.length; i++) sum += Math.min(cap, Math.max(low, lambda * w[i]));
    return sum;
  };
  let lo = -800, hi = 800;
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (lo + hi);
    const below = at(mid) < 1;
    // Once a step leaves the bracket as it was (lo and hi at most one double apart), every later step
    // repeats it: stopping there ends with the bracket the 200 steps would (about 60 steps, not 200).
    if (below ? mid === lo : mid === hi) break;
    if (below) lo = mid; else hi = mid;
  }
  const lambda = Math.exp(0.5 * (lo + hi));
  let sum = 0;
  kept.forEach((k, i) => { out[k] = Math.min(cap, Math.max(low, lambda * w[i])); sum += out[k]; });
  // Bisection leaves the total within ~1e-15 of 1; divide it out.
  for (const k of kept) out[k] /= sum;
}

/**
 * The allocation probabilities of the active arms (written into `out`; the
 * others set to 0). `pBest` holds each active arm's P(best); `share` is the
 * share of the maximum sample size with outcomes (for c = n/N).
 */
export function allocate(spec: AllocationSpec, control: number, pBest: Float64Array, active: readonly number[], adapting: boolean, share: number, weight: Float64Array, out: Float64Array): void {
  out.fill(0);
  const ownControl = control >= 0 && active.includes(control) && spec.controlShare !== undefined;
  const competing = ownControl ? active.filter((k) => k !== control) : [...active];
  const c = spec.power === 'n/N' ? share : spec.power;
  for (const k of competing) weight[k] = spec.rule === 'thompson' && adapting ? Math.pow(pBest[k], c) : 1;
  cappedShares(weight, competing, adapting ? spec.min : 0, adapting ? spec.max : 1, adapting && spec.belowMinToZero, out);
  if (!ownControl) return;
  const k = competing.length;
  const controlShare = spec.controlShare === 'match-best' ? Math.max(...competing.map((j) => out[j])) / (1 + Math.max(...competing.map((j) => out[j])))
    : spec.controlShare === 'sqrt-arms' ? Math.sqrt(k) / (k + Math.sqrt(k))
    : (spec.controlShare as number);
  for (const j of competing) out[j] *= 1 - controlShare;
  out[control] = controlShare;
}

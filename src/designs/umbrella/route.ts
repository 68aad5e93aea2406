/**
 * Routing of a screened patient who matches several open substudies (the
 * overlap rule): the first listed (priority order, as in Lung-MAP's
 * prespecified hierarchy), one of them uniformly at random, or the one whose
 * eligibility is rarest in the population (so rare substudies fill first).
 * Candidates are a bit mask over substudies; a random choice draws from the
 * allocation stream.
 */
import type { RandomSource } from '../../random/stream.js';

export type OverlapRule = 'priority' | 'random' | 'rarest-first';

/** Picks one substudy from a non-empty bit mask of candidates. */
export type Router = (candidates: number, allocation: RandomSource) => number;

const lowestBit = (m: number) => 31 - Math.clz32(m & -m);

function popCount(m: number): number {
  let n = 0;
  for (let x = m; x !== 0; x &= x - 1) n++;
  return n;
}

/**
 * @param prevalence share of patients matching each rule-based substudy (for rarest-first)
 */
export function buildRouter(rule: OverlapRule, prevalence: readonly number[]): Router {
  if (rule === 'priority') return (m) => lowestBit(m);
  if (rule === 'random') {
    return (m, allocation) => {
      if ((m & (m - 1)) === 0) return lowestBit(m);
      let pick = Math.floor(allocation() * popCount(m));
      for (let x = m; ; x &= x - 1) if (pick-- === 0) return lowestBit(x);
    };
  }
  const order = Int32Array.from(rarestFirstOrder(prevalence));
  return (m) => {
    for (let q = 0; q < order.length; q++) if ((m >> order[q]) & 1) return order[q];
    return lowestBit(m);
  };
}

/** The routing order rarest-first uses: substudies by prevalence of their rule, ties by position. */
export function rarestFirstOrder(prevalence: readonly number[]): number[] {
  return prevalence.map((_, k) => k).sort((a, b) => prevalence[a] - prevalence[b] || a - b);
}

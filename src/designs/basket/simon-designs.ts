/**
 * Simon (1989) designs found once per (p0, p1, alpha, power, maxN): the
 * scenario checks, every worker's plan and describe() all ask for the same
 * designs, and the exhaustive search costs ~0.1 s for n <= 100.
 */
import { simonDesigns, type SimonDesignSummary, type SimonSearchOptions } from '../../stats/basket/index.js';

const memo = new Map<string, ReturnType<typeof simonDesigns>>();

/** The optimal or minimax design (null when none has n <= maxN). */
export function findSimonDesign(options: Required<SimonSearchOptions>, kind: 'optimal' | 'minimax'): SimonDesignSummary | null {
  const key = `${options.p0}|${options.p1}|${options.alpha}|${options.power}|${options.maxN}`;
  let found = memo.get(key);
  if (!found) {
    found = simonDesigns(options);
    memo.set(key, found);
  }
  return found[kind];
}

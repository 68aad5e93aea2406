/**
 * Who an enrichment stage may recruit: the strata of the populations still
 * in; with fixed prevalence, each stratum's quota of the stage's patients
 * (its share of the prevalence among the strata allowed, rounded so the
 * quotas sum to the stage's size, as rpact's fixed prevalences); and
 * permuted blocks per stratum for the randomisation. The same rules as the
 * binary and continuous trial's (trial.ts), for the time-to-event trial.
 */
import type { RandomSource } from '../../random/stream.js';
import type { EnrichmentSetup } from './setup.js';

/** The strata of the populations in `mask` (bit g: population g), in order. */
export function strataIn(setup: EnrichmentSetup, mask: number): number[] {
  const out: number[] = [];
  for (let g = 0; g < setup.strata; g++) if (setup.strataOf.some((list, p) => mask & (1 << p) && list.includes(g))) out.push(g);
  return out;
}

/**
 * The most patients taken from each stratum at a stage of n from the populations in `mask`: the whole stage from
 * any of their strata (random prevalence), or quotas in proportion to the strata's prevalences (fixed).
 */
export function stageQuotas(setup: EnrichmentSetup, fixed: boolean, n: number, mask: number): number[] {
  const allowed = strataIn(setup, mask);
  const q = new Array<number>(setup.strata).fill(0);
  if (!fixed) { for (const g of allowed) q[g] = n; return q; }
  const prev = setup.stratumPrevalence!;
  const whole = allowed.length === setup.strata;
  const total = whole ? 1 : allowed.reduce((a, g) => a + prev[g], 0);
  let cumulative = 0, given = 0;
  allowed.forEach((g, j) => {
    if (j === allowed.length - 1) { q[g] = n - given; return; }
    cumulative += prev[g];
    const upTo = Math.round((whole ? cumulative : cumulative / total) * n);
    q[g] = upTo - given;
    given = upTo;
  });
  return q;
}

/** Permuted blocks of 2(1 + ratio) per stratum: `ratio` treated per control. */
export class StratumBlocks {
  private readonly blocks: Int32Array[];
  private readonly position: Int32Array;
  constructor(strata: number, private readonly ratio: number) {
    this.blocks = Array.from({ length: strata }, () => new Int32Array(2 * (1 + ratio)));
    this.position = new Int32Array(strata);
  }
  reset(): void { this.position.fill(this.blocks[0].length); }
  /** 1 (treatment) or 0 (control) for the next patient of stratum g. */
  next(allocation: RandomSource, g: number): number {
    const b = this.blocks[g];
    if (this.position[g] >= b.length) {
      for (let k = 0; k < b.length; k++) b[k] = k < 2 * this.ratio ? 1 : 0;
      for (let k = b.length - 1; k > 0; k--) { const m = Math.floor(allocation() * (k + 1)); const x = b[k]; b[k] = b[m]; b[m] = x; }
      this.position[g] = 0;
    }
    return b[this.position[g]++];
  }
}

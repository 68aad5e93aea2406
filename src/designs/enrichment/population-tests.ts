/**
 * What each population's test reports per replicate (hypotheses.csv): at
 * the look its decision was made (the stage it was rejected at, else the
 * last stage it was tested at: dropped at an interim, or the trial
 * stopped), its own combined statistic over the stages (inverse normal z,
 * or Fisher's −2 Σ log p), the nominal one-sided p-value of that statistic
 * (1 − Φ(z), or Fisher's combination p: the looks and the other
 * populations ignored), and the closed test's adjusted p-value: the largest,
 * over the intersections containing the population, of the intersection's
 * p-value at the stage its decision stood at while the population was
 * tested (rejected by then, else the population's last look; a rejection
 * after it left does not count for it): for the inverse normal test
 * the stage-wise ordering p-value of its combined z under the design's
 * critical values, the information fractions t_k = Σ_{j≤k} w_j² / Σ w_j²
 * (Wassmer & Brannath 2016, ch. 6 and 11; rpact's closed combination test
 * reports the same intersections); for Fisher's, its combination p-value.
 * An intersection unrejected at a look before the last stage (the
 * population dropped, or the trial stopped) has no such p-value (the
 * ordering is of trials that stop by crossing a boundary or reach the
 * end), and neither has a population in it: so a population's adjusted p
 * is at most alpha exactly when it is rejected, and missing only when it
 * is not.
 */
import { writeTest, type ReplicateRecord } from '../types.js';
import { normalUpper } from '../../stats/distributions.js';
import { StagewisePValue } from '../../stats/group-sequential/index.js';
import type { ClosedCombinationTest } from '../../stats/combination/closed-populations.js';
import { informationRates, type EnrichmentSetup } from './setup.js';

export class PopulationTests {
  private readonly look: Int32Array;
  private readonly statistic: Float64Array;
  private readonly p: Float64Array;
  private readonly pAt: (stage: number, combined: number, rejected: boolean) => number;
  /** Per stage, the stage-wise p-values of the statistics met in this replicate: populations share intersections, and each costs an integral. */
  private readonly seen: Map<number, number>[];

  constructor(setup: EnrichmentSetup, private readonly fisher: boolean) {
    const G = setup.populations.length;
    this.look = new Int32Array(G); this.statistic = new Float64Array(G); this.p = new Float64Array(G);
    const stagewise = fisher ? null : new StagewisePValue(setup.critical, informationRates(setup.weights));
    const last = setup.weights.length - 1;
    this.seen = setup.weights.map(() => new Map());
    const ordered = (k: number, z: number) => {
      let p = this.seen[k].get(z);
      if (p === undefined) this.seen[k].set(z, (p = stagewise!.at(k, z)));
      return p;
    };
    this.pAt = (k, c, rejected) => (!rejected && k < last ? NaN : stagewise ? ordered(k, c) : c);
  }

  reset(): void {
    this.look.fill(0); this.statistic.fill(NaN); this.p.fill(NaN);
  }

  /** After stage k's tests, before its rejections are counted: population g, tested there and not yet rejected, has its look here. */
  tested(k: number, g: number, test: ClosedCombinationTest): void {
    const own = 1 << g, c = test.combined[own];
    this.look[g] = k + 1;
    this.statistic[g] = this.fisher ? test.fisherStatistic(own) : c;
    this.p[g] = this.fisher ? c : normalUpper(c);
  }

  write(out: ReplicateRecord, test: ClosedCombinationTest): void {
    for (const m of this.seen) m.clear();
    for (let g = 0; g < this.look.length; g++) {
      const adjusted = this.look[g] > 0 && out.testsRead ? test.adjustedP(g, this.look[g] - 1, this.pAt) : NaN;
      writeTest(out, g, this.statistic[g], this.p[g], adjusted, this.look[g]);
    }
  }
}

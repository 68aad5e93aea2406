/**
 * Count-level simulation of a parallel-group trial with a binary endpoint
 * (`design.simulate: counts`): the analysis reads only the numbers of
 * patients and responders per arm and subgroup cell, so the trial draws
 * those counts directly instead of its patients. The distribution is the
 * patient-level one exactly; the individual replicates differ (other draws):
 * - patients per randomisation stratum: multinomial over the strata's
 *   probabilities (the population's discrete patterns, exact);
 * - arms within a stratum: multinomial by the allocation ratios (simple
 *   randomisation), or the complete permuted blocks plus the first r slots
 *   of one shuffled block (r the remainder: drawn without replacement);
 * - patients of each pattern within a stratum and arm: multinomial by the
 *   patterns' conditional probabilities (assignment ignores everything but
 *   the stratum and the order of arrival);
 * - responders of each pattern and arm: binomial at the pattern's response
 *   probability under that arm.
 * Multinomials are drawn as sequences of conditional binomials; binomials by
 * exact inversion of one uniform (from 0 when (1-p)^n is representable,
 * else from the mode with the cdf there from the incomplete beta).
 */
import type { RandomSource } from '../../random/stream.js';
import type { Scenario } from '../../scenario/schema.js';
import { Cohort } from '../../population/cohort.js';
import { buildOutcomeModel } from '../../population/outcomes.js';
import { discretePatterns, placePattern } from '../../population/patterns.js';
import { smallestBalancedBlock } from '../randomisation.js';
import type { ParallelSetup } from './setup.js';
import type { CellTally } from './tally.js';
import { binomialDeviate, BinomialTables } from './binomial-inversion.js';

// Where the count-level draws have always been found (and are tested).
export { binomialDeviate };

/** Multinomial(n, weights) as conditional binomials, into out. */
function multinomial(n: number, weights: ArrayLike<number>, total: number, source: RandomSource, out: Float64Array): void {
  let left = n, mass = total;
  for (let k = 0; k < weights.length; k++) {
    if (k === weights.length - 1 || left === 0) { out[k] = left; left = 0; continue; }
    const x = mass > 0 ? binomialDeviate(left, Math.min(1, weights[k] / mass), source()) : 0;
    out[k] = x; left -= x; mass -= weights[k];
  }
}

export interface CountSimulator {
  /** Draws one trial's counts into the tally (n, sum per cell and arm). */
  draw(patients: RandomSource, allocation: RandomSource, size: number): void;
}

/** The count-level simulator of a parallel design, or the reason it cannot be one. */
export function countSimulator(s: Scenario, setup: ParallelSetup, tally: CellTally): CountSimulator {
  const patterns = discretePatterns(s);
  if (!patterns) throw new Error('count-level simulation needs discrete biomarkers (checked at validate time)');
  const model = buildOutcomeModel(s);
  const A = setup.arms.length, T = patterns.length;
  const one = new Cohort(1, s.population.biomarkers.length);
  const response = new Float64Array(T * A);
  patterns.forEach((pattern, t) => { placePattern(one, 0, pattern); for (let a = 0; a < A; a++) response[t * A + a] = model.mean(one, 0, a); });
  // Randomisation strata: each pattern's stratum from its values of the strata markers.
  const plan = setup.randomisation;
  const stratumOf = Int32Array.from(patterns.map((p) => plan.strata.reduce((acc, st) => acc * st.levels + p.values[st.column], 0)));
  const S = plan.strata.reduce((acc, st) => acc * st.levels, 1);
  const members = Array.from({ length: S }, (_, st) => patterns.map((_, t) => t).filter((t) => stratumOf[t] === st));
  const memberWeights = members.map((list) => Float64Array.from(list.map((t) => patterns[t].weight)));
  const stratumWeight = Float64Array.from(memberWeights.map((w) => w.reduce((a, b) => a + b, 0)));
  const ratios = Float64Array.from(plan.ratios), ratioTotal = plan.ratios.reduce((a, b) => a + b, 0);
  const smallest = smallestBalancedBlock(plan.ratios);
  const blockSize = plan.blockSize ?? smallest;
  const perBlock = Float64Array.from(plan.ratios.map((r) => (r * blockSize) / ratioTotal));
  // Each subgrouping's level of each pattern.
  const levelOf = setup.subgroups.map((g) => Int32Array.from(patterns.map((p) => p.values[g.column])));
  // Responders of each pattern and arm: the same inversion, its cumulative probabilities kept per patient count.
  const responders = new BinomialTables(response);
  const inStratum = new Float64Array(S), inArm = new Float64Array(A), left = new Float64Array(A), ofPattern = new Float64Array(T);

  function armsOf(m: number, allocation: RandomSource): void {
    if (plan.method === 'simple') { multinomial(m, ratios, ratioTotal, allocation, inArm); return; }
    const blocks = Math.floor(m / blockSize);
    for (let a = 0; a < A; a++) { inArm[a] = blocks * perBlock[a]; left[a] = perBlock[a]; }
    // The remainder: the first r slots of a shuffled block, drawn without replacement.
    let slots = blockSize;
    for (let j = 0; j < m - blocks * blockSize; j++) {
      let u = allocation() * slots, a = 0;
      while (a < A - 1 && u >= left[a]) { u -= left[a]; a++; }
      inArm[a]++; left[a]--; slots--;
    }
  }

  return {
    draw(patients, allocation, size) {
      tally.n.fill(0); tally.sum.fill(0);
      multinomial(size, stratumWeight, 1, patients, inStratum);
      for (let st = 0; st < S; st++) {
        if (inStratum[st] === 0) continue;
        armsOf(inStratum[st], allocation);
        const list = members[st], weights = memberWeights[st];
        for (let a = 0; a < A; a++) {
          if (inArm[a] === 0) continue;
          multinomial(inArm[a], weights, stratumWeight[st], patients, ofPattern);
          for (let j = 0; j < list.length; j++) {
            const n = ofPattern[j], t = list[j];
            if (n === 0) continue;
            const y = responders.deviate(n, t * A + a, patients());
            tally.n[a] += n; tally.sum[a] += y;
            for (let sg = 0; sg < levelOf.length; sg++) {
              const k = (tally.offsets[sg] + levelOf[sg][t]) * A + a;
              tally.n[k] += n; tally.sum[k] += y;
            }
          }
        }
      }
    },
  };
}

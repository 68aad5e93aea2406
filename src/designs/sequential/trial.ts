/**
 * One simulated sequential trial: each participant enters level 1, and at
 * each level draws an acceptable set, is randomised among the acceptable
 * options available after their previous option, and then drops out,
 * stops for intolerance, remits or does not remit; non-remitters move on to
 * the next level unless they decline it.
 *
 * Common random numbers: each participant has 5 uniforms per level
 * (acceptable set, dropout, intolerance, remission, declining the next level)
 * and one for relapse, whatever happens to them, so their potential outcome
 * under every option at every level is fixed (remission under option o at
 * level k is U_k < p_ok) and sequences compare on the same patients. The
 * uniforms are counter-based: two 32-bit keys per participant are drawn from
 * `streams.patients` after their biomarkers, and U_(k,j) is a hash of the
 * keys and the counter 5k + j (two rounds of the lowbias32 mixer, Wellons
 * 2018), so only the uniforms a participant uses are computed, yet each is
 * fixed in advance (Salmon et al. 2011, counter-based random numbers). Only
 * randomisation uses `streams.allocation`.
 */
import type { ReplicateStreams } from '../../random/stream.js';
import { normalSampler } from '../../random/samplers.js';
import { Cohort } from '../../population/cohort.js';
import { biomarkerSampler, compilePopulation } from '../../population/biomarkers.js';
import { normalQuantile as normalQuantileFast } from '../../stats/normal-quantile.js';
import type { SequentialScenario } from './schema.js';
import { remissionProbability, type SequentialSetup } from './setup.js';

/** What happened to a participant at a level. */
export const RESULT = { notReached: 0, remitted: 1, droppedOut: 2, intolerant: 3, notRemitted: 4 } as const;

/** Uniforms per level: acceptable set, dropout, intolerance, remission, declining the next level. */
export const DRAWS_PER_LEVEL = 5;
export const DRAW = { set: 0, dropout: 1, intolerance: 2, remission: 3, decline: 4 } as const;

/**
 * The uniform on (0, 1) numbered `counter` of the participant with keys
 * (a, b): (mix32(mix32(a ^ (counter + 1) φ) ^ b) + 0.5) / 2^32, the two
 * rounds of the mixer written out (the same bits as mix32's; test/designs/
 * sequential/trial.test.ts), so that a call of this function makes no
 * further calls whose 32-bit results V8 would box.
 */
export function keyedUniform(a: number, b: number, counter: number): number {
  let x = a ^ Math.imul(counter + 1, 0x9e3779b9);
  x ^= x >>> 16; x = Math.imul(x, 0x7feb352d); x ^= x >>> 15; x = Math.imul(x, 0x846ca68b); x ^= x >>> 16;
  // mix32 returns x >>> 0; XOR with b reads it as the same 32 bits.
  x ^= b;
  x ^= x >>> 16; x = Math.imul(x, 0x7feb352d); x ^= x >>> 15; x = Math.imul(x, 0x846ca68b); x ^= x >>> 16;
  return ((x >>> 0) + 0.5) / 4294967296;
}

export class SequentialTrial {
  n = 0;
  readonly L: number;
  readonly cohort: Cohort;
  /** Each participant's two keys of their counter-based uniforms. */
  readonly keys: Uint32Array;
  /** Levels entered. */
  readonly reached: Int32Array;
  /** [i * L + k]: option, its acceptable-and-available mask, result, exit score. */
  readonly option: Int32Array;
  readonly eligible: Int32Array;
  readonly result: Uint8Array;
  readonly score: Float64Array;
  /** [i * L + k]: product of 1 / (randomisation probability) over levels 1..k+1. */
  readonly inverseProbability: Float64Array;
  /** Level of remission (-1 if none); 1 if the participant left between levels; 1 if relapsed. */
  readonly remitLevel: Int32Array;
  readonly declined: Uint8Array;
  readonly relapsed: Uint8Array;
  private readonly setCumulative: Float64Array[][];
  private readonly population;

  constructor(readonly s: SequentialScenario, readonly setup: SequentialSetup, readonly capacity: number) {
    const L = (this.L = setup.levels.length);
    this.cohort = new Cohort(capacity, s.population.biomarkers.length);
    this.keys = new Uint32Array(2 * capacity);
    this.reached = new Int32Array(capacity);
    this.option = new Int32Array(capacity * L);
    this.eligible = new Int32Array(capacity * L);
    this.result = new Uint8Array(capacity * L);
    this.score = new Float64Array(capacity * L);
    this.inverseProbability = new Float64Array(capacity * L);
    this.remitLevel = new Int32Array(capacity);
    this.declined = new Uint8Array(capacity);
    this.relapsed = new Uint8Array(capacity);
    this.population = compilePopulation(s.population);
    this.setCumulative = setup.levels.map((l) => l.setProbability.map((p) => {
      const c = new Float64Array(p.length);
      p.reduce((acc, x, m) => (c[m] = acc + x), 0);
      // Rounding must never pick a set of probability 0 (it may leave no option).
      let last = p.length - 1;
      while (last > 0 && p[last] === 0) last--;
      c.fill(1, last);
      return c;
    }));
  }

  /** The acceptable set (index) of a participant of profile g at level k, from uniform u. */
  setOf(k: number, g: number, u: number): number {
    const c = this.setCumulative[k][g];
    let m = 0;
    while (m < c.length - 1 && u >= c[m]) m++;
    return m;
  }

  run(streams: ReplicateStreams, size: number): this {
    // Every replicate starts each stratum's block from its members in order, so a replicate's
    // randomisation does not depend on the replicates run before it in this worker.
    for (const b of this.blocks.values()) { b.block.set(b.members); b.next = b.block.length; }
    const source = streams.patients;
    const allocation = streams.allocation;
    const draw = biomarkerSampler(this.population, source, normalSampler(source));
    this.n = size;
    for (let i = 0; i < size; i++) {
      draw(this.cohort, i);
      this.keys[2 * i] = source() * 4294967296;
      this.keys[2 * i + 1] = source() * 4294967296;
      this.follow(i, allocation);
    }
    return this;
  }

  /** The uniform `j` of level k of participant i. */
  uniform(i: number, k: number, j: number): number {
    return this.numbered(i, DRAWS_PER_LEVEL * k + j);
  }

  /**
   * Participant i's uniform numbered `counter`. `follow` calls this rather
   * than keyedUniform with the keys: V8 inlines only the first of its six
   * draws (its inlining budget is spent), and a call of keyedUniform boxed
   * both 32-bit keys as well as the result (1.4 MB of garbage a replicate,
   * 7% of a worker's time in the collector); this call passes two small
   * integers and boxes only the uniform.
   */
  private numbered(i: number, counter: number): number {
    return keyedUniform(this.keys[2 * i], this.keys[2 * i + 1], counter);
  }

  /** Moves participant i through the levels. */
  private follow(i: number, allocation: () => number): void {
    const { L, setup, cohort, result, option, score: scores } = this;
    const score = setup.design.score;
    const g = cohort.profile[i];
    this.remitLevel[i] = -1;
    this.declined[i] = 0;
    this.relapsed[i] = 0;
    for (let at = i * L; at < i * L + L; at++) { result[at] = RESULT.notReached; option[at] = -1; scores[at] = NaN; }
    let previous = 0;
    let inverse = 1;
    for (let k = 0; k < L; k++) {
      const level = setup.levels[k];
      const at = i * L + k, c = DRAWS_PER_LEVEL * k;
      this.reached[i] = k + 1;
      const eligible = level.setMasks[this.setOf(k, g, this.numbered(i, c))] & level.availableAfter[previous];
      const o = this.randomise(level.weight, eligible, allocation, k);
      option[at] = o;
      this.eligible[at] = eligible;
      inverse *= this.total / level.weight[o];
      this.inverseProbability[at] = inverse;
      if (level.dropout > 0 && this.numbered(i, c + DRAW.dropout) < level.dropout) { result[at] = RESULT.droppedOut; return; }
      if (level.intolerance[o] > 0 && this.numbered(i, c + DRAW.intolerance) < level.intolerance[o]) result[at] = RESULT.intolerant;
      else {
        const p = remissionProbability(setup, k, o, cohort, i);
        const u = this.numbered(i, c + DRAW.remission);
        if (score) scores[at] = score.threshold + score.sd * (normalQuantileFast(u) - normalQuantileFast(p));
        if (u < p) {
          result[at] = RESULT.remitted;
          this.remitLevel[i] = k;
          this.relapsed[i] = level.relapse > 0 && this.numbered(i, DRAWS_PER_LEVEL * L) < level.relapse ? 1 : 0;
          return;
        }
        result[at] = RESULT.notRemitted;
      }
      if (k < L - 1 && level.declineNext > 0 && this.numbered(i, c + DRAW.decline) < level.declineNext) { this.declined[i] = 1; return; }
      previous = o;
    }
  }

  private total = 0;

  /** Permuted blocks by (level, accepted set): the shuffled block and the next position in it. */
  private readonly blocks = new Map<number, { members: Int32Array; block: Int32Array; next: number }>();

  /** Draws an option among the mask's options with probability proportional to weight (simple or from the stratum's permuted block). */
  private randomise(weight: Float64Array, mask: number, allocation: () => number, level: number): number {
    let total = 0;
    let only = -1;
    let count = 0;
    for (let j = 0; mask >>> j; j++) if ((mask >>> j) & 1) { total += weight[j]; only = j; count++; }
    this.total = total;
    if (count === 1) return only;
    if (this.s.design.randomisation.method === 'permuted-block') return this.fromBlock(weight, mask, allocation, level);
    let x = allocation() * total;
    for (let j = 0; mask >>> j; j++) {
      if (!((mask >>> j) & 1)) continue;
      x -= weight[j];
      if (x < 0) return j;
    }
    return only;
  }

  /**
   * The next option of the (level, accepted set) stratum's permuted block:
   * each option `blocks` x its weight times, shuffled by Fisher-Yates when
   * the block is used up (Rosenberger & Lachin 2016, ch. 3). Marginally each
   * option is still drawn with probability weight / total, so the IPW weights hold.
   */
  private fromBlock(weight: Float64Array, mask: number, allocation: () => number, level: number): number {
    const key = level * 2 ** 32 + mask;
    let stratum = this.blocks.get(key);
    if (!stratum) {
      const members: number[] = [];
      for (let j = 0; mask >>> j; j++) if ((mask >>> j) & 1) for (let r = 0; r < weight[j] * this.s.design.randomisation.blocks; r++) members.push(j);
      stratum = { members: Int32Array.from(members), block: Int32Array.from(members), next: members.length };
      this.blocks.set(key, stratum);
    }
    const b = stratum.block;
    if (stratum.next === b.length) {
      for (let j = b.length - 1; j > 0; j--) {
        const r = Math.floor(allocation() * (j + 1));
        const t = b[j]; b[j] = b[r]; b[r] = t;
      }
      stratum.next = 0;
    }
    return b[stratum.next++];
  }
}

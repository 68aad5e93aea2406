/**
 * Exact expectations for one patient of known profile and covariates: the
 * design's flow over levels (entering, remitting, dropping out, moving on),
 * within-level comparison rates, and, for each embedded sequence, the
 * probability of remission if the patient followed it. Everything is a sum
 * over levels of products of the per-level probabilities (acceptable sets,
 * randomisation, dropout, intolerance, remission, declining), because the
 * patient's draws at different levels are independent given profile and
 * covariates. The truth averages these over patients (exactly over
 * profiles, or over a large virtual population when covariates matter).
 *
 * For a sequence d covering levels 1..ℓ, with s_k the probability of
 * reaching level k under d, r_k = (1-dropout)(1-intolerance)p_k of remitting
 * there, β_k = P(d_k acceptable and available) and γ_k = E[1(acceptable) π(d_k)]
 * (the probability of being given d_k), the per-level terms
 *   T_k = s_k r_k Π_{j<=k} β_j,   U_k = P(stop at k) Π_{j<=k} β_j,
 *   D_k = s_k Π_{j<k} γ_j (at risk for d at level k),   DA_k = D_k β_k
 * give E[Y^d] = Σ_k s_k r_k (everyone follows d), the expected share
 * consistent with d, Σ_k P(stop at k) Π_{j<=k} γ_j, and the limits of the
 * IPW estimators (ipw.ts): with randomisation weights Σ T_k / Σ U_k, the
 * value among those who would accept d at every level they reach; with
 * acceptance-adjusted weights, α_k = E[DA_k] / E[D_k] and
 * Σ_k E[T_k] / Π_{j<=k} α_j over Σ_k E[U_k] / Π_{j<=k} α_j.
 */
import type { Cohort } from '../../population/cohort.js';
import { normalQuantile as normalQuantileFast } from '../../stats/normal-quantile.js';
import { remissionProbability, type SequentialSetup, type SequenceSetup } from './setup.js';

/** Per-level slots of the expectation vector. */
/** Slot 0 holds the unit's own weight (1), so values per cell can be normalised by the cell's share. */
export const MASS_SLOT = 0;
export const LEVEL_SLOTS = ['enter', 'remit', 'drop', 'intolerant', 'decline', 'assessed', 'scoreSum', 'relapse', 'remitIfNoDropout'] as const;
export const COMPARISON_SLOTS = 4;
export const SEQUENCE_SLOTS = ['all', 'consistent'] as const;
export const SEQUENCE_LEVEL_SLOTS = ['T', 'U', 'D', 'DA'] as const;

export interface SlotMap {
  size: number;
  level(k: number, slot: (typeof LEVEL_SLOTS)[number]): number;
  option(k: number, o: number): number;
  comparison(c: number): number;
  sequence(q: number, slot: (typeof SEQUENCE_SLOTS)[number]): number;
  sequenceLevel(q: number, k: number, slot: (typeof SEQUENCE_LEVEL_SLOTS)[number]): number;
}

export function slotMap(setup: SequentialSetup, sequences: SequenceSetup[]): SlotMap {
  const L = setup.levels.length;
  const optionStart: number[] = [];
  let at = 1 + LEVEL_SLOTS.length * L;
  for (const l of setup.levels) { optionStart.push(at); at += l.optionIds.length; }
  const comparisons = at;
  const seq = comparisons + COMPARISON_SLOTS * setup.comparisons.length;
  const per = SEQUENCE_SLOTS.length + SEQUENCE_LEVEL_SLOTS.length * L;
  return {
    size: seq + per * sequences.length,
    level: (k, slot) => 1 + k * LEVEL_SLOTS.length + LEVEL_SLOTS.indexOf(slot),
    option: (k, o) => optionStart[k] + o,
    comparison: (c) => comparisons + COMPARISON_SLOTS * c,
    sequence: (q, slot) => seq + per * q + SEQUENCE_SLOTS.indexOf(slot),
    sequenceLevel: (q, k, slot) => seq + per * q + SEQUENCE_SLOTS.length + SEQUENCE_LEVEL_SLOTS.length * k + SEQUENCE_LEVEL_SLOTS.indexOf(slot),
  };
}

export function buildRecursion(setup: SequentialSetup, sequences: SequenceSetup[], slots: SlotMap) {
  const levels = setup.levels;
  const L = levels.length;
  const score = setup.design.score;
  const p = levels.map((l) => new Float64Array(l.optionIds.length));
  const maxOptions = Math.max(...levels.map((l) => l.optionIds.length));
  let mass = new Float64Array(maxOptions), next = new Float64Array(maxOptions);

  /** Total randomisation weight of a mask. */
  const totalWeight = (weight: Float64Array, mask: number) => {
    let w = 0;
    for (let j = 0; mask >>> j; j++) if ((mask >>> j) & 1) w += weight[j];
    return w;
  };

  function flow(v: Float64Array, g: number, noDropout: boolean): void {
    mass.fill(0); mass[0] = 1;
    for (let k = 0; k < L; k++) {
      const l = levels[k];
      const drop = noDropout ? 0 : l.dropout, decline = noDropout ? 0 : l.declineNext;
      next.fill(0);
      const sets = l.setProbability[g];
      for (let prev = 0; prev < l.availableAfter.length; prev++) {
        const m = mass[prev];
        if (m === 0) continue;
        if (!noDropout) v[slots.level(k, 'enter')] += m;
        for (let s = 0; s < sets.length; s++) {
          if (sets[s] === 0) continue;
          const eligible = l.setMasks[s] & l.availableAfter[prev];
          const W = totalWeight(l.weight, eligible);
          for (let o = 0; eligible >>> o; o++) {
            if (!((eligible >>> o) & 1)) continue;
            const x = m * sets[s] * l.weight[o] / W;
            const stay = x * (1 - drop), tolerant = stay * (1 - l.intolerance[o]), remit = tolerant * p[k][o];
            const fail = stay - remit;
            if (noDropout) v[slots.level(k, 'remitIfNoDropout')] += remit;
            else {
              v[slots.option(k, o)] += x;
              v[slots.level(k, 'drop')] += x * drop;
              v[slots.level(k, 'intolerant')] += stay * l.intolerance[o];
              v[slots.level(k, 'remit')] += remit;
              v[slots.level(k, 'assessed')] += tolerant;
              if (score) v[slots.level(k, 'scoreSum')] += tolerant * (score.threshold - score.sd * normalQuantileFast(p[k][o]));
              v[slots.level(k, 'relapse')] += remit * l.relapse;
              if (k < L - 1) v[slots.level(k, 'decline')] += fail * decline;
              compare(v, k, eligible, o, x, remit / x);
            }
            if (k < L - 1) next[o] += fail * (1 - decline);
          }
        }
      }
      [mass, next] = [next, mass];
    }
  }

  /** Adds the share given option o (and its remissions) to every comparison at level k it belongs to. */
  function compare(v: Float64Array, k: number, eligible: number, o: number, x: number, rate: number): void {
    setup.comparisons.forEach((c, ci) => {
      const both = c.masks[0] | c.masks[1];
      if (c.level !== k || (eligible & both) !== both) return;
      const side = (c.masks[0] >>> o) & 1 ? 0 : (c.masks[1] >>> o) & 1 ? 2 : -1;
      if (side < 0) return;
      v[slots.comparison(ci) + side] += x * rate;
      v[slots.comparison(ci) + side + 1] += x;
    });
  }

  function sequence(v: Float64Array, g: number, q: number): void {
    const d = sequences[q].options;
    let reach = 1, accepted = 1, consistent = 1, prev = 0;
    for (let k = 0; k < d.length; k++) {
      const l = levels[k], o = d[k], sets = l.setProbability[g];
      let beta = 0, gamma = 0;
      for (let s = 0; s < sets.length; s++) {
        const eligible = l.setMasks[s] & l.availableAfter[prev];
        if (sets[s] === 0 || !((eligible >>> o) & 1)) continue;
        beta += sets[s];
        gamma += sets[s] * l.weight[o] / totalWeight(l.weight, eligible);
      }
      const atRisk = reach * consistent;
      v[slots.sequenceLevel(q, k, 'D')] += atRisk;
      v[slots.sequenceLevel(q, k, 'DA')] += atRisk * beta;
      accepted *= beta; consistent *= gamma;
      const tolerant = (1 - l.dropout) * (1 - l.intolerance[o]);
      const remit = tolerant * p[k][o];
      const onward = k < d.length - 1 ? (1 - l.dropout - remit) * (1 - l.declineNext) : 0;
      const stop = reach * (1 - onward);
      v[slots.sequence(q, 'all')] += reach * remit;
      v[slots.sequenceLevel(q, k, 'T')] += reach * remit * accepted;
      v[slots.sequenceLevel(q, k, 'U')] += stop * accepted;
      v[slots.sequence(q, 'consistent')] += stop * consistent;
      reach *= onward;
      prev = o;
    }
  }

  return {
    /** Writes the expectations of patient i of the cohort into v (zeroed first). */
    unit(c: Cohort, i: number, v: Float64Array): void {
      v.fill(0);
      v[MASS_SLOT] = 1;
      for (let k = 0; k < L; k++) for (let o = 0; o < p[k].length; o++) p[k][o] = remissionProbability(setup, k, o, c, i);
      const g = setup.profileIds.length ? c.profile[i] : 0;
      flow(v, g, false);
      flow(v, g, true);
      for (let q = 0; q < sequences.length; q++) sequence(v, g, q);
    },
  };
}

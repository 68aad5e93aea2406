/**
 * Exact operating characteristics: the same statistics as the accumulator
 * (accumulator.ts), but each record carries the probability of the outcome
 * that produced it instead of counting once. A design that can enumerate its
 * outcomes (every response vector of a small basket trial, with its binomial
 * probability) feeds each outcome's record here with that probability; the
 * sums are then expectations, not Monte Carlo estimates, and the summary
 * (summarise.ts, `exact`) reports them without Monte Carlo errors.
 *
 * Every count of the accumulator becomes a probability mass: `replicates` is
 * the total mass (1 when the enumeration is complete), a hypothesis's
 * rejections the probability of rejecting it. A design may enumerate its
 * outcomes in parts (one per analysis, one per randomised basket) whose
 * records fill disjoint slots of the layout: a part adds only its own slots,
 * and only families whose members all belong to one part get their joint
 * rejection patterns (a family spanning parts would need the joint
 * distribution of the parts, which no part enumerates).
 *
 * Sums are compensated (Neumaier 1974: the rounding error of each addition
 * is carried), accurate to a few units in the last place of the total over
 * millions of outcomes; the enumeration visits outcomes in a fixed order, so
 * the result is reproducible to the last digit.
 */
import type { ExactSlots, ReplicateLayout, ReplicateRecord } from '../designs/types.js';
import { countedFamilies, benefitSigns } from './accumulator.js';

/** A sum that summarise() reads with value(). */
interface Sum { value(): number }

/** What summarise() and summariseFamilies() read of an accumulator, counted or weighted. */
import type { QuantileSketch } from '../stats/quantile-sketch.js';

export interface Tally {
  readonly replicates: number;
  readonly rejections: readonly number[];
  readonly wrongDirection: readonly number[];
  readonly centres: Float64Array;
  /** sketch: the distribution of a simulated estimate or metric (absent from an exact tally). */
  readonly est: readonly { n: number; sum: Sum; sumSq: Sum; seSumSq: Sum; withSe: number; covered: number; withInterval: number; sketch?: QuantileSketch | null }[];
  readonly met: readonly { sum: Sum; sumSq: Sum; min: number; max: number; sketch?: QuantileSketch | null }[];
  readonly warnings: readonly number[];
  readonly families: readonly { id: string; members: number[]; patterns: Map<number, number> }[];
  readonly selections: readonly Map<number, number>[];
  /** True when every count is a probability and the summary is exact. */
  readonly exact?: boolean;
}

/** The rounding error of t = s + x (Neumaier's step: the smaller addend's lost low part). */
function roundingError(s: number, x: number, t: number): number {
  return Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
}

/** Compensated sums in slots: value(i) = sum[i] + carry[i]. */
class Sums {
  readonly sum: Float64Array;
  readonly carry: Float64Array;
  constructor(size: number) {
    this.sum = new Float64Array(size);
    this.carry = new Float64Array(size);
  }
  add(i: number, x: number): void {
    const s = this.sum[i];
    const t = s + x;
    this.carry[i] += roundingError(s, x, t);
    this.sum[i] = t;
  }
  value(i: number): number {
    return this.sum[i] + this.carry[i];
  }
  /** Slot i as what summarise() reads. */
  at(i: number): Sum {
    return { value: () => this.value(i) };
  }
  values(): number[] {
    return Array.from(this.sum, (_, i) => this.value(i));
  }
  /** Adds another accumulator's sums slot by slot (its sum compensated, its carry to this carry). */
  merge(other: { sum: ArrayLike<number>; carry: ArrayLike<number> }): void {
    for (let i = 0; i < this.sum.length; i++) {
      this.add(i, other.sum[i]);
      this.carry[i] += other.carry[i];
    }
  }
}

/** A weighted accumulator's sums as plain data (what a thread of an exact run sends back). */
export interface WeightedState {
  sums: { sum: Float64Array; carry: Float64Array }[];
  metMin: Float64Array;
  metMax: Float64Array;
  /** Per family: [mask, sum, carry] of each rejection pattern, in the order first met. */
  families: [number, number, number][][];
}

/** One part's slots as typed arrays (the hot loop reads them for every outcome). */
interface PartSlots { hypotheses: Int32Array; estimates: Int32Array; metrics: Int32Array }

/** Accumulates weighted records part by part; `tally()` gives what summarise() reads. */
export class WeightedAccumulator {
  private readonly rejections: Sums;
  private readonly wrongDirection: Sums;
  /** Per estimate: probability of a finite estimate, Σ w d, Σ w d², Σ w se², P(finite se), P(interval), P(covered). */
  private readonly estN: Sums;
  private readonly estSum: Sums;
  private readonly estSumSq: Sums;
  private readonly estSeSq: Sums;
  private readonly estWithSe: Sums;
  private readonly estWithInterval: Sums;
  private readonly estCovered: Sums;
  private readonly metSum: Sums;
  private readonly metSumSq: Sums;
  private readonly metMin: Float64Array;
  private readonly metMax: Float64Array;
  private readonly families: { id: string; members: number[]; part: number; patterns: Map<number, number>; carry: Map<number, number> }[];
  private readonly benefitSign: Int8Array;
  private readonly estimateOf: Int32Array;
  private readonly partMass: Sums;
  private readonly slots: PartSlots[];

  /**
   * @param parts the slots each part writes (disjoint)
   * @param centres true value of each estimate (NaN if unknown)
   */
  constructor(private readonly layout: ReplicateLayout, readonly centres: Float64Array, parts: readonly ExactSlots[]) {
    const H = layout.hypotheses.length;
    const E = layout.estimates.length;
    const M = layout.metrics.length;
    this.rejections = new Sums(H);
    this.wrongDirection = new Sums(H);
    this.estimateOf = Int32Array.from(layout.hypotheses, (h) => layout.estimates.findIndex((e) => e.id === h.estimand));
    this.benefitSign = benefitSigns(layout, this.estimateOf);
    [this.estN, this.estSum, this.estSumSq, this.estSeSq, this.estWithSe, this.estWithInterval, this.estCovered] = Array.from({ length: 7 }, () => new Sums(E));
    this.metSum = new Sums(M);
    this.metSumSq = new Sums(M);
    this.metMin = new Float64Array(M).fill(Infinity);
    this.metMax = new Float64Array(M).fill(-Infinity);
    this.partMass = new Sums(parts.length);
    this.slots = parts.map((p) => ({ hypotheses: Int32Array.from(p.hypotheses), estimates: Int32Array.from(p.estimates), metrics: Int32Array.from(p.metrics) }));
    this.families = countedFamilies(layout).flatMap((f) => {
      const part = parts.findIndex((p) => f.members.every((m) => p.hypotheses.includes(m)));
      return part < 0 ? [] : [{ ...f, part, patterns: new Map<number, number>(), carry: new Map<number, number>() }];
    });
  }

  /** Adds the record of one outcome of part `part`, with its probability. */
  add(part: number, r: ReplicateRecord, w: number): void {
    if (w === 0) return;
    const slots = this.slots[part];
    this.partMass.add(part, w);
    const hs = slots.hypotheses;
    for (let i = 0; i < hs.length; i++) {
      const h = hs[i];
      if (!r.rejected[h]) continue;
      this.rejections.add(h, w);
      if (this.benefitSign[h] !== 0 && this.benefitSign[h] * r.estimate[this.estimateOf[h]] < 0) this.wrongDirection.add(h, w);
    }
    const es = slots.estimates;
    for (let i = 0; i < es.length; i++) {
      const e = es[i];
      const x = r.estimate[e];
      if (!Number.isFinite(x)) continue;
      const centre = this.centres[e];
      const known = Number.isFinite(centre);
      const d = x - (known ? centre : 0);
      this.estN.add(e, w);
      this.estSum.add(e, w * d);
      this.estSumSq.add(e, w * d * d);
      const se = r.se[e];
      if (Number.isFinite(se)) { this.estWithSe.add(e, w); this.estSeSq.add(e, w * se * se); }
      if (known && Number.isFinite(r.lower[e]) && Number.isFinite(r.upper[e])) {
        this.estWithInterval.add(e, w);
        if (r.lower[e] <= centre && centre <= r.upper[e]) this.estCovered.add(e, w);
      }
    }
    const ms = slots.metrics;
    for (let i = 0; i < ms.length; i++) {
      const m = ms[i];
      const x = r.metric[m];
      this.metSum.add(m, w * x);
      this.metSumSq.add(m, w * x * x);
      if (x < this.metMin[m]) this.metMin[m] = x;
      if (x > this.metMax[m]) this.metMax[m] = x;
    }
    for (const f of this.families) {
      if (f.part !== part) continue;
      let mask = 0;
      for (let i = 0; i < f.members.length; i++) if (r.rejected[f.members[i]]) mask |= 1 << i;
      mask >>>= 0;
      const s = f.patterns.get(mask) ?? 0;
      const t = s + w;
      f.carry.set(mask, (f.carry.get(mask) ?? 0) + roundingError(s, w, t));
      f.patterns.set(mask, t);
    }
  }

  /** Every sum in a fixed order (state() and merge() walk them alike). */
  private allSums(): Sums[] {
    return [
      this.rejections, this.wrongDirection, this.estN, this.estSum, this.estSumSq, this.estSeSq, this.estWithSe,
      this.estWithInterval, this.estCovered, this.metSum, this.metSumSq, this.partMass,
    ];
  }

  /** The sums so far, for merge() into another accumulator of the same layout and parts. */
  state(): WeightedState {
    return {
      sums: this.allSums().map((s) => ({ sum: s.sum, carry: s.carry })),
      metMin: this.metMin, metMax: this.metMax,
      families: this.families.map((f) => [...f.patterns].map(([mask, sum]): [number, number, number] => [mask, sum, f.carry.get(mask) ?? 0])),
    };
  }

  /**
   * Adds the outcomes another accumulator visited. Merging the same states in
   * the same order gives the same sums to the last bit, whichever threads
   * computed them (run/exact.ts merges shares in share order).
   */
  merge(other: WeightedState): void {
    this.allSums().forEach((s, i) => s.merge(other.sums[i]));
    for (let m = 0; m < this.metMin.length; m++) {
      if (other.metMin[m] < this.metMin[m]) this.metMin[m] = other.metMin[m];
      if (other.metMax[m] > this.metMax[m]) this.metMax[m] = other.metMax[m];
    }
    this.families.forEach((f, i) => {
      for (const [mask, w, carry] of other.families[i]) {
        const s = f.patterns.get(mask) ?? 0;
        const t = s + w;
        f.carry.set(mask, (f.carry.get(mask) ?? 0) + roundingError(s, w, t) + carry);
        f.patterns.set(mask, t);
      }
    });
  }

  /** Total probability each part has visited (1 when its enumeration is complete). */
  partMasses(): number[] {
    return this.partMass.values();
  }

  /** The exact tally: expectations in place of counts, total mass 1 per part. */
  tally(): Tally {
    const withSe = this.estWithSe.values();
    const withInterval = this.estWithInterval.values();
    const covered = this.estCovered.values();
    return {
      exact: true,
      replicates: 1,
      rejections: this.rejections.values(),
      wrongDirection: this.wrongDirection.values(),
      centres: this.centres,
      est: this.layout.estimates.map((_, e) => ({
        n: this.estN.value(e), sum: this.estSum.at(e), sumSq: this.estSumSq.at(e), seSumSq: this.estSeSq.at(e),
        withSe: withSe[e], covered: covered[e], withInterval: withInterval[e],
      })),
      met: this.layout.metrics.map((_, m) => ({ sum: this.metSum.at(m), sumSq: this.metSumSq.at(m), min: this.metMin[m], max: this.metMax[m] })),
      warnings: this.layout.warnings.map(() => 0),
      families: this.families.map((f) => ({ id: f.id, members: f.members, patterns: new Map([...f.patterns].map(([k, v]) => [k, v + (f.carry.get(k) ?? 0)])) })),
      selections: (this.layout.selections ?? []).map(() => new Map()),
    };
  }
}

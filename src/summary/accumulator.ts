/**
 * Mergeable per-run statistics of replicate results. Every sum is an exact
 * sum (stats/exact-sum), so merging the accumulators of any split of the
 * replicates, in any order, gives bit-identical totals: the summary does not
 * depend on workers, chunk size or shards.
 */
import { ExactSum } from '../stats/exact-sum.js';
import { QuantileSketch, type SketchState } from '../stats/quantile-sketch.js';
import type { ReplicateLayout, ReplicateRecord } from '../designs/types.js';

/** Plain-data form of an accumulator, for postMessage and shard files. */
export interface AccumulatorState {
  replicates: number;
  rejections: number[];
  estimates: EstimateState[];
  /** distribution: that of a metric with a unit (sample size, duration, events), for its ECDF (`sketch` in states written before). */
  metrics: { sum: number[]; sumSq: number[]; min: number; max: number; distribution?: SketchState; sketch?: SketchState }[];
  warnings: number[];
  /** Per family of two or more hypotheses: replicates by rejection pattern ("0101": which were rejected), sorted by pattern. */
  families?: [string, number][][];
  /** Per declared selection: replicates by the layout index of the selected hypothesis (-1: none), sorted. */
  selections?: [number, number][][];
  /** Per hypothesis with a known better direction: rejections whose estimate lies on the harmful side. */
  wrongDirection?: number[];
}

/** Most hypotheses in a family whose joint rejection patterns are counted (patterns are bit masks). */
export const MAX_FAMILY_SIZE = 30;

/**
 * The families whose joint rejections are counted: hypotheses grouped by
 * `family`, in order of first appearance, where a family has 2 to
 * MAX_FAMILY_SIZE members. Family-wise error, disjunctive and conjunctive
 * power are functions of the joint pattern, and which nulls are true is only
 * known once the truth is, so the pattern counts are what is kept.
 */
export function countedFamilies(layout: ReplicateLayout): { id: string; members: number[] }[] {
  const byId = new Map<string, number[]>();
  layout.hypotheses.forEach((h, k) => {
    const members = byId.get(h.family) ?? [];
    members.push(k);
    byId.set(h.family, members);
  });
  return [...byId].filter(([, m]) => m.length >= 2 && m.length <= MAX_FAMILY_SIZE).map(([id, members]) => ({ id, members }));
}

const patternKey = (mask: number, size: number): string => {
  let key = '';
  for (let i = 0; i < size; i++) key += (mask >>> i) & 1 ? '1' : '0';
  return key;
};
const patternMask = (key: string): number => {
  let mask = 0;
  for (let i = 0; i < key.length; i++) if (key[i] === '1') mask |= 1 << i;
  return mask >>> 0;
};

function addCount<K>(map: Map<K, number>, key: K, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

interface EstimateState {
  /** Replicates with a finite estimate. */
  n: number;
  /** Σ (estimate - centre), Σ (estimate - centre)², Σ se, Σ se² as exact-sum partials. */
  sum: number[];
  sumSq: number[];
  seSum: number[];
  seSumSq: number[];
  /** Replicates with a finite model-based standard error. */
  withSe: number;
  /** Replicates whose interval covers the centre (the true value). */
  covered: number;
  /** Replicates with a finite interval. */
  withInterval: number;
  /** The estimates' distribution, for its empirical quantiles (absent in states written before it was kept). */
  distribution?: SketchState;
  /**
   * The same, as states were written before the sketch's state held its
   * values in two lists (still read). The key changed with the form so that
   * an older trialsim reading a newer state finds no sketch and leaves the
   * quantiles unknown, rather than misreading it.
   */
  sketch?: SketchState;
}

/**
 * Estimates and SEs beyond ±1e150 count as not estimable, like non-finite
 * ones: such a value is a ratio whose denominator vanished to double
 * precision (e.g. an instrumental-variable estimate with a variant no
 * patient carries), and its square, summed over up to 1e8 replicates, would
 * leave the double range.
 */
const SUMMABLE_LIMIT = 1e150;
const summable = (x: number): boolean => Math.abs(x) <= SUMMABLE_LIMIT;

export class Accumulator {
  replicates = 0;
  readonly rejections: number[];
  /** Rejections with the estimate on the harmful side (counted where the design says which side is better). */
  readonly wrongDirection: number[];
  /** Per hypothesis: +1 / -1 when higher / lower estimates are better, 0 when unknown; and its estimate's slot. */
  private readonly benefitSign: Int8Array;
  private readonly estimateOf: Int32Array;
  readonly est: { n: number; sum: ExactSum; sumSq: ExactSum; seSum: ExactSum; seSumSq: ExactSum; withSe: number; covered: number; withInterval: number; sketch: QuantileSketch | null }[];
  /** A metric's sketch is kept when it has a unit: sample sizes, durations and counts, whose distribution the report draws. */
  readonly met: { sum: ExactSum; sumSq: ExactSum; min: number; max: number; sketch: QuantileSketch | null }[];
  readonly warnings: number[];
  /** Joint rejection patterns (bit masks over the family's members) and their counts. */
  readonly families: { id: string; members: number[]; patterns: Map<number, number> }[];
  /** Counts of the selected hypothesis (layout index, -1 none) per declared selection. */
  readonly selections: Map<number, number>[];

  /** Whether each metric keeps a sketch (it has a unit). */
  private readonly metricSketched: boolean[];

  /** @param centres the true value of each estimate (NaN if unknown: then nothing is centred and coverage is not counted). */
  constructor(layout: ReplicateLayout, readonly centres: Float64Array) {
    this.metricSketched = layout.metrics.map((m) => m.unit !== undefined);
    this.rejections = layout.hypotheses.map(() => 0);
    this.wrongDirection = layout.hypotheses.map(() => 0);
    this.estimateOf = Int32Array.from(layout.hypotheses, (h) => layout.estimates.findIndex((e) => e.id === h.estimand));
    this.benefitSign = benefitSigns(layout, this.estimateOf);
    this.est = layout.estimates.map(() => ({ n: 0, sum: new ExactSum(), sumSq: new ExactSum(), seSum: new ExactSum(), seSumSq: new ExactSum(), withSe: 0, covered: 0, withInterval: 0, sketch: new QuantileSketch() }));
    this.met = layout.metrics.map((_, m) => ({ sum: new ExactSum(), sumSq: new ExactSum(), min: Infinity, max: -Infinity, sketch: this.metricSketched[m] ? new QuantileSketch() : null }));
    this.warnings = layout.warnings.map(() => 0);
    this.families = countedFamilies(layout).map((f) => ({ ...f, patterns: new Map() }));
    this.selections = (layout.selections ?? []).map(() => new Map());
  }

  /**
   * Back to no replicates, keeping the storage: a worker clears one
   * accumulator chunk after chunk rather than building one per chunk (the
   * sketches' tables would grow again each time).
   */
  clear(): void {
    this.replicates = 0;
    this.rejections.fill(0);
    this.wrongDirection.fill(0);
    for (const s of this.est) {
      s.n = 0; s.withSe = 0; s.covered = 0; s.withInterval = 0;
      s.sum.clear(); s.sumSq.clear(); s.seSum.clear(); s.seSumSq.clear();
      if (s.sketch) s.sketch.clear(); else s.sketch = new QuantileSketch();
    }
    this.met.forEach((s, m) => {
      s.sum.clear(); s.sumSq.clear();
      s.min = Infinity; s.max = -Infinity;
      if (s.sketch) s.sketch.clear(); else if (this.metricSketched[m]) s.sketch = new QuantileSketch();
    });
    this.warnings.fill(0);
    for (const f of this.families) f.patterns.clear();
    for (const c of this.selections) c.clear();
  }

  add(r: ReplicateRecord): void {
    this.replicates++;
    for (let h = 0; h < this.rejections.length; h++) {
      if (!r.rejected[h]) continue;
      this.rejections[h]++;
      if (this.benefitSign[h] !== 0 && this.benefitSign[h] * r.estimate[this.estimateOf[h]] < 0) this.wrongDirection[h]++;
    }
    for (let e = 0; e < this.est.length; e++) {
      const x = r.estimate[e];
      if (!summable(x)) continue;
      const s = this.est[e];
      const centre = Number.isFinite(this.centres[e]) ? this.centres[e] : 0;
      const d = x - centre;
      if (!summable(d)) continue;
      s.n++;
      s.sketch?.add(x);
      s.sum.add(d);
      s.sumSq.add(d * d);
      if (summable(r.se[e])) { s.withSe++; s.seSum.add(r.se[e]); s.seSumSq.add(r.se[e] * r.se[e]); }
      if (Number.isFinite(r.lower[e]) && Number.isFinite(r.upper[e]) && Number.isFinite(this.centres[e])) {
        s.withInterval++;
        if (r.lower[e] <= centre && centre <= r.upper[e]) s.covered++;
      }
    }
    for (let m = 0; m < this.met.length; m++) {
      const x = r.metric[m];
      const s = this.met[m];
      s.sum.add(x); s.sumSq.add(x * x);
      if (summable(x)) s.sketch?.add(x);
      if (x < s.min) s.min = x;
      if (x > s.max) s.max = x;
    }
    for (let w = 0; w < this.warnings.length; w++) this.warnings[w] += r.warning[w];
    for (const f of this.families) {
      let mask = 0;
      for (let i = 0; i < f.members.length; i++) if (r.rejected[f.members[i]]) mask |= 1 << i;
      addCount(f.patterns, mask >>> 0, 1);
    }
    for (let c = 0; c < this.selections.length; c++) addCount(this.selections[c], r.selected[c], 1);
  }

  merge(o: AccumulatorState): void {
    this.replicates += o.replicates;
    o.rejections.forEach((x, h) => (this.rejections[h] += x));
    o.wrongDirection?.forEach((x, h) => (this.wrongDirection[h] += x));
    o.estimates.forEach((x, e) => {
      const s = this.est[e];
      s.n += x.n; s.withSe += x.withSe; s.covered += x.covered; s.withInterval += x.withInterval;
      s.sum.merge({ partials: x.sum }); s.sumSq.merge({ partials: x.sumSq });
      s.seSum.merge({ partials: x.seSum }); s.seSumSq.merge({ partials: x.seSumSq });
      // A state without a sketch (written by an older version) leaves the quantiles unknown rather than partial.
      const sketch = x.distribution ?? x.sketch;
      if (sketch && s.sketch) s.sketch.merge(sketch); else s.sketch = null;
    });
    o.metrics.forEach((x, m) => {
      const s = this.met[m];
      s.sum.merge({ partials: x.sum }); s.sumSq.merge({ partials: x.sumSq });
      s.min = Math.min(s.min, x.min); s.max = Math.max(s.max, x.max);
      const sketch = x.distribution ?? x.sketch;
      if (sketch && s.sketch) s.sketch.merge(sketch); else s.sketch = null;
    });
    o.warnings.forEach((x, w) => (this.warnings[w] += x));
    o.families?.forEach((patterns, f) => { for (const [key, n] of patterns) addCount(this.families[f].patterns, patternMask(key), n); });
    o.selections?.forEach((counts, c) => { for (const [k, n] of counts) addCount(this.selections[c], k, n); });
  }

  state(): AccumulatorState {
    return {
      replicates: this.replicates,
      rejections: [...this.rejections],
      ...(this.benefitSign.some((x) => x !== 0) ? { wrongDirection: [...this.wrongDirection] } : {}),
      estimates: this.est.map((s) => ({
        n: s.n, withSe: s.withSe, covered: s.covered, withInterval: s.withInterval,
        sum: [...s.sum.partials], sumSq: [...s.sumSq.partials], seSum: [...s.seSum.partials], seSumSq: [...s.seSumSq.partials],
        ...(s.sketch ? { distribution: s.sketch.state() } : {}),
      })),
      metrics: this.met.map((s) => ({ sum: [...s.sum.partials], sumSq: [...s.sumSq.partials], min: s.min, max: s.max, ...(s.sketch ? { distribution: s.sketch.state() } : {}) })),
      warnings: [...this.warnings],
      ...(this.families.length > 0 ? {
        families: this.families.map((f) => [...f.patterns].sort((a, b) => a[0] - b[0]).map(([mask, n]): [string, number] => [patternKey(mask, f.members.length), n])),
      } : {}),
      ...(this.selections.length > 0 ? { selections: this.selections.map((m) => [...m].sort((a, b) => a[0] - b[0])) } : {}),
    };
  }
}

/**
 * Per hypothesis: +1 / -1 when higher / lower estimates are better and a
 * rejection could be for harm (a two-sided test with an estimate), else 0.
 */
export function benefitSigns(layout: ReplicateLayout, estimateOf: ArrayLike<number>): Int8Array {
  return Int8Array.from(layout.hypotheses, (h, k) => (estimateOf[k] < 0 || h.oneSided ? 0 : h.better === 'higher' ? 1 : h.better === 'lower' ? -1 : 0));
}

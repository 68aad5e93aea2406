/**
 * The quantile sketch against exact order statistics: every quantile of a
 * data set lies within the relative accuracy of the value at its rank
 * (exactly the value when there are few distinct values);
 * merging the sketches of any split gives the same state as one sketch of
 * all the data; a range of proportions stays inside [0, 1].
 */
import { describe, it, expect } from 'vitest';
import { QuantileSketch, SKETCH_ACCURACY } from '../../src/stats/quantile-sketch.js';
import { mulberry32 } from '../helpers/mulberry32.js';

function sample(n: number, seed: number, draw: (u: number) => number): number[] {
  const u = mulberry32(seed);
  return Array.from({ length: n }, () => draw(u()));
}
/** The symmetric order statistic: rank ⌊q (n − 1)⌋ up to the median, ⌈q (n − 1)⌉ above. */
const exactAt = (sorted: number[], q: number) => sorted[q <= 0.5 ? Math.floor(q * (sorted.length - 1)) : Math.ceil(q * (sorted.length - 1) - 1e-9)];

describe('the quantile sketch', () => {
  const datasets: [string, number[]][] = [
    ['normal around 0 (both signs)', sample(20_000, 1, (u) => Math.sqrt(-2 * Math.log(u)) * Math.cos(6.283185307179586 * u * 7.1))],
    ['log-normal, wide range', sample(20_000, 2, (u) => Math.exp(8 * (u - 0.5)))],
    ['proportions with ties at 0 and 1', sample(5_000, 3, (u) => (u < 0.1 ? 0 : u > 0.95 ? 1 : Math.round(u * 40) / 40))],
  ];

  it.each(datasets)('%s: each quantile is within the relative accuracy of the value at its rank', (_name, data) => {
    const s = new QuantileSketch();
    data.forEach((x) => s.add(x));
    const sorted = [...data].sort((a, b) => a - b);
    for (const q of [0, 0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975, 1]) {
      const exact = exactAt(sorted, q), got = s.quantile(q)!;
      expect(Math.abs(got - exact)).toBeLessThanOrEqual(SKETCH_ACCURACY * Math.abs(exact) + 1e-12);
    }
  });

  it.each([...datasets, ['few distinct values (exact)', sample(3000, 4, (u) => 100 * (1 + Math.floor(u * 10)))] as [string, number[]]])(
    '%s: quantiles(qs) gives each quantile a walk over the ordered buckets gives, in any order of qs', (_name, data) => {
      const s = new QuantileSketch();
      data.forEach((x) => s.add(x));
      const buckets = s.buckets();
      /** The value of the first bucket holding more than `rank` values up to it. */
      const walk = (q: number) => {
        const at = q * (s.count - 1), rank = q <= 0.5 ? Math.floor(at) : Math.ceil(at - 1e-9);
        let seen = 0;
        for (const [value, n] of buckets) if ((seen += n) > rank) return value;
        return null;
      };
      const qs = [0.975, 0, 0.5, 0.025, 1, ...Array.from({ length: 101 }, (_, j) => j / 100), 0.3333];
      expect(s.quantiles(qs)).toEqual(qs.map(walk));
      expect(new QuantileSketch().quantiles([0.5, 0.9])).toEqual([null, null]);
    });

  it('keeps few distinct values exactly: the quantiles of sample sizes are order statistics', () => {
    const data = sample(3000, 4, (u) => 100 * (1 + Math.floor(u * 10)));
    const s = new QuantileSketch();
    data.forEach((x) => s.add(x));
    const sorted = [...data].sort((a, b) => a - b);
    expect(s.isExact).toBe(true);
    for (const q of [0, 0.01, 0.3, 0.5, 0.99, 1]) expect(s.quantile(q)).toBe(exactAt(sorted, q));
  });

  it.each([[0], [2]])('merging the sketches of a split gives the state of one sketch of all the data, in either order (dataset %s)', (d) => {
    const data = d === 0 ? datasets[0][1] : datasets[2][1];
    const whole = new QuantileSketch(), a = new QuantileSketch(), b = new QuantileSketch();
    data.forEach((x, i) => { whole.add(x); (i % 3 === 0 ? a : b).add(x); });
    const ab = new QuantileSketch(), ba = new QuantileSketch();
    ab.merge(a.state()); ab.merge(b.state());
    ba.merge(b.state()); ba.merge(a.state());
    expect(ab.buckets()).toEqual(whole.buckets());
    expect(ba.buckets()).toEqual(whole.buckets());
    expect(ab.count).toBe(data.length);
  });

  it('keeps a range of over 2,048 distinct proportions (bucketed) inside [0, 1]', () => {
    const s = new QuantileSketch();
    sample(10_000, 6, (u) => u * u).forEach((x) => s.add(x));
    s.add(1); s.add(0);
    expect(s.isExact).toBe(false);
    expect(s.quantile(1)!).toBeLessThanOrEqual(1);
    expect(s.quantile(0)!).toBeGreaterThanOrEqual(0);
  });

  it('gives the 2.5% and 97.5% quantiles of 10 trials as their smallest and largest (symmetric ranks)', () => {
    const s = new QuantileSketch();
    [5, 1, 9, 3, 7, 2, 8, 4, 6, 10].forEach((x) => s.add(x));
    expect([s.quantile(0.025), s.quantile(0.5), s.quantile(0.975)]).toEqual([1, 5, 10]);
  });

  it('merges an exact part and a bucketed part into the sketch of all the data, in either order', () => {
    const small = sample(500, 7, (u) => Math.round(u * 100) / 100), large = sample(5000, 8, (u) => u - 0.3);
    const whole = new QuantileSketch(), a = new QuantileSketch(), b = new QuantileSketch();
    [...small, ...large].forEach((x) => whole.add(x));
    small.forEach((x) => a.add(x)); large.forEach((x) => b.add(x));
    expect(a.isExact && !b.isExact).toBe(true);
    const ab = new QuantileSketch(), ba = new QuantileSketch();
    ab.merge(a.state()); ab.merge(b.state()); ba.merge(b.state()); ba.merge(a.state());
    expect(ab.buckets()).toEqual(whole.buckets());
    expect(ba.buckets()).toEqual(whole.buckets());
  });

  it('keeps a huge value finite', () => {
    const s = new QuantileSketch();
    for (let i = 0; i < 3000; i++) s.add(1e308 * (1 + i / 1e4));
    expect(Number.isFinite(s.quantile(1)!)).toBe(true);
  });

  it('keeps a range of proportions inside [0, 1] and ignores non-finite values', () => {
    const s = new QuantileSketch();
    [0, 0, 1, 1, 0.5, NaN, Infinity].forEach((x) => s.add(x));
    expect(s.count).toBe(5);
    expect(s.quantile(0)).toBe(0);
    expect(s.quantile(1)).toBe(1);
    expect(new QuantileSketch().quantile(0.5)).toBeNull();
  });
});

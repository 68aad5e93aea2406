/**
 * ExactSum against an independent exact reference: every finite double is an
 * integer multiple of 2^-1074, so a sum of doubles is exactly a BigInt count
 * of 2^-1074 units; rounding that BigInt to 53 significant bits (ties to
 * even, with the subnormal range handled) gives the correctly rounded sum.
 * Comparisons are bit-for-bit (Object.is), no tolerance.
 */
import { describe, it, expect } from 'vitest';
import { ExactSum } from '../../src/stats/exact-sum.js';
import { mulberry32 } from '../helpers/mulberry32.js';

// ---- exact reference ---------------------------------------------------------

const view = new DataView(new ArrayBuffer(8));

/** x as an exact integer multiple of 2^-1074. */
function toUnits(x: number): bigint {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const negative = hi >>> 31 === 1;
  const biased = (hi >>> 20) & 0x7ff;
  if (biased === 0x7ff) throw new RangeError('non-finite');
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  // Subnormals: fraction · 2^-1074; normals: (2^52 + fraction) · 2^(biased - 1075).
  const units = biased === 0 ? fraction : ((1n << 52n) | fraction) << BigInt(biased - 1);
  return negative ? -units : units;
}

/** The double nearest to units · 2^-1074, ties to even. */
function fromUnits(units: bigint): number {
  if (units === 0n) return 0;
  const negative = units < 0n;
  let m = negative ? -units : units;
  const bits = m.toString(2).length;
  const shift = Math.max(bits - 53, 0);
  if (shift > 0) {
    const s = BigInt(shift);
    const q = m >> s;
    const rem = m - (q << s);
    const half = 1n << (s - 1n);
    m = rem > half || (rem === half && (q & 1n) === 1n) ? q + 1n : q;
  }
  // m < 2^54 is exact as a Number; the power of two is exact for exponents
  // >= -1074, and so is the product (it is a representable double or ±∞).
  const v = Number(m) * 2 ** (shift - 1074);
  return negative ? -v : v;
}

function exactSum(xs: readonly number[]): number {
  let s = 0n;
  for (const x of xs) s += toUnits(x);
  return fromUnits(s);
}

function sumOf(xs: readonly number[]): number {
  const s = new ExactSum();
  for (const x of xs) s.add(x);
  return s.value();
}

// ---- seeded random doubles ---------------------------------------------------


/** A random double with a random sign, full random 53-bit significand and exponent in [emin, emax]. */
function randomDouble(rand: () => number, emin: number, emax: number): number {
  const significand = 1 + Math.floor(rand() * 2 ** 26) / 2 ** 26 + Math.floor(rand() * 2 ** 26) / 2 ** 52;
  const e = emin + Math.floor(rand() * (emax - emin + 1));
  return (rand() < 0.5 ? -1 : 1) * significand * 2 ** e;
}

/** Values whose sum nearly cancels: x and -(x + tiny) pairs, plus a few small terms. */
function cancellingSet(rand: () => number, pairs: number): number[] {
  const xs: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const x = randomDouble(rand, -20, 60);
    xs.push(x, -x);
    if (rand() < 0.3) xs.push(randomDouble(rand, -80, -30));
    if (rand() < 0.1) xs.push(x * 2 ** -53, -x * 2 ** -54);
  }
  return xs;
}

function shuffle<T>(rand: () => number, xs: T[]): T[] {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Splits xs into k random contiguous chunks (some possibly empty). */
function randomSplit(rand: () => number, xs: number[], k: number): number[][] {
  const cuts = Array.from({ length: k - 1 }, () => Math.floor(rand() * (xs.length + 1))).sort((a, b) => a - b);
  const parts: number[][] = [];
  let start = 0;
  for (const c of [...cuts, xs.length]) {
    parts.push(xs.slice(start, c));
    start = c;
  }
  return parts;
}

/** Merges accumulators in a random binary tree, as workers and shards would. */
function mergeInRandomTree(rand: () => number, accs: ExactSum[]): ExactSum {
  let pool = accs.slice();
  while (pool.length > 1) {
    const i = Math.floor(rand() * pool.length);
    const a = pool.splice(i, 1)[0];
    const j = Math.floor(rand() * pool.length);
    const b = pool[j];
    // Merge in either direction.
    if (rand() < 0.5) {
      a.merge(b);
      pool[j] = a;
    } else {
      b.merge(a);
    }
  }
  return pool[0];
}

// ---- tests -------------------------------------------------------------------

describe('the BigInt reference', () => {
  it('round-trips every kind of double exactly', () => {
    const rand = mulberry32(1);
    const specials = [1, -1, 0.1, 5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308,
      Number.MAX_VALUE, -Number.MAX_VALUE, Number.EPSILON, 1e100, 123456.789];
    for (const x of specials) expect(fromUnits(toUnits(x))).toBe(x);
    for (let i = 0; i < 2000; i++) {
      const x = randomDouble(rand, -1074, 1023);
      if (Number.isFinite(x)) expect(fromUnits(toUnits(x))).toBe(x);
    }
  });

  it('rounds half-way cases to even', () => {
    // 2^53 + 1 is half-way between 2^53 and 2^53 + 2: ties to the even 2^53.
    expect(fromUnits(toUnits(2 ** 53) + toUnits(1))).toBe(2 ** 53);
    expect(fromUnits(toUnits(2 ** 53 + 2) + toUnits(1))).toBe(2 ** 53 + 4);
  });
});

describe('ExactSum is exact where naive summation is not', () => {
  it('sums [1e100, 1, -1e100] to 1', () => {
    expect(1e100 + 1 - 1e100).toBe(0);
    expect(sumOf([1e100, 1, -1e100])).toBe(1);
  });

  it('sums ten copies of 0.1 to exactly 1', () => {
    expect(Array(10).fill(0.1).reduce((a, b) => a + b)).not.toBe(1);
    expect(sumOf(Array(10).fill(0.1))).toBe(1);
  });

  it('rounds the half-way case 1e16 + 1 + 1e-16 upward, as math.fsum does', () => {
    // 1e16 + 1 alone is a tie that rounds to even (1e16); the extra 1e-16
    // breaks the tie upwards to 1e16 + 2.
    expect(1e16 + 1 + 1e-16).toBe(1e16);
    expect(sumOf([1e16, 1, 1e-16])).toBe(10000000000000002);
    expect(sumOf([1e16, 1, -1e-16])).toBe(1e16);
  });

  it('keeps the small survivor of a cancellation, 1 + 2^-60 - 1 = 2^-60', () => {
    expect(sumOf([1, 2 ** -60, -1])).toBe(2 ** -60);
    expect(2 ** 80 + 2 ** -70 - 2 ** 80).toBe(0);
    expect(sumOf([2 ** 80, 2 ** -70, -(2 ** 80)])).toBe(2 ** -70);
  });

  it('is 0 when empty and reproduces a single value', () => {
    expect(new ExactSum().value()).toBe(0);
    expect(sumOf([5e-324])).toBe(5e-324);
    expect(sumOf([-Number.MAX_VALUE])).toBe(-Number.MAX_VALUE);
  });

  it('equals the BigInt exact sum, correctly rounded, for random doubles over 120 binary orders', () => {
    const rand = mulberry32(2);
    let naiveWrong = 0;
    for (let trial = 0; trial < 300; trial++) {
      const xs = Array.from({ length: 1 + Math.floor(rand() * 300) }, () => randomDouble(rand, -60, 60));
      const expected = exactSum(xs);
      expect(Object.is(sumOf(xs), expected), `trial ${trial}`).toBe(true);
      if (xs.reduce((a, b) => a + b, 0) !== expected) naiveWrong++;
    }
    expect(naiveWrong).toBeGreaterThan(100);
  });

  it('equals the BigInt exact sum for nearly cancelling sets and for subnormal-range values', () => {
    const rand = mulberry32(3);
    for (let trial = 0; trial < 300; trial++) {
      const xs = shuffle(rand, cancellingSet(rand, 1 + Math.floor(rand() * 60)));
      expect(Object.is(sumOf(xs), exactSum(xs)), `cancelling trial ${trial}`).toBe(true);
    }
    for (let trial = 0; trial < 100; trial++) {
      const xs = Array.from({ length: 50 }, () => randomDouble(rand, -1074, -1000));
      expect(Object.is(sumOf(xs), exactSum(xs)), `subnormal trial ${trial}`).toBe(true);
    }
  });

  it('equals the BigInt exact sum for values spanning the whole exponent range, when no partial sum overflows', () => {
    const rand = mulberry32(4);
    for (let trial = 0; trial < 200; trial++) {
      const xs = Array.from({ length: 40 }, () => randomDouble(rand, -1074, 1000));
      expect(Object.is(sumOf(xs), exactSum(xs)), `trial ${trial}`).toBe(true);
    }
  });
});

describe('ExactSum is order- and split-independent', () => {
  it('gives a bit-identical value for every permutation of the inputs', () => {
    const rand = mulberry32(5);
    for (let trial = 0; trial < 100; trial++) {
      const xs = trial % 2 === 0
        ? Array.from({ length: 200 }, () => randomDouble(rand, -60, 60))
        : cancellingSet(rand, 50);
      const expected = exactSum(xs);
      for (let k = 0; k < 5; k++) expect(Object.is(sumOf(shuffle(rand, xs)), expected)).toBe(true);
    }
  });

  it('gives a bit-identical value when random splits are merged in any order and direction', () => {
    const rand = mulberry32(6);
    for (let trial = 0; trial < 200; trial++) {
      const xs = trial % 2 === 0
        ? Array.from({ length: 300 }, () => randomDouble(rand, -60, 60))
        : shuffle(rand, cancellingSet(rand, 80));
      const expected = exactSum(xs);
      const parts = randomSplit(rand, shuffle(rand, xs), 1 + Math.floor(rand() * 12));
      const accs = parts.map((p) => {
        const s = new ExactSum();
        for (const x of p) s.add(x);
        return s;
      });
      const merged = mergeInRandomTree(rand, accs);
      expect(Object.is(merged.value(), expected), `trial ${trial}`).toBe(true);
    }
  });

  it('merges through serialised partials (ExactSum.from) without changing the value', () => {
    const rand = mulberry32(7);
    const xs = cancellingSet(rand, 100);
    const [a, b] = randomSplit(rand, xs, 2);
    const sa = new ExactSum();
    a.forEach((x) => sa.add(x));
    const sb = new ExactSum();
    b.forEach((x) => sb.add(x));
    const wire = JSON.parse(JSON.stringify(sb.partials)) as number[];
    const merged = ExactSum.from(sa.partials);
    merged.merge(ExactSum.from(wire));
    expect(Object.is(merged.value(), exactSum(xs))).toBe(true);
    // from() copies: the source accumulator is unchanged by later adds.
    const before = sa.partials.slice();
    ExactSum.from(sa.partials).add(1);
    expect(sa.partials).toEqual(before);
  });

  it('keeps its partials non-overlapping and sorted by increasing magnitude', () => {
    const rand = mulberry32(8);
    const s = new ExactSum();
    for (let i = 0; i < 2000; i++) {
      s.add(randomDouble(rand, -200, 200));
      const p = s.partials;
      for (let j = 1; j < p.length; j++) {
        // A zero can only be the top partial (an exact cancellation).
        if (p[j] === 0) expect(j).toBe(p.length - 1);
        if (p[j - 1] === 0 || p[j] === 0) continue;
        // Non-overlapping (Shewchuk): the smaller partial's highest set bit is
        // below the larger one's lowest set bit.
        const small = toUnits(Math.abs(p[j - 1]));
        const large = toUnits(Math.abs(p[j]));
        const lowestBitOfLarge = large & -large;
        expect(small < lowestBitOfLarge, `partials ${p[j - 1]}, ${p[j]}`).toBe(true);
      }
    }
  });
});

describe('ExactSum digits', () => {
  it('stays exact past 2^20 adds, where the digits carry (values whose significands fill a whole digit)', () => {
    // (2^53 - 1) 2^-18 puts 2^32 - 1 into one digit at every add: 2^22 of them would pass 2^53 there without the carries.
    const x = (2 ** 53 - 1) * 2 ** -18, y = -(2 ** 53 - 1) * 2 ** -70;
    const n = 2 ** 22 + 7, m = 1000;
    const s = new ExactSum();
    for (let i = 0; i < n; i++) { s.add(x); if (i % (n / m | 0) === 0) s.add(y); }
    const added = Math.floor((n - 1) / (n / m | 0)) + 1;
    expect(Object.is(s.value(), fromUnits(BigInt(n) * toUnits(x) + BigInt(added) * toUnits(y)))).toBe(true);
    expect(Object.is(s.value(), exactSum([...Array(64).fill(x * (n / 64)), ...Array(added).fill(y)]))).toBe(true);
  });

  it('writes the same partials for the same values in any order and split (they depend on the sum alone)', () => {
    const rand = mulberry32(13);
    for (let trial = 0; trial < 20; trial++) {
      const xs = [...cancellingSet(rand, 30), ...Array.from({ length: 40 }, () => randomDouble(rand, -60, 60))];
      const one = new ExactSum();
      for (const x of xs) one.add(x);
      const parts = randomSplit(rand, shuffle(rand, xs), 1 + Math.floor(rand() * 6)).map((part) => {
        const p = new ExactSum();
        for (const x of part) p.add(x);
        return p;
      });
      expect(mergeInRandomTree(rand, parts).partials).toEqual(one.partials);
    }
  });

  it('sums only negative zeros to -0 and anything else that cancels to +0, as IEEE addition does', () => {
    expect(Object.is(sumOf([-0, -0]), -0)).toBe(true);
    expect(Object.is(sumOf([-0, 0]), 0)).toBe(true);
    expect(Object.is(sumOf([1, -1, -0]), 0)).toBe(true);
    expect(Object.is(sumOf([-0, 2, -2]), 0)).toBe(true);
    expect(Object.is(ExactSum.from(new ExactSum().partials).value(), 0)).toBe(true);
    const s = new ExactSum();
    s.add(-0);
    expect(Object.is(ExactSum.from(s.partials).value(), -0)).toBe(true);
  });

  it('is empty again after clear(), whatever it held', () => {
    const s = new ExactSum();
    for (const x of [1e300, -3, 5e-324, 2 ** 70]) s.add(x);
    s.clear();
    expect([s.value(), s.partials]).toEqual([0, []]);
    s.add(0.25);
    expect(s.value()).toBe(0.25);
  });
});

describe('ExactSum near the overflow threshold', () => {
  it('gives the exact sum when partial sums stay finite, whatever the order', () => {
    const M = Number.MAX_VALUE;
    expect(sumOf([M, -M, M])).toBe(M);
    expect(sumOf([M / 2, M / 4, -M / 2, M / 4])).toBe(M / 2);
  });

  it('is exact even where a partial sum in some order is beyond the doubles (the digits have the room), and refuses a sum that is', () => {
    const M = Number.MAX_VALUE;
    for (const order of [[M, M, -M], [M, -M, M], [-M, M, M]]) expect(sumOf(order)).toBe(M);
    expect(() => sumOf([M, M])).toThrow(RangeError);
    expect(() => sumOf([-M, -M / 2, -M / 4])).toThrow(RangeError);
    const s = new ExactSum();
    s.add(M); s.add(M);
    expect(() => s.partials).toThrow(/overflowed/);
  });
});

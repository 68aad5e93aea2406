/**
 * The portable Math functions (src/util/portable-math/, which the explorer's
 * browser bundles use in place of the browser's Math) give Node 20's
 * Math.<f> bit for bit: each on several million seeded arguments spanning
 * what matters for it (random bit patterns over the whole double range,
 * tiny, huge, negative and subnormal arguments, arguments near 1 for the
 * logarithms and near multiples of pi/2 for the trigonometric functions,
 * the overflow and underflow thresholds and their neighbours, integers and
 * halves for pow's exponent with negative bases, 0, -0, +-Infinity, NaN).
 * Equal means Object.is: the same double, the sign of a zero included.
 */
import { describe, it, expect } from 'vitest';
import * as portable from '../../src/util/portable-math/index.js';
import { PORTABLE_MATH_FUNCTIONS } from '../../src/util/portable-math/index.js';
import { mulberry32 } from '../helpers/mulberry32.js';

type Unary = (x: number) => number;
type Gen = (r: () => number) => number;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
function fromBits(hi: number, lo: number): number {
  u32[HI] = hi;
  u32[1 - HI] = lo;
  return f64[0];
}
function hex(x: number): string {
  f64[0] = x;
  return `${u32[HI].toString(16).padStart(8, '0')}${u32[1 - HI].toString(16).padStart(8, '0')}`;
}
/** x moved k doubles up (k < 0: down), through the bit pattern (x finite, non-negative). */
function ulps(x: number, k: number): number {
  f64[0] = x;
  const lo = u32[1 - HI] + k;
  return fromBits(u32[HI] + Math.floor(lo / 2 ** 32), ((lo % 2 ** 32) + 2 ** 32) % 2 ** 32);
}

const rand32 = (r: () => number) => Math.floor(r() * 2 ** 32);
/** Any 64-bit pattern: every exponent, subnormals, infinities, NaNs, both signs. */
const bits: Gen = (r) => fromBits(rand32(r), rand32(r));
const uniform = (a: number, b: number): Gen => (r) => a + (b - a) * r();
/** |x| = 2^e (1 + f), e uniform in [e0, e1) (down to subnormals), either sign when signed. */
const logUniform = (e0: number, e1: number, signed = true): Gen => (r) => {
  const e = Math.floor(e0 + (e1 - e0) * r());
  const m = (1 + r()) * 2 ** Math.max(e, -1022) * 2 ** Math.min(0, e + 1022);
  return signed && r() < 0.5 ? -m : m;
};
/** A point's neighbours: within 64 ulps, and relatively within 2^-k for k up to 60. */
const near = (points: number[]): Gen => (r) => {
  const p = points[Math.floor(r() * points.length)];
  if (r() < 0.5) return Math.sign(p) * ulps(Math.abs(p), Math.floor(r() * 129) - 64);
  return p + (p === 0 ? 1 : Math.abs(p)) * (r() - 0.5) * 2 ** -Math.floor(r() * 61);
};
const oneOf = (values: number[]): Gen => (r) => values[Math.floor(r() * values.length)];

const SPECIALS = [0, -0, Infinity, -Infinity, NaN, 1, -1, 0.5, -0.5, 2, -2, Number.MIN_VALUE, -Number.MIN_VALUE,
  Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** -1022, -(2 ** -1022), Number.EPSILON, Math.PI, Math.E, 10, 100, 1e-300, 1e300];
const LN2 = Math.LN2;
const EXP_EDGES = [709.782712893384, -745.1332191019411, -708.3964185322641, 0.5 * LN2, -0.5 * LN2, 1.5 * LN2, -1.5 * LN2, 56 * LN2, -56 * LN2, 1, -1, 2 ** -28, 2 ** -54, 22, 710.4758600739439, 709.7822265625];
const PI_MULTIPLES = [1, 2, 3, 4, 5, 6, 10, 31, 32, 33, 100, 1000, 2 ** 19, 2 ** 20, 2 ** 30, 2 ** 40].flatMap((k) => [k, -k].map((s) => s * Math.PI / 2));
const POWERS_OF_TEN = Array.from({ length: 40 }, (_, k) => 10 ** (k - 20));

/** The arguments each unary function is checked on: an equal share from each generator, plus the special values and their neighbours. */
const UNARY: Record<string, Gen[]> = {
  exp: [bits, uniform(-746, 710), uniform(-2, 2), logUniform(-1074, 10), near(EXP_EDGES)],
  expm1: [bits, uniform(-746, 710), uniform(-2, 2), logUniform(-1074, 10), near(EXP_EDGES)],
  log: [bits, logUniform(-1074, 1024, false), near([1, 2, 0.5, Math.SQRT2, Math.SQRT1_2]), uniform(0, 4)],
  log1p: [bits, logUniform(-1074, 1024), near([0, -1 + 2 ** -20, -0.5, 1, Math.SQRT2 - 1, Math.SQRT1_2 - 1, 2 ** 53, 2 ** -29, -(2 ** -29), 2 ** -54, -(2 ** -54)]), uniform(-1, 4), uniform(0.4, 1)],
  log2: [bits, logUniform(-1074, 1024, false), near([1, 2, 0.5, Math.SQRT2, Math.SQRT1_2, 1024]), uniform(0, 4)],
  log10: [bits, logUniform(-1074, 1024, false), near([1, Math.SQRT2, ...POWERS_OF_TEN]), uniform(0, 4)],
  cosh: [bits, uniform(-720, 720), uniform(-25, 25), logUniform(-1074, 10), near(EXP_EDGES)],
  sinh: [bits, uniform(-720, 720), uniform(-25, 25), logUniform(-1074, 10), near(EXP_EDGES)],
  tanh: [bits, uniform(-25, 25), logUniform(-1074, 10), near([1, -1, 22, -22, 2 ** -28])],
  acosh: [bits, near([1, 2, 2 ** 28]), logUniform(0, 1024, false), uniform(0.5, 4)],
  asinh: [bits, logUniform(-1074, 1024), near([2, -2, 2 ** 28, -(2 ** 28), 2 ** -28])],
  atanh: [bits, uniform(-1, 1), near([1, -1, 0.5, -0.5, 2 ** -28]), logUniform(-1074, 0)],
  sin: [bits, uniform(-10, 10), uniform(-1e6, 1e6), near(PI_MULTIPLES), logUniform(-1074, 1024)],
  cos: [bits, uniform(-10, 10), uniform(-1e6, 1e6), near(PI_MULTIPLES), logUniform(-1074, 1024)],
  tan: [bits, uniform(-10, 10), uniform(-1e6, 1e6), near(PI_MULTIPLES), logUniform(-1074, 1024)],
  asin: [bits, uniform(-1, 1), near([1, -1, 0.5, -0.5, 0.975, -0.975]), logUniform(-1074, 1)],
  acos: [bits, uniform(-1, 1), near([1, -1, 0.5, -0.5, 0.975, -0.975]), logUniform(-1074, 1)],
  atan: [bits, uniform(-3, 3), near([7 / 16, 11 / 16, 19 / 16, 39 / 16, -7 / 16, -39 / 16, 2 ** 66]), logUniform(-1074, 1024)],
  cbrt: [bits, logUniform(-1074, 1024), (r) => { const k = Math.floor(r() * 2e5) - 1e5; return k * k * k; }, uniform(-8, 8)],
};

/** Arguments to pow: (x, y) pairs. */
type Gen2 = (r: () => number) => [number, number];
const integer = (a: number, b: number) => (r: () => number) => a + Math.floor((b - a + 1) * r());
const POW: Gen2[] = [
  (r) => [bits(r), bits(r)],
  (r) => [logUniform(-1074, 1024, false)(r), uniform(-50, 50)(r)],
  (r) => [uniform(0, 4)(r), uniform(-1100, 1100)(r)],
  // Negative bases with integer exponents (odd and even), and with halves (NaN).
  (r) => [logUniform(-20, 20)(r), integer(-1200, 1200)(r)],
  (r) => [uniform(-10, 10)(r), integer(-40, 40)(r) / 2],
  // Integers to integer powers: exact where representable.
  (r) => [integer(-1000, 1000)(r), integer(0, 80)(r)],
  // x near 1 with huge exponents (the |y| > 2^31 branch), and huge |y| beyond 2^64.
  (r) => [near([1, -1])(r), (r() < 0.5 ? -1 : 1) * 2 ** (31 + 40 * r())],
  (r) => [logUniform(-3, 3)(r), (r() < 0.5 ? -1 : 1) * 2 ** (20 + 60 * r())],
  // y log2(x) near the overflow (1024) and underflow (-1022 to -1075: subnormal results) thresholds.
  (r) => {
    const x = logUniform(-1074, 1024, false)(r);
    const target = r() < 0.5 ? 1020 + 5 * r() : -1080 + 60 * r();
    const y = target / Math.log2(x);
    return [r() < 0.3 ? -x : x, r() < 0.3 ? Math.round(y) : y];
  },
  (r) => [oneOf(SPECIALS)(r), oneOf([...SPECIALS, 3, -3, 0.25, 1e10, -1e10, 2 ** 53 + 2, 2 ** 31 + 1])(r)],
  (r) => [oneOf(SPECIALS)(r), bits(r)],
  (r) => [bits(r), oneOf(SPECIALS)(r)],
];
const ATAN2: Gen2[] = [
  (r) => [bits(r), bits(r)],
  (r) => [logUniform(-1074, 1024)(r), logUniform(-1074, 1024)(r)],
  (r) => [uniform(-3, 3)(r), uniform(-3, 3)(r)],
  (r) => { const x = logUniform(-200, 200)(r); return [x * 2 ** (r() < 0.5 ? 60 : -60) * (1 + (r() - 0.5) * 1e-3), x]; },
  (r) => [oneOf(SPECIALS)(r), oneOf(SPECIALS)(r)],
  (r) => [oneOf(SPECIALS)(r), logUniform(-1074, 1024)(r)],
  (r) => [logUniform(-1074, 1024)(r), oneOf(SPECIALS)(r)],
];

const PER_FUNCTION = 3_000_000;

function mismatches(count: number, args: (r: () => number) => number[], ours: (...a: number[]) => number, native: (...a: number[]) => number, seed: number): string[] {
  const r = mulberry32(seed);
  const found: string[] = [];
  let n = 0;
  for (let i = 0; i < count; i++) {
    const a = args(r);
    const got = ours(...a);
    const want = native(...a);
    if (!Object.is(got, want)) {
      n++;
      if (found.length < 5) found.push(`(${a.map((v) => `${v} [${hex(v)}]`).join(', ')}): ${got} [${hex(got)}], Math gives ${want} [${hex(want)}]`);
    }
  }
  if (n > 5) found.push(`... ${n} in all`);
  return found;
}

describe('the portable Math functions equal Node 20\'s Math bit for bit', () => {
  it('cover every function the explorer bundle replaces', () => {
    expect([...Object.keys(UNARY), 'atan2', 'pow'].sort()).toEqual([...PORTABLE_MATH_FUNCTIONS].sort());
  });

  for (const [name, gens] of Object.entries(UNARY)) {
    it(`${name}, on ${PER_FUNCTION.toLocaleString('en')} arguments`, () => {
      const ours = (portable as unknown as Record<string, Unary>)[name];
      const native = (Math as unknown as Record<string, Unary>)[name];
      const special = [...SPECIALS, ...SPECIALS.map((x) => -x), ...EXP_EDGES].flatMap((x) => Number.isFinite(x) && x !== 0 ? [x, Math.sign(x) * ulps(Math.abs(x), 1), Math.sign(x) * ulps(Math.abs(x), -1)] : [x]);
      expect(special.flatMap((x) => Object.is(ours(x), native(x)) ? [] : [`${x}: ${ours(x)} vs ${native(x)}`])).toEqual([]);
      let k = 0;
      const seed = 0x5eed + name.length * 977 + name.charCodeAt(0);
      expect(mismatches(PER_FUNCTION, (r) => [gens[k++ % gens.length](r)], ours, native, seed)).toEqual([]);
    });
  }

  for (const [name, gens, ours, native] of [['pow', POW, portable.pow, Math.pow], ['atan2', ATAN2, portable.atan2, Math.atan2]] as const) {
    it(`${name}, on ${PER_FUNCTION.toLocaleString('en')} pairs of arguments`, () => {
      let k = 0;
      expect(mismatches(PER_FUNCTION, (r) => gens[k++ % gens.length](r), ours as (...a: number[]) => number, native as (...a: number[]) => number, 0x9e3779b9 + name.length)).toEqual([]);
    });
  }
});

/*
 * log, log1p, log2 and log10, ported from fdlibm (e_log.c, s_log1p.c) and
 * FreeBSD's msun (e_log2.c, e_log10.c, k_log.h) as V8 11 adapted them in
 * src/base/ieee754.cc (the Math.log, log1p, log2 and log10 of Node 20).
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunSoft, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 * V8's adaptations: Copyright 2016 the V8 project authors (BSD licence: NOTICE in this folder).
 */
import { F64, HI_WORD, I32, LO_WORD, POW2, highWord, withHighWord, withLowWord } from './words.js';

const LN2_HI = 6.93147180369123816490e-01; // 3fe62e42 fee00000
const LN2_LO = 1.90821492927058770002e-10; // 3dea39ef 35793c76
const TWO54 = 1.80143985094819840000e+16; // 43500000 00000000
const Lg1 = 6.666666666666735130e-01;
const Lg2 = 3.999999999940941908e-01;
const Lg3 = 2.857142874366239149e-01;
const Lg4 = 2.222219843214978396e-01;
const Lg5 = 1.818357216161805012e-01;
const Lg6 = 1.531383769920937332e-01;
const Lg7 = 1.479819860511658591e-01;

/**
 * The natural logarithm: x = 2^k (1 + f) with sqrt(2)/2 < 1 + f < sqrt(2),
 * log(1 + f) from s = f / (2 + f) by a polynomial in s^2; error below 1 ulp.
 */
export function log(x: number): number {
  F64[0] = x;
  let hx = I32[HI_WORD];
  let xs = x;
  let k = 0;
  if (hx < 0x00100000) { // x < 2^-1022
    if (((hx & 0x7fffffff) | I32[LO_WORD]) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k = -54;
    xs = x * TWO54; // subnormal: scale up
    F64[0] = xs;
    hx = I32[HI_WORD];
  }
  if (hx >= 0x7ff00000) return x + x;
  const e = (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  // xs / 2^ke is xs with the exponent field 0x3ff or 0x3fe (fdlibm sets the high word): in [sqrt(2)/2, sqrt(2)).
  const ke = e + (i >> 20);
  k += ke;
  const f = xs * POW2[1100 - ke] - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) { // -2^-20 <= f < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      return k * LN2_HI + k * LN2_LO;
    }
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k === 0) return f - R;
    return k * LN2_HI - ((R - k * LN2_LO) - f);
  }
  const s = f / (2.0 + f);
  const dk = k;
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return dk * LN2_HI - ((hfsq - (s * (hfsq + R) + dk * LN2_LO)) - f);
  }
  if (k === 0) return f - s * (f - R);
  return dk * LN2_HI - ((s * (f - R) - dk * LN2_LO) - f);
}

/** The thresholds log1p tests on the high word of x, as doubles (the same decisions, made on x itself). */
const SQRT2_M1 = 0.4142136573791504; // hx < 0x3fda827a: 1 + x < sqrt(2)+
const ONE_M_SQRT1_2 = 0.292893648147583; // |x| below fromWords(0x3fd2bec5, 0): sqrt(2)/2- <= 1 + x
const TWO_M29 = 1.862645149230957e-9; // 2^-29
const TWO_M54 = 5.551115123125783e-17; // 2^-54
const U_HIGH = 1.9999971389770508; // fromWords(0x3ffffffd, 0)

/**
 * log(1 + x), accurate near 0: for 1 + x in about [sqrt(2)/2, sqrt(2)],
 * log(1 + f) with f = x exactly; otherwise the reduction of log on
 * u = 1 + x, with a correction c / u for u's rounding. fdlibm's tests on
 * the high word of x are made on x itself; only u's words are read.
 */
export function log1p(x: number): number {
  let k = 1;
  let f = 0;
  let hu = 0;
  let c = 0;
  if (x < SQRT2_M1) { // (every negative x)
    if (x <= -1) return x === -1 ? -Infinity : NaN;
    const ax = Math.abs(x);
    if (ax < TWO_M29) return ax < TWO_M54 ? x : x - x * x * 0.5;
    if (x > 0 || ax < ONE_M_SQRT1_2) {
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (k !== 0) {
    if (x > 0 && x < 1) {
      // u = 1 + x in [sqrt(2), 2) (softplus's range): u's exponent is 0 and its high word at least 0x3ff6a09e, so fdlibm
      // takes k = 1 and f = u/2 - 1 (exact), with |f| < 2^-20 where u's high word is 0x3ffffffd or more: no word is read.
      const u = 1.0 + x;
      if (u < 2) {
        const fu = u * 0.5 - 1.0;
        const cu = (x - (u - 1.0)) / u;
        const h = 0.5 * fu * fu;
        if (u >= U_HIGH) return LN2_HI - ((h * (1.0 - 0.66666666666666666 * fu) - (LN2_LO + cu)) - fu);
        const s = fu / (2.0 + fu);
        const z = s * s;
        const R = z * (Lg1 + z * (Lg2 + z * (Lg3 + z * (Lg4 + z * (Lg5 + z * (Lg6 + z * Lg7))))));
        return LN2_HI - ((h - (s * (h + R) + (LN2_LO + cu))) - fu);
      }
    }
    if (!(x < Infinity)) return x + x; // +inf, NaN
    // u = 1 + x (or x itself when that is exact enough), with its exponent k.
    const exact = x >= 9007199254740992; // 2^53: 1 + x is x
    const u = exact ? x : 1.0 + x;
    F64[0] = u;
    hu = I32[HI_WORD];
    k = (hu >> 20) - 1023;
    if (!exact) c = (k > 0 ? 1.0 - (u - x) : x - (u - 1.0)) / u; // correction term
    hu &= 0x000fffff;
    if (hu < 0x6a09e) { // u ~< sqrt(2): u / 2^k in [1, sqrt(2))
      f = u * POW2[1100 - k] - 1.0;
    } else { // u / 2^(k + 1) in [sqrt(2)/2, 1)
      k += 1;
      f = u * POW2[1100 - k] - 1.0;
      hu = (0x00100000 - hu) >> 2;
    }
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) { // |f| < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      c += k * LN2_LO;
      return k * LN2_HI + c;
    }
    const R = hfsq * (1.0 - 0.66666666666666666 * f);
    if (k === 0) return f - R;
    return k * LN2_HI - ((R - (k * LN2_LO + c)) - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const R = z * (Lg1 + z * (Lg2 + z * (Lg3 + z * (Lg4 + z * (Lg5 + z * (Lg6 + z * Lg7))))));
  if (k === 0) return f - (hfsq - s * (hfsq + R));
  return k * LN2_HI - ((hfsq - (s * (hfsq + R) + (k * LN2_LO + c))) - f);
}

/** log(1 + f) - f + f^2/2 for 1 + f in [sqrt(2)/2, sqrt(2)] (k_log.h). */
function kLog1p(f: number): number {
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  const R = t2 + t1;
  const hfsq = 0.5 * f * f;
  return s * (hfsq + R);
}

/**
 * log2's and log10's common start, as fdlibm has it: their results for 0,
 * negative x, +-inf, NaN and 1, or (for the others) undefined with x, scaled
 * up by 2^54 if subnormal, in `reduced.x`, its high word in `reduced.hx` and
 * its binary exponent (less 54 if scaled) in `reduced.k`.
 */
const reduced = { x: 0, hx: 0, k: 0 };
function reduceOrSpecial(x: number): number | undefined {
  if (x === 0) return -Infinity;
  if (x < 0) return NaN;
  if (!(x < Infinity)) return x + x; // +inf, NaN
  if (x === 1) return 0;
  const scaled = x < 2.2250738585072014e-308; // subnormal
  reduced.x = scaled ? x * TWO54 : x;
  reduced.hx = highWord(reduced.x);
  reduced.k = (scaled ? -54 : 0) + (reduced.hx >> 20) - 1023;
  return undefined;
}

const IVLN2_HI = 1.44269504072144627571e+00; // 0x3FF71547, 0x65200000
const IVLN2_LO = 1.67517131648865118353e-10; // 0x3DE705FC, 0x2EEFA200

/** The base-2 logarithm: log's reduction, then (f - f^2/2 + kLog1p(f)) / ln2 + k in extra precision. */
export function log2(x: number): number {
  const special = reduceOrSpecial(x);
  if (special !== undefined) return special;
  const hx = reduced.hx & 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  const y = reduced.k + (i >> 20);
  const f = withHighWord(reduced.x, hx | (i ^ 0x3ff00000)) - 1.0;
  const hfsq = 0.5 * f * f;
  const r = kLog1p(f);
  const hi = withLowWord(f - hfsq, 0);
  const lo = (f - hi) - hfsq + r;
  let valHi = hi * IVLN2_HI;
  let valLo = (lo + hi) * IVLN2_LO + lo * IVLN2_HI;
  const w = y + valHi;
  valLo += (y - w) + valHi;
  valHi = w;
  return valLo + valHi;
}

const IVLN10 = 4.34294481903251816668e-01;
const LOG10_2HI = 3.01029995663611771306e-01; // 0x3FD34413, 0x509F6000
const LOG10_2LO = 3.69423907715893078616e-13; // 0x3D59FEF3, 0x11F12B36

/** The base-10 logarithm: n log10(2) + log(x / 2^n) / ln(10), with log10(2) in two pieces. */
export function log10(x: number): number {
  const special = reduceOrSpecial(x);
  if (special !== undefined) return special;
  const k = reduced.k;
  const i = (k & 0x80000000) >>> 31;
  const y = k + i;
  const z = y * LOG10_2LO + IVLN10 * log(withHighWord(reduced.x, (reduced.hx & 0x000fffff) | ((0x3ff - i) << 20)));
  return z + y * LOG10_2HI;
}

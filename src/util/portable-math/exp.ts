/*
 * exp and expm1, ported from fdlibm (e_exp.c, s_expm1.c) as V8 11 adapted
 * them in src/base/ieee754.cc (the Math.exp and Math.expm1 of Node 20).
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
import { POW2, fromWords, highWord, lowWord, withHighWord } from './words.js';

const LN2_HI = 6.93147180369123816490e-01; // 0x3FE62E42, 0xFEE00000
const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF, 0x35793C76
const INV_LN2 = 1.44269504088896338700e+00; // 0x3FF71547, 0x652B82FE
const O_THRESHOLD = 7.09782712893383973096e+02; // 0x40862E42, 0xFEFA39EF
const U_THRESHOLD = -7.45133219101941108420e+02; // 0xC0874910, 0xD52D3051
const P1 = 1.66666666666666019037e-01;
const P2 = -2.77777777770155933842e-03;
const P3 = 6.61375632143793436117e-05;
const P4 = -1.65339022054652515390e-06;
const P5 = 4.13813679705723846039e-08;
const TWO_M1000 = 9.33263618503218878990e-302; // 2^-1000
const TWO_1023 = 8.988465674311579539e307; // 2^1023
const HUGE = 1.0e+300;

/** The thresholds fdlibm tests on the high word of |x|, as doubles: |x| >= fromWords(h, 0) where it tests hx >= h. */
const HALF_LN2 = 0.3465735912322998; // hx > 0x3fd62e42
const THREE_HALVES_LN2 = 1.0397205352783203; // hx < 0x3ff0a2b2
const LOG_MAX = 709.7822265625; // hx >= 0x40862e42
const TWO_M28 = 3.725290298461914e-9; // hx < 0x3e300000

/**
 * e^x: x = k ln2 + r with |r| <= ln2 / 2, e^r by a rational approximation,
 * scaled by 2^k; the error is below 1 ulp. V8 returns Math.E for x = 1.
 * fdlibm's tests on the high word of x are made here on |x| itself (the
 * same decisions), and 2^k comes from a table: no word of x is read,
 * which keeps the function short and quick in the JavaScript engines.
 */
export function exp(x: number): number {
  const ax = Math.abs(x);
  if (ax < HALF_LN2) {
    if (ax < TWO_M28) return 1 + x;
    const t = x * x;
    const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    return 1 - ((x * c) / (c - 2.0) - x);
  }
  if (!(ax < LOG_MAX)) {
    if (x !== x) return x + x; // NaN
    if (ax === Infinity) return x > 0 ? x : 0;
    if (x > O_THRESHOLD) return HUGE * HUGE;
    if (x < U_THRESHOLD) return TWO_M1000 * TWO_M1000;
  }
  let k: number;
  if (ax < THREE_HALVES_LN2) {
    if (x === 1) return 2.718281828459045;
    k = x > 0 ? 1 : -1;
  } else {
    k = (INV_LN2 * x + (x > 0 ? 0.5 : -0.5)) | 0;
  }
  const hi = x - k * LN2_HI; // exact here
  const lo = k * LN2_LO;
  x = hi - lo;
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) return k === 1024 ? y * 2.0 * TWO_1023 : y * POW2[1100 + k];
  return y * POW2[2100 + k] * TWO_M1000;
}

const Q1 = -3.33333333333331316428e-02;
const Q2 = 1.58730158725481460165e-03;
const Q3 = -7.93650757867487942473e-05;
const Q4 = 4.00821782732936239552e-06;
const Q5 = -2.01099218183624371326e-07;
const TINY = 1.0e-300;

/** e^x - 1, accurate near 0: the same reduction as exp, with a correction term for the rounding of r. */
export function expm1(x: number): number {
  let hx = highWord(x);
  const xsb = hx & 0x80000000;
  hx &= 0x7fffffff;
  let k: number;
  let c = 0;
  if (hx >= 0x4043687a) { // |x| >= 56 ln2
    if (hx >= 0x40862e42) { // |x| >= 709.78...
      if (hx >= 0x7ff00000) {
        if (((hx & 0xfffff) | lowWord(x)) !== 0) return x + x; // NaN
        return xsb === 0 ? x : -1.0;
      }
      if (x > O_THRESHOLD) return HUGE * HUGE;
    }
    if (xsb !== 0 && x + TINY < 0.0) return TINY - 1; // x < -56 ln2
  }
  if (hx > 0x3fd62e42) { // |x| > ln2 / 2
    let hi: number;
    let lo: number;
    if (hx < 0x3ff0a2b2) { // and |x| < 1.5 ln2
      if (xsb === 0) {
        hi = x - LN2_HI; lo = LN2_LO; k = 1;
      } else {
        hi = x + LN2_HI; lo = -LN2_LO; k = -1;
      }
    } else {
      k = (INV_LN2 * x + (xsb === 0 ? 0.5 : -0.5)) | 0;
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = (hi - x) - lo;
  } else if (hx < 0x3c900000) { // |x| < 2^-54
    const t = HUGE + x;
    return x - (t - (HUGE + x));
  } else {
    k = 0;
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  let t = 3.0 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k === 0) return x - (x * e - hxs);
  const twopk = fromWords(0x3ff00000 + (k << 20), 0);
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) {
    if (x < -0.25) return -2.0 * (e - (x + 0.5));
    return 1 + 2.0 * (x - e);
  }
  let y: number;
  if (k <= -2 || k > 56) {
    y = 1 - (e - x);
    y = k === 1024 ? y * 2.0 * 8.98846567431158e+307 : y * twopk;
    return y - 1;
  }
  if (k < 20) {
    t = withHighWord(1, 0x3ff00000 - (0x200000 >> k)); // 1 - 2^-k
    y = t - (e - x);
    y = y * twopk;
  } else {
    t = fromWords((0x3ff - k) << 20, 0); // 2^-k
    y = x - (e + t);
    y += 1;
    y = y * twopk;
  }
  return y;
}

/*
 * cosh, sinh, tanh, acosh, asinh and atanh, ported from fdlibm (e_cosh.c,
 * e_sinh.c, s_tanh.c, e_acosh.c, s_asinh.c, e_atanh.c) as V8 11 adapted
 * them in src/base/ieee754.cc (the Math functions of Node 20).
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
import { exp, expm1 } from './exp.js';
import { log, log1p } from './log.js';
import { highWord, lowWord, withHighWord } from './words.js';

const OVERFLOW = 710.4758600739439;
const LN2 = 6.93147180559945286227e-01; // 0x3FE62E42, 0xFEFA39EF
const HUGE = 1.0e+300;

/** cosh: 1 + expm1^2 / (2 e^|x|) near 0, (e^|x| + e^-|x|) / 2 up to 22, e^|x| / 2 beyond, halved exponents near overflow. */
export function cosh(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  const ax = Math.abs(x);
  if (ix < 0x3fd62e43) { // |x| < ln2 / 2
    const t = expm1(ax);
    const w = 1 + t;
    if (ix < 0x3c800000) return w; // |x| < 2^-55
    return 1 + (t * t) / (w + w);
  }
  if (ix < 0x40360000) { // |x| < 22
    const t = exp(ax);
    return 0.5 * t + 0.5 / t;
  }
  if (ix < 0x40862e42) return 0.5 * exp(ax); // up to log(max double)
  if (ax <= OVERFLOW) {
    const w = exp(0.5 * ax);
    const t = 0.5 * w;
    return t * w;
  }
  if (ix >= 0x7ff00000) return x * x; // inf or NaN
  return HUGE * HUGE;
}

const TWO_M28 = 3.725290298461914e-9;
const LOG_MAXD = 709.7822265625; // 0x40862E42 00000000

/** sinh: (E + E / (E + 1)) / 2 with E = expm1(|x|) up to 22, e^|x| / 2 beyond, halved exponents near overflow. */
export function sinh(x: number): number {
  const h = x < 0 ? -0.5 : 0.5;
  const ax = Math.abs(x);
  if (ax < 22) {
    if (ax < TWO_M28) return x;
    const t = expm1(ax);
    if (ax < 1) return h * (2 * t - t * t / (t + 1));
    return h * (t + t / (t + 1));
  }
  if (ax < LOG_MAXD) return h * exp(ax);
  if (ax <= OVERFLOW) {
    const w = exp(0.5 * ax);
    const t = h * w;
    return t * w;
  }
  return x * 1.0e307; // overflow, or NaN
}

/** tanh: -t / (t + 2) with t = expm1(-2|x|) below 1, 1 - 2 / (t + 2) with t = expm1(2|x|) up to 22, then +-1. */
export function tanh(x: number): number {
  const jx = highWord(x);
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) return jx >= 0 ? 1 / x + 1 : 1 / x - 1; // +-inf, NaN
  let z: number;
  if (ix < 0x40360000) { // |x| < 22
    if (ix < 0x3e300000 && HUGE + x > 1) return x; // |x| < 2^-28
    if (ix >= 0x3ff00000) { // |x| >= 1
      const t = expm1(2 * Math.abs(x));
      z = 1 - 2 / (t + 2);
    } else {
      const t = expm1(-2 * Math.abs(x));
      z = -t / (t + 2);
    }
  } else {
    z = 1 - 1.0e-300;
  }
  return jx >= 0 ? z : -z;
}

/** acosh: log(2x) for large x, log(2x - 1 / (x + sqrt(x^2 - 1))) above 2, log1p(t + sqrt(2t + t^2)) with t = x - 1 below. */
export function acosh(x: number): number {
  const hx = highWord(x);
  const lx = lowWord(x);
  if (hx < 0x3ff00000) return NaN; // x < 1
  if (hx >= 0x41b00000) { // x > 2^28
    if (hx >= 0x7ff00000) return x + x;
    return log(x) + LN2;
  }
  if (((hx - 0x3ff00000) | lx) === 0) return 0;
  if (hx > 0x40000000) { // 2 < x < 2^28
    const t = x * x;
    return log(2.0 * x - 1 / (x + Math.sqrt(t - 1)));
  }
  const t = x - 1;
  return log1p(t + Math.sqrt(2.0 * t + t * t));
}

/** asinh: sign(x) log(2|x|) for large |x|, log(2|x| + 1 / (sqrt(x^2 + 1) + |x|)) above 2, log1p(|x| + x^2 / (1 + sqrt(1 + x^2))) below. */
export function asinh(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7ff00000) return x + x;
  if (ix < 0x3e300000 && HUGE + x > 1) return x; // |x| < 2^-28
  let w: number;
  if (ix > 0x41b00000) { // |x| > 2^28
    w = log(Math.abs(x)) + LN2;
  } else if (ix > 0x40000000) { // 2 < |x| < 2^28
    const t = Math.abs(x);
    w = log(2.0 * t + 1 / (Math.sqrt(x * x + 1) + t));
  } else {
    const t = x * x;
    w = log1p(Math.abs(x) + t / (1 + Math.sqrt(1 + t)));
  }
  return hx > 0 ? w : -w;
}

/** atanh: log1p(2x + 2x^2 / (1 - x)) / 2 below 0.5, log1p(2x / (1 - x)) / 2 above, odd. */
export function atanh(x: number): number {
  const hx = highWord(x);
  const lx = lowWord(x);
  const ix = hx & 0x7fffffff;
  if ((ix | ((lx | -lx) >>> 31)) > 0x3ff00000) return NaN; // |x| > 1
  if (ix === 0x3ff00000) return x > 0 ? Infinity : -Infinity;
  if (ix < 0x3e300000 && HUGE + x > 0) return x; // |x| < 2^-28
  x = withHighWord(x, ix);
  const t = ix < 0x3fe00000 ? 0.5 * log1p(x + x + (x + x) * x / (1 - x)) : 0.5 * log1p((x + x) / (1 - x));
  return hx >= 0 ? t : -t;
}

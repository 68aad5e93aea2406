/*
 * pow, ported from fdlibm 5.3 (e_pow.c) as V8 11 adapted it in
 * src/base/ieee754.cc (the Math.pow and ** of Node 20; Chromium's newer V8
 * calls the platform's pow), with V8's change to the last step.
 * ====================================================
 * Copyright (C) 2004 by Sun Microsystems, Inc. All rights reserved.
 *
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 * V8's adaptations: Copyright 2016 the V8 project authors (BSD licence: NOTICE in this folder).
 */
import { F64, HI_WORD, I32, LO_WORD, POW2, clearLowWord, fromHighWord, highWord, scalbn } from './words.js';

const BP = [1.0, 1.5];
const DP_H = [0.0, 5.84962487220764160156e-01]; // 0x3FE2B803, 0x40000000
const DP_L = [0.0, 1.35003920212974897128e-08]; // 0x3E4CFDEB, 0x43CFD006
const TWO53 = 9007199254740992.0;
const HUGE = 1.0e300;
const TINY = 1.0e-300;
// Polynomial coefficients for (3/2)(log(x) - 2s - 2/3 s^3).
const L1 = 5.99999999999994648725e-01, L2 = 4.28571428578550184252e-01, L3 = 3.33333329818377432918e-01;
const L4 = 2.72728123808534006489e-01, L5 = 2.30660745775561754067e-01, L6 = 2.06975017800338417784e-01;
const P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03, P3 = 6.61375632143793436117e-05;
const P4 = -1.65339022054652515390e-06, P5 = 4.13813679705723846039e-08;
const LG2 = 6.93147180559945286227e-01;
const LG2_H = 6.93147182464599609375e-01; // 0x3FE62E43, 0x00000000
const LG2_L = -1.90465429995776804525e-09; // 0xBE205C61, 0x0CA86C39
const OVT = 8.0085662595372944372e-17; // -(1024 - log2(overflow + 0.5 ulp))
const CP = 9.61796693925975554329e-01; // 2 / (3 ln2)
const CP_H = 9.61796700954437255859e-01; // (float) CP
const CP_L = -7.02846165095275826516e-09; // tail of CP_H
const IVLN2 = 1.44269504088896338700e+00; // 1 / ln2
const IVLN2_H = 1.44269502162933349609e+00; // 24 bits of 1 / ln2
const IVLN2_L = 1.92596299112661746887e-08; // its tail

/**
 * x^y: log2(x) in two pieces (the first with 29 trailing zero bits),
 * y log2(x) = n + y' in simulated extra precision with |y'| <= 0.5, then
 * 2^n e^(y' ln2). Special cases as ECMAScript has them: NaN for a NaN y
 * and for (+-1)^(+-inf); x^0 = 1 for every x.
 */
export function pow(x: number, y: number): number {
  F64[0] = x;
  const hx = I32[HI_WORD];
  const lx = I32[LO_WORD] >>> 0;
  F64[0] = y;
  const hy = I32[HI_WORD];
  const ly = I32[LO_WORD] >>> 0;
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;

  if ((iy | ly) === 0) return 1; // x^0 = 1
  if (ix > 0x7ff00000 || (ix === 0x7ff00000 && lx !== 0) || iy > 0x7ff00000 || (iy === 0x7ff00000 && ly !== 0)) return x + y; // NaN

  // Whether y is an odd integer (1), an even one (2) or no integer (0), when x < 0.
  let yisint = 0;
  if (hx < 0) {
    if (iy >= 0x43400000) {
      yisint = 2;
    } else if (iy >= 0x3ff00000) {
      const k = (iy >> 20) - 0x3ff;
      if (k > 20) {
        const j = ly >>> (52 - k);
        if (((j << (52 - k)) >>> 0) === ly) yisint = 2 - (j & 1);
      } else if (ly === 0) {
        const j = iy >> (20 - k);
        if ((j << (20 - k)) === iy) yisint = 2 - (j & 1);
      }
    }
  }

  // Special values of y.
  if (ly === 0) {
    if (iy === 0x7ff00000) { // y is +-inf
      if (((ix - 0x3ff00000) | lx) === 0) return y - y; // (+-1)^(+-inf) is NaN
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0; // (|x| > 1)^(+-inf) = inf, 0
      return hy < 0 ? -y : 0; // (|x| < 1)^(-+inf) = inf, 0
    }
    if (iy === 0x3ff00000) return hy < 0 ? 1 / x : x; // y is +-1
    if (hy === 0x40000000) return x * x; // y is 2
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x); // y is 0.5, x >= +0
  }

  let ax = Math.abs(x);
  // Special values of x: +-0, +-inf, +-1.
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) {
    let z = ax;
    if (hy < 0) z = 1 / z;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yisint) === 0) z = (z - z) / (z - z); // (-1)^non-integer is NaN
      else if (yisint === 1) z = -z; // (x < 0)^odd = -(|x|^odd)
    }
    return z;
  }

  let n = (hx >> 31) + 1;
  if ((n | yisint) === 0) return (x - x) / (x - x); // (x < 0)^(non-integer) is NaN
  let s = 1; // the sign of the result
  if ((n | (yisint - 1)) === 0) s = -1; // (x < 0)^(odd integer)

  let t1: number;
  let t2: number;
  if (iy > 0x41e00000) { // |y| > 2^31
    if (iy > 0x43f00000) { // |y| > 2^64: must overflow or underflow
      if (ix <= 0x3fefffff) return hy < 0 ? HUGE * HUGE : TINY * TINY;
      if (ix >= 0x3ff00000) return hy > 0 ? HUGE * HUGE : TINY * TINY;
    }
    // Overflow or underflow if x is not close to 1.
    if (ix < 0x3fefffff) return hy < 0 ? s * HUGE * HUGE : s * TINY * TINY;
    if (ix > 0x3ff00000) return hy > 0 ? s * HUGE * HUGE : s * TINY * TINY;
    // |1 - x| <= 2^-20: log(x) by x - x^2/2 + x^3/3 - x^4/4.
    const t = ax - 1;
    const w = (t * t) * (0.5 - t * (0.3333333333333333333333 - t * 0.25));
    const u = IVLN2_H * t;
    const v = t * IVLN2_L - w * IVLN2;
    t1 = clearLowWord(u + v);
    t2 = v - (t1 - u);
  } else {
    n = 0;
    if (ix < 0x00100000) { // subnormal x
      ax *= TWO53;
      n -= 53;
      ix = highWord(ax);
    }
    const e = (ix >> 20) - 0x3ff;
    n += e;
    const j = ix & 0x000fffff;
    // The interval of x: |x| < sqrt(3/2), |x| < sqrt(3), or halved. The exponent set by multiplying by 2^-e (or 2^-(e+1)).
    ix = j | 0x3ff00000;
    let k: number;
    if (j <= 0x3988e) {
      k = 0;
      ax *= POW2[1100 - e];
    } else if (j < 0xbb67a) {
      k = 1;
      ax *= POW2[1100 - e];
    } else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
      ax *= POW2[1099 - e];
    }
    // ss = s_h + s_l = (x - 1) / (x + 1) or (x - 1.5) / (x + 1.5).
    let u = ax - BP[k];
    let v = 1 / (ax + BP[k]);
    const ss = u * v;
    const sH = clearLowWord(ss);
    let tH = fromHighWord(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18)); // ax + BP[k], high part
    let tL = ax - (tH - BP[k]);
    const sL = v * ((u - sH * tH) - sH * tL);
    // log(ax).
    let s2 = ss * ss;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += sL * (sH + ss);
    s2 = sH * sH;
    tH = clearLowWord(3.0 + s2 + r);
    tL = r - ((tH - 3.0) - s2);
    // u + v = ss (1 + ...).
    u = sH * tH;
    v = sL * tH + tL * ss;
    // 2 / (3 log2) (ss + ...).
    const pH = clearLowWord(u + v);
    const pL = v - (pH - u);
    const zH = CP_H * pH;
    const zL = CP_L * pH + pL * CP + DP_L[k];
    // log2(ax) = (ss + ...) 2 / (3 log2) = n + DP_H + zH + zL.
    const t = n;
    t1 = clearLowWord(((zH + zL) + DP_H[k]) + t);
    t2 = zL - (((t1 - t) - DP_H[k]) - zH);
  }

  // (y1 + y2) (t1 + t2), y split in two.
  const y1 = clearLowWord(y);
  const pL = (y - y1) * t1 + y * t2;
  let pH = y1 * t1;
  let z = pL + pH;
  F64[0] = z;
  let j = I32[HI_WORD];
  let i = I32[LO_WORD] >>> 0;
  if (j >= 0x40900000) { // z >= 1024
    if (((j - 0x40900000) | i) !== 0) return s * HUGE * HUGE; // z > 1024: overflow
    if (pL + OVT > z - pH) return s * HUGE * HUGE;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) { // z <= -1075
    if (((j - (0xc090cc00 | 0)) | i) !== 0) return s * TINY * TINY; // z < -1075: underflow
    if (pL <= z - pH) return s * TINY * TINY;
  }
  // 2^(pH + pL).
  i = j & 0x7fffffff;
  let k = (i >> 20) - 0x3ff;
  n = 0;
  if (i > 0x3fe00000) { // |z| > 0.5: n = [z + 0.5]
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff; // the new k for n
    const t = fromHighWord(n & ~(0x000fffff >> k));
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pH -= t;
  }
  const t = clearLowWord(pL + pH);
  const u = t * LG2_H;
  const v = (pL - (t - pH)) * LG2 + t * LG2_L;
  z = u + v;
  const w = v - (z - u);
  const tt = z * z;
  const tt1 = z - tt * (P1 + tt * (P2 + tt * (P3 + tt * (P4 + tt * P5))));
  // V8's port divides by the whole difference, where fdlibm has (z t1) / (t1 - 2) - (w + z w): kept, for
  // Node's doubles (this is what Math.pow gives in Node 20, 1 ulp off fdlibm's result now and then).
  const r = (z * tt1) / ((tt1 - 2.0) - (w + z * w));
  z = 1 - (r - z);
  F64[0] = z;
  j = I32[HI_WORD] + (n << 20);
  if ((j >> 20) <= 0) z = scalbn(z, n); // subnormal output
  else z = n > 1023 ? z * 2 * POW2[2123] : z * POW2[1100 + n]; // n added to the exponent field (a normal result): exact
  return s * z;
}

/*
 * asin, acos, atan and atan2, ported from fdlibm (e_asin.c, e_acos.c,
 * s_atan.c, e_atan2.c) as V8 11 adapted them in src/base/ieee754.cc (the
 * Math functions of Node 20).
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
import { highWord, lowWord, withLowWord } from './words.js';

const PI = 3.14159265358979311600e+00;
const PIO2_HI = 1.57079632679489655800e+00;
const PIO2_LO = 6.12323399573676603587e-17;
const PIO4_HI = 7.85398163397448278999e-01;
const pS0 = 1.66666666666666657415e-01, pS1 = -3.25565818622400915405e-01, pS2 = 2.01212532134862925881e-01;
const pS3 = -4.00555345006794114027e-02, pS4 = 7.91534994289814532176e-04, pS5 = 3.47933107596021167570e-05;
const qS1 = -2.40339491173441421878e+00, qS2 = 2.02094576023350569471e+00;
const qS3 = -6.88283971605453293030e-01, qS4 = 7.70381505559019352791e-02;
const HUGE = 1.0e+300;

/** (asin(x) - x) / x^3 as a rational function of z = x^2, times z: p(z) and q(z). */
function p(z: number): number {
  return z * (pS0 + z * (pS1 + z * (pS2 + z * (pS3 + z * (pS4 + z * pS5)))));
}
function q(z: number): number {
  return 1 + z * (qS1 + z * (qS2 + z * (qS3 + z * qS4)));
}

/** acos: pi/2 - asin(x) below 0.5 in size, 2 asin(sqrt((1 - |x|) / 2)) (or pi minus it) beyond. */
export function acos(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) { // |x| >= 1
    if (((ix - 0x3ff00000) | lowWord(x)) === 0) return hx > 0 ? 0 : PI + 2.0 * PIO2_LO;
    return NaN;
  }
  if (ix < 0x3fe00000) { // |x| < 0.5
    if (ix <= 0x3c600000) return PIO2_HI + PIO2_LO; // |x| < 2^-57
    const z = x * x;
    const r = p(z) / q(z);
    return PIO2_HI - (x - (PIO2_LO - x * r));
  }
  if (hx < 0) { // x < -0.5
    const z = (1 + x) * 0.5;
    const pz = p(z);
    const qz = q(z);
    const s = Math.sqrt(z);
    const r = pz / qz;
    const w = r * s - PIO2_LO;
    return PI - 2.0 * (s + w);
  }
  const z = (1 - x) * 0.5; // x > 0.5
  const s = Math.sqrt(z);
  const df = withLowWord(s, 0);
  const c = (z - df * df) / (s + df);
  const r = p(z) / q(z);
  const w = r * s + c;
  return 2.0 * (df + w);
}

/** asin: x + x^3 R(x^2) below 0.5 in size, pi/2 - 2 asin(sqrt((1 - |x|) / 2)) beyond. */
export function asin(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) { // |x| >= 1
    if (((ix - 0x3ff00000) | lowWord(x)) === 0) return x * PIO2_HI + x * PIO2_LO;
    return NaN;
  }
  if (ix < 0x3fe00000) { // |x| < 0.5
    let t = 0;
    if (ix < 0x3e400000) { // |x| < 2^-27
      if (HUGE + x > 1) return x;
    } else {
      t = x * x;
    }
    const w = p(t) / q(t);
    return x + x * w;
  }
  const w = 1 - Math.abs(x);
  let t = w * 0.5;
  const pt = p(t);
  const qt = q(t);
  const s = Math.sqrt(t);
  if (ix >= 0x3fef3333) { // |x| > 0.975
    t = PIO2_HI - (2.0 * (s + s * (pt / qt)) - PIO2_LO);
  } else {
    const f = withLowWord(s, 0);
    const c = (t - f * f) / (s + f);
    const r = pt / qt;
    const pp = 2.0 * s * r - (PIO2_LO - 2.0 * c);
    const qq = PIO4_HI - 2.0 * f;
    t = PIO4_HI - (pp - qq);
  }
  return hx > 0 ? t : -t;
}

const ATAN_HI = [4.63647609000806093515e-01, 7.85398163397448278999e-01, 9.82793723247329054082e-01, 1.57079632679489655800e+00];
const ATAN_LO = [2.26987774529616870924e-17, 3.06161699786838301793e-17, 1.39033110312309984516e-17, 6.12323399573676603587e-17];
const AT = [
  3.33333333333329318027e-01, -1.99999999998764832476e-01, 1.42857142725034663711e-01, -1.11111104054623557880e-01,
  9.09088713343650656196e-02, -7.69187620504482999495e-02, 6.66107313738753120669e-02, -5.83357013379057348645e-02,
  4.97687799461593236017e-02, -3.65315727442169155270e-02, 1.62858201153657823623e-02,
];

/** atan: reduced to [0, 7/16] by atan(x) = atan(c) + atan((x - c) / (1 + cx)) for c = 1/2, 1, 3/2, inf, then a polynomial. */
export function atan(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  let id: number;
  if (ix >= 0x44100000) { // |x| >= 2^66
    if (ix > 0x7ff00000 || (ix === 0x7ff00000 && lowWord(x) !== 0)) return x + x; // NaN
    return hx > 0 ? ATAN_HI[3] + ATAN_LO[3] : -ATAN_HI[3] - ATAN_LO[3];
  }
  if (ix < 0x3fdc0000) { // |x| < 0.4375
    if (ix < 0x3e400000 && HUGE + x > 1) return x; // |x| < 2^-27
    id = -1;
  } else {
    x = Math.abs(x);
    if (ix < 0x3ff30000) { // |x| < 1.1875
      if (ix < 0x3fe60000) { // 7/16 <= |x| < 11/16
        id = 0;
        x = (2.0 * x - 1) / (2.0 + x);
      } else {
        id = 1;
        x = (x - 1) / (x + 1);
      }
    } else if (ix < 0x40038000) { // |x| < 2.4375
      id = 2;
      x = (x - 1.5) / (1 + 1.5 * x);
    } else {
      id = 3;
      x = -1.0 / x;
    }
  }
  const z = x * x;
  const w = z * z;
  const s1 = z * (AT[0] + w * (AT[2] + w * (AT[4] + w * (AT[6] + w * (AT[8] + w * AT[10])))));
  const s2 = w * (AT[1] + w * (AT[3] + w * (AT[5] + w * (AT[7] + w * AT[9]))));
  if (id < 0) return x - x * (s1 + s2);
  const zz = ATAN_HI[id] - ((x * (s1 + s2) - ATAN_LO[id]) - x);
  return hx < 0 ? -zz : zz;
}

const TINY = 1.0e-300;
const PI_O_4 = 7.8539816339744827900e-01;
const PI_O_2 = 1.5707963267948965580e+00;
const PI_LO = 1.2246467991473531772e-16;

/** atan2(y, x): the angle of (x, y), by atan(|y / x|) placed in its quadrant, with the special cases of zeros and infinities. */
export function atan2(y: number, x: number): number {
  const hx = highWord(x);
  const lx = lowWord(x);
  const ix = hx & 0x7fffffff;
  const hy = highWord(y);
  const ly = lowWord(y);
  const iy = hy & 0x7fffffff;
  if ((ix | ((lx | -lx) >>> 31)) > 0x7ff00000 || (iy | ((ly | -ly) >>> 31)) > 0x7ff00000) return x + y; // NaN
  if (((hx - 0x3ff00000) | lx) === 0) return atan(y); // x = 1
  let m = ((hy >>> 31) & 1) | ((hx >>> 30) & 2); // 2 sign(x) + sign(y)
  if ((iy | ly) === 0) { // y = 0
    switch (m) {
      case 0:
      case 1: return y;
      case 2: return PI + TINY;
      default: return -PI - TINY;
    }
  }
  if ((ix | lx) === 0) return hy < 0 ? -PI_O_2 - TINY : PI_O_2 + TINY; // x = 0
  if (ix === 0x7ff00000) { // x is inf
    if (iy === 0x7ff00000) {
      switch (m) {
        case 0: return PI_O_4 + TINY;
        case 1: return -PI_O_4 - TINY;
        case 2: return 3.0 * PI_O_4 + TINY;
        default: return -3.0 * PI_O_4 - TINY;
      }
    }
    switch (m) {
      case 0: return 0;
      case 1: return -0;
      case 2: return PI + TINY;
      default: return -PI - TINY;
    }
  }
  if (iy === 0x7ff00000) return hy < 0 ? -PI_O_2 - TINY : PI_O_2 + TINY; // y is inf
  const k = (iy - ix) >> 20;
  let z: number;
  if (k > 60) { // |y / x| > 2^60
    z = PI_O_2 + 0.5 * PI_LO;
    m &= 1;
  } else if (hx < 0 && k < -60) {
    z = 0; // 0 > |y| / x > -2^-60
  } else {
    z = atan(Math.abs(y / x));
  }
  switch (m) {
    case 0: return z;
    case 1: return -z;
    case 2: return PI - (z - PI_LO);
    default: return (z - PI_LO) - PI;
  }
}

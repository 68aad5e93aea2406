/*
 * cbrt, ported from FreeBSD's msun (s_cbrt.c, fdlibm's cube root as Bruce
 * D. Evans reworked it) as V8 11 adapted it in src/base/ieee754.cc (the
 * Math.cbrt of Node 20).
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunPro, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 * V8's adaptations: Copyright 2016 the V8 project authors (BSD licence: NOTICE in this folder).
 */
import { fromWords, highWord, lowWord } from './words.js';

const B1 = 715094163; // (1023 - 1023/3 - 0.03306235651) 2^20
const B2 = 696219795; // (1023 - 1023/3 - 54/3 - 0.03306235651) 2^20
const P0 = 1.87595182427177009643, P1 = -1.88497979543377169875, P2 = 1.621429720105354466140;
const P3 = -0.758397934778766047437, P4 = 0.145996192886612446982;

/**
 * The cube root: 5 bits from the exponent, 23 from a polynomial in t^3/x,
 * rounded away from zero to 23 bits, then one Newton step to 53 bits (error
 * below 0.667 ulp).
 */
export function cbrt(x: number): number {
  let hx = highWord(x);
  const low = lowWord(x);
  const sign = hx & 0x80000000;
  hx ^= sign;
  if (hx >= 0x7ff00000) return x + x; // NaN, inf
  let t: number;
  if (hx < 0x00100000) { // zero or subnormal
    if ((hx | low) === 0) return x;
    t = fromWords(0x43500000, 0) * x; // 2^54 x
    const high = highWord(t);
    t = fromWords(sign | (((high & 0x7fffffff) / 3) | 0) + B2, 0);
  } else {
    t = fromWords(sign | ((hx / 3) | 0) + B1, 0);
  }
  let r = (t * t) * (t / x);
  t = t * ((P0 + r * (P1 + r * P2)) + ((r * r) * r) * (P3 + r * P4));
  // Round t away from zero to 23 bits: add 2^31 to the 64-bit pattern, clear the low 30 bits.
  const lo = lowWord(t);
  let hi = highWord(t);
  const sum = lo + 0x80000000;
  if (sum >= 0x100000000) hi += 1;
  t = fromWords(hi, (sum >>> 0) & 0xc0000000);
  const s = t * t; // exact
  r = x / s;
  const w = t + t; // exact
  r = (r - t) / (w + r);
  return t + t * r;
}

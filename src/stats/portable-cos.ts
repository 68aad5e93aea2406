/**
 * The cosine as fdlibm computes it (Sun's freely distributable libm, which
 * V8 ported as its Math.cos): the same double for the same argument in
 * every JavaScript engine. Node 20's V8 still uses that port, while
 * Chromium's newer V8 computes Math.sin and Math.cos with glibc's algorithm,
 * which differs in the last bit for some arguments. The quadrature rules'
 * starting points go through this, so their nodes (found by Newton's
 * method from them) and everything computed on them are the same in the
 * explorer page as on the command line, to the last digit.
 * test/stats/portable-cos.test.ts checks it against Node's Math.cos.
 *
 * Arguments up to 2^19 pi/2 in size (the "medium" range of fdlibm's
 * argument reduction); beyond that, where nothing here needs it, Math.cos.
 */

const words = new DataView(new ArrayBuffer(8));

function highWord(x: number): number {
  words.setFloat64(0, x);
  return words.getInt32(0);
}

function withHighWord(high: number): number {
  words.setInt32(0, high);
  words.setInt32(4, 0);
  return words.getFloat64(0);
}

/** cos on [-pi/4, pi/4], of x + y (y: the tail of a reduced argument). */
function kernelCos(x: number, y: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return 1;
  const z = x * x;
  const r = z * (4.16666666666666019037e-02 + z * (-1.38888888888741095749e-03 + z * (2.48015872894767294178e-05 +
    z * (-2.75573143513906633035e-07 + z * (2.08757232129817482790e-09 + z * -1.13596475577881948265e-11)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y));
  // Subtract a quarter of x's size exactly first, for accuracy near pi/4.
  const qx = ix > 0x3fe90000 ? 0.28125 : withHighWord(ix - 0x00200000);
  return (1 - qx) - ((0.5 * z - qx) - (z * r - x * y));
}

/** sin on [-pi/4, pi/4], of x + y. */
function kernelSin(x: number, y: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return x;
  const z = x * x;
  const v = z * x;
  const r = 8.33333333332248946124e-03 + z * (-1.98412698298579493134e-04 + z * (2.75573137070700676789e-06 +
    z * (-2.50507602534068634195e-08 + z * 1.58969099521155010221e-10)));
  return x - ((z * (0.5 * y - v * r) - y) - v * -1.66666666666666324348e-01);
}

/** pi/2 in three pieces of 33 bits and their tails. */
const PIO2_1 = 1.57079632673412561417e+00, PIO2_1T = 6.07710050650619224932e-11;
const PIO2_2 = 6.07710050630396597660e-11, PIO2_2T = 2.02226624879595063154e-21;
const PIO2_3 = 2.02226624871116645580e-21, PIO2_3T = 8.47842766036889956997e-32;

/** x reduced to [-pi/4, pi/4] as y0 + y1, with the number n of quarter turns taken off. */
function reduce(x: number): { n: number; y0: number; y1: number } {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix < 0x4002d97c) {
    // |x| < 3pi/4: one quarter turn.
    const s = hx > 0 ? 1 : -1;
    let z = x - s * PIO2_1;
    if (ix !== 0x3ff921fb) {
      const y0 = z - s * PIO2_1T;
      return { n: s, y0, y1: (z - y0) - s * PIO2_1T };
    }
    z -= s * PIO2_2; // near pi/2: more bits of pi
    const y0 = z - s * PIO2_2T;
    return { n: s, y0, y1: (z - y0) - s * PIO2_2T };
  }
  const t = Math.abs(x);
  const n = Math.trunc(t * 6.36619772367581382433e-01 + 0.5);
  let r = t - n * PIO2_1;
  let w = n * PIO2_1T;
  let y0 = r - w;
  const j = ix >> 20;
  // Cancellation with a multiple of pi/2: take further pieces of pi until the result keeps its bits.
  if (j - ((highWord(y0) >> 20) & 0x7ff) > 16) {
    let u = r;
    w = n * PIO2_2;
    r = u - w;
    w = n * PIO2_2T - ((u - r) - w);
    y0 = r - w;
    if (j - ((highWord(y0) >> 20) & 0x7ff) > 49) {
      u = r;
      w = n * PIO2_3;
      r = u - w;
      w = n * PIO2_3T - ((u - r) - w);
      y0 = r - w;
    }
  }
  const y1 = (r - y0) - w;
  return hx < 0 ? { n: -n, y0: -y0, y1: -y1 } : { n, y0, y1 };
}

export function portableCos(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelCos(x, 0);
  if (ix >= 0x7ff00000) return NaN;
  if (ix > 0x413921fb) return Math.cos(x);
  const { n, y0, y1 } = reduce(x);
  switch (n & 3) {
    case 0: return kernelCos(y0, y1);
    case 1: return -kernelSin(y0, y1);
    case 2: return -kernelCos(y0, y1);
    default: return kernelSin(y0, y1);
  }
}

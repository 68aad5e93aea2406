/**
 * The two 32-bit halves of a double, as fdlibm reads and writes them
 * (GET_HIGH_WORD, INSERT_WORDS, ...): through one shared buffer, with the
 * high word's index found once for the machine's byte order.
 */

const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);
f64[0] = 1;
const HI = i32[1] === 0x3ff00000 ? 1 : 0;
const LO = 1 - HI;

/** The shared buffer itself, for the hottest functions (log, log1p) to read a word with no call. */
export const F64 = f64;
export const I32 = i32;
export const HI_WORD = HI;
export const LO_WORD = LO;

/** The high word (sign, exponent, 20 bits of fraction), signed as fdlibm's int32_t. */
export function highWord(x: number): number {
  f64[0] = x;
  return i32[HI];
}

/** The low word (32 bits of fraction), unsigned as fdlibm's uint32_t. */
export function lowWord(x: number): number {
  f64[0] = x;
  return i32[LO] >>> 0;
}

/** The double of these two words. */
export function fromWords(high: number, low: number): number {
  i32[HI] = high;
  i32[LO] = low;
  return f64[0];
}

/**
 * 2^e for e in [-1074, 1023] at POW2[1100 + e]: exact. Multiplying by one
 * sets a double's exponent as writing its high word would (where the result
 * is normal), and quicker: a word written into the buffer and the double
 * read back cannot be forwarded from the store, and waits for it.
 */
export const POW2 = new Float64Array(2124);
for (let e = 0, p = 1; e <= 1023; e++, p *= 2) POW2[1100 + e] = p;
for (let e = -1, p = 0.5; e >= -1074; e--, p /= 2) POW2[1100 + e] = p;

/** x with its low word replaced (SET_LOW_WORD). */
export function withLowWord(x: number, low: number): number {
  f64[0] = x;
  i32[LO] = low;
  return f64[0];
}

/** x with its high word replaced (SET_HIGH_WORD). */
export function withHighWord(x: number, high: number): number {
  f64[0] = x;
  i32[HI] = high;
  return f64[0];
}

/** fdlibm's scalbn: x times 2^n, rounded once (for a subnormal result, by the last multiplication). */
export function scalbn(x: number, n: number): number {
  let hx = highWord(x);
  let k = (hx & 0x7ff00000) >> 20;
  if (k === 0) {
    if ((lowWord(x) | (hx & 0x7fffffff)) === 0) return x;
    x *= 1.80143985094819840000e+16; // 2^54
    hx = highWord(x);
    k = ((hx & 0x7ff00000) >> 20) - 54;
    if (n < -50000) return 1.0e-300 * x;
  }
  if (k === 0x7ff) return x + x;
  k += n;
  if (k > 0x7fe) return 1.0e+300 * (x < 0 ? -1.0e+300 : 1.0e+300);
  if (k > 0) return withHighWord(x, (hx & 0x800fffff) | (k << 20));
  if (k <= -54) {
    if (n > 50000) return 1.0e+300 * (x < 0 ? -1.0e+300 : 1.0e+300);
    return 1.0e-300 * (x < 0 ? -1.0e-300 : 1.0e-300);
  }
  k += 54;
  return withHighWord(x, (hx & 0x800fffff) | (k << 20)) * 5.55111512312578270212e-17; // 2^-54
}

/**
 * x with its low word cleared (SET_LOW_WORD(x, 0): x cut toward zero to 21
 * significant bits), by arithmetic where x is at least 2^-1003 in size:
 * trunc(x 2^(20 - e)) 2^(e - 20), each step exact. Quicker than writing
 * the word (see POW2).
 */
export function clearLowWord(x: number): number {
  f64[0] = x;
  const e = (i32[HI] >>> 20) & 0x7ff;
  if (e < 20 || e === 0x7ff) return withLowWord(x, 0);
  return Math.trunc(x * POW2[2143 - e]) * POW2[e + 57];
}

/** The double whose high word is `high` and low word 0 (INSERT_WORDS(d, high, 0)), by arithmetic for a normal one. */
export function fromHighWord(high: number): number {
  const e = (high >>> 20) & 0x7ff;
  if (e === 0 || e === 0x7ff) return fromWords(high, 0);
  const m = (0x100000 + (high & 0xfffff)) * POW2[e + 57]; // 2^(e - 1023 - 20)
  return high < 0 ? -m : m;
}

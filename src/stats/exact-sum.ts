/**
 * Exactly rounded, order-independent summation.
 *
 * Values are added into a fixed-point superaccumulator (Neal 2015, "Fast
 * exact summation using small and large superaccumulators", arXiv:1505.05571):
 * every finite double is an integer multiple of 2^-1074, so a sum of doubles
 * is an integer count of 2^-1074 units, held here in 32-bit digits, each a
 * double (an integer below 2^53, so 2^20 digits of 32 bits add up exactly
 * before the carries must be propagated). An add splits the value's 53-bit
 * significand across the three digits it overlaps: a few integer operations
 * whatever the data, where keeping the sum as a list of non-overlapping
 * partials (Shewchuk 1997, "Adaptive precision floating-point arithmetic")
 * walked the whole list, 5-8 partials for sums of estimates, at each add.
 *
 * Those partials are still the form a sum is read and written in (`partials`,
 * shard and checkpoint files) and rounded from (`value()`, CPython's
 * math.fsum): the digits, each exactly a double, are added into a partials
 * list when one is asked for. Adding the same values in any order, or merging
 * sums over any split of them, gives the same exact sum and so the same
 * rounded value: a summary is byte-identical whatever the number of workers,
 * the chunk size or the shard split.
 */

/** Digits of 32 bits from 2^-1074 up: the largest double's top bit is bit 2097; two spare digits take the carries. */
const DIGITS = 68;
const RADIX = 2 ** 32;
/** Adds between carry propagations: a digit then stays below 2^20 * 2^32 * 2 < 2^53 in magnitude, so exact. */
const ADDS_BEFORE_CARRY = 1 << 20;
/** The value of a unit in digit k, 2^(32k - 1074) (Infinity beyond the doubles' range). */
const UNIT = Float64Array.from({ length: DIGITS }, (_, k) => 2 ** (32 * k - 1074));

/** Scratch for reading a double's bits (little-endian: word 0 is the low half). */
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

const overflow = () => new RangeError('exact sum overflowed the double range');

export class ExactSum {
  /** The sum in 2^-1074 units: Σ digit[k] * 2^(32k). */
  private readonly digit = new Float64Array(DIGITS);
  /** The digits that may be nonzero: [low, high]; low > high when none is. */
  private low = DIGITS;
  private high = -1;
  private addsSinceCarry = 0;
  /** Whether every value added was -0 (and at least one was): the sum is then -0, as IEEE addition gives. */
  private negativeZero = false;
  private empty = true;

  /** Back to an empty sum (0), keeping the storage. */
  clear(): void {
    if (this.low <= this.high) this.digit.fill(0, this.low, this.high + 1);
    this.low = DIGITS;
    this.high = -1;
    this.addsSinceCarry = 0;
    this.negativeZero = false;
    this.empty = true;
  }

  /** Adds x exactly. Non-finite values must be filtered by the caller (they throw). */
  add(x: number): void {
    if (x === 0) {
      this.negativeZero = (this.empty || this.negativeZero) && 1 / x < 0;
      this.empty = false;
      return;
    }
    this.negativeZero = false;
    this.empty = false;
    bits[0] = x;
    const lo = words[0], hi = words[1];
    const exponent = (hi >>> 20) & 0x7ff;
    if (exponent === 0x7ff) throw overflow();
    // Significand m (53 bits, 52 for subnormals) and the position of its lowest bit: x = ±m 2^(q - 1074).
    const top = exponent === 0 ? hi & 0xfffff : (hi & 0xfffff) | 0x100000;
    const q = exponent === 0 ? 0 : exponent - 1;
    const k = q >>> 5, shift = q & 31;
    // m shifted into three 32-bit pieces (JavaScript's shifts count mod 32: no shift is its own case).
    const p0 = shift === 0 ? lo : (lo << shift) >>> 0;
    const p1 = shift === 0 ? top : ((lo >>> (32 - shift)) | (top << shift)) >>> 0;
    const p2 = shift === 0 ? 0 : top >>> (32 - shift);
    const d = this.digit;
    if (hi >>> 31) { d[k] -= p0; d[k + 1] -= p1; d[k + 2] -= p2; } else { d[k] += p0; d[k + 1] += p1; d[k + 2] += p2; }
    if (k < this.low) this.low = k;
    if (k + 2 > this.high) this.high = k + 2;
    if (++this.addsSinceCarry === ADDS_BEFORE_CARRY) this.carry();
  }

  /** Adds every partial of another sum (an exact merge). */
  merge(other: { partials: readonly number[] }): void {
    const p = other.partials;
    for (let k = 0; k < p.length; k++) this.add(p[k]);
  }

  /**
   * The sum as non-overlapping partials, smallest magnitude first, whose
   * exact sum is the sum (the form written to files and rounded by value()).
   */
  get partials(): number[] {
    if (this.negativeZero) return [-0];
    this.normalise();
    const partials: number[] = [];
    for (let k = this.low; k <= this.high; k++) {
      if (this.digit[k] === 0) continue;
      const x = this.digit[k] * UNIT[k];
      if (!Number.isFinite(x)) throw overflow();
      addPartial(partials, x);
    }
    return partials;
  }

  set partials(values: number[]) {
    this.clear();
    for (const x of values) this.add(x);
  }

  /** The exact sum rounded to the nearest double (ties to even). */
  value(): number {
    return roundPartials(this.partials);
  }

  static from(partials: readonly number[]): ExactSum {
    const s = new ExactSum();
    s.partials = partials.slice();
    return s;
  }

  /**
   * Propagates carries toward zero, so that every digit but the top one is
   * below 2^32 in magnitude (the digits may differ in sign): exact, the sum
   * unchanged.
   */
  private carry(): void {
    this.addsSinceCarry = 0;
    const d = this.digit;
    for (let k = this.low; k < DIGITS - 1 && k <= this.high; k++) {
      const c = Math.trunc(d[k] / RADIX);
      if (c === 0) continue;
      d[k] -= c * RADIX;
      d[k + 1] += c;
      if (k + 1 > this.high) this.high = k + 1;
    }
    this.trim();
  }

  /**
   * The one representation of the sum: carries propagated, then every digit
   * given the sign of the sum (that of the highest nonzero digit, which
   * outweighs all below it) by borrowing from the digit above. The partials
   * then depend on the sum alone, not on the order of the adds.
   */
  private normalise(): void {
    this.carry();
    if (this.low > this.high) return;
    const d = this.digit, sign = Math.sign(d[this.high]);
    for (let k = this.low; k < this.high; k++) {
      if (d[k] * sign >= 0) continue;
      d[k] += sign * RADIX;
      d[k + 1] -= sign;
    }
    this.trim();
  }

  /** Narrows [low, high] to the nonzero digits. */
  private trim(): void {
    const d = this.digit;
    while (this.high >= this.low && d[this.high] === 0) this.high--;
    while (this.low <= this.high && d[this.low] === 0) this.low++;
    if (this.low > this.high) { this.low = DIGITS; this.high = -1; }
  }
}

/** Shewchuk's grow-expansion: adds x to non-overlapping partials (smallest first), exactly. */
function addPartial(partials: number[], x: number): void {
  let i = 0;
  for (let j = 0; j < partials.length; j++) {
    let y = partials[j];
    if (Math.abs(x) < Math.abs(y)) { const t = x; x = y; y = t; }
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) partials[i++] = lo;
    x = hi;
  }
  if (!Number.isFinite(x)) throw overflow();
  partials.length = i;
  partials.push(x);
}

/** The exact sum of non-overlapping partials (smallest first) rounded to the nearest double, ties to even (CPython's math_fsum). */
function roundPartials(p: readonly number[]): number {
  let n = p.length;
  if (n === 0) return 0;
  let hi = p[--n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = p[--n];
    hi = x + y;
    const yr = hi - x;
    lo = y - yr;
    if (lo !== 0) break;
  }
  // Correct the half-way case: if the rest of the partials push the
  // rounding the other way, adjust.
  if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    const yr = x - hi;
    if (y === yr) hi = x;
  }
  return hi;
}

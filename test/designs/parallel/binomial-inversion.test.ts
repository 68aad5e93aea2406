/**
 * The binomial tables give binomialDeviate's deviate for every uniform, bit
 * for bit: kept cumulative probabilities searched, extended on demand, and
 * probabilities above 1/2 (through the complement), at 0 and 1, and n large
 * enough that the walk from the mode is taken.
 */
import { describe, it, expect } from 'vitest';
import { binomialDeviate, BinomialTables } from '../../../src/designs/parallel/binomial-inversion.js';
import { mulberry32 } from '../../helpers/mulberry32.js';

describe('binomial tables', () => {
  it('invert every uniform as binomialDeviate does', () => {
    const probabilities = [0.3, 0.45, 0.5, 0.7, 0.999, 1e-9, 0, 1, 0.5000000000000001];
    const tables = new BinomialTables(probabilities);
    const u = mulberry32(3);
    const sizes = [0, 1, 2, 7, 150, 151, 300, 5000, 20000];
    for (let k = 0; k < 60_000; k++) {
      const which = k % probabilities.length, n = sizes[Math.floor(u() * sizes.length)];
      // Uniforms at the table's own values too: where F(k) = u decides.
      const v = k % 7 === 0 ? binomialCdfAt(n, probabilities[which], Math.floor(u() * (n + 1))) : u();
      const want = binomialDeviate(n, probabilities[which], v), got = tables.deviate(n, which, v);
      if (got !== want) expect([n, probabilities[which], v, got]).toEqual([n, probabilities[which], v, want]);
    }
  });
});

/** F(k) as binomialDeviate's walk from 0 sums it (or 0.5 where that walk is not taken). */
function binomialCdfAt(n: number, p: number, k: number): number {
  const walked = p > 0.5 ? 1 - p : p;
  const start = n * Math.log1p(-walked);
  if (!(start > -700) || walked <= 0 || walked >= 1) return 0.5;
  let pk = Math.exp(start), F = pk;
  for (let j = 0; j < k; j++) { pk *= ((n - j) / (j + 1)) * (walked / (1 - walked)); F += pk; }
  return p > 0.5 ? 1 - F : F;
}

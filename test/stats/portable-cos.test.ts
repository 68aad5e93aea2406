/**
 * portableCos is fdlibm's cosine, which Node 20's V8 uses for Math.cos:
 * the same doubles, bit for bit, on the quadrature rules' starting points
 * and on arguments across the range it covers (a browser whose Math.cos
 * differs in the last bit gets Node's values from it).
 */
import { it, expect } from 'vitest';
import fc from 'fast-check';
import { portableCos } from '../../src/stats/portable-cos.js';

it('gives Math.cos\'s doubles (fdlibm, in Node 20) bit for bit', () => {
  for (let m = 1; m <= 300; m++) {
    for (let i = 0; i < m; i++) {
      const x = (Math.PI * (i + 0.75)) / (m + 0.5);
      expect(Object.is(portableCos(x), Math.cos(x)), `cos(${x})`).toBe(true);
    }
  }
  for (let k = -64; k <= 64; k++) for (const x of [k * Math.PI / 4, k * Math.PI / 2 + 1e-9, k]) expect(Object.is(portableCos(x), Math.cos(x)), `cos(${x})`).toBe(true);
  fc.assert(fc.property(fc.double({ min: -8e5, max: 8e5, noNaN: true }), (x) => Object.is(portableCos(x), Math.cos(x))), { numRuns: 20_000 });
  expect(portableCos(NaN)).toBeNaN();
  expect(portableCos(Infinity)).toBeNaN();
});

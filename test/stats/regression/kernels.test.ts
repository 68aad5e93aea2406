/** Regression kernels and argsort against reference loops written another way. */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { argsort } from '../../../src/stats/regression/argsort.js';
import { gramKernel, linearPredictorKernel, outerKernel } from '../../../src/stats/regression/kernels.js';

const rng = seedrandom('kernels');
const random = (len: number): Float64Array => Float64Array.from({ length: len }, () => rng() * 4 - 2);

describe('regression kernels', () => {
  for (let p = 0; p <= 7; p++) {
    it(`agree with reference loops for p = ${p}`, () => {
      const n = 23;
      const X = random(n * p);
      const w = random(n);
      const z = random(n);
      const c = random(p);
      for (const [weighted, rhs, centered] of [[true, true, false], [false, false, true], [false, true, false]] as const) {
        const G = new Float64Array(p * p);
        const b = new Float64Array(p);
        gramKernel(p, weighted, rhs, centered)(X, n, weighted ? w : null, rhs ? z : null, centered ? c : null, G, b);
        for (let j = 0; j < p; j++) {
          let bj = 0;
          for (let k = 0; k <= j; k++) {
            let g = 0;
            for (let i = 0; i < n; i++) {
              const wi = weighted ? w[i]! : 1;
              g += wi * (X[i * p + j]! - (centered ? c[j]! : 0)) * (X[i * p + k]! - (centered ? c[k]! : 0));
            }
            expect(G[j * p + k]).toBeCloseTo(g, 12);
          }
          for (let i = 0; i < n; i++) bj += (weighted ? w[i]! : 1) * z[i]! * X[i * p + j]!;
          if (rhs) expect(b[j]).toBeCloseTo(bj, 12);
        }
      }
      const beta = random(p);
      const eta = new Float64Array(n);
      linearPredictorKernel(p)(X, n, beta, eta);
      for (let i = 0; i < n; i++) {
        let e = 0;
        for (let j = 0; j < p; j++) e += X[i * p + j]! * beta[j]!;
        expect(eta[i]).toBeCloseTo(e, 12);
      }
      const a = new Float64Array(p);
      const C = new Float64Array(p * p);
      outerKernel(p)(X, 5, 0.7, a, C);
      outerKernel(p)(X, 5, 0.3, a, C);
      for (let j = 0; j < p; j++) {
        expect(a[j]).toBeCloseTo(X[5 * p + j]!, 12);
        for (let k = 0; k <= j; k++) expect(C[j * p + k]).toBeCloseTo(X[5 * p + j]! * X[5 * p + k]!, 12);
      }
    });
  }
});

describe('argsort', () => {
  it('sorts ascending and keeps tied keys in input order', () => {
    for (const n of [0, 1, 5, 16, 17, 100, 401]) {
      const keys = Float64Array.from({ length: n }, () => Math.round(rng() * 20) / 2);
      const order = Array.from(argsort(keys));
      const expected = Array.from({ length: n }, (_, i) => i).sort((i, j) => keys[i]! - keys[j]! || i - j);
      expect(order).toEqual(expected);
    }
  });
});

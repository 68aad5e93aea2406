import { describe, it, expect } from 'vitest';
import { logitNormalBinomial } from '../../../src/stats/basket/logit-normal-binomial.js';
import { gaussLegendre } from '../../../src/stats/basket/quadrature.js';

/** Composite Simpson on [a, b] with N (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, N: number): number {
  const h = (b - a) / N;
  let s = f(a) + f(b);
  for (let i = 1; i < N; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

/**
 * Brute-force L, A/L, M/L with Simpson on a wide fine grid split at t (the
 * integrand scaled by its maximum over a coarse scan, to avoid underflow).
 */
function brute(y: number, n: number, c: number, t: number, mu: number, tau: number) {
  const logG = (th: number): number => {
    const x = th + c;
    const lf = y * x - n * (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
    return lf - 0.5 * ((th - mu) / tau) ** 2;
  };
  const lo = Math.min(mu - 12 * tau, -80);
  const hi = Math.max(mu + 12 * tau, 80);
  let ref = -Infinity;
  for (let i = 0; i <= 20_000; i++) ref = Math.max(ref, logG(lo + ((hi - lo) * i) / 20_000));
  const g = (th: number): number => Math.exp(logG(th) - ref);
  const gp = (th: number): number => g(th) / (1 + Math.exp(-(th + c)));
  const N = 60_000;
  const left = simpson(g, lo, t, N);
  const right = simpson(g, t, hi, N);
  const m = simpson(gp, lo, t, N) + simpson(gp, t, hi, N);
  return {
    logLik: Math.log(left + right) + ref - Math.log(tau * Math.sqrt(2 * Math.PI)),
    probAbove: right / (left + right),
    mean: m / (left + right),
  };
}

describe('Gauss-Legendre rules', () => {
  it('integrate polynomials of degree 2m - 1 exactly', () => {
    const { nodes, weights } = gaussLegendre(8);
    let s = 0;
    for (let i = 0; i < 8; i++) s += weights[i] * nodes[i] ** 14;
    expect(s).toBeCloseTo(2 / 15, 14);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(2, 14);
  });
});

describe('logit-normal-binomial conditional integrals', () => {
  it('agree with brute-force Simpson from tau = 0.05 to tau = 40', () => {
    let worst = 0;
    for (const [y, n] of [[0, 20], [20, 20], [5, 20], [0, 1], [50, 100]]) {
      for (const c of [-1.386, 0]) {
        for (const mu of [-30, -1, 1.5, 25]) {
          for (const tau of [0.05, 0.3, 5, 40]) {
            const t = -1.386 - c + 0.4;
            const a = logitNormalBinomial(y, { n, offset: c, threshold: t }, mu, tau);
            const b = brute(y, n, c, t, mu, tau);
            worst = Math.max(
              worst,
              Math.abs(a.probAbove - b.probAbove),
              Math.abs(a.mean - b.mean),
              Math.min(1, Math.abs(a.logLik - b.logLik)),
            );
          }
        }
      }
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it('collapses onto theta = mu as tau -> 0', () => {
    const spec = { n: 20, offset: -1.386, threshold: 0 };
    const r = logitNormalBinomial(6, spec, 0.3, 1e-7);
    const p = 1 / (1 + Math.exp(-(0.3 - 1.386)));
    expect(r.mean).toBeCloseTo(p, 6);
    expect(r.probAbove).toBe(1);
    expect(r.logLik - Math.log(1e-7) + 0.5 * Math.log(2 * Math.PI)).toBeGreaterThan(-Infinity);
    expect(r.logLik).toBeCloseTo(6 * Math.log(p) + 14 * Math.log(1 - p), 6);
  });
});

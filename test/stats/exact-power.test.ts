/**
 * Exact rejection probabilities (src/stats/exact-power.ts) against hand
 * computation, closed forms, R (fixture from test/fixtures/core-tests.R) and
 * brute force.
 *
 * Tolerances: enumeration results are sums of at most ~250,000 products of
 * binomial pmfs, each accurate to a few ulps, summed exactly, so they are
 * compared at 1e-12 (absolute, on probabilities). The t-test quadrature is
 * compared with R's independent adaptive quadrature and with power.t.test at
 * 1e-9 absolute (the differences seen are below 3e-12); the brute-force
 * checks use 5 Monte Carlo standard errors.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  exactRejectionProbability, exactPooledZRejectionProbability, tTestRejectionProbability, welchTPower,
  type NormalDesign, type Sided,
} from '../../src/stats/exact-power.js';
import { pooledZTest } from '../../src/stats/proportions.js';
import { fisherExactTest } from '../../src/stats/fisher.js';
import { welchTTest } from '../../src/stats/t-tests.js';
import { binomialPmf, normalCdf, normalQuantile, tQuantile } from '../../src/stats/distributions.js';
// stdlib's binomial CDF (regularised incomplete beta) is a route independent of the pmf sums under test.
import binomialCdfImpl from '@stdlib/stats-base-dists-binomial-cdf';
import { binomialMcse, expectWithinMcse } from '../helpers/mcse.js';
import { mulberry32 } from '../helpers/mulberry32.js';

const binomialCdf = (x: number, n: number, p: number): number => binomialCdfImpl(x, n, p);

interface BinaryCase {
  n1: number; p1: number; n0: number; p0: number;
  pooledZOneSided025: number; pooledZTwoSided05: number; fisherOneSided025: number;
}
interface TPowerCase extends NormalDesign { welchIntegrate: number; studentIntegrate: number; powerTTest?: number }

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/core-tests.json', import.meta.url), 'utf8'),
) as { exactPower: BinaryCase[]; tPower: TPowerCase[] };

function expectNear(actual: number, expected: number, tol: number, what: string): void {
  const err = Math.abs(actual - expected);
  expect(err <= tol, `${what}: got ${actual}, expected ${expected}, |Δ| ${err} > ${tol}`).toBe(true);
}

/** P(X1 - X0 >= k) computed a second way: Σ_{x0} b(x0; n0, p0) · P(X1 >= x0 + k), with the binomial CDF. */
function differenceTail(n1: number, p1: number, n0: number, p0: number, k: number): number {
  let s = 0;
  for (let x0 = 0; x0 <= n0; x0++) {
    const need = x0 + k; // X1 >= need
    const tail = need <= 0 ? 1 : need > n1 ? 0 : 1 - binomialCdf(need - 1, n1, p1);
    s += binomialPmf(x0, n0, p0) * tail;
  }
  return s;
}


function normalSampler(rand: () => number): () => number {
  return () => {
    let u = rand();
    while (u === 0) u = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
}

describe('exactRejectionProbability by enumeration', () => {
  it('gives 7/64 for n = 3 per arm at p = 1/2 when rejecting iff x1 - x0 >= 2 (hand-computed)', () => {
    // Rejecting outcomes (x1, x0): (2, 0), (3, 0), (3, 1) with weights
    // C(3,2)C(3,0) + C(3,3)C(3,0) + C(3,3)C(3,1) = 3 + 1 + 3 = 7 out of 2^6 = 64.
    const p = exactRejectionProbability({ n1: 3, p1: 0.5, n0: 3, p0: 0.5, reject: (a, b) => a - b >= 2 });
    expectNear(p, 7 / 64, 1e-16, 'n = 3');
  });

  it('gives 135/512 for n = 3 per arm at p1 = 1/2, p0 = 1/4 when rejecting iff x1 - x0 >= 2 (hand-computed)', () => {
    // b1(2) = 3/8, b1(3) = 1/8; b0(0) = 27/64, b0(1) = 27/64:
    // 3/8·27/64 + 1/8·27/64 + 1/8·27/64 = 135/512.
    const p = exactRejectionProbability({ n1: 3, p1: 0.5, n0: 3, p0: 0.25, reject: (a, b) => a - b >= 2 });
    expectNear(p, 135 / 512, 1e-16, 'n = 3, unequal rates');
  });

  it('equals the closed form P(X1 - X0 >= k) = Σ b(x0) P(X1 >= x0 + k) for many designs and k', () => {
    const designs = [
      [10, 0.5, 10, 0.5], [12, 0.7, 8, 0.3], [40, 0.25, 60, 0.15], [3, 0.9, 17, 0.6], [150, 0.4, 120, 0.35],
    ] as const;
    for (const [n1, p1, n0, p0] of designs) {
      for (const k of [-n0 - 1, -3, 0, 1, 2, 5, n1, n1 + 1]) {
        const enumerated = exactRejectionProbability({ n1, p1, n0, p0, reject: (a, b) => a - b >= k });
        expectNear(enumerated, differenceTail(n1, p1, n0, p0, k), 1e-12, `n1 ${n1} n0 ${n0} k ${k}`);
      }
    }
  });

  it('gives P(X1 > X0) = (1 - Σ b(x)²)/2 for identical arms, by symmetry', () => {
    for (const [n, p] of [[5, 0.3], [20, 0.5], [77, 0.12]] as const) {
      let tie = 0;
      for (let x = 0; x <= n; x++) tie += binomialPmf(x, n, p) ** 2;
      const e = exactRejectionProbability({ n1: n, p1: p, n0: n, p0: p, reject: (a, b) => a > b });
      expectNear(e, (1 - tie) / 2, 1e-14, `n ${n}`);
    }
  });

  it('gives the Binomial(n1 + n0, p) tail when rejecting iff x1 + x0 >= k with a common rate', () => {
    for (const k of [0, 7, 15, 31]) {
      const e = exactRejectionProbability({ n1: 13, p1: 0.45, n0: 17, p0: 0.45, reject: (a, b) => a + b >= k });
      const closed = k === 0 ? 1 : 1 - binomialCdf(k - 1, 30, 0.45);
      expectNear(e, closed, 1e-14, `k ${k}`);
    }
  });

  it('gives 1 for a test that always rejects and 0 for one that never does, including p = 0 and p = 1', () => {
    for (const [p1, p0] of [[0.3, 0.6], [0, 1], [1, 0], [0, 0]] as const) {
      expectNear(exactRejectionProbability({ n1: 25, p1, n0: 31, p0, reject: () => true }), 1, 1e-14, 'always');
      expect(exactRejectionProbability({ n1: 25, p1, n0: 31, p0, reject: () => false })).toBe(0);
    }
    // Degenerate rates put all mass on one outcome.
    expect(exactRejectionProbability({ n1: 4, p1: 1, n0: 6, p0: 0, reject: (a, b) => a === 4 && b === 0 })).toBe(1);
  });

  it('rejects invalid designs', () => {
    expect(() => exactRejectionProbability({ n1: 2.5, p1: 0.5, n0: 3, p0: 0.5, reject: () => true })).toThrow(RangeError);
    expect(() => exactRejectionProbability({ n1: 3, p1: 1.5, n0: 3, p0: 0.5, reject: () => true })).toThrow(RangeError);
    expect(() => exactPooledZRejectionProbability({ n1: 3, p1: 0.5, n0: 3, p0: 0.5, alpha: 0, sided: 1 })).toThrow(RangeError);
  });
});

describe('exact rejection probability of the pooled z-test and Fisher test against R', () => {
  for (const d of fixture.exactPower) {
    const name = `${d.n1} at ${d.p1} vs ${d.n0} at ${d.p0}`;
    it(`pooled z-test rejects with R's enumerated probability, one- and two-sided, for ${name}`, () => {
      expectNear(exactPooledZRejectionProbability({ ...d, alpha: 0.025, sided: 1 }), d.pooledZOneSided025, 1e-12, 'one-sided');
      expectNear(exactPooledZRejectionProbability({ ...d, alpha: 0.05, sided: 2 }), d.pooledZTwoSided05, 1e-12, 'two-sided');
    });

    it(`the decisions of pooledZTest and fisherExactTest reproduce R's enumerated probabilities for ${name}`, () => {
      const z = exactRejectionProbability({ ...d, reject: (a, b) => pooledZTest(a, d.n1, b, d.n0).pGreater < 0.025 });
      expectNear(z, d.pooledZOneSided025, 1e-12, 'pooledZTest');
      const f = exactRejectionProbability({ ...d, reject: (a, b) => fisherExactTest(a, d.n1, b, d.n0).pGreater <= 0.025 });
      expectNear(f, d.fisherOneSided025, 1e-12, 'fisherExactTest');
    });
  }

  it('pooled z-test rejects at its exact size under the null, which differs from alpha', () => {
    for (const d of fixture.exactPower.filter((u) => u.p1 === u.p0)) {
      const size = exactPooledZRejectionProbability({ ...d, alpha: 0.025, sided: 1 });
      expectNear(size, d.pooledZOneSided025, 1e-12, 'size');
      expect(size).not.toBe(0.025);
      expect(Math.abs(size - 0.025)).toBeLessThan(0.005);
    }
  });

  it('two-sided rejection is the sum of both one-sided rejections at alpha/2 (arms swapped for the lower tail)', () => {
    for (const d of fixture.exactPower) {
      const two = exactPooledZRejectionProbability({ ...d, alpha: 0.05, sided: 2 });
      const upper = exactPooledZRejectionProbability({ ...d, alpha: 0.025, sided: 1 });
      const lower = exactPooledZRejectionProbability({ n1: d.n0, p1: d.p0, n0: d.n1, p0: d.p1, alpha: 0.025, sided: 1 });
      expectNear(two, upper + lower, 1e-14, 'two = upper + lower');
    }
  });

  it('enumerates n = 500 per arm and gives a size near alpha at p = 0.3', () => {
    const size = exactPooledZRejectionProbability({ n1: 500, p1: 0.3, n0: 500, p0: 0.3, alpha: 0.025, sided: 1 });
    expect(Math.abs(size - 0.025)).toBeLessThan(0.001);
    // Power against 0.3 -> 0.4 is close to the normal approximation.
    const power = exactPooledZRejectionProbability({ n1: 500, p1: 0.4, n0: 500, p0: 0.3, alpha: 0.025, sided: 1 });
    const se1 = Math.sqrt((0.4 * 0.6 + 0.3 * 0.7) / 500);
    const se0 = Math.sqrt((2 * 0.35 * 0.65) / 500);
    const approx = normalCdf((0.1 - normalQuantile(0.975) * se0) / se1);
    expectNear(power, approx, 0.01, 'normal approximation');
  });
});

describe('t-test rejection probability by quadrature', () => {
  for (const d of fixture.tPower) {
    const name = `n ${d.n1}/${d.n0}, delta ${d.delta}, sd ${d.sd1}/${d.sd0}, alpha ${d.alpha}, ${d.sided}-sided`;
    it(`Welch matches R's nested adaptive quadrature for ${name}`, () => {
      expectNear(welchTPower(d), d.welchIntegrate, 1e-9, 'Welch');
    });

    it(`Student matches R's nested adaptive quadrature for ${name}`, () => {
      expectNear(tTestRejectionProbability({ ...d, test: 'student' }), d.studentIntegrate, 1e-9, 'Student');
    });

    if (d.powerTTest !== undefined) {
      it(`Student equals R's noncentral-t power.t.test(strict = TRUE) with equal variances for ${name}`, () => {
        expectNear(tTestRejectionProbability({ ...d, test: 'student' }), d.powerTTest!, 1e-9, 'power.t.test');
      });
    }
  }

  it('Welch power is below power.t.test with equal variances, by 6e-3 at n = 10 shrinking to 7e-6 at n = 250', () => {
    // Same SE when n1 = n0; Welch's random df <= n1 + n0 - 2 widen its critical value.
    const diffs = fixture.tPower
      .filter((d) => d.powerTTest !== undefined)
      .map((d) => ({ n: d.n1, diff: welchTPower(d) - d.powerTTest! }));
    for (const { diff } of diffs) expect(diff).toBeLessThan(0);
    const at = (n: number) => diffs.find((d) => d.n === n)!.diff;
    expectNear(at(10), -0.005666, 1e-5, 'n = 10');
    expectNear(at(100), -4.759e-5, 1e-7, 'n = 100');
    expectNear(at(250), -7.35e-6, 1e-7, 'n = 250');
  });

  it('is converged: halving the quadrature step changes the result by less than 1e-10', () => {
    for (const d of fixture.tPower) {
      for (const test of ['welch', 'student'] as const) {
        const a = tTestRejectionProbability({ ...d, test });
        const b = tTestRejectionProbability({ ...d, test }, { step: 0.1 });
        expectNear(a, b, 1e-10, `${test} n ${d.n1}/${d.n0}`);
      }
    }
  });

  it('two-sided rejection is unchanged by swapping the arms and the sign of delta', () => {
    const d: NormalDesign = { n1: 7, n0: 16, delta: 0.8, sd1: 1.7, sd0: 0.9, alpha: 0.05, sided: 2 };
    const swapped: NormalDesign = { n1: 16, n0: 7, delta: -0.8, sd1: 0.9, sd0: 1.7, alpha: 0.05, sided: 2 };
    const flipped: NormalDesign = { ...d, delta: -0.8 };
    expectNear(welchTPower(swapped), welchTPower(d), 1e-12, 'swap');
    expectNear(welchTPower(flipped), welchTPower(d), 1e-12, 'flip');
  });

  it('approaches the known-variance normal power as n grows', () => {
    const d: NormalDesign = { n1: 2000, n0: 1500, delta: 0.1, sd1: 1.2, sd0: 0.8, alpha: 0.025, sided: 1 };
    const tau = Math.sqrt(1.44 / 2000 + 0.64 / 1500);
    const z = normalCdf(d.delta / tau - normalQuantile(0.975));
    const w = welchTPower(d);
    expect(w).toBeLessThan(z);
    expectNear(w, z, 5e-4, 'large n');
  });

  it('agrees with a brute-force conditional Monte Carlo over simulated sample variances', () => {
    // Draw V_i ~ chi-square(n_i - 1) as sums of squared normals, then average
    // the exact conditional rejection probability given the variances.
    const rand = mulberry32(11);
    const norm = normalSampler(rand);
    const cases: Array<NormalDesign> = [
      { n1: 6, n0: 9, delta: 1, sd1: 1.5, sd0: 0.6, alpha: 0.05, sided: 2 },
      { n1: 4, n0: 4, delta: 0, sd1: 1, sd0: 1, alpha: 0.025, sided: 1 },
    ];
    for (const d of cases) {
      const reps = 40_000;
      const tau = Math.sqrt(d.sd1 ** 2 / d.n1 + d.sd0 ** 2 / d.n0);
      let sum = 0, sum2 = 0;
      for (let r = 0; r < reps; r++) {
        let v1 = 0, v0 = 0;
        for (let i = 0; i < d.n1 - 1; i++) v1 += norm() ** 2;
        for (let i = 0; i < d.n0 - 1; i++) v0 += norm() ** 2;
        const t = welchTTest(
          { mean: 0, variance: (d.sd1 ** 2 * v1) / (d.n1 - 1), n: d.n1 },
          { mean: 0, variance: (d.sd0 ** 2 * v0) / (d.n0 - 1), n: d.n0 },
        );
        // welchTTest(0 difference) supplies the SE and df; the critical
        // difference is t_q(df)·se, and D ~ N(delta, tau²).
        const q = d.sided === 1 ? 1 - d.alpha : 1 - d.alpha / 2;
        const zq = tQuantile(q, t.df);
        const c = zq * t.difference.se;
        let p = normalCdf((d.delta - c) / tau);
        if (d.sided === 2) p += normalCdf((-c - d.delta) / tau);
        sum += p;
        sum2 += p * p;
      }
      const mean = sum / reps;
      const se = Math.sqrt((sum2 / reps - mean * mean) / reps);
      expectWithinMcse(welchTPower(d), mean, { mcse: se, what: 'conditional MC' });
    }
  });

  it('agrees with a brute-force simulation of raw normal data analysed by welchTTest', () => {
    const rand = mulberry32(12);
    const norm = normalSampler(rand);
    const d: NormalDesign = { n1: 5, n0: 12, delta: 1.2, sd1: 1.4, sd0: 0.8, alpha: 0.05, sided: 2 };
    const reps = 40_000;
    let rejections = 0;
    for (let r = 0; r < reps; r++) {
      const arm = (n: number, mu: number, sd: number) => {
        let s = 0, s2 = 0;
        const xs: number[] = [];
        for (let i = 0; i < n; i++) xs.push(mu + sd * norm());
        for (const x of xs) s += x;
        const mean = s / n;
        for (const x of xs) s2 += (x - mean) ** 2;
        return { mean, variance: s2 / (n - 1), n };
      };
      if (welchTTest(arm(d.n1, d.delta, d.sd1), arm(d.n0, 0, d.sd0)).pTwoSided < d.alpha) rejections++;
    }
    const exact = welchTPower(d);
    expectWithinMcse(rejections / reps, exact, { mcse: binomialMcse(exact, reps), what: 'raw-data simulation' });
  });

  it('rejects invalid designs', () => {
    const ok: NormalDesign = { n1: 5, n0: 5, delta: 1, sd1: 1, sd0: 1, alpha: 0.05, sided: 2 as Sided };
    expect(() => welchTPower({ ...ok, n1: 1 })).toThrow(RangeError);
    expect(() => welchTPower({ ...ok, sd0: 0 })).toThrow(RangeError);
    expect(() => welchTPower({ ...ok, alpha: 1 })).toThrow(RangeError);
  });
});

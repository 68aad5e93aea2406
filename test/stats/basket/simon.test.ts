import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  simonDesigns,
  simonOperatingCharacteristics,
  type SimonDesign,
} from '../../../src/stats/basket/simon.js';
import { binomialUpperTail } from '../../../src/stats/basket/exact-binomial.js';
import { expectSimonDesign } from '../../helpers/simon.js';

/**
 * Published designs, Simon (1989) Table 1, alpha = 0.05, beta = 0.20
 * (r1/n1, r/n, EN(p0), PET(p0), printed to 1 and 2 decimals). The optimal
 * designs for p0 = 0.1..0.4 also appear in public test suites that quote the
 * table; every row is reproduced independently by the naive R enumeration
 * in test/fixtures/basket-exact.R.
 */
const published = [
  { p0: 0.05, p1: 0.25, optimal: [0, 9, 2, 17, 12.0, 0.63], minimax: [0, 12, 2, 16, 13.8, 0.54] },
  { p0: 0.1, p1: 0.3, optimal: [1, 10, 5, 29, 15.0, 0.74], minimax: [1, 15, 5, 25, 19.5, 0.55] },
  { p0: 0.2, p1: 0.4, optimal: [3, 13, 12, 43, 20.6, 0.75], minimax: [4, 18, 10, 33, 22.3, 0.72] },
  { p0: 0.3, p1: 0.5, optimal: [5, 15, 18, 46, 23.6, 0.72], minimax: [6, 19, 16, 39, 25.7, 0.67] },
  { p0: 0.4, p1: 0.6, optimal: [7, 16, 23, 46, 24.5, 0.72], minimax: [17, 34, 20, 39, 34.4, 0.91] },
];

interface FixtureDesign extends SimonDesign { en0: number; pet0: number; typeIError: number; power: number }
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/basket-exact.json', import.meta.url), 'utf8'),
) as {
  simon: { p0: number; p1: number; optimal: FixtureDesign; minimax: FixtureDesign }[];
  simonOC: (SimonDesign & {
    trueRates: number[]; rejectionProbability: number[]; probEarlyTermination: number[];
    expectedSampleSize: number[];
  })[];
};

function expectDesign(
  got: { r1: number; n1: number; r: number; n: number; en0: number; pet0: number } | null,
  want: number[],
): void {
  expect(got).not.toBeNull();
  const d = got!;
  expect([d.r1, d.n1, d.r, d.n]).toEqual(want.slice(0, 4));
  expect(d.en0.toFixed(1)).toBe(want[4].toFixed(1));
  expect(d.pet0.toFixed(2)).toBe(want[5].toFixed(2));
}

describe('Simon two-stage designs', () => {
  for (const row of published) {
    it(`reproduces Simon (1989) for p0 = ${row.p0}, p1 = ${row.p1}`, () => {
      const res = simonDesigns({ p0: row.p0, p1: row.p1, alpha: 0.05, power: 0.8, maxN: 60 });
      expectDesign(res.optimal, row.optimal);
      expectDesign(res.minimax, row.minimax);
      expect(res.optimal!.typeIError).toBeLessThanOrEqual(0.05);
      expect(res.optimal!.power).toBeGreaterThanOrEqual(0.8);
    });
  }

  it('agrees with the naive R enumeration to full precision', () => {
    for (const f of fixture.simon) {
      const res = simonDesigns({ p0: f.p0, p1: f.p1, alpha: 0.05, power: 0.8, maxN: 60 });
      for (const kind of ['optimal', 'minimax'] as const) {
        expectSimonDesign(res[kind]!, f[kind]);
      }
    }
  });

  it('searches up to n = 100 and finds the designs', () => {
    // Speed is judged by `npm run bench`, not by timed tests.
    const res = simonDesigns({ p0: 0.2, p1: 0.35, alpha: 0.05, power: 0.8, maxN: 100 });
    expect(res.optimal).not.toBeNull();
    expect(res.minimax).not.toBeNull();
    expect(res.optimal!.n).toBeLessThanOrEqual(100);
  });

  it('returns null designs when nothing fits under maxN', () => {
    const res = simonDesigns({ p0: 0.2, p1: 0.3, alpha: 0.05, power: 0.9, maxN: 30 });
    expect(res.optimal).toBeNull();
    expect(res.minimax).toBeNull();
  });
});

describe('Simon operating characteristics', () => {
  it('matches direct summation in R', () => {
    for (const f of fixture.simonOC) {
      f.trueRates.forEach((p, i) => {
        const oc = simonOperatingCharacteristics(f, p);
        expect(oc.rejectionProbability).toBeCloseTo(f.rejectionProbability[i], 12);
        expect(oc.probEarlyTermination).toBeCloseTo(f.probEarlyTermination[i], 12);
        expect(oc.expectedSampleSize).toBeCloseTo(f.expectedSampleSize[i], 10);
      });
    }
  });

  it('with r1 = -1 (no futility stop) is the single-stage exact test', () => {
    const d = { r1: -1, n1: 10, r: 5, n: 29 };
    const oc = simonOperatingCharacteristics(d, 0.1);
    expect(oc.probEarlyTermination).toBe(0);
    expect(oc.expectedSampleSize).toBe(29);
    expect(oc.rejectionProbability).toBeCloseTo(binomialUpperTail(6, 29, 0.1), 13);
  });

  it('PET, power and EN move the right way with p, and sum identities hold', () => {
    const d = { r1: 1, n1: 10, r: 5, n: 29 };
    let prev = simonOperatingCharacteristics(d, 0.02);
    for (let p = 0.05; p < 0.9; p += 0.05) {
      const oc = simonOperatingCharacteristics(d, p);
      expect(oc.rejectionProbability).toBeGreaterThan(prev.rejectionProbability);
      expect(oc.probEarlyTermination).toBeLessThan(prev.probEarlyTermination);
      expect(oc.expectedSampleSize).toBeGreaterThan(prev.expectedSampleSize);
      // rejection needs continuing: reject <= 1 - PET
      expect(oc.rejectionProbability).toBeLessThanOrEqual(1 - oc.probEarlyTermination + 1e-15);
      prev = oc;
    }
  });
});

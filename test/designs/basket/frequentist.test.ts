/**
 * The p-values the frequentist basket analyses report (frequentist.ts):
 * Simon's two-stage p-value under the stage-wise ordering equals the sum
 * over every (stage-1, stage-2) outcome at least as extreme, enumerated here
 * one by one; at r + 1 responders it is the design's attained alpha, so it
 * is at most alpha exactly when the design rejects; the single-stage exact
 * p-value is R's binom.test (where R is installed).
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { simonPValues } from '../../../src/designs/basket/frequentist.js';
import { simonOperatingCharacteristics, binomialPmfVector, upperTailsFromPmf, type SimonDesign } from '../../../src/stats/basket/index.js';

/** P(an outcome at least as extreme as (stage, count)): any that went on beats any stop; within a stage, more responders. */
function enumerated(d: SimonDesign, p0: number, stage: 1 | 2, count: number): number {
  const first = binomialPmfVector(d.n1, p0), second = binomialPmfVector(d.n - d.n1, p0);
  let p = 0;
  for (let x1 = 0; x1 <= d.n1; x1++) {
    if (x1 <= d.r1) { if (stage === 1 && x1 >= count) p += first[x1]; continue; }
    for (let x2 = 0; x2 <= d.n - d.n1; x2++) if (stage === 1 || x1 + x2 >= count) p += first[x1] * second[x2];
  }
  return p;
}

describe("Simon's two-stage p-value", () => {
  const designs: [SimonDesign, number][] = [[{ r1: 1, n1: 10, r: 5, n: 29 }, 0.1], [{ r1: 3, n1: 13, r: 12, n: 43 }, 0.2], [{ r1: 0, n1: 5, r: 2, n: 12 }, 0.05]];
  for (const [d, p0] of designs) {
    it(`${d.r1}/${d.n1}, ${d.r}/${d.n} at p0 = ${p0}: the enumeration of outcomes at least as extreme`, () => {
      const { stopped, completed } = simonPValues(d, p0);
      for (let y1 = 0; y1 <= d.r1; y1++) expect(Math.abs(stopped[y1] - enumerated(d, p0, 1, y1))).toBeLessThan(1e-14);
      for (let y = d.r1 + 1; y <= d.n; y++) expect(Math.abs(completed[y] - enumerated(d, p0, 2, y)) / enumerated(d, p0, 2, y)).toBeLessThan(1e-12);
      const attained = simonOperatingCharacteristics(d, p0).rejectionProbability;
      expect(Math.abs(completed[d.r + 1] - attained) / attained).toBeLessThan(1e-12);
      // Every stop is less extreme than every outcome that went on: its p-value is at least P(X1 > r1).
      expect(stopped[d.r1]).toBeGreaterThan(completed[d.r1 + 1] - 1e-15);
    });
  }
});

describe('the exact binomial p-value', () => {
  it.runIf(spawnSync('Rscript', ['--version']).status === 0)("is R's binom.test(y, n, p0, 'greater')", () => {
    const tails = upperTailsFromPmf(binomialPmfVector(25, 0.15));
    const ys = [0, 3, 7, 12, 20];
    const r = spawnSync('Rscript', ['-e', `cat(sprintf("%.17g", sapply(c(${ys.join(',')}), function(y) binom.test(y, 25, 0.15, alternative = "greater")$p.value)))`], { encoding: 'utf8' });
    const expected = r.stdout.trim().split(' ').map(Number);
    ys.forEach((y, j) => expect(Math.abs(tails[y] - expected[j]) / expected[j]).toBeLessThan(1e-12));
  });
});

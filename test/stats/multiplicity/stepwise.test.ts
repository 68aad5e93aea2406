/**
 * Bonferroni / Holm / Hochberg against R's p.adjust (fixture written by
 * test/fixtures/dunnett.R, key `pAdjust`), plus the nesting of rejections
 * Bonferroni ⊆ Holm ⊆ Hochberg as a property test.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bonferroni,
  bonferroniAdjust,
  hochberg,
  hochbergAdjust,
  holm,
  holmAdjust,
} from '../../../src/stats/multiplicity/index.js';

interface PAdjustCase {
  p: number[];
  bonferroni: number[];
  holm: number[];
  hochberg: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/dunnett.json', import.meta.url), 'utf8')) as {
  pAdjust: PAdjustCase[];
};

describe('adjusted p-values equal R p.adjust', () => {
  it.each(fixture.pAdjust.map((c) => [c.p.join(', '), c] as const))('p = [%s]', (_name, c) => {
    const check = (ours: number[], r: number[]): void => {
      expect(ours).toHaveLength(r.length);
      ours.forEach((x, i) => expect(x).toBeCloseTo(r[i]!, 14));
    };
    check(bonferroniAdjust(c.p), c.bonferroni);
    check(holmAdjust(c.p), c.holm);
    check(hochbergAdjust(c.p), c.hochberg);
  });
});

describe('decisions', () => {
  it('textbook example: Holm rejects more than Bonferroni, Hochberg more than Holm', () => {
    // p = (0.01, 0.02, 0.04), alpha 0.05. Bonferroni: 0.05/3 -> rejects only H1.
    // Holm: 0.01 <= 0.0167, 0.02 <= 0.025, 0.04 > 0.05? no, 0.04 <= 0.05 -> all three.
    const p = [0.01, 0.02, 0.04];
    expect(bonferroni(p, 0.05).rejected).toEqual([true, false, false]);
    expect(holm(p, 0.05).rejected).toEqual([true, true, true]);
    // p = (0.03, 0.04, 0.045): Holm stops at step 1 (0.03 > 0.0167); Hochberg step-up: 0.045 <= 0.05 -> all.
    const q = [0.03, 0.04, 0.045];
    expect(holm(q, 0.05).rejected).toEqual([false, false, false]);
    expect(hochberg(q, 0.05).rejected).toEqual([true, true, true]);
  });

  it('a single hypothesis is tested at alpha by all three', () => {
    for (const f of [bonferroni, holm, hochberg]) {
      expect(f([0.049], 0.05).rejected).toEqual([true]);
      expect(f([0.051], 0.05).rejected).toEqual([false]);
    }
  });

  it('rejections are nested Bonferroni ⊆ Holm ⊆ Hochberg and adjusted p-values ordered', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0.001, max: 0.2, noNaN: true }),
        (p, alpha) => {
          const b = bonferroni(p, alpha);
          const h = holm(p, alpha);
          const s = hochberg(p, alpha);
          p.forEach((_, i) => {
            if (b.rejected[i]) expect(h.rejected[i]).toBe(true);
            if (h.rejected[i]) expect(s.rejected[i]).toBe(true);
            expect(s.adjusted[i]!).toBeLessThanOrEqual(h.adjusted[i]! + 1e-15);
            expect(h.adjusted[i]!).toBeLessThanOrEqual(b.adjusted[i]! + 1e-15);
            expect(h.adjusted[i]!).toBeGreaterThanOrEqual(p[i]!);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects invalid input', () => {
    expect(() => holm([0.5, 1.2], 0.05)).toThrow();
    expect(() => hochberg([Number.NaN], 0.05)).toThrow();
    expect(() => bonferroni([0.01], 0)).toThrow();
  });
});

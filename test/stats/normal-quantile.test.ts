/** The normal quantile matches R's qnorm to 1e-14 relative error, far into the tails. */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { normalQuantile, normalCdf } from '../../src/stats/distributions.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/normal-quantile.json', import.meta.url), 'utf8')) as { p: string[]; q: string[] };

describe('normal quantile', () => {
  it('matches R qnorm to 1e-14 relative error from p = 1e-300 to 1 - 1e-10', () => {
    fixture.p.forEach((ps, k) => {
      const q = Number(fixture.q[k]);
      const got = normalQuantile(Number(ps));
      if (q === 0) expect(got).toBe(0);
      else expect(Math.abs(got - q) / Math.abs(q)).toBeLessThan(1e-14);
    });
  });

  it('inverts the normal CDF and gives the infinities at 0 and 1', () => {
    for (const z of [-5, -1.96, -0.3, 0.7, 2.5]) expect(normalQuantile(normalCdf(z))).toBeCloseTo(z, 12);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });
});

/** Upper-tail p-values used by the regression tests against R's pchisq / pf / pt (lower.tail = FALSE), to 1e-9 relative. */
import { describe, expect, it } from 'vitest';
import { chiSquareUpper } from '../../../src/stats/distributions.js';
import { fUpperTail, twoSidedTP } from '../../../src/stats/regression/tails.js';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('chiSquareUpper', () => {
  const x = [0.5, 3, 10, 45, 120];
  const R: Record<number, number[]> = {
    1: [4.7950012218695348e-1, 8.3264516663550558e-2, 1.5654022580025519e-3, 1.9703444711799158e-11, 6.3260682636772604e-28],
    2: [7.7880078307140488e-1, 2.2313016014842982e-1, 6.737946999085467e-3, 1.6918979226151304e-10, 8.75651076269652e-27],
    3: [9.1889141165467592e-1, 3.9162517627108911e-1, 1.8566135463043233e-2, 9.2527021045372775e-10, 7.7167903556341579e-26],
    5: [9.921232932326296e-1, 6.999858358786275e-1, 7.5235246146512197e-2, 1.4508771696582655e-8, 3.1385797727552966e-24],
    10: [9.9999338828943896e-1, 9.8142406377785929e-1, 4.4049328506521246e-1, 2.1747272576671793e-6, 5.0600460658425747e-21],
  };
  for (const [df, expected] of Object.entries(R)) {
    it(`matches pchisq(x, ${df}, lower.tail = FALSE), including far tails`, () => {
      expected.forEach((p, i) => expect(rel(chiSquareUpper(x[i]!, Number(df)), p)).toBeLessThan(1e-9));
    });
  }
  it('is 1 at and below 0', () => {
    expect(chiSquareUpper(0, 3)).toBe(1);
    expect(chiSquareUpper(-1, 1)).toBe(1);
  });
});

describe('fUpperTail and twoSidedTP', () => {
  it('match pf(f, df1, df2, lower.tail = FALSE)', () => {
    const f = [0.7, 3.2, 25];
    [5.0304199738283928e-1, 5.2260300095559369e-2, 1.3509078389890234e-7].forEach((p, i) =>
      expect(rel(fUpperTail(f[i]!, 2, 37), p)).toBeLessThan(1e-9));
    [5.5250129746832588e-1, 2.3358785085570669e-2, 7.8304642282825408e-15].forEach((p, i) =>
      expect(rel(fUpperTail(f[i]!, 3, 396), p)).toBeLessThan(1e-9));
  });
  it('matches 2 * pt(-|t|, 50)', () => {
    [7.6542088025530319e-1, 1.5744958273119995e-2, 4.921845781466743e-12].forEach((p, i) =>
      expect(rel(twoSidedTP([0.3, -2.5, 9][i]!, 50), p)).toBeLessThan(1e-9));
  });
});

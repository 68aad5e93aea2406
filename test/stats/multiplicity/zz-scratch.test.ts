import { test } from 'vitest';
import { exceedance } from '../../../src/stats/multiplicity/dunnett-probability.js';
import { tCdf } from '../../../src/stats/distributions.js';
test('self', () => {
  let worst = 0, worstRel = 0;
  for (const df of [1, 1.5, 2, 2.5, 3, 3.7, 5, 10, 30, 100, 1000, 1e5, 1e7]) for (const lam of [0, 0.7, 0.99]) for (let c = -4; c <= 12; c += 0.5) for (const s of [1, 2] as const) {
    const e = exceedance(c, [lam], s, df);
    const ref = s === 1 ? 1 - tCdf(c, df) : (c <= 0 ? 1 : 2 * tCdf(-c, df));
    const refU = s === 1 ? tCdf(-c, df) : ref;
    worst = Math.max(worst, Math.abs(e - refU));
    if (refU > 1e-300) worstRel = Math.max(worstRel, Math.abs(e / refU - 1));
    if (Math.abs(e - refU) > 1e-12) console.log('BAD', df, lam, c, s, e, refU);
  }
  console.log('WORST', worst, worstRel);
});

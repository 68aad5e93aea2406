import { test } from 'vitest';
import { exceedance } from '../../../src/stats/multiplicity/dunnett-probability.js';
test('self', () => {
  const lam = [[Math.SQRT1_2, Math.SQRT1_2, Math.SQRT1_2], [0.3, 0.6, 0.9], [0.99, 0.95]];
  const out: number[] = [];
  for (const df of [1, 2, 3, 5, 10, 30, 200, 5000]) for (const l of lam) for (let c = -3; c <= 7; c += 0.73) for (const s of [1, 2] as const) out.push(exceedance(c, l, s, df));
  console.log('VALS', JSON.stringify(out));
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) exceedance(2 + i * 1e-4, lam[0]!, 1, 20);
  console.log('TIME us', (performance.now() - t0) / 20 * 1000);
});

import { test } from 'vitest';
import { normalExceedance } from '../../../src/stats/multiplicity/dunnett-probability.js';
test('self', () => {
  const lam = [[Math.SQRT1_2, Math.SQRT1_2, Math.SQRT1_2], [0.3, 0.6, 0.9], [0.99, 0.95], [0.995, 0.2, 0.5, 0.7, 0.8], [0, 0.1]];
  const out: number[][] = [];
  for (const l of lam) for (let c = -3; c <= 7; c += 0.37) for (const s of [1, 2] as const) out.push([normalExceedance(c, l, s)]);
  console.log('VALS', JSON.stringify(out.map(x => x[0])));
  const t0 = performance.now();
  for (let i = 0; i < 2000; i++) normalExceedance(2 + i * 1e-4, lam[0]!, 1);
  console.log('TIME us', (performance.now() - t0) / 2000 * 1000);
});

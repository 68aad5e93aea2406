import { it } from 'vitest';
import { exactPooledZRejectionProbability } from '../../src/stats/exact-power.js';
it('exact', () => {
  for (const [p0, p1] of [[0.3, 0.5], [0.3, 0.45]]) {
    const out: string[] = [];
    for (let N = 120; N <= 400; N += 4) {
      const m = N / 2;
      const p = exactPooledZRejectionProbability({ n1: m, p1, n0: m, p0, alpha: 0.05, sided: 2 });
      if (p > 0.77 && p < 0.83) out.push(`${N}:${p.toFixed(4)}`);
    }
    console.log(p0, p1, out.join(' '));
  }
});

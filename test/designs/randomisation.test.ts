/**
 * Permuted blocks (src/designs/randomisation.ts): the default block is the
 * smallest that balances the allocation ratios, and every block of any
 * allowed size holds the arms exactly in ratio.
 */
import { describe, it, expect } from 'vitest';
import { buildRandomiser, smallestBalancedBlock } from '../../src/designs/randomisation.js';
import { Cohort } from '../../src/population/cohort.js';
import { ReplicateStreams } from '../../src/random/stream.js';

describe('permuted blocks', () => {
  it('the smallest balanced block is the ratios\' sum over their greatest common divisor', () => {
    expect(smallestBalancedBlock([1, 1])).toBe(2);
    expect(smallestBalancedBlock([2, 1])).toBe(3);
    expect(smallestBalancedBlock([2, 2])).toBe(2);
    expect(smallestBalancedBlock([4, 2, 2])).toBe(4);
    expect(smallestBalancedBlock([3, 2, 1])).toBe(6);
    expect(smallestBalancedBlock([5])).toBe(1);
  });

  for (const [ratios, blockSize] of [[[2, 1], undefined], [[2, 2], undefined], [[4, 2, 2], 8], [[3, 2, 1], 12]] as [number[], number | undefined][]) {
    it(`every block of ${blockSize ?? 'the default size'} for ${ratios.join(':')} holds the arms in ratio`, () => {
      const size = blockSize ?? smallestBalancedBlock(ratios);
      const r = buildRandomiser({ method: 'permuted-block', ratios, blockSize, strata: [] });
      const source = new ReplicateStreams(7, 1).allocation;
      const cohort = new Cohort(1, 0);
      const total = ratios.reduce((a, b) => a + b, 0);
      for (let block = 0; block < 50; block++) {
        const counts = ratios.map(() => 0);
        for (let i = 0; i < size; i++) counts[r.assign(source, cohort, 0)]++;
        expect(counts).toEqual(ratios.map((x) => (x * size) / total));
      }
    });
  }
});

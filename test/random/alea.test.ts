/**
 * trialsim's Alea is seedrandom's, draw for draw: started from the same
 * state, both give the same doubles (exact comparison), so replacing the
 * dependency moved no stream and no result. A ReplicateStreams moved from
 * replicate to replicate gives each replicate the streams a new one would,
 * through the same functions.
 */
import { describe, it, expect } from 'vitest';
import seedrandom from 'seedrandom';
import { Alea } from '../../src/random/alea.js';
import { ReplicateStreams, stream } from '../../src/random/stream.js';

describe('the Alea generator', () => {
  it.each([
    [0.5322723458521068, 0.8961241627112031, 0.9288591768126935],
    [0, 0, 0],
    [0.9999999997671694, 0.9999999997671694, 0.9999999997671694],
    [2.3283064365386963e-10, 0.25, 0.75],
  ])('started at (%d, %d, %d) gives seedrandom\'s 100,000 draws exactly', (s0, s1, s2) => {
    const reference = seedrandom.alea('', { state: { s0, s1, s2, c: 1 } });
    const ours = new Alea();
    ours.restart(s0, s1, s2);
    for (let k = 0; k < 100_000; k++) {
      const want = reference(), got = ours.next();
      if (got !== want) expect([k, got]).toEqual([k, want]);
    }
  });
});

describe('replicate streams moved from replicate to replicate', () => {
  it('give each replicate the draws of new streams for it, from the same functions', () => {
    const moved = new ReplicateStreams(2026, 1);
    const patients = moved.patients, allocation = moved.allocation;
    for (const r of [1, 2, 2, 7, 2 ** 33 + 1]) {
      moved.moveTo(r);
      const fresh = new ReplicateStreams(2026, r);
      // Only some purposes are read in a replicate: the others still restart when next read.
      const draws = (s: ReplicateStreams) => [s.patients(), s.patients(), ...(r % 2 ? [s.allocation()] : []), s.analysis()];
      expect(draws(moved)).toEqual(draws(fresh));
      expect(moved.replicate).toBe(r);
      expect(moved.patients).toBe(patients);
      expect(moved.allocation).toBe(allocation);
    }
  });

  it('restart a stream on a move, even to the same replicate, and not when it is read again within one', () => {
    const s = new ReplicateStreams(5, 3);
    const first = [s.patients(), s.patients()];
    expect(first).toEqual(take(stream(5, 3, 'patients'), 2));
    s.moveTo(3);
    expect(s.patients()).toBe(first[0]);
  });
});

function take(draw: () => number, n: number): number[] {
  return Array.from({ length: n }, () => draw());
}

/**
 * The sequential trial's counter-based uniforms (src/designs/sequential/
 * trial.ts keyedUniform): the mixer's two rounds written out give the same
 * bits as composing mix32 (lowbias32, src/random/stream.ts), for keys over
 * the whole 32-bit range, and every uniform lies strictly inside (0, 1).
 */
import { describe, it, expect } from 'vitest';
import { keyedUniform } from '../../../src/designs/sequential/trial.js';
import { mix32, stream } from '../../../src/random/stream.js';

describe('keyed uniforms', () => {
  it('are (mix32(mix32(a ^ (counter + 1) phi) ^ b) + 0.5) / 2^32, bit for bit', () => {
    const u = stream(9, 1, 'patients');
    for (let r = 0; r < 20_000; r++) {
      const a = Math.floor(u() * 4294967296), b = Math.floor(u() * 4294967296), counter = Math.floor(u() * 60);
      const composed = (mix32(mix32(a ^ Math.imul(counter + 1, 0x9e3779b9)) ^ b) + 0.5) / 4294967296;
      const got = keyedUniform(a, b, counter);
      if (!Object.is(got, composed)) expect(got, `a ${a}, b ${b}, counter ${counter}`).toBe(composed);
      expect(got > 0 && got < 1).toBe(true);
    }
    // The extremes of the keys' range.
    for (const [a, b] of [[0, 0], [4294967295, 4294967295], [2147483648, 2147483647]]) {
      expect(keyedUniform(a, b, 3)).toBe((mix32(mix32(a ^ Math.imul(4, 0x9e3779b9)) ^ b) + 0.5) / 4294967296);
    }
  });
});

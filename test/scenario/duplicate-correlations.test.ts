/**
 * A correlation pair listed twice (in either order) is refused naming both
 * key paths; before, the last one silently won.
 */
import { describe, it, expect } from 'vitest';
import { scenario } from '../helpers/scenarios.js';

function withCorrelations(correlations: { between: [string, string]; rho: number }[]) {
  return () => scenario({
    name: 'duplicate pair',
    population: {
      biomarkers: [{ id: 'a', type: 'continuous', mean: 0, sd: 1 }, { id: 'b', type: 'binary', prevalence: 0.5 }, { id: 'c', type: 'binary', prevalence: 0.3 }],
      correlations,
    },
    endpoint: { type: 'binary', intercept: 0 },
    arms: { control: {}, drug: { effect: 0.3, interactions: { b: 0.5 } } },
    design: { type: 'two-arm', sampleSize: 100, analysis: { primary: { test: 'z-pooled' }, subgroups: ['b'] } },
  });
}

describe('duplicate correlation pairs', () => {
  it('the same pair in the opposite order is refused naming both entries', () => {
    expect(withCorrelations([{ between: ['a', 'b'], rho: 0.5 }, { between: ['b', 'a'], rho: -0.5 }]))
      .toThrow(/population\.correlations\[1\]\.between: the pair b, a is already given at population\.correlations\[0\]; give each pair once/);
  });

  it('the same pair in the same order, even with the same rho, is refused', () => {
    expect(withCorrelations([{ between: ['a', 'c'], rho: 0.2 }, { between: ['a', 'b'], rho: 0.1 }, { between: ['a', 'c'], rho: 0.2 }]))
      .toThrow(/population\.correlations\[2\]\.between: the pair a, c is already given at population\.correlations\[0\]/);
  });

  it('distinct pairs are accepted', () => {
    expect(withCorrelations([{ between: ['a', 'b'], rho: 0.2 }, { between: ['b', 'c'], rho: 0.1 }])).not.toThrow();
  });
});

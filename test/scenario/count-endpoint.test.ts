/**
 * Count endpoints are refused at validate time where they cannot mean what
 * they say: a negative binomial without its dispersion, a dispersion on
 * Poisson counts, an exposure range running downwards, coefficients beyond
 * the log-rate scale's bound, and designs that do not analyse counts.
 */
import { describe, it, expect } from 'vitest';
import { refusalOf, editorOf } from '../helpers/scenarios.js';

const VALID = `name: counts
endpoint: { type: count, distribution: negative-binomial, rate: 1.5, dispersion: 0.5, exposure: { min: 0.5, max: 1 } }
arms: { control: {}, drug: { effect: -0.3 } }
design: { type: two-arm, sampleSize: 200, analysis: { primary: { test: nb-wald } } }
`;

const problems = refusalOf;
const edit = editorOf(VALID);

describe('count endpoints at validate time', () => {
  it('the valid example loads', () => expect(problems(VALID)).toBe(''));
  it.each([
    ['a negative binomial without dispersion', edit(', dispersion: 0.5', ''), /endpoint\.dispersion: required for negative-binomial counts/],
    ['a dispersion on Poisson counts', edit('negative-binomial', 'poisson'), /endpoint\.dispersion: applies to negative-binomial counts only/],
    ['an exposure range running downwards', edit('{ min: 0.5, max: 1 }', '{ min: 1, max: 0.5 }'), /endpoint\.exposure\.max: expected at least min \(1\), found 0\.5/],
    ['an effect beyond the log-rate bound', edit('effect: -0.3', 'effect: -80'), /arms\.drug\.effect: expected a number from -50 to 50 on the log-rate scale, found -80/],
    ['a test for another endpoint', edit('test: nb-wald', 'test: log-rank'), /design\.analysis\.primary\.test: expected a test for a count endpoint \(poisson-wald, poisson-lr, nb-wald, nb-lr\), found "log-rank"/],
    ['a MAMS design', edit('design: { type: two-arm, sampleSize: 200, analysis: { primary: { test: nb-wald } } }', 'design: { type: mams, stages: { arm: [50, 50] } }'), /endpoint\.type: a mams design analyses binary or continuous endpoints/],
  ])('%s', (_, text, expected) => {
    expect(problems(text as string)).toMatch(expected as RegExp);
  });
});
